/**
 * Charts on paper, planned from the native layout (rows, lanes, nodes, edges with their points,
 * labels) rather than from SVG text. Pure.
 *
 * - Whole when it fits: a chart that fits one page of the paper (portrait or landscape, whichever
 *   prints it larger) with its smallest text (12 px edge labels) at >= 7 pt prints whole: under the
 *   header block when it fits there, else on a page of its own.
 * - Otherwise it is cut between rows into bands that fill the page: never through a box, an edge
 *   label or an arrowhead, never along a line, never between a step and its branch labels. Every
 *   band repeats the lane header, and every edge a cut crosses gets a numbered connector on both
 *   sides ("续见第 N 页 → 12" / "接第 M 页 ← 5").
 * - A chart whose lanes do not fit the page width at 7 pt is also cut between lanes into groups
 *   (connectors at those cuts too), with a page map on its first page.
 */
import type { EdgeLayout, SwimlaneLayout } from '../../diagram/native/layout.js';
import { escapeXml, num } from '../../diagram/native/svg.js';
import type { Language } from '../../model/types.js';

import { PAPERS, parsePaper, type Paper } from './paper-size.js';

export { PAPERS, parsePaper, type Paper };
export type Orientation = 'portrait' | 'landscape';

const MM = 96 / 25.4;
/** Page margins of assets/print.css (top, right, bottom, left), mm. */
export const MARGIN_MM = { top: 24, right: 14, bottom: 16, left: 14 } as const;
const SHEET: Record<Paper, { w: number; h: number }> = { A4: { w: 210, h: 297 }, A3: { w: 297, h: 420 } };

/** The printable box (inside the margins) in CSS px at 96 dpi. */
export function contentBox(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const s = SHEET[paper];
  const [w, h] = orientation === 'portrait' ? [s.w, s.h] : [s.h, s.w];
  return { width: (w - MARGIN_MM.left - MARGIN_MM.right) * MM, height: (h - MARGIN_MM.top - MARGIN_MM.bottom) * MM };
}

/** The smallest chart text is 12 px (edge labels; boxes and lane titles are 13 px). */
export const SMALLEST_TEXT_PX = 12;
/** Printed size / drawn size at which the smallest chart text is 7 pt. */
export const MIN_SCALE = 7 / (SMALLEST_TEXT_PX * 0.75);
/** Small charts may grow this much to use the page. */
export const MAX_UPSCALE = 1.25;
/** Cut charts are not enlarged (more pages for nothing). */
const MAX_SPLIT_SCALE = 1;
/** A band page: the figure caption under the part (1 mm + an 8 pt line at 1.25; assets/print.css), px, with room to spare. */
export const CAPTION_PX = 24;
/** Slack for rounding between our estimate and Chromium's layout, px. */
const SLACK_PX = 8;
/** Bands should fill at least this share of the printable height (all but the last). */
export const MIN_FILL = 0.85;

/** Connector strips, drawing units. */
const MARK_R = 8;
const MARK_FONT = 12;
const STRIP_ROW = 22;
const STRIP_PAD = 4;

export interface Words {
  continued: (page: number, step: number) => string;
  from: (page: number, step: number) => string;
  part: (i: number, n: number) => string;
  lanes: (a: number, b: number) => string;
  pageMap: string;
  page: (n: number) => string;
  /** The legend of a dense strip, whose markers show only an arrow and a step number. */
  legend: (page: number, leaving: boolean, arriving: boolean) => string;
}

const ZH: Words = {
  continued: (p, s) => `续见第 ${p} 页 → ${s}`,
  from: (p, s) => `接第 ${p} 页 ← ${s}`,
  part: (i, n) => `第 ${i}/${n} 部分`,
  lanes: (a, b) => (a === b ? `泳道 ${a}` : `泳道 ${a}–${b}`),
  pageMap: '页面图',
  page: (n) => `第 ${n} 页`,
  legend: (p, out, inn) => [out ? `→ 续见第 ${p} 页` : '', inn ? `← 接第 ${p} 页` : ''].filter(Boolean).join('　'),
};
const EN: Words = {
  continued: (p, s) => `to page ${p} → ${s}`,
  from: (p, s) => `from page ${p} ← ${s}`,
  part: (i, n) => `part ${i} of ${n}`,
  lanes: (a, b) => (a === b ? `lane ${a}` : `lanes ${a}–${b}`),
  pageMap: 'Page map',
  page: (n) => `page ${n}`,
  legend: (p, out, inn) => [out ? `→ to page ${p}` : '', inn ? `← from page ${p}` : ''].filter(Boolean).join('   '),
};
export const chartWords = (language: Language): Words => (language === 'en' ? EN : ZH);

/* ------------------------------------------------------------------ plan */

export interface Band {
  /** Body rows shown, drawing units (the lane header is added on top). */
  readonly y0: number;
  readonly y1: number;
  /** Connector strip heights above (under the repeated header) and below the body. */
  readonly top: number;
  readonly bottom: number;
}

export interface LaneGroup {
  readonly first: number;
  readonly last: number;
  readonly x0: number;
  readonly x1: number;
  readonly left: number;
  readonly right: number;
}

