/**
 * What the site shows, worked out once from the handbook: which processes are published, what
 * replaced the obsolete ones, every role's steps and every department's processes, with slugs.
 * Pure; every list is sorted, so the output does not depend on iteration order.
 */
import { nameOrder, type Compare } from '../util/collate.js';
import type { Handbook, Process, Settings, Step } from '../model/types.js';
import { labelsFor, type Labels } from './labels.js';
import { slugMap } from './slug.js';

export interface SiteOptions {
  /** YYYY-MM-DD: review due dates are relative to it. */
  readonly today: string;
  /** Publish drafts (marked with a banner). */
  readonly drafts?: boolean;
  /** Code -> controlled copies of the current version that are out (from print/register.ts). */
  readonly copiesOut?: ReadonlyMap<string, number>;
  /** The handbook's git history was read: every process page links to its changes page. */
  readonly changes?: boolean;
}

export interface RoleSteps {
  readonly process: Process;
  readonly steps: readonly Step[];
}

export interface Department {
  readonly name: string;
  readonly owns: readonly Process[];
  readonly controls: readonly Process[];
}

/** What a list entry or a link needs to know about a process. */
export type ProcessSummary = Pick<Process, 'code' | 'name' | 'status' | 'version' | 'category' | 'effective' | 'review'>;

/**
 * The part of the site model a single process page needs: small, so worker threads get it
 * cheaply (see `indexData`), instead of the whole handbook.
 */
export interface SiteIndex {
  readonly settings: Settings;
  readonly labels: Labels;
  readonly today: string;
  /** Published processes by code. */
  readonly byCode: ReadonlyMap<string, ProcessSummary>;
  /** Every process of the handbook, published or not (names of unpublished link targets). */
  readonly allByCode: ReadonlyMap<string, ProcessSummary>;
  /** Obsolete code -> codes of the current processes that replace it (see `replacements`). */
  readonly replacedBy: ReadonlyMap<string, readonly string[]>;
  /** Handbook-relative file -> code of published processes, for links between documents in bodies. */
  readonly byFile: ReadonlyMap<string, string>;
  readonly roleSlug: ReadonlyMap<string, string>;
  readonly deptSlug: ReadonlyMap<string, string>;
  /** Code -> controlled copies of its current version that are out (distribution register). */
  readonly copiesOut: ReadonlyMap<string, number>;
  /** Process pages link to `changes/<code>.html` (the git history was read). */
  readonly changes: boolean;
}

export interface SiteModel extends SiteIndex {
  /** Every process that gets a page, sorted by code (drafts only with `drafts`). */
  readonly published: readonly Process[];
  readonly byCode: ReadonlyMap<string, Process>;
  readonly allByCode: ReadonlyMap<string, Process>;
  /** Published and not obsolete: the main lists. */
  readonly current: readonly Process[];
  readonly obsolete: readonly Process[];
  /** Role -> the steps it performs, by process (current processes first, then obsolete), sorted by role name. */
  readonly roles: ReadonlyMap<string, readonly RoleSteps[]>;
  readonly departments: ReadonlyMap<string, Department>;
}

/** The site index as plain data (structured-clone friendly, small). */
export interface SiteIndexData {
  readonly settings: Settings;
  readonly today: string;
  readonly published: readonly ProcessSummary[];
  readonly all: readonly ProcessSummary[];
  readonly replacedBy: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly byFile: ReadonlyArray<readonly [string, string]>;
  readonly roleSlug: ReadonlyArray<readonly [string, string]>;
  readonly deptSlug: ReadonlyArray<readonly [string, string]>;
  readonly copiesOut: ReadonlyArray<readonly [string, number]>;
  readonly changes: boolean;
}

const summary = (p: ProcessSummary): ProcessSummary => ({
  code: p.code,
  name: p.name,
  status: p.status,
  ...(p.version !== undefined && { version: p.version }),
  ...(p.category !== undefined && { category: p.category }),
  ...(p.effective !== undefined && { effective: p.effective }),
  ...(p.review !== undefined && { review: p.review }),
});

export function indexData(site: SiteIndex): SiteIndexData {
  return {
    settings: site.settings,
    today: site.today,
    published: [...site.byCode.values()].map(summary),
    all: [...site.allByCode.values()].map(summary),
    replacedBy: [...site.replacedBy],
    byFile: [...site.byFile],
    roleSlug: [...site.roleSlug],
    deptSlug: [...site.deptSlug],
    copiesOut: [...site.copiesOut],
    changes: site.changes,
  };
}

export function indexFromData(d: SiteIndexData): SiteIndex {
  return {
    settings: d.settings,
    labels: labelsFor(d.settings.language),
    today: d.today,
    byCode: new Map(d.published.map((p) => [p.code, p])),
    allByCode: new Map(d.all.map((p) => [p.code, p])),
    replacedBy: new Map(d.replacedBy),
    byFile: new Map(d.byFile),
    roleSlug: new Map(d.roleSlug),
    deptSlug: new Map(d.deptSlug),
    copiesOut: new Map(d.copiesOut),
    changes: d.changes,
  };
}

const byCodeCmp = (a: Process, b: Process) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Current before obsolete, then by code. */
const listOrder = (a: Process, b: Process) => Number(a.status === 'obsolete') - Number(b.status === 'obsolete') || byCodeCmp(a, b);

