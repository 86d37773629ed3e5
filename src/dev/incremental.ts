/**
 * The dev server's site, kept in memory and brought up to date change by change.
 *
 * Every page has a key (src/pages/registry.ts, the registry `build` uses too): a string of
 * everything its bytes depend on. A rebuild works out every page's key from the new model and
 * renders only the pages whose key changed, with the same functions `flowbook build` uses:
 *   - first the pages of the documents that changed (then `onPages`, so the edited page reloads),
 *   - then the other process pages whose key changed (neighbours: old and new links),
 *   - then role and department pages whose key changed, then the index pages (home, map, search,
 *     roles, departments) when the handbook's list data changed,
 *   - the search index last, later (see `searchDue`), because it takes longest.
 * The site is a Map that is replaced, never changed in place, so a request always sees a whole
 * version. A page's key is recorded only once it is rendered, so an interrupted rebuild
 * (`shouldStop`) leaves stale keys behind and the next rebuild finishes the work.
 */
import type { LanguageChoice } from '../config/language.js';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { cmp, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { buildHandbook } from '../model/build.js';
import type { Handbook, Process, Settings } from '../model/types.js';
import type { DocumentInput } from '../model/input.js';
import type { OutputFile } from '../output/types.js';
import { buildSiteModel, type SiteModel } from '../view/model.js';
import { compileTemplates, readTemplateSources, type TemplateSource, type Templates } from '../site/templates.js';
import { readAssets, readMermaidBundle, type AssetSet } from '../site/assets.js';
import { renderProcessBatch, siblingHref } from '../site/process-work.js';
import { renderProcessPages, MIN_PROCESSES_FOR_THREADS } from '../site/process-pool.js';
import { renderProcessDiagrams } from '../site/diagrams.js';
import { hasMermaid } from '../view/markdown.js';
import { htmlToText } from '../site/text.js';
import { processPath } from '../view/paths.js';
import { buildSearchIndex } from '../search/index.js';
import { HandbookSources, isDocumentPath } from './sources.js';
import { copiesOut as copiesOut_, readRegister, type Register } from '../print/register.js';
import { processNames, processVersions, readSiteHistory, type GitHistory } from '../control/history-site.js';
import type { ComparedVersion } from '../control/history-page.js';
import { pageRegistry, type PageEntry, type PageRegistry, type PageTools } from '../pages/registry.js';

export type SiteFiles = ReadonlyMap<string, Buffer>;

export interface DevSiteOptions {
  readonly root: string;
  /** YYYY-MM-DD, or a function read at every rebuild (the clock). */
  readonly today: string | (() => string);
  readonly drafts?: boolean;
  /** Worker threads for a full render of a large handbook (as `build`). */
  readonly threads?: number;
}

/** What a rebuild was asked to look at: handbook-relative paths, or everything. */
export type Changes = ReadonlySet<string> | 'all';

export interface RebuildHooks {
  /** Pages whose bytes changed are now served (called several times per rebuild). */
  readonly onPages?: (paths: readonly string[]) => void;
  /** The handbook was checked and has no errors: called before any page changes. */
  readonly onChecked?: () => void;
  /**
   * After the edited documents' pages are served and announced (`onPages`): resolves when the
   * rest of the rebuild may go on (the dev server waits, briefly, for open pages to fetch them).
   */
  readonly afterEdited?: (paths: readonly string[]) => Promise<void>;
  /** Asked between steps: true stops the rebuild early (newer changes are waiting). */
  readonly shouldStop?: () => boolean;
}

/** `language`: the handbook's, and how it was decided (the terminal and the overlay speak it). */
export type RebuildResult =
  | { readonly ok: true; readonly diagnostics: readonly Diagnostic[]; readonly documentCount: number; readonly language: LanguageChoice; readonly rendered: number; readonly removed: number; readonly complete: boolean; readonly ms: number }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly documentCount: number; readonly language: LanguageChoice; readonly ms: number };

const SEARCH_DIR = 'search/';
const MERMAID_BUNDLE = 'assets/mermaid.min.js';

export class DevSite {
  private readonly root: string;
  private readonly sources: HandbookSources;
  /** The site being served; replaced as a whole. */
  private current: Map<string, Buffer> = new Map();
  /** Site path -> the key it was rendered with. */
  private readonly keys = new Map<string, string>();
  /** Code -> [body Markdown, body HTML] (links not rewritten). */
  private readonly bodies = new Map<string, readonly [string, string]>();
  private templateSources: readonly TemplateSource[] = [];
  private templates?: Templates;
  private assets?: AssetSet;
  private templatesVersion = 0;
  private handbook?: Handbook;
  private site?: SiteModel;
  private searchDirty = true;
  private started = false;
  /** The sources have been read (at least once). */
  private scanned = false;
  /** This rebuild's `mermaid-fallback` warnings (charts Mermaid could not draw; they have the native chart). */
  private diagramDiagnostics: Diagnostic[] = [];

