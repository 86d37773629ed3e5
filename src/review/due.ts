/** Which processes are due for review: model + today + window end -> sorted list. Pure. */
import type { Handbook, Status } from '../model/types.js';
import { daysBetween } from '../util/dates.js';

export interface DueItem {
  readonly code: string;
  readonly name: string;
  readonly status: Status;
  readonly owner: string;
  readonly control: string;
  /** YYYY-MM-DD */
  readonly review: string;
  /** Days from today to the review date: negative when overdue, 0 when due today. */
  readonly daysLeft: number;
  readonly file: string;
}

/** Statuses that are reviewed: drafts are not in force yet, obsolete documents no longer are. */
export const REVIEWED_STATUSES: readonly Status[] = ['controlled', 'uncontrolled'];

/**
 * Controlled and uncontrolled processes whose review date is on or before `until` (past dates included),
 * sorted by review date, then code. Processes without a review date are not listed.
 */
export function dueForReview(handbook: Handbook, today: string, until: string): DueItem[] {
  const out: DueItem[] = [];
  for (const p of handbook.processes) {
    if (!REVIEWED_STATUSES.includes(p.status) || p.review === undefined || p.review > until) continue;
    out.push({ code: p.code, name: p.name, status: p.status, owner: p.owner, control: p.control, review: p.review, daysLeft: daysBetween(today, p.review), file: p.file });
  }
  return out.sort((a, b) => (a.review < b.review ? -1 : a.review > b.review ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