/** Words that look like codes in free text; trailing dots are punctuation. */
function codesIn(text: string, known: ReadonlyMap<string, Process>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*/g)) {
    const w = m[0].replace(/[.\-_]+$/, '');
    if (known.has(w)) out.push(w);
  }
  return out;
}

/**
 * What replaced an obsolete process: the current (published, not obsolete) processes that
 * (a) the obsolete process's revision history names by code ("作废;由HR-RC-001替代"), or
 * (b) name the obsolete process's code in their own revision history ("替代HR-RC-009").
 * Bodies and `type: process` links are not used: they mention related processes too often.
 */
export function replacements(obsolete: Process, current: readonly Process[], byCode: ReadonlyMap<string, Process>): string[] {
  return replacementMap([obsolete], current, byCode).get(obsolete.code) ?? [];
}

/**
 * `replacements` for every obsolete process at once: each revision history is scanned once
 * (scanning every current history per obsolete process took ~10 ms at 1,000 processes, on every
 * dev-server edit).
 */
function replacementMap(obsolete: readonly Process[], current: readonly Process[], byCode: ReadonlyMap<string, Process>): Map<string, string[]> {
  const isCurrent = new Set(current.map((p) => p.code));
  const found = new Map(obsolete.map((o) => [o.code, new Set<string>()]));
  for (const o of obsolete) for (const r of o.revisions) for (const c of codesIn(r.change, byCode)) if (isCurrent.has(c) && c !== o.code) found.get(o.code)!.add(c);
  if (found.size > 0)
    for (const p of current)
      for (const r of p.revisions)
        for (const c of codesIn(r.change, byCode)) {
          const set = found.get(c);
          if (set && c !== p.code) set.add(p.code);
        }
  return new Map([...found].map(([code, set]) => [code, [...set].sort(strCmp)]));
}

export function buildSiteModel(handbook: Handbook, options: SiteOptions): SiteModel {
  const published = handbook.processes.filter((p) => p.status !== 'draft' || options.drafts).slice().sort(byCodeCmp);
  const byCode = new Map(published.map((p) => [p.code, p]));
  const current = published.filter((p) => p.status !== 'obsolete');
  const obsolete = published.filter((p) => p.status === 'obsolete');
  const replacements = replacementMap(obsolete, current, byCode);
  const replacedBy = new Map(obsolete.map((o) => [o.code, replacements.get(o.code)!]));

  // Role and department pages need every step by role; a process page needs only the names (for
  // slugs). The lists are worked out when first read, so the dev server renders an edited page
  // before them.
  const roleNames = new Set<string>();
  for (const p of published) for (const s of p.steps) roleNames.add(s.role);
  // Role and department indexes list names in the handbook's order (pinyin, alphabetical: util/collate.ts).
  const names = nameOrder(handbook.settings.language);
  const roles = lazy(() => rolesOf(published, names));
  const departments = lazy(() => departmentsOf(published, names));

  return {
    settings: handbook.settings,
    labels: labelsFor(handbook.settings.language),
    today: options.today,
    published,
    byCode,
    allByCode: handbook.byCode,
    current,
    obsolete,
    replacedBy,
    byFile: new Map(published.map((p) => [p.file, p.code])),
    roleSlug: slugMap([...roleNames].sort(strCmp)),
    deptSlug: slugMap([...new Set(published.flatMap((p) => [p.owner, p.control]))].sort(strCmp)),
    copiesOut: new Map([...(options.copiesOut ?? [])].filter(([code]) => byCode.has(code)).sort(([a], [b]) => strCmp(a, b))),
    changes: options.changes ?? false,
    get roles() {
      return roles();
    },
    get departments() {
      return departments();
    },
  };
}

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

function rolesOf(published: readonly Process[], names: Compare): ReadonlyMap<string, readonly RoleSteps[]> {
  const roleSteps = new Map<string, RoleSteps[]>();
  for (const p of [...published].sort(listOrder)) {
    // One pass over the steps (filtering them once per role took ~7 ms at 1,000 processes).
    const byRole = new Map<string, Step[]>(p.roles.map((r) => [r, []]));
    for (const s of p.steps) byRole.get(s.role)?.push(s);
    for (const [role, steps] of byRole) {
      if (steps.length === 0) continue;
      (roleSteps.get(role) ?? roleSteps.set(role, []).get(role)!).push({ process: p, steps });
    }
  }
  return new Map([...roleSteps.entries()].sort(([a], [b]) => names(a, b)));
}

function departmentsOf(published: readonly Process[], names: Compare): ReadonlyMap<string, Department> {
  const depts = new Map<string, { owns: Process[]; controls: Process[] }>();
  const dept = (name: string) => depts.get(name) ?? depts.set(name, { owns: [], controls: [] }).get(name)!;
  for (const p of published) {
    dept(p.owner).owns.push(p);
    dept(p.control).controls.push(p);
  }
  return new Map(
    [...depts.entries()].sort(([a], [b]) => names(a, b)).map(([name, d]) => [name, { name, owns: d.owns.sort(listOrder), controls: d.controls.sort(listOrder) }] as const),
  );
}
