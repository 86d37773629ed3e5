/** Option parsing shared by commands. */
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
