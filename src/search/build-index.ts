/**
 * Processes -> an in-memory inverted index (pure). Every term maps to the processes it occurs in,
 * each with a bit mask of the fields it occurs in; the browser turns field masks into scores, so
 * the index stays small (no positions, no frequencies) and ranking stays a query-side decision.
 */
import type { Process } from '../model/types.js';
import { scan } from './tokenize.js';
import { pinyinTerms } from './pinyin.js';
import { FIELD, STATUS_ORDER } from './format.js';

/** Field bits and the manifest's status order: part of the file format (format.ts). */
export { FIELD, STATUS_ORDER } from './format.js';

/** The text shown in snippets: kept per process in the docs shards. */
export interface DocText {
  /** Per step, in order (index + 1 = Step.number): text, note, branch labels joined. */
  readonly steps: readonly (readonly [text: string, note: string, labels: string])[];
  readonly body: string;
  readonly tags: readonly string[];
}

export interface IndexedProcess {
  readonly code: string;
  readonly name: string;
  readonly status: number;
  readonly category: string;
  readonly owner: string;
  readonly control: string;
  readonly roles: readonly string[];
  readonly href: string;
  readonly doc: DocText;
}

export interface InvertedIndex {
  /** Sorted by code (code-unit order, for determinism). Postings refer to positions here. */
  readonly processes: readonly IndexedProcess[];
  /**
   * term -> flat [process index, field mask, process index, field mask, ...], ascending by index.
   * Sorted by term. Flat because millions of two-element arrays were most of the build's time (GC).
   */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Number of processes per word term (non-CJK, not all digits), for the typo/prefix vocabulary. */
  readonly words: ReadonlyMap<string, number>;
  /** Number of processes per number term (all digits), for finding numbers by prefix. */
  readonly numbers: ReadonlyMap<string, number>;
}

export interface IndexOptions {
  readonly pageHref: (code: string) => string;
  readonly bodyText?: (p: Process) => string;
  /**
   * Each process's terms, computed beforehand (the site build makes them next to the page, on the
   * worker threads); a process it has none for is scanned here.
   */
  readonly terms?: (p: Process) => ProcessTerms | undefined;
  /** Longest body kept for snippets (the whole body is still indexed). */
  readonly maxSnippetBody?: number;
}

/** Default longest body kept for snippets. */
export const MAX_SNIPPET_BODY = 4000;

/**
 * One process's share of the index, made from that process alone, so it can be made on any
 * thread: its distinct terms with the fields they occur in, and the body text kept for snippets.
 * Compact (one string, one byte array) because it crosses from worker threads.
 */
export interface ProcessTerms {
  /** Distinct terms in first-seen order, joined by "\n" (no term holds white space). */
  readonly terms: string;
  /** Per term: its field mask (FIELD bits), plus WORD_TERM for a vocabulary word or NUMBER_TERM for a number. */
  readonly masks: Uint8Array;
  /** The body text for snippets, cut to the snippet length. */
  readonly body: string;
}

/** Mask bit of a word term (non-CJK, not all digits): counted in the vocabulary. */
export const WORD_TERM = 64;
/** Mask bit of a number term (all digits): counted in the numbers list (prefix search). */
export const NUMBER_TERM = 128;
/** The FIELD bits of a mask. */
export const FIELDS_MASK = 63;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Crude Markdown -> text, for when the site does not hand us the rendered text. It only has to be
 * good enough for tokens and snippets: markup characters become spaces, link targets disappear.
 */
