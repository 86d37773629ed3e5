/**
 * The search index patched instead of made again: when the processes are the same, in the same
 * order, and only a few of them changed, the last build's files are edited where those processes'
 * terms and snippets stand, and every other file is kept. Pure (the caller reads the old files).
 *
 * Merging every process's terms into one index is most of the index's cost (a fifth of a one-edit
 * rebuild at 1,000 processes); a patch touches only the changed processes' terms. The files are
 * the bytes `indexFiles` (shard.ts) makes from the whole index: a test compares the two after
 * random changes. When a patch cannot give those bytes (the shard count would change, an old file
 * cannot be read, too much changed) it returns undefined and the caller makes the index whole.
 */
import type { OutputFile } from '../output/types.js';
import { FIELDS_MASK, NUMBER_TERM, WORD_TERM, type IndexedProcess, type ProcessTerms } from './build-index.js';
import { decodePostings, docsShardOf, encodePostings, shardOf } from './format.js';
import {
  contentId,
  contentKey,
  docJson,
  docsPath,
  docsShardText,
  docsStarts,
  DOCS_SHARD_BYTES,
  manifestFile,
  numbersFile,
  NUMBERS_PATH,
  termsPath,
  termsShardCount,
  termsShardText,
  termSize,
  TERMS_SHARD_BYTES,
  VOCAB_PATH,
  vocabFile,
  type IndexLayout,
  type ManifestProcess,
  type ShardOptions,
} from './shard.js';

/** What the cache keeps of the index a build made: its processes, their terms keys, its layout. */
export interface LastIndex extends IndexLayout {
  /** The processes' codes, in index order. */
  readonly codes: readonly string[];
  /** Each process's terms key (what its terms are stored by), in index order. */
  readonly keys: readonly string[];
}

export interface PatchInput {
  /** The processes now, in index order (by code), as the manifest shows them. */
  readonly processes: readonly ManifestProcess[];
  /** Each process's terms key now, in index order. */
  readonly keys: readonly string[];
  readonly last: LastIndex;
  /** A process's terms by key: the changed ones' old and new terms are asked for. */
  readonly termsOf: (key: string) => ProcessTerms | undefined;
  /** A changed process's snippet text (the index's `doc`), by index position. */
  readonly docOf: (index: number) => IndexedProcess['doc'];
  /** The last build's text of a search file, undefined when it is not as that build left it. */
  readonly oldText: (path: string) => string | undefined;
  /** The content key (shard.ts `contentKey`) of a search file as the last build left it. */
  readonly oldKey: (path: string) => string | undefined;
  readonly options: ShardOptions;
}

export interface Patched {
  /** The files made again. */
  readonly made: OutputFile[];
  /** The last build's files kept as they are. */
  readonly kept: string[];
  readonly last: LastIndex;
}

/** Above this share of changed processes, a patch costs about what a whole index does. */
const MOST_CHANGED = 0.1;

export function patchIndex(input: PatchInput): Patched | undefined {
  const { processes, keys, last } = input;
  const n = processes.length;
  if (last.codes.length !== n || last.keys.length !== n || last.docLens.length !== n || processes.some((p, i) => p.code !== last.codes[i])) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < n; i++) if (keys[i] !== last.keys[i]) changed.push(i);
  if (changed.length > Math.max(8, n * MOST_CHANGED)) return undefined;
  if ((input.options.termsShardBytes ?? TERMS_SHARD_BYTES) !== TERMS_SHARD_BYTES || (input.options.docsShardBytes ?? DOCS_SHARD_BYTES) !== DOCS_SHARD_BYTES) return undefined;

  const terms = patchTerms(input, changed);
  if (!terms) return undefined;
  const docs = patchDocs(input, changed);
  if (!docs) return undefined;
  const made = [...terms.made, ...docs.made];
  const kept = [...terms.kept, ...docs.kept];
  const keyOf = new Map<string, string>(made.map((f) => [f.path, contentKey(f.content)]));
  for (const p of kept) {
    const k = input.oldKey(p);
    if (k === undefined) return undefined;
    keyOf.set(p, k);
  }
  made.push(manifestFile(processes, input.options, terms.count, docs.starts, contentId([...keyOf])));
  return { made, kept, last: { codes: last.codes, keys, total: terms.total, docLens: docs.lens } };
}

