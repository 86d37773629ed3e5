/**
 * Lines that meet at one box: after routing, the ports on a box's top are given to its incoming
 * lines in the order that crosses fewest lines. Ports are handed out before the router picks each
 * line's track, so two lines coming from the same side can swap over just above the box (the one
 * running lower enters farther out and crosses the other's drop). Trying the orders of the ports,
 * and of the heights the lines run across at, among the lines that come down into the box fixes that; an order is kept only when the chart
 * then crosses fewer lines and breaks no layout rule.
 */
import { pushTo } from '../../util/maps.js';
import { checkLayoutInvariants } from './invariants.js';
import { cross, segments, type Seg } from './crossings.js';
import type { EdgeLayout, Point, SwimlaneLayout } from './layout.js';

const vertical = (e: number, x: number, a: number, b: number): Seg => ({ e, index: 0, horizontal: false, at: x, lo: Math.min(a, b), hi: Math.max(a, b) });

/** At most this many lines into one top are reordered (k! orders are tried). */
const MAX_ARRIVALS = 4;
/** Charts with more lines are left as routed: the rule check costs more than the few crossings saved. */
const MAX_EDGES = 80;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * The line entering by the port at x after running across at height y: its last two points move
 * to x, its run (and the end of the drop before it) to y. Undefined when the drop before the run
 * would no longer come down to it.
 */
function enteringAt(edge: EdgeLayout, x: number, y: number): EdgeLayout | undefined {
  const p = edge.points;
  const n = p.length;
  const run = p[n - 3]!;
  if (y !== run.y) {
    const before = p[n - 4];
    if (!before || Math.abs(before.x - run.x) > 0.01 || before.y > y - 8) return undefined;
  }
  const points: Point[] = [...p.slice(0, -3), { x: run.x, y }, { x, y }, { x, y: p[n - 1]!.y }];
  return { ...edge, points };
}

/**
 * The chart turned upside down with every line reversed: a line leaving a box's bottom becomes
 * one arriving on its top, so departures are untangled by the same code. Its own inverse.
 */
/** Farther than this from each other, two lines (and their labels) break no layout rule together. */
const NEAR_RULES = 20;

type Area = readonly [x0: number, x1: number, y0: number, y1: number];

/** The box around the lines, their labels included, grown by `margin`. */
function reach(edges: readonly EdgeLayout[], margin: number): Area {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const e of edges) {
    for (const q of e.points) [x0, x1, y0, y1] = [Math.min(x0, q.x), Math.max(x1, q.x), Math.min(y0, q.y), Math.max(y1, q.y)];
    const b = e.label?.box;
    if (b) [x0, x1, y0, y1] = [Math.min(x0, b.x), Math.max(x1, b.x + b.width), Math.min(y0, b.y), Math.max(y1, b.y + b.height)];
  }
  return [x0 - margin, x1 + margin, y0 - margin, y1 + margin];
}

const overlaps = (a: Area, b: Area) => a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3];

function flipped(edges: readonly EdgeLayout[]): EdgeLayout[] {
  return edges.map((e) => ({ ...e, from: e.to, to: e.from, points: [...e.points].reverse().map((q) => ({ x: q.x, y: -q.y })) }));
}

export function untangleArrivals(layout: SwimlaneLayout): SwimlaneLayout {
  if (layout.edges.length > MAX_EDGES) return layout;
  // A new order must break no rule the chart kept (spacing, tips, lines through boxes). Only the
  // lines near the moved ones can break one with them: the chart is checked with those alone,
  // before and after.
  const keepsRules = (before: readonly EdgeLayout[], after: readonly EdgeLayout[], moved: ReadonlySet<number>) => {
    const area = reach([...moved].flatMap((i) => [before[i]!, after[i]!]), NEAR_RULES);
    const near = (e: EdgeLayout) => overlaps(reach([e], 0), area);
    const keep = before.flatMap((e, i) => (moved.has(i) || near(e) ? [i] : []));
    const pick = (edges: readonly EdgeLayout[]) => keep.map((i) => edges[i]!);
    return checkLayoutInvariants({ ...layout, edges: pick(after) }).length <= checkLayoutInvariants({ ...layout, edges: pick(before) }).length;
  };
  const tops = new Map(layout.nodes.map((n) => [n.key, n.cy - n.height / 2] as const));
  const bottoms = new Map(layout.nodes.map((n) => [n.key, -(n.cy + n.height / 2)] as const));
  let edges = untangleInto(layout.edges, tops, keepsRules);
  // departures: the same on the flipped chart, checked the right way up; a branch keeps its
  // port, where its label stands
  edges = flipped(untangleInto(flipped(edges), bottoms, (b, a, m) => keepsRules(flipped(b), flipped(a), m), (e) => e.label === undefined));
  return edges === layout.edges || edges.every((e, k) => e === layout.edges[k]) ? layout : { ...layout, edges };
}

