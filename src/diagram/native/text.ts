/**
 * Text measuring and wrapping without a browser: an estimate per character class, in em.
 * CJK and full-width characters are one em wide; Latin letters about half of that. Estimates err
 * on the wide side so that text fits the boxes drawn around it.
 *
 * Line breaking (wrapText) follows a small hand-written subset of the Unicode line breaking
 * algorithm (UAX #14) with the Chinese/Japanese line-start and line-end rules (kinsoku), and then
 * chooses, among the break points it allows, balanced lines with no CJK character left alone on a
 * line. See docs/architecture.md ("Line breaking in boxes").
 */

/** Width in em of one code point (0 for joiners, marks, controls and direction controls). */
export function charWidthEm(cp: number): number {
  if (cp < 0x80) return ASCII_WIDTH[cp]!;
  if (cp < 0xa0) return 0; // C1 controls
  if (cp === 0xa0 || cp === 0x202f) return 0.3; // no-break spaces
  if (isZeroWidth(cp)) return 0;
  if (isWide(cp)) return 1;
  if (isEmoji(cp)) return 1.15;
  return 0.62;
}

const NARROW = new Set([...`iljI.,;:!|'\``].map((c) => c.codePointAt(0)!));
const SEMI_NARROW = new Set([...'frt()[]{}/\\-"'].map((c) => c.codePointAt(0)!));
const WIDE_LATIN = new Set([...'mwMW@%'].map((c) => c.codePointAt(0)!));

const ASCII_WIDTH = Float64Array.from({ length: 0x80 }, (_, cp) => asciiWidthEm(cp));

function asciiWidthEm(cp: number): number {
  if (cp === 0x20) return 0.3;
  if (cp < 0x20 || cp === 0x7f) return 0;
  if (NARROW.has(cp)) return 0.3;
  if (SEMI_NARROW.has(cp)) return 0.38;
  if (WIDE_LATIN.has(cp)) return 0.88;
  if (cp >= 0x30 && cp <= 0x39) return 0.58;
  if (cp >= 0x41 && cp <= 0x5a) return 0.7;
  return 0.56;
}

const MARK_OR_FORMAT = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Joiners, variation selectors, combining marks, bidi and other format controls, emoji modifiers, tags. */
export function isZeroWidth(cp: number): boolean {
  if (cp < 0x300) return cp === 0xad; // soft hyphen
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0000 && cp <= 0xe01ef)
  ) {
    return true;
  }
  // The common blocks need no property look-up.
  if (cp >= 0x2e80 && cp <= 0xa4cf) return (cp >= 0x302a && cp <= 0x302f) || cp === 0x3099 || cp === 0x309a;
  if ((cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff01 && cp <= 0xff60)) return false;
  return MARK_OR_FORMAT.test(String.fromCodePoint(cp));
}

/** CJK ideographs, kana, Hangul, CJK punctuation and full-width forms: one em, breakable anywhere. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf);
}

/**
 * A CJK letter: an ideograph, kana, a Hangul syllable or a full-width letter or digit (not
 * punctuation). A line holding one of these and nothing else but punctuation is a "lone character".
 */
export function isCjkLetter(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3041 && cp <= 0x30ff && cp !== 0x30a0 && cp !== 0x30fb) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x3131 && cp <= 0x318e) ||
    cp === 0x3007 ||
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a)
  );
}

/** Estimated width in px of `text` at `fontSize` px. */
export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch.codePointAt(0)!);
  return em * fontSize;
}

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);

/**
 * Characters that never start a line: closing brackets and quotes (UAX #14 CL, CP), stops and
 * commas (IS, and CJK 、。，), ! and ? (EX), postfix signs such as % and ° (PO), non-starters
 * (NS: ・ ー 々 small kana, wave dashes), ellipses (IN), hyphens that allow a break after them only
 * (BA: ‐ –) and the slash (SY).
 */
export const NO_LINE_START: ReadonlySet<number> = new Set(
  codePoints(
    ')]}）］｝〕〉》」』】〗〙〛｠｣”’、。，．｡､,.：:；;！!？?…‥‼⁇⁈⁉%％‰‱℃℉°′″¢￠・･ー々〻ゝゞヽヾ〜～〳〴〵ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゠‐–/',
  ),
);

/** Characters that never end a line: opening brackets and quotes (UAX #14 OP, and Pi quotes used as openers). */
export const NO_LINE_END: ReadonlySet<number> = new Set(codePoints('([{（［｛〔〈《「『【〖〘〚｟｢“‘„‚¿¡'));