  constructor(private readonly options: DevSiteOptions) {
    this.root = path.resolve(options.root);
    this.sources = new HandbookSources(this.root);
  }

  /** The served site (a whole version; never changed after it is handed out). */
  get files(): SiteFiles {
    return this.current;
  }

  /** Whether the search index needs building (call `buildSearch` when the server is idle). */
  get searchDue(): boolean {
    return this.searchDirty && this.site !== undefined;
  }

  /**
   * The handbook's language as the sources read so far tell it (undefined before the first read):
   * for the words about a rebuild that stopped before its check (a broken template at start).
   */
  readLanguage(): LanguageChoice | undefined {
    return this.scanned ? this.sources.check(this.today()).language : undefined;
  }

  private today(): string {
    return typeof this.options.today === 'function' ? this.options.today() : this.options.today;
  }

  /** Bring the site up to date with `changes`. Never throws on bad handbook input (returns diagnostics); throws on internal errors and template errors. */
  async rebuild(changes: Changes, hooks: RebuildHooks = {}): Promise<RebuildResult> {
    const t0 = performance.now();
    const all = changes === 'all' || !this.started;
    const changed = new Set<string>(); // documents whose text changed
    let templatesChanged = all;
    if (all) {
      for (const f of await this.sources.rescan()) changed.add(f);
      this.scanned = true;
      this.register = await readRegister(this.root);
      this.started = true;
    } else {
      let rescan = false;
      for (const rel of changes) {
        if (rel === 'flowbook.yml') this.sources.readSettings();
        else if (rel === 'register' || rel.startsWith('register/')) this.register = await readRegister(this.root);
        else if (rel === 'templates' || rel.startsWith('templates/')) templatesChanged = true;
        else if (isDocumentPath(rel)) {
          if (this.sources.readDocument(rel)) changed.add(rel);
        } else if (rel === 'processes' || rel.startsWith('processes/')) rescan = true; // a folder came or went
      }
      if (rescan) for (const f of await this.sources.rescan()) changed.add(f);
    }
    if (templatesChanged || !this.templates) {
      // A broken template throws TemplateError: the caller shows it; the old templates stay.
      const sources = await readTemplateSources(path.join(this.root, 'templates'));
      const templates = compileTemplates(sources);
      this.assets = await readAssets(this.root);
      this.templateSources = sources;
      this.templates = templates;
      this.templatesVersion++;
    }

    const today = this.today();
    const checked = this.sources.check(today);
    if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics, documentCount: checked.documentCount, language: checked.language, ms: performance.now() - t0 };

