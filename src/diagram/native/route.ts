/**
 * Orthogonal edge routing on an abstract grid, before the diagram has sizes.
 *
 * Coordinates are "keys": a lane/row index times SPAN plus a position inside it. Inside a node
 * column or a row band the position is in real px from the centre; in gutters (vertical tracks beside
 * the node column) and channels (horizontal tracks between rows) it is a track number. Later every
 * key maps to px by a strictly increasing function per axis, which keeps which segments cross,
 * touch or overlap; so the collision checks made here hold for the drawn diagram. Track counts
 * decide the gutter and channel sizes afterwards.
 *
 * Every edge leaves its source at the bottom. Candidates are tried in order of looks; the last one
 * uses fresh tracks and so always fits (ports are chosen so stubs of different edges never share a
 * line, see ports.ts).
 */
import type { FlowEdge } from './rank.js';
import { pushTo } from '../../util/maps.js';
import { forwardGutterSide, loopSideOf, PORT_GAP, PORT_GRID, type EdgePorts, type Side } from './ports.js';
import { halfHeightAt, halfWidthAt, portReach, type NodeShape } from './shapes.js';

export const SPAN = 1_000_000;
const LEFT_GUTTER = 200_000;
const COLUMN = 500_000;
const RIGHT_GUTTER = 800_000;
const CHANNEL = 100_000;
const ROW = 500_000;
const TRACK_KEY = 10;
/**
 * Parallel segments nearer than this (in keys: px inside columns and rows) count as one line. It
 * equals TRACK_KEY, so neighbouring tracks are apart (they are drawn at least 10 px apart), while
 * lines inside a column or a row band keep 10 px between them.
 */
const NEAR = 10;

export const colKey = (lane: number, dx: number) => lane * SPAN + COLUMN + dx;
export const gutterKey = (lane: number, side: Side, t: number) =>
  lane * SPAN + (side === 'left' ? LEFT_GUTTER - TRACK_KEY * t : RIGHT_GUTTER + TRACK_KEY * t);
export const rowKey = (row: number, dy: number) => row * SPAN + ROW + dy;
/** Channel c lies above row c (channel rowCount lies below the last row). */
export const trackKey = (channel: number, t: number) => channel * SPAN + CHANNEL + TRACK_KEY * t;

export type XKey = { kind: 'column'; lane: number; dx: number } | { kind: 'gutter'; lane: number; side: Side; track: number };
export type YKey = { kind: 'row'; row: number; dy: number } | { kind: 'track'; channel: number; track: number };

export function decodeX(k: number): XKey {
  const lane = Math.floor(k / SPAN);
  const rem = k - lane * SPAN;
  if (rem < 350_000) return { kind: 'gutter', lane, side: 'left', track: Math.round((LEFT_GUTTER - rem) / TRACK_KEY) };
  if (rem > 650_000) return { kind: 'gutter', lane, side: 'right', track: Math.round((rem - RIGHT_GUTTER) / TRACK_KEY) };
  return { kind: 'column', lane, dx: rem - COLUMN };
}

export function decodeY(k: number): YKey {
  const c = Math.floor(k / SPAN);
  const rem = k - c * SPAN;
  if (rem < 300_000) return { kind: 'track', channel: c, track: Math.round((rem - CHANNEL) / TRACK_KEY) };
  return { kind: 'row', row: c, dy: rem - ROW };
}

export interface RouteNode {
  readonly lane: number;
  readonly row: number;
  readonly shape: NodeShape;
  readonly width: number;
  readonly height: number;
}

export interface KeyPoint {
  readonly x: number;
  readonly y: number;
}

interface Segment {
  readonly edge: number;
  readonly vertical: boolean;
  /** x of a vertical, y of a horizontal */
  readonly at: number;
  readonly lo: number;
  readonly hi: number;
}

/** Routes in key coordinates, by edge index. */
export function routeEdges(nodes: readonly RouteNode[], edges: readonly FlowEdge[], ports: readonly EdgePorts[]): KeyPoint[][] {
  const routing = new Routing(nodes, edges, ports);
  routing.improve();
  return routing.routes;
}

/**
 * The routing of one drawing, in two phases: every edge routed once, in routing order (the
 * constructor), then `improve`. Between them `crossings` is an upper bound of the finished
 * routing's crossings (improving only ever lowers it), which the placement search (layout.ts) uses
 * to choose which drawings to finish. `work` counts the segment checks made so far, a measure of
 * the time spent that does not depend on the machine.
 */
export class Routing {
  readonly routes: KeyPoint[][];
  private readonly router: Router;
  private readonly order: readonly FlowEdge[];

  constructor(
    nodes: readonly RouteNode[],
    private readonly edges: readonly FlowEdge[],
    private readonly ports: readonly EdgePorts[],
  ) {
    this.router = new Router(nodes, edges, ports);
    this.order = routingOrder(this.router, nodes, edges, ports);
    this.routes = new Array(edges.length);
    for (const e of this.order) this.routes[e.index] = this.router.route(e, ports[e.index]!, ports);
    let twice = 0;
    for (const e of this.order) twice += this.router.crossings(e.index, this.routes[e.index]!);
    this.crossings = twice / 2;
  }