export interface ChartPlan {
  readonly paper: Paper;
  readonly orientation: Orientation;
  readonly scale: number;
  /** inline: under the header block; own: from a new page. */
  readonly placement: 'inline' | 'own';
  readonly bands: readonly Band[];
  readonly groups: readonly LaneGroup[];
  /** Printed height / printable height of each page of the chart, band-major. */
  readonly fills: readonly number[];
  /** Smallest chart text printed, pt. */
  readonly minTextPt: number;
}

export interface PlanOptions {
  readonly paper?: Paper;
  /** Height of what precedes the chart on the document's first page (title, header block), px. */
  readonly headerPx: number;
  readonly language?: Language;
}

/** A chart drawn by another renderer (no layout): whole, scaled to fit one page. */
export function planWhole(width: number, height: number, o: PlanOptions): ChartPlan {
  const paper = o.paper ?? 'A4';
  const best = (['portrait', 'landscape'] as const)
    .map((orientation) => {
      const box = contentBox(paper, orientation);
      const inline = Math.min(MAX_UPSCALE, box.width / width, (box.height - o.headerPx - SLACK_PX) / height);
      const own = Math.min(MAX_UPSCALE, box.width / width, (box.height - 12 - SLACK_PX) / height);
      return { orientation, inline, own, box };
    })
    .sort((a, b) => b.own - a.own || (a.orientation === 'portrait' ? -1 : 1));
  const inl = [...best].sort((a, b) => b.inline - a.inline)[0]!;
  const useInline = inl.inline >= MIN_SCALE && (inl.inline >= 0.85 || inl.inline >= best[0]!.own - 1e-9);
  const pick = useInline ? inl : best[0]!;
  const scale = useInline ? pick.inline : pick.own;
  return {
    paper,
    orientation: pick.orientation,
    scale,
    placement: useInline ? 'inline' : 'own',
    bands: [{ y0: 0, y1: height, top: 0, bottom: 0 }],
    groups: [{ first: 0, last: 0, x0: 0, x1: width, left: 0, right: 0 }],
    fills: [(height * scale) / pick.box.height],
    minTextPt: SMALLEST_TEXT_PX * 0.75 * scale,
  };
}

interface Crossing {
  readonly edge: EdgeLayout;
  /** Where the edge crosses the cut (x for a row cut, y for a lane cut). */
  readonly at: number;
  /** The edge runs from the earlier part to the later one (down, or right). */
  readonly forward: boolean;
}

/** Edges crossing the horizontal line y (vertical segments spanning it). */
function crossingsAtY(layout: SwimlaneLayout, y: number, x0 = -Infinity, x1 = Infinity): Crossing[] {
  const out: Crossing[] = [];
  for (const e of layout.edges)
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      if (a.x === b.x && Math.min(a.y, b.y) < y && Math.max(a.y, b.y) > y && a.x >= x0 && a.x < x1) out.push({ edge: e, at: a.x, forward: b.y > a.y });
    }
  return out.sort((p, q) => p.at - q.at);
}

/** Edges crossing the vertical line x (horizontal segments spanning it), between y0 and y1. */
function crossingsAtX(layout: SwimlaneLayout, x: number, y0: number, y1: number): Crossing[] {
  const out: Crossing[] = [];
  for (const e of layout.edges)
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      if (a.y === b.y && Math.min(a.x, b.x) < x && Math.max(a.x, b.x) > x && a.y >= y0 && a.y < y1) out.push({ edge: e, at: a.y, forward: b.x > a.x });
    }
  return out.sort((p, q) => p.at - q.at);
}

/** Rough text width in drawing units at MARK_FONT (CJK one em, others about 0.6 em). */
const widths = new Map<string, number>();
function textWidth(s: string): number {
  const known = widths.get(s);
  if (known !== undefined) return known;
  if (widths.size > 50_000) widths.clear();
  widths.set(s, measure(s));
  return widths.get(s)!;
}
function measure(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? MARK_FONT : /[→←]/u.test(ch) ? MARK_FONT : MARK_FONT * 0.62;
  return w;
}

/** Markers of one row strip, placed greedily in rows: [x, row] per crossing, and the row count. */
function stripRows(xs: readonly number[], widths: readonly number[], x0: number, x1: number): { rows: number[]; count: number; left: boolean[] } {
  const ends: number[] = [];
  const rows: number[] = [];
  const left: boolean[] = [];
  xs.forEach((x, i) => {
    const w = 2 * MARK_R + 4 + widths[i]!;
    const toLeft = x + w - MARK_R > x1 - 2;
    const a = toLeft ? x - w + MARK_R : x - MARK_R;
    const b = toLeft ? x + MARK_R : x + w - MARK_R;
    let r = ends.findIndex((e) => e + 6 <= a);
    if (r < 0) {
      r = ends.length;
      ends.push(b);
    } else ends[r] = b;
    rows.push(r);
    left.push(toLeft);
    void x0;
  });
  return { rows, count: ends.length, left };
}

/** One row strip's markers: rows, side of the text, and whether it is dense (see stripLayout). */
interface StripLayout {
  /** Row of each marker's circle (dense: counted from the first circle row). */
  readonly rows: number[];
  readonly count: number;
  readonly left: boolean[];
  /** Dense: circles only on the lines, and a key ("→ 续见第 5 页　12 → 45 …") in rows of its own. */
  readonly dense: boolean;
  readonly circleRows: number;
  readonly keyRows: number;
}