    hooks.onChecked?.();
    const handbook = this.modelOf(checked.settings, checked.docs);
    // The git history is read when the server starts (and on a full rebuild); edits to the working
    // copy show on the changes pages at once, new commits after a restart.
    if (all || this.history === undefined) {
      this.history = await readSiteHistory(this.root, handbook.processes);
      this.historyVersion++;
      this.versions.clear();
    }
    // Controlled copies out per process (its current version), as `build` shows them.
    const copiesOut = new Map(handbook.processes.map((p) => [p.code, copiesOut_(this.register, p.code, p.version ?? '')] as const).filter(([, n]) => n > 0));
    const site = buildSiteModel(handbook, { today, ...(this.options.drafts && { drafts: true }), copiesOut, changes: this.history.kind === 'git' });
    this.handbook = handbook;
    this.site = site;
    this.diagramDiagnostics = [];
    const stats = await this.render(site, changed, hooks);
    const diagnostics = this.diagramDiagnostics.length ? [...checked.diagnostics, ...this.diagramDiagnostics].sort(compareDiagnostics) : checked.diagnostics;
    return { ok: true, diagnostics, documentCount: checked.documentCount, language: checked.language, ...stats, ms: performance.now() - t0 };
  }

  /**
   * The model, patched when only the contents of a few documents changed (same files, codes and
   * names): those processes are built again (with the processes they call, for the step names),
   * and `linkedFrom` is worked out again for the processes they called before or call now.
   * Anything else builds the whole model. Equal to `buildHandbook` either way (tested).
   */
  private modelOf(settings: Settings, docs: readonly DocumentInput[]): Handbook {
    const prev = this.handbook;
    const prevDocs = this.modelDocs;
    const next = new Map(docs.map((d) => [d.file, d]));
    this.modelDocs = next;
    const changed: DocumentInput[] = [];
    let fast = prev !== undefined && prevDocs.size === next.size && JSON.stringify(prev.settings) === JSON.stringify(settings);
    if (fast)
      for (const [f, d] of next) {
        const o = prevDocs.get(f);
        if (!o || (o !== d && (o.code !== d.code || o.name !== d.name))) {
          fast = false;
          break;
        }
        if (o !== d) changed.push(d);
      }
    if (!fast || changed.length > 50) return buildHandbook(this.root, settings, docs);
    if (changed.length === 0) return prev!;
    const docByCode = new Map(docs.map((d) => [d.code, d]));
    const changedCodes = new Set(changed.map((d) => d.code));
    const rebuilt = new Map<string, Process>();
    const touched = new Set<string>(changedCodes);
    for (const d of changed) {
      const refs = new Set<DocumentInput>();
      for (const s of d.steps) if (s.type === 'process' && s.ref !== undefined && s.ref !== d.code && docByCode.has(s.ref)) refs.add(docByCode.get(s.ref)!);
      const p = buildHandbook(this.root, settings, [d, ...refs]).byCode.get(d.code)!;
      rebuilt.set(d.code, p);
      for (const c of p.linksTo) touched.add(c);
      for (const c of prev!.byCode.get(d.code)?.linksTo ?? []) touched.add(c);
    }
    const replaced = new Map<string, Process>();
    for (const c of touched) {
      const base = rebuilt.get(c) ?? prev!.byCode.get(c);
      if (!base) return buildHandbook(this.root, settings, docs);
      const from = new Set((prev!.byCode.get(c)?.linkedFrom ?? []).filter((x) => !changedCodes.has(x)));
      for (const x of changedCodes) if (rebuilt.get(x)!.linksTo.includes(c)) from.add(x);
      replaced.set(c, Object.freeze({ ...base, linkedFrom: Object.freeze([...from].sort(cmp)) }) as Process);
    }
    const processes = prev!.processes.map((p) => replaced.get(p.code) ?? p);
    return Object.freeze({ root: this.root, settings, processes: Object.freeze(processes), byCode: new Map(processes.map((p) => [p.code, p])) });
  }
  private modelDocs = new Map<string, DocumentInput>();

  /** The git history (read at start), its generation, and each process's compared versions by page key. */
  private history?: GitHistory;
  private historyVersion = 0;
  private readonly versions = new Map<string, { key: string; versions: ComparedVersion[] }>();

  /** The distribution register, read as `build` reads it (a linked register is refused: FlowbookError). */
  private register: Pick<Register, 'entries'> = { entries: [] };

  /** The last good model (for tests). */
  get model(): Handbook | undefined {
    return this.handbook;
  }

  private serialOf(p: Process): number {
    return this.sources.get(p.file)?.serial ?? -1;
  }

  private async render(site: SiteModel, changedFiles: ReadonlySet<string>, hooks: RebuildHooks): Promise<{ rendered: number; removed: number; complete: boolean }> {
    const registry = this.registryOf(site);
    const update = new SiteUpdate(this.current, this.keys, hooks, (files) => (this.current = files));
    const removed = this.removeGone(update, registry);
    this.updateAssets(update);
    let complete = await this.updateProcessPages(update, site, registry, changedFiles, hooks);
    if (complete) {
      await this.updateMermaidBundle(update, site);
      complete = await this.updateOtherPages(update, site, registry, hooks);
    }
    update.publish();
    return { rendered: update.rendered, removed, complete };
  }

  /** The registry of this rebuild's pages; `global` changes with settings, date, options, templates and the history read. */
  private registryOf(site: SiteModel): PageRegistry {
    return pageRegistry({
      site,
      docVersion: (p) => String(this.serialOf(p)),
      global: JSON.stringify([site.settings, site.today, this.options.drafts ?? false, this.templatesVersion, this.assets!.flags, site.changes, this.historyVersion]),
      history: this.history!,
      historyVersion: () => '',
      register: this.register.entries,
    });
  }

  /** Pages that no longer exist go at once. */
  private removeGone(update: SiteUpdate, registry: PageRegistry): number {
    const wanted = new Set<string>(registry.entries.flatMap((e) => e.paths));
    const assetPaths = new Set(this.assets!.files.map((f) => f.path));
    const gone = [...update.files.keys()].filter((p) => !(wanted.has(p) || assetPaths.has(p) || p.startsWith(SEARCH_DIR) || p === MERMAID_BUNDLE));
    for (const p of gone) update.remove(p);
    if (gone.length) this.searchDirty = true;
    return gone.length;
  }

  /** Assets (templates/custom.css, Flowbook's own files), again when the templates changed. */
  private updateAssets(update: SiteUpdate): void {
    const assets = this.assets!;
    const key = `${this.templatesVersion}`;
    const paths = new Set(assets.files.map((f) => f.path));
    if (assets.files.some((f) => update.keyOf(f.path) !== key)) update.put(assets.files, () => key);
    for (const p of [...update.files.keys()]) if (p.startsWith('assets/') && !paths.has(p) && p !== MERMAID_BUNDLE) update.remove(p);
  }

  /**
   * Process pages: the changed documents' first (published at once, so their open pages reload
   * while the rest is worked out), then every other page whose key changed. False when stopped.
   */
  private async updateProcessPages(update: SiteUpdate, site: SiteModel, registry: PageRegistry, changedFiles: ReadonlySet<string>, hooks: RebuildHooks): Promise<boolean> {
    const processEntries = registry.entries.filter((e) => e.kind === 'process');
    const pageKey = (p: string) => registry.processKey(decodeCode(p));
    const edited = processEntries.filter((e) => changedFiles.has(e.process!.file));
    if (edited.length > 0 && edited.length < MIN_PROCESSES_FOR_THREADS) {
      const first = edited.filter((e) => update.stale(e)).map((e) => e.process!);
      if (first.length) {
        update.put(await this.renderProcesses(site, first), pageKey);
        this.searchDirty = true;
        update.publish();
        await (hooks.afterEdited?.(first.map((p) => processPath(p.code))) ?? yieldToIo());
      }
    }
    const staleProcs = processEntries.filter((e) => update.stale(e)).map((e) => e.process!);
    if (staleProcs.length >= MIN_PROCESSES_FOR_THREADS && staleProcs.length > site.published.length / 2 && site.settings.renderer !== 'mermaid') {
      // Most of a large handbook (start, template or settings change): the build's thread pool.
      const pool = await renderProcessPages({
        site,
        templateSources: this.templateSources,
        templates: this.templates!,
        assets: this.assets!.flags,
        cachedBodies: this.cachedBodies(site.published),
        keepBodies: true,
        ...(this.options.threads !== undefined && { threads: this.options.threads }),
      });
      for (const p of site.published) this.bodies.set(p.code, [p.body, pool.bodies.get(p.code) ?? '']);
      update.put(pool.files, pageKey);
      this.searchDirty = true;
      update.publish();
      return true;
    }
    for (let i = 0; i < staleProcs.length; i += 16) {
      if (i > 0) await yieldToIo();
      if (hooks.shouldStop?.()) return false;
      update.put(await this.renderProcesses(site, staleProcs.slice(i, i + 16)), pageKey);
      this.searchDirty = true;
      update.publish();
    }
    return true;
  }

  /** `assets/mermaid.min.js` is part of the site when some body has a Mermaid block (as in `build`). */
  private async updateMermaidBundle(update: SiteUpdate, site: SiteModel): Promise<void> {
    const needed = site.published.some((p) => hasMermaid(this.bodies.get(p.code)?.[1] ?? ''));
    if (needed && !update.files.has(MERMAID_BUNDLE)) update.put([await readMermaidBundle()], () => '');
    if (!needed && update.files.has(MERMAID_BUNDLE)) update.remove(MERMAID_BUNDLE);
  }

  /** Every other page whose key changed (role, department, index, changes, what's new, master list). False when stopped. */
  private async updateOtherPages(update: SiteUpdate, site: SiteModel, registry: PageRegistry, hooks: RebuildHooks): Promise<boolean> {
    const tools = this.toolsOf(site, registry);
    for (const entry of registry.entries) {
      if (!entry.render || !update.stale(entry)) continue;
      if (hooks.shouldStop?.()) return false;
      await yieldToIo();
      const key = entry.key();
      update.put(entry.render(tools), () => key);
      update.publish();
    }
    return true;
  }

  /** What pages are rendered with; a process's versions are kept between rebuilds while its page key is the same. */
  private toolsOf(site: SiteModel, registry: PageRegistry): PageTools {
    const history = this.history!;
    const names = processNames(site);
    return {
      templates: this.templates!,
      assets: this.assets!.flags,
      versionsOf: (p) => {
        if (history.kind !== 'git') return [];
        const key = registry.processKey(p.code);
        const hit = this.versions.get(p.code);
        if (hit && hit.key === key) return hit.versions;
        const versions = processVersions(site, p, history, names);
        this.versions.set(p.code, { key, versions });
        return versions;
      },
    };
  }

  private cachedBodies(processes: readonly Process[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const p of processes) {
      const b = this.bodies.get(p.code);
      if (b && b[0] === p.body) out.set(p.code, b[1]);
    }
    return out;
  }

  private async renderProcesses(site: SiteModel, processes: readonly Process[]): Promise<OutputFile[]> {
    const language = site.settings.language;
    const diagrams =
      site.settings.renderer === 'mermaid'
        ? await renderProcessDiagrams(processes, {
            root: this.root,
            renderer: 'mermaid',
            language,
            href: siblingHref(site),
            ...(site.settings.browser !== undefined && { browser: site.settings.browser }),
          })
        : undefined;
    if (diagrams) this.diagramDiagnostics.push(...diagrams.diagnostics);
    const svgs = diagrams?.svgs;
    const r = await renderProcessBatch({ site, templates: this.templates!, assets: this.assets!.flags, language, ...(svgs && { svgs }), cachedBodies: this.cachedBodies(processes), keepBodies: true }, processes);
    const byCode = new Map(processes.map((p) => [p.code, p]));
    for (const [code, html] of r.bodies) this.bodies.set(code, [byCode.get(code)!.body, html]);
    return r.files;
  }

  /**
   * Build the search index from the last good model and swap its files in. Synchronous work of
   * ~0.3 s for 1,000 processes: the server calls it when no change has arrived for a moment.
   */
  async buildSearch(): Promise<string[]> {
    const site = this.site;
    if (!site || !this.searchDirty) return [];
    if (site.published.some((p) => this.bodies.get(p.code)?.[0] !== p.body)) return []; // pages not all rendered yet
    this.searchDirty = false;
    const files = buildSearchIndex(site.published, {
      pageHref: (code) => processPath(code),
      language: site.settings.language,
      synonyms: site.settings.synonyms,
      categories: site.settings.categories,
      bodyText: (p) => htmlToText(this.bodies.get(p.code)?.[1] ?? ''),
    });
    const next = new Map(this.current);
    for (const p of [...next.keys()]) if (p.startsWith(SEARCH_DIR)) next.delete(p);
    const changed: string[] = [];
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content);
      if (!this.current.get(f.path)?.equals(bytes)) changed.push(f.path);
      next.set(f.path, bytes);
    }
    this.current = next;
    return changed;
  }
}

