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
import { STATUS_ORDER, type InvertedIndex } from './build-index.js';
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

/**
 * The index as script files (sorted by path): terms shards, docs shards, vocab.js, numbers.js and
 * the manifest, whose id is a hash of the other files in the order they are made here.
 */
export function shardIndex(index: InvertedIndex, options: ShardOptions): OutputFile[] {
  const terms = termsShards(index, options.termsShardBytes ?? 40_000);
  const docs = docsShards(index, options.docsShardBytes ?? 12_000);
  const files: OutputFile[] = [...terms.files, ...docs.files, vocabFile(index), numbersFile(index)];
  const manifest: Manifest = {
    v: FORMAT_VERSION,
    id: contentId(files),
    lang: options.language,
    terms: terms.count,
    docs: docs.starts,
    status: STATUS_ORDER,
    ...processRows(index, options),
  };
  files.push({ path: 'search/manifest.js', content: call('manifest', 0, manifest) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Terms: the shard count comes from the total encoded size, so shards stay near the target. */
function termsShards(index: InvertedIndex, target: number): { files: OutputFile[]; count: number } {
  const encoded = [...index.postings].map(([t, l]) => [t, encodePostings(l)] as const);
  const total = encoded.reduce((n, [t, s]) => n + t.length * 3 + s.length + 6, 0);
  const count = Math.max(1, Math.ceil(total / target));
  const buckets: Array<Array<readonly [string, string]>> = Array.from({ length: count }, () => []);
  for (const e of encoded) buckets[shardOf(e[0], count)]!.push(e);
  const files = buckets.map((b, n) => ({ path: `search/terms-${n}.js`, content: `window.__flowbookSearch.add("terms",${n},${termsObject(b)});\n` }));
  return { files, count };
}

/** Docs: consecutive processes packed greedily up to the target size; `starts` is each shard's first process. */
function docsShards(index: InvertedIndex, target: number): { files: OutputFile[]; starts: number[] } {
  const files: OutputFile[] = [];
  const starts: number[] = [];
  let group: string[] = []; // JSON of each process's doc: stringified once
  let size = 0;
  const flush = () => {
    if (group.length === 0) return;
    const n = starts.length - 1;
    files.push({ path: `search/docs-${n}.js`, content: `window.__flowbookSearch.add("docs",${n},[${group.join(',')}]);\n` });
    group = [];
    size = 0;
  };
  index.processes.forEach((p, i) => {
    const json = JSON.stringify([p.doc.steps, p.doc.body, p.doc.tags]);
    if (group.length > 0 && size + json.length > target) flush();
    if (group.length === 0) starts.push(i);
    group.push(json);
    size += json.length;
  });
  flush();
  return { files, starts };
}

/** Vocabulary of word terms for prefix and typo matching. */
function vocabFile(index: InvertedIndex): OutputFile {
  return { path: 'search/vocab.js', content: call('vocab', 0, { w: [...index.words.keys()].join(' '), f: [...index.words.values()] }) };
}

/** The number terms, for numbers by prefix. */
function numbersFile(index: InvertedIndex): OutputFile {
  return { path: 'search/numbers.js', content: call('numbers', 0, { n: [...index.numbers.keys()].join(' '), f: [...index.numbers.values()] }) };
}

/** The manifest's id: a hash of the other files' paths and contents, for cache-busting. */
function contentId(files: readonly OutputFile[]): string {
  const id = createHash('sha256');
  for (const f of files) id.update(f.path).update('\0').update(f.content as string).update('\0');
  return id.digest('hex').slice(0, 12);
}

/** The manifest's part after `status`, in its key order: facet dictionaries, hrefs, synonyms, rows. */
type ProcessPart = Pick<Manifest, 'cat' | 'dept' | 'role' | 'hrefPattern' | 'hrefs' | 'syn' | 'p'>;

/** Facets as dictionaries, processes as compact rows pointing into them. */
function processRows(index: InvertedIndex, options: ShardOptions): ProcessPart {
  // Facets list their values as the site does: categories in flowbook.yml's order, then by collation.
  const language = options.language === 'en' ? 'en' : 'zh-CN';
  const names = nameOrder(language);
  const cat = dictionary(index.processes.map((p) => p.category), categoryOrder(language, options.categories));
  const dept = dictionary(index.processes.flatMap((p) => [p.owner, p.control]), names);
  const role = dictionary(index.processes.flatMap((p) => p.roles), names);
  const pattern = hrefPattern(index.processes);
  const syn = foldedSynonyms(options.synonyms ?? []);
  const catAt = positionIn(cat);
  const deptAt = positionIn(dept);
  const roleAt = positionIn(role);
  const rows = index.processes.map((p): ManifestRow => [
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
    ...(pattern ? { hrefPattern: pattern } : { hrefs: index.processes.map((p) => p.href) }),
    ...(syn.length > 0 && { syn }),
    p: rows,
  };
}

/** Most sites use one pattern (p/<code>.html): stored once instead of once per process; null when they do not. */
function hrefPattern(processes: InvertedIndex['processes']): [string, string] | null {
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
