/**
 * The search engine in the reader's browser: loads the index files a query needs (through `load`,
 * a <script> tag in the page, a vm in tests), expands the query's groups (prefixes, typos,
 * numbers, pinyin), ranks, filters and counts facets. No DOM: the page (page.ts) shows the results.
 * The file format (codecs, shard hash, field bits) is the build's own, src/search/format.ts.
 */
import { decodePostings, docsShardOf, FIELD, FORMAT_VERSION, shardOf, type DocsShard, type Manifest, type TermsShard, type WordList } from '../../search/format.js';
import { fold, tokenize } from '../../search/tokenize.js';
import { allOf, editDistance, parseQuery, type Alt, type Group } from './query.js';

// Field weights. Name and code first, then steps and roles, then body; tags sit with steps
// (they are the author's own keywords).
const FIELDS: ReadonlyArray<readonly [bit: number, weight: number]> = [
  [FIELD.name, 100],
  [FIELD.code, 80],
  [FIELD.tags, 35],
  [FIELD.step, 30],
  [FIELD.role, 25],
  [FIELD.body, 10],
];
const EXACT_NAME = 1000;
const NAME_CONTAINS = 500;
const CODE_EXACT = 350;
const CODE_PREFIX = 300;
const PREFIX_FACTOR = 0.8;
const FUZZY_FACTOR = 0.6;
const MAX_PREFIX = 12;
const MAX_FUZZY = 8;
const MAX_NUMBER_PREFIX = 8;
const PINYIN_FACTOR = 0.9;

function fieldWeight(mask: number): number {
  let best = 0;
  let extra = 0;
  for (const [bit, weight] of FIELDS) {
    if (mask & bit) {
      if (weight > best) {
        extra += best;
        best = weight;
      } else extra += weight;
    }
  }
  // A term found in several fields is a little more relevant, never enough to jump a tier.
  return best + extra / 20;
}

/** Index files handed over by the scripts (`window.__flowbookSearch.add`), taken once each. */
export interface Registry {
  add(kind: string, n: number, data: unknown): void;
  take(kind: string, n: number): unknown;
}

export function createRegistry(): Registry {
  const store = new Map<string, unknown>();
  return {
    add: (kind, n, data) => void store.set(`${kind}:${n}`, data),
    take: (kind, n) => {
      const v = store.get(`${kind}:${n}`);
      store.delete(`${kind}:${n}`);
      return v;
    },
  };
}

/** A process as the engine sees it: the manifest's row, resolved. */
export interface Proc {
  readonly i: number;
  readonly code: string;
  readonly name: string;
  readonly status: string;
  readonly st: number;
  readonly category: string;
  readonly cat: number;
  readonly owner: string;
  readonly control: string;
  readonly depts: readonly number[];
  readonly roles: readonly number[];
  readonly href: string;
  readonly foldName: string;
  readonly foldCode: string;
}

export interface Filters {
  readonly category?: string;
  readonly dept?: string;
  readonly role?: string;
  readonly status?: string;
  readonly obsolete?: boolean;
}

export interface Result {
  readonly proc: Proc;
  readonly score: number;
  readonly matched: number;
}

export interface Search {
  readonly query: string;
  readonly groups: readonly Group[];
  readonly total: number;
  readonly results: readonly Result[];
  readonly facets: Readonly<Record<'status' | 'category' | 'dept' | 'role', Map<string, number>>>;
  readonly terms: ReadonlySet<string>;
  readonly partial: boolean;
  readonly ms: number;
}

export interface Doc {
  readonly steps: DocsShard[number][0];
  readonly body: string;
  readonly tags: readonly string[];
}

