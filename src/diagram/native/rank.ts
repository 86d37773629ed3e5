/**
 * Rows and columns from the flow: back edges found by depth-first search from the starts,
 * longest-path layers over the remaining (forward) edges, then cells: one step per lane, row and
 * sub-column. A hand-over to another lane shares its source's row when nothing stands between
 * them (drawn as a horizontal arrow), and alternatives of one fan-out that land in the same lane on
 * the same row sit side by side in sub-columns of that lane instead of one under another.
 */
import type { Edge, Process } from '../../model/types.js';
import { pushTo } from '../../util/maps.js';

export interface FlowEdge {
  /** Position in the process's edges, in step order then written order. */
  readonly index: number;
  readonly from: number; // step index
  readonly to: number; // step index
  readonly label?: string;
  /** Closes a cycle (found by the DFS): drawn as a loop in its own track. */
  readonly back: boolean;
  /** A hand-over on one row: from the source's side straight across to the target's side. */
  readonly flat: boolean;
  /** For a loop: the side of the target it enters by (or whose gutter it climbs), when chosen by the layout. */
  readonly loopSide?: 'left' | 'right';
}

export interface FlowRows {
  readonly edges: readonly FlowEdge[];
  /** Row of each step, by step index. */
  readonly rows: readonly number[];
  readonly rowCount: number;
  /** Sub-column of each step inside its lane (0 = leftmost). */
  readonly subs: readonly number[];
  /** Sub-columns used by each lane (at least 1). */
  readonly subCounts: readonly number[];
}

/** At most this many steps of one lane side by side. */
const MAX_SUBS = 4;

/** All edges of the process, in step order then written order. */
export function processEdges(process: Process): Edge[] {
  return process.steps.flatMap((s) => s.next);
}

/**
 * Where the placement is asked to differ from its first choice (see layout.ts, which tries these
 * when the first drawing crosses lines): steps put no higher than a row, and steps that may not
 * share their source's row as a hand-over.
 */
export interface Placement {
  readonly below?: ReadonlyMap<number, number>;
  readonly noHandOver?: ReadonlySet<number>;
}

/**
 * What the placement does not change: the edges with their loops found, the forward graph and its
 * layers. Computed once per chart; each placement tried (see layout.ts) starts from it.
 */
export interface FlowGraph {
  readonly edges: readonly Omit<FlowEdge, 'flat'>[];
  readonly preds: readonly number[][];
  readonly layer: readonly number[];
  readonly lanes: readonly number[];
  readonly laneCount: number;
}

export function flowGraph(process: Process): FlowGraph {
  const n = process.steps.length;
  const indexOf = new Map(process.steps.map((s, i) => [s.key, i]));
  const raw = processEdges(process).map((e, index) => ({ index, from: indexOf.get(e.from)!, to: indexOf.get(e.to)!, label: e.label }));
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of raw) out[e.from]!.push(e.index);
  const starts = process.starts.map((k) => indexOf.get(k)!).sort((a, b) => a - b);
  const back = findBackEdges(n, starts, raw, out);
  const edges = raw.map((e) => ({ ...(e.label === undefined ? { index: e.index, from: e.from, to: e.to } : e), back: back.has(e.index) }));

  // Forward graph, plus "after its list predecessor" for unreachable steps when that adds no cycle.
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) if (!e.back) link(preds, succs, e.from, e.to);
  process.steps.forEach((s, i) => {
    if (i > 0 && !process.reachable.has(s.key) && !reaches(succs, i, i - 1)) link(preds, succs, i - 1, i);
  });
  const lanes = process.steps.map((s) => s.lane);
  return { edges, preds, layer: longestPathLayers(preds, succs), lanes, laneCount: process.roles.length };
}

export function flowRows(process: Process | FlowGraph, placement: Placement = {}): FlowRows {
  const g = 'steps' in process ? flowGraph(process) : process;
  const n = g.lanes.length;
  const cells = placeCells(g.layer, g.preds, g.lanes, g.laneCount, g.edges, placement);
  const edges: FlowEdge[] = g.edges.map((e) => ({ ...e, flat: cells.flat.has(e.index) }));
  return { edges, rows: cells.rows, rowCount: n === 0 ? 0 : Math.max(...cells.rows) + 1, subs: cells.subs, subCounts: cells.subCounts };
}

function link(preds: number[][], succs: number[][], from: number, to: number): void {
  preds[to]!.push(from);
  succs[from]!.push(to);
}

