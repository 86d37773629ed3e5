/** Dates as written: `YYYY-MM-DD`, checked without a parser's roll-over (2024-02-30 is wrong). */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Days from a to b (b - a), both valid dates. */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The build's "today": `--today`, else SOURCE_DATE_EPOCH (seconds, reproducible builds), else the clock (UTC).
 * Returns an error message for a bad value instead of throwing.
 */
export function resolveToday(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): { today: string } | { error: 'today' | 'epoch'; value: string } {
  if (flag !== undefined) {
    if (!isRealDate(flag)) return { error: 'today', value: flag };
    return { today: flag };
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) return { error: 'epoch', value: epoch };
    return { today: new Date(Number(epoch) * 1000).toISOString().slice(0, 10) };
  }
  return { today: now().toISOString().slice(0, 10) };
}
