/**
 * A typed query -> groups of alternative index terms. Uses the build's own tokenizer
 * (src/search/tokenize.ts), so a query is cut exactly as the indexed text was.
 */
import { cjkRuns, fold, kind, STOPWORDS, tokenize } from '../../search/tokenize.js';
import { pinyinReadings } from './pinyin.js';

/**
 * One way a group can match: [term, factor], or, for an alternative that is several terms at once
 * (a phrase, a pinyin reading), [key, factor, terms]: the processes that have all of the terms.
 */
export type Alt = [term: string, factor: number, terms?: string[]];

/**
 * Every group must match (if anything in the index knows it); a group has alternative terms, each
 * with a factor (1 exact, less for prefix, typo, synonym and pinyin matches).
 */
export interface Group {
  readonly kind: 'syn' | 'cjk' | 'word' | 'code';
  /** The folded text typed. */
  readonly raw: string;
  /** Words: the stemmed term; the alternatives come from the vocabulary at search time. */
  readonly stem?: string;
  /** Words: pinyin readings (lists of terms that must all be present). */
  readonly pinyin?: string[][];
  alts: Alt[];
  /** Set by ranking: some process has one of the alternatives. */
  known?: boolean;
}

const CODE_LIKE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]*)+$/u;
export const SYNONYM_FACTOR = 0.95;
const EDGE = /[\p{L}\p{N}\p{M}]/u;

/** An alternative of one or several terms (duplicates dropped). */
export function allOf(terms: readonly string[], factor: number): Alt {
  const uniq = terms.filter((t, i) => terms.indexOf(t) === i);
  if (uniq.length === 1) return [uniq[0]!, factor];
  return ['\u0000' + uniq.join(' '), factor, uniq];
}

/** The index terms that a piece of text must have to contain it (its bigrams, words, lone characters). */
function pieceTerms(text: string): string[] {
  const out = tokenize(text).map((t) => t.term);
  for (const r of cjkRuns(text)) if (Array.from(r).length === 1) out.push(r);
  return out;
}

type Span = [start: number, end: number, group: number, word: string];

/**
 * Where the query names a synonym: [start, end, group index, word] over the folded query, longest
 * words first, not overlapping. Words of letters must stand alone (leave is not in leaves).
 */
function synonymSpans(q: string, syn: readonly (readonly string[])[] | undefined): Span[] {
  const found: Span[] = [];
  if (!syn || syn.length === 0) return found;
  const words: Array<[string, number]> = [];
  syn.forEach((g, gi) => g.forEach((w) => words.push([w, gi])));
  words.sort((a, b) => b[0].length - a[0].length);
  const taken = new Uint8Array(q.length);
  const joins = (c: string | undefined) => c !== undefined && EDGE.test(c) && kind(c) !== 2;
  for (const [w, gi] of words) {
    for (let at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
      const end = at + w.length;
      let free = true;
      for (let k = at; k < end; k++) if (taken[k]) free = false;
      if (!free) continue;
      if (kind(w[0]!) === 1 && at > 0 && joins(q[at - 1])) continue;
      if (kind(w[w.length - 1]!) === 1 && end < q.length && joins(q[end])) continue;
      for (let k = at; k < end; k++) taken[k] = 1;
      found.push([at, end, gi, w]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/** A query -> groups. `syn`: the synonym groups from the manifest (folded). */
export function parseQuery(query: string, syn?: readonly (readonly string[])[]): Group[] {
  const groups: Group[] = [];
  const q = fold(query);
  // Synonyms first: each becomes one group whose alternatives are every word of its set.
  let rest = '';
  let pos = 0;
  for (const [start, end, gi, word] of synonymSpans(q, syn)) {
    rest += q.slice(pos, start) + ' ';
    pos = end;
    const alts: Alt[] = [];
    for (const w of syn![gi]!) {
      const ts = pieceTerms(w);
      if (ts.length > 0) alts.push(allOf(ts, w === word ? 1 : SYNONYM_FACTOR));
    }
    if (alts.length > 0) groups.push({ kind: 'syn', raw: word, alts });
  }
  rest += q.slice(pos);
  for (const piece of rest.split(/\s+/).filter(Boolean)) {
    if (CODE_LIKE.test(piece)) {
      groups.push({ kind: 'code', raw: piece, alts: [] });
      continue;
    }
    for (const t of tokenize(piece)) {
      if (t.cjk) groups.push({ kind: 'cjk', raw: t.term, alts: [[t.term, 1]] });
      else {
        const raw = fold(piece.slice(t.start, t.end));
        groups.push({ kind: 'word', raw, stem: t.term, pinyin: pinyinReadings(raw), alts: [] });
      }
    }
    // A lone CJK character is looked up as a unigram: the index has every character.
    for (const r of cjkRuns(piece)) if (Array.from(r).length === 1) groups.push({ kind: 'cjk', raw: r, alts: [[r, 1]] });
  }
  const meaningful = groups.filter((g) => !(g.kind === 'word' && STOPWORDS.has(g.raw)));
  return meaningful.length > 0 ? meaningful : groups;
}

/**
 * Restricted Damerau-Levenshtein (a swap counts once), giving up above `max`. Three rolling rows,
 * allocated once: the typo scan runs over the whole vocabulary.
 */
const ROW_A = new Int32Array(66);
const ROW_B = new Int32Array(66);
const ROW_C = new Int32Array(66);
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 64 || b.length > 64) return a === b ? 0 : max + 1;
  let prev2 = ROW_A;
  let prev = ROW_B;
  let cur = ROW_C;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = prev[j]! + 1;
      if (cur[j - 1]! + 1 < d) d = cur[j - 1]! + 1;
      if (prev[j - 1]! + cost < d) d = prev[j - 1]! + cost;
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1) && prev2[j - 2]! + 1 < d) d = prev2[j - 2]! + 1;
      cur[j] = d;
      if (d < low) low = d;
    }
    if (low > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}
