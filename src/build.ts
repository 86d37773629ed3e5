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
import { checkSourcesCached, documentHash } from './load-cached.js';
import { readHandbookSources, type HandbookSources } from './source/read-handbook.js';
import { compareDiagnostics, promote, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Handbook, Process } from './model/types.js';
import type { OutputFile } from './output/types.js';
import { refuseOutput, SITE_MARKER } from './output/guard.js';
import { existsSync } from 'node:fs';
import { htmlToText } from './site/text.js';
import { SiteWriter } from './output/write-site.js';
import { readMarkdownCache, writeMarkdownCache } from './output/markdown-cache.js';
import { BUILD_CACHE_DIR, flowbookStamp, hashKey, intactSiteFiles, readBuildCache, readStoredTerms, recordSiteFiles, writeBuildCache, type BuildCache, type SiteFileRecord, type StoredTerms } from './output/build-cache.js';
import { buildSiteModel, type SiteModel } from './site/index.js';
import { compileTemplates, readTemplateSources, templateHash } from './site/templates.js';
import { readAssets, readMermaidBundle } from './site/assets.js';
import { bodyHash, hasMermaid, markdownToHtml } from './view/markdown.js';
import { PoolWorker, poolSize, renderProcessPages, type PoolResult } from './site/process-pool.js';
import { siblingHref } from './site/process-work.js';
import { renderProcessDiagrams } from './site/diagrams.js';
import { buildSearchIndex, processTerms, type ProcessTerms } from './search/index.js';
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
    stage(name, performance.now() - s);
    return r;
  };
  const stage = (name: StageName, ms: number, threads?: number) => {
    stages.push({ name, ms, ...(threads !== undefined && { threads }) });
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

  const useCache = options.cache ?? true;
  const cacheDir = path.join(root, '.flowbook-cache'); // the diagram module keeps its own mermaid/ folder here
  const buildCacheDir = path.join(cacheDir, BUILD_CACHE_DIR);
  const stamp = useCache ? flowbookStamp() : '';

  // A large handbook's worker threads start with the check: they help check it, then render
  // pages. However the build ends, they are ended with it.
  const workers: PoolWorker[] = [];
  try {
    return await run();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  async function run(): Promise<BuildResult> {
    const stored = useCache ? await readBuildCache(buildCacheDir, stamp) : emptyCache();
    const sourcesStart = performance.now();
    const sources = await readHandbookSources(root);
    const early = useCache ? await readEarly(sources) : undefined;
    // The same inputs as the last build, whose site is still as it left it: nothing to do.
    if (early && stored.last?.inputs === early.fingerprint) {
      const same = unchangedBuild(stored);
      if (same) {
        stage('load', performance.now() - sourcesStart);
        return result({ ...same, ok: true, reused: same.pages ?? 0 });
      }
    }

    const loaded = await checkSources(sources, stored);
    stage('load', performance.now() - sourcesStart);
    const handbook = loaded.result.handbook;
    if (!handbook) return result({ diagnostics: loaded.result.diagnostics, documentCount: loaded.result.documentCount, language: loaded.result.language });
    // Reading and checking left the parse of every document behind: see util/memory.ts.
    if (handbook.processes.length >= COLLECT_AFTER_LOAD) collectGarbage();

    const inputs = await readInputs(handbook, stored.templates, early);
    const { site, templates, assets, history, register } = inputs;
    const language = handbook.settings.language;
    const renderer = options.renderer ?? handbook.settings.renderer;
    const bodies = await readBodies(site, useCache, cacheDir);

    // The Mermaid renderer draws in a browser, here, before the pages; the native one draws inside
    // the per-process work below.
    let diagnostics = loaded.result.diagnostics;
    const diagrams = renderer === 'mermaid' ? await timed('diagrams', () => mermaidDiagrams(site)) : undefined;
    // Charts Mermaid could not draw have the native chart, with a warning each (errors under --strict).
    if (diagrams && diagrams.diagnostics.length > 0) {
      diagnostics = [...diagnostics, ...promote(diagrams.diagnostics, options.strict ?? false)].sort(compareDiagnostics);
      if (options.strict) return result({ diagnostics, documentCount: loaded.result.documentCount });
    }

    // Every page's key (what it depends on besides the model is `global`), and what the last
    // build's site already holds with the same key. Mermaid's charts are cached on their own.
    const global = hashKey(JSON.stringify([stamp, site.settings, site.today, options.drafts ?? false, renderer, hashKey(JSON.stringify(inputs.templateSources)), assets.flags, assetsHash(assets.files), site.changes]));
    const registry = pageRegistry({
      site,
      docVersion: (p) => loaded.versions.get(p.file) ?? '',
      global,
      history,
      historyVersion: (p) => (history.kind === 'git' ? hashKey(JSON.stringify(history.files.get(p.file) ?? [])) : ''),
      register: register.entries,
    });
    const previous = useCache && renderer === 'native' ? intactSiteFiles(stored.site, out) : new Map<string, SiteFileRecord>();
    const plan = planPages(registry, previous);

    // Per process (diagram, Markdown, page) on worker threads and this one; meanwhile this thread
    // makes the other pages. Pages are written (into the temporary folder) as they are made;
    // unchanged ones are linked from the old site.
    const writer = await SiteWriter.open(out);
    const siteKeys = new Map<string, string>();
    let writeMs = 0;
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
    const keep = (files: ReadonlyMap<string, SiteFileRecord>) => {
      const t = performance.now();
      writer.keepSync(out, new Map([...files].map(([p, r]) => [p, r.size])));
      writeMs += performance.now() - t;
    };
    try {
      keep(plan.kept);
      const reused = [...plan.kept.keys()].filter((p) => p.endsWith('.html')).length;
      let sharedMs = 0;
      const pool = await renderProcessPages(
        {
          site,
          processes: plan.processes,
          templateSources: inputs.templateSources,
          templates,
          assets: assets.flags,
          ...(diagrams && { svgs: diagrams.svgs }),
          cachedBodies: bodies.cachedBodies,
          keepBodies: true,
          workers: workers.length > 0 ? workers : startWorkers(plan.processes.length),
          onProgress: (d, t) => options.onProgress?.('pages', d, t),
        },
        () => {
          const t = performance.now();
          const tools = pageTools(site, templates, assets.flags, history);
          // Written as made, not kept to the end: at 10,000 processes the role pages and the map
          // are ~40 MB of text, held (as strings built by concatenation) through the whole build.
          for (const entry of plan.others) write(entry.render!(tools), () => plan.keys.get(entry)!);
          sharedMs = performance.now() - t;
        },
        (files) => write(files, (p) => plan.processKeys.get(p) ?? ''),
      );
      const threads = pool.workers + 1;
      if (!diagrams) stage('diagrams', pool.times.diagrams, threads);
      stage('markdown', pool.times.markdown, threads);
      stage('pages', pool.times.pages + sharedMs, threads);

      // The body of every process: made now, from the Markdown cache, or (rarely: a cache lost)
      // made again; Markdown turns into the same HTML wherever it is made.
      const bodyOf = (p: Process) => pool.bodies.get(p.code) ?? bodies.cachedBodies.get(p.code) ?? markdownToHtml(p.body, language);

      // Each process's terms were made with its page (or kept from the last build); what is left
      // is merging them into one index, when any process or the settings changed.
      const s = performance.now();
      const searchKey = hashKey(registry.searchKey());
      const lastSearch = stored.site?.search;
      const searchKept = lastSearch?.key === searchKey && lastSearch.files.every((f) => previous.has(f)) ? lastSearch.files : undefined;
      let terms: Map<string, StoredTerms> | undefined;
      if (searchKept) keep(new Map(searchKept.map((f) => [f, previous.get(f)!])));
      else {
        terms = await allTerms(site, pool, useCache ? await readStoredTerms(buildCacheDir, stamp) : new Map(), plan, bodyOf);
        const t = terms;
        write(buildSearchIndex(site.published, { pageHref: (code) => processPath(code), language, terms: (p) => storedToTerms(t.get(plan.keyOf(p))!), synonyms: handbook.settings.synonyms, categories: handbook.settings.categories }), () => '');
      }
      const searchFiles = searchKept ?? [...siteKeys.keys()].filter((p) => p.startsWith('search/'));
      stage('search', pool.times.search + (performance.now() - s), threads);

      const w = performance.now();
      write(assets.files, () => '');
      if (site.published.some((p) => hasMermaid(bodyOf(p)))) await writeMermaidBundle(previous, stamp, keep, write);
      const written = await writer.commit();
      // The write stage's time includes the pages written while they were being made.
      stage('write', writeMs + (performance.now() - w));

      const outcome = {
        diagnostics,
        documentCount: loaded.result.documentCount,
        processes: site.published.length,
        draftsLeftOut: options.drafts ? 0 : handbook.processes.filter((p) => p.status === 'draft').length,
        language: loaded.result.language,
        pages: pages + reused,
        files: written.files,
        bytes: written.bytes,
      };
      if (useCache) {
        const records = new Map([...plan.kept, ...recordSiteFiles(out, siteKeys)]);
        for (const f of searchKept ?? []) records.set(f, previous.get(f)!);
        const cache: BuildCache = {
          documents: loaded.checks,
          site: { out, files: records, search: { key: searchKey, files: searchFiles } },
          ...(terms && { terms }),
          templates: new Set(inputs.templateSources.map(templateHash)),
          ...(early && { last: { inputs: early.fingerprint, result: outcome } }),
          ...(stored.texts && { texts: stored.texts }),
        };
        await Promise.all([writeBuildCache(buildCacheDir, stamp, cache), saveBodies(cacheDir, bodies, site, pool.bodies)]).catch(() => undefined);
      }
      return result({ ...outcome, ok: true, reused });
    } catch (e) {
      await writer.abort();
      throw e;
    }
  }

  function startWorkers(count: number): PoolWorker[] {
    const started = PoolWorker.start(poolSize(count, options.threads));
    workers.push(...started);
    return started;
  }

  /** Check the handbook (documents unchanged since the last build are not parsed again). */
  function checkSources(sources: HandbookSources, stored: BuildCache) {
    return checkSourcesCached(sources, stored.documents, (n) => startWorkers(n).map((w) => w.worker), { today: options.today, strict: options.strict });
  }

  /**
   * What the pages are made from besides the documents, read before the check so that a build
   * with the same inputs as the last one can stop at once (`fingerprint`: a hash of all of them).
   * Undefined when something cannot be read: the build then reads it again after the check, where
   * its error is reported.
   */
  async function readEarly(sources: HandbookSources) {
    try {
      const [register, history, templateSources, assets] = await Promise.all([readRegister(root), readSiteHistory(root, sources.documents), readTemplateSources(path.join(root, 'templates')), readAssets(root)]);
      const fingerprint = hashKey(
        JSON.stringify([
          stamp,
          out,
          options.today,
          options.strict ?? false,
          options.drafts ?? false,
          options.renderer ?? '',
          sources.settingsText ?? null,
          sources.diagnostics,
          sources.documents.map(documentHash),
          templateSources,
          assetsHash(assets.files),
          register.entries,
          history.kind === 'git' ? [...history.files] : history,
        ]),
      );
      return { register, history, templateSources, assets, files: sources.documents.map((d) => d.file), fingerprint };
    } catch {
      return undefined;
    }
  }

  /** The last build's report, when its site is still whole and as it left it. */
  function unchangedBuild(stored: BuildCache): Partial<BuildResult> | undefined {
    const site = stored.site;
    if (!site || !existsSync(path.join(out, SITE_MARKER))) return undefined;
    if (intactSiteFiles(site, out).size !== site.files.size) return undefined;
    return stored.last?.result as Partial<BuildResult>;
  }

  /** The site model, and what its pages are made with: templates, assets, the git history, the register. */
  async function readInputs(handbook: Handbook, checkedTemplates: ReadonlySet<string>, early: Awaited<ReturnType<typeof readEarly>>) {
    // Read before the check when the cache is on (for the same documents: the same history).
    const same = early !== undefined && early.files.length === handbook.processes.length && handbook.processes.every((p, i) => p.file === early.files[i]);
    // The git history (two git runs, whatever the size) is read while the register is.
    const [register, history] = same ? [early.register, early.history] : await Promise.all([readRegister(root), readSiteHistory(root, handbook.processes)]);
    if (history.kind === 'none' && history.reason !== 'not a git repository') notes.push(`No changes pages: ${history.reason} (process pages show their revision history).`);
    // Controlled copies out per process (its current version), shown on its page.
    const copies = new Map(handbook.processes.map((p) => [p.code, copiesOut(register, p.code, p.version ?? '')] as const).filter(([, n]) => n > 0));
    const site: SiteModel = buildSiteModel(handbook, { today: options.today, drafts: options.drafts, copiesOut: copies, changes: history.kind === 'git' });
    // Templates and assets are read now so that a broken template fails before any work.
    const [templateSources, assets] = early ? [early.templateSources, early.assets] : await Promise.all([readTemplateSources(path.join(root, 'templates')), readAssets(root)]);
    return { site, register, history, templateSources, templates: compileTemplates(templateSources, checkedTemplates), assets };
  }

  function mermaidDiagrams(site: SiteModel) {
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

/** Keep the Markdown cache to this build's bodies; rewritten only when that changed something. */
async function saveBodies(cacheDir: string, bodies: Awaited<ReturnType<typeof readBodies>>, site: SiteModel, made: ReadonlyMap<string, string>): Promise<void> {
  const used = new Map<string, string>();
  for (const p of site.published) {
    const h = bodies.hashes.get(p.code)!;
    const html = made.get(p.code) ?? bodies.cache.get(h);
    if (html !== undefined) used.set(h, html);
  }
  if (used.size !== bodies.cache.size || [...used.keys()].some((h) => !bodies.cache.has(h))) await writeMarkdownCache(path.join(cacheDir, 'markdown'), used);
}

const emptyCache = (): BuildCache => ({ documents: new Map(), templates: new Set() });

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
  /** The key hash of a published process's page. */
  readonly keyOf: (p: Process) => string;
}

/** Which pages are made and which are carried over: those whose every file is in the last site with the same key. */
function planPages(registry: PageRegistry, previous: ReadonlyMap<string, SiteFileRecord>): PagePlan {
  const byCode = new Map<string, string>();
  const plan: PagePlan = { kept: new Map(), processes: [], processKeys: new Map(), others: [], keys: new Map(), keyOf: (p) => byCode.get(p.code)! };
  for (const entry of registry.entries) {
    const key = hashKey(entry.key());
    if (entry.kind === 'process') byCode.set(entry.process!.code, key);
    if (entry.paths.every((p) => previous.get(p)?.key === key)) for (const p of entry.paths) plan.kept.set(p, previous.get(p)!);
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

/**
 * Every published process's search terms, by its page-key hash: made with its page now, kept from
 * the last build, or (a cache lost) made here from its body as the page work makes them.
 */
async function allTerms(site: SiteModel, pool: PoolResult, stored: ReadonlyMap<string, StoredTerms>, plan: PagePlan, bodyOf: (p: Process) => string): Promise<Map<string, StoredTerms>> {
  const out = new Map<string, StoredTerms>();
  for (const p of site.published) {
    const key = plan.keyOf(p);
    const made = pool.terms.get(p.code);
    const kept = made ? undefined : stored.get(key);
    out.set(key, kept ?? termsToStored(made ?? processTerms(p, htmlToText(bodyOf(p)))));
  }
  return out;
}

const termsToStored = (t: ProcessTerms): StoredTerms => ({ terms: t.terms, masks: Buffer.from(t.masks).toString('base64'), body: t.body });
const storedToTerms = (s: StoredTerms): ProcessTerms => ({ terms: s.terms, masks: new Uint8Array(Buffer.from(s.masks, 'base64')), body: s.body });

/** `assets/mermaid.min.js`: carried over when the last site has this Flowbook's copy, else read and written. */
async function writeMermaidBundle(
  previous: ReadonlyMap<string, SiteFileRecord>,
  stamp: string,
  keep: (files: ReadonlyMap<string, SiteFileRecord>) => void,
  write: (files: readonly OutputFile[], key: (p: string) => string) => void,
): Promise<void> {
  const key = hashKey(`mermaid\0${stamp}`);
  const old = previous.get(MERMAID_BUNDLE);
  if (stamp !== '' && old?.key === key) keep(new Map([[MERMAID_BUNDLE, old]]));
  else write([await readMermaidBundle()], () => key);
}