/** Circles alone, packed in as few rows as lines allow (lines 10 units apart: two rows). */
function circleRows(xs: readonly number[]): { rows: number[]; count: number } {
  const ends: number[] = [];
  const rows = xs.map((x) => {
    let r = ends.findIndex((e) => e + 2 <= x - MARK_R);
    if (r < 0) r = ends.push(0) - 1;
    ends[r] = x + MARK_R;
    return r;
  });
  return { rows, count: ends.length };
}

const keyEntry = (n: number, leaving: boolean, step: number) => `${n} ${leaving ? '→' : '←'} ${step}`;
const KEY_GAP = 14;

/** Key entries laid out in rows across [x0, x1]: the page legend first, then one entry per marker. */
function keyRows(texts: readonly string[], x0: number, x1: number): Array<{ x: number; row: number }> {
  let x = x0 + 6;
  let row = 0;
  return texts.map((t) => {
    const w = textWidth(t);
    if (x > x0 + 6 && x + w > x1 - 6) {
      row++;
      x = x0 + 6;
    }
    const at = { x, row };
    x += w + KEY_GAP;
    return at;
  });
}

/**
 * Lay out a row strip. Each marker says where its line goes ("续见第 5 页 → 45"). Where many
 * lines cross a cut side by side (loops along a lane), full texts stack in many rows; then the
 * lines get numbered circles only and the strip a key in rows of its own, naming the page once
 * and each number's step. Packed with the widest numbers so the planner and the drawing agree.
 */
function stripLayout(xs: readonly number[], leaving: readonly boolean[], steps: readonly number[], w: Words, x0: number, x1: number): StripLayout {
  const full = stripRows(xs, xs.map((_, i) => textWidth(leaving[i] ? w.continued(999, steps[i]!) : w.from(999, steps[i]!))), x0, x1);
  const plain = { ...full, dense: false, circleRows: full.count, keyRows: 0 };
  if (full.count <= 2) return plain;
  const circles = circleRows(xs);
  const key = keyRows([w.legend(999, leaving.includes(true), leaving.includes(false)), ...xs.map((_, i) => keyEntry(999, leaving[i]!, steps[i]!))], x0, x1);
  const keyCount = key[key.length - 1]!.row + 1;
  if (circles.count + keyCount >= full.count) return plain;
  return { rows: circles.rows, count: circles.count + keyCount, left: xs.map(() => false), dense: true, circleRows: circles.count, keyRows: keyCount };
}

function stripHeight(n: number): number {
  return n === 0 ? 0 : n * STRIP_ROW + 2 * STRIP_PAD;
}

/** Free y intervals for a row cut: inside the channels between rows, clear of boxes, labels, arrowheads and lines. */
export function cutIntervals(layout: SwimlaneLayout): Array<[number, number]> {
  const forbidden: Array<[number, number]> = [];
  const byKey = new Map(layout.nodes.map((n) => [n.key, n] as const));
  for (const n of layout.nodes) forbidden.push([n.cy - n.height / 2 - 12, n.cy + n.height / 2 + 3]);
  for (const e of layout.edges) {
    if (e.label) {
      const b = e.label.box;
      forbidden.push([b.y - 3, b.y + b.height + 3]);
      const src = byKey.get(e.from);
      // a decision and its branch labels stay on one page
      if (src) forbidden.push([Math.min(src.cy - src.height / 2, b.y) - 3, Math.max(src.cy + src.height / 2, b.y + b.height) + 3]);
    }
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      if (a.y === b.y) forbidden.push([a.y - 3, a.y + 3]);
    }
    // arrowheads stay whole
    const tip = e.points[e.points.length - 1]!;
    forbidden.push([tip.y - 12, tip.y + 12]);
  }
  const channels: Array<[number, number]> = [];
  for (let i = 0; i + 1 < layout.rows.length; i++) channels.push([layout.rows[i]!.y + layout.rows[i]!.height, layout.rows[i + 1]!.y]);
  forbidden.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [c0, c1] of channels) {
    let cursor = c0;
    for (const [a, b] of forbidden) {
      if (b <= cursor) continue;
      if (a >= c1) break;
      if (a > cursor + 1) out.push([cursor, a]);
      cursor = Math.max(cursor, b);
    }
    if (cursor + 1 < c1) out.push([cursor, c1]);
  }
  return out.filter(([a, b]) => b - a >= 1);
}

/** A cut at or above `limit` (and below `after`) between text lines of the boxes it crosses. */
function forcedCut(layout: SwimlaneLayout, limit: number, after: number): number | undefined {
  let y = limit;
  for (const n of layout.nodes) {
    const top = n.cy - n.height / 2;
    if (top >= y || n.cy + n.height / 2 <= y) continue;
    const first = n.cy - ((n.lines.length - 1) * 18) / 2 + 4.5; // baselines as in svg.ts
    const lastLine = first + (n.lines.length - 1) * 18;
    if (y <= first - 14 || y >= lastLine + 5) continue; // above or below its text
    const k = Math.floor((y - first - 5) / 18);
    y = Math.min(y, k >= 0 ? first + k * 18 + 5 : first - 14);
  }
  return y > after + 20 ? y : undefined;
}

