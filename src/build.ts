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
import { checkSourcesCached } from './load-cached.js';
import { readHandbookSources } from './source/read-handbook.js';
import { compareDiagnostics, promote, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Handbook, Process } from './model/types.js';
import type { OutputFile } from './output/types.js';
import { refuseOutput } from './output/guard.js';
import { SiteWriter } from './output/write-site.js';
import { readMarkdownCache, writeMarkdownCache } from './output/markdown-cache.js';
import { BUILD_CACHE_DIR, flowbookStamp, hashKey, intactSiteFiles, readBuildCache, recordSiteFiles, writeBuildCache, type BuildCache, type SiteFileRecord, type SiteRecord, type StoredTerms } from './output/build-cache.js';
import { buildSiteModel, type SiteModel } from './site/index.js';
import { compileTemplates, readTemplateSources, templateHash } from './site/templates.js';
import { readAssets, readMermaidBundle } from './site/assets.js';
import { bodyHash, hasMermaid } from './view/markdown.js';
import { PoolWorker, poolSize, renderProcessPages, type PoolResult } from './site/process-pool.js';
import { siblingHref } from './site/process-work.js';
import { renderProcessDiagrams } from './site/diagrams.js';
import { buildSearchIndex, type ProcessTerms } from './search/index.js';
import { processPath } from './view/paths.js';
import { copiesOut, readRegister } from './print/register.js';
import { collectGarbage } from './util/memory.js';
import type { LanguageChoice } from './config/language.js';
import { processNames, processVersions, readSiteHistory, type GitHistory } from './control/history-site.js';
import { pageRegistry, type PageEntry, type PageRegistry, type PageTools } from './pages/registry.js';

