/**
 * All process pages, shared between worker threads and this thread. The processes are split into
 * batches; each worker gets its share of processes (a structured clone) and a small site index,
 * not the whole handbook. A per-batch flag decides who renders a batch: each worker works up
 * through its share; this thread first runs `meanwhile` (the pages that are not per process),
 * then renders its own share, then takes batches from the end of the workers' shares until it
 * meets them. Small handbooks stay in this thread (a worker costs ~100-200 ms to start). When a
 * worker cannot start or fails, this thread renders what is left: the output is the same.
 * A build starts its workers before the check (`PoolWorker.start`), so they are warm when pages
 * begin; each batch also yields its processes' search terms, merged here afterwards.
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { startWorker } from '../util/worker.js';
import type { Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import { indexData, type SiteIndexData, type SiteModel } from '../view/model.js';
import type { TemplateSource, Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { renderProcessBatch, type ChunkResult, type StageTimes, type WorkContext } from './process-work.js';
import type { ProcessTerms } from '../search/build-index.js';

/** Below this many processes, threads cost more than they save. */
export const MIN_PROCESSES_FOR_THREADS = 120;

/**
 * On a two-core machine a worker pays only for large handbooks: it starts in ~0.4 s, warms its
 * own JIT, and shares the second core with the garbage collector's helper threads. Measured on
 * the project's 2-core machine (generated handbooks, files on tmpfs): 1,000 processes 2.9-3.3 s
 * on one thread, 3.1-3.7 s with a worker; 3,000 about even; 10,000 26.8 s against 20.4 s.
 */
export const MIN_PROCESSES_FOR_THREADS_ON_TWO_CORES = 4000;

/** Worker threads when the caller does not say: cores - 1, at most 3, none on two cores for mid-sized handbooks. */
export function defaultThreads(processes: number, cores = availableParallelism()): number {
  if (cores <= 2 && processes < MIN_PROCESSES_FOR_THREADS_ON_TWO_CORES) return 0;
  return Math.max(0, Math.min(3, cores - 1));
}
const BATCH = 16;

/** What a worker is sent to render (structured clone). */
export interface PoolData {
  readonly index: SiteIndexData;
  /** The processes of batches `firstBatch` .. `firstBatch + ceil(processes.length / batch) - 1`. */
  readonly processes: readonly Process[];
  readonly firstBatch: number;
  readonly batch: number;
  /** Int32 per batch: 0 free, 1 taken. */
  readonly flags: SharedArrayBuffer;
  readonly templates: readonly TemplateSource[];
  readonly assets: SiteAssets;
  readonly svgs?: ReadonlyMap<string, string>;
  readonly cachedBodies: ReadonlyMap<string, string>;
  readonly keepBodies: boolean;
}