export function stripMarkdown(md: string): string {
  return md
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
    .replace(/[*_`~|#>]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * The terms of one process. Pure. `bodyText` is the plain text of its body (the site passes the
 * rendered HTML's text; without it the Markdown is stripped crudely).
 */
export function processTerms(p: Process, bodyText: string = stripMarkdown(p.body), maxBody = MAX_SNIPPET_BODY): ProcessTerms {
  const masks = new Map<string, number>();
  // Every field gets CJK unigrams as well as bigrams, so one character (假) finds every process
  // that contains it, as readers expect from other search boxes.
  const add = (text: string | undefined, field: number) => {
    if (!text) return;
    scan(text, true, (term, cjk) => {
      const m = masks.get(term);
      // Numbers stay out of the word vocabulary (codes make thousands): they have their own list.
      masks.set(term, m === undefined ? field | (cjk ? 0 : /^\d+$/.test(term) ? NUMBER_TERM : WORD_TERM) : m | field);
    });
  };
  // Pinyin of names and tags (`qingjia`, `qj` -> 请假): terms of their own, marked apart from words.
  const addPinyin = (text: string, field: number) => {
    for (const t of pinyinTerms(text)) masks.set(t, (masks.get(t) ?? 0) | field);
  };
  add(p.name, FIELD.name);
  addPinyin(p.name, FIELD.name);
  for (const t of p.tags) addPinyin(t, FIELD.tags);
  add(p.code, FIELD.code);
  for (const t of p.tags) add(t, FIELD.tags);
  for (const s of p.steps) {
    add(s.text, FIELD.step);
    add(s.note, FIELD.step);
    for (const e of s.next) add(e.label, FIELD.step);
  }
  for (const r of p.roles) add(r, FIELD.role);
  add(p.owner, FIELD.role);
  add(p.control, FIELD.role);
  add(p.category, FIELD.role);
  add(bodyText, FIELD.body);
  return {
    terms: [...masks.keys()].join('\n'),
    masks: Uint8Array.from(masks.values()),
    body: bodyText.length > maxBody ? bodyText.slice(0, maxBody) : bodyText,
  };
}

export function buildInvertedIndex(input: readonly Process[], options: IndexOptions): InvertedIndex {
  const sorted = [...input].sort((a, b) => cmp(a.code, b.code));
  const maxBody = options.maxSnippetBody ?? MAX_SNIPPET_BODY;
  const postings = new Map<string, number[]>();
  const words = new Map<string, number>();
  const numbers = new Map<string, number>();

  const processes = sorted.map((p, i): IndexedProcess => {
    const own = options.terms?.(p) ?? processTerms(p, options.bodyText ? options.bodyText(p) : stripMarkdown(p.body), maxBody);
    if (own.terms !== '') {
      const terms = own.terms.split('\n');
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!;
        const m = own.masks[k]!;
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push(i, m & FIELDS_MASK);
        if (m & WORD_TERM) words.set(t, (words.get(t) ?? 0) + 1);
        else if (m & NUMBER_TERM) numbers.set(t, (numbers.get(t) ?? 0) + 1);
      }
    }

    return indexedProcess(p, own.body, options.pageHref);
  });

  return { processes, postings: byKey(postings), words: byKey(words), numbers: byKey(numbers) };
}

/** A process as the index shows it; `body` is its snippet body (ProcessTerms.body). */
export function indexedProcess(p: Process, body: string, pageHref: (code: string) => string): IndexedProcess {
  return { ...listedProcess(p, pageHref), doc: docText(p, body) };
}

/** What the manifest lists of a process (no snippet text). */
export function listedProcess(p: Process, pageHref: (code: string) => string): Omit<IndexedProcess, 'doc'> {
  const status = STATUS_ORDER.indexOf(p.status);
  return {
    code: p.code,
    name: p.name,
    status: status < 0 ? 0 : status,
    category: p.category ?? '',
    owner: p.owner,
    control: p.control,
    roles: [...p.roles],
    href: pageHref(p.code),
  };
}

/** A process's snippet text; `body` is its snippet body (ProcessTerms.body). */
export function docText(p: Process, body: string): DocText {
  return {
    steps: p.steps.map((s) => [
      s.text,
      s.note ?? '',
      s.next
        .map((e) => e.label)
        .filter((l): l is string => !!l)
        .join(' / '),
    ]),
    body,
    tags: [...p.tags],
  };
}

/**
 * The map's entries in key order (code units, as `cmp`): the keys alone sorted with the built-in
 * order, which calls no comparison function.
 */
function byKey<V>(m: ReadonlyMap<string, V>): Map<string, V> {
  const out = new Map<string, V>();
  for (const k of [...m.keys()].sort()) out.set(k, m.get(k)!);
  return out;
}