/** Lane groups that fit `maxWidth` drawing units (side strips included). */
function laneGroups(layout: SwimlaneLayout, maxWidth: number, SIDE_STRIP: number): LaneGroup[] {
  const groups: LaneGroup[] = [];
  const lanes = layout.lanes;
  let i = 0;
  while (i < lanes.length) {
    const left = i > 0 ? SIDE_STRIP : 0;
    let j = i;
    // take lanes while they fit with a right strip (unless they are the last)
    while (j + 1 < lanes.length) {
      const x1 = lanes[j + 1]!.x + lanes[j + 1]!.width;
      const right = j + 1 < lanes.length - 1 ? SIDE_STRIP : 0;
      if (left + (x1 - lanes[i]!.x) + right > maxWidth) break;
      j++;
    }
    const right = j < lanes.length - 1 ? SIDE_STRIP : 0;
    groups.push({ first: i, last: j, x0: lanes[i]!.x, x1: lanes[j]!.x + lanes[j]!.width, left, right });
    i = j + 1;
  }
  return groups;
}

/**
 * Row cuts chosen together: the fewest bands, then the fullest smallest band (all but the last).
 * A greedy "cut as low as you can" fills the first bands and leaves whatever falls out for the
 * others; cut points come only where a channel between rows is free, a row or more apart, so a
 * band can end a whole row short. Dynamic programming over the candidate cuts (every few units
 * of each free interval) finds the cuts that fill every band best. `undefined` when no sequence
 * of free cuts fits (a box taller than the page): the greedy planner then cuts through it.
 */
/** Step numbers by node key. */
const stepNumbers = (layout: SwimlaneLayout) => new Map(layout.nodes.map((n) => [n.key, n.step.number] as const));

/**
 * Height of the connector strip at a row cut: the tallest of the lane groups' pages (each page
 * shows its own group's connectors, packed across its own width). `upper`: the strip under the
 * band above the cut.
 */
function stripHeightAt(layout: SwimlaneLayout, y: number, upper: boolean, w: Words, groups: readonly LaneGroup[], stepNo: ReadonlyMap<string, number>): number {
  const all = crossingsAtY(layout, y);
  let rows = 0;
  for (const g of groups) {
    const cs = all.filter((c) => c.at >= g.x0 && c.at < g.x1);
    if (cs.length === 0) continue;
    const leaving = cs.map((c) => upper === c.forward);
    const steps = cs.map((c, i) => stepNo.get(leaving[i] ? c.edge.to : c.edge.from) ?? 0);
    rows = Math.max(rows, stripLayout(cs.map((c) => c.at - g.x0), leaving, steps, w, 0, g.x1 - g.x0).count);
  }
  return stripHeight(rows);
}

interface CutCandidate {
  readonly y: number;
  /** Strip heights above the next band's body and below this band's, were the cut here. */
  readonly top: number;
  readonly bottom: number;
}

/** Candidate cuts: the start, then every free interval sampled every 6 units (its lowest point included). */
function cutCandidates(layout: SwimlaneLayout, intervals: Array<[number, number]>, w: Words, groups: readonly LaneGroup[]): CutCandidate[] {
  const hh = layout.headerHeight;
  const stepNo = stepNumbers(layout);
  const stripFor = (y: number, upper: boolean) => stripHeightAt(layout, y, upper, w, groups, stepNo);
  const ys: number[] = [];
  for (const [a, b] of intervals) {
    if (b - 1 <= hh) continue;
    for (let y = b - 1; y >= Math.max(a, hh + 1); y -= 6) ys.push(y);
  }
  ys.sort((a, b) => a - b);
  return [{ y: hh, top: 0, bottom: 0 }, ...ys.map((y) => ({ y, top: stripFor(y, false), bottom: stripFor(y, true) }))];
}

