/**
 * All process pages, shared between worker threads and this thread. Workers start at once with
 * the handbook and the template sources, and claim batches of processes from a shared counter;
 * this thread first does `meanwhile` (the pages that are not per process), then claims batches
 * too. Small handbooks stay in this thread (a worker costs ~100-200 ms to start). When a worker
 * cannot start or fails (e.g. TypeScript sources run without a loader), this thread renders what
 * is left: the output is the same, only slower.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Handbook } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { SiteModel, SiteOptions } from './model.js';
import type { TemplateSource, Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { renderProcessBatch, type ChunkResult, type StageTimes } from './process-work.js';

/** Below this many processes, threads cost more than they save. */
export const MIN_PROCESSES_FOR_THREADS = 120;
const BATCH = 16;

/** What a worker receives (structured clone). */
export interface PoolData {
  readonly handbook: Handbook;
  readonly siteOptions: SiteOptions;
  readonly templates: readonly TemplateSource[];
  readonly assets: SiteAssets;
  readonly svgs?: ReadonlyMap<string, string>;
  readonly cachedBodies: ReadonlyMap<string, string>;
  readonly counter: SharedArrayBuffer;
  readonly batch: number;
}

export interface PoolInput {
  readonly handbook: Handbook;
  readonly site: SiteModel;
  readonly siteOptions: SiteOptions;
  readonly templateSources: readonly TemplateSource[];
  readonly templates: Templates;
  readonly assets: SiteAssets;
  readonly svgs?: ReadonlyMap<string, string>;
  readonly cachedBodies: ReadonlyMap<string, string>;
  /** Worker threads; default cores - 1, at most 3; 0 for none. */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PoolResult {
  /** Process pages and Mermaid sources, in process order. */
  readonly files: OutputFile[];
  /** Code -> body HTML (links not rewritten). */
  readonly bodies: Map<string, string>;
  /** Time spent in each stage, summed over threads. */
  readonly times: StageTimes;
  /** Worker threads that took part. */
  readonly workers: number;
}

/** Start a worker; from TypeScript sources (tests, benchmarks), tsx is registered in it first. */
function spawn(data: PoolData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./process-worker.js', import.meta.url), { workerData: data });
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const target = new URL('./process-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`, { eval: true, workerData: data });
}

export async function renderProcessPages(input: PoolInput, meanwhile?: () => void): Promise<PoolResult> {
  const processes = input.site.published;
  const total = processes.length;
  const batches = Math.ceil(total / BATCH);
  const results = new Array<ChunkResult | undefined>(batches);
  const counter = new SharedArrayBuffer(4);
  const claim = new Int32Array(counter);
  const wanted = total < MIN_PROCESSES_FOR_THREADS ? 0 : Math.max(0, Math.min(3, input.threads ?? availableParallelism() - 1));
  let done = 0;
  const got = (b: number, r: ChunkResult) => {
    results[b] = r;
    done += r.bodies.length;
    input.onProgress?.(done, total);
  };

  const workers: Worker[] = [];
  const finished: Promise<boolean>[] = [];
  if (wanted > 0) {
    const data: PoolData = {
      handbook: input.handbook,
      siteOptions: input.siteOptions,
      templates: input.templateSources,
      assets: input.assets,
      ...(input.svgs && { svgs: input.svgs }),
      cachedBodies: input.cachedBodies,
      counter,
      batch: BATCH,
    };
    for (let i = 0; i < wanted; i++) {
      let w: Worker;
      try {
        w = spawn(data);
      } catch {
        break;
      }
      workers.push(w);
      finished.push(
        new Promise<boolean>((resolve) => {
          let ok = false;
          w.on('message', (m: { start?: number; result?: ChunkResult; done?: boolean }) => {
            if (m.result && m.start !== undefined) got(m.start / BATCH, m.result);
            if (m.done) {
              ok = true;
              resolve(true);
            }
          });
          // A worker that fails leaves its batches undone; this thread renders them at the end.
          w.on('error', () => resolve(ok));
          w.on('exit', () => resolve(ok));
        }),
      );
    }
  }
  try {
    meanwhile?.();
    const ctx = {
      site: input.site,
      templates: input.templates,
      assets: input.assets,
      language: input.handbook.settings.language,
      ...(input.svgs && { svgs: input.svgs }),
      cachedBodies: input.cachedBodies,
    };
    for (let b = Atomics.add(claim, 0, 1); b < batches; b = Atomics.add(claim, 0, 1)) {
      got(b, await renderProcessBatch(ctx, processes.slice(b * BATCH, (b + 1) * BATCH)));
      if (workers.length) await new Promise<void>((r) => setImmediate(r)); // take in the workers' results
    }
    const ok = await Promise.all(finished);
    for (let b = 0; b < batches; b++) if (!results[b]) got(b, await renderProcessBatch(ctx, processes.slice(b * BATCH, (b + 1) * BATCH)));
    const times: StageTimes = { diagrams: 0, markdown: 0, pages: 0 };
    const files: OutputFile[] = [];
    const bodies = new Map<string, string>();
    for (const r of results as ChunkResult[]) {
      files.push(...r.files);
      for (const [c, h] of r.bodies) bodies.set(c, h);
      times.diagrams += r.times.diagrams;
      times.markdown += r.times.markdown;
      times.pages += r.times.pages;
    }
    return { files, bodies, times, workers: ok.filter(Boolean).length };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
