/**
 * The master list (受控文件清单): every current document with its version, status, dates,
 * departments, approval, whether its approved content is verified, and its controlled copies out;
 * obsolete documents in a register of their own. Pure: the processes and the distribution
 * register's entries in, rows and CSV out, in a stable order (by code).
 */
import type { Process } from '../model/types.js';
import type { RegisterEntry } from '../print/register.js';
import { outstanding } from '../print/register.js';
import { encodeRecord } from '../print/csv.js';
import { approvalState, type ApprovalState } from './fingerprint.js';
import { controlLabels } from './control-labels.js';
import { labelsFor } from '../view/labels.js';
import type { Language } from '../model/types.js';

export interface MasterRow {
  readonly code: string;
  readonly name: string;
  readonly file: string;
  readonly version: string;
  readonly status: Process['status'];
  readonly effective: string;
  readonly review: string;
  /** The review date has passed (controlled and uncontrolled documents). */
  readonly reviewOverdue: boolean;
  readonly owner: string;
  readonly control: string;
  readonly approver: string;
  readonly approvedOn: string;
  readonly approval: ApprovalState;
  /** The fingerprint recorded with the approval, when there is one. */
  readonly sha256: string;
  /** Controlled copies of the current version that are out. */
  readonly copiesOut: number;
  /** Copies of other versions still out (to recall). */
  readonly toRecall: number;
}

export interface ObsoleteRow {
  readonly code: string;
  readonly name: string;
  readonly file: string;
  readonly version: string;
  readonly effective: string;
  /** The last entry of its revision history (usually the withdrawal). */
  readonly lastRevisionDate: string;
  readonly lastRevision: string;
  readonly replacedBy: readonly string[];
  readonly approver: string;
  readonly approvedOn: string;
  /** Copies of any version still out: all must come back. */
  readonly copiesOut: number;
}

export interface MasterList {
  readonly today: string;
  readonly rows: readonly MasterRow[];
  readonly obsolete: readonly ObsoleteRow[];
  readonly totals: {
    readonly documents: number;
    readonly controlled: number;
    readonly verified: number;
    readonly changed: number;
    readonly unrecorded: number;
    readonly copiesOut: number;
    readonly toRecall: number;
    readonly obsolete: number;
    readonly obsoleteCopiesOut: number;
  };
}

export interface MasterListInput {
  /** The documents to list (current and obsolete; drafts as the caller decides), any order. */
  readonly processes: readonly Process[];
  /** The distribution register's entries. */
  readonly register: readonly RegisterEntry[];
  readonly today: string;
  /** Obsolete code -> codes of the current processes that replace it (view/model.ts). */
  readonly replacedBy?: ReadonlyMap<string, readonly string[]>;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function masterList(input: MasterListInput): MasterList {
  const out = new Map<string, { current: number; other: number; all: number }>();
  const versionOf = new Map(input.processes.map((p) => [p.code, p.version ?? '']));
  for (const e of outstanding({ entries: input.register })) {
    const c = out.get(e.code) ?? { current: 0, other: 0, all: 0 };
    if (e.version === versionOf.get(e.code)) c.current++;
    else c.other++;
    c.all++;
    out.set(e.code, c);
  }
  const rows: MasterRow[] = [];
  const obsolete: ObsoleteRow[] = [];
  for (const p of [...input.processes].sort(byCode)) {
    const approved = p.signoff?.approved;
    const copies = out.get(p.code) ?? { current: 0, other: 0, all: 0 };
    if (p.status === 'obsolete') {
      const last = p.revisions[p.revisions.length - 1];
      obsolete.push({
        code: p.code,
        name: p.name,
        file: p.file,
        version: p.version ?? '',
        effective: p.effective ?? '',
        lastRevisionDate: last?.date ?? '',
        lastRevision: last?.change ?? '',
        replacedBy: input.replacedBy?.get(p.code) ?? [],
        approver: approved?.by ?? '',
        approvedOn: approved?.date ?? '',
        copiesOut: copies.all,
      });
      continue;
    }
    const live = p.status === 'controlled' || p.status === 'uncontrolled';
    rows.push({
      code: p.code,
      name: p.name,
      file: p.file,
      version: p.version ?? '',
      status: p.status,
      effective: p.effective ?? '',
      review: p.review ?? '',
      reviewOverdue: live && p.review !== undefined && p.review < input.today,
      owner: p.owner,
      control: p.control,
      approver: approved?.by ?? '',
      approvedOn: approved?.date ?? '',
      approval: approvalState(p),
      sha256: approved?.sha256 ?? '',
      copiesOut: copies.current,
      toRecall: copies.other,
    });
  }
  const count = (s: ApprovalState) => rows.filter((r) => r.approval === s).length;
  return {
    today: input.today,
    rows,
    obsolete,
    totals: {
      documents: rows.length,
      controlled: rows.filter((r) => r.status === 'controlled').length,
      verified: count('verified'),
      changed: count('changed'),
      unrecorded: count('unrecorded'),
      copiesOut: rows.reduce((n, r) => n + r.copiesOut, 0),
      toRecall: rows.reduce((n, r) => n + r.toRecall, 0),
      obsolete: obsolete.length,
      obsoleteCopiesOut: obsolete.reduce((n, r) => n + r.copiesOut, 0),
    },
  };
}

/** One line of text for a CSV cell: line breaks and other control characters become spaces. */
// eslint-disable-next-line no-control-regex
const cell = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

/**
 * The master list as CSV for a spreadsheet: a UTF-8 byte-order mark (so Excel reads Chinese),
 * the headers in the handbook's language, one row per document, current documents first, then
 * the obsolete register with the section named in the first column. Values are guarded against
 * formula injection as in the distribution register (src/print/csv.ts).
 */
export function masterListCsv(list: MasterList, language: Language): string {
  const l = labelsFor(language);
  const c = controlLabels(language);
  const head = [
    c.current,
    l.code,
    l.processName,
    l.version,
    l.status,
    l.effective,
    l.review,
    l.owner,
    l.control,
    c.approver,
    c.approvedOn,
    c.fingerprint,
    'SHA-256',
    c.copiesOut,
    c.toRecall,
    c.replacedBy,
    c.lastRevision,
  ];
  let text = '\ufeff' + encodeRecord(head.map(cell));
  for (const r of list.rows)
    text += encodeRecord(
      [c.current, r.code, r.name, r.version, l.statuses[r.status], r.effective, r.review, r.owner, r.control, r.approver, r.approvedOn, c.approvalStates[r.approval], r.sha256, String(r.copiesOut), String(r.toRecall), '', ''].map(cell),
    );
  for (const r of list.obsolete)
    text += encodeRecord(
      [c.obsoleteRegister, r.code, r.name, r.version, l.statuses.obsolete, r.effective, '', '', '', r.approver, r.approvedOn, '', '', String(r.copiesOut), String(r.copiesOut), r.replacedBy.join(' '), [r.lastRevisionDate, r.lastRevision].filter(Boolean).join(' ')].map(cell),
    );
  return text;
}
