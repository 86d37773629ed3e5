/**
 * Geometry checks of a swimlane layout, independent of how it was made: tests and fuzzers call
 * `checkLayoutInvariants` and expect an empty list.
 */
import type { Process } from '../../model/types.js';
import type { Box, EdgeLayout, NodeLayout, Point, SwimlaneLayout } from './layout.js';
import { processEdges } from './rank.js';
import { halfHeightAt, halfWidthAt } from './shapes.js';
import { HEADER_FONT_SIZE } from './layout.js';
import { measureText } from './text.js';

/** Parallel segments closer than this are drawn on top of each other. */
const SAME_LINE = 3;
/** Parallel lines of different edges closer than this (over more than PARALLEL_RUN) read as one bundle. */
export const MIN_PARALLEL_GAP = 10;
const PARALLEL_RUN = 10;
/** A vertical line nearer a lane divider than this (over more than PARALLEL_RUN) hugs it. */
export const MIN_DIVIDER_GAP = 12;
/** Another edge's line nearer an arrow tip than this seems to feed that arrow. */
export const MIN_TIP_GAP = 8;
/** Room for the arrowhead on an edge's last segment. */
const MIN_LAST_SEGMENT = 8;
const EPS = 0.75;

interface Seg {
  readonly edge: EdgeLayout;
  readonly a: Point;
  readonly b: Point;
  readonly vertical: boolean;
}

/** Every broken invariant, as a readable message; empty when the layout is sound. */
export function checkLayoutInvariants(layout: SwimlaneLayout, process?: Process): string[] {
  const problems: string[] = [];
  checkLanes(layout, process, problems);
  checkNodes(layout, problems);
  const segs = segmentsOf(layout, problems);
  const pairs = nearPairs(segs);
  checkEdgesAgainstNodes(layout, segs, problems);
  checkEdgesAgainstEdges(segs, pairs, problems);
  checkSpacing(layout, segs, pairs, problems);
  checkLabels(layout, segs, problems);
  if (process !== undefined) checkModel(layout, process, problems);
  return problems;
}

function checkLanes(layout: SwimlaneLayout, process: Process | undefined, problems: string[]): void {
  let x = 0;
  layout.lanes.forEach((lane, i) => {
    if (lane.index !== i) problems.push(`lane ${i} has index ${lane.index}`);
    if (process !== undefined && lane.role !== process.roles[i]) problems.push(`lane ${i} is "${lane.role}", declared "${process.roles[i]}"`);
    if (Math.abs(lane.x - x) > 0.01) problems.push(`lane ${i} starts at ${lane.x}, expected ${x} (lanes must be adjacent, in order)`);
    if (!(lane.width > 0)) problems.push(`lane ${i} has width ${lane.width}`);
    for (const line of lane.titleLines)
      if (measureText(line, HEADER_FONT_SIZE * 1.06) > lane.width - 2) problems.push(`lane ${i}'s title line "${line}" is wider than the lane`);
    x = lane.x + lane.width;
  });
  if (Math.abs(x - layout.width) > 0.01) problems.push(`lanes end at ${x}, the diagram is ${layout.width} wide`);
  if (process !== undefined && layout.lanes.length !== process.roles.length) problems.push(`${layout.lanes.length} lanes for ${process.roles.length} roles`);
}

const nodeBox = (n: NodeLayout): Box => ({ x: n.cx - n.width / 2, y: n.cy - n.height / 2, width: n.width, height: n.height });

function checkNodes(layout: SwimlaneLayout, problems: string[]): void {
  for (const n of layout.nodes) {
    const lane = layout.lanes[n.lane];
    const b = nodeBox(n);
    if (lane === undefined) problems.push(`${n.key} is in lane ${n.lane}, which does not exist`);
    else if (b.x < lane.x + 1 || b.x + b.width > lane.x + lane.width - 1) problems.push(`${n.key} is not inside lane ${n.lane}`);
    if (n.lane !== n.step.lane) problems.push(`${n.key} is in lane ${n.lane}, its role is lane ${n.step.lane}`);
    if (b.y < layout.headerHeight + 1 || b.y + b.height > layout.height - 1) problems.push(`${n.key} is outside the lanes' body`);
  }
  for (let i = 0; i < layout.nodes.length; i++)
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i]!;
      const b = layout.nodes[j]!;
      if (boxesOverlap(nodeBox(a), nodeBox(b))) problems.push(`${a.key} and ${b.key} overlap`);
    }
}

