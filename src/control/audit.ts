/**
 * `flowbook audit`: one evidence binder for an ISO 9001 auditor (clause 7.5), made from the
 * documents and the distribution register alone:
 *   1. the master list (current documents) and 2. the obsolete register,
 *   3. approvals, with whether each sign-off's fingerprint matches the content,
 *   4. controlled copies issued and returned (in the period and in all), copies out now,
 *   5. copies to recall (superseded, obsolete, uncontrolled, removed) still with their holders,
 *   6. overdue reviews, 7. the changes in the period (revision entries dated in it).
 * `auditPack` is pure (counts and rows); `auditHtml` renders it with the print templates
 * (self-contained: styles inline, no scripts); the command adds reading, writing and the PDF.
 */
import type { Handbook, Process, SignoffEntry } from '../model/types.js';
import type { RegisterEntry, RegisterProblem } from '../print/register.js';
import { outstanding } from '../print/register.js';
import { recallList, type RecallItem } from '../print/recall.js';
import { labelsFor } from '../view/labels.js';
import { buildSiteModel } from '../view/model.js';
import { compileTemplateSet, readPrintTemplates } from '../source/templates.js';
import { pageRule } from '../view/paper/page.js';
import { daysBetween } from '../util/dates.js';
import { messageLanguageOf } from '../diagnostics/localize.js';
import { inLanguage } from '../diagnostics/words.js';
import { masterList, type MasterList } from './master-list.js';
import { masterListData } from './master-list-page.js';
import { controlLabels } from './control-labels.js';
import { shortFingerprint, type ApprovalState } from './fingerprint.js';

export interface AuditOptions {
  readonly today: string;
  /** First day of the period (YYYY-MM-DD); none: every record. */
  readonly since?: string;
}

export interface SignoffCheck {
  readonly role: 'prepared' | 'reviewed' | 'approved';
  readonly by: string;
  readonly date: string;
  readonly version: string;
  /** The entry's own fingerprint against the content as it is now. */
  readonly state: ApprovalState;
  readonly sha256: string;
}

export interface ApprovalRow {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly status: Process['status'];
  readonly entries: readonly SignoffCheck[];
  /** The approved entry's state (the one `flowbook check` holds controlled documents to). */
  readonly state: ApprovalState;
}

export interface CopyRow {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly issued: number;
  readonly returned: number;
  readonly issuedInPeriod: number;
  readonly returnedInPeriod: number;
  /** Copies of the current version out now. */
  readonly outCurrent: number;
  /** Copies out that must come back. */
  readonly outToRecall: number;
}

export interface OverdueRow {
  readonly code: string;
  readonly name: string;
  readonly owner: string;
  readonly review: string;
  readonly days: number;
}

export interface ChangeRow {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly date: string;
  readonly change: string;
}

