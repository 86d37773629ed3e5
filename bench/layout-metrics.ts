/**
 * Layout quality of a swimlane chart, read back from its SVG: pure functions, SVG text in, figures
 * out. Two dialects are read (see /work/shared/design/chart-notes.md):
 *
 * - native (src/diagram/native/svg.ts): `g.fb-node[data-step]` with a `.fb-shape` (rect or
 *   polygon) and a `text.fb-node-text` of tspans (one per line); `g.fb-edge` (and
 *   `g.fb-edge.fb-loop`) with data-from/data-to, an M/L `path` that stops at the arrowhead's base
 *   and a `path.fb-arrow` whose first point is the tip; `g.fb-edge-label` with a rect;
 *   `line.fb-lane-divider`.
 * - Mermaid swimlane-beta: `path.flowchart-link` whose id ends in `L_<from>_<to>_<n>`, drawn with
 *   M/L/Q (and A for the little hops over other lines); a `marker-end` arrow whose tip lies beyond
 *   the path's end; `g.node` placed by `transform="translate(x, y)"` holding a rect, a polygon or
 *   rough.js paths; `g.edgeLabel` holding a foreignObject; lanes `g.cluster.swimlane` with a
 *   `rect.swimlane-body`.
 *
 * Edges become polylines: curve and arc commands are replaced by their end points, except that a
 * Q (a rounded corner) contributes its control point, which is the corner of the orthogonal route;
 * points closer than 1 px are merged and collinear runs joined, so a straight run is one segment.
 *
 * The parser is a small tokenizer for the XML that these two writers produce (attributes in
 * quotes, entities, comments, CDATA, self-closing tags); it is not a general XML parser.
 */

// ---------------------------------------------------------------------------------------------
// Thresholds (px), as in issue #13 and chart-notes.md.

/** Parallel segments of different edges closer than this ... */
export const HUG_DISTANCE = 10;
/** ... over more than this length count as a hugging pair. */
export const HUG_OVERLAP = 10;
/** An arrow tip this close to another edge's segment reads as that edge's arrow. */
export const TIP_DISTANCE = 8;
/** A vertical segment this close to a lane divider ... */
export const DIVIDER_DISTANCE = 12;
/** ... and longer than this hugs the divider. */
export const DIVIDER_OVERLAP = 10;
/** A segment must run this far inside a box to count as crossing it (grazing is not crossing). */
export const BOX_DEPTH = 1;
/** Node centres this close in y are on one row. */
export const ROW_TOLERANCE = 2;

// ---------------------------------------------------------------------------------------------
// Geometry types

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Segment {
  readonly a: Point;
  readonly b: Point;
}

export interface ChartNode {
  readonly key: string;
  /** Convex outline (rect corners or the polygon), in chart coordinates. */
  readonly outline: readonly Point[];
  readonly cx: number;
  readonly cy: number;
  /** Text lines as drawn, when the SVG says where lines break (native tspans). */
  readonly lines?: readonly string[];
  /** Label text with the width of its box and font size, when the browser does the wrapping (Mermaid). */
  readonly wrapped?: { readonly text: string; readonly width: number; readonly fontSize: number };
}

export interface ChartEdge {
  readonly from: string;
  readonly to: string;
  /** Polyline from the source's boundary to the arrow tip (last point). */
  readonly points: readonly Point[];
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What both readers make of an SVG: the geometry the metrics work on. */
export interface ChartGeometry {
  readonly nodes: readonly ChartNode[];
  readonly edges: readonly ChartEdge[];
  readonly labels: readonly Rect[];
  /** x of each lane divider (between two lanes). */
  readonly dividers: readonly number[];
  readonly height: number;
}

export interface LayoutMetrics {
  readonly steps: number;
  readonly edges: number;
  /** Proper intersections between segments of different edges. */
  readonly crossings: number;
  /** Pairs of parallel segments of different edges closer than 10 px over more than 10 px (not counting a trunk two edges of one node share). */
  readonly hugging: number;
  /** Arrow tips within 8 px of a segment of an edge that does not end at the same node. */
  readonly tipsNearEdges: number;
  /** Vertical segments within 12 px of a lane divider over more than 10 px. */
  readonly dividerHugging: number;
  /** Segments running through a box that is not their edge's source or target. */
  readonly throughBoxes: number;
  /** Label rects overlapping a box, plus pairs of label rects overlapping each other. */
  readonly labelOverlaps: number;
  /** Boxes whose last line is one CJK character (with at most punctuation after it). */
  readonly loneChars: number;
  /** Distinct node rows (centres within 2 px are one row). */
  readonly rows: number;
  readonly height: number;
}

// ---------------------------------------------------------------------------------------------
// A small XML reader

export interface SvgElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: SvgElement[];
  /** Text directly inside (entities decoded). */
  text: string;
  /** Transform from this element's user space to the root's (own transform included). */
  readonly ctm: Matrix;
  readonly parent: SvgElement | undefined;
}