function segmentsOf(layout: SwimlaneLayout, problems: string[]): Seg[] {
  const segs: Seg[] = [];
  for (const e of layout.edges) {
    if (e.points.length < 2) problems.push(`edge ${e.index} ${e.from}->${e.to} has ${e.points.length} points`);
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      if (a.x !== b.x && a.y !== b.y) problems.push(`edge ${e.index} ${e.from}->${e.to} has a slanted segment`);
      if (a.x === b.x && a.y === b.y) problems.push(`edge ${e.index} ${e.from}->${e.to} has a zero-length segment`);
      segs.push({ edge: e, a, b, vertical: a.x === b.x });
    }
    for (const p of e.points)
      if (p.x < 0 || p.y < layout.headerHeight || p.x > layout.width || p.y > layout.height)
        problems.push(`edge ${e.index} ${e.from}->${e.to} leaves the lanes' body at (${p.x}, ${p.y})`);
    const n = e.points.length;
    if (n >= 2 && length(e.points[n - 2]!, e.points[n - 1]!) < MIN_LAST_SEGMENT) problems.push(`edge ${e.index} ${e.from}->${e.to} has no room for its arrowhead`);
  }
  return segs;
}

const length = (a: Point, b: Point) => Math.abs(a.x - b.x) + Math.abs(a.y - b.y);

function checkEdgesAgainstNodes(layout: SwimlaneLayout, segs: readonly Seg[], problems: string[]): void {
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  for (const e of layout.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    const first = e.points[0];
    const last = e.points[e.points.length - 1];
    if (from === undefined || to === undefined) problems.push(`edge ${e.index} names a missing step`);
    if (from !== undefined && first !== undefined && !onBoundary(from, first)) problems.push(`edge ${e.index} ${e.from}->${e.to} does not start on ${e.from}'s border`);
    if (to !== undefined && last !== undefined && !onBoundary(to, last)) problems.push(`edge ${e.index} ${e.from}->${e.to} does not end on ${e.to}'s border`);
  }
  for (const s of segs)
    for (const n of layout.nodes)
      if (segmentEntersNode(s, n)) problems.push(`edge ${s.edge.index} ${s.edge.from}->${s.edge.to} passes through ${n.key}`);
}

function onBoundary(n: NodeLayout, p: Point): boolean {
  const dx = p.x - n.cx;
  const dy = p.y - n.cy;
  const hh = halfHeightAt(n.shape, n.width, n.height, dx);
  const hw = halfWidthAt(n.shape, n.width, n.height, dy);
  return (hh > 0 && Math.abs(Math.abs(dy) - hh) < 0.5) || (hw > 0 && Math.abs(Math.abs(dx) - hw) < 0.5);
}

/** Whether the segment reaches into the shape's inside (touching its border is allowed). */
export function segmentEntersNode(s: { a: Point; b: Point; vertical: boolean }, n: NodeLayout): boolean {
  if (s.vertical) {
    const hh = halfHeightAt(n.shape, n.width, n.height, s.a.x - n.cx) - EPS;
    if (hh <= 0) return false;
    return Math.min(s.a.y, s.b.y) < n.cy + hh && Math.max(s.a.y, s.b.y) > n.cy - hh;
  }
  const hw = halfWidthAt(n.shape, n.width, n.height, s.a.y - n.cy) - EPS;
  if (hw <= 0) return false;
  return Math.min(s.a.x, s.b.x) < n.cx + hw && Math.max(s.a.x, s.b.x) > n.cx - hw;
}

/**
 * The pairs of segments (by position, the first before the second, in that order) that can break a
 * rule together: parallel ones less than MIN_PARALLEL_GAP apart, and perpendicular ones where one
 * may end on the other. Found by sorting rather than by trying every pair: the search in layout.ts
 * checks the charts it keeps.
 */
