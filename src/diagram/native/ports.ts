/**
 * Ports: where each edge leaves and enters its nodes, as offsets from the node centre.
 * Every edge leaves from the bottom (its label sits on that stub); forward edges enter at the top,
 * loops at a side. Ports sit on a 6px grid so that nearly-collinear stubs cannot happen, and the top
 * ports of a node avoid the bottom ports of the node right above it in the same lane, so the two
 * nodes' stubs in the channel between them never run along each other.
 */
import type { FlowEdge } from './rank.js';

export const PORT_GRID = 6;
export const PORT_GAP = 12;
const LABEL_GAP = 6;

export type Side = 'left' | 'right';

export interface PortNode {
  readonly lane: number;
  readonly row: number;
}

export interface EdgePorts {
  /** Offset of the source port from the source centre, along the bottom (0 for a hand-over). */
  readonly sourceDx: number;
  /** A same-row hand-over leaves its source's side at the centre line, towards the target. */
  readonly sourceSide?: Side;
  /** Forward edges (and loops a side cannot take): top of the target at dx. Loops: a side of the target at dy. */
  readonly target: { readonly kind: 'top'; readonly dx: number } | { readonly kind: 'side'; readonly side: Side; readonly dy: number };
  /** This edge is its source's straight-down edge (offset 0, matched by the target when right below). */
  readonly centre: boolean;
}

/** Gutter side used by a loop into a lane: the side facing the source (right when in the same lane). */
export function loopSide(sourceLane: number, targetLane: number): Side {
  return sourceLane < targetLane ? 'left' : 'right';
}

/** The side a loop enters its target by: the layout's choice, else the side facing the source. */
export function loopSideOf(e: FlowEdge, nodes: readonly PortNode[]): Side {
  return e.loopSide ?? loopSide(nodes[e.from]!.lane, nodes[e.to]!.lane);
}

/** Gutter side used by a long forward edge in the target's lane. */
export function forwardGutterSide(sourceLane: number, targetLane: number): Side {
  return sourceLane < targetLane ? 'left' : 'right';
}

const snap = (n: number) => Math.round(n / PORT_GRID) * PORT_GRID;
const snapUp = (n: number) => Math.ceil(n / PORT_GRID - 1e-9) * PORT_GRID;

/**
 * `sideEntries(i)`: how many loops may enter node i on each side. A box takes any number; a diamond
 * or stadium only one, at its side vertex, because a line entering its slanted border elsewhere
 * would cross the stubs leaving its bottom right next to the border. Further loops enter at the top.
 */