export interface PoolInput {
  readonly site: SiteModel;
  /** The processes to render (default: every published one; an incremental build gives those whose page changed). */
  readonly processes?: readonly Process[];
  readonly templateSources: readonly TemplateSource[];
  readonly templates: Templates;
  readonly assets: SiteAssets;
  readonly svgs?: ReadonlyMap<string, string>;
  /** Body HTML from the cache, by code. */
  readonly cachedBodies: ReadonlyMap<string, string>;
  /** Return every body's HTML (to update the cache). */
  readonly keepBodies?: boolean;
  /** Worker threads; default `defaultThreads`; 0 for none. */
  readonly threads?: number;
  /** Workers started beforehand (they helped check the handbook); then `threads` is ignored. */
  readonly workers?: readonly PoolWorker[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PoolResult {
  /** Process pages and Mermaid sources, in process order (empty when they went to `onFiles`). */
  readonly files: OutputFile[];
  /** Code -> body HTML (links not rewritten), when asked for (`keepBodies`). */
  readonly bodies: Map<string, string>;
  /** Code -> the process's terms for the search index. */
  readonly terms: Map<string, ProcessTerms>;
  /** Whether any body holds a Mermaid block. */
  readonly mermaid: boolean;
  /** Time spent in each stage, summed over threads. */
  readonly times: StageTimes;
  /** Worker threads that took part. */
  readonly workers: number;
}

/** A worker thread of the pool, idle until given a job (see process-worker.ts). */
export class PoolWorker {
  private exited = false;
  private constructor(readonly worker: Worker) {
    worker.once('exit', () => (this.exited = true));
  }

  /** Start `count` workers (from TypeScript sources through tsx when running from them); fewer if some cannot start. */
  static start(count: number): PoolWorker[] {
    const out: PoolWorker[] = [];
    for (let i = 0; i < count; i++) {
      try {
        // A worker holds only its share; a modest heap limit keeps garbage from piling up (peak
        // memory). Should it run out, it fails and this thread renders the rest.
        out.push(new PoolWorker(startWorker(import.meta.url, 'process-worker', { resourceLimits: { maxOldGenerationSizeMb: 512 } })));
      } catch {
        break;
      }
    }
    return out;
  }

  /** Whether the worker can still take a job (it has not failed or exited). */
  get alive(): boolean {
    return !this.exited;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** How many workers a handbook of `processes` gets: `threads` when given, else `defaultThreads` (none for small ones). */
export function poolSize(processes: number, threads?: number): number {
  return processes < MIN_PROCESSES_FOR_THREADS ? 0 : Math.max(0, Math.min(3, threads ?? defaultThreads(processes)));
}

const pick = <T>(m: ReadonlyMap<string, T>, ps: readonly Process[]) => new Map(ps.filter((p) => m.has(p.code)).map((p) => [p.code, m.get(p.code)!]));

/**
 * `meanwhile` runs on this thread while the workers start; `onFiles` receives each batch's files
 * as soon as its pages are made (this thread's) or arrive (a worker's), and must take them at once
 * (then they are not kept in the result). When it throws, the pool stops and rethrows.
 */
export async function renderProcessPages(input: PoolInput, meanwhile?: () => void, onFiles?: (files: OutputFile[]) => void): Promise<PoolResult> {
  const processes = input.processes ?? input.site.published;
  const batches = Math.ceil(processes.length / BATCH);
  const run = new PoolRun(input, processes, batches, onFiles);
  const given = input.workers?.filter((w) => w.alive);
  const { mine, shares } = shareBatches(batches, given ? given.length : poolSize(processes.length, input.threads));
  // Workers given and not used get no job; they are ended with the others below.
  const workers: PoolWorker[] = given ? [...given] : shares.length ? PoolWorker.start(shares.length) : [];
  try {
    const finished = run.sendShares(workers, shares);
    meanwhile?.();
    for (let b = 0; b < mine && !run.failed; b++) if (run.take(b)) await run.render(b);
    // Then help the workers from the end of their shares, until meeting them.
    for (const [from, to] of shares) for (let b = to - 1; b >= from && !run.failed && run.take(b); b--) await run.render(b);
    const ok = run.failed ? [] : await Promise.all(finished);
    // Batches a failed worker took and never answered for.
    for (let b = 0; b < batches && !run.failed; b++) if (!run.results[b]) run.got(b, await renderProcessBatch(run.ctx, run.batchOf(b), run.emit));
    if (run.failed) throw run.failed.error;
    return { ...mergeResults(run.results as ChunkResult[]), workers: ok.filter(Boolean).length };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Shares: this thread has the first batches (a little fewer: it also makes the shared pages), each worker a range after them. */
function shareBatches(batches: number, wanted: number): { mine: number; shares: Array<[number, number]> } {
  const mine = wanted > 0 ? Math.floor((batches * 0.8) / (wanted + 1)) : batches;
  const shares: Array<[number, number]> = [];
  for (let i = 0; i < wanted; i++) {
    const from = mine + Math.floor(((batches - mine) * i) / wanted);
    const to = mine + Math.floor(((batches - mine) * (i + 1)) / wanted);
    if (to > from) shares.push([from, to]);
  }
  return { mine, shares };
}

/** One pool run: who took which batch, the results so far, and where the files go. */
class PoolRun {
  readonly results: Array<ChunkResult | undefined>;
  readonly ctx: WorkContext;
  /** The first error of onFiles: it stops this thread's work, and the pool throws it at the end. */
  failed: { error: unknown } | undefined;
  /** Pages go to onFiles as soon as they exist (this thread's before its search terms, a worker's on arrival). */
  readonly emit: ((files: OutputFile[]) => void) | undefined;
  private readonly flagsBuffer: SharedArrayBuffer;
  private readonly flags: Int32Array;
  private done = 0;

  constructor(
    private readonly input: PoolInput,
    private readonly processes: readonly Process[],
    batches: number,
    onFiles: ((files: OutputFile[]) => void) | undefined,
  ) {
    this.results = new Array<ChunkResult | undefined>(batches);
    this.flagsBuffer = new SharedArrayBuffer(4 * Math.max(1, batches));
    this.flags = new Int32Array(this.flagsBuffer);
    this.emit =
      onFiles &&
      ((files: OutputFile[]) => {
        if (this.failed || files.length === 0) return;
        try {
          onFiles(files);
        } catch (error) {
          this.failed = { error };
        }
      });
    this.ctx = {
      site: input.site,
      templates: input.templates,
      assets: input.assets,
      language: input.site.settings.language,
      ...(input.svgs && { svgs: input.svgs }),
      cachedBodies: input.cachedBodies,
      keepBodies: input.keepBodies ?? false,
    };
  }

  /** Claim batch `b` (0 free, 1 taken; workers claim from the same flags). */
  take(b: number): boolean {
    return Atomics.compareExchange(this.flags, b, 0, 1) === 0;
  }

  batchOf(b: number): readonly Process[] {
    return this.processes.slice(b * BATCH, (b + 1) * BATCH);
  }

  got(b: number, r: ChunkResult): void {
    this.results[b] = r;
    this.done += r.terms.length;
    this.input.onProgress?.(this.done, this.processes.length);
    this.emit?.(r.files.splice(0));
  }

  /** Render batch `b` here, then let the workers' results in (their files are written as they arrive). */
  async render(b: number): Promise<void> {
    this.got(b, await renderProcessBatch(this.ctx, this.batchOf(b), this.emit));
    await new Promise<void>((r) => setImmediate(r));
  }

  /** Send each worker its share; each promise is true when that worker finished it (false when it failed). */
  sendShares(workers: readonly PoolWorker[], shares: ReadonlyArray<[number, number]>): Array<Promise<boolean>> {
    if (!shares.length) return [];
    const index = indexData(this.input.site);
    const finished: Array<Promise<boolean>> = [];
    for (const [i, [from, to]] of shares.entries()) {
      const share = this.processes.slice(from * BATCH, to * BATCH);
      const w = workers[i]?.worker;
      if (!w) break;
      const data: PoolData = {
        index,
        processes: share,
        firstBatch: from,
        batch: BATCH,
        flags: this.flagsBuffer,
        templates: this.input.templateSources,
        assets: this.input.assets,
        ...(this.input.svgs && { svgs: pick(this.input.svgs, share) }),
        cachedBodies: pick(this.input.cachedBodies, share),
        keepBodies: this.input.keepBodies ?? false,
      };
      w.postMessage({ render: data });
      finished.push(
        new Promise<boolean>((resolve) => {
          let ok = false;
          w.on('message', (m: { batch?: number; result?: ChunkResult; done?: boolean }) => {
            if (m.result && m.batch !== undefined) this.got(m.batch, m.result);
            if (m.done) {
              ok = true;
              resolve(true);
            }
          });
          // A worker that fails leaves batches it took undone; this thread renders them at the end.
          w.on('error', () => resolve(ok));
          w.on('exit', () => resolve(ok));
        }),
      );
    }
    return finished;
  }
}

/** The batches' results as one. */
function mergeResults(results: readonly ChunkResult[]): Omit<PoolResult, 'workers'> {
  const times: StageTimes = { diagrams: 0, markdown: 0, pages: 0, search: 0 };
  const files: OutputFile[] = [];
  const bodies = new Map<string, string>();
  const terms = new Map<string, ProcessTerms>();
  let mermaid = false;
  for (const r of results) {
    files.push(...r.files);
    for (const [c, h] of r.bodies) bodies.set(c, h);
    for (const [c, t] of r.terms) terms.set(c, t);
    mermaid ||= r.mermaid;
    times.diagrams += r.times.diagrams;
    times.markdown += r.times.markdown;
    times.pages += r.times.pages;
    times.search += r.times.search;
  }
  return { files, bodies, terms, mermaid, times };
}
