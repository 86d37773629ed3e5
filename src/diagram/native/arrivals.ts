/**
 * Lines that meet at one box: after routing, the ports on a box's top are given to its incoming
 * lines in the order that crosses fewest lines. Ports are handed out before the router picks each
 * line's track, so two lines coming from the same side can swap over just above the box (the one
 * running lower enters farther out and crosses the other's drop). Trying the orders of the ports,
 * and of the heights the lines run across at, among the lines that come down into the box fixes that; an order is kept only when the chart
 * then crosses fewer lines and breaks no layout rule.
 */
import { checkLayoutInvariants } from './invariants.js';
import { crossingsOf, segments } from './crossings.js';
import type { EdgeLayout, Point, SwimlaneLayout } from './layout.js';

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
function flipped(edges: readonly EdgeLayout[]): EdgeLayout[] {
  return edges.map((e) => ({ ...e, from: e.to, to: e.from, points: [...e.points].reverse().map((q) => ({ x: q.x, y: -q.y })) }));
}

export function untangleArrivals(layout: SwimlaneLayout): SwimlaneLayout {
  if (layout.edges.length > MAX_EDGES) return layout;
  let problems: number | undefined;
  // a new order must break no rule the chart kept (spacing, tips, lines through boxes)
  const keepsRules = (edges: EdgeLayout[]) => {
    problems ??= checkLayoutInvariants(layout).length;
    return checkLayoutInvariants({ ...layout, edges }).length <= problems;
  };
  const tops = new Map(layout.nodes.map((n) => [n.key, n.cy - n.height / 2] as const));
  const bottoms = new Map(layout.nodes.map((n) => [n.key, -(n.cy + n.height / 2)] as const));
  let edges = untangleInto(layout.edges, tops, keepsRules);
  // departures: the same on the flipped chart, checked the right way up; a branch keeps its
  // port, where its label stands
  edges = flipped(untangleInto(flipped(edges), bottoms, (e) => keepsRules(flipped(e)), (e) => e.label === undefined));
  return edges === layout.edges || edges.every((e, k) => e === layout.edges[k]) ? layout : { ...layout, edges };
}

/** Reorder the lines coming down onto each box's top (`tops`: the top's y by step key). */
function untangleInto(start: readonly EdgeLayout[], tops: ReadonlyMap<string, number>, keepsRules: (edges: EdgeLayout[]) => boolean, movable: (e: EdgeLayout) => boolean = () => true): EdgeLayout[] {
  let edges = [...start];
  for (const [key, top] of tops) {
    // lines that end going down onto this box's top after a horizontal run
    const into = edges
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => {
        if (e.to !== key || e.points.length < 3 || !movable(e)) return false;
        const [a, b, c] = e.points.slice(-3) as [Point, Point, Point];
        return Math.abs(c.y - top) < 1 && Math.abs(b.x - c.x) < 0.01 && b.y < c.y && Math.abs(a.y - b.y) < 0.01;
      });
    if (into.length < 2 || into.length > MAX_ARRIVALS) continue;
    const these = new Set(into.map((x) => x.i));
    const ports = into.map(({ e }) => e.points[e.points.length - 1]!.x);
    const runs = into.map(({ e }) => e.points[e.points.length - 2]!.y);
    const others = segments(edges).filter((s) => !these.has(s.e));
    let best = crossingsOf(edges, these, others);
    if (best === 0) continue;
    let bestEdges: EdgeLayout[] | undefined;
    const heights = permutations(runs);
    for (const order of permutations(ports))
      for (const levels of heights) {
        if (order.every((x, k) => x === ports[k]) && levels.every((y, k) => y === runs[k])) continue;
        const trial = [...edges];
        let ok = true;
        into.forEach(({ e, i }, k) => {
          const moved = ok ? enteringAt(e, order[k]!, levels[k]!) : undefined;
          if (moved) trial[i] = moved;
          else ok = false;
        });
        if (!ok) continue;
        const n = crossingsOf(trial, these, others);
        if (n < best) {
          best = n;
          bestEdges = trial;
        }
      }
    if (!bestEdges || !keepsRules(bestEdges)) continue;
    edges = bestEdges;
  }
  return edges;
}
