/**
 * Inverted index -> script files. Everything is loaded by `<script>` injection (JSONP style), so
 * each file is one call `window.__flowbookSearch.add(kind, n, data)`; `data` is JSON, which cannot
 * break out of the call whatever the documents contain.
 *
 * Files (under search/):
 * - manifest.js   process metadata (code, name, status, facets) and the layout of the other files;
 * - terms-N.js    postings, split by a hash of the term, so a query loads only its terms' shards;
 * - docs-N.js     snippet text (steps, body, tags) of consecutive processes, loaded for shown results;
 * - vocab.js      the word (non-CJK) terms with document counts, for prefixes and typos;
 * - numbers.js    the number terms with document counts, for numbers by prefix (loaded only for
 *                 a query with a number).
 * Synonyms (flowbook.yml) travel in the manifest, folded as queries are.
 * The format itself (codecs, shard hash, manifest shape) is format.ts, which the browser script
 * (src/browser/search) imports too.
 */
import { categoryOrder, nameOrder, type Compare } from '../util/collate.js';
import { createHash } from 'node:crypto';
import type { OutputFile } from '../output/types.js';
import { STATUS_ORDER, type IndexedProcess, type InvertedIndex } from './build-index.js';
import { fold } from './tokenize.js';
import { encodePostings, FORMAT_VERSION, shardOf, type Manifest, type ManifestRow } from './format.js';

export { FORMAT_VERSION, encodeNumber, decodeNumbers, encodePostings, decodePostings, shardOf } from './format.js';

export interface ShardOptions {
  readonly language: string;
  /** Target raw size of one terms shard; the shard count follows from the index size. */
  readonly termsShardBytes?: number;
  /** Target raw size of one docs shard. */
  readonly docsShardBytes?: number;
  /** Groups of words search treats as the same (flowbook.yml `synonyms:`). */
  readonly synonyms?: readonly (readonly string[])[];
  /** flowbook.yml's order of categories (the facet lists them so). */
  readonly categories?: readonly string[];
}

const call = (kind: string, n: number, data: unknown) =>
  `window.__flowbookSearch.add(${JSON.stringify(kind)},${n},${JSON.stringify(data)});\n`;

/** Keys JSON.stringify writes first (array indices, in numeric order), as an object would hold them. */
const INDEX_KEY = /^(?:0|[1-9][0-9]{0,9})$/;
const isIndexKey = (k: string) => INDEX_KEY.test(k) && Number(k) < 4294967295;

/**
 * The JSON of an object from [term, encoded postings] pairs: the text JSON.stringify gives for a
 * null-prototype object filled in that order, written directly (stringifying objects of
 * thousands of keys was a fifth of the index build at 10,000 processes). The encoded postings use
 * an alphabet that needs no escaping (see encodeNumber).
 */
function termsObject(entries: ReadonlyArray<readonly [string, string]>): string {
  const index = entries.filter(([t]) => isIndexKey(t)).sort((a, b) => Number(a[0]) - Number(b[0]));
  const parts: string[] = [];
  for (const [t, s] of index) parts.push(`${JSON.stringify(t)}:"${s}"`);
  for (const [t, s] of entries) if (!isIndexKey(t)) parts.push(`${JSON.stringify(t)}:"${s}"`);
  return `{${parts.join(',')}}`;
}

/** The distinct non-empty values, in the order facets list them (util/collate.ts). */
function dictionary(values: Iterable<string>, order: Compare): string[] {
  return [...new Set([...values].filter((v) => v !== ''))].sort(order);
}

/** Target raw sizes of one terms shard and one docs shard (the counts follow from the index size). */
export const TERMS_SHARD_BYTES = 40_000;
export const DOCS_SHARD_BYTES = 12_000;

export const termsPath = (n: number): string => `search/terms-${n}.js`;
export const docsPath = (n: number): string => `search/docs-${n}.js`;
export const VOCAB_PATH = 'search/vocab.js';
export const NUMBERS_PATH = 'search/numbers.js';
export const MANIFEST_PATH = 'search/manifest.js';