/** Ambiguous quotes (QU): no break on either side except at a space. */
const QUOTE = new Set(codePoints(`"'«»‹›`));
/** Prefix signs (PR) stay with what follows: $100, ￥200, +86. */
const PREFIX = new Set(codePoints('$£¥€₹₩₽＄￥￡￦+'));
/** No-break spaces (GL) join their neighbours. */
const GLUE = new Set([0xa0, 0x2007, 0x202f]);
/** Inside a word too long for any line, break after these first (URLs, paths, dates). */
const SOFT_AFTER = new Set(codePoints('/\\-._?&=#~:;,|+@'));
/** Spaces that a line break may replace; a run of them counts as one space. Not the no-break spaces. */
const isSpace = (cp: number) =>
  cp === 0x20 || cp === 0x09 || cp === 0x3000 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a && cp !== 0x2007) || cp === 0x205f;
/** Mandatory breaks (UAX #14 BK, CR, LF, NL): the text's own lines. */
const HARD_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/u;

const SPACE_EM = 0.3;
/** A word, or a run of glued characters, may widen a line by this factor before it is broken. */
export const WIDEN = 1.25;
const EPS = 1e-9;

// Break classes (a subset of UAX #14).
const AL = 0; // letters of spaced scripts, symbols, anything else
const ID = 1; // CJK, emoji: break on both sides
const NU = 2; // ASCII and full-width digits
const OP = 3; // no break after
const CL = 4; // no break before
const QU = 5;
const GL = 6;
const PR = 7;
const B2 = 8; // em dash: never between two

/** Punctuation and signs by class; where sets overlap, the later one wins. */
const CLASS_OF = new Map<number, number>();
for (const [set, cls] of [
  [[0x2014, 0x2e3a, 0x2e3b], B2],
  [PREFIX, PR],
  [GLUE, GL],
  [QUOTE, QU],
  [NO_LINE_END, OP],
  [NO_LINE_START, CL],
] as const) {
  for (const cp of set) CLASS_OF.set(cp, cls);
}

function classOf(cp: number): number {
  const cls = CLASS_OF.get(cp);
  if (cls !== undefined) return cls;
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0xff10 && cp <= 0xff19)) return NU;
  if (isWide(cp) || isEmoji(cp)) return ID;
  return AL;
}

/** An approximate grapheme cluster: a base character with its marks, joiners and what a ZWJ pulls in. */
interface Cluster {
  text: string;
  width: number; // em
  cls: number;
  wide: boolean;
  letter: boolean; // a CJK letter (see isCjkLetter)
  cp: number; // the base character
  /** Followed by a zero-width space (break allowed) or a word joiner (break forbidden). */
  breakAfter: boolean;
  glueAfter: boolean;
  /** Whitespace came before it in the source. */
  space: boolean;
  openRegional: boolean; // a single regional indicator waiting for its pair
}

const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
const isRegional = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

function clustersOf(paragraph: string): Cluster[] {
  const out: Cluster[] = [];
  let pendingSpace = false;
  let joinNext = false;
  for (const ch of paragraph) {
    const cp = ch.codePointAt(0)!;
    if (isSpace(cp)) {
      pendingSpace = out.length > 0;
      joinNext = false;
      continue;
    }
    const last = out.length > 0 && !pendingSpace ? out[out.length - 1] : undefined;
    if (last !== undefined && (joinNext || isZeroWidth(cp) || isControl(cp) || (last.openRegional && isRegional(cp)))) {
      last.text += ch;
      if (!joinNext && !last.openRegional) last.width += charWidthEm(cp);
      if (cp === 0x200b) last.breakAfter = true;
      if (cp === 0x2060 || cp === 0xfeff) last.glueAfter = true;
      last.openRegional = false;
      joinNext = cp === 0x200d;
      continue;
    }
    const cls = classOf(cp);
    out.push({
      text: ch,
      width: charWidthEm(cp),
      cls,
      wide: isWide(cp) || isEmoji(cp),
      letter: isCjkLetter(cp),
      cp,
      breakAfter: cp === 0x200b,
      glueAfter: cp === 0x2060 || cp === 0xfeff,
      space: pendingSpace,
      openRegional: isRegional(cp),
    });
    pendingSpace = false;
    joinNext = cp === 0x200d;
  }
  return out;
}

/**
 * The break level before cluster `b` (which follows `a`): 1 a normal break (at a space, next to a
 * CJK character or emoji, after a zero-width space), 2 a soft break inside a word (after / - . etc.)
 * or at a space between a word and a number, 3 any other place inside a word or number, 4 a place
 * the line-start/line-end rules forbid.
 */
