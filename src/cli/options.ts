/** Option parsing shared by commands. */
import { parsePaper, type Paper } from '../view/paper/paper-size.js';
import { resolveToday } from '../util/dates.js';
import { UsageError } from './errors.js';

export function todayOption(flag: string | undefined): string {
  const r = resolveToday(flag);
  if ('error' in r) throw new UsageError(r.error);
  return r.today;
}

export function formatOption<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

/** `--paper A4|A3` (any case); undefined when not given (flowbook.yml's paper, else A4, applies). */
export function paperOption(value: string | undefined): Paper | undefined {
  if (value === undefined) return undefined;
  const paper = parsePaper(value);
  if (!paper) throw new UsageError(`--paper: unknown paper size "${value}". Use --paper A4 (the default) or --paper A3, or set paper: A3 in flowbook.yml.`);
  return paper;
}