function balancedBands(layout: SwimlaneLayout, cands: readonly CutCandidate[], room: number, minBand = 0): Band[] | undefined {
  const hh = layout.headerHeight;
  const bottom = layout.height;
  const n = cands.length;
  // best[i]: fewest bands ending with a cut at cands[i], then the largest smallest band height
  const count = new Array<number>(n).fill(Infinity);
  const least = new Array<number>(n).fill(-Infinity);
  const prev = new Array<number>(n).fill(-1);
  count[0] = 0;
  least[0] = Infinity;
  for (let i = 1; i < n; i++) {
    const c = cands[i]!;
    for (let j = i - 1; j >= 0; j--) {
      const from = cands[j]!;
      const h = hh + from.top + (c.y - from.y) + c.bottom;
      if (hh + (c.y - from.y) > room) break; // farther starts only grow
      if (h > room || h < minBand || count[j] === Infinity) continue;
      const k = count[j]! + 1;
      const m = Math.min(least[j]!, h);
      if (k < count[i]! || (k === count[i]! && m > least[i]!)) {
        count[i] = k;
        least[i] = m;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let j = 0; j < n; j++) {
    const from = cands[j]!;
    if (count[j] === Infinity || hh + from.top + (bottom - from.y) > room) continue;
    if (end < 0 || count[j]! < count[end]! || (count[j] === count[end] && least[j]! > least[end]!)) end = j;
  }
  if (end < 0) return undefined;
  const cuts: number[] = [];
  for (let i = end; i > 0; i = prev[i]!) cuts.unshift(i);
  const bands: Band[] = [];
  let from = cands[0]!;
  for (const i of cuts) {
    const c = cands[i]!;
    bands.push({ y0: from.y, y1: c.y, top: from.top, bottom: c.bottom });
    from = c;
  }
  bands.push({ y0: from.y, y1: bottom, top: from.top, bottom: 0 });
  return bands;
}

/** Row cuts for bands of at most `room(i)` drawing units each (header and strips included). */
function rowBands(layout: SwimlaneLayout, intervals: Array<[number, number]>, room: (i: number) => number, w: Words, groups: readonly LaneGroup[]): Band[] | undefined {
  const hh = layout.headerHeight;
  const bottom = layout.height;
  const bands: Band[] = [];
  let s = hh;
  let top = 0;
  const stepNo = stepNumbers(layout);
  const stripFor = (y: number, upper: boolean) => stripHeightAt(layout, y, upper, w, groups, stepNo);
  for (let guard = 0; guard < 10_000; guard++) {
    const r = room(bands.length);
    if (hh + top + (bottom - s) <= r) {
      bands.push({ y0: s, y1: bottom, top, bottom: 0 });
      return bands;
    }
    let cut: number | undefined;
    let bottomStrip = 0;
    let limit = s + r - hh - top;
    for (let tries = 0; tries < 6 && cut === undefined; tries++) {
      const cand = intervals.filter(([a]) => a > s + 1 && a <= limit).pop();
      if (!cand) break;
      const y = Math.min(cand[1] - 1, limit);
      const strip = stripFor(y, true);
      if (hh + top + (y - s) + strip <= r) {
        cut = y;
        bottomStrip = strip;
      } else limit = y - (hh + top + (y - s) + strip - r) - 0.5;
    }
    if (cut === undefined) {
      // No row boundary in reach: a box taller than a page (pathological text). Cut through it,
      // between two of its text lines, rather than shrink the whole chart below 7 pt.
      let lim = s + r - hh - top - 2;
      for (let t = 0; t < 8 && cut === undefined; t++) {
        const y = forcedCut(layout, lim, s);
        if (y === undefined) return undefined;
        const strip = stripFor(y, true);
        if (hh + top + (y - s) + strip <= r) {
          cut = y;
          bottomStrip = strip;
        } else lim = y - (hh + top + (y - s) + strip - r) - 1;
      }
      if (cut === undefined) return undefined;
    }
    bands.push({ y0: s, y1: cut, top, bottom: bottomStrip });
    top = stripFor(cut, false);
    s = cut;
  }
  return undefined;
}

/**
 * Plan a native chart on paper. `headerPx`: what stands above the chart on the document's first
 * page (title and header block), used to decide whether a whole chart fits under it.
 */
export function planChart(layout: SwimlaneLayout, o: PlanOptions): ChartPlan {
  const paper = o.paper ?? 'A4';
  const whole = planWhole(layout.width, layout.height, o);
  if (whole.scale >= MIN_SCALE - 1e-9) return whole;
  const w = chartWords(o.language ?? 'zh-CN');
  const intervals = cutIntervals(layout);
  const candsFor = new Map<string, CutCandidate[]>();
  type Option = { plan: ChartPlan; pages: number; minFill: number };
  const options: Option[] = [];
  for (const orientation of ['portrait', 'landscape'] as const) {
    const box = contentBox(paper, orientation);
    const fitW = Math.min(MAX_SPLIT_SCALE, box.width / layout.width);
    const all: LaneGroup[] = [{ first: 0, last: layout.lanes.length - 1, x0: 0, x1: layout.width, left: 0, right: 0 }];
    const sideStrip = Math.ceil(Math.max(textWidth(w.continued(999, 999)), textWidth(w.from(999, 999))) + 2 * MARK_R + 16);
    // Scales to try: narrow charts from the width-fitted scale down; wide ones from the smallest
    // legible scale up (lane groups for each), until every band but the last fills the page.
    const trials: Array<{ scale: number; groups: LaneGroup[] }> = [];
    for (let k = 0; k < 8; k++) {
      if (fitW >= MIN_SCALE) {
        const scale = fitW * (1 - 0.03 * k);
        if (scale < MIN_SCALE - 1e-9 && k > 0) break;
        trials.push({ scale, groups: all });
      } else {
        const groups = laneGroups(layout, box.width / (MIN_SCALE * (1 + 0.03 * k)), sideStrip);
        const fit = Math.min(MAX_SPLIT_SCALE, ...groups.map((g) => box.width / (g.left + g.x1 - g.x0 + g.right)));
        if (k > 0 && (fit < MIN_SCALE - 1e-9 || trials.some((t) => Math.abs(t.scale - fit) < 1e-6))) continue;
        // the same groups a little smaller too: another scale puts the cuts elsewhere
        for (let scale = fit; scale >= MIN_SCALE - 1e-9 && scale > fit * 0.9; scale -= 0.01) trials.push({ scale, groups });
        if (fit < MIN_SCALE) trials.push({ scale: fit, groups });
      }
    }
    for (const { scale, groups } of trials) {
      const room = () => (box.height - CAPTION_PX - SLACK_PX) / scale;
      const groupsKey = groups.map((g) => g.first).join(',');
      if (!candsFor.has(groupsKey)) candsFor.set(groupsKey, cutCandidates(layout, intervals, w, groups));
      const cands = candsFor.get(groupsKey)!;
      const fewest = balancedBands(layout, cands, room()) ?? rowBands(layout, intervals, room, w, groups);
      if (!fewest) continue;
      const option = (bands: Band[]): Option => {
        const bandPx = bands.map((b) => (layout.headerHeight + b.top + (b.y1 - b.y0) + b.bottom) * scale);
        const fills = bands.flatMap((_, i) => groups.map(() => bandPx[i]! / box.height));
        const minFill = bands.length > 1 ? Math.min(...bandPx.slice(0, -1).map((h) => h / box.height)) : 1;
        return { plan: { paper, orientation, scale, placement: 'own', bands, groups, fills, minTextPt: SMALLEST_TEXT_PX * 0.75 * scale }, pages: bands.length * groups.length, minFill };
      };
      const first = option(fewest);
      options.push(first);
      if (first.minFill >= MIN_FILL) break;
      // the fewest bands leave one short: also the fewest bands that all fill the page
      const full = balancedBands(layout, cands, room(), (MIN_FILL * box.height) / scale);
      if (full) options.push(option(full));
    }
  }
  if (options.length === 0) return whole;
  // Legible first (>= 7 pt); then the fewest pages, except that bands filling the page are worth
  // a few more pages (at most a fifth more); then larger print.
  const legible = (o: Option) => Number(o.plan.scale >= MIN_SCALE - 1e-9);
  options.sort((a, b) => legible(b) - legible(a) || a.pages - b.pages || b.plan.scale - a.plan.scale);
  const fewest = options[0]!;
  const full = options.filter((o) => legible(o) >= legible(fewest) && o.minFill >= MIN_FILL && o.pages <= Math.ceil(fewest.pages * 1.2));
  return (full[0] ?? fewest).plan;
}

/* --------------------------------------------------------------- drawing */

export interface ChartPage {
  /** One `<svg>` sized for paper. */
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Caption HTML (escaped), empty for a chart printed whole. */
  readonly caption: string;
  /** Page map HTML on the first page of a chart cut into lane groups. */
  readonly map: string;
}

/** The figure's inner markup, without ids or its accessible name (the whole chart carries those). */
function figureBody(svg: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return '';
  return svg
    .slice(open.index + open[0].length)
    .replace(/<\/svg>\s*$/, '')
    .replace(/^\s*<title\b[\s\S]*?<\/title>/, '')
    .replace(/^\s*<desc\b[\s\S]*?<\/desc>/, '')
    .replace(/\s(?:id|aria-labelledby|aria-describedby)="[^"]*"/g, '');
}

const INK = '#1f2937';

/** A chart printed whole: the SVG as it is, sized to the plan's scale. */
function wholePage(svg: string, layout: SwimlaneLayout | undefined, scale: number): ChartPage {
  const vb = /\sviewBox="[^"]*\s([\d.]+)\s([\d.]+)"/.exec(svg);
  const w = vb ? Number(vb[1]) : (layout?.width ?? 0);
  const h = vb ? Number(vb[2]) : (layout?.height ?? 0);
  const sized = svg.replace(/^<svg\b/, `<svg style="width:${num(w * scale)}px;height:${num(h * scale)}px"`);
  return { svg: sized, width: w * scale, height: h * scale, caption: '', map: '' };
}

/** A numbered connector circle, with its stub line and its text ("continued on page 4, step 7"). */
function connectorMark(x: number, y: number, n: number, text: string, toLeft: boolean, stub: [number, number, number, number] | undefined): string {
  return (
    (stub ? `<line x1="${num(stub[0])}" y1="${num(stub[1])}" x2="${num(stub[2])}" y2="${num(stub[3])}" stroke="#374151" stroke-width="1.25"/>` : '') +
    `<circle cx="${num(x)}" cy="${num(y)}" r="${MARK_R}" fill="#fff" stroke="${INK}" stroke-width="1.25"/>` +
    `<text x="${num(x)}" y="${num(y + 4)}" text-anchor="middle" font-size="11" font-weight="bold" fill="${INK}">${n}</text>` +
    (text ? `<text class="fb-connector-text" x="${num(toLeft ? x - MARK_R - 3 : x + MARK_R + 3)}" y="${num(y + 4)}" text-anchor="${toLeft ? 'end' : 'start'}" font-size="${MARK_FONT}" fill="${INK}">${escapeXml(text)}</text>` : '')
  );
}

/** What every part of one chart shares: the chart, its words, page numbers, and the connector numbers given so far. */
class PartDrawer {
  readonly words: ReturnType<typeof chartWords>;
  readonly inner: string;
  private readonly stepNo: Map<string, number>;
  private counter = 0;
  // Number each crossing once, so both sides show the same number.
  private readonly rowMarks = new Map<string, number>();
  private readonly colMarks = new Map<string, number>();

  constructor(
    readonly layout: SwimlaneLayout,
    readonly plan: ChartPlan,
    svg: string,
    private readonly o: { language: Language; firstPage: number; useRef?: string },
  ) {
    this.words = chartWords(o.language);
    this.inner = o.useRef !== undefined ? `<use href="#${escapeXml(o.useRef)}"/>` : figureBody(svg);
    this.stepNo = new Map(layout.nodes.map((n) => [n.key, n.step.number] as const));
  }

  pageOf(b: number, g: number): number {
    return this.o.firstPage + b * this.plan.groups.length + g;
  }

  step(key: string): number {
    return this.stepNo.get(key) ?? 0;
  }

  markNo(kind: 'row' | 'col', key: string): number {
    const m = kind === 'row' ? this.rowMarks : this.colMarks;
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = ++this.counter));
    return v;
  }
}