  /** Crossings between the lines of different edges. */
  crossings: number;

  get work(): number {
    return this.router.work;
  }

  /**
   * An edge routed early could not see the lines routed after it: route each again among all the
   * others, and keep the new way when it crosses fewer of them.
   * Bounded: on very large charts the passes cost more than the few crossings they save.
   */
  improve(): void {
    const { router, routes, ports } = this;
    const passes = this.edges.length <= REROUTE_MAX_EDGES ? REROUTE_PASSES : 0;
    // Routing is deterministic: an edge tried in vain is tried again only once some line has moved.
    let moves = 0;
    const triedAt = new Map<number, number>();
    for (let pass = 0; pass < passes; pass++) {
      let improved = false;
      for (const e of this.order) {
        if (e.flat || triedAt.get(e.index) === moves) continue;
        const old = routes[e.index]!;
        router.remove(e.index);
        const before = router.crossings(e.index, old);
        const next = before === 0 ? undefined : router.route(e, ports[e.index]!, ports, false, before);
        const after = next === undefined ? before : router.crossings(e.index, next);
        if (after < before) {
          routes[e.index] = next!;
          this.crossings -= before - after;
          improved = true;
          moves++;
        } else triedAt.set(e.index, moves);
        router.place(e.index, routes[e.index]!);
      }
      if (!improved) break;
    }
  }
}

const REROUTE_PASSES = 2;
/** Closer than this to a step's top or bottom a line would seem to feed an arrow there (MIN_TIP_GAP in invariants.ts, and a little). */
const TIP_CLEAR = 10;
/**
 * A column run beyond a line's ends costs this much of a crossing (loops may run round more freely,
 * but a loop round five columns costs two crossings: two honest crossings read better than a loop
 * that wanders round the whole chart).
 */
const FORWARD_DETOUR = 1;
const LOOP_DETOUR = 0.4;
/** A forward line into a side rather than the top (where lines are expected to arrive) costs this much. */
const SIDE_ENTRY = 0.5;
const REROUTE_MAX_EDGES = 80;
/** Fitting tracks weighed per choice (the lowest first): enough to find a way round, and bounded. */
const CHOICES = 4;

/**
 * Hand-overs first (their line is fixed), then edges by source row. An edge routed earlier takes
 * an upper track of the channel below its source, so among edges leaving one row the order follows
 * what keeps them from crossing: a line that passes over another edge's way in (its drop from the
 * source) must run below it; over its way out downwards, above it; over its way out upwards (a
 * loop climbing a gutter), below it. Where those rules conflict, longer runs go first.
 */
function routingOrder(router: Router, nodes: readonly RouteNode[], edges: readonly FlowEdge[], ports: readonly EdgePorts[]): FlowEdge[] {
  const run = (e: FlowEdge) => Math.abs(nodes[e.to]!.lane - nodes[e.from]!.lane);
  const byLooks = (a: FlowEdge, b: FlowEdge) => run(b) - run(a) || a.index - b.index;
  const flat = edges.filter((e) => e.flat);
  const rows = new Map<number, FlowEdge[]>();
  for (const e of edges) if (!e.flat) pushTo(rows, nodes[e.from]!.row, e);
  const out = [...flat];
  for (const row of [...rows.keys()].sort((a, b) => a - b)) out.push(...orderInChannel(rows.get(row)!));
  return out;

  function orderInChannel(group: FlowEdge[]): FlowEdge[] {
    const ends = group.map((e) => channelEnds(e));
    const n = group.length;
    const before: Set<number>[] = group.map(() => new Set()); // before[j]: i that must come before j
    const inside = (x: number, k: number) => x > Math.min(ends[k]!.entry, ends[k]!.exit) && x < Math.max(ends[k]!.entry, ends[k]!.exit);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const enters = inside(ends[b]!.entry, a);
        const leaves = inside(ends[b]!.exit, a);
        const bFirst = enters || (leaves && ends[b]!.up);
        const aFirst = leaves && !ends[b]!.up;
        if (bFirst && !aFirst) before[a]!.add(b);
        else if (aFirst && !bFirst) before[b]!.add(a);
      }
    const done = new Set<number>();
    const result: FlowEdge[] = [];
    const idx = group.map((_, i) => i).sort((x, y) => byLooks(group[x]!, group[y]!));
    while (result.length < n) {
      // The best-looking edge whose predecessors are all placed; on a cycle, the best-looking left.
      const next = idx.find((i) => !done.has(i) && [...before[i]!].every((j) => done.has(j))) ?? idx.find((i) => !done.has(i))!;
      done.add(next);
      result.push(group[next]!);
    }
    return result;
  }

  /** Where an edge comes into the channel below its source (x) and where it leaves it. */
  function channelEnds(e: FlowEdge): { entry: number; exit: number; up: boolean } {
    const u = nodes[e.from]!;
    const v = nodes[e.to]!;
    const p = ports[e.index]!;
    const entry = colKey(u.lane, p.sourceDx);
    if (e.back) return { entry, exit: gutterKey(v.lane, p.target.kind === 'side' ? p.target.side : loopSideOf(e, nodes), 0), up: true };
    const dx = p.target.kind === 'top' ? p.target.dx : 0;
    if (v.row === u.row + 1 || router.dropAllowed(e, colKey(v.lane, dx), ports)) return { entry, exit: colKey(v.lane, dx), up: false };
    return { entry, exit: gutterKey(v.lane, forwardGutterSide(u.lane, v.lane), 0), up: false };
  }
}

