/**
 * `flowbook build`: one orchestrator, named and timed stages, in order:
 *   load -> diagrams -> markdown -> pages -> search -> write
 * Stages return data; only src/output/ writes. Diagrams (native renderer), Markdown and the process
 * page are made per process, in batches shared between worker threads and this thread
 * (site/process-pool.ts); their stage times are summed over the threads. A failure anywhere leaves
 * the previous site untouched.
 */
import path from 'node:path';
import { checkSources } from './load.js';
import { checkSourcesOnThreads } from './load-threads.js';
import { readHandbookSources } from './source/read-handbook.js';
import { compareDiagnostics, promote, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Handbook } from './model/types.js';
import type { OutputFile } from './output/types.js';
import { refuseOutput } from './output/guard.js';
import { SiteWriter } from './output/write-site.js';
import { readMarkdownCache, writeMarkdownCache } from './output/markdown-cache.js';
import { buildSiteModel, renderSharedPages, type SiteModel } from './site/index.js';
import { compileTemplates, readTemplateSources } from './site/templates.js';
import { readAssets, readMermaidBundle } from './site/assets.js';
import { bodyHash } from './view/markdown.js';
import { PoolWorker, poolSize, renderProcessPages } from './site/process-pool.js';
import { siblingHref } from './site/process-work.js';
import { renderProcessDiagrams } from './site/diagrams.js';
import { buildSearchIndex } from './search/index.js';
import { processPath } from './view/paths.js';
import { copiesOut, readRegister } from './print/register.js';
import { collectGarbage } from './util/memory.js';
import type { LanguageChoice } from './config/language.js';
import { historyPages, readSiteHistory } from './control/history-site.js';
import { masterListPages } from './control/master-list-page.js';

/** Handbooks this large get a full garbage collection after the check (peak memory). */
const COLLECT_AFTER_LOAD = 2000;

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
  readonly pages: number;
  readonly files: number;
  readonly bytes: number;
  readonly out: string;
  readonly stages: readonly StageTiming[];
  readonly ms: number;
  /** Remarks for the user. */
  readonly notes: readonly string[];
  /** Drafts not published (built without `drafts`). */
  readonly draftsLeftOut: number;
  /** The handbook's language and how it was decided; undefined when nothing was read. */
  readonly language?: LanguageChoice;
}

