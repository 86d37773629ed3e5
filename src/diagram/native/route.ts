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
import { forwardGutterSide, loopSideOf, type EdgePorts, type Side } from './ports.js';
import { halfHeightAt, halfWidthAt, type NodeShape } from './shapes.js';

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
  const router = new Router(nodes, edges);
  const order = [...edges].sort(
    (a, b) =>
      // Hand-overs first: their straight line is fixed.
      Number(b.flat) - Number(a.flat) ||
      nodes[a.from]!.row - nodes[b.from]!.row ||
      // Longer runs first take the upper tracks, so shorter ones turn down without crossing them.
      Math.abs(nodes[b.to]!.lane - nodes[b.from]!.lane) - Math.abs(nodes[a.to]!.lane - nodes[a.from]!.lane) ||
      a.index - b.index,
  );
  const routes: KeyPoint[][] = new Array(edges.length);
  for (const e of order) routes[e.index] = router.route(e, ports[e.index]!, ports);
  return routes;
}

class Router {
  private readonly segments: Segment[] = [];
  private readonly channelTracks = new Map<number, number>(); // channel -> tracks used
  private readonly gutterTracks = new Map<string, number>(); // lane:side -> tracks used
  private readonly cells: Map<string, number>;

  constructor(
    private readonly nodes: readonly RouteNode[],
    private readonly edges: readonly FlowEdge[],
  ) {
    this.cells = new Map(nodes.map((n, i) => [`${n.lane}:${n.row}`, i]));
  }

  route(e: FlowEdge, p: EdgePorts, all: readonly EdgePorts[]): KeyPoint[] {
    const u = this.nodes[e.from]!;
    const v = this.nodes[e.to]!;
    const candidates: (() => KeyPoint[] | undefined)[] = [];
    if (p.sourceSide !== undefined && p.target.kind === 'side') {
      const out = p.sourceSide === 'left' ? -1 : 1;
      const from = { x: colKey(u.lane, out * halfWidthAt(u.shape, u.width, u.height, 0)), y: rowKey(u.row, 0) };
      const to = { x: colKey(v.lane, -out * halfWidthAt(v.shape, v.width, v.height, 0)), y: rowKey(v.row, 0) };
      this.place(e.index, [from, to]);
      return [from, to];
    }
    const src = { x: colKey(u.lane, p.sourceDx), y: rowKey(u.row, halfHeightAt(u.shape, u.width, u.height, p.sourceDx)) };
    if (p.target.kind === 'side') {
      const dy = p.target.dy;
      const sign = p.target.side === 'left' ? -1 : 1;
      const tgt = { x: colKey(v.lane, sign * halfWidthAt(v.shape, v.width, v.height, dy)), y: rowKey(v.row, dy) };
      const side = p.target.side;
      candidates.push(() => this.viaGutter(e, src, u.row + 1, v.lane, side, (gx) => [{ x: gx, y: tgt.y }, tgt]));
    } else {
      const dx = p.target.dx;
      const tgt = { x: colKey(v.lane, dx), y: rowKey(v.row, -halfHeightAt(v.shape, v.width, v.height, dx)) };
      if (!e.back && (v.row === u.row + 1 || this.dropAllowed(e, tgt.x, all))) candidates.push(() => this.viaChannel(e, src, tgt, u.row + 1));
      if (e.back || v.row > u.row + 1) {
        // Down (or, for a loop, up) a gutter to the channel above the target, then in from the top.
        const side = e.back ? loopSideOf(e, this.nodes) : forwardGutterSide(u.lane, v.lane);
        candidates.push(() =>
          this.viaGutter(e, src, u.row + 1, v.lane, side, (gx) => {
            const t2 = this.firstTrack(v.row, (y) => [seg(e.index, { x: gx, y }, { x: tgt.x, y }), seg(e.index, { x: tgt.x, y }, tgt)]);
            return t2 === undefined ? undefined : [{ x: gx, y: trackKey(v.row, t2) }, { x: tgt.x, y: trackKey(v.row, t2) }, tgt];
          }),
        );
      }
    }
    for (const candidate of candidates) {
      const points = candidate();
      if (points !== undefined) {
        this.place(e.index, points);
        return points;
      }
    }
    throw new Error(`native swimlane: no route for edge ${e.index} (${e.from} -> ${e.to})`);
  }