/** Iterative DFS from the starts in step order, then from any step not yet visited. */
function findBackEdges(n: number, starts: readonly number[], edges: readonly { to: number }[], out: readonly number[][]): Set<number> {
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<number>();
  const roots = [...starts, ...Array.from({ length: n }, (_, i) => i)];
  for (const root of roots) {
    if (state[root] !== 0) continue;
    const stack: [node: number, next: number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, k] = top;
      const list = out[node]!;
      if (k >= list.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1] = k + 1;
      const e = list[k]!;
      const to = edges[e]!.to;
      if (state[to] === 1) back.add(e);
      else if (state[to] === 0) {
        state[to] = 1;
        stack.push([to, 0]);
      }
    }
  }
  return back;
}

function reaches(succs: readonly number[][], from: number, target: number): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    if (v === target) return true;
    for (const w of succs[v]!) if (!seen.has(w)) (seen.add(w), queue.push(w));
  }
  return false;
}

/** Layer = length of the longest forward path ending at the step (Kahn's order, ties by step index). */
function longestPathLayers(preds: readonly number[][], succs: readonly number[][]): number[] {
  const n = preds.length;
  const layer = new Array<number>(n).fill(0);
  const indegree = preds.map((p) => p.length);
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  for (let q = 0; q < ready.length; q++) {
    const v = ready[q]!;
    for (const w of succs[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indegree[w]! === 0) ready.push(w);
    }
  }
  return layer;
}

interface Cells {
  readonly rows: number[];
  readonly subs: number[];
  readonly subCounts: number[];
  readonly flat: Set<number>;
}

/**
 * Steps in (layer, step index) order take the first free cell at or below all their predecessors:
 * - on their only predecessor's row, when that predecessor is in another lane, the edge between
 *   them has no label and every cell the arrow would cross is free (the cells stay closed);
 * - else in their lane's sub-column under a same-lane predecessor, or any free sub-column;
 * - else, when the row's cell is held by another alternative of the same fan-out, in a new
 *   sub-column beside it;
 * - else one row lower.
 */
/** A cell (lane, row) as one number, for the maps of cells taken. */
const cellKey = (lane: number, row: number, laneCount: number) => row * laneCount + lane;