/** One term's postings to change: process index -> its new field mask (undefined: no longer there). */
type TermEdits = Map<number, number | undefined>;

/** Terms shards, vocab.js and numbers.js: only those that hold a term whose postings changed are made again. */
function patchTerms(input: PatchInput, changed: readonly number[]) {
  const edits = new Map<string, TermEdits>();
  const wordCounts = new Map<string, number>();
  const numberCounts = new Map<string, number>();
  for (const i of changed) {
    const before = input.termsOf(input.last.keys[i]!);
    const after = input.termsOf(input.keys[i]!);
    if (!before || !after) return undefined;
    const was = termMasks(before);
    const now = termMasks(after);
    for (const [t, m] of was) if (!now.has(t)) noteEdit(edits, wordCounts, numberCounts, t, i, m, undefined);
    for (const [t, m] of now) if (was.get(t) !== m) noteEdit(edits, wordCounts, numberCounts, t, i, was.get(t), m);
  }

  const count = termsShardCount(input.last.total);
  let total = input.last.total;
  const shards = new Map<number, Map<string, string>>();
  for (const [t, byProcess] of edits) {
    const s = shardOf(t, count);
    let shard = shards.get(s);
    if (!shard) {
      const read = readTermsShard(input.oldText(termsPath(s)), s);
      if (!read) return undefined;
      shards.set(s, (shard = read));
    }
    const old = shard.get(t);
    const encoded = editPostings(old === undefined ? [] : decodePostings(old), byProcess);
    total += (encoded === '' ? 0 : termSize(t, encoded)) - (old === undefined ? 0 : termSize(t, old));
    if (encoded === '') shard.delete(t);
    else shard.set(t, encoded);
  }
  // Another shard count would move most terms: the index is made whole.
  if (termsShardCount(total) !== count) return undefined;

  const made: OutputFile[] = [...shards].map(([s, shard]) => ({ path: termsPath(s), content: termsShardText(s, [...shard.keys()].sort().map((t) => [t, shard.get(t)!] as const)) }));
  const kept: string[] = [];
  for (let s = 0; s < count; s++) if (!shards.has(s)) kept.push(termsPath(s));
  for (const [path, deltas, file] of [
    [VOCAB_PATH, wordCounts, vocabFile],
    [NUMBERS_PATH, numberCounts, numbersFile],
  ] as const) {
    if ([...deltas.values()].every((d) => d === 0)) {
      kept.push(path);
      continue;
    }
    const counts = readCounts(input.oldText(path), path === VOCAB_PATH ? 'vocab' : 'numbers');
    if (!counts) return undefined;
    for (const [t, d] of deltas) {
      const c = (counts.get(t) ?? 0) + d;
      if (c > 0) counts.set(t, c);
      else counts.delete(t);
    }
    made.push(file(new Map([...counts.keys()].sort().map((t) => [t, counts.get(t)!]))));
  }
  return { made, kept, count, total };
}

/** A process's terms with their masks. */
function termMasks(t: ProcessTerms): Map<string, number> {
  const out = new Map<string, number>();
  if (t.terms === '') return out;
  t.terms.split('\n').forEach((term, k) => out.set(term, t.masks[k]!));
  return out;
}

/** One changed posting, and what it does to the word and number counts. */
function noteEdit(edits: Map<string, TermEdits>, words: Map<string, number>, numbers: Map<string, number>, term: string, index: number, was: number | undefined, now: number | undefined): void {
  let e = edits.get(term);
  if (!e) edits.set(term, (e = new Map()));
  e.set(index, now === undefined ? undefined : now & FIELDS_MASK);
  // Counts are of processes: they change only when the term comes or goes.
  const d = (now === undefined ? 0 : 1) - (was === undefined ? 0 : 1);
  const mask = (now ?? was)!;
  if (d !== 0 && mask & WORD_TERM) words.set(term, (words.get(term) ?? 0) + d);
  else if (d !== 0 && mask & NUMBER_TERM) numbers.set(term, (numbers.get(term) ?? 0) + d);
}

