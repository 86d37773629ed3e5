/**
 * The build's work once it knows it has some (src/build.ts decides): check, the pages whose key
 * changed, the search index, the assets, the caches for next time. Loaded only then.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSourcesCached } from '../load-cached.js';
import type { HandbookSources } from '../source/read-handbook.js';
import { compareDiagnostics, promote } from '../diagnostics/diagnostic.js';
import { words, type Words } from '../diagnostics/words.js';
import type { Handbook, Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import { htmlToText } from '../site/text.js';
import { SiteWriter } from '../output/write-site.js';
import { readMarkdownCache, writeMarkdownCache } from '../output/markdown-cache.js';
import { BUILD_CACHE_DIR, hashKey, intactSiteFiles, readDocumentChecks, readStoredHistory, readStoredPinyin, readStoredWhatsNew, readStoredTerms, recordSiteFiles, storedTerms, writeBuildCache, type BuildCache, type RawEntry, type SiteFileRecord, type StoredTerms } from '../output/build-cache.js';
import { buildSiteModel, type SiteModel } from '../site/index.js';
import { compileTemplates, readTemplateSources, templateHash } from '../site/templates.js';
import { readAssets, readMermaidBundle } from '../site/assets.js';
import { bodyHash, hasMermaid, markdownToHtml } from '../view/markdown.js';
import { PoolWorker, poolSize, renderProcessPages, type PoolResult } from '../site/process-pool.js';
import { siblingHref } from '../site/process-work.js';
import { renderProcessDiagrams } from '../site/diagrams.js';
import { docText, listedProcess, patchIndex, processTerms, searchIndexFiles, shardOptions, type LastIndex, type ProcessTerms, type SearchIndexOptions } from '../search/index.js';
import { processPath } from '../view/paths.js';
import { pinyinTable, rememberPinyin } from '../search/pinyin.js';
import { contentKey as searchContentKey } from '../search/shard.js';
import { copiesOut, readRegister } from '../print/register.js';
import { collectGarbage } from '../util/memory.js';
import { processNames, processVersions, readSiteHistory, type GitHistory } from '../control/history-site.js';
import { pageRegistry, type EntryMemo, type PageEntry, type PageRegistry, type PageTools } from '../pages/registry.js';
import type { WhatsNewEntry } from '../control/whats-new.js';

import { assetsHash, type EarlyInputs } from './early.js';
import { trace } from '../util/trace.js';
import { emptyResult, type BuildOptions, type BuildResult, type StageName, type StageTiming } from '../build.js';

/** Flowbook's copy of Mermaid in the site (when a body holds a Mermaid block). */
const MERMAID_BUNDLE = 'assets/mermaid.min.js';

/** A git history with more text than this (characters, ~64 MB as stored) is read from git every time, not kept. */
const KEEP_HISTORY_CHARS = 32_000_000;

/** Handbooks this large get a full garbage collection after the check (peak memory). */
const COLLECT_AFTER_LOAD = 2000;
/**
 * A site whose files are at least this share carried over is patched in place; below it, a new
 * folder is swapped in (one rename, so readers never see a half-changed site of many changes).
 */
const IN_PLACE_SHARE = 0.75;

/** What src/build.ts read before deciding there is work. */
export interface BuildStart {
  readonly t0: number;
  readonly root: string;
  readonly out: string;
  readonly stamp: string;
  readonly stored: BuildCache;
  readonly sources: HandbookSources;
  readonly early: EarlyInputs | undefined;
  /** When reading the sources began (the load stage's start). */
  readonly start: number;
}

/** The documents read and checked: the check's result, each document's check and text version. */
type Checked = Awaited<ReturnType<typeof checkSourcesCached>>;
/** The site model and what its pages are made with. */
type Inputs = Awaited<ReturnType<SiteBuild['readInputs']>>;
type Bodies = Awaited<ReturnType<typeof readBodies>>;

/** One build, step by step; `run` is the order. */
export class SiteBuild {
  readonly root: string;
  readonly out: string;
  private readonly t0: number;
  private readonly stages: StageTiming[] = [];
  private readonly notes: Words[] = [];
  /** Worker threads: started for the check of a large handbook, then given the pages; ended with the build. */
  private readonly workers: PoolWorker[] = [];
  private readonly useCache: boolean;
  /** The diagram module keeps its own mermaid/ folder here. */
  private readonly cacheDir: string;
  private readonly buildCacheDir: string;
  private readonly stamp: string;
  /** "What's new" entries from and for the cache (none without it). */
  private readonly whatsNew: KeptEntries | undefined;