export function allocatePorts(
  nodes: readonly PortNode[],
  edges: readonly FlowEdge[],
  labelWidth: (e: FlowEdge) => number,
  canDrop: (e: FlowEdge) => boolean,
  sideEntries: (node: number) => number,
): EdgePorts[] {
  const outOf: FlowEdge[][] = nodes.map(() => []);
  const inTop: FlowEdge[][] = nodes.map(() => []);
  const inSide: FlowEdge[][] = nodes.map(() => []);
  // Sides taken by hand-overs (in or out), which keep the centre line of that side.
  const flatSides = nodes.map(() => new Set<Side>());
  for (const e of edges) {
    if (!e.flat) continue;
    const right = nodes[e.to]!.lane > nodes[e.from]!.lane;
    flatSides[e.from]!.add(right ? 'right' : 'left');
    flatSides[e.to]!.add(right ? 'left' : 'right');
  }
  for (const e of edges) if (!e.flat) outOf[e.from]!.push(e);
  for (const e of edges) {
    if (e.flat) continue;
    if (!e.back) inTop[e.to]!.push(e);
    else {
      const side = loopSideOf(e, nodes);
      const taken = inSide[e.to]!.filter((x) => loopSideOf(x, nodes) === side).length;
      const room = sideEntries(e.to) - (flatSides[e.to]!.has(side) && sideEntries(e.to) !== Infinity ? 1 : 0);
      (taken < room ? inSide : inTop)[e.to]!.push(e);
    }
  }
  // nodes by cell, as row * 65536 + column
  const cell = new Map(nodes.map((n, i) => [n.row * 65536 + n.lane, i]));

  const sourceDx = new Map<number, number>();
  const centre = new Set<number>();
  // Where each edge heads (from its source) and comes from (seen from its target), by edge index.
  const outHeading: number[] = [];
  const inHeading: number[] = [];
  nodes.forEach((n, i) => {
    const list = outOf[i]!;
    const c = centreEdge(n, list, nodes, canDrop);
    if (c !== undefined) centre.add(c.index);
    for (const e of list) outHeading[e.index] = e.index === c?.index ? 0 : bottomHeading(n, nodes[e.to]!, e, canDrop);
    const sorted = [...list].sort((a, b) => outHeading[a.index]! - outHeading[b.index]! || a.index - b.index);
    const xs = spreadWithLabels(sorted.map(labelWidth));
    const shift = bottomShift(xs, c === undefined ? undefined : sorted.indexOf(c));
    sorted.forEach((e, k) => sourceDx.set(e.index, xs[k]! + shift));
  });

  const target = new Map<number, EdgePorts['target']>();
  nodes.forEach((n, i) => {
    const above = cell.get((n.row - 1) * 65536 + n.lane);
    const pinned = inTop[i]!.find((e) => centre.has(e.index) && nodes[e.from]!.lane === n.lane);
    const forbidden = new Set(
      above === undefined ? [] : outOf[above]!.filter((e) => e.index !== pinned?.index).map((e) => sourceDx.get(e.index)!),
    );
    for (const e of inTop[i]!) inHeading[e.index] = topHeading(n, nodes[e.from]!, e, canDrop);
    // Among edges from the same side, the one coming from higher up enters nearer the middle, so the
    // others' horizontal runs (lower down) do not cross its vertical.
    const others = inTop[i]!
      .filter((e) => e !== pinned)
      .sort(
        (a, b) =>
          inHeading[a.index]! - inHeading[b.index]! ||
          (inHeading[a.index]! < 0 ? -1 : 1) * nodes[a.from]!.row - (inHeading[b.index]! < 0 ? -1 : 1) * nodes[b.from]!.row ||
          a.index - b.index,
      );
    const xs = placeAround(others, pinned, pinned === undefined ? undefined : sourceDx.get(pinned.index)!, (e) => inHeading[e.index]!, forbidden);
    for (const [e, dx] of xs) target.set(e.index, { kind: 'top', dx });
    if (inSide[i]!.length === 0) return;
    for (const side of ['left', 'right'] as const) {
      // Loops climbing further out (from lower rows, then from further across) enter higher, so
      // their last run passes above the climbs of the loops inside them instead of crossing them.
      const loops = inSide[i]!
        .filter((e) => loopSideOf(e, nodes) === side)
        .sort((a, b) => loopReach(nodes, b, n) - loopReach(nodes, a, n) || a.index - b.index);
      // Loops come up from below: with a hand-over on the centre line, they enter below it.
      if (flatSides[i]!.has(side)) loops.forEach((e, k) => target.set(e.index, { kind: 'side', side, dy: (k + 1) * PORT_GAP }));
      else loops.forEach((e, k) => target.set(e.index, { kind: 'side', side, dy: snap((k - (loops.length - 1) / 2) * PORT_GAP) }));
    }
  });

  return edges.map((e) => {
    if (!e.flat) return { sourceDx: sourceDx.get(e.index)!, target: target.get(e.index)!, centre: centre.has(e.index) };
    const right = nodes[e.to]!.lane > nodes[e.from]!.lane;
    return { sourceDx: 0, sourceSide: right ? 'right' : 'left', target: { kind: 'side', side: right ? 'left' : 'right', dy: 0 }, centre: false };
  });
}

/** How far out a loop into node n climbs: from lower rows, then from further across, is further. */
const loopReach = (nodes: readonly PortNode[], e: FlowEdge, n: PortNode) => nodes[e.from]!.row * 1000 + Math.abs(nodes[e.from]!.lane - n.lane);

/** Within a port gap of one of the stubs (of the node above). */
function nearStub(x: number, stubs: ReadonlySet<number>): boolean {
  for (const f of stubs) if (Math.abs(f - x) < PORT_GAP) return true;
  return false;
}

/** The ports' reach from the centre once shifted. */
function reachOf(xs: readonly number[], shift: number): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x + shift));
  return m;
}

/**
 * Offset that puts the straight-down edge at the centre, unless that makes the ports much more
 * lopsided than centring them all (the target then lines up with the off-centre port instead).
 */