/** Where one part (band b, lane group g) sits on its page: the body's origin and the part's size, in chart px. */
interface PartFrame {
  readonly b: number;
  readonly g: number;
  readonly band: Band;
  readonly grp: LaneGroup;
  /** Body origin on the page. */
  readonly ox: number;
  readonly oy: number;
  readonly gw: number;
  readonly bodyH: number;
}

/** Connectors in the strip above (`upper` false) or below a row cut at `y`: a circle per line crossing it, and their key when dense. */
function stripMarks(d: PartDrawer, f: PartFrame, y: number, upper: boolean, stripTop: number): string[] {
  const { ox, gw, grp, band } = f;
  const words = d.words;
  const parts: string[] = [];
  const cs = crossingsAtY(d.layout, y).filter((c) => c.at >= grp.x0 && c.at < grp.x1);
  const other = upper ? d.pageOf(f.b + 1, f.g) : d.pageOf(f.b - 1, f.g);
  // leaving this page towards the other one, or arriving from it
  const leaving = cs.map((c) => upper === c.forward);
  const steps = cs.map((c, i) => (leaving[i] ? d.step(c.edge.to) : d.step(c.edge.from)));
  const xs = cs.map((c) => ox + c.at - grp.x0);
  const lay = stripLayout(xs, leaving, steps, words, ox, ox + gw);
  const rowY = (r: number) => stripTop + STRIP_PAD + r * STRIP_ROW + STRIP_ROW / 2;
  // Dense: circles next to the body's side of the strip (the lines' stubs cross nothing),
  // the key on the far side.
  const circleBase = lay.dense && !upper ? lay.keyRows : 0;
  const keyBase = lay.dense && upper ? lay.circleRows : 0;
  const numbers = cs.map((c) => d.markNo('row', `${c.edge.index}:${num(c.at)}:${num(y)}`));
  if (lay.dense) {
    const texts = [words.legend(other, leaving.includes(true), leaving.includes(false)), ...cs.map((_, i) => keyEntry(numbers[i]!, leaving[i]!, steps[i]!))];
    keyRows(texts, ox, ox + gw).forEach((at, k) =>
      parts.push(`<text class="${k === 0 ? 'fb-connector-legend' : 'fb-connector-key'}" x="${num(at.x)}" y="${num(rowY(keyBase + at.row) + 4)}" font-size="${MARK_FONT}"${k === 0 ? ' font-weight="bold"' : ''} fill="${INK}">${escapeXml(texts[k]!)}</text>`),
    );
  }
  cs.forEach((_, i) => {
    const cy = rowY(circleBase + lay.rows[i]!);
    const x = xs[i]!;
    const stub: [number, number, number, number] = upper ? [x, stripTop, x, cy - MARK_R] : [x, cy + MARK_R, x, stripTop + band.top];
    const text = lay.dense ? '' : leaving[i] ? words.continued(other, steps[i]!) : words.from(other, steps[i]!);
    parts.push(connectorMark(x, cy, numbers[i]!, text, lay.left[i]!, stub));
  });
  return parts;
}

