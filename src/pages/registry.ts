/**
 * The page registry: every page of the site, with the paths it writes, its dependency key and how
 * it is made. `flowbook build` renders every entry (or, with its cache, those whose key changed
 * since the last build); `flowbook dev` renders those whose key changed since the last rebuild.
 *
 * A key is a string of everything the page's bytes depend on: the document's text version, the
 * names and statuses of the processes it links to and is linked from, slugs, copies out, and
 * `global` (settings, templates, assets, date, options, Flowbook itself). Two builds that give a
 * page the same key give it the same bytes; that is what makes skipping it safe (tested by
 * comparing incremental builds with cold ones after every kind of change).
 *
 * Process pages have no `render` here: they are made in batches, on worker threads for large
 * handbooks (site/process-pool.ts), by whoever drives the registry. The search index is not a
 * page entry either: its files are only known once made, so it has a key of its own.
 */
import { cmp } from '../diagnostics/diagnostic.js';
import type { Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { SiteModel } from '../view/model.js';
import type { Templates } from '../site/templates.js';
import type { SiteAssets } from '../site/pages/common.js';
import { changesPath, DEPARTMENTS, deptPath, HOME, MAP, MASTER_LIST, MASTER_LIST_CSV, mermaidPath, processPath, rolePath, ROLES, SEARCH, WHATS_NEW } from '../view/paths.js';
import { homePage } from '../site/pages/home.js';
import { mapPage } from '../site/pages/map.js';
import { searchPage } from '../site/pages/search.js';
import { departmentPages, departmentsIndexPage, rolePages, rolesIndexPage } from '../site/pages/people.js';
import type { GitHistory } from '../control/history.js';
import { changesPage, type ComparedVersion } from '../control/history-page.js';
import { entriesFromRevisions, orderEntries, versionEntries, whatsNewPage, type WhatsNewEntry } from '../control/whats-new.js';
import { masterListPages } from '../control/master-list-page.js';
import type { RegisterEntry } from '../print/register.js';

export type PageKind = 'process' | 'changes' | 'role' | 'department' | 'index' | 'whats-new' | 'master-list';

/** What the pages are made from, beyond the model. */
export interface PageInputs {
  readonly site: SiteModel;
  /** Changes whenever the process's document text does (dev: a serial number; build: a hash of the text). */
  readonly docVersion: (p: Process) => string;
  /** What every page depends on: settings, date, options, templates, assets, Flowbook's version. */
  readonly global: string;
  readonly history: GitHistory;
  /** Changes whenever the git history of a document does (its changes page and "what's new" show it). */
  readonly historyVersion: (p: Process) => string;
  readonly register: readonly RegisterEntry[];
  /**
   * Shortens a process page's key where other keys contain it (a role page lists hundreds of
   * processes): the build passes a hash; default, the key itself.
   */
  readonly digest?: (key: string) => string;
}

/** What a page's `render` needs besides the inputs. */
export interface PageTools {
  readonly templates: Templates;
  readonly assets: SiteAssets;
  /** One process's versions from the git history (a caller may keep them between rebuilds). */
  readonly versionsOf: (p: Process) => ComparedVersion[];
  /**
   * "What's new" entries kept by a key of everything they are made from (the build keeps them in
   * its cache between builds): a process whose key is known is not compared with its history again.
   */
  readonly whatsNew?: EntryMemo;
}

/** Entries by key: what a driver keeps between builds. */
export interface EntryMemo {
  get(key: string): readonly WhatsNewEntry[] | undefined;
  set(key: string, entries: readonly WhatsNewEntry[]): void;
}

export interface PageEntry {
  readonly kind: PageKind;
  /** Site paths the entry writes (a process: its page and its Mermaid source). */
  readonly paths: readonly string[];
  /** Worked out when first asked for (dev sends the edited page out before working out the rest). */
  readonly key: () => string;
  /** The process of a `process` or `changes` entry. */
  readonly process?: Process;
  /** Makes the entry's files; absent for `process` entries (made in batches by the driver). */
  readonly render?: (tools: PageTools) => OutputFile[];
}

/** The pages of a site and the keys of what has no fixed paths. */
export interface PageRegistry {
  readonly entries: readonly PageEntry[];
  /** The process entry of a code (its key is the process page's). */
  readonly processKey: (code: string) => string;
  /** The search index's key: every published process's content and the settings. */
  readonly searchKey: () => string;
}

/** A process's line in index data: what list pages show of it. */
const summary = (p: Process) => [p.code, p.name, p.status, p.version ?? '', p.category ?? '', p.effective ?? '', p.review ?? ''].join('\u0001');

/** Every page of the site, with its key. Pure; keys are memoised. */
export function pageRegistry(inputs: PageInputs): PageRegistry {
  const keys = pageKeys(inputs);
  const entries: PageEntry[] = [
    ...processEntries(inputs, keys),
    ...peopleEntries(inputs, keys),
    ...indexEntries(inputs, keys),
    ...controlEntries(inputs, keys),
  ];
  return { entries, processKey: keys.process, searchKey: keys.search };
}

/** Calls `f` once, when first asked. */
function memo<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => (done ? v! : ((done = true), (v = f())));
}

