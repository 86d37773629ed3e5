/**
 * What the site shows, worked out once from the handbook: which processes are published, what
 * replaced the obsolete ones, every role's steps and every department's processes, with slugs.
 * Pure; every list is sorted, so the output does not depend on iteration order.
 */
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
  const isCurrent = new Set(current.map((p) => p.code));
  const found = new Set<string>();
  for (const r of obsolete.revisions) for (const c of codesIn(r.change, byCode)) if (isCurrent.has(c) && c !== obsolete.code) found.add(c);
  for (const p of current) if (p.revisions.some((r) => codesIn(r.change, byCode).includes(obsolete.code))) found.add(p.code);
  return [...found].sort(strCmp);
}

export function buildSiteModel(handbook: Handbook, options: SiteOptions): SiteModel {
  const published = handbook.processes.filter((p) => p.status !== 'draft' || options.drafts).slice().sort(byCodeCmp);
  const byCode = new Map(published.map((p) => [p.code, p]));
  const current = published.filter((p) => p.status !== 'obsolete');
  const obsolete = published.filter((p) => p.status === 'obsolete');
  const replacedBy = new Map(obsolete.map((o) => [o.code, replacements(o, current, byCode)]));

  const roleSteps = new Map<string, RoleSteps[]>();
  for (const p of [...published].sort(listOrder))
    for (const role of p.roles) {
      const steps = p.steps.filter((s) => s.role === role);
      if (steps.length === 0) continue;
      (roleSteps.get(role) ?? roleSteps.set(role, []).get(role)!).push({ process: p, steps });
    }
  const roles = new Map([...roleSteps.entries()].sort(([a], [b]) => strCmp(a, b)));

  const depts = new Map<string, { owns: Process[]; controls: Process[] }>();
  const dept = (name: string) => depts.get(name) ?? depts.set(name, { owns: [], controls: [] }).get(name)!;
  for (const p of published) {
    dept(p.owner).owns.push(p);
    dept(p.control).controls.push(p);
  }
  const departments = new Map(
    [...depts.entries()].sort(([a], [b]) => strCmp(a, b)).map(([name, d]) => [name, { name, owns: d.owns.sort(listOrder), controls: d.controls.sort(listOrder) }] as const),
  );

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
    roleSlug: slugMap(roles.keys()),
    deptSlug: slugMap(departments.keys()),
    copiesOut: new Map([...(options.copiesOut ?? [])].filter(([code]) => byCode.has(code)).sort(([a], [b]) => strCmp(a, b))),
    roles,
    departments,
  };
}