/** Connectors in the side strip right (or left) of a lane cut at `x`: a circle per line crossing it within the band. */
function sideMarks(d: PartDrawer, f: PartFrame, x: number, right: boolean): string[] {
  const { ox, oy, gw, band } = f;
  const parts: string[] = [];
  let last = -Infinity;
  for (const c of crossingsAtX(d.layout, x, band.y0, band.y1)) {
    const other = right ? d.pageOf(f.b, f.g + 1) : d.pageOf(f.b, f.g - 1);
    const leaving = right === c.forward;
    const text = leaving ? d.words.continued(other, d.step(c.edge.to)) : d.words.from(other, d.step(c.edge.from));
    const n = d.markNo('col', `${c.edge.index}:${num(x)}:${num(c.at)}`);
    const y = Math.max(oy + c.at - band.y0, last + STRIP_ROW);
    last = y;
    const edgeX = right ? ox + gw : ox;
    const cx = right ? edgeX + MARK_R + 4 : edgeX - MARK_R - 4;
    const stubY = oy + c.at - band.y0;
    parts.push(
      `<polyline points="${num(edgeX)},${num(stubY)} ${num((edgeX + cx) / 2)},${num(stubY)} ${num((edgeX + cx) / 2)},${num(y)} ${num(cx)},${num(y)}" fill="none" stroke="#374151" stroke-width="1.25"/>` +
        connectorMark(cx, y, n, text, !right, undefined),
    );
  }
  return parts;
}