  constructor(
    private readonly options: BuildOptions,
    private readonly begun: BuildStart,
  ) {
    this.t0 = begun.t0;
    this.root = begun.root;
    this.out = begun.out;
    this.useCache = options.cache ?? true;
    this.cacheDir = path.join(this.root, '.flowbook-cache');
    this.buildCacheDir = path.join(this.cacheDir, BUILD_CACHE_DIR);
    this.stamp = begun.stamp;
    this.whatsNew = this.useCache ? new KeptEntries(() => readStoredWhatsNew(this.buildCacheDir, this.stamp, begun.stored)) : undefined;
  }

  async run(): Promise<BuildResult> {
    const { stored, sources, early, start } = this.begun;
    // The history follows from the commit HEAD points at: the last build's, when HEAD has not
    // moved since. Else git runs in processes of its own, started now: it reads the history while
    // this thread checks.
    const head = this.useCache ? early?.head : undefined;
    const storedHistory = head === undefined ? undefined : readStoredHistory(this.buildCacheDir, this.stamp, this.historyKey(head, early!.files), stored);
    const history = early && !early.history ? (storedHistory ? Promise.resolve<GitHistory>(storedHistory) : readSiteHistory(this.root, early.files.map((file) => ({ file })))) : undefined;
    history?.catch(() => undefined); // read again after the check if it failed
    if (this.useCache) await readDocumentChecks(this.buildCacheDir, this.stamp, stored);
    trace('document checks read');
    const checked = await this.check(sources, stored);
    this.stage('load', performance.now() - start);
    trace('checked');
    const handbook = checked.result.handbook;
    if (!handbook) return this.result({ diagnostics: checked.result.diagnostics, documentCount: checked.result.documentCount, language: checked.result.language });
    // Reading and checking left the parse of every document behind: see util/memory.ts.
    if (handbook.processes.length >= COLLECT_AFTER_LOAD) collectGarbage();

    const inputs = await this.readInputs(handbook, stored.templates, early, history);
    trace('inputs (site model, history, templates)');
    const renderer = this.options.renderer ?? handbook.settings.renderer;
    // The Mermaid renderer draws in a browser, here, before the pages; the native one draws with them.
    let diagnostics = checked.result.diagnostics;
    const diagrams = renderer === 'mermaid' ? await this.timed('diagrams', () => this.mermaidDiagrams(inputs.site)) : undefined;
    // Charts Mermaid could not draw have the native chart, with a warning each (errors under --strict).
    if (diagrams && diagrams.diagnostics.length > 0) {
      diagnostics = [...diagnostics, ...promote(diagrams.diagnostics, this.options.strict ?? false)].sort(compareDiagnostics);
      if (this.options.strict) return this.result({ diagnostics, documentCount: checked.result.documentCount });
    }
    const registry = this.registry(inputs, checked, renderer);
    trace('registry');
    // What the last build's site already holds with the same key is carried over. (Mermaid's charts are cached on their own.)
    const previous = this.useCache && renderer === 'native' ? intactSiteFiles(stored.site, this.out) : new Map<string, SiteFileRecord>();
    trace('intact site files');
    const plan = planPages(registry, previous);
    trace('plan');
    const bodies = await readBodies(inputs.site, this.useCache, this.cacheDir);
    trace('bodies');
    if (this.useCache) rememberPinyin(await readStoredPinyin(this.buildCacheDir, this.stamp, stored));
    trace('pinyin');

    const site = await this.writeSite(inputs, plan, previous, stored, registry, bodies, diagrams?.svgs);
    const outcome = {
      diagnostics,
      documentCount: checked.result.documentCount,
      processes: inputs.site.published.length,
      draftsLeftOut: this.options.drafts ? 0 : handbook.processes.filter((p) => p.status === 'draft').length,
      language: checked.result.language,
      pages: site.pages,
      files: site.files,
      bytes: site.bytes,
    };
    trace('site written');
    // A history read from git now is kept for the next build (unless it is very large).
    const read = inputs.history;
    const keepHistory = head !== undefined && read.kind === 'git' && read !== storedHistory && historyChars(read) <= KEEP_HISTORY_CHARS ? { key: this.historyKey(head, [...read.files.keys()]), history: read } : undefined;
    if (this.useCache) await this.saveCaches(stored, checked, inputs, site, early, outcome, bodies, keepHistory).catch(() => undefined);
    trace('caches saved');
    return this.result({ ...outcome, ok: true, reused: site.reused });
  }