  /** Down into the channel below the source, across, and down through empty cells (or straight down). */
  private viaChannel(e: FlowEdge, src: KeyPoint, tgt: KeyPoint, channel: number): KeyPoint[] | undefined {
    if (src.x === tgt.x) return this.fits(e, [src, tgt]) ? [src, tgt] : undefined;
    const t = this.firstTrack(channel, (y) => [seg(e.index, src, { x: src.x, y }), seg(e.index, { x: src.x, y }, { x: tgt.x, y }), seg(e.index, { x: tgt.x, y }, tgt)]);
    if (t === undefined) return undefined;
    const y = trackKey(channel, t);
    return [src, { x: src.x, y }, { x: tgt.x, y }, tgt];
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
    const used = this.gutterTracks.get(`${lane}:${side}`) ?? 0;
    for (let tg = 0; tg <= used; tg++) {
      const gx = gutterKey(lane, side, tg);
      const t1 = this.firstTrack(channel, (y) => [seg(e.index, src, { x: src.x, y }), seg(e.index, { x: src.x, y }, { x: gx, y })]);
      if (t1 === undefined) continue;
      const rest = finish(gx);
      if (rest === undefined) continue;
      const y1 = trackKey(channel, t1);
      const points = [src, { x: src.x, y: y1 }, { x: gx, y: y1 }, ...rest];
      if (this.fits(e, points)) return points;
    }
    return undefined;
  }

  /** Lowest track of the channel where the segments built for it fit; a fresh track is always tried. */
  private firstTrack(channel: number, build: (y: number) => Segment[]): number | undefined {
    const used = this.channelTracks.get(channel) ?? 0;
    for (let t = 0; t <= used; t++) {
      const segs = build(trackKey(channel, t));
      if (segs.every((s) => this.segmentFits(s))) return t;
    }
    return undefined;
  }

  /**
   * A drop runs down through the target's column; the cells it crosses must be empty, and the
   * step in the cell where it starts must have no other stub on that line.
   */
  private dropAllowed(e: FlowEdge, x: number, all: readonly EdgePorts[]): boolean {
    const u = this.nodes[e.from]!;
    const v = this.nodes[e.to]!;
    for (let r = u.row + 1; r < v.row; r++) if (this.cells.has(`${v.lane}:${r}`)) return false;
    const above = this.cells.get(`${v.lane}:${u.row}`);
    if (above === undefined) return true;
    const dx = x - colKey(v.lane, 0);
    return !all.some((p, i) => i !== e.index && this.edges[i]!.from === above && Math.abs(p.sourceDx - dx) < NEAR);
  }

  private fits(e: FlowEdge, points: readonly KeyPoint[]): boolean {
    for (let i = 1; i < points.length; i++) if (!this.segmentFits(seg(e.index, points[i - 1]!, points[i]!))) return false;
    return true;
  }

  private segmentFits(s: Segment): boolean {
    if (s.lo === s.hi) return true;
    for (const o of this.segments) {
      if (o.edge === s.edge || o.vertical !== s.vertical) continue;
      if (Math.abs(o.at - s.at) < NEAR && o.lo <= s.hi + NEAR && s.lo <= o.hi + NEAR) return false;
    }
    return !this.nodes.some((n) => this.crossesNode(s, n));
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
    if (Math.abs(dy) >= n.height / 2 + 2) return false;
    const hw = Math.max(halfWidthAt(n.shape, n.width, n.height, dy), 2) - 0.5;
    return s.lo < cx + hw && s.hi > cx - hw;
  }

  private place(edge: number, points: readonly KeyPoint[]): void {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const s = seg(edge, a, b);
      if (s.lo !== s.hi) this.segments.push(s);
      for (const p of [a, b]) this.noteTrack(p);
    }
  }

  private noteTrack(p: KeyPoint): void {
    const y = decodeY(p.y);
    if (y.kind === 'track') this.channelTracks.set(y.channel, Math.max(this.channelTracks.get(y.channel) ?? 0, y.track + 1));
    const x = decodeX(p.x);
    if (x.kind === 'gutter') {
      const k = `${x.lane}:${x.side}`;
      this.gutterTracks.set(k, Math.max(this.gutterTracks.get(k) ?? 0, x.track + 1));
    }
  }
}

function seg(edge: number, a: KeyPoint, b: KeyPoint): Segment {
  const vertical = a.x === b.x;
  return vertical
    ? { edge, vertical, at: a.x, lo: Math.min(a.y, b.y), hi: Math.max(a.y, b.y) }
    : { edge, vertical, at: a.y, lo: Math.min(a.x, b.x), hi: Math.max(a.x, b.x) };
}