/**
 * How the files were cut, besides their contents: what the next build needs to patch them
 * (search/patch.ts) instead of making them all again.
 */
export interface IndexLayout {
  /** The terms shards' size measure (`termSize` summed): the shard count follows from it. */
  readonly total: number;
  /** Each process's docs JSON length, in index order: the docs shards follow from them. */
  readonly docLens: readonly number[];
}

/**
 * The index as script files (sorted by path): terms shards, docs shards, vocab.js, numbers.js and
 * the manifest, whose id is a hash of the other files.
 */
export function shardIndex(index: InvertedIndex, options: ShardOptions): OutputFile[] {
  return indexFiles(index, options).files;
}

/** `shardIndex`, with the layout the files were cut by. */
export function indexFiles(index: InvertedIndex, options: ShardOptions): { files: OutputFile[]; layout: IndexLayout } {
  const terms = termsShards(index, options.termsShardBytes ?? TERMS_SHARD_BYTES);
  const docJsons = index.processes.map((p) => docJson(p.doc));
  const starts = docsStarts(
    docJsons.map((j) => j.length),
    options.docsShardBytes ?? DOCS_SHARD_BYTES,
  );
  const docs = starts.map((a, n) => ({ path: docsPath(n), content: docsShardText(n, docJsons.slice(a, starts[n + 1] ?? docJsons.length)) }));
  const files: OutputFile[] = [...terms.files, ...docs, vocabFile(index.words), numbersFile(index.numbers)];
  files.push(manifestFile(index.processes, options, terms.count, starts, contentId(files.map((f) => [f.path, contentKey(f.content)]))));
  return { files: files.sort(byPath), layout: { total: terms.total, docLens: docJsons.map((j) => j.length) } };
}

