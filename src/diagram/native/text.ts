/**
 * Text measuring and wrapping without a browser: an estimate per character class, in em.
 * CJK and full-width characters are one em wide; Latin letters about half of that. Estimates err
 * on the wide side so that text fits the boxes drawn around it.
 */

/** Width in em of one code point (0 for joiners, marks and direction controls). */
export function charWidthEm(cp: number): number {
  if (cp < 0x80) return asciiWidthEm(cp);
  if (isZeroWidth(cp)) return 0;
  if (isWide(cp)) return 1;
  if (isEmoji(cp)) return 1.15;
  return 0.62;
}

const NARROW = new Set([...`iljI.,;:!|'\``].map((c) => c.codePointAt(0)!));
const SEMI_NARROW = new Set([...'frt()[]{}/\\-"'].map((c) => c.codePointAt(0)!));
const WIDE_LATIN = new Set([...'mwMW@%'].map((c) => c.codePointAt(0)!));

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

/** Joiners, variation selectors, combining marks, bidi controls, emoji modifiers, tags. */
export function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0000 && cp <= 0xe01ef)
  );
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

/** Estimated width in px of `text` at `fontSize` px. */
export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch.codePointAt(0)!);
  return em * fontSize;
}

/** Closing punctuation that must not start a line, opening punctuation that must not end one (kinsoku). */
const NO_LINE_START = new Set([...'，。、；：！？）」』》】〉”’…%,.;:!?)]}'].map((c) => c.codePointAt(0)!));
const NO_LINE_END = new Set([...'（「『《【〈“‘([{'].map((c) => c.codePointAt(0)!));

/** A piece that is never split across lines except when it alone is wider than a line. */
interface Atom {
  readonly text: string;
  readonly width: number; // em
  /** Preceded by a space in the source (a line break may replace the space). */
  readonly spaceBefore: boolean;
  /** A Latin word: may be hard-broken by clusters when too wide. */
  readonly clusters: readonly string[];
}

interface Cluster {
  text: string;
  width: number;
  wide: boolean; // CJK / emoji: a break is allowed on both sides
}

/** Approximate grapheme clusters: marks and joiners stay with what precedes them; ZWJ also pulls in what follows. */
function clustersOf(text: string): Cluster[] {
  const out: Cluster[] = [];
  let joinNext = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = out[out.length - 1];
    if (last !== undefined && (joinNext || isZeroWidth(cp))) {
      last.text += ch;
      if (!joinNext) last.width += charWidthEm(cp);
      joinNext = cp === 0x200d;
      continue;
    }
    joinNext = cp === 0x200d;
    out.push({ text: ch, width: charWidthEm(cp), wide: isWide(cp) || isEmoji(cp) });
  }
  return out;
}

/** Words (Latin runs) and single wide characters, with kinsoku punctuation glued to its neighbour. */
function atomsOf(paragraph: string): Atom[] {
  const atoms: { text: string; width: number; spaceBefore: boolean; clusters: string[] }[] = [];
  let space = false;
  let word: (typeof atoms)[number] | undefined;
  let glueNext = false;
  for (const c of clustersOf(paragraph)) {
    const cp = c.text.codePointAt(0)!;
    if (/^\s/u.test(c.text)) {
      space = true;
      word = undefined;
      glueNext = false;
      continue;
    }
    const prev = atoms[atoms.length - 1];
    const glue = prev !== undefined && !space && (glueNext || NO_LINE_START.has(cp));
    if (glue || (word !== undefined && !c.wide && !space)) {
      const target = glue ? prev! : word!;
      target.text += c.text;
      target.width += c.width;
      target.clusters.push(c.text);
      word = c.wide ? undefined : target;
    } else {
      const atom = { text: c.text, width: c.width, spaceBefore: space && atoms.length > 0, clusters: [c.text] };
      atoms.push(atom);
      word = c.wide ? undefined : atom;
    }
    glueNext = NO_LINE_END.has(cp);
    space = false;
  }
  return atoms;
}

export interface WrappedText {
  readonly lines: readonly string[];
  /** Width in px of the widest line. */
  readonly width: number;
}

/**
 * Break `text` into lines no wider than `maxWidth` px: CJK between any characters, Latin at spaces,
 * words wider than a line by character. Newlines in the text are kept as line breaks.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): WrappedText {
  const maxEm = Math.max(maxWidth / fontSize, 1.2);
  const lines: string[] = [];
  const widths: number[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let lineEm = 0;
    const flush = () => {
      lines.push(line);
      widths.push(lineEm);
      line = '';
      lineEm = 0;
    };
    for (const atom of atomsOf(paragraph)) {
      const gap = line !== '' && atom.spaceBefore ? 0.3 : 0;
      if (lineEm + gap + atom.width <= maxEm) {
        line += (gap > 0 ? ' ' : '') + atom.text;
        lineEm += gap + atom.width;
        continue;
      }
      if (line !== '') flush();
      if (atom.width <= maxEm) {
        line = atom.text;
        lineEm = atom.width;
        continue;
      }
      // A word wider than a whole line: break it between clusters.
      for (const c of atom.clusters) {
        const w = clusterWidth(c);
        if (line !== '' && lineEm + w > maxEm) flush();
        line += c;
        lineEm += w;
      }
    }
    if (line !== '' || lines.length === 0 || paragraph === '') flush();
  }
  // Drop empty lines produced by leading/trailing newlines, but keep at least one line.
  const kept = lines.map((l, i) => [l, widths[i]!] as const).filter(([l]) => l.trim() !== '');
  const final = kept.length > 0 ? kept : [['', 0] as const];
  return { lines: final.map(([l]) => l), width: Math.max(...final.map(([, w]) => w)) * fontSize };
}

function clusterWidth(cluster: string): number {
  let em = 0;
  let afterJoiner = false;
  for (const ch of cluster) {
    const cp = ch.codePointAt(0)!;
    if (!afterJoiner) em += charWidthEm(cp);
    afterJoiner = cp === 0x200d;
  }
  return em;
}