  /** What a git history is stored by: the commit HEAD points at, the handbook's folder, the documents it was read for. */
  private historyKey(head: string, files: readonly string[]): string {
    return hashKey(JSON.stringify([head, this.root, [...files].sort()]));
  }

  endWorkers(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private stage(name: StageName, ms: number, threads?: number): void {
    this.stages.push({ name, ms, ...(threads !== undefined && { threads }) });
    this.options.onStage?.(name, ms);
  }

  private async timed<T>(name: StageName, fn: () => Promise<T> | T): Promise<T> {
    const s = performance.now();
    const r = await fn();
    this.stage(name, performance.now() - s);
    return r;
  }

  private result(extra: Partial<BuildResult>): BuildResult {
    return { ...emptyResult(this.out), stages: this.stages, notes: this.notes, ...extra, ms: performance.now() - this.t0 };
  }

  private startWorkers(count: number): PoolWorker[] {
    const started = PoolWorker.start(poolSize(count, this.options.threads));
    this.workers.push(...started);
    return started;
  }

  /** Check the handbook (documents unchanged since the last build are not parsed again). */
  private check(sources: HandbookSources, stored: BuildCache): Promise<Checked> {
    return checkSourcesCached(sources, stored.documents, (n) => this.startWorkers(n).map((w) => w.worker), { today: this.options.today, strict: this.options.strict });
  }

  /** The site model, and what its pages are made with: templates, assets, the git history, the register. */
  private async readInputs(handbook: Handbook, checkedTemplates: ReadonlySet<string>, early: EarlyInputs | undefined, historyOfEarlyFiles: Promise<GitHistory> | undefined) {
    const root = this.root;
    // Read before or during the check when the cache is on (the same documents: the same history).
    // The model's processes are in code order, the documents in path order: compared as sets.
    const earlyFiles = new Set(early?.files);
    const same = early !== undefined && earlyFiles.size === handbook.processes.length && handbook.processes.every((p) => earlyFiles.has(p.file));
    const earlyHistory = same ? (early.history ?? (await historyOfEarlyFiles?.catch(() => undefined))) : undefined;
    // The git history (two git runs, whatever the size) is read while the register is.
    const [register, history] = same && earlyHistory ? [early.register, earlyHistory] : await Promise.all([early ? early.register : readRegister(root), readSiteHistory(root, handbook.processes)]);
    if (history.kind === 'none' && history.reason !== 'not a git repository') this.notes.push(noChangesPages(history.reason));
    // Controlled copies out per process (its current version), shown on its page.
    const copies = new Map(handbook.processes.map((p) => [p.code, copiesOut(register, p.code, p.version ?? '')] as const).filter(([, n]) => n > 0));
    trace('history, register');
    const site: SiteModel = buildSiteModel(handbook, { today: this.options.today, drafts: this.options.drafts, copiesOut: copies, changes: history.kind === 'git' });
    // Templates and assets are read now so that a broken template fails before any work.
    trace('site model');
    const [templateSources, assets] = early ? [early.templateSources, early.assets] : await Promise.all([readTemplateSources(path.join(root, 'templates')), readAssets(root)]);
    return { site, register, history, templateSources, templates: compileTemplates(templateSources, checkedTemplates), assets };
  }

  private mermaidDiagrams(site: SiteModel) {
    return renderProcessDiagrams(site.published, {
      root: this.root,
      renderer: 'mermaid',
      language: site.settings.language,
      // Keep the cache to this build's diagrams (as the Markdown cache); none with --no-cache.
      cache: this.useCache ? 'prune' : false,
      href: siblingHref(site),
      ...(site.settings.browser !== undefined && { browser: site.settings.browser }),
      onProgress: (d, t) => this.options.onProgress?.('diagrams', d, t),
    });
  }

  /** Every page with its key: what a page depends on besides the model is hashed once into `global`. */
  private registry(inputs: Inputs, checked: Checked, renderer: string): PageRegistry {
    const { site, history, assets } = inputs;
    const global = hashKey(JSON.stringify([this.stamp, site.settings, site.today, this.options.drafts ?? false, renderer, hashKey(JSON.stringify(inputs.templateSources)), assets.flags, assetsHash(assets.files), site.changes]));
    return pageRegistry({
      site,
      docVersion: (p) => checked.versions.get(p.file) ?? '',
      global,
      history,
      // A committed text is told by its commit and path: the texts themselves need not be hashed.
      historyVersion: (p) => (history.kind === 'git' ? hashKey(JSON.stringify((history.files.get(p.file) ?? []).map((c) => [c.commit, c.file, c.date, c.author, c.subject]))) : ''),
      register: inputs.register.entries,
      digest: hashKey,
    });
  }

  /**
   * The site, through a temporary folder patched or swapped in at the end (SiteWriter): pages whose key changed are made
   * (per process on worker threads and this one; meanwhile this thread makes the others), the
   * rest carried over from the old site; then the search index, the assets.
   */
  private async writeSite(inputs: Inputs, plan: PagePlan, previous: ReadonlyMap<string, SiteFileRecord>, stored: BuildCache, registry: PageRegistry, bodies: Bodies, svgs: ReadonlyMap<string, string> | undefined) {
    // Most files kept: the site is patched in place (see SiteWriter), not copied into a new folder.
    const writer = await SiteWriter.open(this.out, { inPlace: plan.kept.size >= IN_PLACE_SHARE * (plan.kept.size + plan.fresh) });
    const files = new SiteFiles(writer, this.out, previous);
    try {
      files.keep(plan.kept);
      trace('writer open, kept');
      const pool = await this.renderPages(inputs, plan, bodies, files, svgs);
      trace('pages rendered');
      // The body of every process: made now, from the Markdown cache, or (a cache lost) made again.
      const bodyOf = (p: Process) => pool.bodies.get(p.code) ?? bodies.cachedBodies.get(p.code) ?? markdownToHtml(p.body, inputs.site.settings.language);
      const s = performance.now();
      const search = await this.writeSearch(inputs, plan, previous, stored, registry, pool, bodyOf, files);
      trace('search');
      this.stage('search', pool.times.search + (performance.now() - s), pool.workers + 1);
      const w = performance.now();
      files.writeUnlessSame(inputs.assets.files);
      if (inputs.site.published.some((p) => hasMermaid(bodyOf(p)))) await writeMermaidBundle(previous, this.stamp, files);
      trace('assets');
      const written = await writer.commit();
      trace('commit');
      // The write stage's time includes the pages written while they were being made.
      this.stage('write', files.ms + (performance.now() - w));
      const reused = [...files.carried.keys()].filter((p) => p.endsWith('.html')).length;
      return { ...written, pages: files.pages + reused, reused, keys: files.keys, carried: files.carried, plan, pool, search };
    } catch (e) {
      await writer.abort();
      throw e;
    }
  }

  /** The pages whose key changed: per process in the pool, the others on this thread meanwhile. */
  private async renderPages(inputs: Inputs, plan: PagePlan, bodies: Bodies, files: SiteFiles, svgs: ReadonlyMap<string, string> | undefined): Promise<PoolResult> {
    const { site, templates, assets } = inputs;
    let sharedMs = 0;
    const pool = await renderProcessPages(
      {
        site,
        processes: plan.processes,
        templateSources: inputs.templateSources,
        templates,
        assets: assets.flags,
        ...(svgs && { svgs }),
        cachedBodies: bodies.cachedBodies,
        keepBodies: true,
        workers: this.workers.length > 0 ? this.workers : this.startWorkers(plan.processes.length),
        onProgress: (d, t) => this.options.onProgress?.('pages', d, t),
      },
      () => {
        const t = performance.now();
        const tools = pageTools(site, templates, assets.flags, inputs.history, this.whatsNew);
        // Written as made, not kept to the end: at 10,000 processes the role pages and the map
        // are ~40 MB of text, held (as strings built by concatenation) through the whole build.
        for (const entry of plan.others) files.write(entry.render!(tools), () => plan.keys.get(entry)!);
        sharedMs = performance.now() - t;
      },
      (made) => files.write(made, (p) => plan.processKeys.get(p) ?? ''),
    );
    const threads = pool.workers + 1;
    if (!svgs) this.stage('diagrams', pool.times.diagrams, threads);
    this.stage('markdown', pool.times.markdown, threads);
    this.stage('pages', pool.times.pages + sharedMs, threads);
    return pool;
  }

  /**
   * The search index, when any process or the settings changed (else carried over). Each
   * process's terms were made with its page or are kept from the last build; what is left is
   * merging them into one index.
   */
  private async writeSearch(inputs: Inputs, plan: PagePlan, previous: ReadonlyMap<string, SiteFileRecord>, stored: BuildCache, registry: PageRegistry, pool: PoolResult, bodyOf: (p: Process) => string, files: SiteFiles) {
    const { site } = inputs;
    const key = hashKey(registry.searchKey());
    const last = stored.site?.search;
    if (last?.key === key && last.files.every((f) => previous.has(f))) {
      files.keep(new Map(last.files.map((f) => [f, previous.get(f)!])));
      return { key, files: last.files, kept: true as const, ...(last.index && { index: last.index }) };
    }
    trace('search key');
    const storedByKey = this.useCache ? await readStoredTerms(this.buildCacheDir, this.stamp, stored) : new Map<string, RawEntry>();
    const options = {
      pageHref: (code: string) => processPath(code),
      language: site.settings.language,
      synonyms: site.settings.synonyms,
      categories: site.settings.categories,
    };
    const sorted = [...site.published].sort(byCode);
    const keys = sorted.map((p) => plan.keyOf(p));
    // Every process's terms as the cache keeps them: made now, or stored (parsed only if used).
    const termsByKey = new Map<string, StoredTerms | RawEntry>();
    sorted.forEach((p, i) => {
      const made = pool.terms.get(p.code);
      const t = made ? termsToStored(made) : storedByKey.get(keys[i]!);
      if (t) termsByKey.set(keys[i]!, t);
    });
    // Few processes changed: the last build's files are patched where their terms stand.
    const patched = last?.index && termsByKey.size === sorted.length ? this.patchSearch(sorted, keys, previous, pool, storedByKey, last.index, options) : undefined;
    if (patched) {
      files.writeUnlessSame(patched.made);
      files.keep(new Map(patched.kept.map((f) => [f, previous.get(f)!])));
      return { key, files: [...patched.made.map((f) => f.path), ...patched.kept].sort(), kept: false as const, terms: termsByKey, index: patched.last };
    }
    const terms = await allTerms(site, pool, storedByKey, plan, bodyOf);
    trace('terms');
    const made = searchIndexFiles(sorted, { ...options, terms: (p) => storedToTerms(storedTerms(terms.get(plan.keyOf(p)))!) });
    files.writeUnlessSame(made.files);
    return { key, files: made.files.map((f) => f.path), kept: false as const, terms, index: { codes: sorted.map((p) => p.code), keys, ...made.layout } };
  }

  /**
   * The search index as a patch of the last build's (src/search/patch.ts), or undefined when it
   * cannot be patched: then it is made whole. `sorted`: the published processes in index order;
   * `keys`: their terms keys.
   */
  private patchSearch(sorted: readonly Process[], keys: readonly string[], previous: ReadonlyMap<string, SiteFileRecord>, pool: PoolResult, stored: ReadonlyMap<string, RawEntry>, last: LastIndex, options: SearchIndexOptions) {
    const made = new Map<string, ProcessTerms>();
    sorted.forEach((p, i) => {
      const t = pool.terms.get(p.code);
      if (t) made.set(keys[i]!, t);
    });
    const termsOf = (k: string) => {
      const m = made.get(k);
      if (m) return m;
      const s = storedTerms(stored.get(k));
      return s && storedToTerms(s);
    };
    return patchIndex({
      processes: sorted.map((p) => listedProcess(p, options.pageHref)),
      keys,
      last,
      termsOf,
      docOf: (i) => docText(sorted[i]!, termsOf(keys[i]!)?.body ?? ''),
      oldText: (f) => (previous.has(f) ? readTextOrUndefined(path.join(this.out, f)) : undefined),
      oldKey: (f) => {
        const k = previous.get(f)?.key;
        return k?.startsWith('=') ? k.slice(1) : undefined;
      },
      options: shardOptions(options),
    });
  }

  /** What the next build needs: each document's check, every site file's key and record, the terms, the bodies. */
  private async saveCaches(stored: BuildCache, checked: Checked, inputs: Inputs, site: Awaited<ReturnType<SiteBuild['writeSite']>>, early: EarlyInputs | undefined, outcome: object, bodies: Bodies, history: BuildCache['history']): Promise<void> {
    const records = new Map([...site.carried, ...recordSiteFiles(this.out, site.keys)]);
    const cache: BuildCache = {
      documents: checked.checks,
      site: { out: this.out, files: records, search: { key: site.search.key, files: site.search.files, ...(site.search.index && { index: site.search.index }) } },
      ...(!site.search.kept && { terms: site.search.terms, pinyin: pinyinTable(inputs.site.published.flatMap((p) => [p.name, ...p.tags])) }),
      templates: new Set(inputs.templateSources.map(templateHash)),
      ...(early && { last: { inputs: early.fingerprint, result: outcome } }),
      ...(history && { history }),
      // Kept as they are when "what's new" was carried over (nothing asked for them).
      ...(this.whatsNew && this.whatsNew.used.size > 0 && { whatsNew: this.whatsNew.used }),
      ...(stored.texts && { texts: stored.texts }),
      ...(stored.entryKeys && { entryKeys: stored.entryKeys }),
    };
    await Promise.all([writeBuildCache(this.buildCacheDir, this.stamp, cache), saveBodies(this.cacheDir, bodies, inputs.site, site.pool.bodies)]);
  }
}

/**
 * The files of the site being written: made ones with their key hashes, kept ones carried over
 * from the old site. Files with no page key (assets, the search index) are keyed by their content,
 * so an unchanged one is carried over too.
 */
class SiteFiles {
  /** Path -> key hash of every file made (not kept). */
  readonly keys = new Map<string, string>();
  /** Path -> record of every file carried over. */
  readonly carried = new Map<string, SiteFileRecord>();
  /** HTML pages made. */
  pages = 0;
  /** Time spent writing. */
  ms = 0;
  constructor(
    private readonly writer: SiteWriter,
    private readonly out: string,
    private readonly previous: ReadonlyMap<string, SiteFileRecord>,
  ) {}