interface Words {
  readonly words: readonly string[];
  readonly df: readonly number[];
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Engine {
  readonly files = new Map<string, Promise<unknown>>();
  readonly postings = new Map<string, number[]>();
  manifest: Manifest | null = null;
  procs: Proc[] = [];
  /** Paths loaded, in order (for tests and the benchmark). */
  readonly loaded: string[] = [];
  private ready_: Promise<Manifest> | null = null;
  private vocab_: Promise<Words> | null = null;
  private numbers_: Promise<Words> | null = null;

  /** `load(path)` runs one index file (path relative to the search/ folder) and resolves once it has called add(). */
  constructor(
    private readonly registry: Registry,
    private readonly load: (path: string) => Promise<void>,
  ) {}

  file<T>(kind: string, n: number, path: string): Promise<T> {
    const key = `${kind}:${n}`;
    let p = this.files.get(key);
    if (!p) {
      p = Promise.resolve()
        .then(() => {
          this.loaded.push(path);
          return this.load(path);
        })
        .then(() => {
          const data = this.registry.take(kind, n);
          if (data === undefined) throw new Error(`search index file did not load: ${path}`);
          return data;
        });
      p.catch(() => this.files.delete(key)); // allow a retry later
      this.files.set(key, p);
    }
    return p as Promise<T>;
  }

  ready(): Promise<Manifest> {
    if (!this.ready_) {
      this.ready_ = this.file<Manifest>('manifest', 0, 'manifest.js').then((m) => {
        if (m.v !== FORMAT_VERSION) throw new Error(`search index format ${m.v} is not supported`);
        this.manifest = m;
        this.procs = m.p.map((row, i) => ({
          i,
          code: row[0],
          name: row[1],
          status: m.status[row[2]]!,
          st: row[2],
          category: row[3] >= 0 ? m.cat[row[3]]! : '',
          cat: row[3],
          owner: m.dept[row[4]] || '',
          control: m.dept[row[5]] || '',
          depts: row[4] === row[5] ? [row[4]] : [row[4], row[5]],
          roles: row[6],
          href: m.hrefPattern ? m.hrefPattern[0] + row[0] + m.hrefPattern[1] : m.hrefs![i]!,
          foldName: fold(row[1]).replace(/\s+/g, ''),
          foldCode: fold(row[0]),
        }));
        return m;
      });
      this.ready_.catch(() => {
        this.ready_ = null;
      });
    }
    return this.ready_;
  }

  private vocab(): Promise<Words> {
    if (!this.vocab_) {
      this.vocab_ = this.file<WordList>('vocab', 0, 'vocab.js').then((v) => ({ words: v.w ? v.w.split(' ') : [], df: v.f }));
      this.vocab_.catch(() => {
        this.vocab_ = null;
      });
    }
    return this.vocab_;
  }

  private numbers(): Promise<Words> {
    if (!this.numbers_) {
      this.numbers_ = this.file<WordList>('numbers', 0, 'numbers.js').then((v) => ({ words: v.n ? v.n.split(' ') : [], df: v.f }));
      this.numbers_.catch(() => {
        this.numbers_ = null;
      });
    }
    return this.numbers_;
  }

  /** Postings of a term ([] when absent), loading its shard if needed. */
  private lookup(term: string): Promise<number[]> {
    const known = this.postings.get(term);
    if (known) return Promise.resolve(known);
    const n = shardOf(term, this.manifest!.terms);
    return this.file<TermsShard>('terms', n, `terms-${n}.js`).then((shard) => {
      const list = Object.prototype.hasOwnProperty.call(shard, term) ? decodePostings(shard[term]!) : [];
      this.postings.set(term, list);
      return list;
    });
  }

  /** Run a query. Filters are names, not indexes. */
  async search(query: string, filters: Filters = {}): Promise<Search> {
    await this.ready();
    const syn = this.manifest!.syn;
    const groups: Group[] = [];
    for (const g of parseQuery(query || '', syn)) {
      // A hyphenated piece no code starts with is words after all (sick-leave, e-mail).
      if (g.kind === 'code' && !this.procs.some((p) => p.foldCode.startsWith(g.raw))) groups.push(...parseQuery(g.raw.replace(/-/g, ' '), syn));
      else groups.push(g);
    }
    const isNumber = (g: Group) => g.kind === 'word' && /^\d+$/.test(g.stem!);
    const needVocab = groups.some((g) => g.kind === 'word' && !isNumber(g));
    // The numbers list only for a number of two digits or more (a prefix worth expanding).
    const needNumbers = groups.some((g) => isNumber(g) && g.stem!.length >= 2);
    // Without the numbers list (an older or partly copied index), numbers are still found exactly.
    const [vocab, numbers] = await Promise.all([needVocab ? this.vocab() : null, needNumbers ? this.numbers().catch(() => null) : null]);
    for (const g of groups) {
      if (g.kind === 'word') {
        g.alts = isNumber(g) ? expandNumber(g, numbers) : vocab ? expandWord(g, vocab) : [[g.stem!, 1]];
        for (const terms of g.pinyin!) g.alts.push(allOf(terms, PINYIN_FACTOR));
      }
      if (g.kind === 'code') g.alts = [];
    }
    const wanted: string[] = [];
    for (const g of groups) for (const a of g.alts) wanted.push(...(a[2] ?? [a[0]]));
    await Promise.all(wanted.map((t) => this.lookup(t)));
    // Alternatives of several terms: the processes that have all of them.
    for (const g of groups)
      for (const a of g.alts) if (a[2] && !this.postings.has(a[0])) this.postings.set(a[0], allPostings(a[2].map((t) => this.postings.get(t) || [])));
    return this.rank(query || '', groups, filters);
  }

  /** The synchronous part of a search, once every needed shard is in memory (timed by the benchmark). */
  rank(query: string, groups: Group[], filters: Filters): Search {
    const t0 = now();
    const procs = this.procs;
    // Per process and group, the best score (0: no match). Typed arrays and a list of touched
    // processes: a common term hits most of 10,000 processes and must not allocate per hit.
    const G = groups.length;
    const best = new Float64Array(procs.length * Math.max(G, 1));
    const touched: number[] = [];
    const seen = new Uint8Array(procs.length);
    let known = 0;
    const terms = new Set<string>();
    const hit = (i: number, gi: number, s: number) => {
      if (!seen[i]) {
        seen[i] = 1;
        touched.push(i);
      }
      const at = i * G + gi;
      if (best[at]! < s) best[at] = s;
    };
    groups.forEach((g, gi) => {
      let any = false;
      for (const a of g.alts) {
        const list = this.postings.get(a[0]) || [];
        if (list.length > 0) {
          any = true;
          for (const t of a[2] ?? [a[0]]) terms.add(t);
        }
        for (let k = 0; k < list.length; k += 2) hit(list[k]!, gi, a[1] * fieldWeight(list[k + 1]!));
      }
      // Codes: exact and by prefix, straight from the manifest (no shard needed).
      if ((g.kind === 'code' || g.kind === 'word') && g.raw.length >= 2) {
        for (let i = 0; i < procs.length; i++) {
          const c = procs[i]!.foldCode;
          if (c === g.raw) hit(i, gi, CODE_EXACT);
          else if (c.startsWith(g.raw)) hit(i, gi, CODE_PREFIX);
          else continue;
          any = true;
        }
      }
      g.known = any;
      if (any) known++;
    });

    const q = fold(query).replace(/\s+/g, '');
    const all: Result[] = [];
    const browse = G === 0;
    if (browse) {
      // No query (facets only on the results page): every process, in code order.
      for (const proc of procs) all.push({ proc, score: 0, matched: 0 });
    } else {
      for (const ti of touched) {
        let matched = 0;
        let score = 0;
        for (let gi = 0; gi < G; gi++) {
          const v = best[ti * G + gi]!;
          if (v > 0) {
            matched++;
            score += v;
          }
        }
        const p = procs[ti]!;
        if (q.length > 0) {
          if (p.foldName === q) score += EXACT_NAME;
          else if (p.foldName.includes(q)) score += NAME_CONTAINS;
        }
        all.push({ proc: p, score, matched });
      }
    }
    // Groups nothing knows (a stray bigram such as 班工 in 加班工资) do not veto a result;
    // if no process has every known group, show the best partial matches.
    const full = all.filter((r) => browse || r.matched >= known);
    const partial = !browse && full.length === 0 && all.length > 0;
    const list = partial ? all : full;
    list.sort((a, b) => b.matched - a.matched || b.score - a.score || a.proc.i - b.proc.i);
    const { results, facets } = filterAndCount(this.manifest!, list, filters);
    return { query, groups, total: results.length, results, facets, terms, partial, ms: now() - t0 };
  }

  /** Snippet text of the given processes: loads their docs shards. */
  docs(procs: readonly Proc[]): Promise<Doc[]> {
    const starts = this.manifest!.docs;
    const shardFor = (i: number) => docsShardOf(starts, i);
    return Promise.all(
      procs.map((p) => {
        const n = shardFor(p.i);
        return this.file<DocsShard>('docs', n, `docs-${n}.js`).then((d) => {
          const row = d[p.i - starts[n]!]!;
          return { steps: row[0], body: row[1], tags: row[2] };
        });
      }),
    );
  }
}

/**
 * Filters and facet counts. A facet's counts ignore its own filter (so the other values stay
 * reachable) but apply the others. Everything by dictionary index, counted in typed arrays: no
 * string maps in the loop.
 */
function filterAndCount(m: Manifest, list: readonly Result[], filters: Filters): Pick<Search, 'results' | 'facets'> {
  const OBSOLETE = m.status.indexOf('obsolete');
  // -1 any; a name not in the index matches nothing.
  const want = (dict: readonly string[], name: string | undefined) => (name ? dict.indexOf(name) : -1);
  const wStatus = want(m.status, filters.status);
  const withObsolete = !!filters.obsolete || (!!filters.status && wStatus === OBSOLETE);
  const wCat = want(m.cat, filters.category);
  const wDept = want(m.dept, filters.dept);
  const wRole = want(m.role, filters.role);
  const cStatus = new Int32Array(m.status.length);
  const cCat = new Int32Array(m.cat.length);
  const cDept = new Int32Array(m.dept.length);
  const cRole = new Int32Array(m.role.length);
  const results: Result[] = [];
  for (const r of list) {
    const p = r.proc;
    const visible = withObsolete || p.st !== OBSOLETE;
    const okStatus = !filters.status ? visible : p.st === wStatus;
    const okCat = !filters.category || p.cat === wCat;
    const okDept = !filters.dept || p.depts.includes(wDept);
    const okRole = !filters.role || p.roles.includes(wRole);
    const fails = (okStatus ? 0 : 1) + (okCat ? 0 : 1) + (okDept ? 0 : 1) + (okRole ? 0 : 1);
    if (fails === 0) results.push(r);
    else if (fails > 1) continue;
    if (okCat && okDept && okRole && visible) cStatus[p.st]!++;
    if (okStatus && okDept && okRole && p.cat >= 0) cCat[p.cat]!++;
    if (okStatus && okCat && okRole) for (const d of p.depts) if (d >= 0) cDept[d]!++;
    if (okStatus && okCat && okDept) for (const x of p.roles) if (x >= 0) cRole[x]!++;
  }
  const counts = (dict: readonly string[], arr: Int32Array) => {
    const out = new Map<string, number>();
    arr.forEach((n, k) => {
      if (n > 0) out.set(dict[k]!, n);
    });
    return out;
  };
  return { results, facets: { status: counts(m.status, cStatus), category: counts(m.cat, cCat), dept: counts(m.dept, cDept), role: counts(m.role, cRole) } };
}

/** Binary search: the first index in sorted `words` whose word is >= x. */
function lowerBound(words: readonly string[], x: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A number -> itself, and (two digits or more) the numbers it begins, most common first. */
function expandNumber(g: Group, numbers: Words | null): Alt[] {
  const stemmed = g.stem!;
  const alts: Alt[] = [[stemmed, 1]];
  if (!numbers || stemmed.length < 2) return alts;
  const { words, df } = numbers;
  const longer: number[] = [];
  for (let i = lowerBound(words, stemmed); i < words.length && words[i]!.startsWith(stemmed); i++) if (words[i] !== stemmed) longer.push(i);
  longer.sort((a, b) => df[b]! - df[a]! || a - b);
  for (const k of longer.slice(0, MAX_NUMBER_PREFIX)) alts.push([words[k]!, PREFIX_FACTOR]);
  return alts;
}

/** Word groups -> alternatives from the vocabulary: exact stemmed, prefixes, then typos. */
function expandWord(g: Group, vocab: Words): Alt[] {
  const { words, df } = vocab;
  const stemmed = g.stem!;
  const alts: Alt[] = [];
  const seen = new Set<string>();
  const add = (w: string, f: number) => {
    if (!seen.has(w)) {
      seen.add(w);
      alts.push([w, f]);
    }
  };
  // The exact term is always tried (its shard says whether it exists): the vocabulary leaves
  // out numbers, which are many (codes) and never need typo matching.
  add(stemmed, 1);
  const prefixes: number[] = [];
  for (const p of [g.raw, stemmed]) {
    if (p.length < 2) continue;
    for (let i = lowerBound(words, p); i < words.length && words[i]!.startsWith(p); i++) if (words[i] !== stemmed) prefixes.push(i);
  }
  prefixes.sort((a, b) => df[b]! - df[a]! || a - b);
  for (const i of prefixes.slice(0, MAX_PREFIX)) add(words[i]!, PREFIX_FACTOR);
  const exact = words[lowerBound(words, stemmed)] === stemmed;
  if (!exact && prefixes.length === 0 && g.raw.length >= 4 && /^\p{L}+$/u.test(g.raw)) {
    const max = g.raw.length >= 8 ? 2 : 1;
    const near: Array<[distance: number, index: number]> = [];
    words.forEach((w, i) => {
      if (Math.abs(w.length - g.raw.length) > max + 1) return;
      let d = editDistance(g.raw, w, max);
      if (d > max && stemmed !== g.raw) d = editDistance(stemmed, w, max);
      if (d <= max) near.push([d, i]);
    });
    near.sort((a, b) => a[0] - b[0] || df[b[1]]! - df[a[1]]! || a[1] - b[1]);
    for (const [, i] of near.slice(0, MAX_FUZZY)) add(words[i]!, FUZZY_FACTOR);
  }
  return alts;
}

/**
 * Flat postings of the processes in every list, each with the fields all lists share (or the
 * body's, when the terms were found in different fields: the words are not side by side there).
 */
function allPostings(lists: readonly number[][]): number[] {
  let cur = lists[0] || [];
  for (let l = 1; l < lists.length; l++) {
    const other = lists[l]!;
    const out: number[] = [];
    let a = 0;
    let b = 0;
    while (a < cur.length && b < other.length) {
      if (cur[a]! < other[b]!) a += 2;
      else if (cur[a]! > other[b]!) b += 2;
      else {
        out.push(cur[a]!, cur[a + 1]! & other[b + 1]! || FIELD.body);
        a += 2;
        b += 2;
      }
    }
    cur = out;
  }
  return cur;
}

/** Ranges [start, end) of `text` to highlight for a search's matched terms, merged. */
export function highlights(text: string, terms: ReadonlySet<string>): Array<[number, number]> {
  if (!text || terms.size === 0) return [];
  const spans = tokenize(text, { unigrams: true })
    .filter((t) => terms.has(t.term))
    .map((t): [number, number] => [t.start, t.end])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** How many of the search's groups a text matches (its terms against each group's alternatives). */
function groupsIn(text: string, search: Pick<Search, 'groups'>): number {
  if (!text) return 0;
  const set = new Set(tokenize(text, { unigrams: true }).map((t) => t.term));
  return search.groups.filter((g) => g.alts.some((a) => (a[2] ? a[2].every((t) => set.has(t)) : set.has(a[0])))).length;
}

export interface Snippet {
  readonly parts: Array<[text: string, marked: boolean]>;
  readonly before: boolean;
  readonly after: boolean;
}

export interface Location {
  /** The step the snippet comes from (0 none). */
  step: number;
  /** The step to link to (0: the page itself). */
  link: number;
  where: '' | 'step' | 'tags' | 'body';
  snippet: Snippet | null;
}

/**
 * Where a result matched: the best step (for a #step-N link), else tags, else body; with a
 * snippet window and highlight ranges.
 */
export function locate(result: Result, doc: Doc, search: Search): Location {
  let best: { field: 'step' | 'tags' | 'body'; text: string; step: number; n: number; rank: number } | null = null;
  const consider = (field: 'step' | 'tags' | 'body', text: string, step: number, rank: number) => {
    const n = groupsIn(text, search);
    if (n > 0 && (!best || n > best.n || (n === best.n && rank < best.rank))) best = { field, text, step, n, rank };
  };
  doc.steps.forEach((s, i) => consider('step', s[0] + (s[1] ? ' — ' + s[1] : '') + (s[2] ? ' [' + s[2] + ']' : ''), i + 1, 0));
  consider('tags', doc.tags.join(' · '), 0, 1);
  consider('body', doc.body, 0, 2);
  const nameGroups = groupsIn(result.proc.name, search);
  const known = search.groups.filter((g) => g.known).length;
  // link: none when the name alone answers the query (the reader wants the page, not its third step).
  const out: Location = { step: 0, link: 0, where: '', snippet: null };
  const found = best as { field: 'step' | 'tags' | 'body'; text: string; step: number } | null;
  if (found) {
    out.where = found.field;
    out.snippet = snippetWindow(found.text, highlights(found.text, search.terms));
    out.step = found.step;
    if (found.field === 'step' && nameGroups < known) out.link = found.step;
  }
  return out;
}

/** A window of text around the first highlight, ~90 characters, cut at safe places. */
function snippetWindow(text: string, ranges: ReadonlyArray<readonly [number, number]>): Snippet {
  const BEFORE = 24;
  const LENGTH = 90;
  let start = 0;
  if (ranges.length > 0 && ranges[0]![0] > BEFORE) start = ranges[0]![0] - BEFORE;
  let end = Math.min(text.length, start + LENGTH);
  if (end === text.length) start = Math.max(0, Math.min(start, end - LENGTH));
  // Do not split a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]!)) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
  const parts: Array<[string, boolean]> = [];
  let pos = start;
  for (const r of ranges) {
    const a = Math.max(r[0], start);
    const b = Math.min(r[1], end);
    if (b <= a) continue;
    if (a > pos) parts.push([text.slice(pos, a), false]);
    parts.push([text.slice(a, b), true]);
    pos = b;
  }
  if (pos < end) parts.push([text.slice(pos, end), false]);
  return { parts, before: start > 0, after: end < text.length };
}
