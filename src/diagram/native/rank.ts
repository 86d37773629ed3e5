/**
 * Rows from the flow: back edges found by depth-first search from the starts, longest-path layers
 * over the remaining (forward) edges, then one step per lane and row.
 */
import type { Edge, Process } from '../../model/types.js';

export interface FlowEdge {
  /** Position in the process's edges, in step order then written order. */
  readonly index: number;
  readonly from: number; // step index
  readonly to: number; // step index
  readonly label?: string;
  /** Closes a cycle (found by the DFS): drawn as a loop in its own track. */
  readonly back: boolean;
}

export interface FlowRows {
  readonly edges: readonly FlowEdge[];
  /** Row of each step, by step index. */
  readonly rows: readonly number[];
  readonly rowCount: number;
}

/** All edges of the process, in step order then written order. */
export function processEdges(process: Process): Edge[] {
  return process.steps.flatMap((s) => s.next);
}

export function flowRows(process: Process): FlowRows {
  const n = process.steps.length;
  const indexOf = new Map(process.steps.map((s, i) => [s.key, i]));
  const raw = processEdges(process).map((e, index) => ({ index, from: indexOf.get(e.from)!, to: indexOf.get(e.to)!, label: e.label }));
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of raw) out[e.from]!.push(e.index);
  const starts = process.starts.map((k) => indexOf.get(k)!).sort((a, b) => a - b);
  const back = findBackEdges(n, starts, raw, out);
  const edges: FlowEdge[] = raw.map((e) => ({ ...(e.label === undefined ? { index: e.index, from: e.from, to: e.to } : e), back: back.has(e.index) }));

  // Forward graph, plus "after its list predecessor" for unreachable steps when that adds no cycle.
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) if (!e.back) link(preds, succs, e.from, e.to);
  process.steps.forEach((s, i) => {
    if (i > 0 && !process.reachable.has(s.key) && !reaches(succs, i, i - 1)) link(preds, succs, i - 1, i);
  });

  const layer = longestPathLayers(preds, succs);
  const lanes = process.steps.map((s) => s.lane);
  const rows = packCells(layer, preds, lanes);
  return { edges, rows, rowCount: n === 0 ? 0 : Math.max(...rows) + 1 };
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

/**
 * Rows: steps in (layer, step index) order take the first row below all their predecessors whose
 * cell in their lane is free, so parallel branches in different lanes share a row.
 */
function packCells(layer: readonly number[], preds: readonly number[][], lanes: readonly number[]): number[] {
  const order = layer.map((l, i) => [l, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rows = new Array<number>(layer.length).fill(0);
  const taken = new Set<string>();
  for (const [, i] of order) {
    let row = 0;
    for (const p of preds[i]!) row = Math.max(row, rows[p]! + 1);
    while (taken.has(`${lanes[i]}:${row}`)) row++;
    rows[i] = row;
    taken.add(`${lanes[i]}:${row}`);
  }
  return rows;
}