  write(files: readonly OutputFile[], key: (path: string) => string): void {
    const t = performance.now();
    this.writer.writeSync(files);
    this.ms += performance.now() - t;
    for (const f of files) {
      this.keys.set(f.path, key(f.path));
      if (f.path.endsWith('.html')) this.pages++;
    }
  }

  /** Files keyed by their content: carried over when the old site has the same, else written. */
  writeUnlessSame(files: readonly OutputFile[]): void {
    const keys = new Map(files.map((f) => [f.path, contentKey(f.content)]));
    const same = new Map<string, SiteFileRecord>();
    for (const [p, k] of keys) if (this.previous.get(p)?.key === k) same.set(p, this.previous.get(p)!);
    this.keep(same);
    this.write(
      files.filter((f) => !same.has(f.path)),
      (p) => keys.get(p)!,
    );
  }

  keep(files: ReadonlyMap<string, SiteFileRecord>): void {
    const t = performance.now();
    this.writer.keepSync(this.out, new Map([...files].map(([p, r]) => [p, r.size])));
    for (const [p, r] of files) this.carried.set(p, r);
    this.ms += performance.now() - t;
  }
}

/** The key of a file with no page key: its content's hash (marked apart from page keys). */
const contentKey = (content: string | Uint8Array): string => `=${searchContentKey(content)}`;

/** Code-unit order of codes, as the search index orders its processes. */
const byCode = (a: Process, b: Process) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A file's text, or undefined when it cannot be read. */
function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
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
  /** Number of the registry's files made now. */
  fresh: number;
}