function breakLevel(a: Cluster, b: Cluster): number {
  if (b.cls === CL || a.cls === OP) return 4;
  if (b.space) return b.cls === NU && (a.cls === AL || a.cls === NU) ? 2 : 1; // "ISO 9001", "Step 3" stay together
  if (a.glueAfter) return 4;
  if (a.breakAfter) return 1;
  if (a.cls === GL || b.cls === GL || a.cls === QU || b.cls === QU || (a.cls === B2 && b.cls === B2)) return 4;
  if (a.cls === NU && b.cls === NU) return 3;
  if (a.cls === PR) return 3;
  if (a.wide || b.wide) return 1;
  if (b.cls !== NU && SOFT_AFTER.has(a.cp)) return 2;
  return 3;
}

/**
 * Cost of a break (em², against squared differences in line width): by level; inside brackets;
 * and a bonus for a break after a comma or a stop.
 */
const LEVEL_PENALTY = [0, 0, 1, 10, 100];
/** More for a break between two letters or digits than next to punctuation inside a word. */
const IN_WORD_PENALTY = 15;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const isWordChar = (cp: number) =>
  cp < 0x80 ? (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a) : WORD_CHAR.test(String.fromCodePoint(cp));
const BRACKET_PENALTY = 2;
const CLAUSE_BONUS = 3;
const CLAUSE_END = new Set(codePoints('，。、；：！？,;:!?.'));
const BRACKET_OPEN = new Set(codePoints('([{（［｛〔〈《「『【〖〘〚｟｢“‘'));
const BRACKET_CLOSE = new Set(codePoints(')]}）］｝〕〉》」』】〗〙〛｠｣”’'));
/** Balanced lines may be this much (em) wider than the narrowest balance to break at a better place. */
const BALANCE_SLACK = 1;

const filled = (n: number, v: number): number[] => new Array<number>(n).fill(v);
const zeros = (n: number) => filled(n, 0);

class Paragraph {
  readonly n: number;
  readonly texts: string[];
  readonly space: boolean[];
  readonly cls: number[];
  readonly level: number[];
  readonly penalty: number[];
  private wordCache: number[] | undefined; // tooWide(wordCap): one wordCap per paragraph
  /** Whether a lone character is allowed (the last resort of wrapParagraph). */
  loneOk = false;
  /** Prefix sums: width (em, counting spaces before clusters 1..k-1), content clusters, CJK letters. */
  private readonly sum: number[];
  private readonly content: number[];
  private readonly letters: number[];

  constructor(clusters: readonly Cluster[]) {
    const n = clusters.length;
    this.n = n;
    this.texts = clusters.map((c) => c.text);
    this.space = clusters.map((c) => c.space);
    this.cls = clusters.map((c) => c.cls);
    this.level = zeros(n + 1);
    this.penalty = zeros(n + 1);
    this.sum = zeros(n + 1);
    this.content = zeros(n + 1);
    this.letters = zeros(n + 1);
    let depth = 0; // open brackets
    for (let k = 0; k < n; k++) {
      const c = clusters[k]!;
      this.sum[k + 1] = this.sum[k]! + c.width + (k > 0 && c.space ? SPACE_EM : 0);
      const isContent = (c.cls === AL || c.cls === ID || c.cls === NU || c.cls === PR || c.cls === B2) && c.width > 0;
      this.content[k + 1] = this.content[k]! + (isContent ? 1 : 0);
      this.letters[k + 1] = this.letters[k]! + (c.letter ? 1 : 0);
      if (k > 0) {
        const lv = breakLevel(clusters[k - 1]!, c);
        this.level[k] = lv;
        const inWord = lv === 3 && isWordChar(clusters[k - 1]!.cp) && isWordChar(c.cp);
        const afterClause = lv === 1 && CLAUSE_END.has(clusters[k - 1]!.cp);
        this.penalty[k] = LEVEL_PENALTY[lv]! + (inWord ? IN_WORD_PENALTY : 0) + (depth > 0 ? BRACKET_PENALTY : 0) - (afterClause ? CLAUSE_BONUS : 0);
      }
      if (BRACKET_OPEN.has(c.cp)) depth++;
      else if (BRACKET_CLOSE.has(c.cp) && depth > 0) depth--;
    }
  }