class Router {
  /** Segments drawn so far, in buckets by lane (verticals) or row (horizontals): key / SPAN. */
  private readonly vertical = new Map<number, Segment[]>();
  private readonly horizontal = new Map<number, Segment[]>();
  /** The same segments by their line (at / NEAR), to find the ones near a line quickly. */
  private readonly verticalNear = new Map<number, Segment[]>();
  private readonly horizontalNear = new Map<number, Segment[]>();
  private readonly placedIn = new Map<number, [Map<number, Segment[]>, number][]>(); // edge -> its buckets
  private readonly nodesInColumn = new Map<number, RouteNode[]>();
  private readonly nodesInRow = new Map<number, RouteNode[]>();
  private readonly channelTracks = new Map<number, number>(); // channel -> tracks used
  private readonly gutterTracks = new Map<number, number>(); // sideKey(column, side) -> tracks used
  private readonly cells: Map<number, number>; // cellAt(column, row) -> node
  private readonly lastColumn: number;

  /** The route counted last (or chosen last), the version of the drawn lines and its crossings. */
  private knownPoints: readonly KeyPoint[] | undefined;
  private knownVersion = -1;
  private knownCrossings = 0;
  private version = 0;
  private readonly tracksFound: { edge: number; x: number; track: Track | undefined }[] = [];
  private readonly scratchSegments: [MutableSegment, MutableSegment, MutableSegment] = [newSegment(), newSegment(), newSegment()];
  private readonly scratch: Segment[] = [...this.scratchSegments];
  /**
   * The most a candidate being built may cost (crossings; see route): a way that already crosses
   * more lines is dropped before it is finished, as it could not be chosen.
   */
  private bound = Infinity;
  /** Crossings of the segments built for the track firstTrack found last. */
  private trackCrossings = 0;
  /** Crossings of the end of the way round built last (acrossAbove), for the bound. */
  private finishCrossings = 0;
  private tracksVersion = -1;
  /** Segment checks made (see Routing.work). */
  work = 0;
  /** Sides of nodes (sideKey) where some line enters or leaves by a side port. */
  private readonly sidesTaken = new Set<number>();
  /** Offsets of the ports on each node's top and bottom, by node. */
  private readonly topsTaken = new Map<number, number[]>();
  /** Where each placed line comes down onto its target's top: node and offset, by edge (a loop may take a free top). */
  private readonly topArrivals = new Map<number, [node: number, dx: number]>();
  private readonly bottomsTaken = new Map<number, number[]>();

  constructor(
    private readonly nodes: readonly RouteNode[],
    private readonly edges: readonly FlowEdge[],
    ports: readonly EdgePorts[],
  ) {
    edges.forEach((e, i) => {
      const p = ports[i]!;
      if (p.sourceSide !== undefined) this.sidesTaken.add(sideKey(e.from, p.sourceSide));
      if (p.target.kind === 'side') this.sidesTaken.add(sideKey(e.to, p.target.side));
      else pushTo(this.topsTaken, e.to, p.target.dx);
      if (!e.flat) pushTo(this.bottomsTaken, e.from, p.sourceDx);
    });
    this.cells = new Map(nodes.map((n, i) => [cellAt(n.lane, n.row), i]));
    this.lastColumn = nodes.reduce((m, n) => Math.max(m, n.lane), 0);
    for (const n of nodes) {
      pushTo(this.nodesInColumn, n.lane, n);
      pushTo(this.nodesInRow, n.row, n);
    }
  }