interface Keys {
  /** A process page's key: its text, its neighbours' list data, slugs, copies out. */
  readonly process: (code: string) => string;
  /** `process`, shortened (`PageInputs.digest`), for keys that hold many of them. */
  readonly digest: (code: string) => string;
  /** The list data of every published process (home, map, search page, indexes). */
  readonly index: () => string;
  /** Every process's code and name (old versions on the changes pages may name any); shortened like `digest`. */
  readonly names: () => string;
  readonly search: () => string;
}

function pageKeys(inputs: PageInputs): Keys {
  const { site, global } = inputs;
  // Body links to other documents resolve through the published files and codes.
  const linkKey = memo(() => JSON.stringify([[...site.byFile], [...site.byCode.keys()]]));
  const info = (c: string) => {
    const p = site.byCode.get(c);
    return p ? summary(p) : `unpublished\u0001${site.allByCode.get(c)?.name ?? ''}`;
  };
  const procKeys = new Map<string, string>();
  const process = (code: string): string => {
    let k = procKeys.get(code);
    if (k !== undefined) return k;
    const p = site.byCode.get(code)!;
    const replaced = site.replacedBy.get(p.code) ?? [];
    const linked = [...new Set([...p.linksTo, ...p.linkedFrom, ...replaced])].sort(cmp);
    k =
      global +
      JSON.stringify([
        inputs.docVersion(p),
        p.linkedFrom,
        linked.map(info),
        replaced,
        p.roles.map((r) => site.roleSlug.get(r) ?? ''),
        site.deptSlug.get(p.owner) ?? '',
        site.deptSlug.get(p.control) ?? '',
        p.body.includes('.md') ? linkKey() : '',
        site.copiesOut.get(p.code) ?? 0,
      ]);
    procKeys.set(code, k);
    return k;
  };
  const digests = new Map<string, string>();
  const digest = (code: string): string => {
    let d = digests.get(code);
    if (d === undefined) digests.set(code, (d = inputs.digest ? inputs.digest(process(code)) : process(code)));
    return d;
  };
  return {
    process,
    digest,
    index: memo(() => global + JSON.stringify([site.published.map((p) => [summary(p), p.linksTo, p.owner, p.control, stepsPerRole(p)]), [...site.roleSlug], [...site.deptSlug]])),
    // In every changes page's key: shortened once, not hashed again inside each of them.
    names: memo(() => {
      const names = JSON.stringify([...site.allByCode.values()].map((x) => [x.code, x.name]));
      return inputs.digest ? inputs.digest(names) : names;
    }),
    search: memo(() => global + JSON.stringify(site.published.map((p) => digest(p.code)))),
  };
}

/** Each published process's page (made in batches by the driver), and its changes page when there is a git history. */
function processEntries(inputs: PageInputs, keys: Keys): PageEntry[] {
  const { site } = inputs;
  // Keys as digests: each process's long key is hashed once, here and in the pages that list it.
  const entries: PageEntry[] = site.published.map((p) => ({ kind: 'process', paths: [processPath(p.code), mermaidPath(p.code)], key: () => keys.digest(p.code), process: p }));
  if (inputs.history.kind === 'git')
    for (const p of site.published)
      entries.push({
        kind: 'changes',
        paths: [changesPath(p.code)],
        key: () => keys.digest(p.code) + inputs.historyVersion(p) + keys.names(),
        process: p,
        render: (t) => [changesPage(site, t.templates, t.assets, p, t.versionsOf(p))],
      });
  return entries;
}