  /** Width in em of the line holding clusters i..j-1 (the space before cluster i is dropped). */
  width(i: number, j: number): number {
    return this.sum[j]! - this.sum[i]! - (i > 0 && this.space[i] ? SPACE_EM : 0);
  }

  /** One CJK letter alone on a line (with punctuation at most), unless it is the whole paragraph. */
  lone(i: number, j: number): boolean {
    return !this.loneOk && this.content[j]! - this.content[i]! === 1 && this.letters[j]! - this.letters[i]! === 1 && (i > 0 || j < this.n);
  }

  line(i: number, j: number): string {
    let s = this.texts[i]!;
    for (let k = i + 1; k < j; k++) s += (this.space[k] ? ' ' : '') + this.texts[k]!;
    return s;
  }

  /**
   * Break positions allowed at `pass` (1-4), with 0 and n. A break inside a word (level 2 or 3) is
   * allowed only in a word wider than `wordCap`, not counting the punctuation glued to its ends (a
   * break at the space of "ISO 9001" only when both together are): one that fits stays whole
   * until the last pass.
   */
  candidates(pass: number, wordCap: number): number[] {
    const n = this.n;
    const inWord = (this.wordCache ??= this.tooWide(wordCap));
    const out = [0];
    for (let k = 1; k < n; k++) {
      const lv = this.level[k]!;
      if (lv <= pass && (lv === 1 || pass === 4 || (lv < 4 && inWord[k] === 1))) out.push(k);
    }
    out.push(n);
    return out;
  }

  /** For each break position inside a word (or a word group joined at a space): 1 when the word is wider than `cap`. */
  private tooWide(cap: number): number[] {
    const n = this.n;
    const out = zeros(n + 1);
    for (const spaces of [false, true]) {
      // runs of clusters between normal breaks (and, unless `spaces`, spaces)
      let start = 0;
      for (let k = 1; k <= n; k++) {
        if (k < n && this.level[k] !== 1 && (spaces || !this.space[k])) continue;
        let a = start;
        let b = k;
        while (a < b - 1 && this.cls[a] === OP) a++;
        while (b > a + 1 && this.cls[b - 1] === CL) b--;
        if (this.width(a, b) > cap + EPS) for (let t = start + 1; t < k; t++) if (this.space[t] === spaces) out[t] = 1;
        start = k;
      }
    }
    return out;
  }

  /** The smallest possible width of the widest line, lines no wider than `cap` (Infinity: none). */
  narrowest(cand: readonly number[], cap: number): number {
    const m = cand.length;
    const best = filled(m, Infinity);
    best[0] = 0;
    for (let j = 1; j < m; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const w = this.width(cand[i]!, cand[j]!);
        if (w > cap + EPS) break;
        if (best[i] === Infinity || this.lone(cand[i]!, cand[j]!)) continue;
        const v = Math.max(best[i]!, w);
        if (v < best[j]!) best[j] = v;
      }
    }
    return best[m - 1]!;
  }

  /** With lines no wider than `limit`: the fewest lines, then the narrowest widest line; returns that width. */
  balancedWidth(cand: readonly number[], limit: number): number {
    const m = cand.length;
    const lines = filled(m, Infinity);
    const widest = filled(m, Infinity);
    lines[0] = 0;
    widest[0] = 0;
    for (let j = 1; j < m; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const w = this.width(cand[i]!, cand[j]!);
        if (w > limit + EPS) break;
        if (lines[i] === Infinity || this.lone(cand[i]!, cand[j]!)) continue;
        const l = lines[i]! + 1;
        const v = Math.max(widest[i]!, w);
        if (l < lines[j]! || (l === lines[j]! && v < widest[j]!)) {
          lines[j] = l;
          widest[j] = v;
        }
      }
    }
    return widest[m - 1]!;
  }

  /**
   * The break positions with lines no wider than `limit`: the fewest lines, then the least cost:
   * the squared difference of each line's width from `target` (not the last line's unless
   * `balanced`) plus the penalty of each break.
   */
  breaks(cand: readonly number[], limit: number, target: number, balanced: boolean): number[] {
    const m = cand.length;
    const lines = filled(m, Infinity);
    const cost = filled(m, Infinity);
    const prev = filled(m, -1);
    lines[0] = 0;
    cost[0] = 0;
    for (let j = 1; j < m; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const a = cand[i]!;
        const b = cand[j]!;
        const w = this.width(a, b);
        if (w > limit + EPS) break;
        if (lines[i] === Infinity || this.lone(a, b)) continue;
        const slack = balanced || j < m - 1 ? target - w : 0;
        const c = cost[i]! + slack * slack + (a > 0 ? this.penalty[a]! : 0);
        const l = lines[i]! + 1;
        if (l < lines[j]! || (l === lines[j]! && c < cost[j]! - EPS)) {
          lines[j] = l;
          cost[j] = c;
          prev[j] = i;
        }
      }
    }
    const out: number[] = [];
    for (let j = m - 1; j > 0; j = prev[j]!) out.push(cand[j]!);
    out.push(0);
    return out.reverse();
  }
}