/** Reorder the lines coming down onto each box's top (`tops`: the top's y by step key). */
function untangleInto(
  start: readonly EdgeLayout[],
  tops: ReadonlyMap<string, number>,
  keepsRules: (before: readonly EdgeLayout[], after: readonly EdgeLayout[], moved: ReadonlySet<number>) => boolean, movable: (e: EdgeLayout) => boolean = () => true): EdgeLayout[] {
  let edges = [...start];
  // An edge keeps its target when reordered: the lines into each box are found once.
  const byTarget = new Map<string, number[]>();
  start.forEach((e, i) => pushTo(byTarget, e.to, i));
  for (const [key, top] of tops) {
    const candidates = byTarget.get(key);
    if (candidates === undefined || candidates.length < 2) continue;
    // lines that end going down onto this box's top after a horizontal run
    const into = candidates
      .map((i) => ({ e: edges[i]!, i }))
      .filter(({ e }) => {
        if (e.to !== key || e.points.length < 3 || !movable(e)) return false;
        const [a, b, c] = e.points.slice(-3) as [Point, Point, Point];
        return Math.abs(c.y - top) < 1 && Math.abs(b.x - c.x) < 0.01 && b.y < c.y && Math.abs(a.y - b.y) < 0.01;
      });
    if (into.length < 2 || into.length > MAX_ARRIVALS) continue;
    const these = new Set(into.map((x) => x.i));
    const ports = into.map(({ e }) => e.points[e.points.length - 1]!.x);
    const runs = into.map(({ e }) => e.points[e.points.length - 2]!.y);
    // Only the lines' last three segments move, within this box: the rest crosses them or not
    // whatever the order, so a trial counts the crossings of those segments alone.
    const xs = [...ports, ...into.map(({ e }) => e.points[e.points.length - 3]!.x)];
    const ys = [...runs, ...into.flatMap(({ e }) => e.points.slice(-4).map((q) => q.y))];
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const tailOf = new Map(into.map(({ e, i }) => [i, Math.max(0, e.points.length - 4)] as const));
    const fixed = segments(edges).filter((s) => {
      if (these.has(s.e) && s.index >= tailOf.get(s.e)!) return false;
      const [a0, a1] = s.horizontal ? [y0, y1] : [x0, x1];
      const [b0, b1] = s.horizontal ? [x0, x1] : [y0, y1];
      return s.at >= a0 && s.at <= a1 && s.hi >= b0 && s.lo <= b1;
    });
    // Line k entering by port a after running at height b: its moved segments (undefined when the
    // drop before the run would not come down to it) and how often they cross the fixed lines.
    const m = into.length;
    const tail: (Seg[] | undefined)[][][] = into.map(({ e, i }) =>
      ports.map((x) =>
        runs.map((y) => {
          const p = e.points;
          const n = p.length;
          const run = p[n - 3]!;
          const before = p[n - 4];
          if (y !== run.y && (!before || Math.abs(before.x - run.x) > 0.01 || before.y > y - 8)) return undefined;
          const out: Seg[] = [];
          if (before) out.push(vertical(i, run.x, before.y, y));
          out.push({ e: i, index: 0, horizontal: true, at: y, lo: Math.min(run.x, x), hi: Math.max(run.x, x) });
          out.push(vertical(i, x, y, p[n - 1]!.y));
          return out;
        }),
      ),
    );
    const crossingsWith = (a: readonly Seg[], b: readonly Seg[]) => {
      let c = 0;
      for (const s of a) for (const t of b) if (s.horizontal !== t.horizontal && (s.horizontal ? cross(s, t) : cross(t, s))) c++;
      return c;
    };
    const alone = tail.map((byPort) => byPort.map((byRun) => byRun.map((segs) => (segs === undefined ? Infinity : crossingsWith(segs, fixed)))));
    /** Crossings of the moved segments when line k takes port order[k] and height levels[k] (indices). */
    const trialCrossings = (order: readonly number[], levels: readonly number[]): number => {
      let c = 0;
      for (let k = 0; k < m; k++) c += alone[k]![order[k]!]![levels[k]!]!;
      if (c === Infinity) return c;
      for (let k = 0; k < m; k++)
        for (let l = k + 1; l < m; l++) c += crossingsWith(tail[k]![order[k]!]![levels[k]!]!, tail[l]![order[l]!]![levels[l]!]!);
      return c;
    };
    const identity = into.map((_, k) => k);
    let best = trialCrossings(identity, identity);
    if (best === 0) continue;
    let bestOrder: [readonly number[], readonly number[]] | undefined;
    const orders = permutations(identity);
    for (const order of orders)
      for (const levels of orders) {
        const n = trialCrossings(order, levels);
        if (n < best) [best, bestOrder] = [n, [order, levels]];
      }
    if (!bestOrder) continue;
    const bestEdges = [...edges];
    into.forEach(({ e, i }, k) => (bestEdges[i] = enteringAt(e, ports[bestOrder![0][k]!]!, runs[bestOrder![1][k]!]!)!));
    if (!keepsRules(edges, bestEdges, these)) continue;
    edges = bestEdges;
  }
  return edges;
}