/** One page per role and per department. */
function peopleEntries(inputs: PageInputs, keys: Keys): PageEntry[] {
  const { site, global } = inputs;
  const entries: PageEntry[] = [];
  for (const [role, groups] of site.roles) {
    const path = rolePath(site.roleSlug.get(role)!);
    entries.push({
      kind: 'role',
      paths: [path],
      key: memo(() => global + JSON.stringify([path, groups.map((g) => [keys.digest(g.process.code), g.steps.length])])),
      render: (t) => rolePages({ ...site, roles: new Map([[role, groups]]) }, t.templates, t.assets),
    });
  }
  for (const [name, d] of site.departments) {
    const path = deptPath(site.deptSlug.get(name)!);
    entries.push({
      kind: 'department',
      paths: [path],
      key: memo(() => global + JSON.stringify([path, d.owns.map(summary), d.controls.map(summary)])),
      render: (t) => departmentPages({ ...site, departments: new Map([[name, d]]) }, t.templates, t.assets),
    });
  }
  return entries;
}

/** Home, map, search page, the roles and departments indexes: all from the list data. */
function indexEntries(inputs: PageInputs, keys: Keys): PageEntry[] {
  const { site } = inputs;
  const pages: Array<[string, (t: PageTools) => OutputFile]> = [
    [HOME, (t) => homePage(site, t.templates, t.assets)],
    [MAP, (t) => mapPage(site, t.templates, t.assets)],
    [SEARCH, (t) => searchPage(site, t.templates, t.assets)],
    [ROLES, (t) => rolesIndexPage(site, t.templates, t.assets)],
    [DEPARTMENTS, (t) => departmentsIndexPage(site, t.templates, t.assets)],
  ];
  return pages.map(([path, make]) => ({ kind: 'index', paths: [path], key: keys.index, render: (t: PageTools) => [make(t)] }));
}

/** "What's new" and the master list of documents (with its CSV). */
function controlEntries(inputs: PageInputs, keys: Keys): PageEntry[] {
  const { site, global } = inputs;
  const git = inputs.history.kind === 'git';
  // A process's entries follow from its text, its history, every process's name (old versions
  // name them) and `global`.
  const gitEntries = (p: Process, t: PageTools): readonly WhatsNewEntry[] => {
    const raw = global + JSON.stringify([p.code, inputs.docVersion(p), inputs.historyVersion(p), keys.names()]);
    const key = inputs.digest ? inputs.digest(raw) : raw;
    const kept = t.whatsNew?.get(key);
    if (kept) return kept;
    const entries = versionEntries(p, t.versionsOf(p));
    t.whatsNew?.set(key, entries);
    return entries;
  };
  return [
    {
      kind: 'whats-new',
      paths: [WHATS_NEW],
      key: memo(() => global + JSON.stringify(site.published.map((p) => [p.code, p.name, inputs.docVersion(p), git ? inputs.historyVersion(p) : ''])) + (git ? keys.names() : '')),
      render: (t) => {
        const entries = git ? orderEntries(site.published.flatMap((p) => gitEntries(p, t))) : entriesFromRevisions(site.published);
        return [whatsNewPage(site, t.templates, t.assets, entries, git)];
      },
    },
    {
      kind: 'master-list',
      paths: [MASTER_LIST, MASTER_LIST_CSV],
      key: memo(() => global + JSON.stringify([site.published.map((p) => [p.code, inputs.docVersion(p)]), [...site.replacedBy], inputs.register])),
      render: (t) => masterListPages(site, t.templates, t.assets, inputs.register),
    },
  ];
}

/** [role, number of its steps] in declared role order (one pass over the steps). */
function stepsPerRole(p: Process): Array<[string, number]> {
  const n = new Map<string, number>(p.roles.map((r) => [r, 0]));
  for (const s of p.steps) if (n.has(s.role)) n.set(s.role, n.get(s.role)! + 1);
  return [...n];
}