/**
 * The passes of wrapParagraph, each: the break level allowed, how wide lines may grow (em, from
 * the width asked for) and whether a lone CJK character is allowed. Words whole, up to WIDEN times
 * the width; then soft breaks inside words too wide for that; then any break inside them; then
 * wider lines (3 times, 4 em more at least) rather than a lone character; then a lone character
 * rather than a forbidden line start or end; last, any break, lines as wide as the lone-character
 * rule needs.
 */
const STAGES: ReadonlyArray<readonly [pass: number, cap: (maxEm: number) => number, loneOk: boolean]> = [
  [1, (em) => WIDEN * em, false],
  [2, (em) => WIDEN * em, false],
  [3, (em) => WIDEN * em, false],
  [3, (em) => Math.max(3 * em, em + 4), false],
  [3, (em) => Math.max(3 * em, em + 4), true],
  [4, (em) => WIDEN * em, false],
];

/** Lines of one paragraph (no hard breaks in it) no wider than `maxEm` where the rules allow. */
function wrapParagraph(p: Paragraph, maxEm: number): { lines: string[]; widths: number[] } {
  const n = p.n;
  let bounds = [0, n];
  if (n > 1 && p.width(0, n) > maxEm + EPS) {
    for (const [pass, capOf, loneOk] of STAGES) {
      if (pass === 2 && !p.level.some((lv, k) => k > 0 && k < n && lv === 2)) continue;
      const cand = p.candidates(pass, WIDEN * maxEm);
      p.loneOk = loneOk;
      // The widest line of the fewest lines no wider than asked; else widen as little as need be.
      let balanced = p.balancedWidth(cand, maxEm);
      let limit = maxEm;
      if (balanced === Infinity) {
        let cap = capOf(maxEm);
        let narrowest = p.narrowest(cand, cap);
        // Last resort: any place between clusters; widen until the lone-character rule holds.
        while (pass === 4 && narrowest === Infinity) {
          cap *= 2;
          narrowest = p.narrowest(cand, cap);
        }
        if (narrowest === Infinity) continue;
        limit = narrowest;
        balanced = p.balancedWidth(cand, limit);
      }
      // Words kept whole (pass 1): balanced lines. Words broken: full lines, soft breaks first.
      bounds = pass === 1 ? p.breaks(cand, Math.min(limit, balanced + BALANCE_SLACK), balanced, true) : p.breaks(cand, limit, limit, false);
      break;
    }
  }
  const lines: string[] = [];
  const widths: number[] = [];
  for (let k = 1; k < bounds.length; k++) {
    lines.push(p.line(bounds[k - 1]!, bounds[k]!));
    widths.push(p.width(bounds[k - 1]!, bounds[k]!));
  }
  return { lines, widths };
}

export interface WrappedText {
  readonly lines: readonly string[];
  /** Width in px of the widest line. */
  readonly width: number;
}

/**
 * Break `text` into lines about `maxWidth` px wide. The text's own line breaks are kept (blank
 * lines dropped); within each, a break may fall at a space (which it replaces; runs of spaces become
 * one), next to a CJK character or emoji, or after a zero-width space. Lines are balanced (as equal
 * in width as the line count allows), no line is a single CJK character, none starts with closing
 * punctuation or ends with opening punctuation, and Latin words and numbers stay whole. A word up
 * to WIDEN times the width widens the lines instead; a longer one is broken, after / - . and the
 * like first. Returns at least one (possibly empty) line.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): WrappedText {
  const maxEm = Math.max(maxWidth / fontSize, 1.2);
  const lines: string[] = [];
  let widest = 0;
  for (const paragraph of text.split(HARD_BREAK)) {
    const clusters = clustersOf(paragraph);
    if (clusters.length === 0) continue;
    const wrapped = wrapParagraph(new Paragraph(clusters), maxEm);
    lines.push(...wrapped.lines);
    for (const w of wrapped.widths) widest = Math.max(widest, w);
  }
  if (lines.length === 0) return { lines: [''], width: 0 };
  return { lines, width: widest * fontSize };
}
