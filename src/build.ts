/**
 * `flowbook build`: one orchestrator, named and timed stages, in order:
 *   load -> diagrams -> markdown -> pages -> search -> write
 * Stages return data; only src/output/ writes. Diagrams (native renderer), Markdown and the process
 * page are made per process, in batches shared between worker threads and this thread
 * (site/process-pool.ts); their stage times are summed over the threads. A failure anywhere leaves
 * the previous site untouched.
 *
 * Incremental: every page comes from the page registry (src/pages/registry.ts) with a key of what
 * it depends on. With the cache (`.flowbook-cache/build/`, src/output/build-cache.ts) a build
 * parses only documents whose text changed, renders only pages whose key changed, and carries the
 * rest over from the site it replaces (linked, not copied). The output is the same bytes as a
 * build without the cache (tested after every kind of change).
 */
import path from 'node:path';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { LanguageChoice } from './config/language.js';
import type { Words } from './diagnostics/words.js';
import { refuseOutput } from './output/guard.js';
import { BUILD_CACHE_DIR, flowbookStamp, readBuildCache, type BuildCache } from './output/build-cache.js';
import { readHandbookSources } from './source/read-handbook.js';
import { readEarlyInputs, siteUnchanged } from './build/early.js';
import { recoverInterruptedWrites } from './output/write-site.js';
import { trace } from './util/trace.js';

export type StageName = 'load' | 'diagrams' | 'markdown' | 'pages' | 'search' | 'write';

export interface BuildOptions {
  /** Handbook folder (holds flowbook.yml and processes/). */
  readonly root: string;
  /** Output folder; default `<root>/site`. */
  readonly out?: string;
  readonly today: string;
  readonly strict?: boolean;
  readonly drafts?: boolean;
  readonly force?: boolean;
  /** Overrides flowbook.yml's renderer. */
  readonly renderer?: 'native' | 'mermaid';
  /** Use and update `<root>/.flowbook-cache/` (default true). */
  readonly cache?: boolean;
  /** Worker threads for the per-process work (default: see `defaultThreads` in site/process-pool.ts; 0: none). */
  readonly threads?: number;
  readonly onProgress?: (stage: StageName, done: number, total: number) => void;
  readonly onStage?: (stage: StageName, ms: number) => void;
}

export interface StageTiming {
  readonly name: StageName;
  /** Wall time; for stages run on several threads, the time summed over them. */
  readonly ms: number;
  /** Threads that shared the stage, when more than this one could. */
  readonly threads?: number;
}

export interface BuildResult {
  readonly ok: boolean;
  /** Check diagnostics, and the diagrams stage's (`mermaid-fallback`); errors stop the build before anything is written. */
  readonly diagnostics: readonly Diagnostic[];
  readonly documentCount: number;
  readonly processes: number;
  /** HTML pages in the site. */
  readonly pages: number;
  /** Of those, pages carried over unchanged from the last build (the cache). */
  readonly reused: number;
  readonly files: number;
  readonly bytes: number;
  readonly out: string;
  readonly stages: readonly StageTiming[];
  readonly ms: number;
  /** Things the author should know (e.g. why there are no changes pages), in both languages. */
  readonly notes: readonly Words[];
  /** Drafts not published (built without `drafts`). */
  readonly draftsLeftOut: number;
  /** The handbook's language and how it was decided; undefined when nothing was read. */
  readonly language?: LanguageChoice;
}

/** A build that must not run as asked (e.g. a foreign output folder); nothing was written. `reason`: src/output/guard.ts's, in both languages. */
export class BuildRefused extends Error {
  constructor(readonly reason: Words) {
    super(reason.en);
  }
}

/** A template that could not be read, compiled or rendered: the build stops before writing. */
export { TemplateError } from './diagnostics/errors.js';

export async function build(options: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  trace('build');
  const root = path.resolve(options.root);
  const out = path.resolve(options.out ?? path.join(root, 'site'));
  const refused = await refuseOutput(out, root, options.force ?? false);
  if (refused) throw new BuildRefused(refused);
  // A build killed since the last one may have left its work next to the site: finished or
  // removed before the site is looked at.
  await recoverInterruptedWrites(out);
  const useCache = options.cache ?? true;
  const stamp = useCache ? flowbookStamp() : '';
  const stored: BuildCache = useCache ? await readBuildCache(path.join(root, '.flowbook-cache', BUILD_CACHE_DIR), stamp) : { documents: new Map(), templates: new Set() };
  trace('cache read');
  const start = performance.now();
  const sources = await readHandbookSources(root);
  trace('sources read');
  const early = useCache ? await readEarlyInputs({ root, out, stamp, today: options.today, strict: options.strict, drafts: options.drafts, renderer: options.renderer }, sources) : undefined;
  trace('early inputs');
  // The same inputs as the last build, whose site is still as it left it: nothing to do, and
  // nothing more to load (the modules that check and make pages are loaded below, when needed).
  if (early && stored.last?.inputs === early.fingerprint && siteUnchanged(stored, out)) {
    const ms = performance.now() - start;
    options.onStage?.('load', ms);
    const last = stored.last.result as Partial<BuildResult>;
    return { ...emptyResult(out), ...last, ok: true, reused: last.pages ?? 0, stages: [{ name: 'load', ms }], ms: performance.now() - t0, notes: [] };
  }
  const { SiteBuild } = await import('./build/site-build.js');
  trace('site-build loaded');
  const b = new SiteBuild(options, { t0, root, out, stamp, stored, sources, early, start });
  try {
    return await b.run();
  } finally {
    await b.endWorkers();
  }
}

/** A result with nothing in it yet. */
export function emptyResult(out: string): BuildResult {
  return { ok: false, diagnostics: [], documentCount: 0, processes: 0, pages: 0, reused: 0, files: 0, bytes: 0, out, stages: [], ms: 0, notes: [], draftsLeftOut: 0 };
}
