/** Flow-graph rules of the format, shared by the checker and the model builder. Pure. */

/** How a step's `next` was written. */
export type NextSpec =
  | { readonly kind: 'ids'; readonly targets: readonly string[] }
  | { readonly kind: 'labels'; readonly branches: readonly (readonly [label: string, target: string])[] };

export interface FlowStep {
  readonly id?: string;
  readonly next?: NextSpec;
  readonly start: boolean;
  readonly end: boolean;
}

export interface IndexEdge {
  readonly from: number;
  readonly to: number;
  readonly label?: string;
}

/** Map of id -> index of the first step with that id. */
export function idIndex(steps: readonly FlowStep[]): Map<string, number> {
  const m = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.id !== undefined && !m.has(s.id)) m.set(s.id, i);
  });
  return m;
}

/**
 * Outgoing edges of every step: `next` as written, or else the following step
 * (none after the last step or after `end: true`). Targets naming no step are left out.
 */
export function resolveEdges(steps: readonly FlowStep[]): IndexEdge[][] {
  const ids = idIndex(steps);
  return steps.map((s, i) => {
    if (s.end) return [];
    const n = s.next;
    if (n === undefined) return i + 1 < steps.length ? [{ from: i, to: i + 1 }] : [];
    const out: IndexEdge[] = [];
    if (n.kind === 'ids') {
      for (const t of n.targets) {
        const to = ids.get(t);
        if (to !== undefined) out.push({ from: i, to });
      }
    } else {
      for (const [label, t] of n.branches) {
        const to = ids.get(t);
        if (to !== undefined) out.push({ from: i, to, label });
      }
    }
    return out;
  });
}

/** Where any step has `start: true`, only those; otherwise the first step. */
export function startIndexes(steps: readonly FlowStep[]): number[] {
  const marked = steps.flatMap((s, i) => (s.start ? [i] : []));
  return marked.length > 0 ? marked : steps.length > 0 ? [0] : [];
}

/** Indexes reachable from the starts (the starts included), by breadth-first search. */
export function reachable(starts: readonly number[], edges: readonly (readonly IndexEdge[])[]): Set<number> {
  const seen = new Set<number>(starts);
  const queue = [...starts];
  for (let q = 0; q < queue.length; q++) {
    for (const e of edges[queue[q]!] ?? []) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}

/** A flow's edges, starts and reachable steps, worked out together. */
export interface Flow {
  readonly edges: readonly (readonly IndexEdge[])[];
  readonly starts: readonly number[];
  readonly reachable: ReadonlySet<number>;
}

/**
 * The checker's reachability rule and the model builder both need a document's flow: worked out
 * once per steps array (a document's steps are never changed once decoded).
 */
const flows = new WeakMap<readonly FlowStep[], Flow>();
export function flowOf(steps: readonly FlowStep[]): Flow {
  let f = flows.get(steps);
  if (!f) {
    const edges = resolveEdges(steps);
    const starts = startIndexes(steps);
    flows.set(steps, (f = { edges, starts, reachable: reachable(starts, edges) }));
  }
  return f;
}
