/**
 * A process as a controlled document, ready for a template: header block, steps (起点, 结束, 判断,
 * 子流程 and next steps), sign-off, revisions, links and document control. One view for the site's
 * process page and print's controlled copies and book, so they cannot drift.
 */
import type { Process, Step } from '../model/types.js';
import type { SiteIndex } from './model.js';
import { changesPath } from './paths.js';
import { codeLink, deptHref, roleHref, type PageContext } from './context.js';
import { changeLabels } from '../control/history-labels.js';
import { copyCheckData, printoutQr } from '../control/qr.js';
import { approvalLine } from '../control/approval-line.js';

export interface ProcessPageInput {
  /** Inline SVG from the diagram stage (trusted markup). */
  readonly svg: string;
  /** Sanitised body HTML, links already rewritten (trusted markup). */
  readonly bodyHtml: string;
  readonly hasMermaid: boolean;
  /** Mermaid source for the download, when available. */
  readonly mermaidSource?: string;
}

function stepRow(ctx: PageContext, site: SiteIndex, byKey: ReadonlyMap<string, Step>, s: Step) {
  const l = site.labels;
  const ref = s.ref !== undefined ? codeLink(ctx, site, s.ref) : undefined;
  return {
    number: s.number,
    anchor: `step-${s.number}`,
    role: s.role,
    roleHref: roleHref(ctx, site, s.role),
    text: s.text,
    type: s.type,
    typeLabel: s.type === 'decision' ? l.decision : s.type === 'process' ? l.subprocess : '',
    isDecision: s.type === 'decision',
    isProcess: s.type === 'process',
    isStart: s.start,
    isEnd: s.end,
    /** For `type: process`: the linked process (href empty when not published). */
    ref,
    next: s.next.map((e) => {
      const t = byKey.get(e.to)!;
      return { number: t.number, href: `#step-${t.number}`, label: e.label ?? '', text: t.text };
    }),
    note: s.note ?? '',
  };
}

export function processPageData(site: SiteIndex, p: Process, input: ProcessPageInput, ctx: PageContext) {
  const l = site.labels;
  const so = p.signoff;
  const byKey = new Map(p.steps.map((x) => [x.key, x]));
  const entry = (label: string, dateLabel: string, e?: { by: string; date: string }) => ({ label, dateLabel, by: e?.by ?? '', date: e?.date ?? '' });
  return {
    root: ctx.root,
    labels: l,
    site: ctx.site,
    process: {
      code: p.code,
      name: p.name,
      version: p.version ?? '',
      status: p.status,
      statusLabel: l.statuses[p.status],
      statusText: p.status === 'controlled' ? site.settings.controlledText : p.status === 'uncontrolled' ? site.settings.uncontrolledText : '',
      owner: p.owner,
      ownerHref: deptHref(ctx, site, p.owner),
      control: p.control,
      controlHref: deptHref(ctx, site, p.control),
      category: p.category ?? '',
      effective: p.effective ?? '',
      review: p.review ?? '',
      roles: p.roles.map((r) => ({ name: r, href: roleHref(ctx, site, r) })),
      tags: p.tags,
      isDraft: p.status === 'draft',
      isObsolete: p.status === 'obsolete',
      isControlled: p.status === 'controlled',
      copiesOut: site.copiesOut.get(p.code) ?? 0,
      /** Whether the content is the content approved (when a fingerprint was recorded). */
      approval: approvalLine(site.settings.language, p),
    },
    replacedBy: (site.replacedBy.get(p.code) ?? []).map((c) => codeLink(ctx, site, c)),
    mermaidHref: input.mermaidSource !== undefined ? `${encodeURI(p.code)}.mmd` : '',
    steps: p.steps.map((s) => stepRow(ctx, site, byKey, s)),
    bodyHtml: input.bodyHtml,
    hasBody: input.bodyHtml.trim() !== '',
    signoff: so ? [entry(l.prepared, l.preparedDate, so.prepared), entry(l.reviewed, l.reviewedDate, so.reviewed), entry(l.approved, l.approvedDate, so.approved)] : [],
    revisions: p.revisions.map((r) => ({ version: r.version, date: r.date ?? '', change: r.change })),
    linksTo: p.linksTo.map((c) => codeLink(ctx, site, c)),
    linkedFrom: p.linkedFrom.filter((c) => site.byCode.has(c)).map((c) => codeLink(ctx, site, c)),
    // Document control: the changes page (git history), the copy check and the printout's QR code.
    control: {
      changesHref: site.changes ? ctx.to(changesPath(p.code)) : '',
      cl: changeLabels(site.settings.language),
      check: copyCheckData(site.settings, p),
      qr: printoutQr(site.settings, p),
    },
  };
}