function bottomShift(xs: readonly number[], centreAt: number | undefined): number {
  const centred = -snap((xs[xs.length - 1] ?? 0) / 2);
  if (centreAt === undefined) return centred;
  const straight = -xs[centreAt]!;
  return reachOf(xs, straight) <= reachOf(xs, centred) + PORT_GAP ? straight : centred;
}

/** The forward edge that goes straight down: to the nearest step below in the same lane, with nothing between. */
function centreEdge(n: PortNode, out: readonly FlowEdge[], nodes: readonly PortNode[], canDrop: (e: FlowEdge) => boolean): FlowEdge | undefined {
  let best: FlowEdge | undefined;
  for (const e of out) {
    const t = nodes[e.to]!;
    if (e.back || t.lane !== n.lane || !canDrop(e)) continue;
    if (best === undefined || t.row < nodes[best.to]!.row) best = e;
  }
  return best;
}

/** Where an edge heads, in lanes, so bottom ports are ordered like their edges and cross less. */
function bottomHeading(n: PortNode, t: PortNode, e: FlowEdge, canDrop: (e: FlowEdge) => boolean): number {
  if (e.back) return t.lane - n.lane + ((e.loopSide ?? loopSide(n.lane, t.lane)) === 'left' ? -0.4 : 0.4);
  if (t.lane === n.lane) return canDrop(e) ? 0.2 : 0.4;
  if (t.row === n.row + 1 || canDrop(e)) return t.lane - n.lane;
  return t.lane - n.lane + (forwardGutterSide(n.lane, t.lane) === 'left' ? -0.4 : 0.4);
}

/** Where an incoming forward edge arrives from, seen from the target. */
function topHeading(n: PortNode, s: PortNode, e: FlowEdge, canDrop: (e: FlowEdge) => boolean): number {
  if (s.row === n.row - 1 || canDrop(e)) return s.lane === n.lane ? 0.2 : s.lane - n.lane;
  return forwardGutterSide(s.lane, n.lane) === 'left' ? -0.4 : 0.4;
}

/** Positions from 0 upwards, apart by at least PORT_GAP and by half of each neighbour's label. */
function spreadWithLabels(labelWidths: readonly number[]): number[] {
  const xs: number[] = [];
  let x = 0;
  labelWidths.forEach((w, k) => {
    if (k > 0) {
      const prev = labelWidths[k - 1]!;
      const need = prev > 0 || w > 0 ? (prev + w) / 2 + LABEL_GAP : PORT_GAP;
      x += snapUp(Math.max(PORT_GAP, need));
    }
    xs.push(x);
  });
  return xs;
}

/**
 * Top ports: the pinned (straight-down) edge at its source's offset, the others on either side in
 * heading order, skipping offsets taken by the bottom ports of the node right above.
 */
function placeAround(
  others: readonly FlowEdge[],
  pinned: FlowEdge | undefined,
  pinnedDx: number | undefined,
  heading: (e: FlowEdge) => number,
  forbidden: ReadonlySet<number>,
): [FlowEdge, number][] {
  const out: [FlowEdge, number][] = [];
  let left: readonly FlowEdge[];
  let right: readonly FlowEdge[];
  let anchor: number;
  if (pinned !== undefined) {
    out.push([pinned, pinnedDx!]);
    anchor = pinnedDx!;
    left = others.filter((e) => heading(e) < 0);
    right = others.filter((e) => heading(e) >= 0);
  } else {
    if (others.length === 0) return out;
    const m = Math.floor((others.length - 1) / 2);
    const preferred = others.length % 2 === 0 ? -PORT_GRID : 0;
    anchor = nearestFree(preferred, forbidden);
    out.push([others[m]!, anchor]);
    left = others.slice(0, m);
    right = others.slice(m + 1);
  }
  let x = anchor;
  for (const e of right) {
    x += PORT_GAP;
    while (nearStub(x, forbidden)) x += PORT_GRID;
    out.push([e, x]);
  }
  x = anchor;
  for (const e of [...left].reverse()) {
    x -= PORT_GAP;
    while (nearStub(x, forbidden)) x -= PORT_GRID;
    out.push([e, x]);
  }
  return out;
}

/** Nearest offset at least a port gap away from the stubs of the node above (which it must not line up with). */
function nearestFree(x: number, forbidden: ReadonlySet<number>): number {
  for (let d = 0; ; d += PORT_GRID) {
    if (!nearStub(x + d, forbidden)) return x + d;
    if (!nearStub(x - d, forbidden)) return x - d;
  }
}