/** Which pages are made and which are carried over: those whose every file is in the last site with the same key. */
function planPages(registry: PageRegistry, previous: ReadonlyMap<string, SiteFileRecord>): PagePlan {
  const byCode = new Map<string, string>();
  const plan: PagePlan = { kept: new Map(), processes: [], processKeys: new Map(), others: [], keys: new Map(), keyOf: (p) => byCode.get(p.code)!, fresh: 0 };
  for (const entry of registry.entries) {
    const key = hashKey(entry.key());
    if (entry.kind === 'process') byCode.set(entry.process!.code, key);
    if (entry.paths.every((p) => previous.get(p)?.key === key)) {
      for (const p of entry.paths) plan.kept.set(p, previous.get(p)!);
      continue;
    }
    plan.fresh += entry.paths.length;
    if (entry.kind === 'process') {
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
function pageTools(site: SiteModel, templates: PageTools['templates'], assets: PageTools['assets'], history: GitHistory, whatsNew: KeptEntries | undefined): PageTools {
  const names = processNames(site);
  const versions = new Map<string, ReturnType<PageTools['versionsOf']>>();
  return {
    templates,
    assets,
    ...(whatsNew && { whatsNew }),
    versionsOf: (p) => {
      if (history.kind !== 'git') return [];
      let v = versions.get(p.code);
      if (!v) versions.set(p.code, (v = processVersions(site, p, history, names)));
      return v;
    },
  };
}

/**
 * "What's new" entries kept between builds: the cache's are read when first asked for, and the
 * entries this build asked for or made are what it keeps for the next.
 */
class KeptEntries implements EntryMemo {
  private stored: Map<string, readonly WhatsNewEntry[]> | undefined;
  /** Entries this build used, by key. */
  readonly used = new Map<string, readonly WhatsNewEntry[]>();
  constructor(private readonly read: () => Map<string, readonly WhatsNewEntry[]>) {}

  get(key: string): readonly WhatsNewEntry[] | undefined {
    const e = (this.stored ??= this.read()).get(key);
    if (e) this.used.set(key, e);
    return e;
  }

  set(key: string, entries: readonly WhatsNewEntry[]): void {
    this.used.set(key, entries);
  }
}

/**
 * Every published process's search terms, by its page-key hash: made with its page now, kept from
 * the last build (as stored), or (a cache lost or damaged) made here from its body as the page
 * work makes them.
 */
async function allTerms(site: SiteModel, pool: PoolResult, stored: ReadonlyMap<string, RawEntry>, plan: PagePlan, bodyOf: (p: Process) => string): Promise<Map<string, StoredTerms | RawEntry>> {
  const out = new Map<string, StoredTerms | RawEntry>();
  for (const p of site.published) {
    const key = plan.keyOf(p);
    const made = pool.terms.get(p.code);
    const kept = made ? undefined : stored.get(key);
    out.set(key, kept && storedTerms(kept) ? kept : termsToStored(made ?? processTerms(p, htmlToText(bodyOf(p)))));
  }
  return out;
}

const termsToStored = (t: ProcessTerms): StoredTerms => ({ terms: t.terms, masks: Buffer.from(t.masks).toString('base64'), body: t.body });
const storedToTerms = (s: StoredTerms): ProcessTerms => ({ terms: s.terms, masks: new Uint8Array(Buffer.from(s.masks, 'base64')), body: s.body });

/** `assets/mermaid.min.js`: carried over when the last site has this Flowbook's copy, else read and written. */
async function writeMermaidBundle(previous: ReadonlyMap<string, SiteFileRecord>, stamp: string, files: SiteFiles): Promise<void> {
  const key = hashKey(`mermaid\0${stamp}`);
  const old = previous.get(MERMAID_BUNDLE);
  if (stamp !== '' && old?.key === key) files.keep(new Map([[MERMAID_BUNDLE, old]]));
  else files.write([await readMermaidBundle()], () => key);
}

/** Characters of committed text in a history. */
function historyChars(h: GitHistory & { kind: 'git' }): number {
  let n = 0;
  for (const states of h.files.values()) for (const s of states) n += s.text.length;
  return n;
}

/** Why the site has no changes pages, in both languages (git's own words pass through as they are). */
function noChangesPages(reason: string): Words {
  const zh = reason === 'git is not installed' ? '未安装 git' : reason === 'git took too long' ? 'git 运行超时' : reason;
  return words(`No changes pages: ${reason} (process pages show their revision history).`, `未生成变更页：${zh}（流程页面仍显示修订记录）。`);
}