/**
 * One rebuild's changes to the served site: files put and removed go into a copy, and `publish`
 * hands the copy out (the served map is never changed in place) with the keys of what was put.
 */
class SiteUpdate {
  /** The site as it will be served at the next `publish`. */
  readonly files: Map<string, Buffer>;
  private readonly newKeys = new Map<string, string>();
  private readonly changed: string[] = [];
  rendered = 0;

  constructor(
    current: ReadonlyMap<string, Buffer>,
    private readonly keys: Map<string, string>,
    private readonly hooks: RebuildHooks,
    private readonly serve: (files: Map<string, Buffer>) => void,
  ) {
    this.files = new Map(current);
  }

  /** The key a path was last rendered with ('' when it is not in the site). */
  keyOf(path: string): string | undefined {
    return this.files.has(path) ? this.keys.get(path) : undefined;
  }

  /** Whether an entry's page must be made again. */
  stale(e: PageEntry): boolean {
    return e.paths.some((p) => this.keyOf(p) !== e.key());
  }

  put(files: readonly OutputFile[], key: (path: string) => string): void {
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
      const old = this.files.get(f.path);
      if (!old || !old.equals(bytes)) this.changed.push(f.path);
      this.files.set(f.path, bytes);
      this.newKeys.set(f.path, key(f.path));
      this.rendered++;
    }
  }

  remove(path: string): void {
    this.files.delete(path);
    this.keys.delete(path);
    this.changed.push(path);
  }

  publish(): void {
    for (const [p, k] of this.newKeys) this.keys.set(p, k);
    this.newKeys.clear();
    this.serve(new Map(this.files));
    if (this.changed.length) this.hooks.onPages?.(this.changed.splice(0));
  }
}

/** `p/<code>.html` or `p/<code>.mmd` -> code. */
function decodeCode(p: string): string {
  return p.slice(2, p.lastIndexOf('.'));
}

/** Let pending I/O (a browser asking for the reloaded page) in before more synchronous work. */

const yieldToIo = () => new Promise<void>((r) => setImmediate(r));
