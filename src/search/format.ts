/**
 * The search index's file format, shared by the build (shard.ts writes it) and the browser
 * (src/browser/search reads it): the format version, the field bits, the status order, the number
 * and postings codecs, the shard hash, the pinyin term markers and the manifest's shape. Pure, no
 * Node APIs: it is bundled into assets/search.js.
 */

/** Bump when the file format changes (the script checks it). */
export const FORMAT_VERSION = 1;

/** Field bits of a posting's mask. */
export const FIELD = {
  name: 1,
  code: 2,
  tags: 4,
  /** Step text, notes and branch labels. */
  step: 8,
  /** Roles, owner and control departments, category. */
  role: 16,
  body: 32,
} as const;

/** Fixed order; the manifest stores a status as its index here. */
export const STATUS_ORDER = ['controlled', 'uncontrolled', 'draft', 'obsolete'] as const;

/** Prefix of a pinyin term of two syllables (`~qingjia`). */
export const PINYIN_PAIR = '~';
/** Prefix of a pinyin term of two initials (`^qj`). */
export const PINYIN_INITIALS = '^';

const TERMINAL = '0123456789abcdefghijklmnopqrstuv';
const CONTINUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_$';

/** Base-32 varint, most significant digit first; the last digit is from a different alphabet. */
export function encodeNumber(n: number): string {
  let s = TERMINAL[n % 32]!;
  n = Math.floor(n / 32);
  while (n > 0) {
    s = CONTINUE[n % 32]! + s;
    n = Math.floor(n / 32);
  }
  return s;
}

export function decodeNumbers(s: string): number[] {
  const out: number[] = [];
  let v = 0;
  for (const c of s) {
    const t = TERMINAL.indexOf(c);
    if (t >= 0) {
      out.push(v * 32 + t);
      v = 0;
    } else v = v * 32 + CONTINUE.indexOf(c);
  }
  return out;
}

/**
 * A postings list as one string: per entry (gap - 1) * 64 + mask, where gap is the distance from
 * the previous process index (the first counts from -1). Dense lists of step/body hits cost one or
 * two characters per process, and gzip squeezes the rest.
 */
export function encodePostings(flat: readonly number[]): string {
  let prev = -1;
  const parts: string[] = [];
  for (let k = 0; k < flat.length; k += 2) {
    const i = flat[k]!;
    parts.push(encodeNumber((i - prev - 1) * 64 + flat[k + 1]!));
    prev = i;
  }
  return parts.join('');
}

// char code -> digit value (0-31 terminal, 32-63 continuation), for the decoder's inner loop.
const DIGIT = new Uint8Array(128);
for (let d = 0; d < 32; d++) {
  DIGIT[TERMINAL.charCodeAt(d)] = d;
  DIGIT[CONTINUE.charCodeAt(d)] = 32 + d;
}

/** Flat [process index, field mask, ...] back from a postings string (flat: no garbage per entry; the browser decodes on every query). */
export function decodePostings(s: string): number[] {
  const out: number[] = [];
  let v = 0;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const t = DIGIT[s.charCodeAt(i)]!;
    if (t < 32) {
      v = v * 32 + t;
      prev += Math.floor(v / 64) + 1;
      out.push(prev, v % 64);
      v = 0;
    } else v = v * 32 + (t - 32);
  }
  return out;
}

/** FNV-1a over UTF-16 code units: which terms shard holds a term. */
export function shardOf(term: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/** A process in the manifest: code, name, status index, category, owner and control department (dictionary indexes, -1 none), role indexes. */
export type ManifestRow = readonly [code: string, name: string, status: number, category: number, owner: number, control: number, roles: readonly number[]];

/** search/manifest.js: process metadata and the layout of the other files. */
export interface Manifest {
  readonly v: number;
  /** A hash of the other files: cache-busting for http(s). */
  readonly id: string;
  readonly lang: string;
  /** How many terms shards. */
  readonly terms: number;
  /** First process index of each docs shard. */
  readonly docs: readonly number[];
  readonly status: readonly string[];
  readonly cat: readonly string[];
  readonly dept: readonly string[];
  readonly role: readonly string[];
  /** Process hrefs as prefix + code + suffix, when every process follows it; else `hrefs`. */
  readonly hrefPattern?: readonly [string, string];
  readonly hrefs?: readonly string[];
  /** Synonym groups, folded as queries are. */
  readonly syn?: readonly (readonly string[])[];
  readonly p: readonly ManifestRow[];
}

/** search/terms-N.js: term -> encoded postings. */
export type TermsShard = Readonly<Record<string, string>>;
/** search/docs-N.js: per process, the snippet text: steps (text, note, branch labels), body, tags. */
export type DocsShard = ReadonlyArray<readonly [steps: readonly (readonly [string, string, string])[], body: string, tags: readonly string[]]>;
/** search/vocab.js (`w`) and numbers.js (`n`): space-separated sorted words, and their document counts. */
export interface WordList {
  readonly w?: string;
  readonly n?: string;
  readonly f: readonly number[];
}

/** The docs shard that holds process `i`, from each shard's first process (`Manifest.docs`: ascending, the first 0). */
export function docsShardOf(starts: readonly number[], i: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
