/**
 * The search tokenizer, used by the index build and, bundled into assets/search.js, by the
 * reader's browser (src/browser/search): the index is only useful if build and query cut text the
 * same way, so there is one implementation. Pure, no Node APIs.
 *
 * - Text is NFKC-normalised and lower-cased per cluster (a base character with its combining
 *   marks), so full-width letters, compatibility forms and decomposed accents match their plain
 *   forms, and every token keeps the offsets of the original text it came from (for highlighting).
 * - CJK runs (Han, kana, Hangul) become overlapping character bigrams: any substring of two or
 *   more characters of the run is then found by looking up its bigrams. The index also gets
 *   unigrams (every field), so a one-character query finds every process containing it.
 * - Other letters and digits form words, reduced by a light English stemmer (plural -> singular).
 */

/** A token and the span of the original text it came from (UTF-16 offsets, end exclusive). */
export interface Token {
  readonly term: string;
  readonly start: number;
  readonly end: number;
  /** True for a CJK token (bigram or unigram), false for a word. */
  readonly cjk: boolean;
}

export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;
const MARK = /\p{M}/u;

/** Normalised text plus, for every UTF-16 unit of it, the span of the original it came from. */
export interface Normalised {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

// Memos: texts repeat the same few thousand characters, and normalize() and \p{} tests are
// the build's hot spots (a 3x speed-up on 1,000 processes).
const NORMAL = new Map<string, string>();
const KIND = new Map<string, number>(); // 0 separator, 1 word character, 2 CJK

function normalCluster(c: string): string {
  let n = NORMAL.get(c);
  if (n === undefined) {
    n = c.normalize('NFKC').toLowerCase();
    if (NORMAL.size < 50_000) NORMAL.set(c, n);
  }
  return n;
}

/** What a character is to the tokenizer: 0 separator, 1 word character, 2 CJK. */
export function kind(c: string): number {
  let k = KIND.get(c);
  if (k === undefined) {
    k = CJK.test(c) ? 2 : WORD.test(c) ? 1 : 0;
    if (KIND.size < 50_000) KIND.set(c, k);
  }
  return k;
}

/** NFKC + lower case, cluster by cluster, remembering where each normalised unit came from. */
export function normalise(input: string): Normalised {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(input); m !== null; m = CLUSTER.exec(input)) {
    const n = normalCluster(m[0]);
    for (let i = 0; i < n.length; i++) {
      from.push(m.index);
      to.push(m.index + m[0].length);
    }
    text += n;
  }
  return { text, from, to };
}

/** Normalised form of a string, for comparisons (names, codes, queries). */
export function fold(s: string): string {
  return normalise(s).text;
}

/**
 * Light English stemmer: plural -> singular and possessive 's. Deliberately no -ing/-ed
 * stripping: prefix matching and typo tolerance at query time cover those cases without
 * merging words that mean different things.
 */
export function stem(w: string): string {
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|us|is)$/.test(w)) return w;
  if (/(?:sses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Words too common in questions to mean anything ("how do I get a refund"). Query side only. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by can do does for from get how i in into is me my of on or our should so than that the their then there these this to was we what when where which who why will with would you your'.split(
    ' ',
  ),
);

/**
 * Split text into tokens. With `unigrams`, every CJK character is also a token of its own
 * (the index uses them; queries do not). Single-character CJK runs are tokens only with `unigrams`.
 */
export function tokenize(input: string, options: { unigrams?: boolean } = {}): Token[] {
  const { text, from, to } = normalise(input);
  const out: Token[] = [];
  const chars = Array.from(text);
  // Offsets into `text` (UTF-16) of each code point.
  const offs: number[] = [];
  let o = 0;
  for (const c of chars) {
    offs.push(o);
    o += c.length;
  }
  offs.push(o);
  const span = (a: number, b: number) => ({ start: from[offs[a]!]!, end: to[offs[b]! - 1]! });
  let i = 0;
  while (i < chars.length) {
    const k = kind(chars[i]!);
    if (k === 2) {
      let j = i;
      while (j < chars.length && kind(chars[j]!) === 2) j++;
      for (let k = i; k < j; k++) {
        if (options.unigrams) out.push({ term: chars[k]!, ...span(k, k + 1), cjk: true });
        if (k + 1 < j) out.push({ term: chars[k]! + chars[k + 1]!, ...span(k, k + 2), cjk: true });
      }
      i = j;
    } else if (k === 1) {
      let j = i;
      while (j < chars.length && kind(chars[j]!) === 1) j++;
      out.push({ term: stem(chars.slice(i, j).join('')), ...span(i, j), cjk: false });
      i = j;
    } else i++;
  }
  return out;
}

/**
 * The same terms as `tokenize` (the same multiset; CJK unigrams and bigrams interleave
 * differently), without offsets: the index build's fast path
 * (no per-unit offset arrays or token objects, which dominated build time as garbage).
 */
export function scan(input: string, unigrams: boolean, emit: (term: string, cjk: boolean) => void): void {
  let text = '';
  if (!MARK.test(input)) {
    // No combining marks (nearly all text): every code point is a cluster of its own, and the
    // cluster regex, a third of the index build, can be skipped.
    for (const c of input) text += normalCluster(c);
  } else {
    CLUSTER.lastIndex = 0;
    for (let m = CLUSTER.exec(input); m !== null; m = CLUSTER.exec(input)) text += normalCluster(m[0]);
  }
  let run = ''; // current word
  let prev = ''; // previous CJK character of the current CJK run
  for (const c of text) {
    const k = kind(c);
    if (k !== 1 && run) {
      emit(stem(run), false);
      run = '';
    }
    if (k === 2) {
      if (unigrams) emit(c, true);
      if (prev) emit(prev + c, true);
      prev = c;
      continue;
    }
    prev = '';
    if (k === 1) run += c;
  }
  if (run) emit(stem(run), false);
}

const CJK_RUN = new RegExp(`${CJK.source}+`, 'gu');

/** The runs of CJK characters in a text (a lone character is a term only as a unigram). */
export function cjkRuns(text: string): string[] {
  return text.match(CJK_RUN) ?? [];
}

/** The distinct terms of a text, in first-seen order. */
export function terms(input: string, options: { unigrams?: boolean } = {}): string[] {
  return [...new Set(tokenize(input, options).map((t) => t.term))];
}
