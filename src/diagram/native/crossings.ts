/**
 * Crossings between the lines of a chart: its edges are orthogonal polylines, so a crossing is a
 * horizontal segment of one edge properly crossing a vertical segment of another.
 */
import type { EdgeLayout } from './layout.js';

export interface Seg {
  readonly e: number;
  /** Position of the segment in its edge's line (0 = the first). */
  readonly index: number;
  readonly horizontal: boolean;
  /** y of a horizontal, x of a vertical */
  readonly at: number;
  readonly lo: number;
  readonly hi: number;
}

export function segments(edges: readonly EdgeLayout[], only?: ReadonlySet<number>): Seg[] {
  const out: Seg[] = [];
  edges.forEach((edge, e) => {
    if (only && !only.has(e)) return;
    for (let i = 1; i < edge.points.length; i++) {
      const a = edge.points[i - 1]!;
      const b = edge.points[i]!;
      if (Math.abs(a.y - b.y) < 0.01) out.push({ e, index: i - 1, horizontal: true, at: a.y, lo: Math.min(a.x, b.x), hi: Math.max(a.x, b.x) });
      else if (Math.abs(a.x - b.x) < 0.01) out.push({ e, index: i - 1, horizontal: false, at: a.x, lo: Math.min(a.y, b.y), hi: Math.max(a.y, b.y) });
    }
  });
  return out;
}

const EPS = 0.01;
export const cross = (h: Seg, v: Seg) => h.e !== v.e && v.at > h.lo + EPS && v.at < h.hi - EPS && h.at > v.lo + EPS && h.at < v.hi - EPS;

/** Crossings that involve at least one of `these` edges (`others`: the other edges' segments). */
export function crossingsOf(edges: readonly EdgeLayout[], these: ReadonlySet<number>, others: readonly Seg[]): number {
  const mine = segments(edges, these);
  let n = 0;
  for (let i = 0; i < mine.length; i++) {
    const s = mine[i]!;
    for (const t of others) if (s.horizontal !== t.horizontal && (s.horizontal ? cross(s, t) : cross(t, s))) n++;
    for (let j = i + 1; j < mine.length; j++) {
      const t = mine[j]!;
      if (s.horizontal !== t.horizontal && (s.horizontal ? cross(s, t) : cross(t, s))) n++;
    }
  }
  return n;
}

/** Crossings between the lines of different edges. */
export function countCrossings(edges: readonly EdgeLayout[]): number {
  return crossingsOf(edges, new Set(edges.map((_, i) => i)), []);
}

/** The pairs of edges (by position) whose lines cross, once per crossing. */
export function crossingPairs(edges: readonly EdgeLayout[]): [number, number][] {
  const all = segments(edges);
  const out: [number, number][] = [];
  for (const h of all) if (h.horizontal) for (const v of all) if (!v.horizontal && cross(h, v)) out.push([h.e, v.e]);
  return out;
}