  /**
   * The edge's route (placed, unless `place` is false). With a `limit`: the best route that costs
   * less (crossings and detour), if any; the ways round that cannot are not built.
   */
  route(e: FlowEdge, p: EdgePorts, all: readonly EdgePorts[], place?: true): KeyPoint[];
  route(e: FlowEdge, p: EdgePorts, all: readonly EdgePorts[], place: false, limit: number): KeyPoint[] | undefined;
  route(e: FlowEdge, p: EdgePorts, all: readonly EdgePorts[], place = true, limit = Infinity): KeyPoint[] | undefined {
    const u = this.nodes[e.from]!;
    const v = this.nodes[e.to]!;
    const candidates: (() => KeyPoint[] | undefined)[] = [];
    /** Per candidate: columns it runs beyond its ends, weighed against the crossings it saves. */
    const detours: number[] = [];
    if (p.sourceSide !== undefined && p.target.kind === 'side') {
      const out = p.sourceSide === 'left' ? -1 : 1;
      const from = { x: colKey(u.lane, out * halfWidthAt(u.shape, u.width, u.height, 0)), y: rowKey(u.row, 0) };
      const to = { x: colKey(v.lane, -out * halfWidthAt(v.shape, v.width, v.height, 0)), y: rowKey(v.row, 0) };
      if (place) this.place(e.index, [from, to]);
      return [from, to];
    }
    const src = { x: colKey(u.lane, p.sourceDx), y: rowKey(u.row, halfHeightAt(u.shape, u.width, u.height, p.sourceDx)) };
    if (p.target.kind === 'side') {
      const dy = p.target.dy;
      const sign = p.target.side === 'left' ? -1 : 1;
      const tgt = { x: colKey(v.lane, sign * halfWidthAt(v.shape, v.width, v.height, dy)), y: rowKey(v.row, dy) };
      const side = p.target.side;
      addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, v.lane, side, (gx) => [{ x: gx, y: tgt.y }, tgt]));
      if (e.back) {
        // Or up another gutter on that side, then straight across the target's row into its side.
        for (const [c, s] of this.otherGutters(u.lane, v.lane, v.lane, side))
          if (side === 'left' ? c < v.lane : c > v.lane) addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => [{ x: gx, y: tgt.y }, tgt]), beyondEnds(c, u.lane, v.lane));
        // Or down into its top, at a port no other line is near.
        for (const dx of this.freeTops(e.to)) {
          const top = { x: colKey(v.lane, dx), y: rowKey(v.row, -halfHeightAt(v.shape, v.width, v.height, dx)) };
          for (const [c, s] of this.otherGutters(u.lane, v.lane, -1, side))
            addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => this.acrossAbove(e, gx, top, v.row)), beyondEnds(c, u.lane, v.lane));
        }
        // Or into the other side, when no line uses it, at its middle.
        const other = side === 'left' ? 'right' : 'left';
        if (!this.sidesTaken.has(sideKey(e.to, other))) {
          const mid = { x: colKey(v.lane, (other === 'left' ? -1 : 1) * halfWidthAt(v.shape, v.width, v.height, 0)), y: rowKey(v.row, 0) };
          for (const [c, s] of this.otherGutters(u.lane, v.lane, v.lane, other === 'left' ? 'right' : 'left'))
            if (other === 'left' ? c <= v.lane : c >= v.lane) addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => [{ x: gx, y: mid.y }, mid]), beyondEnds(c, u.lane, v.lane));
        }
      }
    } else {
      const dx = p.target.dx;
      const tgt = { x: colKey(v.lane, dx), y: rowKey(v.row, -halfHeightAt(v.shape, v.width, v.height, dx)) };
      if (!e.back && (v.row === u.row + 1 || this.dropAllowed(e, tgt.x, all))) addCandidate(candidates, detours, () => this.viaChannel(e, src, tgt, u.row + 1));
      if (e.back || v.row > u.row + 1) {
        // Down (or, for a loop, up) a gutter to the channel above the target, then in from the top.
        const side = e.back ? loopSideOf(e, this.nodes) : forwardGutterSide(u.lane, v.lane);
        addCandidate(candidates, detours, () =>
          this.viaGutter(e, src, u.row + 1, v.lane, side, (gx) => this.acrossAbove(e, gx, tgt, v.row)),
        );
        // A loop may climb any gutter near its ends: outside the lines between them it crosses none.
        if (e.back)
          for (const [c, s] of this.otherGutters(u.lane, v.lane, v.lane, side))
            addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => this.acrossAbove(e, gx, tgt, v.row)), beyondEnds(c, u.lane, v.lane));
      }
      if (!e.back && v.row > u.row + 1 && u.lane !== v.lane) {
        // Or down first, in the source's column or gutter, and across in the channel above the target.
        addCandidate(candidates, detours, () => this.dropThenAcross(e, src, tgt, u, v.row, all));
        const side = v.lane > u.lane ? 'right' : 'left';
        addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, u.lane, side, (gx) => this.acrossAbove(e, gx, tgt, v.row)));
      }
      if (!e.back && v.row > u.row + 1)
        for (const [c, s] of this.otherGutters(u.lane, v.lane, v.lane, forwardGutterSide(u.lane, v.lane)))
          addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => this.acrossAbove(e, gx, tgt, v.row)), beyondEnds(c, u.lane, v.lane));
      // Or down a gutter and into a side of the target no line uses, at its middle.
      if (!e.back)
        for (const side of ['left', 'right'] as const) {
          if (this.sidesTaken.has(sideKey(e.to, side))) continue;
          const mid = { x: colKey(v.lane, (side === 'left' ? -1 : 1) * halfWidthAt(v.shape, v.width, v.height, 0)), y: rowKey(v.row, 0) };
          for (const [c, s] of this.otherGutters(u.lane, v.lane, -1, side))
            if (side === 'left' ? c < v.lane || (c === v.lane && s === 'left') : c > v.lane || (c === v.lane && s === 'right'))
              addCandidate(candidates, detours, () => this.viaGutter(e, src, u.row + 1, c, s, (gx) => [{ x: gx, y: mid.y }, mid]), beyondEnds(c, u.lane, v.lane) + SIDE_ENTRY);
        }
    }
    // Of the candidates that fit, the one that crosses fewest lines already drawn (the first on a
    // tie). Tried by their detour, least first: once one costs no more than a detour, no longer
    // way round can win, and the rest is not built.
    let best: KeyPoint[] | undefined;
    let bestCost = limit;
    let bestCrossings = 0;
    let bestAt = limit === Infinity ? Infinity : -1;
    const detourCost = e.back ? LOOP_DETOUR : FORWARD_DETOUR;
    const order = candidates.map((_, k) => k).sort((a, b) => detours[a]! - detours[b]! || a - b);
    for (const k of order) {
      const detour = detours[k]! * detourCost;
      if (detour > bestCost || (detour === bestCost && k > bestAt)) break;
      this.bound = bestCost - detour;
      const points = candidates[k]!();
      this.bound = Infinity;
      if (points === undefined) continue;
      const crossings = this.crossings(e.index, points);
      const cost = crossings + detour;
      if (cost < bestCost || (cost === bestCost && k < bestAt)) [best, bestCost, bestCrossings, bestAt] = [points, cost, crossings, k];
    }
    if (best !== undefined) this.remember(best, bestCrossings);
    if (best !== undefined || limit !== Infinity) {
      if (place && best !== undefined) this.place(e.index, best);
      return best;
    }
    throw new Error(`native swimlane: no route for edge ${e.index} (${e.from} -> ${e.to})`);
  }

  /**
   * Offsets on a node's top where a loop may come down: inside the node's port reach, a port gap
   * from its other top ports and from the bottom ports of the node right above. The outermost
   * free offset on each side.
   */
  private freeTops(i: number): number[] {
    const n = this.nodes[i]!;
    const reach = Math.floor(((n.width / 2 - (n.shape === 'box' ? 10 : 4)) * portReach(n.shape)) / PORT_GRID) * PORT_GRID;
    const above = this.cells.get(cellAt(n.lane, n.row - 1));
    const near = [...(this.topsTaken.get(i) ?? []), ...(above === undefined ? [] : this.bottomsTaken.get(above) ?? [])];
    // and the tops other loops have taken
    for (const [node, dx] of this.topArrivals.values()) if (node === i) near.push(dx);
    const free = (dx: number) => near.every((x) => Math.abs(x - dx) >= PORT_GAP);
    const out: number[] = [];
    for (let dx = -reach; dx <= reach; dx += PORT_GRID) if (free(dx)) (out.push(dx), (dx = reach + 1));
    for (let dx = reach; dx >= -reach; dx -= PORT_GRID) if (free(dx)) (out.includes(dx) || out.push(dx), (dx = -reach - 1));
    return out;
  }

  /** Gutters of the columns from one beyond the ends to one beyond and the chart's outer ones, but `skip` on `skipSide`. */
  private otherGutters(a: number, b: number, skip: number, skipSide: Side): [number, Side][] {
    const out: [number, Side][] = [];
    const last = this.lastColumn;
    const from = Math.max(0, Math.min(a, b) - 1);
    const to = Math.min(last, Math.max(a, b) + 1);
    for (let c = from; c <= to; c++)
      for (const s of ['left', 'right'] as const) if (c !== skip || s !== skipSide) out.push([c, s]);
    // and round the outside of the chart, where no line runs across
    if (from > 0) out.push([0, 'left']);
    if (to < last) out.push([last, 'right']);
    return out;
  }

  /** Down into the channel below the source, across, and down through empty cells (or straight down). */
  private viaChannel(e: FlowEdge, src: KeyPoint, tgt: KeyPoint, channel: number): KeyPoint[] | undefined {
    if (src.x === tgt.x) return this.fits(e, [src, tgt]) ? [src, tgt] : undefined;
    const t = this.firstTrack(channel, e.index, src.x, src.y, tgt.x, tgt.y);
    if (t === undefined) return undefined;
    const y = trackKey(channel, t);
    const points = [src, { x: src.x, y }, { x: tgt.x, y }, tgt];
    this.remember(points, this.trackCrossings);
    return points;
  }

  /** From a vertical at x down to the channel above the target row, across, and in from the top. */
  private acrossAbove(e: FlowEdge, x: number, tgt: KeyPoint, row: number): KeyPoint[] | undefined {
    const t = this.firstTrack(row, e.index, x, NaN, tgt.x, tgt.y);
    if (t === undefined) return undefined;
    this.finishCrossings = this.trackCrossings;
    return [{ x, y: trackKey(row, t) }, { x: tgt.x, y: trackKey(row, t) }, tgt];
  }

  /** Straight down the source's column through empty cells to the channel above the target, then across. */
  private dropThenAcross(e: FlowEdge, src: KeyPoint, tgt: KeyPoint, u: RouteNode, row: number, all: readonly EdgePorts[]): KeyPoint[] | undefined {
    for (let r = u.row + 1; r < row; r++) if (this.cells.has(cellAt(u.lane, r))) return undefined;
    // The drop ends in the channel right above the step (if any) below it: keep clear of that step's way in.
    const below = this.cells.get(cellAt(u.lane, row));
    const dx = src.x - colKey(u.lane, 0);
    if (below !== undefined && all.some((p, i) => this.edges[i]!.to === below && p.target.kind === 'top' && Math.abs(p.target.dx - dx) < NEAR)) return undefined;
    const t = this.firstTrack(row, e.index, src.x, src.y, tgt.x, tgt.y);
    if (t === undefined) return undefined;
    const crossings = this.trackCrossings;
    const y = trackKey(row, t);
    const points = [src, { x: src.x, y }, { x: tgt.x, y }, tgt];
    if (!this.fits(e, points)) return undefined;
    this.remember(points, crossings);
    return points;
  }

  /** Down into the channel below the source, across to a gutter track, along it, then `finish`. */
  private viaGutter(
    e: FlowEdge,
    src: KeyPoint,
    channel: number,
    lane: number,
    side: Side,
    finish: (gx: number) => KeyPoint[] | undefined,
  ): KeyPoint[] | undefined {
    const used = this.gutterTracks.get(sideKey(lane, side)) ?? 0;
    const bound = this.bound;
    let best: KeyPoint[] | undefined;
    let bestCost = Infinity;
    let tried = 0;
    for (let tg = 0; tg <= used && tried < CHOICES; tg++) {
      const gx = gutterKey(lane, side, tg);
      const first = this.sameTrack(e, src, channel, gx);
      if (first === undefined) continue;
      // Its crossings so far already cost more than the candidate may: no need to build the rest.
      if (first.crossings > bound) continue;
      const t1 = first.track;
      this.finishCrossings = 0;
      const rest = finish(gx);
      if (rest === undefined) continue;
      const y1 = trackKey(channel, t1);
      const points = [src, { x: src.x, y: y1 }, { x: gx, y: y1 }, ...rest];
      // the way into the channel and across it fit (firstTrack): the rest must
      if (!this.fits(e, points, 2)) continue;
      tried++;
      // The start and the end already cross more lines than the candidate may: not counted further.
      if (first.crossings + this.finishCrossings > bound) continue;
      const cost = this.crossings(e.index, points);
      if (cost < bestCost) [best, bestCost] = [points, cost];
      if (cost === 0) break;
    }
    if (best !== undefined) this.remember(best, bestCost);
    return best;
  }

  /**
   * The track found before for the way from the edge's source to the gutter track at x, while no
   * line has been placed or removed since (so while one edge is being routed, from one source):
   * the ways round an edge share their start (down to a gutter, then on to different ends).
   */
  private sameTrack(e: FlowEdge, src: KeyPoint, channel: number, x: number): Track | undefined {
    if (this.tracksVersion !== this.version) {
      this.tracksFound.length = 0;
      this.tracksVersion = this.version;
    }
    // a few dozen ways at most while one edge is routed: a list is quicker than a map
    for (const found of this.tracksFound) if (found.x === x && found.edge === e.index) return found.track;
    const t = this.firstTrack(channel, e.index, src.x, src.y, x, NaN);
    const track = t === undefined ? undefined : { track: t, crossings: this.trackCrossings };
    this.tracksFound.push({ edge: e.index, x, track });
    return track;
  }



  /**
   * The track of the channel where the segments built for it fit and cross fewest lines already
   * drawn (the lowest on a tie); a fresh track is always tried.
   */
  private firstTrack(channel: number, edge: number, x0: number, y0: number, x1: number, y1: number): number | undefined {
    const used = this.channelTracks.get(channel) ?? 0;
    let best: number | undefined;
    let bestCost = Infinity;
    let tried = 0;
    const segs = this.scratch;
    for (let t = 0; t <= used && tried < CHOICES; t++) {
      const n = this.trackSegments(edge, x0, y0, x1, y1, trackKey(channel, t));
      let fit = true;
      for (let k = 0; k < n && fit; k++) fit = this.segmentFits(segs[k]!);
      if (!fit) continue;
      tried++;
      let cost = 0;
      for (let k = 0; k < n; k++) cost += this.segmentCrossings(segs[k]!);
      if (cost < bestCost) {
        best = t;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    this.trackCrossings = bestCost;
    return best;
  }

  /**
   * The segments of a way along the track at y: down from (x0, y0) to it (unless y0 is NaN),
   * across from x0 to x1, and down to (x1, y1) (unless y1 is NaN): how many, in this.scratch.
   * Built in segments reused from call to call: the checks keep none of them.
   */
  private trackSegments(edge: number, x0: number, y0: number, x1: number, y1: number, y: number): number {
    const out = this.scratch;
    const all = this.scratchSegments;
    let n = 0;
    if (!Number.isNaN(y0)) out[n++] = setSegment(all[0], edge, true, x0, y0, y);
    // a way straight down has no run across: a segment of no length, as a point counts as vertical
    out[n++] = x0 === x1 ? setSegment(all[1], edge, true, x0, y, y) : setSegment(all[1], edge, false, y, x0, x1);
    if (!Number.isNaN(y1)) out[n++] = setSegment(all[2], edge, true, x1, y, y1);
    return n;
  }


  remove(edge: number): void {
    this.version++;
    for (const [buckets, k] of this.placedIn.get(edge) ?? []) {
      const list = buckets.get(k)!;
      buckets.set(k, list.filter((o) => o.edge !== edge));
    }
    this.placedIn.delete(edge);
    this.topArrivals.delete(edge);
  }

  crossings(edge: number, points: readonly KeyPoint[]): number {
    // A route is weighed where it is built (a gutter's tracks) and again among the candidates:
    // counted once while no line is placed or removed.
    if (this.knownPoints === points && this.knownVersion === this.version) return this.knownCrossings;
    let n = 0;
    const s = this.scratchSegments[0];
    for (let i = 1; i < points.length; i++) n += this.segmentCrossings(segmentBetween(s, edge, points[i - 1]!, points[i]!));
    this.remember(points, n);
    return n;
  }

  private remember(points: readonly KeyPoint[], crossings: number): void {
    this.knownPoints = points;
    this.knownVersion = this.version;
    this.knownCrossings = crossings;
  }

  /** Lines of other edges already drawn that the segment crosses (strictly inside both). */
  private segmentCrossings(s: Segment): number {
    this.work++;
    let n = 0;
    const across = s.vertical ? this.horizontal : this.vertical;
    for (let b = Math.floor(s.lo / SPAN); b <= Math.floor(s.hi / SPAN); b++) {
      const list = across.get(b);
      if (list !== undefined) for (const o of list) if (o.edge !== s.edge && o.at > s.lo && o.at < s.hi && s.at > o.lo && s.at < o.hi) n++;
    }
    return n;
  }

  /**
   * A drop runs down through the target's column; the cells it crosses must be empty, and the
   * step in the cell where it starts must have no other stub on that line.
   */
  dropAllowed(e: FlowEdge, x: number, all: readonly EdgePorts[]): boolean {
    const u = this.nodes[e.from]!;
    const v = this.nodes[e.to]!;
    for (let r = u.row + 1; r < v.row; r++) if (this.cells.has(cellAt(v.lane, r))) return false;
    const above = this.cells.get(cellAt(v.lane, u.row));
    if (above === undefined) return true;
    const dx = x - colKey(v.lane, 0);
    return !all.some((p, i) => i !== e.index && this.edges[i]!.from === above && Math.abs(p.sourceDx - dx) < NEAR);
  }

  /** Whether the route's segments from points[from] on fit. */
  private fits(e: FlowEdge, points: readonly KeyPoint[], from = 0): boolean {
    const s = this.scratchSegments[0];
    for (let i = from + 1; i < points.length; i++) if (!this.segmentFits(segmentBetween(s, e.index, points[i - 1]!, points[i]!))) return false;
    return true;
  }

  private segmentFits(s: Segment): boolean {
    this.work++;
    if (s.lo === s.hi) return true;
    const along = s.vertical ? this.verticalNear : this.horizontalNear;
    const line = Math.floor(s.at / NEAR);
    for (let k = line - 1; k <= line + 1; k++) {
      const list = along.get(k);
      if (list === undefined) continue;
      for (const o of list) if (o.edge !== s.edge && Math.abs(o.at - s.at) < NEAR && o.lo <= s.hi + NEAR && s.lo <= o.hi + NEAR) return false;
    }
    const b = Math.floor(s.at / SPAN);
    const near = (s.vertical ? this.nodesInColumn : this.nodesInRow).get(b);
    if (near !== undefined) for (const n of near) if (this.crossesNode(s, n)) return false;
    return true;
  }

  /** Whether the segment enters the node's shape (a port on its boundary is fine). */
  private crossesNode(s: Segment, n: RouteNode): boolean {
    const cx = colKey(n.lane, 0);
    const cy = rowKey(n.row, 0);
    if (s.vertical) {
      const dx = s.at - cx;
      if (Math.abs(dx) >= n.width / 2 + 2) return false;
      const hh = Math.max(halfHeightAt(n.shape, n.width, n.height, dx), 2) - 0.5;
      return s.lo < cy + hh && s.hi > cy - hh;
    }
    const dy = s.at - cy;
    // A line across the row just above (or below) a shorter step would run through the arrow tips
    // on its top: it keeps TIP_CLEAR from the step's top and bottom wherever it passes over it.
    if (Math.abs(dy) >= n.height / 2 + 2) return Math.abs(dy) < n.height / 2 + TIP_CLEAR && s.lo < cx + n.width / 2 && s.hi > cx - n.width / 2;
    const hw = Math.max(halfWidthAt(n.shape, n.width, n.height, dy), 2) - 0.5;
    return s.lo < cx + hw && s.hi > cx - hw;
  }

  place(edge: number, points: readonly KeyPoint[]): void {
    this.version++;
    const last = points[points.length - 1]!;
    const before = points[points.length - 2];
    const to = this.edges[edge]!.to;
    const v = this.nodes[to]!;
    if (before !== undefined && before.x === last.x && before.y < last.y && last.y < rowKey(v.row, 0)) this.topArrivals.set(edge, [to, last.x - colKey(v.lane, 0)]);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const s = seg(edge, a, b);
      if (s.lo !== s.hi) {
        const buckets = s.vertical ? this.vertical : this.horizontal;
        const near = s.vertical ? this.verticalNear : this.horizontalNear;
        const k = Math.floor(s.at / SPAN);
        const line = Math.floor(s.at / NEAR);
        pushTo(buckets, k, s);
        pushTo(near, line, s);
        const mine = this.placedIn.get(edge);
        if (mine === undefined) this.placedIn.set(edge, [[buckets, k], [near, line]]);
        else mine.push([buckets, k], [near, line]);
      }
      for (const p of [a, b]) this.noteTrack(p);
    }
  }

  private noteTrack(p: KeyPoint): void {
    // decodeY and decodeX, without making an object per point
    const channel = Math.floor(p.y / SPAN);
    const yRem = p.y - channel * SPAN;
    if (yRem < 300_000) {
      const track = Math.round((yRem - CHANNEL) / TRACK_KEY);
      this.channelTracks.set(channel, Math.max(this.channelTracks.get(channel) ?? 0, track + 1));
    }
    const lane = Math.floor(p.x / SPAN);
    const xRem = p.x - lane * SPAN;
    if (xRem < 350_000 || xRem > 650_000) {
      const left = xRem < 350_000;
      const track = Math.round(left ? (LEFT_GUTTER - xRem) / TRACK_KEY : (xRem - RIGHT_GUTTER) / TRACK_KEY);
      const k = sideKey(lane, left ? 'left' : 'right');
      this.gutterTracks.set(k, Math.max(this.gutterTracks.get(k) ?? 0, track + 1));
    }
  }

}