/** A build that must not run as asked (e.g. a foreign output folder); nothing was written. */
export class BuildRefused extends Error {}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const root = path.resolve(options.root);
  const out = path.resolve(options.out ?? path.join(root, 'site'));
  const stages: StageTiming[] = [];
  const notes: string[] = [];
  const timed = async <T>(name: StageName, fn: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    const r = await fn();
    const ms = performance.now() - s;
    stages.push({ name, ms });
    options.onStage?.(name, ms);
    return r;
  };
  const result = (extra: Partial<BuildResult>): BuildResult => ({
    ok: false,
    diagnostics: [],
    documentCount: 0,
    processes: 0,
    pages: 0,
    files: 0,
    bytes: 0,
    out,
    stages,
    ms: performance.now() - t0,
    notes,
    draftsLeftOut: 0,
    ...extra,
  });

  const refused = await refuseOutput(out, root, options.force ?? false);
  if (refused) throw new BuildRefused(refused);

  // A large handbook's worker threads start now: they help check it, then render pages. However
  // the build ends, they are ended with it.
  const workers: PoolWorker[] = [];
  try {
    return await run();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  async function run(): Promise<BuildResult> {
    const check = { today: options.today, strict: options.strict };
    const loaded = await timed('load', async () => {
      const sources = await readHandbookSources(root);
      workers.push(...PoolWorker.start(poolSize(sources.documents.length, options.threads)));
      return workers.length > 0 ? checkSourcesOnThreads(sources, workers.map((w) => w.worker), check) : checkSources(sources, check);
    });
    if (!loaded.handbook) return result({ diagnostics: loaded.diagnostics, documentCount: loaded.documentCount, language: loaded.language });
    const handbook: Handbook = loaded.handbook;
    // Reading and checking left the parse of every document behind: see util/memory.ts.
    if (handbook.processes.length >= COLLECT_AFTER_LOAD) collectGarbage();
    // Controlled copies out per process (its current version), shown on its page.
    // The git history (two git runs, whatever the size) is read while the register is.
    const [register, history] = await Promise.all([readRegister(root), readSiteHistory(root, handbook.processes)]);
    if (history.kind === 'none' && history.reason !== 'not a git repository') notes.push(`No changes pages: ${history.reason} (process pages show their revision history).`);
    const copies = new Map(handbook.processes.map((p) => [p.code, copiesOut(register, p.code, p.version ?? '')] as const).filter(([, n]) => n > 0));
    const site: SiteModel = buildSiteModel(handbook, { today: options.today, drafts: options.drafts, copiesOut: copies, changes: history.kind === 'git' });
    const language = handbook.settings.language;
    const useCache = options.cache ?? true;
    const cacheDir = path.join(root, '.flowbook-cache'); // the diagram module keeps its own mermaid/ folder here

    // Templates and assets are read now so that a broken template fails before any work.
    const [templateSources, assets] = await Promise.all([readTemplateSources(path.join(root, 'templates')), readAssets(root)]);
    const templates = compileTemplates(templateSources);

    let bodies = new Map<string, string>();
    const cache = useCache ? await readMarkdownCache(path.join(cacheDir, 'markdown')) : new Map<string, string>();
    // Body hashes only matter with the cache (10,000 bodies hash in ~70 ms).
    const hashes = new Map(useCache ? site.published.map((p) => [p.code, bodyHash(p.body, language)]) : []);
    const cachedBodies = new Map<string, string>();
    for (const [code, h] of hashes) if (cache.has(h)) cachedBodies.set(code, cache.get(h)!);

    // The Mermaid renderer draws in a browser, here, before the pages; the native one draws inside
    // the per-process work below.
    const renderer = options.renderer ?? handbook.settings.renderer;
    let diagnostics = loaded.diagnostics;
    const diagrams =
      renderer === 'mermaid'
        ? await timed('diagrams', () =>
            renderProcessDiagrams(site.published, {
              root,
              renderer,
              language,
              // Keep the cache to this build's diagrams (as the Markdown cache below); none with --no-cache.
              cache: useCache ? 'prune' : false,
              href: siblingHref(site),
              ...(handbook.settings.browser !== undefined && { browser: handbook.settings.browser }),
              onProgress: (d, t) => options.onProgress?.('diagrams', d, t),
            }),
          )
        : undefined;
    const svgs = diagrams?.svgs;
    // Charts Mermaid could not draw have the native chart, with a warning each (errors under --strict).
    if (diagrams && diagrams.diagnostics.length > 0) {
      diagnostics = [...diagnostics, ...promote(diagrams.diagnostics, options.strict ?? false)].sort(compareDiagnostics);
      if (options.strict) return result({ diagnostics, documentCount: loaded.documentCount });
    }

    // Per process (diagram, Markdown, page) on worker threads and this one; meanwhile this thread
    // makes the pages about the whole handbook. Stage times below are summed over the threads.
    // Process pages are written (into the temporary folder) as they are made.
    let writeMs = 0;
    const writer = await SiteWriter.open(out);
    let pages = 0;
    const write = (files: OutputFile[]) => {
      const t = performance.now();
      writer.writeSync(files);
      writeMs += performance.now() - t;
    };
    const writePages = (files: OutputFile[]) => {
      pages += files.filter((f) => f.path.endsWith('.html')).length;
      write(files);
    };
    let written;
    try {
      let sharedMs = 0;
      const pool = await renderProcessPages(
        {
          site,
          templateSources,
          templates,
          assets: assets.flags,
          ...(svgs && { svgs }),
          cachedBodies,
          keepBodies: useCache,
          workers,
          onProgress: (d, t) => options.onProgress?.('pages', d, t),
        },
        () => {
          const t = performance.now();
          const shared = renderSharedPages(site, templates, assets.flags);
          // Changes pages and "what's new" (src/control/): here, on this thread, while workers draw the process pages.
          shared.push(...historyPages(site, templates, assets.flags, history));
          shared.push(...masterListPages(site, templates, assets.flags, register.entries));
          sharedMs = performance.now() - t;
          // Written now, not kept to the end: at 10,000 processes the role pages and the map are
          // ~40 MB of text, held (as strings built by concatenation) through the whole build.
          writePages(shared);
        },
        writePages,
      );
      const threads = pool.workers + 1;
      const summed = (name: StageName, ms: number) => {
        stages.push({ name, ms, threads });
        options.onStage?.(name, ms);
      };
      if (!svgs) summed('diagrams', pool.times.diagrams);
      summed('markdown', pool.times.markdown);
      summed('pages', pool.times.pages + sharedMs);
      bodies = pool.bodies;

      // Each process's terms were made with its page; what is left is merging them into one index.
      const t = performance.now();
      const searchFiles = buildSearchIndex(site.published, { pageHref: (code) => processPath(code), language, terms: (p) => pool.terms.get(p.code), synonyms: handbook.settings.synonyms, categories: handbook.settings.categories });
      summed('search', pool.times.search + (performance.now() - t));
      const rest: OutputFile[] = [...searchFiles, ...assets.files];
      if (pool.mermaid) rest.push(await readMermaidBundle());
      written = await timed('write', async () => {
        write(rest);
        return writer.commit();
      });
    } catch (e) {
      await writer.abort();
      throw e;
    }
    // The write stage's time includes the process pages written while they were being made.
    const w = stages.find((s) => s.name === 'write');
    if (w) stages[stages.indexOf(w)] = { name: 'write', ms: writeMs };

    // Keep the cache to this build's bodies; rewrite it only when that changed something.
    if (useCache) {
      const used = new Map(site.published.map((p) => [hashes.get(p.code)!, bodies.get(p.code)!]));
      if (used.size !== cache.size || [...used.keys()].some((h) => !cache.has(h))) await writeMarkdownCache(path.join(cacheDir, 'markdown'), used).catch(() => undefined);
    }

    return result({
      ok: true,
      diagnostics,
      documentCount: loaded.documentCount,
      processes: site.published.length,
      draftsLeftOut: options.drafts ? 0 : handbook.processes.filter((p) => p.status === 'draft').length,
      language: loaded.language,
      pages,
      files: written.files,
      bytes: written.bytes,
    });
  }
}
