/**
 * `whats-new.html`: the handbook's recent versions, newest first, each with its change summary
 * and a link to its redline. From the git history when there is one; otherwise from the
 * documents' own revision histories (what the frontmatter says). Pure.
 */
import type { Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { SiteIndex } from '../view/model.js';
import type { Templates } from '../site/templates.js';
import { changesPath, processPath, WHATS_NEW } from '../view/paths.js';
import { layoutData, type SiteAssets } from '../site/pages/common.js';
import { context } from '../view/context.js';
import { changeLabels } from './history-labels.js';
import type { ComparedVersion } from './history-page.js';

/** Entries on the page at most. */
export const WHATS_NEW_COUNT = 100;

export interface WhatsNewEntry {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  /** YYYY-MM-DD; '' for a version not committed yet (listed first). */
  readonly date: string;
  readonly summary: string;
  /** The revision history's words for this version, when it has an entry. */
  readonly change: string;
  readonly author: string;
  /** Site path of the page to open: the redline (anchor included) or the process page. */
  readonly target: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first: uncommitted (no date) before everything, then by date descending, then by code and version. */
export function orderEntries(entries: readonly WhatsNewEntry[], limit = WHATS_NEW_COUNT): WhatsNewEntry[] & { truncated?: boolean } {
  const sorted = [...entries]
    .sort((a, b) => (a.date === b.date ? 0 : a.date === '' ? -1 : b.date === '' ? 1 : cmp(b.date, a.date)) || cmp(a.code, b.code) || cmp(b.version, a.version));
  return Object.assign(sorted.slice(0, limit), { truncated: sorted.length > limit });
}

/**
 * One process's entries from the git history, from its compared versions: every version but a
 * document's first (its first is listed as new). Unordered: `orderEntries` orders them all.
 */
export function versionEntries(p: Process, vs: readonly ComparedVersion[]): WhatsNewEntry[] {
  const out: WhatsNewEntry[] = [];
  vs.forEach((v, i) => {
    if (v.commit === undefined && !v.from) return; // a document never committed: nothing to report yet
    out.push({
      code: p.code,
      name: p.name,
      version: v.version,
      date: v.date ?? '',
      summary: v.summary,
      change: v.to.revisions.find((r) => r.version === v.version)?.change ?? '',
      author: v.author ?? '',
      target: `${changesPath(p.code)}#v-${vs.length - i}`,
    });
  });
  return out;
}

/** Entries from the frontmatter's revision histories (no git). */
export function entriesFromRevisions(processes: readonly Process[]): WhatsNewEntry[] {
  const out: WhatsNewEntry[] = [];
  for (const p of processes)
    for (const r of p.revisions)
      if (r.date !== undefined) out.push({ code: p.code, name: p.name, version: r.version, date: r.date, summary: '', change: r.change, author: '', target: processPath(p.code) });
  return orderEntries(out);
}

export function whatsNewPage(site: SiteIndex, templates: Templates, assets: SiteAssets, entries: readonly WhatsNewEntry[] & { truncated?: boolean }, fromGit: boolean): OutputFile {
  const ctx = context(site, WHATS_NEW);
  const l = changeLabels(site.settings.language);
  const data = {
    labels: site.labels,
    cl: l,
    fromGit,
    intro: fromGit ? l.whatsNewIntro : l.whatsNewFromRevisions,
    more: entries.truncated ? l.more.replace('{n}', String(entries.length)) : '',
    entries: entries.map((e) => ({ ...e, href: ctx.to(e.target), processHref: ctx.to(processPath(e.code)), version: e.version || '—' })),
  };
  return { path: WHATS_NEW, content: templates.page('whats-new', data, layoutData(ctx, assets, { title: l.whatsNew, bodyClass: 'fb-page-whats-new' })) };
}
