/** The review window (`30d`, `8w`, `3m`, or a plain number of days) and calendar arithmetic. Pure. */
import { addDays } from '../util/dates.js';

export interface ReviewWindow {
  readonly amount: number;
  readonly unit: 'd' | 'w' | 'm';
  /** As the user would write it, normalised (`30d`). */
  readonly text: string;
}

const LIMIT: Record<ReviewWindow['unit'], number> = { d: 36_500, w: 5_200, m: 1_200 };

/** Parse `--within`; a bad value gives the problem (not a window; longer than 100 years) instead of throwing. */
export function parseWindow(raw: string): ReviewWindow | { error: 'not-a-window' | 'too-long' } {
  const m = /^\s*(\d+)\s*([dwm]?)\s*$/i.exec(raw);
  if (!m) return { error: 'not-a-window' };
  const amount = Number(m[1]);
  const unit = (m[2]?.toLowerCase() || 'd') as ReviewWindow['unit'];
  if (!Number.isSafeInteger(amount) || amount > LIMIT[unit]) return { error: 'too-long' };
  return { amount, unit, text: `${amount}${unit}` };
}

/** The last date inside the window starting today (inclusive). */
export function windowEnd(today: string, w: ReviewWindow): string {
  if (w.unit === 'd') return addDays(today, w.amount);
  if (w.unit === 'w') return addDays(today, w.amount * 7);
  return addMonths(today, w.amount);
}

/** Calendar months later, clamping the day to the month's end (2025-01-31 + 1 month = 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