export interface AuditPack {
  readonly today: string;
  readonly since?: string;
  readonly list: MasterList;
  readonly approvals: readonly ApprovalRow[];
  readonly copies: readonly CopyRow[];
  readonly recall: readonly RecallItem[];
  readonly overdue: readonly OverdueRow[];
  readonly changes: readonly ChangeRow[];
  readonly counts: {
    readonly documents: number;
    readonly obsolete: number;
    readonly verified: number;
    readonly changed: number;
    readonly unrecorded: number;
    /** Issue and return lines of the register: in the period, and in all. */
    readonly issued: number;
    readonly returned: number;
    readonly issuedInPeriod: number;
    readonly returnedInPeriod: number;
    /** Copies out now: of current versions, and to recall. */
    readonly out: number;
    readonly toRecall: number;
    readonly overdue: number;
    readonly changes: number;
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ROLES = ['prepared', 'reviewed', 'approved'] as const;

function entryState(e: SignoffEntry, p: Process): ApprovalState {
  if (e.sha256 === undefined || p.contentSha256 === undefined) return 'unrecorded';
  return e.sha256 === p.contentSha256 ? 'verified' : 'changed';
}

/** Everything the binder shows, counted. Drafts are left out: they are not issued documents. */
export function auditPack(handbook: Handbook, register: readonly RegisterEntry[], o: AuditOptions): AuditPack {
  const inPeriod = (date: string | undefined) => date !== undefined && (o.since === undefined || date >= o.since) && date <= o.today;
  const issuedDocs = handbook.processes.filter((p) => p.status !== 'draft');
  const current = issuedDocs.filter((p) => p.status !== 'obsolete');
  // What replaced each obsolete document, worked out for all at once as the site does.
  const replacedBy = buildSiteModel(handbook, { today: o.today }).replacedBy;
  const list = masterList({ processes: issuedDocs, register, today: o.today, replacedBy });

  const approvals: ApprovalRow[] = issuedDocs.map((p) => {
    const entries = ROLES.flatMap((role) => {
      const e = p.signoff?.[role];
      return e ? [{ role, by: e.by, date: e.date, version: e.version ?? '', state: entryState(e, p), sha256: e.sha256 ?? '' }] : [];
    });
    const approved = entries.find((e) => e.role === 'approved');
    return { code: p.code, name: p.name, version: p.version ?? '', status: p.status, entries, state: approved?.state ?? 'unrecorded' };
  });

  const out = outstanding({ entries: register });
  const recall = recallList({ entries: register }, handbook);
  const recallKeys = new Set(recall.map((r) => `${r.code}\u0000${r.version}\u0000${r.copy}`));
  // The register's lines and the copies out, by code (one pass each).
  const byCode = new Map<string, RegisterEntry[]>();
  for (const e of register) (byCode.get(e.code) ?? byCode.set(e.code, []).get(e.code)!).push(e);
  const outByCode = new Map<string, RegisterEntry[]>();
  for (const e of out) (outByCode.get(e.code) ?? outByCode.set(e.code, []).get(e.code)!).push(e);
  const codes = [...byCode.keys()].sort(cmp);
  const copies: CopyRow[] = codes.map((code) => {
    const es = byCode.get(code)!;
    const p = handbook.byCode.get(code);
    const outs = outByCode.get(code) ?? [];
    const toRecall = outs.filter((e) => recallKeys.has(`${e.code}\u0000${e.version}\u0000${e.copy}`)).length;
    return {
      code,
      name: p?.name ?? '',
      version: p?.version ?? '',
      issued: es.filter((e) => e.event === 'issued').length,
      returned: es.filter((e) => e.event === 'returned').length,
      issuedInPeriod: es.filter((e) => e.event === 'issued' && inPeriod(e.date)).length,
      returnedInPeriod: es.filter((e) => e.event === 'returned' && inPeriod(e.date)).length,
      outCurrent: outs.length - toRecall,
      outToRecall: toRecall,
    };
  });

  const overdue: OverdueRow[] = current
    .filter((p) => (p.status === 'controlled' || p.status === 'uncontrolled') && p.review !== undefined && p.review < o.today)
    .map((p) => ({ code: p.code, name: p.name, owner: p.owner, review: p.review!, days: daysBetween(p.review!, o.today) }))
    .sort((a, b) => cmp(a.review, b.review) || cmp(a.code, b.code));

  const changes: ChangeRow[] = issuedDocs
    .flatMap((p) => p.revisions.filter((r) => inPeriod(r.date)).map((r) => ({ code: p.code, name: p.name, version: r.version, date: r.date!, change: r.change })))
    .sort((a, b) => cmp(b.date, a.date) || cmp(a.code, b.code) || cmp(a.version, b.version));

  const sum = (f: (c: CopyRow) => number) => copies.reduce((n, c) => n + f(c), 0);
  return {
    today: o.today,
    ...(o.since !== undefined && { since: o.since }),
    list,
    approvals,
    copies,
    recall,
    overdue,
    changes,
    counts: {
      documents: list.rows.length,
      obsolete: list.obsolete.length,
      verified: list.totals.verified,
      changed: list.totals.changed,
      unrecorded: list.totals.unrecorded,
      issued: sum((c) => c.issued),
      returned: sum((c) => c.returned),
      issuedInPeriod: sum((c) => c.issuedInPeriod),
      returnedInPeriod: sum((c) => c.returnedInPeriod),
      out: sum((c) => c.outCurrent),
      toRecall: sum((c) => c.outToRecall),
      overdue: overdue.length,
      changes: changes.length,
    },
  };
}

/** The binder as one self-contained HTML document (the print templates, `print/audit`). */
export function auditHtml(pack: AuditPack, handbook: Handbook, o: { root?: string; problems?: readonly RegisterProblem[] } = {}): string {
  const settings = handbook.settings;
  const labels = labelsFor(settings.language);
  const base = masterListData(pack.list, labels, settings, () => '');
  const cl = base.cl;
  const state = (s: ApprovalState) => ({ state: s, label: cl.approvalStates[s] });
  const data = {
    ...base,
    labels,
    lang: settings.language,
    title: `${cl.auditTitle} · ${settings.title}`,
    handbookTitle: settings.title,
    organisation: settings.organisation,
    period: pack.since !== undefined ? `${pack.since} – ${pack.today}` : `${cl.allTime} – ${pack.today}`,
    counts: pack.counts,
    approvals: pack.approvals.map((a) => ({
      ...a,
      statusLabel: labels.statuses[a.status],
      ...state(a.state),
      cells: ROLES.map((role) => {
        const e = a.entries.find((x) => x.role === role);
        return e ? { by: e.by, date: e.date, version: e.version, ...state(e.state), short: e.sha256 ? shortFingerprint(e.sha256) : '' } : { by: '', date: '', version: '', state: '', label: '', short: '' };
      }),
    })),
    roleLabels: ROLES.map((r) => cl.signoffRoles[r]),
    copies: pack.copies,
    recall: pack.recall.map((r) => ({ ...r, copyText: String(r.copy).padStart(3, '0'), reasonLabel: cl.reasons[r.reason] })),
    overdue: pack.overdue,
    changes: pack.changes,
    // Why each register line was ignored, in the binder's language.
    problems: (o.problems ?? []).map((p) => ({ line: p.line, message: inLanguage(p.reason, messageLanguageOf(settings.language)) })),
    css: `${pageRule(settings, { orientation: 'landscape', paper: settings.paper ?? 'A4', topLeft: `${settings.title} · ${cl.auditTitle}`, topRight: `${cl.preparedOn} ${pack.today}` })}`,
  };
  const templates = compileTemplateSet(readPrintTemplates(o.root), ['print/audit']);
  return templates.render('print/audit', data);
}
