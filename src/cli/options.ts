/** Option parsing shared by commands. */
import { parsePaper, type Paper } from '../view/paper/paper-size.js';
import { resolveToday } from '../util/dates.js';
import { UsageError } from './errors.js';
import { words } from './words.js';

export function todayOption(flag: string | undefined): string {
  const r = resolveToday(flag);
  if ('error' in r)
    throw new UsageError(
      r.error === 'today'
        ? words(`--today "${r.value}" is not a real date; write it as YYYY-MM-DD, e.g. --today 2025-01-31.`, `--today "${r.value}" 不是有效日期；请写成 YYYY-MM-DD，例如 --today 2025-01-31。`)
        : words(`SOURCE_DATE_EPOCH "${r.value}" is not a whole number of seconds.`, `SOURCE_DATE_EPOCH "${r.value}" 不是整数秒数。`),
    );
  return r.today;
}

export function formatOption<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(words(`--format must be one of ${allowed.join(', ')}, not "${value}".`, `--format 只能是 ${allowed.join('、')} 之一，不能是 "${value}"。`));
  return value as T;
}

/** `--paper A4|A3` (any case); undefined when not given (flowbook.yml's paper, else A4, applies). */
export function paperOption(value: string | undefined): Paper | undefined {
  if (value === undefined) return undefined;
  const paper = parsePaper(value);
  if (!paper)
    throw new UsageError(
      words(
        `--paper: unknown paper size "${value}". Use --paper A4 (the default) or --paper A3, or set paper: A3 in flowbook.yml.`,
        `--paper：未知的纸张尺寸 "${value}"。请用 --paper A4（默认）或 --paper A3，或在 flowbook.yml 中设置 paper: A3。`,
      ),
    );
  return paper;
}