/** Affine matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, p: Point): Point {
  return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] };
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;
const numbers = (s: string): number[] => (s.match(NUMBER) ?? []).map(Number);

/** An SVG `transform` attribute as one matrix. */
export function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  if (!value) return m;
  for (const [, fn, args] of value.matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const v = numbers(args!);
    let t: Matrix = IDENTITY;
    if (fn === 'matrix' && v.length === 6) t = v as unknown as Matrix;
    else if (fn === 'translate') t = [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0];
    else if (fn === 'scale') t = [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0];
    else if (fn === 'rotate') {
      const r = ((v[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [v[1] ?? 0, v[2] ?? 0];
      t = multiply(multiply([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [1, 0, 0, 1, -cx, -cy]);
    } else if (fn === 'skewX') t = [1, 0, Math.tan(((v[0] ?? 0) * Math.PI) / 180), 1, 0, 0];
    else if (fn === 'skewY') t = [1, Math.tan(((v[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0];
    m = multiply(m, t);
  }
  return m;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[e] ?? whole;
  });
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/** The SVG's root element (the first element), with every element's cumulative transform. */
export function parseSvg(svg: string): SvgElement {
  const top: SvgElement = { name: '#document', attrs: {}, children: [], text: '', ctm: IDENTITY, parent: undefined };
  let current = top;
  let last = 0;
  for (const m of svg.matchAll(TOKEN)) {
    if (m.index > last) current.text += decode(svg.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) current.text += m[1];
    else if (m[2] !== undefined) {
      // Close up to the matching element (tolerates a stray unclosed element in between).
      let e: SvgElement | undefined = current;
      while (e && e.name !== m[2]) e = e.parent;
      if (e?.parent) current = e.parent;
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of m[4]!.matchAll(ATTR)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const el: SvgElement = { name: m[3], attrs, children: [], text: '', ctm: multiply(current.ctm, parseTransform(attrs.transform)), parent: current };
      current.children.push(el);
      if (m[5] !== '/') current = el;
    }
  }
  const root = top.children[0];
  if (!root) throw new Error('no element in the SVG');
  return root;
}

export function* descendants(el: SvgElement): Generator<SvgElement> {
  for (const c of el.children) {
    yield c;
    yield* descendants(c);
  }
}

export function hasClass(el: SvgElement, name: string): boolean {
  const c = el.attrs.class;
  return c !== undefined && ` ${c} `.replace(/\s+/g, ' ').includes(` ${name} `);
}

function find(el: SvgElement, test: (e: SvgElement) => boolean): SvgElement | undefined {
  for (const d of descendants(el)) if (test(d)) return d;
  return undefined;
}

function textOf(el: SvgElement): string {
  let s = el.text;
  for (const c of el.children) s += textOf(c);
  return s;
}

const attrNum = (el: SvgElement, name: string, fallback = 0): number => {
  const v = el.attrs[name];
  const n = v === undefined ? NaN : parseFloat(v);
  return Number.isFinite(n) ? n : fallback;
};

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * Points of an SVG path: the end point of every command, plus the control point of a Q (the
 * corner it rounds). Relative commands, H/V, implicit repeats and Z are handled.
 */
export function pathPoints(d: string): Point[] {
  const out: Point[] = [];
  const tokens = d.match(/[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  const num = () => Number(tokens[i++]);
  const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    else if (cmd === '') {
      i++;
      continue;
    }
    const lower = cmd.toLowerCase();
    const rel = cmd !== cmd.toUpperCase();
    if (lower === 'z') {
      x = sx;
      y = sy;
      out.push({ x, y });
      cmd = '';
      continue;
    }
    if (i + ARGS[lower]! > tokens.length || tokens.slice(i, i + ARGS[lower]!).some((t) => /[a-zA-Z]/.test(t))) break;
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    if (lower === 'h') x = ox + num();
    else if (lower === 'v') y = oy + num();
    else if (lower === 'm' || lower === 'l' || lower === 't') {
      x = ox + num();
      y = oy + num();
    } else if (lower === 'q') {
      const c = { x: ox + num(), y: oy + num() };
      out.push(c);
      x = ox + num();
      y = oy + num();
    } else if (lower === 'c') {
      i += 4;
      x = ox + num();
      y = oy + num();
    } else if (lower === 's') {
      i += 2;
      x = ox + num();
      y = oy + num();
    } else if (lower === 'a') {
      i += 5;
      x = ox + num();
      y = oy + num();
    }
    if (lower === 'm') {
      sx = x;
      sy = y;
      cmd = rel ? 'l' : 'L'; // further pairs after M are line-tos
    }
    out.push({ x, y });
  }
  return out;
}

/** Drop points within 1 px of the previous one and join collinear runs. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.hypot(p.x - last.x, p.y - last.y) < 1) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2]!;
      const b = last!;
      // b lies on a straight run a -> p (within 0.5 px), going the same way: drop b.
      const len = Math.hypot(p.x - a.x, p.y - a.y);
      const dot = (b.x - a.x) * (p.x - b.x) + (b.y - a.y) * (p.y - b.y);
      if (len > 0 && dot > 0 && Math.abs(cross(a, b, p)) / len < 0.5) out.pop();
    }
    out.push(p);
  }
  return out;
}

/** A polyline extended past its last point by `by` px, along its last segment (an arrowhead beyond the path). */
function extend(points: Point[], by: number): Point[] {
  if (by <= 0 || points.length < 2) return points;
  const b = points[points.length - 1]!;
  const a = points[points.length - 2]!;
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len === 0) return points;
  return [...points.slice(0, -1), { x: b.x + ((b.x - a.x) / len) * by, y: b.y + ((b.y - a.y) / len) * by }];
}

// ---------------------------------------------------------------------------------------------
// Readers

export type SvgDialect = 'native' | 'mermaid';

export function detectDialect(svg: string): SvgDialect {
  return /class="[^"]*\bfb-swimlane\b/.test(svg) ? 'native' : 'mermaid';
}

/** Chart height: the viewBox's, else the height attribute. */
function chartHeight(root: SvgElement): number {
  const vb = numbers(root.attrs.viewBox ?? '');
  return vb.length === 4 ? vb[3]! : attrNum(root, 'height');
}

function rectOutline(el: SvgElement): Point[] {
  const x = attrNum(el, 'x');
  const y = attrNum(el, 'y');
  const w = attrNum(el, 'width');
  const h = attrNum(el, 'height');
  return [
    { x, y },
    { x: x + w, y },
    { x: x + w, y: y + h },
    { x, y: y + h },
  ].map((p) => apply(el.ctm, p));
}

function polygonOutline(el: SvgElement): Point[] {
  const v = numbers(el.attrs.points ?? '');
  const pts: Point[] = [];
  for (let i = 0; i + 1 < v.length; i += 2) pts.push(apply(el.ctm, { x: v[i]!, y: v[i + 1]! }));
  return convexHull(pts);
}

function boundsOutline(pts: readonly Point[]): Point[] {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
}

function centre(outline: readonly Point[]): Point {
  const xs = outline.map((p) => p.x);
  const ys = outline.map((p) => p.y);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

function shapeOutline(el: SvgElement): Point[] | undefined {
  if (el.name === 'rect') return rectOutline(el);
  if (el.name === 'polygon') return polygonOutline(el);
  if (el.name === 'path') {
    const pts = pathPoints(el.attrs.d ?? '').map((p) => apply(el.ctm, p));
    return pts.length > 0 ? boundsOutline(pts) : undefined;
  }
  if (el.name === 'circle' || el.name === 'ellipse') {
    const cx = attrNum(el, 'cx');
    const cy = attrNum(el, 'cy');
    const rx = el.name === 'circle' ? attrNum(el, 'r') : attrNum(el, 'rx');
    const ry = el.name === 'circle' ? rx : attrNum(el, 'ry');
    return boundsOutline([apply(el.ctm, { x: cx - rx, y: cy - ry }), apply(el.ctm, { x: cx + rx, y: cy + ry })]);
  }
  return undefined;
}

/** Geometry of a native SVG (src/diagram/native/svg.ts). */
export function readNativeSvg(svg: string): ChartGeometry {
  const root = parseSvg(svg);
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const labels: Rect[] = [];
  const dividers: number[] = [];
  for (const el of descendants(root)) {
    if (el.name === 'g' && hasClass(el, 'fb-node') && el.attrs['data-step'] !== undefined) {
      const shape = find(el, (e) => hasClass(e, 'fb-shape'));
      const outline = shape ? shapeOutline(shape) : undefined;
      if (!outline) continue;
      const text = find(el, (e) => e.name === 'text' && hasClass(e, 'fb-node-text'));
      const lines = text ? text.children.filter((c) => c.name === 'tspan').map(textOf) : [];
      const c = centre(outline);
      nodes.push({ key: el.attrs['data-step'], outline, cx: c.x, cy: c.y, lines });
    } else if (el.name === 'g' && hasClass(el, 'fb-edge') && el.attrs['data-from'] !== undefined) {
      const line = el.children.find((c) => c.name === 'path' && !hasClass(c, 'fb-arrow'));
      if (!line) continue;
      let points = simplify(pathPoints(line.attrs.d ?? '').map((p) => apply(line.ctm, p)));
      const arrow = el.children.find((c) => c.name === 'path' && hasClass(c, 'fb-arrow'));
      const tip = arrow ? pathPoints(arrow.attrs.d ?? '')[0] : undefined;
      // The line stops at the arrowhead's base: carry it on to the tip.
      if (tip) points = simplify([...points, apply(arrow!.ctm, tip)]);
      edges.push({ from: el.attrs['data-from'], to: el.attrs['data-to'] ?? '', points });
    } else if (el.name === 'g' && hasClass(el, 'fb-edge-label')) {
      const r = el.children.find((c) => c.name === 'rect');
      if (r) labels.push(outlineRect(rectOutline(r)));
    } else if (el.name === 'line' && hasClass(el, 'fb-lane-divider')) {
      dividers.push(apply(el.ctm, { x: attrNum(el, 'x1'), y: attrNum(el, 'y1') }).x);
    }
  }
  return { nodes, edges, labels, dividers, height: chartHeight(root) };
}

function outlineRect(o: readonly Point[]): Rect {
  const xs = o.map((p) => p.x);
  const ys = o.map((p) => p.y);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** How far beyond a path's end a marker's tip lies: (viewBox width - refX) scaled to markerWidth. */
function markerReach(marker: SvgElement | undefined): number {
  if (!marker) return 0;
  const vb = numbers(marker.attrs.viewBox ?? '');
  const vbWidth = vb.length === 4 ? vb[2]! : attrNum(marker, 'markerWidth', 3);
  const width = attrNum(marker, 'markerWidth', 3);
  const refX = attrNum(marker, 'refX');
  return vbWidth > 0 ? ((vbWidth - refX) * width) / vbWidth : 0;
}

/** Geometry of a Mermaid swimlane-beta SVG. */
export function readMermaidSvg(svg: string): ChartGeometry {
  const root = parseSvg(svg);
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const labels: Rect[] = [];
  const lanes: Array<{ x0: number; x1: number }> = [];
  const markers = new Map<string, SvgElement>();
  const all = [...descendants(root)];
  for (const el of all) if (el.name === 'marker' && el.attrs.id) markers.set(el.attrs.id, el);
  const fontSize = Number(/font-size:\s*([\d.]+)px/.exec(all.find((e) => e.name === 'style')?.text ?? '')?.[1] ?? 16);
  for (const el of all) {
    if (el.name === 'g' && hasClass(el, 'node')) {
      const key = /flowchart-(.+)-\d+$/.exec(el.attrs.id ?? '')?.[1];
      if (key === undefined) continue;
      const shape = find(el, (e) => (e.name === 'rect' || e.name === 'polygon' || e.name === 'path' || e.name === 'circle' || e.name === 'ellipse') && !insideLabel(e, el));
      const outline = shape ? shapeOutline(shape) : undefined;
      if (!outline) continue;
      const c = centre(outline);
      const fo = find(el, (e) => e.name === 'foreignObject');
      const textEl = find(el, (e) => e.name === 'text');
      const node: ChartNode = fo
        ? { key, outline, cx: c.x, cy: c.y, wrapped: { text: textOf(fo).trim(), width: attrNum(fo, 'width'), fontSize } }
        : { key, outline, cx: c.x, cy: c.y, lines: textEl ? textEl.children.filter((t) => t.name === 'tspan').map(textOf) : [] };
      nodes.push(node);
    } else if (el.name === 'path' && hasClass(el, 'flowchart-link')) {
      const m = /L_([^_]+)_([^_]+)_\d+$/.exec(el.attrs.id ?? el.attrs['data-id'] ?? '');
      if (!m) continue;
      const ref = /url\(#([^)]+)\)/.exec(el.attrs['marker-end'] ?? '')?.[1];
      const points = extend(simplify(pathPoints(el.attrs.d ?? '').map((p) => apply(el.ctm, p))), markerReach(ref ? markers.get(ref) : undefined));
      edges.push({ from: m[1]!, to: m[2]!, points });
    } else if (el.name === 'g' && hasClass(el, 'edgeLabel')) {
      const fo = find(el, (e) => e.name === 'foreignObject');
      if (!fo || attrNum(fo, 'width') <= 0 || attrNum(fo, 'height') <= 0) continue;
      labels.push(outlineRect(rectOutline(fo)));
    } else if (el.name === 'g' && hasClass(el, 'cluster') && hasClass(el, 'swimlane')) {
      const body = find(el, (e) => e.name === 'rect' && hasClass(e, 'swimlane-body'));
      if (body) {
        const r = outlineRect(rectOutline(body));
        lanes.push({ x0: r.x, x1: r.x + r.width });
      }
    }
  }
  lanes.sort((a, b) => a.x0 - b.x0);
  const dividers = lanes.slice(1).map((l, i) => (lanes[i]!.x1 + l.x0) / 2);
  return { nodes, edges, labels, dividers, height: chartHeight(root) };
}

function insideLabel(e: SvgElement, stop: SvgElement): boolean {
  for (let p: SvgElement | undefined = e; p && p !== stop; p = p.parent) if (hasClass(p, 'label') || p.name === 'foreignObject') return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Metrics

const cross = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);

export function segmentsOf(points: readonly Point[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < points.length; i++) out.push({ a: points[i - 1]!, b: points[i]! });
  return out;
}

/** Whether two segments cross at a point inside both (not touching at an end, not collinear). */
export function properlyIntersect(s: Segment, t: Segment, eps = 1e-6): boolean {
  const d1 = cross(s.a, s.b, t.a);
  const d2 = cross(s.a, s.b, t.b);
  const d3 = cross(t.a, t.b, s.a);
  const d4 = cross(t.a, t.b, s.b);
  const ls = Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
  const lt = Math.hypot(t.b.x - t.a.x, t.b.y - t.a.y);
  // Signed distances (px) of each end from the other line; an end on the line is a touch.
  const e1 = d1 / ls;
  const e2 = d2 / ls;
  const e3 = d3 / lt;
  const e4 = d4 / lt;
  const tol = Math.max(eps, 0.01);
  return ((e1 > tol && e2 < -tol) || (e1 < -tol && e2 > tol)) && ((e3 > tol && e4 < -tol) || (e3 < -tol && e4 > tol));
}

type Axis = 'h' | 'v';
function axisOf(s: Segment): Axis | undefined {
  const dx = Math.abs(s.b.x - s.a.x);
  const dy = Math.abs(s.b.y - s.a.y);
  if (dy <= 1 && dx > dy) return 'h';
  if (dx <= 1 && dy > dx) return 'v';
  return undefined;
}

/** Gap and overlap of two segments of the same axis. */
function parallelGap(s: Segment, t: Segment, axis: Axis): { gap: number; overlap: number } {
  const along = (p: Point) => (axis === 'h' ? p.x : p.y);
  const across = (p: Point) => (axis === 'h' ? p.y : p.x);
  const [s0, s1] = [along(s.a), along(s.b)].sort((a, b) => a - b) as [number, number];
  const [t0, t1] = [along(t.a), along(t.b)].sort((a, b) => a - b) as [number, number];
  const overlap = Math.min(s1, t1) - Math.max(s0, t0);
  const gap = Math.abs((across(s.a) + across(s.b)) / 2 - (across(t.a) + across(t.b)) / 2);
  return { gap, overlap };
}

export function pointSegmentDistance(p: Point, s: Segment): number {
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / len2));
  return Math.hypot(p.x - (s.a.x + t * dx), p.y - (s.a.y + t * dy));
}

/** Convex hull, counter-clockwise in y-down coordinates as drawn (monotone chain). */
function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length < 3) return pts;
  const half = (list: Point[]) => {
    const h: Point[] = [];
    for (const p of list) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(pts), ...half([...pts].reverse())];
}

/** Length of segment `s` lying deeper than `depth` px inside the convex polygon `poly`. */
export function lengthInside(s: Segment, poly: readonly Point[], depth = BOX_DEPTH): number {
  const hull = convexHull(poly);
  if (hull.length < 3) return 0;
  const c = centre(hull);
  let t0 = 0;
  let t1 = 1;
  const d = { x: s.b.x - s.a.x, y: s.b.y - s.a.y };
  for (let i = 0; i < hull.length; i++) {
    const p = hull[i]!;
    const q = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    if (len === 0) continue;
    // Inward unit normal of edge p -> q.
    let n = { x: -(q.y - p.y) / len, y: (q.x - p.x) / len };
    if (n.x * (c.x - p.x) + n.y * (c.y - p.y) < 0) n = { x: -n.x, y: -n.y };
    // Inside (deeper than depth): n . (a + t d - p) > depth
    const f = n.x * (s.a.x - p.x) + n.y * (s.a.y - p.y) - depth;
    const g = n.x * d.x + n.y * d.y;
    if (g === 0) {
      if (f <= 0) return 0;
    } else {
      const t = -f / g;
      if (g > 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
    if (t0 >= t1) return 0;
  }
  return (t1 - t0) * Math.hypot(d.x, d.y);
}

/** Whether two convex polygons overlap by more than `depth` px (separating axis test). */
export function overlapDeeper(p: readonly Point[], q: readonly Point[], depth = 1): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (len === 0) continue;
      const n = { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
      const proj = (ps: readonly Point[]) => ps.map((v) => v.x * n.x + v.y * n.y);
      const pp = proj(p);
      const qq = proj(q);
      const overlap = Math.min(Math.max(...pp), Math.max(...qq)) - Math.max(Math.min(...pp), Math.min(...qq));
      if (overlap <= depth) return false;
    }
  }
  return true;
}

const rectPoly = (r: Rect): Point[] => [
  { x: r.x, y: r.y },
  { x: r.x + r.width, y: r.y },
  { x: r.x + r.width, y: r.y + r.height },
  { x: r.x, y: r.y + r.height },
];

const HAN = /^\p{Script=Han}$/u;
const TRAILING_PUNCTUATION = /[\p{P}\s]+$/u;
const CJK_TEXT = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+$/u;

/** Whether a box's last line is one Han character (punctuation after it aside). */
export function lastLineIsLone(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const last = [...lines[lines.length - 1]!.trim().replace(TRAILING_PUNCTUATION, '')];
  return last.length === 1 && HAN.test(last[0]!);
}

/**
 * Lines of a label that the browser wraps (Mermaid's foreignObject), estimated: only for text made
 * of CJK characters, each one em wide; otherwise undefined (cannot tell from the SVG).
 */
export function estimateLines(text: string, width: number, fontSize: number): string[] | undefined {
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length === 0 || !CJK_TEXT.test(chars.join('')) || fontSize <= 0) return undefined;
  const perLine = Math.max(1, Math.floor((width + 0.5) / fontSize));
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  return lines;
}

/** Every figure for one chart's geometry. */
export function measureGeometry(g: ChartGeometry): LayoutMetrics {
  const segs = g.edges.map((e) => segmentsOf(e.points));
  const shareNode = (i: number, j: number) => {
    const a = g.edges[i]!;
    const b = g.edges[j]!;
    return a.from === b.from || a.from === b.to || a.to === b.from || a.to === b.to;
  };

  let crossings = 0;
  let hugging = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++)
      for (const s of segs[i]!)
        for (const t of segs[j]!) {
          if (properlyIntersect(s, t)) crossings++;
          const axis = axisOf(s);
          if (axis === undefined || axisOf(t) !== axis) continue;
          const { gap, overlap } = parallelGap(s, t, axis);
          // Coincident runs of two edges of one node are a shared trunk, drawn as one line.
          if (gap < HUG_DISTANCE && overlap > HUG_OVERLAP && !(gap < 0.5 && shareNode(i, j))) hugging++;
        }

  let tipsNearEdges = 0;
  g.edges.forEach((e, i) => {
    const tip = e.points[e.points.length - 1];
    if (!tip) return;
    const near = g.edges.some((f, j) => j !== i && f.to !== e.to && segs[j]!.some((s) => pointSegmentDistance(tip, s) < TIP_DISTANCE));
    if (near) tipsNearEdges++;
  });

  let dividerHugging = 0;
  for (const list of segs)
    for (const s of list)
      if (axisOf(s) === 'v' && Math.abs(s.b.y - s.a.y) > DIVIDER_OVERLAP && g.dividers.some((x) => Math.abs((s.a.x + s.b.x) / 2 - x) < DIVIDER_DISTANCE)) dividerHugging++;

  let throughBoxes = 0;
  g.edges.forEach((e, i) => {
    for (const s of segs[i]!) for (const n of g.nodes) if (n.key !== e.from && n.key !== e.to && lengthInside(s, n.outline) > 0) throughBoxes++;
  });

  let labelOverlaps = 0;
  const labelPolys = g.labels.map(rectPoly);
  labelPolys.forEach((l, i) => {
    for (const n of g.nodes) if (overlapDeeper(l, n.outline)) labelOverlaps++;
    for (let j = i + 1; j < labelPolys.length; j++) if (overlapDeeper(l, labelPolys[j]!)) labelOverlaps++;
  });

  let loneChars = 0;
  for (const n of g.nodes) {
    const lines = n.lines ?? (n.wrapped ? estimateLines(n.wrapped.text, n.wrapped.width, n.wrapped.fontSize) : undefined);
    if (lines && lastLineIsLone(lines)) loneChars++;
  }

  const ys = g.nodes.map((n) => n.cy).sort((a, b) => a - b);
  let rows = 0;
  let rowStart = -Infinity;
  for (const y of ys)
    if (y - rowStart > ROW_TOLERANCE) {
      rows++;
      rowStart = y;
    }

  return {
    steps: g.nodes.length,
    edges: g.edges.length,
    crossings,
    hugging,
    tipsNearEdges,
    dividerHugging,
    throughBoxes,
    labelOverlaps,
    loneChars,
    rows,
    height: Math.round(g.height * 100) / 100,
  };
}

/** Every figure for one chart's SVG, native or Mermaid (told apart by the root's class). */
export function measureSvg(svg: string, dialect: SvgDialect = detectDialect(svg)): LayoutMetrics {
  return measureGeometry(dialect === 'native' ? readNativeSvg(svg) : readMermaidSvg(svg));
}

/** Sum of several charts' figures (steps per row is then sum of steps / sum of rows). */
export function sumMetrics(list: readonly LayoutMetrics[]): LayoutMetrics {
  const keys = ['steps', 'edges', 'crossings', 'hugging', 'tipsNearEdges', 'dividerHugging', 'throughBoxes', 'labelOverlaps', 'loneChars', 'rows', 'height'] as const;
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
  for (const m of list) for (const k of keys) out[k] += m[k];
  out.height = Math.round(out.height * 100) / 100;
  return out;
}

export function stepsPerRow(m: LayoutMetrics): number {
  return m.rows === 0 ? 0 : Math.round((m.steps / m.rows) * 100) / 100;
}
