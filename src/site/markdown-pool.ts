/**
 * Convert many bodies at once, shared between worker threads and this thread. Workers get all
 * bodies when they start and claim chunks from a shared counter, so they convert while this thread
 * does other work (the build draws diagrams meanwhile); this thread joins in when it awaits.
 * Small batches stay in this thread (a worker costs ~100 ms to start and load unified). When a
 * worker cannot start or fails (e.g. TypeScript sources run without a loader), this thread
 * converts what is left: the result is the same, only slower.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { markdownToHtml } from './markdown.js';
import type { Language } from '../model/types.js';

/** Below this many bodies, threads cost more than they save. */
export const MIN_BODIES_FOR_THREADS = 150;
const CHUNK = 25;

export interface PoolOptions {
  /** Worker threads to start; default: cores - 1 (this thread works too), at most 3. 0: none. */
  readonly threads?: number;
  /** Called with the number of bodies done so far. */
  readonly onProgress?: (done: number) => void;
}

/** Starts the workers at once (synchronously), then returns the promise of all HTML, in order. */
export function convertBodies(bodies: readonly string[], language: Language, options: PoolOptions = {}): Promise<string[]> {
  const out = new Array<string | undefined>(bodies.length);
  const threads = bodies.length < MIN_BODIES_FOR_THREADS ? 0 : Math.max(0, Math.min(3, options.threads ?? availableParallelism() - 1));
  const counter = new SharedArrayBuffer(4);
  const claim = new Int32Array(counter);
  const chunks = Math.ceil(bodies.length / CHUNK);
  let done = 0;
  const report = (n: number) => {
    done += n;
    options.onProgress?.(done);
  };
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./markdown-worker${ext}`, import.meta.url);
  const finished: Promise<void>[] = [];
  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) {
    let w: Worker;
    try {
      w = new Worker(url, { workerData: { bodies, language, counter, chunk: CHUNK } });
    } catch {
      break;
    }
    workers.push(w);
    finished.push(
      new Promise<void>((resolve) => {
        w.on('message', (m: { start?: number; html?: string[]; done?: boolean }) => {
          if (m.html && m.start !== undefined) {
            m.html.forEach((h, k) => (out[m.start! + k] = h));
            report(m.html.length);
          }
          if (m.done) resolve();
        });
        // A worker that fails leaves its chunks undone; this thread converts them at the end.
        w.on('error', () => resolve());
        w.on('exit', () => resolve());
      }),
    );
  }
  const here = async () => {
    // Let the workers start first: this thread usually has other work queued.
    await new Promise<void>((r) => setImmediate(r));
    for (let c = Atomics.add(claim, 0, 1); c < chunks; c = Atomics.add(claim, 0, 1)) {
      const start = c * CHUNK;
      const end = Math.min(bodies.length, start + CHUNK);
      for (let i = start; i < end; i++) out[i] = markdownToHtml(bodies[i]!, language);
      report(end - start);
      await new Promise<void>((r) => setImmediate(r)); // pick up workers' results as they come
    }
  };
  return Promise.all([here(), ...finished])
    .then(() => {
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = markdownToHtml(bodies[i]!, language);
      return out as string[];
    })
    .finally(() => Promise.all(workers.map((w) => w.terminate())));
}