/** Flat [index, mask, ...] postings with `edits` applied, encoded ('' when none are left). */
function editPostings(flat: readonly number[], edits: TermEdits): string {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < flat.length; k += 2) if (!edits.has(flat[k]!)) pairs.push([flat[k]!, flat[k + 1]!]);
  for (const [i, m] of edits) if (m !== undefined) pairs.push([i, m]);
  pairs.sort((a, b) => a[0] - b[0]);
  return encodePostings(pairs.flat());
}

/** The docs shards: re-cut from the processes' docs lengths; a shard with the same processes, none changed, is kept. */
function patchDocs(input: PatchInput, changed: readonly number[]) {
  const { last } = input;
  const isChanged = new Set(changed);
  const jsons = new Map(changed.map((i) => [i, docJson(input.docOf(i))] as const));
  const lens = last.docLens.map((len, i) => jsons.get(i)?.length ?? len);
  const oldStarts = docsStarts(last.docLens);
  const starts = docsStarts(lens);
  const n = lens.length;
  const end = (ss: readonly number[], k: number) => ss[k + 1] ?? n;
  const made: OutputFile[] = [];
  const kept: string[] = [];
  const oldShards = new Map<number, string[]>();
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k]!;
    const b = end(starts, k);
    let dirty = oldStarts[k] !== a || end(oldStarts, k) !== b;
    for (let i = a; i < b && !dirty; i++) dirty = isChanged.has(i);
    if (!dirty) {
      kept.push(docsPath(k));
      continue;
    }
    const group: string[] = [];
    for (let i = a; i < b; i++) {
      const fresh = jsons.get(i);
      if (fresh !== undefined) {
        group.push(fresh);
        continue;
      }
      // An unchanged process: its JSON as the old shard holding it has it.
      const m = docsShardOf(oldStarts, i);
      let old = oldShards.get(m);
      if (!old) {
        const read = readDocs(input.oldText(docsPath(m)), m);
        if (!read || read.length !== end(oldStarts, m) - oldStarts[m]!) return undefined;
        oldShards.set(m, (old = read));
      }
      group.push(old[i - oldStarts[m]!]!);
    }
    made.push({ path: docsPath(k), content: docsShardText(k, group) });
  }
  return { made, kept, starts, lens };
}

/** The JSON data of a search file `window.__flowbookSearch.add("<kind>",<n>,<data>);\n`, or undefined. */
function fileData(text: string | undefined, kind: string, n: number): unknown {
  const head = `window.__flowbookSearch.add(${JSON.stringify(kind)},${n},`;
  if (text === undefined || !text.startsWith(head) || !text.endsWith(');\n')) return undefined;
  try {
    return JSON.parse(text.slice(head.length, -3)) as unknown;
  } catch {
    return undefined;
  }
}

/** A terms shard's term -> encoded postings. */
function readTermsShard(text: string | undefined, n: number): Map<string, string> | undefined {
  const data = fileData(text, 'terms', n);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const out = new Map<string, string>();
  for (const [t, v] of Object.entries(data)) {
    if (typeof v !== 'string') return undefined;
    out.set(t, v);
  }
  return out;
}

/** A docs shard's processes, each as its JSON text (stringify gives back the text it was parsed from). */
function readDocs(text: string | undefined, n: number): string[] | undefined {
  const data = fileData(text, 'docs', n);
  return Array.isArray(data) ? data.map((d) => JSON.stringify(d)) : undefined;
}

/** vocab.js or numbers.js as term -> count. */
function readCounts(text: string | undefined, kind: 'vocab' | 'numbers'): Map<string, number> | undefined {
  const data = fileData(text, kind, 0) as { w?: unknown; n?: unknown; f?: unknown } | undefined;
  const words = kind === 'vocab' ? data?.w : data?.n;
  if (typeof words !== 'string' || !Array.isArray(data?.f)) return undefined;
  const list = words === '' ? [] : words.split(' ');
  if (list.length !== data.f.length) return undefined;
  return new Map(list.map((t, k) => [t, Number((data.f as unknown[])[k])]));
}