const byPath = (a: OutputFile, b: OutputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A term's share of the terms shards' size measure. */
export const termSize = (term: string, encoded: string): number => term.length * 3 + encoded.length + 6;

/** The number of terms shards for a size measure. */
export const termsShardCount = (total: number, target = TERMS_SHARD_BYTES): number => Math.max(1, Math.ceil(total / target));

/** Terms: the shard count comes from the total encoded size, so shards stay near the target. */
function termsShards(index: InvertedIndex, target: number): { files: OutputFile[]; count: number; total: number } {
  const encoded = [...index.postings].map(([t, l]) => [t, encodePostings(l)] as const);
  const total = encoded.reduce((n, [t, s]) => n + termSize(t, s), 0);
  const count = termsShardCount(total, target);
  const buckets: Array<Array<readonly [string, string]>> = Array.from({ length: count }, () => []);
  for (const e of encoded) buckets[shardOf(e[0], count)]!.push(e);
  const files = buckets.map((b, n) => ({ path: termsPath(n), content: termsShardText(n, b) }));
  return { files, count, total };
}

/** One terms shard's file text; `entries` in term order (code units). */
export function termsShardText(n: number, entries: ReadonlyArray<readonly [string, string]>): string {
  return `window.__flowbookSearch.add("terms",${n},${termsObject(entries)});\n`;
}

/** A process's snippet text as it stands in a docs shard. */
export const docJson = (doc: IndexedProcess['doc']): string => JSON.stringify([doc.steps, doc.body, doc.tags]);

/** Docs: consecutive processes packed greedily up to the target size; each shard's first process. */
export function docsStarts(lens: readonly number[], target = DOCS_SHARD_BYTES): number[] {
  const starts: number[] = [];
  let size = 0;
  lens.forEach((len, i) => {
    if (starts.length === 0 || size + len > target) {
      starts.push(i);
      size = 0;
    }
    size += len;
  });
  return starts;
}

/** One docs shard's file text: the docs JSON of its processes. */
export const docsShardText = (n: number, jsons: readonly string[]): string => `window.__flowbookSearch.add("docs",${n},[${jsons.join(',')}]);\n`;

/** Vocabulary of word terms for prefix and typo matching (in term order). */
export function vocabFile(words: ReadonlyMap<string, number>): OutputFile {
  return { path: VOCAB_PATH, content: call('vocab', 0, { w: [...words.keys()].join(' '), f: [...words.values()] }) };
}

/** The number terms, for numbers by prefix (in term order). */
export function numbersFile(numbers: ReadonlyMap<string, number>): OutputFile {
  return { path: NUMBERS_PATH, content: call('numbers', 0, { n: [...numbers.keys()].join(' '), f: [...numbers.values()] }) };
}

/** The manifest: every process's row, the layout of the other files and their id. */
export function manifestFile(processes: readonly ManifestProcess[], options: ShardOptions, termsCount: number, docsStarts: readonly number[], id: string): OutputFile {
  const manifest: Manifest = {
    v: FORMAT_VERSION,
    id,
    lang: options.language,
    terms: termsCount,
    docs: docsStarts,
    status: STATUS_ORDER,
    ...processRows(processes, options),
  };
  return { path: MANIFEST_PATH, content: call('manifest', 0, manifest) };
}

/** A file's content hash (also how the site build keys search files: src/build/site-build.ts). */
export const contentKey = (content: string | Uint8Array): string => createHash('sha1').update(content).digest('base64url');

/**
 * The manifest's id, for cache-busting: a hash of the other files' paths and content hashes, in
 * path order (so a build that made only some of them again can still tell it).
 */
export function contentId(files: ReadonlyArray<readonly [path: string, key: string]>): string {
  const id = createHash('sha256');
  for (const [p, k] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) id.update(p).update('\0').update(k).update('\0');
  return id.digest('hex').slice(0, 12);
}

/** What the manifest shows of a process. */
export type ManifestProcess = Omit<IndexedProcess, 'doc'>;

type ProcessPart = Pick<Manifest, 'cat' | 'dept' | 'role' | 'hrefPattern' | 'hrefs' | 'syn' | 'p'>;

/** Facets as dictionaries, processes as compact rows pointing into them. */
function processRows(processes: readonly ManifestProcess[], options: ShardOptions): ProcessPart {
  // Facets list their values as the site does: categories in flowbook.yml's order, then by collation.
  const language = options.language === 'en' ? 'en' : 'zh-CN';
  const names = nameOrder(language);
  const cat = dictionary(processes.map((p) => p.category), categoryOrder(language, options.categories));
  const dept = dictionary(processes.flatMap((p) => [p.owner, p.control]), names);
  const role = dictionary(processes.flatMap((p) => p.roles), names);
  const pattern = hrefPattern(processes);
  const syn = foldedSynonyms(options.synonyms ?? []);
  const catAt = positionIn(cat);
  const deptAt = positionIn(dept);
  const roleAt = positionIn(role);
  const rows = processes.map((p): ManifestRow => [
    p.code,
    p.name,
    p.status,
    catAt(p.category),
    deptAt(p.owner),
    deptAt(p.control),
    p.roles.map(roleAt),
  ]);
  return {
    cat,
    dept,
    role,
    ...(pattern ? { hrefPattern: pattern } : { hrefs: processes.map((p) => p.href) }),
    ...(syn.length > 0 && { syn }),
    p: rows,
  };
}

/** Most sites use one pattern (p/<code>.html): stored once instead of once per process; null when they do not. */
function hrefPattern(processes: readonly ManifestProcess[]): [string, string] | null {
  const first = processes[0];
  if (!first) return null;
  const at = first.href.indexOf(first.code);
  if (at < 0) return null;
  const pre = first.href.slice(0, at);
  const post = first.href.slice(at + first.code.length);
  return processes.every((p) => p.href === pre + p.code + post) ? [pre, post] : null;
}

/** Synonyms as the browser compares them: folded like a query, empty and repeated words dropped. */
function foldedSynonyms(groups: readonly (readonly string[])[]): string[][] {
  return groups.map((g) => [...new Set(g.map((w) => fold(w).trim().replace(/\s+/g, ' ')).filter((w) => w !== ''))]).filter((g) => g.length > 1);
}

/** A value's position in a dictionary, -1 when it is not there (an empty value). */
function positionIn(dict: readonly string[]): (v: string) => number {
  const m = new Map(dict.map((v, i) => [v, i]));
  return (v: string) => m.get(v) ?? -1;
}