type MutableSegment = { -readonly [K in keyof Segment]: Segment[K] };

const newSegment = (): MutableSegment => ({ edge: 0, vertical: false, at: 0, lo: 0, hi: 0 });

function setSegment(s: MutableSegment, edge: number, vertical: boolean, at: number, a: number, b: number): Segment {
  s.edge = edge;
  s.vertical = vertical;
  s.at = at;
  s.lo = Math.min(a, b);
  s.hi = Math.max(a, b);
  return s;
}

interface Track {
  readonly track: number;
  /** Crossings of the segments built for it. */
  readonly crossings: number;
}

/** A cell (column, row) as one number, for the maps of cells. */
const cellAt = (lane: number, row: number) => row * 65536 + lane;
/** A side of a node, or of a column's gutters, as one number. */
const sideKey = (i: number, side: Side) => i * 2 + (side === 'right' ? 1 : 0);

function addCandidate(candidates: (() => KeyPoint[] | undefined)[], detours: number[], candidate: () => KeyPoint[] | undefined, detour = 0): void {
  candidates.push(candidate);
  detours.push(detour);
}

/** Columns that column c lies beyond the span of columns a and b. */
const beyondEnds = (c: number, a: number, b: number) => Math.max(0, c - Math.max(a, b), Math.min(a, b) - c);

/** The segment from a to b, written into s (see seg). */
function segmentBetween(s: MutableSegment, edge: number, a: KeyPoint, b: KeyPoint): Segment {
  return a.x === b.x ? setSegment(s, edge, true, a.x, a.y, b.y) : setSegment(s, edge, false, a.y, a.x, b.x);
}

function seg(edge: number, a: KeyPoint, b: KeyPoint): Segment {
  const vertical = a.x === b.x;
  return vertical
    ? { edge, vertical, at: a.x, lo: Math.min(a.y, b.y), hi: Math.max(a.y, b.y) }
    : { edge, vertical, at: a.y, lo: Math.min(a.x, b.x), hi: Math.max(a.x, b.x) };
}