/** One part of a cut chart: its lane header and body, the frame, and the connectors at its cuts. */
function chartPart(d: PartDrawer, b: number, g: number): ChartPage {
  const { layout, plan, words, inner } = d;
  const hh = layout.headerHeight;
  const nb = plan.bands.length;
  const ng = plan.groups.length;
  const band = plan.bands[b]!;
  const grp = plan.groups[g]!;
  const f: PartFrame = { b, g, band, grp, ox: grp.left, oy: hh + band.top, gw: grp.x1 - grp.x0, bodyH: band.y1 - band.y0 };
  const { ox, oy, gw, bodyH } = f;
  const W = grp.left + gw + grp.right;
  const H = hh + band.top + bodyH + band.bottom;
  const parts: string[] = [];
  parts.push(`<svg x="${num(ox)}" y="0" width="${num(gw)}" height="${num(hh)}" viewBox="${num(grp.x0)} 0 ${num(gw)} ${num(hh)}">${inner}</svg>`);
  parts.push(`<svg x="${num(ox)}" y="${num(oy)}" width="${num(gw)}" height="${num(bodyH)}" viewBox="${num(grp.x0)} ${num(band.y0)} ${num(gw)} ${num(bodyH)}">${inner}</svg>`);
  // lane dividers through the top strip, the rule under the header, the frame
  if (band.top > 0)
    for (const lane of layout.lanes.slice(grp.first + 1, grp.last + 1))
      parts.push(`<line x1="${num(ox + lane.x - grp.x0)}" y1="${num(hh)}" x2="${num(ox + lane.x - grp.x0)}" y2="${num(oy)}" stroke="${INK}" stroke-width="1"/>`);
  parts.push(`<line x1="${num(ox)}" y1="${num(hh)}" x2="${num(ox + gw)}" y2="${num(hh)}" stroke="${INK}" stroke-width="1.5"/>`);
  parts.push(`<rect class="fb-part-frame" x="${num(ox + 0.75)}" y="0.75" width="${num(gw - 1.5)}" height="${num(H - 1.5)}" fill="none" stroke="${INK}" stroke-width="1.5"/>`);
  // row cuts: connectors in the top and bottom strips; lane cuts: in the side strips
  if (b > 0 && band.top > 0) parts.push(...stripMarks(d, f, band.y0, false, hh));
  if (b < nb - 1 && band.bottom > 0) parts.push(...stripMarks(d, f, band.y1, true, oy + bodyH));
  if (grp.right > 0) parts.push(...sideMarks(d, f, grp.x1, true));
  if (grp.left > 0) parts.push(...sideMarks(d, f, grp.x0, false));

  const s = plan.scale;
  const font = `font-family="${'Noto Sans CJK SC'},sans-serif"`;
  const tag =
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-swimlane fb-diagram-part" data-part="${b * ng + g + 1}" data-parts="${nb * ng}" aria-hidden="true"` +
    ` width="${num(W * s)}" height="${num(H * s)}" viewBox="0 0 ${num(W)} ${num(H)}" style="width:${num(W * s)}px;height:${num(H * s)}px" ${font} font-size="13">`;
  const laneText = ng > 1 ? ` · ${words.lanes(grp.first + 1, grp.last + 1)}` : '';
  return { svg: `${tag}${parts.join('')}</svg>`, width: W * s, height: H * s, caption: escapeXml(`${words.part(b * ng + g + 1, nb * ng)}${laneText}`), map: '' };
}

/** The table of which page holds which band of which lane group (a chart cut into lane groups). */
function pageMap(d: PartDrawer): string {
  const { plan, words } = d;
  const rows = plan.bands.map((_, b) => `<tr>${plan.groups.map((_, g) => `<td>${d.pageOf(b, g)}</td>`).join('')}</tr>`).join('');
  const head = `<tr>${plan.groups.map((grp) => `<th scope="col">${escapeXml(words.lanes(grp.first + 1, grp.last + 1))}</th>`).join('')}</tr>`;
  return `<table class="fb-page-map"><caption>${escapeXml(words.pageMap)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** Draw the planned pages. `firstPage`: the document page the chart's first page is printed on. */
export function chartPages(svg: string, layout: SwimlaneLayout | undefined, plan: ChartPlan, o: { language: Language; firstPage: number; useRef?: string }): ChartPage[] {
  if (!layout || (plan.bands.length === 1 && plan.groups.length === 1)) return [wholePage(svg, layout, plan.scale)];
  const d = new PartDrawer(layout, plan, svg, o);
  const out: ChartPage[] = [];
  for (let b = 0; b < plan.bands.length; b++) for (let g = 0; g < plan.groups.length; g++) out.push(chartPart(d, b, g));
  if (plan.groups.length > 1) out[0] = { ...out[0]!, map: pageMap(d) };
  return out;
}