function placeCells(
  layer: readonly number[],
  preds: readonly number[][],
  lanes: readonly number[],
  laneCount: number,
  edges: readonly { index: number; from: number; to: number; back: boolean; label?: string }[],
  placement: Placement,
): Cells {
  const n = layer.length;
  const order = layer.map((l, i) => [l, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rows = new Array<number>(n).fill(0);
  const subs = new Array<number>(n).fill(0);
  const subCounts = new Array<number>(laneCount).fill(1);
  const flat = new Set<number>();
  const occupant = new Map<number, number>(); // cell * MAX_SUBS + sub -> step
  const used = new Map<number, number[]>(); // cell -> steps there
  const closed = new Set<number>(); // cells a hand-over arrow crosses or ends in: no new step there
  const spans = new Map<number, [number, number][]>(); // row -> hand-overs' lane spans, doubled
  const forwardIn: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) if (!e.back && e.from !== e.to) forwardIn[e.to]!.push(e.index);
  const place = (i: number, row: number, sub: number) => {
    rows[i] = row;
    subs[i] = sub;
    subCounts[lanes[i]!] = Math.max(subCounts[lanes[i]!]!, sub + 1);
    occupant.set(cellKey(lanes[i]!, row, laneCount) * MAX_SUBS + sub, i);
    const k = cellKey(lanes[i]!, row, laneCount);
    pushTo(used, k, i);
  };
  const sharesPred = (i: number, j: number) => preds[i]!.some((p) => preds[j]!.includes(p));

  for (const [, i] of order) {
    const lane = lanes[i]!;
    let row = placement.below?.get(i) ?? 0;
    for (const p of preds[i]!) row = Math.max(row, rows[p]! + 1);
    const flatEdge = placement.noHandOver?.has(i) ? undefined : handOver(i, row);
    if (flatEdge !== undefined) {
      const from = edges[flatEdge]!.from;
      const r = rows[from]!;
      const [lo, hi] = lane < lanes[from]! ? [lane, lanes[from]!] : [lanes[from]!, lane];
      for (let l = lo; l <= hi; l++) closed.add(cellKey(l, r, laneCount));
      pushTo(spans, r, [2 * lo, 2 * hi]);
      place(i, r, 0);
      flat.add(flatEdge);
      continue;
    }
    const same = preds[i]!.find((p) => lanes[p] === lane);
    const preferred = same === undefined ? 0 : subs[same]!;
    for (;; row++) {
      const k = cellKey(lane, row, laneCount);
      if (closed.has(k)) continue;
      const here = used.get(k) ?? [];
      if (here.length === 0) {
        place(i, row, Math.min(preferred, subCounts[lane]! - 1));
        break;
      }
      const free = freeSub(lane, row, preferred, subCounts[lane]!);
      if (free !== undefined) {
        place(i, row, free);
        break;
      }
      if (subCounts[lane]! < MAX_SUBS && here.some((j) => sharesPred(i, j))) {
        place(i, row, subCounts[lane]!);
        break;
      }
    }
  }
  return { rows, subs, subCounts, flat };

  function freeSub(lane: number, row: number, preferred: number, count: number): number | undefined {
    for (let d = 0; d < count; d++)
      for (const s of d === 0 ? [preferred] : [preferred + d, preferred - d])
        if (s >= 0 && s < count && !occupant.has(cellKey(lane, row, laneCount) * MAX_SUBS + s)) return s;
    return undefined;
  }

  /** The edge to draw as a same-row hand-over into step i, if one fits. */
  function handOver(i: number, row: number): number | undefined {
    if (preds[i]!.length !== 1 || forwardIn[i]!.length !== 1) return undefined;
    const e = edges[forwardIn[i]![0]!]!;
    if (e.label !== undefined || e.from !== preds[i]![0]) return undefined;
    const from = e.from;
    const lane = lanes[i]!;
    const fromLane = lanes[from]!;
    if (fromLane === lane || row !== rows[from]! + 1) return undefined;
    const r = rows[from]!;
    const [lo, hi] = lane < fromLane ? [lane, fromLane] : [fromLane, lane];
    for (let l = lo; l <= hi; l++) if (l !== fromLane && (closed.has(cellKey(l, r, laneCount)) || used.has(cellKey(l, r, laneCount)))) return undefined;
    // Another hand-over on this row must not share any stretch of the line.
    if ((spans.get(r) ?? []).some(([a, b]) => a < 2 * hi && 2 * lo < b)) return undefined;
    // Nothing else of the source's lane may stand on the side the arrow leaves by.
    const beside = (used.get(cellKey(fromLane, r, laneCount)) ?? []).some((j) => (lane > fromLane ? subs[j]! > subs[from]! : subs[j]! < subs[from]!));
    return beside ? undefined : e.index;
  }
}

/**
 * The same cells with the steps of each lane and row reordered among their sub-columns by the
 * barycentre of their neighbours (the mean position of the steps they link to), swept down and up
 * a few times: a fan-out's alternatives then stand on the side their own next steps are. Rows
 * holding a same-row hand-over keep their order (the arrow needs its side free). `undefined` when
 * nothing moves. `by`: the neighbours counted (both, only the sources of a step's way in, or
 * only the targets of its ways out).
 */
export function reorderSubs(flow: FlowRows, lanes: readonly number[], by: 'both' | 'sources' | 'targets' = 'both'): FlowRows | undefined {
  const n = lanes.length;
  const subs = [...flow.subs];
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const pinned = new Set<string>();
  for (const e of flow.edges) {
    if (e.from === e.to) continue;
    if (by !== 'sources') neighbours[e.from]!.push(e.to);
    if (by !== 'targets') neighbours[e.to]!.push(e.from);
    if (e.flat) {
      pinned.add(`${lanes[e.from]}:${flow.rows[e.from]}`);
      pinned.add(`${lanes[e.to]}:${flow.rows[e.to]}`);
    }
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) pushTo(groups, `${lanes[i]}:${flow.rows[i]}`, i);
  const movable = [...groups.entries()].filter(([k, g]) => g.length > 1 && !pinned.has(k)).map(([, g]) => g);
  if (movable.length === 0) return undefined;
  movable.sort((a, b) => flow.rows[a[0]!]! - flow.rows[b[0]!]!);
  const position = (j: number) => lanes[j]! + (subs[j]! + 0.5) / flow.subCounts[lanes[j]!]!;
  let moved = false;
  for (let sweep = 0; sweep < 4; sweep++) {
    const order = sweep % 2 === 0 ? movable : [...movable].reverse();
    for (const g of order) {
      const slots = g.map((i) => subs[i]!).sort((a, b) => a - b);
      const centre = g.map((i) => {
        const ns = neighbours[i]!;
        return ns.length === 0 ? position(i) : ns.reduce((sum, j) => sum + position(j), 0) / ns.length;
      });
      const sorted = g.map((i, k) => ({ i, c: centre[k]!, was: subs[i]! })).sort((a, b) => a.c - b.c || a.was - b.was);
      sorted.forEach((x, k) => {
        if (subs[x.i] !== slots[k]) moved = true;
        subs[x.i] = slots[k]!;
      });
    }
  }
  return moved ? { ...flow, subs } : undefined;
}