function nearPairs(segs: readonly Seg[]): [number, number][] {
  const pairs: [number, number][] = [];
  const add = (i: number, j: number) => pairs.push(i < j ? [i, j] : [j, i]);
  const slanted = (g: Seg) => g.a.x !== g.b.x && g.a.y !== g.b.y;
  const byLine = (vertical: boolean) =>
    segs
      .map((_, i) => i)
      .filter((i) => segs[i]!.vertical === vertical && !slanted(segs[i]!))
      .sort((i, j) => lineOf(segs[i]!) - lineOf(segs[j]!));
  const verticals = byLine(true);
  const horizontals = byLine(false);
  for (const list of [verticals, horizontals])
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length && lineOf(segs[list[b]!]!) - lineOf(segs[list[a]!]!) < MIN_PARALLEL_GAP; b++) add(list[a]!, list[b]!);
  // A vertical and a horizontal where an end of one lies on the other: the horizontal's line is
  // within the vertical's span (grown by 1 px).
  for (const v of verticals) {
    const [lo, hi] = span(segs[v]!);
    for (let k = firstAtLeast(horizontals, segs, lo - 1); k < horizontals.length && lineOf(segs[horizontals[k]!]!) <= hi + 1; k++) add(v, horizontals[k]!);
  }
  // Slanted segments (a broken rule of their own) are paired with every other.
  segs.forEach((g, i) => {
    if (slanted(g)) segs.forEach((_, j) => j !== i && (!slanted(segs[j]!) || i < j) && add(i, j));
  });
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Position in `sorted` (segment indices sorted by line) of the first segment whose line is at least y. */
function firstAtLeast(sorted: readonly number[], segs: readonly Seg[], y: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(segs[sorted[mid]!]!) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkEdgesAgainstEdges(segs: readonly Seg[], pairs: readonly [number, number][], problems: string[]): void {
  const names = (s: Seg, t: Seg) => `edges ${s.edge.index} ${s.edge.from}->${s.edge.to} and ${t.edge.index} ${t.edge.from}->${t.edge.to}`;
  for (const [i, j] of pairs) {
    const s = segs[i]!;
    const t = segs[j]!;
    if (s.edge === t.edge) continue;
    if (s.vertical === t.vertical) {
      if (Math.abs(lineOf(s) - lineOf(t)) >= SAME_LINE) continue;
      const [slo, shi] = span(s);
      const [tlo, thi] = span(t);
      if (slo <= thi + 1 && tlo <= shi + 1) problems.push(`${names(s, t)} run along each other`);
    } else if (touches(s, t) || touches(t, s)) problems.push(`${names(s, t)} touch (an end of one lies on the other)`);
  }
}

/** x of a vertical, y of a horizontal. */
const lineOf = (g: Seg) => (g.vertical ? g.a.x : g.a.y);

/**
 * What a reader needs to tell lines apart: parallel lines of different edges at least
 * MIN_PARALLEL_GAP apart, verticals clear of lane dividers, and no line right at another edge's
 * arrow tip (where it would seem to be the one feeding that arrow).
 */
function checkSpacing(layout: SwimlaneLayout, segs: readonly Seg[], pairs: readonly [number, number][], problems: string[]): void {
  for (const [i, j] of pairs) {
    const s = segs[i]!;
    const t = segs[j]!;
    if (s.edge === t.edge || s.vertical !== t.vertical) continue;
    const gap = Math.abs(lineOf(s) - lineOf(t));
    if (gap < SAME_LINE || gap >= MIN_PARALLEL_GAP - 0.01) continue;
    const [slo, shi] = span(s);
    const [tlo, thi] = span(t);
    const overlap = Math.min(shi, thi) - Math.max(slo, tlo);
    if (overlap > PARALLEL_RUN) problems.push(`edges ${s.edge.index} ${s.edge.from}->${s.edge.to} and ${t.edge.index} ${t.edge.from}->${t.edge.to} run ${num2(gap)} px apart`);
  }
  const dividers = layout.lanes.slice(1).map((l) => l.x);
  for (const s of segs) {
    if (!s.vertical) continue;
    const [lo, hi] = span(s);
    if (hi - lo <= PARALLEL_RUN) continue;
    for (const x of dividers)
      if (Math.abs(s.a.x - x) < MIN_DIVIDER_GAP - 0.01) problems.push(`edge ${s.edge.index} ${s.edge.from}->${s.edge.to} runs ${num2(Math.abs(s.a.x - x))} px from a lane divider`);
  }
  for (const e of layout.edges) {
    const tip = e.points[e.points.length - 1];
    if (tip === undefined) continue;
    for (const s of segs) {
      if (s.edge === e || s.edge.to === e.to || !withinBox(tip, s, MIN_TIP_GAP)) continue;
      const d = distanceToSegment(tip, s);
      if (d < MIN_TIP_GAP - 0.01) problems.push(`edge ${s.edge.index} ${s.edge.from}->${s.edge.to} passes ${num2(d)} px from the arrow tip of edge ${e.index} ${e.from}->${e.to}`);
    }
  }
}

const num2 = (n: number) => String(Math.round(n * 10) / 10);

/** Whether p lies within `margin` of the segment's box (a quick test before measuring the distance). */
function withinBox(p: Point, s: Seg, margin: number): boolean {
  return p.x > Math.min(s.a.x, s.b.x) - margin && p.x < Math.max(s.a.x, s.b.x) + margin && p.y > Math.min(s.a.y, s.b.y) - margin && p.y < Math.max(s.a.y, s.b.y) + margin;
}

function distanceToSegment(p: Point, s: Seg): number {
  const [lo, hi] = span(s);
  if (s.vertical) {
    const dy = p.y < lo ? lo - p.y : p.y > hi ? p.y - hi : 0;
    return Math.hypot(p.x - s.a.x, dy);
  }
  const dx = p.x < lo ? lo - p.x : p.x > hi ? p.x - hi : 0;
  return Math.hypot(dx, p.y - s.a.y);
}

const span = (g: Seg): [number, number] => (g.vertical ? [Math.min(g.a.y, g.b.y), Math.max(g.a.y, g.b.y)] : [Math.min(g.a.x, g.b.x), Math.max(g.a.x, g.b.x)]);

/** An end of `s` lies on the perpendicular segment `t` (a T-junction, which reads as a merge). */
function touches(s: Seg, t: Seg): boolean {
  return liesOn(s.a, t) || liesOn(s.b, t);
}

function liesOn(p: Point, t: Seg): boolean {
  if (t.vertical) return Math.abs(p.x - t.a.x) < 1 && p.y >= Math.min(t.a.y, t.b.y) - 1 && p.y <= Math.max(t.a.y, t.b.y) + 1;
  return Math.abs(p.y - t.a.y) < 1 && p.x >= Math.min(t.a.x, t.b.x) - 1 && p.x <= Math.max(t.a.x, t.b.x) + 1;
}

function checkLabels(layout: SwimlaneLayout, segs: readonly Seg[], problems: string[]): void {
  const labelled = layout.edges.filter((e) => e.label !== undefined);
  const nodeBoxes = labelled.length === 0 ? [] : layout.nodes.map(nodeBox);
  for (const e of labelled) {
    const box = e.label!.box;
    if (box.x < 0 || box.y < layout.headerHeight || box.x + box.width > layout.width || box.y + box.height > layout.height)
      problems.push(`label of edge ${e.index} is outside the diagram`);
    layout.nodes.forEach((n, i) => boxesOverlap(box, nodeBoxes[i]!) && problems.push(`label of edge ${e.index} covers ${n.key}`));
    for (const s of segs) if (s.edge !== e && segmentInBox(s, box)) problems.push(`label of edge ${e.index} hides part of edge ${s.edge.index}`);
    if (!segs.some((s) => s.edge === e && segmentInBox(s, box))) problems.push(`label of edge ${e.index} is not on its edge`);
  }
  for (let i = 0; i < labelled.length; i++)
    for (let j = i + 1; j < labelled.length; j++)
      if (boxesOverlap(labelled[i]!.label!.box, labelled[j]!.label!.box)) problems.push(`labels of edges ${labelled[i]!.index} and ${labelled[j]!.index} overlap`);
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.01 && b.x < a.x + a.width - 0.01 && a.y < b.y + b.height - 0.01 && b.y < a.y + a.height - 0.01;
}

function segmentInBox(s: Seg, box: Box): boolean {
  const lo = s.vertical ? Math.min(s.a.y, s.b.y) : Math.min(s.a.x, s.b.x);
  const hi = s.vertical ? Math.max(s.a.y, s.b.y) : Math.max(s.a.x, s.b.x);
  return s.vertical
    ? s.a.x > box.x && s.a.x < box.x + box.width && lo < box.y + box.height && hi > box.y
    : s.a.y > box.y && s.a.y < box.y + box.height && lo < box.x + box.width && hi > box.x;
}

/** Every edge of the process drawn once, in order; forward edges point down the rows. */
function checkModel(layout: SwimlaneLayout, process: Process, problems: string[]): void {
  const edges = processEdges(process);
  if (layout.nodes.length !== process.steps.length) problems.push(`${layout.nodes.length} nodes for ${process.steps.length} steps`);
  layout.nodes.forEach((n, i) => {
    if (n.key !== process.steps[i]?.key) problems.push(`node ${i} is ${n.key}, expected ${process.steps[i]?.key}`);
  });
  if (layout.edges.length !== edges.length) problems.push(`${layout.edges.length} edges drawn for ${edges.length} in the process`);
  const row = new Map(layout.nodes.map((n) => [n.key, n.row]));
  const lane = new Map(layout.nodes.map((n) => [n.key, n.lane]));
  layout.edges.forEach((e, i) => {
    const m = edges[i];
    if (m === undefined || e.from !== m.from || e.to !== m.to || e.label?.text !== m.label) problems.push(`edge ${i} does not match the process's edge ${i}`);
    // A forward edge goes down, or is a hand-over: one straight line across to another lane's step on the same row.
    const across = row.get(e.to) === row.get(e.from) && lane.get(e.to) !== lane.get(e.from) && e.points.length === 2 && e.points[0]!.y === e.points[1]!.y;
    if (!e.back && !(row.get(e.to)! > row.get(e.from)!) && !across) problems.push(`forward edge ${i} ${e.from}->${e.to} does not go down`);
    if (e.back && !(row.get(e.to)! <= row.get(e.from)!)) problems.push(`loop ${i} ${e.from}->${e.to} does not go back up`);
  });
}
