/**
 * The build's persistent cache, in `<handbook>/.flowbook-cache/build/`: what the last build made,
 * so the next one redoes only what changed (src/build.ts decides what that is).
 *   - documents.jsonl: each document's own check (parse, decode, its rules), by a hash of its path
 *     and text;
 *   - site.json: the site the last build wrote (its folder, and every file's page-key hash, size
 *     and modification time), and the search index's key and files;
 *   - terms.jsonl: each process's search terms, by its page-key hash;
 *   - pinyin.json: the pinyin search terms of the processes' names and tags, by text (a rebuild
 *     whose names and tags are known does not load the pinyin dictionary).
 *   - history.json: the git history read for the last build, by the commit HEAD pointed at, the
 *     handbook's folder and its documents' paths (a rebuild before the next commit runs no git).
 *   - whats-new.json: each process's "what's new" entries, by a hash of what they are made from
 *     (its text, its history, every process's name): only a changed process is compared with its
 *     history again.
 * The two .jsonl files hold one entry per line (`<key>\t<JSON>`, after a line naming the stamp):
 * an entry is parsed only when used, and a rebuild appends the entries it made to the file it read
 * (a key is a hash of what the entry was made from, so a stored entry never changes); the file is
 * written anew once it holds more entries no longer used than entries in use.
 * Everything is tied to one Flowbook (`flowbookStamp`): another version, or changed Flowbook files,
 * start from nothing. A missing or damaged cache is simply rebuilt; it is never trusted over the
 * site it describes (a site file whose size or time differs from the record is made again).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-write.js';
import { cacheAppendBytes, cacheBytes, readCacheText } from './cache-text.js';
import type { LastIndex } from '../search/patch.js';
import type { CommitState, GitHistory } from '../control/history.js';
import type { WhatsNewEntry } from '../control/whats-new.js';

export const BUILD_CACHE_DIR = 'build';

/** A site file as the last build left it. */
export interface SiteFileRecord {
  /** Hash of the page key it was made with ('' for files with no key: assets, search). */
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface SiteRecord {
  /** The output folder (absolute). */
  readonly out: string;
  readonly files: ReadonlyMap<string, SiteFileRecord>;
  /** Hash of the search index's key, its files, and what a patch of it needs (src/search/patch.ts). */
  readonly search?: { readonly key: string; readonly files: readonly string[]; readonly index?: LastIndex };
}

/** One process's search terms, stored (the byte array as base64). */
export interface StoredTerms {
  readonly terms: string;
  readonly masks: string;
  readonly body: string;
}

/** An entry's JSON as read from a .jsonl cache file: parsed when used, written back as it was read. */
export class RawEntry {
  private parsed = false;
  private value: unknown;
  constructor(readonly json: string) {}
  /** The value (parsed once), or undefined when the text is damaged. */
  parse(): unknown {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.value = JSON.parse(this.json) as unknown;
      } catch {
        this.value = undefined;
      }
    }
    return this.value;
  }
}

export interface BuildCache {
  /** Document hash -> its check as it crosses threads (no locator), or its stored text. */
  readonly documents: Map<string, unknown>;
  readonly site?: SiteRecord;
  /** Each process's search terms, by page-key hash, or their stored text (read only when the search index is made: `readStoredTerms`). */
  readonly terms?: Map<string, StoredTerms | RawEntry>;
  /** "What's new" entries by key (`readStoredWhatsNew`); written when given. */
  readonly whatsNew?: ReadonlyMap<string, readonly WhatsNewEntry[]>;
  /** The git history, by the key it was read for (`readStoredHistory`); written when given. */
  readonly history?: { readonly key: string; readonly history: GitHistory & { kind: 'git' } };
  /** Pinyin search terms by name or tag (read before the pages are made: `readStoredPinyin`); written when given. */
  readonly pinyin?: ReadonlyMap<string, readonly string[]>;
  /** Hashes of templates that compiled without error (their check is skipped: src/source/templates.ts). */
  readonly templates: ReadonlySet<string>;
  /** The last build's inputs (a hash of all of them) and what it reported: a build of the same inputs has nothing to do. */
  readonly last?: { readonly inputs: string; readonly result: unknown };
  /** The files' texts as read, so that unchanged ones are not written again. */
  readonly texts?: Map<string, string>;
  /** The keys each .jsonl file held when read (what a rebuild appends to). */
  readonly entryKeys?: Map<string, ReadonlySet<string>>;
}

/** Short stable hash of a string (keys are long; their hashes are stored). */
export const hashKey = (s: string): string => createHash('sha1').update(s).digest('base64url');

