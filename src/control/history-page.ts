/**
 * `changes/<code>.html`: a process's versions from the git history, newest first, each compared
 * with the version before it as a redline (fields, roles, steps, body) with the version's chart,
 * changed boxes marked. Pure: versions in (history-versions.ts), page out.
 */
import type { Process, Step } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { SiteIndex } from '../view/model.js';
import type { Templates } from '../site/templates.js';
import { changesPath, processPath } from '../view/paths.js';
import { layoutData, type SiteAssets } from '../site/pages/common.js';
import { codeLink, context, type PageContext } from '../view/context.js';
import { renderNativeSvg } from '../diagram/native/index.js';
import { changeLabels, summaryText, type ChangeLabels } from './history-labels.js';
import { diffProcess, escapeHtml, foldedRedlineHtml, hasChanges, markChangedSteps, redlineHtml, type ProcessDiff, type StepChange } from './redline.js';
import type { VersionEntry } from './history-versions.js';

/** A version with its comparison worked out once (the changes page and "what's new" share it). */
export interface ComparedVersion extends VersionEntry {
  readonly diff?: ProcessDiff;
  readonly summary: string;
}

export function compareVersions(entries: readonly VersionEntry[], language: SiteIndex['settings']['language']): ComparedVersion[] {
  const l = changeLabels(language);
  return entries.map((e) => {
    if (!e.from) return { ...e, summary: l.newDocument };
    const diff = diffProcess(e.from, e.to);
    return { ...e, diff, summary: summaryText(diff, language) };
  });
}

const shortCommit = (c?: string) => (c ? c.slice(0, 10) : '');

function stepLabel(s: Step) {
  return `${s.number}. ${s.text}`;
}

function stepRow(c: StepChange, l: ChangeLabels) {
  const s = (c.after ?? c.before)!;
  const details: Array<{ label: string; html: string }> = [];
  const pair = (a: string, b: string) => `<del>${escapeHtml(a)}</del> <ins>${escapeHtml(b)}</ins>`;
  if (c.role) details.push({ label: l.lane, html: pair(c.role.before, c.role.after) });
  if (c.type) details.push({ label: l.type, html: pair(c.type.before, c.type.after) });
  if (c.ref) details.push({ label: l.link, html: pair(c.ref.before, c.ref.after) });
  if (c.flags) details.push({ label: l.startEnd, html: pair(c.flags.before, c.flags.after) });
  if (c.note) details.push({ label: '', html: redlineHtml(c.note) });
  if (c.branches) details.push({ label: l.branches, html: c.branches.map((b) => (b.op === 'eq' ? escapeHtml(b.text) : `<${b.op}>${escapeHtml(b.text)}</${b.op}>`)).join('<br>') });
  const textHtml = c.kind === 'added' ? `<ins>${escapeHtml(s.text)}</ins>` : c.kind === 'removed' ? `<del>${escapeHtml(s.text)}</del>` : c.text ? redlineHtml(c.text) : escapeHtml(s.text);
  return {
    kind: c.kind,
    kindLabel: c.kind === 'added' ? l.stepAdded : c.kind === 'removed' ? l.stepRemoved : l.stepChanged,
    number: c.kind === 'removed' ? '' : String(c.after!.number),
    before: c.before ? String(c.before.number) : '',
    role: s.role,
    textHtml,
    details,
  };
}

/** Whether the chart differs: steps or lanes changed (a change of fields or body leaves it as it was, so it is not drawn again). */
const chartChanged = (d: ProcessDiff) => d.counts.added + d.counts.removed + d.counts.changed > 0 || d.rolesAdded.length > 0 || d.rolesRemoved.length > 0 || d.rolesReordered;

/** The version's chart with added and changed steps marked (only for a version that passed the checker). */
function markedChart(v: ComparedVersion, site: SiteIndex, ctx: PageContext, index: number): string {
  if (!v.toClean) return '';
  const svg = renderNativeSvg(v.to, {
    href: (code) => (site.byCode.has(code) ? ctx.to(processPath(code)) : undefined),
    idPrefix: `fbv${index}`,
    language: site.settings.language,
  });
  const marks = new Map<string, 'added' | 'changed'>();
  for (const s of v.diff?.steps ?? []) if ((s.kind === 'added' || s.kind === 'changed') && s.after) marks.set(s.after.key, s.kind);
  return markChangedSteps(svg, marks);
}

export function changesPageData(site: SiteIndex, p: Process, versions: readonly ComparedVersion[], ctx: PageContext) {
  const l = changeLabels(site.settings.language);
  const fold = (n: number) => `<span class="fb-redline-fold">${escapeHtml(l.foldedLines.replace('{n}', String(n)))}</span>`;
  return {
    labels: site.labels,
    cl: l,
    process: { code: p.code, name: p.name, version: p.version ?? '', href: ctx.to(processPath(p.code)) },
    committed: versions.some((v) => v.commit !== undefined),
    versions: versions.map((v, i) => {
      const d = v.diff;
      const revision = v.to.revisions.find((r) => r.version === v.version);
      const changedSteps = d ? d.steps.filter((s) => s.kind !== 'same') : [];
      return {
        anchor: `v-${versions.length - i}`,
        version: v.version || '—',
        date: v.date ?? '',
        commit: shortCommit(v.commit),
        fullCommit: v.commit ?? '',
        author: v.author ?? '',
        subject: v.subject ?? '',
        revision: revision ? { date: revision.date ?? '', change: revision.change } : undefined,
        summary: v.summary,
        isFirst: !v.from,
        same: d !== undefined && !hasChanges(d),
        comparedWith: v.from ? l.comparedWith.replace('{version}', v.from.version || '—') : '',
        fields: (d?.fields ?? []).map((f) => ({ label: l.fieldNames[f.field] ?? f.field, html: redlineHtml(f.redline) })),
        rolesAdded: d?.rolesAdded ?? [],
        rolesRemoved: d?.rolesRemoved ?? [],
        rolesReordered: d?.rolesReordered ?? false,
        hasRoles: d !== undefined && (d.rolesAdded.length > 0 || d.rolesRemoved.length > 0 || d.rolesReordered),
        steps: changedSteps.map((s) => stepRow(s, l)),
        unchanged: d && changedSteps.length > 0 && d.steps.length > changedSteps.length ? l.unchangedSteps.replace('{n}', String(d.steps.length - changedSteps.length)) : '',
        bodyHtml: d?.bodyChanged ? foldedRedlineHtml(d.body, fold) : '',
        chart: d && chartChanged(d) ? markedChart(v, site, ctx, versions.length - i) : '',
        chartMissing: d !== undefined && chartChanged(d) && !v.toClean,
        chartSame: d !== undefined && hasChanges(d) && !chartChanged(d),
        open: i === 0,
      };
    }),
    revisions: p.revisions.map((r) => ({ version: r.version, date: r.date ?? '', change: r.change })),
  };
}

export function changesPage(site: SiteIndex, templates: Templates, assets: SiteAssets, p: Process, versions: readonly ComparedVersion[]): OutputFile {
  const path = changesPath(p.code);
  const ctx = context(site, path);
  const l = changeLabels(site.settings.language);
  const data = { ...changesPageData(site, p, versions, ctx), link: codeLink(ctx, site, p.code) };
  const html = templates.page('changes', data, layoutData(ctx, assets, { title: `${l.changesOf}${p.name} (${p.code})`, bodyClass: 'fb-page-changes' }));
  return { path, content: html };
}
