/**
 * Convert many bodies at once, sharing the work between worker threads and this thread.
 * Small batches stay in this thread (a worker costs ~100 ms to start and load unified).
 * When a worker cannot start (e.g. TypeScript sources run without a loader), this thread does
 * everything: the result is the same, only slower.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { markdownToHtml } from './markdown.js';
import type { Language } from '../model/types.js';

/** Below this many bodies, threads cost more than they save. */
export const MIN_BODIES_FOR_THREADS = 150;
const CHUNK = 40;

export interface PoolOptions {
  /** Worker threads to start; default: cores - 1 (this thread works too), at most 3. 0: none. */
  readonly threads?: number;
  /** Called with the number of bodies done so far. */
  readonly onProgress?: (done: number) => void;
}

export async function convertBodies(bodies: readonly string[], language: Language, options: PoolOptions = {}): Promise<string[]> {
  const out = new Array<string>(bodies.length);
  const threads = bodies.length < MIN_BODIES_FOR_THREADS ? 0 : Math.max(0, Math.min(3, options.threads ?? availableParallelism() - 1));
  let done = 0;
  const report = (n: number) => {
    done += n;
    options.onProgress?.(done);
  };
  // Work queue of chunk start indexes, shared by this thread and the workers.
  const starts: number[] = [];
  for (let i = 0; i < bodies.length; i += CHUNK) starts.push(i);
  let next = 0;
  const take = () => (next < starts.length ? starts[next++] : undefined);

  const workers = threads > 0 ? await startWorkers(threads) : [];
  try {
    const runWorker = (w: Worker) =>
      new Promise<void>((resolve, reject) => {
        let id = 0;
        const send = () => {
          const s = take();
          if (s === undefined) return resolve();
          id = s;
          w.postMessage({ id: s, language, bodies: bodies.slice(s, s + CHUNK) });
        };
        w.on('message', (m: { id: number; html?: string[]; error?: string }) => {
          if (m.id !== id) return;
          if (m.error !== undefined || !m.html) return reject(new Error(`Markdown conversion failed: ${m.error}`));
          m.html.forEach((h, k) => (out[m.id + k] = h));
          report(m.html.length);
          send();
        });
        w.on('error', reject);
        send();
      });
    // This thread takes a chunk between messages, so workers' results are picked up promptly.
    const runHere = async () => {
      for (let s = take(); s !== undefined; s = take()) {
        const end = Math.min(bodies.length, s + CHUNK);
        for (let i = s; i < end; i++) out[i] = markdownToHtml(bodies[i]!, language);
        report(end - s);
        await new Promise<void>((r) => setImmediate(r));
      }
    };
    await Promise.all([...workers.map(runWorker), runHere()]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}

/** Start up to `n` workers; resolves with the ones that came up (none when they cannot start). */
async function startWorkers(n: number): Promise<Worker[]> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./markdown-worker${ext}`, import.meta.url);
  const started = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Worker | undefined>((resolve) => {
          let w: Worker;
          try {
            w = new Worker(url);
          } catch {
            return resolve(undefined);
          }
          const fail = () => {
            void w.terminate();
            resolve(undefined);
          };
          w.once('error', fail);
          w.once('exit', fail);
          w.once('message', (m: { ready?: boolean }) => {
            w.off('error', fail);
            w.off('exit', fail);
            if (m.ready) resolve(w);
            else fail();
          });
        }),
    ),
  );
  return started.filter((w): w is Worker => w !== undefined);
}
