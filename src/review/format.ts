/** `flowbook review` output: an aligned text table (in the message language), stable JSON, RFC 4180 CSV. Pure. */
import type { MessageLanguage } from '../diagnostics/localize.js';
import type { Status } from '../model/types.js';
import { STATUS_LABELS } from '../view/status-labels.js';
import type { DueItem } from './due.js';

export interface ReviewReport {
  readonly today: string;
  /** The window as written back (`30d`, `8w`, `3m`). */
  readonly within: string;
  /** Last date inside the window. */
  readonly until: string;
  readonly items: readonly DueItem[];
}

// ---------------------------------------------------------------- text

/** The text table's words; the Chinese headers are the site's (src/view/labels.ts). */
interface TextWords {
  readonly headers: readonly [string, string, string, string, string, string, string];
  status(s: Status): string;
  none(r: ReviewReport): string;
  summary(r: ReviewReport, n: number, overdue: number): string;
  dueToday: string;
  overdue(days: number): string;
  dueIn(days: number): string;
}

const TEXT_WORDS: Readonly<Record<MessageLanguage, TextWords>> = {
  en: {
    headers: ['CODE', 'NAME', 'STATUS', 'OWNER', 'CONTROL', 'REVIEW', 'DUE'],
    status: (s) => s,
    none: (r) => `No processes are due for review by ${r.until} (today ${r.today}, within ${r.within}).`,
    summary: (r, n, overdue) => `${n} ${n === 1 ? 'process is' : 'processes are'} due for review by ${r.until} (today ${r.today}, within ${r.within}); ${overdue} overdue.`,
    dueToday: 'due today',
    overdue: (days) => `${days} ${days === 1 ? 'day' : 'days'} overdue`,
    dueIn: (days) => `in ${days} ${days === 1 ? 'day' : 'days'}`,
  },
  zh: {
    headers: ['编码', '流程名称', '受控状态', '执行核心部门', '控制部门', '下次评审', '到期情况'],
    status: (s) => STATUS_LABELS['zh-CN'][s],
    none: (r) => `截至 ${r.until} 没有到期评审的流程（今天为 ${r.today}，查看范围 ${r.within}）。`,
    summary: (r, n, overdue) => `截至 ${r.until} 有 ${n} 个流程到期评审（今天为 ${r.today}，查看范围 ${r.within}），其中 ${overdue} 个已逾期。`,
    dueToday: '今天到期',
    overdue: (days) => `已逾期 ${days} 天`,
    dueIn: (days) => `${days} 天后到期`,
  },
};

/** The table and a summary line in `language`; codes, dates and the window are the same in both. */
export function formatReviewText(r: ReviewReport, language: MessageLanguage): string {
  const w = TEXT_WORDS[language];
  if (r.items.length === 0) return w.none(r) + '\n';
  const rows = r.items.map((i) => [i.code, i.name, w.status(i.status), i.owner, i.control, i.review, dueText(i.daysLeft, w)].map(cell));
  const all = [[...w.headers], ...rows];
  const widths = w.headers.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c]!))));
  const lines = all.map((row) =>
    row
      .map((v, c) => (c === row.length - 1 ? v : v + ' '.repeat(widths[c]! - displayWidth(v))))
      .join('  ')
      .trimEnd(),
  );
  const overdue = r.items.filter((i) => i.daysLeft < 0).length;
  return `${lines.join('\n')}\n\n${w.summary(r, r.items.length, overdue)}\n`;
}

function dueText(days: number, w: TextWords): string {
  if (days === 0) return w.dueToday;
  if (days < 0) return w.overdue(-days);
  return w.dueIn(days);
}

/** One line, no control characters (a name with a newline or an escape sequence cannot break the table or the terminal). */
function cell(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** Terminal columns: East Asian wide and fullwidth characters and emoji take two, combining marks none. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (/[\p{Mn}\p{Me}\u200B-\u200F\uFE00-\uFE0F]/u.test(ch)) continue;
    w += isWide(c) || /\p{Extended_Pictographic}/u.test(ch) && c > 0xff ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe19) ||
    (c >= 0xfe30 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

// ---------------------------------------------------------------- JSON

/** Format version 1; the shape is documented in docs/authoring.md. Keys in a fixed order. */
export function formatReviewJson(r: ReviewReport): string {
  const report = {
    formatVersion: 1,
    today: r.today,
    within: r.within,
    until: r.until,
    count: r.items.length,
    overdue: r.items.filter((i) => i.daysLeft < 0).length,
    processes: r.items.map((i) => ({
      code: i.code,
      name: i.name,
      status: i.status,
      owner: i.owner,
      control: i.control,
      review: i.review,
      daysLeft: i.daysLeft,
      overdue: i.daysLeft < 0,
      file: i.file,
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

// ---------------------------------------------------------------- CSV

export const CSV_HEADER = ['code', 'name', 'status', 'owner', 'control', 'review', 'daysLeft', 'overdue', 'file'] as const;

/** RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF. */
export function formatReviewCsv(r: ReviewReport): string {
  const rows: string[][] = [[...CSV_HEADER]];
  for (const i of r.items) rows.push([safeCell(i.code), safeCell(i.name), i.status, safeCell(i.owner), safeCell(i.control), i.review, String(i.daysLeft), String(i.daysLeft < 0), safeCell(i.file)]);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Text from the documents, made inert for spreadsheets (CSV formula injection): a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'`. Numbers this command computes (daysLeft) are not text
 * and are left as numbers.
 */
export function safeCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
