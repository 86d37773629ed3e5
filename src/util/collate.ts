/**
 * The one order of names people read in lists: categories, roles, departments. Chinese by pinyin
 * (`Intl.Collator('zh-CN-u-co-pinyin')`: 绩效 ji, 竣工 jun, 考勤 kao, ... 总览 zong), English
 * alphabetically, both with numbers by value (2 before 10). flowbook.yml may give an explicit order
 * (`categories: [总览, 招聘与配置, ...]`): listed names come first, in that order, the rest after
 * them in collation order. Ties (names equal to the collator, such as different widths) fall back
 * to code-point order, so output stays deterministic. Codes and dates are not names: they keep
 * their plain order.
 */
import type { Language } from '../model/types.js';

export type Compare = (a: string, b: string) => number;

const collators = new Map<Language, Intl.Collator>();

/** The collator of a handbook language (made once per language). */
export function collator(language: Language): Intl.Collator {
  let c = collators.get(language);
  if (!c) {
    c = new Intl.Collator(language === 'en' ? 'en' : 'zh-CN-u-co-pinyin', { numeric: true, sensitivity: 'variant' });
    collators.set(language, c);
  }
  return c;
}

const codePoint: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Names in the handbook's order: the explicit `order` first, then by collation. */
export function nameOrder(language: Language, order: readonly string[] = []): Compare {
  const c = collator(language);
  const rank = new Map(order.map((name, i) => [name, i] as const));
  return (a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra !== undefined || rb !== undefined) return ra === undefined ? 1 : rb === undefined ? -1 : ra - rb;
    return c.compare(a, b) || codePoint(a, b);
  };
}

/** Category names in order, with the empty name (uncategorised) last. */
export function categoryOrder(language: Language, order: readonly string[] = []): Compare {
  const names = nameOrder(language, order);
  return (a, b) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : names(a, b));
}
