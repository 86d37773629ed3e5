/**
 * Pinyin terms for search, made at build time (pinyin-pro, context-aware: 银行 -> yin hang), so a
 * reader can type `qingjia` or `qj` for 请假. Like CJK bigrams, every two adjacent Han characters of
 * a name or tag give a term: their syllables joined (`~qingjia`) and their initials (`^qj`). The
 * browser (src/browser/search/pinyin.ts) cuts a typed word into syllables and initials the same way. The
 * markers `~` and `^` keep these terms apart from words (the tokenizer never makes a term with them).
 */
import { createRequire } from 'node:module';

import { PINYIN_INITIALS, PINYIN_PAIR } from './format.js';

export { PINYIN_INITIALS, PINYIN_PAIR };

type PinyinFn = (text: string, options: Record<string, unknown>) => string[];
let pinyinFn: PinyinFn | undefined;

/** pinyin-pro, loaded on first use (~0.1 s; only handbooks with Chinese names pay for it). */
function pinyinOf(text: string): string[] {
  pinyinFn ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: PinyinFn }).pinyin;
  return pinyinFn(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const SYLLABLE = /^[a-z]+$/;

/** Memo: names and tags repeat (tags especially), and pinyin-pro is the slow part. */
const MEMO = new Map<string, readonly string[]>();

/**
 * The pinyin terms of a text: for each run of Han characters, each adjacent pair's syllables and
 * initials. Pure (apart from the memo). Characters pinyin-pro has no reading for break the pairs.
 */
export function pinyinTerms(text: string): readonly string[] {
  if (!HAN.test(text)) return [];
  let got = MEMO.get(text);
  if (got) return got;
  const out = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = Array.from(run);
    if (chars.length < 2) continue;
    const syllables = pinyinOf(run);
    // One syllable per character when pinyin-pro read every character; otherwise per-character.
    const per = syllables.length === chars.length ? syllables : chars.map((c) => pinyinOf(c)[0] ?? '');
    for (let i = 0; i + 1 < per.length; i++) {
      const a = per[i]!;
      const b = per[i + 1]!;
      if (!SYLLABLE.test(a) || !SYLLABLE.test(b)) continue;
      out.add(PINYIN_PAIR + a + b);
      out.add(PINYIN_INITIALS + a[0]! + b[0]!);
    }
  }
  got = [...out];
  if (MEMO.size < 20_000) MEMO.set(text, got);
  return got;
}

/**
 * Texts whose pinyin terms are known from an earlier build (the build cache keeps them): a rebuild
 * whose names and tags are all known never loads pinyin-pro. The terms are what `pinyinTerms`
 * gives (the cache is tied to pinyin-pro's version).
 */
export function rememberPinyin(known: Iterable<readonly [string, readonly string[]]>): void {
  for (const [text, terms] of known) if (MEMO.size < 20_000) MEMO.set(text, terms);
}

/** The pinyin terms of each of these texts that has Han characters (for the cache). */
export function pinyinTable(texts: Iterable<string>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const t of texts) if (!out.has(t) && HAN.test(t)) out.set(t, pinyinTerms(t));
  return out;
}