/**
 * What identifies this Flowbook: its version and the size and time of every file it runs from
 * (compiled code, templates, assets), so a changed or rebuilt Flowbook never reuses old output.
 */
export function flowbookStamp(): string {
  const here = path.dirname(fileURLToPath(import.meta.url)); // dist/output or src/output
  const code = path.dirname(here);
  const pkg = path.dirname(code);
  const h = createHash('sha1');
  // The libraries it runs with (installed beside it, or hoisted into the project's node_modules).
  let deps: string[] = [];
  try {
    const manifest = readFileSync(path.join(pkg, 'package.json'), 'utf8');
    h.update(manifest);
    deps = Object.keys((JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
  } catch {
    h.update('no package.json'); // the code's files below still count
  }
  for (const d of deps)
    for (const where of [path.join(pkg, 'node_modules', d), path.join(pkg, '..', d)]) {
      try {
        h.update(`${d}@${(JSON.parse(readFileSync(path.join(where, 'package.json'), 'utf8')) as { version?: string }).version}\n`);
        break;
      } catch {
        // not here
      }
    }
  for (const dir of [code, path.join(pkg, 'templates'), path.join(pkg, 'assets')]) {
    let names: string[];
    try {
      names = (readdirSync(dir, { recursive: true }) as string[]).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      try {
        const st = statSync(path.join(dir, n));
        if (st.isFile()) h.update(`${dir}\0${n}\0${st.size}\0${st.mtimeMs}\n`);
      } catch {
        // gone while listed: the stamp differs next time anyway
      }
    }
  }
  return h.digest('base64url');
}

const FILES = { documents: 'documents.jsonl', site: 'site.json', terms: 'terms.jsonl', pinyin: 'pinyin.json', history: 'history.json', whatsNew: 'whats-new.json' } as const;
const LEGACY_FILES = ['documents.json', 'terms.json'];

// Read at once, not with fs/promises' readFile: for a file of megabytes that reads in chunks and
// decodes each (Node 20), ~60 ms of a one-edit rebuild at 1,000 processes. See cache-text.ts.
function readJson(file: string, texts: Map<string, string>): unknown {
  try {
    const text = readCacheText(file);
    texts.set(path.basename(file), text);
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isLastIndex(v: unknown): v is LastIndex {
  if (!isObject(v) || !isStrings(v.codes) || !isStrings(v.keys) || typeof v.total !== 'number' || !Array.isArray(v.docLens)) return false;
  const n = v.codes.length;
  return v.keys.length === n && v.docLens.length === n && v.docLens.every((x) => Number.isInteger(x) && (x as number) >= 0);
}

/** The cache for this stamp (empty when there is none, it is damaged, or another Flowbook wrote it). */
const ours = (v: unknown, stamp: string): Record<string, unknown> | undefined => (isObject(v) && v.stamp === stamp && isObject(v.entries) ? v.entries : undefined);

/** The cache for this stamp, but for the document checks (`readDocumentChecks`: a build that has nothing to do needs none). */
export async function readBuildCache(dir: string, stamp: string): Promise<BuildCache> {
  const texts = new Map<string, string>();
  const s = ours(readJson(path.join(dir, FILES.site), texts), stamp);
  const cache: { documents: Map<string, unknown>; site?: SiteRecord; templates: Set<string>; last?: { inputs: string; result: unknown }; texts: Map<string, string>; entryKeys: Map<string, ReadonlySet<string>> } = {
    documents: new Map(),
    entryKeys: new Map(),
    templates: new Set(Array.isArray(s?.templates) ? s.templates.filter((t): t is string => typeof t === 'string') : []),
    texts,
  };
  if (isObject(s?.last) && typeof s.last.inputs === 'string') cache.last = { inputs: s.last.inputs, result: s.last.result };
  if (s && typeof s.out === 'string' && isObject(s.files)) {
    const files = new Map<string, SiteFileRecord>();
    for (const [p, r] of Object.entries(s.files))
      if (Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number' && typeof r[2] === 'number') files.set(p, { key: r[0], size: r[1], mtimeMs: r[2] });
    const search = isObject(s.search) && typeof s.search.key === 'string' && isStrings(s.search.files) ? { key: s.search.key, files: s.search.files, ...(isLastIndex(s.search.index) && { index: s.search.index }) } : undefined;
    cache.site = { out: s.out, files, ...(search && { search }) };
  }
  return cache;
}

/** The stored document checks (into `cache.documents`, as `RawEntry`s). */
export async function readDocumentChecks(dir: string, stamp: string, cache: BuildCache): Promise<void> {
  for (const [k, v] of readEntries(path.join(dir, FILES.documents), stamp, cache)) cache.documents.set(k, v);
}

/**
 * The entries of a .jsonl cache file written for this stamp (none when it is missing, damaged or
 * another's); their keys go into `cache.entryKeys`.
 */
function readEntries(file: string, stamp: string, cache: BuildCache | undefined): Map<string, RawEntry> {
  const entries = new Map<string, RawEntry>();
  let text: string;
  try {
    text = readCacheText(file); // at once: see readJson
  } catch {
    return entries;
  }
  const lines = text.split('\n');
  try {
    const head = JSON.parse(lines[0]!) as unknown;
    if (!isObject(head) || head.stamp !== stamp) return entries;
  } catch {
    return entries;
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    if (tab > 0) entries.set(line.slice(0, tab), new RawEntry(line.slice(tab + 1)));
  }
  cache?.entryKeys?.set(path.basename(file), new Set(entries.keys()));
  return entries;
}

/** Entries as lines of a .jsonl file, each after a line break (JSON has no raw line breaks). */
function entryLines(keys: readonly string[], entries: ReadonlyMap<string, unknown>): string {
  let text = '';
  for (const k of keys) {
    const v = entries.get(k);
    text += `\n${k}\t${v instanceof RawEntry ? v.json : JSON.stringify(v)}`;
  }
  return text;
}

/**
 * Store a .jsonl file's entries: the new ones appended to the file read (`read`: its keys), or,
 * with none read or too many no longer used, the whole file written anew. An append cut short
 * leaves a damaged last line (that entry is made again) or an odd byte count (the file is not read).
 */
async function writeEntries(file: string, stamp: string, entries: ReadonlyMap<string, unknown>, read: ReadonlySet<string> | undefined): Promise<void> {
  if (read) {
    // New: not in the file, or made again because the stored one was damaged (the later line wins).
    const fresh = [...entries].filter(([k, v]) => !read.has(k) || !(v instanceof RawEntry)).map(([k]) => k);
    let unused = 0;
    for (const k of read) if (!entries.has(k)) unused++;
    if (unused <= entries.size) {
      if (fresh.length > 0) appendFileSync(file, cacheAppendBytes(entryLines(fresh.sort(), entries)));
      return;
    }
  }
  await writeFileAtomic(file, cacheBytes(JSON.stringify({ stamp }) + entryLines([...entries.keys()].sort(), entries)));
}

/** Hashes of documents already hashed (a build asks twice: for its inputs' hash, then for the check). */
const documentHashes = new WeakMap<object, string>();

/**
 * The hash a document's check is cached by: its path and text (as UTF-8: the bytes read, when the
 * source has them, so the text need not be decoded).
 */
export function documentHash(src: { readonly file: string; readonly text: string; readonly bytes?: Uint8Array }): string {
  let h = documentHashes.get(src);
  if (h === undefined) documentHashes.set(src, (h = createHash('sha1').update(`${src.file}\0`).update(src.bytes ?? src.text).digest('base64url')));
  return h;
}

/** The stored search terms (empty when there are none for this stamp), parsed when used (`storedTerms`). */
export async function readStoredTerms(dir: string, stamp: string, cache?: BuildCache): Promise<Map<string, RawEntry>> {
  return readEntries(path.join(dir, FILES.terms), stamp, cache);
}

/** Stored terms as read or as made; undefined when a stored entry is damaged. */
export function storedTerms(v: StoredTerms | RawEntry | undefined): StoredTerms | undefined {
  const t = v instanceof RawEntry ? v.parse() : v;
  return isStoredTerms(t) ? t : undefined;
}

/**
 * The stored pinyin terms of names and tags (empty when there are none for this stamp); the text
 * read goes into `cache.texts`, so an unchanged table is not written again.
 */
export async function readStoredPinyin(dir: string, stamp: string, cache: BuildCache): Promise<Map<string, readonly string[]>> {
  const entries = ours(readJson(path.join(dir, FILES.pinyin), cache.texts ?? new Map()), stamp) ?? {};
  return new Map(Object.entries(entries).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string')));
}

/**
 * The git history stored for `key` (undefined when there is none, it was read for another key, or
 * it is damaged). Its text goes into `cache.texts`, so an unchanged history is not written again.
 */
export function readStoredHistory(dir: string, stamp: string, key: string, cache: BuildCache): (GitHistory & { kind: 'git' }) | undefined {
  const v = ours(readJson(path.join(dir, FILES.history), cache.texts ?? new Map()), stamp);
  if (v?.key !== key || !Array.isArray(v.files)) return undefined;
  const files = new Map<string, CommitState[]>();
  for (const e of v.files as unknown[]) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !Array.isArray(e[1]) || !e[1].every(isCommitState)) return undefined;
    files.set(e[0], e[1] as CommitState[]);
  }
  return { kind: 'git', files };
}

/** The stored "what's new" entries (empty when there are none for this stamp); the text read goes into `cache.texts`. */
export function readStoredWhatsNew(dir: string, stamp: string, cache: BuildCache): Map<string, readonly WhatsNewEntry[]> {
  const v = ours(readJson(path.join(dir, FILES.whatsNew), cache.texts ?? new Map()), stamp) ?? {};
  return new Map(Object.entries(v).filter((e): e is [string, WhatsNewEntry[]] => Array.isArray(e[1]) && e[1].every(isWhatsNewEntry)));
}

function isWhatsNewEntry(v: unknown): v is WhatsNewEntry {
  return isObject(v) && ['code', 'name', 'version', 'date', 'summary', 'change', 'author', 'target'].every((k) => typeof v[k] === 'string');
}

function isCommitState(v: unknown): v is CommitState {
  return isObject(v) && ['commit', 'date', 'author', 'subject', 'file', 'text'].every((k) => typeof v[k] === 'string');
}

function isStoredTerms(v: unknown): v is StoredTerms {
  return isObject(v) && typeof v.terms === 'string' && typeof v.masks === 'string' && typeof v.body === 'string';
}

const sortedObject = <T>(m: ReadonlyMap<string, T>): Record<string, T> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Replace the cache's files (each atomically) with what this build used; a file whose text is what
 * was read (`texts`) is left alone, and terms and pinyin are written only when given.
 */
export async function writeBuildCache(dir: string, stamp: string, cache: BuildCache): Promise<void> {
  const site = cache.site && {
    out: cache.site.out,
    files: sortedObject(new Map([...cache.site.files].map(([p, r]) => [p, [r.key, r.size, r.mtimeMs]]))),
    ...(cache.site.search && { search: cache.site.search }),
  };
  const entries = { ...site, templates: [...cache.templates].sort(), ...(cache.last && { last: cache.last }) };
  const files: Array<[string, string]> = [[FILES.site, JSON.stringify({ stamp, entries })]];
  if (cache.pinyin) files.push([FILES.pinyin, JSON.stringify({ stamp, entries: sortedObject(cache.pinyin) })]);
  if (cache.whatsNew) files.push([FILES.whatsNew, JSON.stringify({ stamp, entries: sortedObject(cache.whatsNew) })]);
  if (cache.history) files.push([FILES.history, JSON.stringify({ stamp, entries: { key: cache.history.key, files: [...cache.history.history.files] } })]);
  await Promise.all([
    ...files.filter(([f, text]) => cache.texts?.get(f) !== text).map(([f, text]) => writeFileAtomic(path.join(dir, f), cacheBytes(text))),
    writeEntries(path.join(dir, FILES.documents), stamp, cache.documents, cache.entryKeys?.get(FILES.documents)),
    ...(cache.terms ? [writeEntries(path.join(dir, FILES.terms), stamp, cache.terms, cache.entryKeys?.get(FILES.terms))] : []),
  ]);
  // What an older Flowbook kept here, by names no longer read.
  for (const f of LEGACY_FILES) rmSync(path.join(dir, f), { force: true });
}

/**
 * The records of the site files that are still as the last build left them (same size and
 * modification time); a file changed or removed by hand is left out, so it is made again.
 */
export function intactSiteFiles(site: SiteRecord | undefined, out: string): Map<string, SiteFileRecord> {
  const intact = new Map<string, SiteFileRecord>();
  if (!site || site.out !== out) return intact;
  for (const [p, r] of site.files) {
    try {
      const st = statSync(path.join(out, p));
      if (st.isFile() && st.size === r.size && st.mtimeMs === r.mtimeMs) intact.set(p, r);
    } catch {
      // gone: made again
    }
  }
  return intact;
}

/** Size and modification time of site files just written (for the next build's `intactSiteFiles`). */
export function recordSiteFiles(out: string, keys: ReadonlyMap<string, string>): Map<string, SiteFileRecord> {
  const records = new Map<string, SiteFileRecord>();
  for (const [p, key] of keys) {
    try {
      const st = statSync(path.join(out, p));
      records.set(p, { key, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      // not there (should not happen): not recorded, so made again next time
    }
  }
  return records;
}