/** Flowbook's copy of Mermaid in the site (when a body holds a Mermaid block). */
const MERMAID_BUNDLE = 'assets/mermaid.min.js';

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
  /** HTML pages in the site. */
  readonly pages: number;
  /** Of those, pages carried over unchanged from the last build (the cache). */
  readonly reused: number;
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
  const summed = (name: StageName, ms: number, threads: number) => {
    stages.push({ name, ms, threads });
    options.onStage?.(name, ms);
  };
  const result = (extra: Partial<BuildResult>): BuildResult => ({
    ok: false,
    diagnostics: [],
    documentCount: 0,
    processes: 0,
    pages: 0,
    reused: 0,
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

  // A large handbook's worker threads start with the check: they help check it, then render
  // pages. However the build ends, they are ended with it.
  const workers: PoolWorker[] = [];
  try {
    return await run();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  async function run(): Promise<BuildResult> {
    const useCache = options.cache ?? true;
    const cacheDir = path.join(root, '.flowbook-cache'); // the diagram module keeps its own mermaid/ folder here
    const stamp = useCache ? flowbookStamp() : '';
    const stored = useCache ? await readBuildCache(path.join(cacheDir, BUILD_CACHE_DIR), stamp) : emptyCache();

    const loaded = await timed('load', () => load(stored));
    const handbook = loaded.result.handbook;
    if (!handbook) return result({ diagnostics: loaded.result.diagnostics, documentCount: loaded.result.documentCount, language: loaded.result.language });
    // Reading and checking left the parse of every document behind: see util/memory.ts.
    if (handbook.processes.length >= COLLECT_AFTER_LOAD) collectGarbage();

    const inputs = await readInputs(handbook, stored.templates);
    const { site, templates, assets, history, register } = inputs;
    const language = handbook.settings.language;
    const renderer = options.renderer ?? handbook.settings.renderer;
    const bodies = await readBodies(site, useCache, cacheDir);

    // The Mermaid renderer draws in a browser, here, before the pages; the native one draws inside
    // the per-process work below.
    let diagnostics = loaded.result.diagnostics;
    const diagrams = renderer === 'mermaid' ? await timed('diagrams', () => mermaidDiagrams(site, useCache)) : undefined;
    // Charts Mermaid could not draw have the native chart, with a warning each (errors under --strict).
    if (diagrams && diagrams.diagnostics.length > 0) {
      diagnostics = [...diagnostics, ...promote(diagrams.diagnostics, options.strict ?? false)].sort(compareDiagnostics);
      if (options.strict) return result({ diagnostics, documentCount: loaded.result.documentCount });
    }

    // What every page depends on besides the model; then each page's key, and what the last
    // build's site already holds with the same key. (Mermaid's charts are cached on their own.)
    const global = JSON.stringify([stamp, site.settings, site.today, options.drafts ?? false, renderer, hashKey(JSON.stringify(inputs.templateSources)), assets.flags, assetsHash(assets.files), site.changes]);
    const registry = pageRegistry({
      site,
      docVersion: (p) => loaded.versions.get(p.file) ?? '',
      global,
      history,
      historyVersion: (p) => (history.kind === 'git' ? hashKey(JSON.stringify(history.files.get(p.file) ?? [])) : ''),
      register: register.entries,
    });
    const previous = useCache && renderer === 'native' ? intactSiteFiles(stored.site, out) : new Map<string, SiteFileRecord>();
    const plan = planPages(registry, previous, stored.terms);

    // Per process (diagram, Markdown, page) on worker threads and this one; meanwhile this thread
    // makes the other pages. Stage times below are summed over the threads. Pages are written
    // (into the temporary folder) as they are made; unchanged ones are linked from the old site.
    let writeMs = 0;
    const writer = await SiteWriter.open(out);
    const siteKeys = new Map<string, string>();
    let pages = 0;
    const write = (files: readonly OutputFile[], key: (path: string) => string) => {
      const t = performance.now();
      writer.writeSync(files);
      writeMs += performance.now() - t;
      for (const f of files) {
        siteKeys.set(f.path, key(f.path));
        if (f.path.endsWith('.html')) pages++;
      }
    };
    let written;
    try {
      const t = performance.now();
      writer.keepSync(out, new Map([...plan.kept].map(([p, r]) => [p, r.size])));
      writeMs += performance.now() - t;
      const reused = [...plan.kept.keys()].filter((p) => p.endsWith('.html')).length;
      let sharedMs = 0;
      const keyOfProcessFile = (p: string) => plan.processKeys.get(p) ?? '';
      const pool = await renderProcessPages(
        {
          site,
          processes: plan.processes,
          templateSources: inputs.templateSources,
          templates,
          assets: assets.flags,
          ...(diagrams && { svgs: diagrams.svgs }),
          cachedBodies: bodies.cachedBodies,
          keepBodies: useCache,
          workers: workers.length > 0 ? workers : PoolWorker.start(poolSize(plan.processes.length, options.threads)).map((w) => (workers.push(w), w)),
          onProgress: (d, t) => options.onProgress?.('pages', d, t),
        },
        () => {
          const t = performance.now();
          const tools = pageTools(site, templates, assets.flags, history);
          for (const entry of plan.others) {
            const key = plan.keys.get(entry)!;
            // Written as made, not kept to the end: at 10,000 processes the role pages and the map
            // are ~40 MB of text, held (as strings built by concatenation) through the whole build.
            write(entry.render!(tools), () => key);
          }
          sharedMs = performance.now() - t;
        },
        (files) => write(files, keyOfProcessFile),
      );
      const threads = pool.workers + 1;
      if (!diagrams) summed('diagrams', pool.times.diagrams, threads);
      summed('markdown', pool.times.markdown, threads);
      summed('pages', pool.times.pages + sharedMs, threads);

      // Each process's terms were made with its page (or kept from the last build); what is left
      // is merging them into one index, when any process or the settings changed.
      const s = performance.now();
      const terms = allTerms(site, pool, stored.terms, plan, (code) => (useCache ? hasMermaid(pool.bodies.get(code) ?? '') : pool.mermaid));
      const searchKey = hashKey(registry.searchKey());
      const searchKept = stored.site?.search?.key === searchKey && stored.site.search.files.every((f) => previous.has(f));
      if (searchKept) writer.keepSync(out, new Map(stored.site!.search!.files.map((f) => [f, previous.get(f)!.size])));
      else write(buildSearchIndex(site.published, { pageHref: (code) => processPath(code), language, terms: (p) => terms.get(p.code)!.terms, synonyms: handbook.settings.synonyms, categories: handbook.settings.categories }), () => '');
      const searchFiles = searchKept ? stored.site!.search!.files : [...siteKeys.keys()].filter((p) => p.startsWith('search/'));
      summed('search', pool.times.search + (performance.now() - s), threads);

      written = await timed('write', async () => {
        write(assets.files, () => '');
        if ([...terms.values()].some((t) => t.mermaid)) await writeMermaidBundle(writer, out, previous, stamp, write);
        return writer.commit();
      });
      if (useCache) {
        const records = new Map([...plan.kept, ...recordSiteFiles(out, siteKeys)]);
        if (searchKept) for (const f of searchFiles) records.set(f, previous.get(f)!);
        const siteRecord = { out, files: records, search: { key: searchKey, files: searchFiles } };
        await saveCaches(cacheDir, stamp, siteRecord, loaded.checks, terms, bodies, pool.bodies, new Set(inputs.templateSources.map(templateHash))).catch(() => undefined);
      }
      pages += reused;
      // The write stage's time includes the process pages written while they were being made.
      const w = stages.findIndex((x) => x.name === 'write');
      if (w >= 0) stages[w] = { name: 'write', ms: writeMs };
      return result({
        ok: true,
        diagnostics,
        documentCount: loaded.result.documentCount,
        processes: site.published.length,
        draftsLeftOut: options.drafts ? 0 : handbook.processes.filter((p) => p.status === 'draft').length,
        language: loaded.result.language,
        pages,
        reused,
        files: written.files,
        bytes: written.bytes,
      });
    } catch (e) {
      await writer.abort();
      throw e;
    }
  }

  /** Read the handbook and check it (documents unchanged since the last build are not parsed again). */
  async function load(stored: BuildCache) {
    const sources = await readHandbookSources(root);
    const start = (documents: number) => {
      workers.push(...PoolWorker.start(poolSize(documents, options.threads)));
      return workers.map((w) => w.worker);
    };
    return checkSourcesCached(sources, stored.documents, start, { today: options.today, strict: options.strict });
  }

  /** The site model, and what its pages are made with: templates, assets, the git history, the register. */
  async function readInputs(handbook: Handbook, checkedTemplates: ReadonlySet<string>) {
    // The git history (two git runs, whatever the size) is read while the register is.
    const [register, history] = await Promise.all([readRegister(root), readSiteHistory(root, handbook.processes)]);
    if (history.kind === 'none' && history.reason !== 'not a git repository') notes.push(`No changes pages: ${history.reason} (process pages show their revision history).`);
    // Controlled copies out per process (its current version), shown on its page.
    const copies = new Map(handbook.processes.map((p) => [p.code, copiesOut(register, p.code, p.version ?? '')] as const).filter(([, n]) => n > 0));
    const site: SiteModel = buildSiteModel(handbook, { today: options.today, drafts: options.drafts, copiesOut: copies, changes: history.kind === 'git' });
    // Templates and assets are read now so that a broken template fails before any work.
    const [templateSources, assets] = await Promise.all([readTemplateSources(path.join(root, 'templates')), readAssets(root)]);
    return { site, register, history, templateSources, templates: compileTemplates(templateSources, checkedTemplates), assets };
  }

  function mermaidDiagrams(site: SiteModel, useCache: boolean) {
    return renderProcessDiagrams(site.published, {
      root,
      renderer: 'mermaid',
      language: site.settings.language,
      // Keep the cache to this build's diagrams (as the Markdown cache below); none with --no-cache.
      cache: useCache ? 'prune' : false,
      href: siblingHref(site),
      ...(site.settings.browser !== undefined && { browser: site.settings.browser }),
      onProgress: (d, t) => options.onProgress?.('diagrams', d, t),
    });
  }
}

/** The Markdown cache's bodies of this site's processes (none without the cache). */
async function readBodies(site: SiteModel, useCache: boolean, cacheDir: string) {
  const language = site.settings.language;
  const cache = useCache ? await readMarkdownCache(path.join(cacheDir, 'markdown')) : new Map<string, string>();
  // Body hashes only matter with the cache (10,000 bodies hash in ~70 ms).
  const hashes = new Map(useCache ? site.published.map((p) => [p.code, bodyHash(p.body, language)]) : []);
  const cachedBodies = new Map<string, string>();
  for (const [code, h] of hashes) if (cache.has(h)) cachedBodies.set(code, cache.get(h)!);
  return { cache, hashes, cachedBodies };
}

const emptyCache = (): BuildCache => ({ documents: new Map(), terms: new Map(), templates: new Set() });

/** The contents of the site's asset files (the handbook's custom.css among them). */
function assetsHash(files: readonly OutputFile[]): string {
  return hashKey(files.map((f) => `${f.path}\0${typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('base64')}`).join('\0'));
}

interface PagePlan {
  /** Site files carried over from the last build (same key, untouched), with their records. */
  readonly kept: Map<string, SiteFileRecord>;
  /** Processes whose page is made now. */
  readonly processes: Process[];
  /** Their files' key hashes. */
  readonly processKeys: Map<string, string>;
  /** Other pages made now, and their key hashes. */
  readonly others: PageEntry[];
  readonly keys: Map<PageEntry, string>;
}

/**
 * Which pages are made and which are carried over: a page is carried over when every file of it
 * is in the last site with the same key (and, for a process, its search terms are kept too).
 */
function planPages(registry: PageRegistry, previous: ReadonlyMap<string, SiteFileRecord>, terms: ReadonlyMap<string, StoredTerms>): PagePlan {
  const plan: PagePlan = { kept: new Map(), processes: [], processKeys: new Map(), others: [], keys: new Map() };
  for (const entry of registry.entries) {
    const key = hashKey(entry.key());
    const same = entry.paths.every((p) => previous.get(p)?.key === key) && (entry.kind !== 'process' || terms.has(key));
    if (same) for (const p of entry.paths) plan.kept.set(p, previous.get(p)!);
    else if (entry.kind === 'process') {
      plan.processes.push(entry.process!);
      for (const p of entry.paths) plan.processKeys.set(p, key);
    } else {
      plan.others.push(entry);
      plan.keys.set(entry, key);
    }
  }
  return plan;
}

/** What the registry's pages are rendered with; one process's versions are worked out once. */
function pageTools(site: SiteModel, templates: PageTools['templates'], assets: PageTools['assets'], history: GitHistory): PageTools {
  const names = processNames(site);
  const versions = new Map<string, ReturnType<PageTools['versionsOf']>>();
  return {
    templates,
    assets,
    versionsOf: (p) => {
      if (history.kind !== 'git') return [];
      let v = versions.get(p.code);
      if (!v) versions.set(p.code, (v = processVersions(site, p, history, names)));
      return v;
    },
  };
}

/** Every published process's search terms: made now, or kept from the last build (by page key). */
function allTerms(site: SiteModel, pool: PoolResult, stored: ReadonlyMap<string, StoredTerms>, plan: PagePlan, mermaidOf: (code: string) => boolean): Map<string, { terms: ProcessTerms; mermaid: boolean; key: string }> {
  const out = new Map<string, { terms: ProcessTerms; mermaid: boolean; key: string }>();
  for (const p of site.published) {
    const key = plan.processKeys.get(processPath(p.code)) ?? plan.kept.get(processPath(p.code))!.key;
    const made = pool.terms.get(p.code);
    if (made) out.set(p.code, { terms: made, mermaid: mermaidOf(p.code), key });
    else {
      const s = stored.get(key)!;
      out.set(p.code, { terms: { terms: s.terms, masks: new Uint8Array(Buffer.from(s.masks, 'base64')), body: s.body }, mermaid: s.mermaid, key });
    }
  }
  return out;
}

/** `assets/mermaid.min.js`: carried over when the last site has this Flowbook's copy, else read and written. */
async function writeMermaidBundle(writer: SiteWriter, out: string, previous: ReadonlyMap<string, SiteFileRecord>, stamp: string, write: (files: readonly OutputFile[], key: (p: string) => string) => void): Promise<void> {
  const key = hashKey(`mermaid\0${stamp}`);
  const old = previous.get(MERMAID_BUNDLE);
  if (stamp !== '' && old?.key === key) writer.keepSync(out, new Map([[MERMAID_BUNDLE, old.size]]));
  else write([await readMermaidBundle()], () => key);
}

/** Keep the caches to this build's documents, terms and bodies; the Markdown cache is rewritten only when that changed something. */
async function saveCaches(
  cacheDir: string,
  stamp: string,
  site: SiteRecord,
  checks: Map<string, unknown>,
  terms: ReadonlyMap<string, { terms: ProcessTerms; mermaid: boolean; key: string }>,
  bodies: { cache: ReadonlyMap<string, string>; hashes: ReadonlyMap<string, string> },
  made: ReadonlyMap<string, string>,
  templates: ReadonlySet<string>,
): Promise<void> {
  const keptTerms = new Map<string, StoredTerms>();
  for (const t of terms.values()) keptTerms.set(t.key, { terms: t.terms.terms, masks: Buffer.from(t.terms.masks).toString('base64'), body: t.terms.body, mermaid: t.mermaid });
  await writeBuildCache(path.join(cacheDir, BUILD_CACHE_DIR), stamp, { documents: checks, terms: keptTerms, site, templates });
  const used = new Map<string, string>();
  for (const [code, h] of bodies.hashes) {
    const html = made.get(code) ?? bodies.cache.get(h);
    if (html !== undefined) used.set(h, html);
  }
  if (used.size !== bodies.cache.size || [...used.keys()].some((h) => !bodies.cache.has(h))) await writeMarkdownCache(path.join(cacheDir, 'markdown'), used);
}
