/**
 * Model -> swimlane geometry. Pure and deterministic.
 *
 * Lanes are columns in declared role order; rows come from the flow (rank.ts). Each lane has a node
 * column in its middle and a gutter of vertical tracks on each side; between rows lies a channel of
 * horizontal tracks (with a band on top for branch labels). Edges are routed on that grid
 * (route.ts) before sizes are known; the track counts then give gutter and channel sizes.
 */
import type { Process, Step } from '../../model/types.js';
import { untangleArrivals } from './arrivals.js';
import { crossingPairs } from './crossings.js';
import { checkLayoutInvariants } from './invariants.js';
import { flowGraph, flowRows, reorderSubs, type FlowEdge, type FlowGraph, type FlowRows, type Placement } from './rank.js';
import { allocatePorts, type EdgePorts } from './ports.js';
import { decodeX, decodeY, Routing, type KeyPoint, type RouteNode } from './route.js';
import { portReach, shapeOf, sizeNode, type NodeShape, type NodeSize } from './shapes.js';
import { measureText, wrapText } from './text.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaneLayout {
  readonly index: number;
  readonly role: string;
  /** Left edge and width of the whole column, header included. */
  readonly x: number;
  readonly width: number;
  /** The role name wrapped to the lane's width. */
  readonly titleLines: readonly string[];
}

export interface NodeLayout {
  readonly key: string;
  readonly step: Step;
  readonly lane: number;
  readonly row: number;
  readonly shape: NodeShape;
  /** Centre and size of the shape (its bounding box for diamonds and stadiums). */
  readonly cx: number;
  readonly cy: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
}

export interface LabelLayout {
  readonly text: string;
  readonly lines: readonly string[];
  /** The white background; text is centred in it. */
  readonly box: Box;
}

export interface EdgeLayout {
  /** Position in the process's edges (step order, then written order). */
  readonly index: number;
  readonly from: string; // step key
  readonly to: string; // step key
  /** A loop back to an earlier step (or to itself). */
  readonly back: boolean;
  /** Orthogonal polyline from the source boundary to the target boundary (arrowhead at the end). */
  readonly points: readonly Point[];
  readonly label?: LabelLayout;
}

export interface RowLayout {
  readonly y: number;
  readonly height: number;
}

export interface SwimlaneLayout {
  readonly width: number;
  readonly height: number;
  readonly headerHeight: number;
  readonly lanes: readonly LaneLayout[];
  readonly rows: readonly RowLayout[];
  readonly nodes: readonly NodeLayout[];
  readonly edges: readonly EdgeLayout[];
}

export const HEADER_FONT_SIZE = 13;
export const HEADER_LINE_HEIGHT = 18;
export const LABEL_FONT_SIZE = 12;
export const LABEL_LINE_HEIGHT = 15;
/** Bold header text is a little wider than the regular estimate. */
const BOLD = 1.06;
const HEADER_PAD_X = 10;
const HEADER_PAD_Y = 10;
const MIN_LANE_WIDTH = 150;
/** A long role name may widen its lane up to this before it wraps. */
const MAX_HEADER_LANE_WIDTH = 200;
const MIN_COLUMN_HALF = 56;
/** Parallel tracks of different edges: at least 10 px apart, so each line can be followed. */
const TRACK_GAP = 10;
const GUTTER_INNER = 12;
/** From a lane's last gutter track to its divider: more than 12 px, so no line hugs a divider. */
const LANE_OUTER = 14;
/** From a sub-column's last gutter track to the next sub-column of the same lane (no divider). */
const SUB_OUTER = 6;
const CHANNEL_TOP = 10;
const CHANNEL_BOTTOM = 12;
const MIN_CHANNEL = 30;
const OUTER_CHANNEL = 20;
const LABEL_MAX_WIDTH = 72;
const LABEL_PAD_X = 4;
const LABEL_PAD_Y = 2;
const LABEL_BAND_GAP = 4;

interface SizedNode extends RouteNode {
  readonly lines: readonly string[];
}

/**
 * Routing works on columns: each lane has one or more sub-columns (see rank.ts), and the ports and
 * the router treat every sub-column as a column of its own, with gutters on both sides. Lanes are
 * then drawn around their columns.
 */
export function layoutSwimlane(process: Process): SwimlaneLayout {
  const chart = chartOf(process);
  const first = firstDrawing(chart);
  const best = first.crossings > 0 ? placeAgainstCrossings(chart, first) : first;
  return untangleArrivals(best.layout);
}

/**
 * The first drawing: steps placed as the flow allows. In rare crowded charts (several loops into
 * one side of a box, found by the fuzzer) the router finds no way for a line; the chart is then
 * drawn with fewer steps sharing a row (no hand-over drawn as a side-by-side arrow), and, failing
 * that, with every step on its own row, which gives each line more room.
 */
function firstDrawing(chart: Chart): Drawing {
  const all = new Set(chart.process.steps.map((_, i) => i));
  const fallbacks: Placement[] = [{ noHandOver: all }, { noHandOver: all, below: new Map(chart.process.steps.map((_, i) => [i, i])) }];
  try {
    return finish(chart, draft(chart, flowRows(chart.graph), {}));
  } catch (e) {
    for (const placement of fallbacks) {
      try {
        return finish(chart, draft(chart, flowRows(chart.graph, placement), placement));
      } catch {
        // the next one gives more room
      }
    }
    throw e;
  }
}

/**
 * What every drawing of one chart shares, worked out once: the flow graph, and the sizes of the
 * steps' text, the labels and the role names (wrapping text is costly, and no placement changes it).
 */
interface Chart {
  readonly process: Process;
  readonly graph: FlowGraph;
  readonly texts: readonly NodeSize[];
  readonly labels: readonly (LabelSize | undefined)[];
  readonly titles: LaneTitles;
}

function chartOf(process: Process): Chart {
  const graph = flowGraph(process);
  return {
    process,
    graph,
    texts: process.steps.map((s) => sizeNode(shapeOf(s.type), s.text, s.start)),
    labels: graph.edges.map((e) => (e.label === undefined ? undefined : sizeLabel(e.label))),
    titles: new LaneTitles(process.roles),
  };
}

/** A placement with every edge routed once: how many lines it crosses is known, at most. */
interface Draft {
  readonly flow: FlowRows;
  readonly placement: Placement;
  readonly columnLane: readonly number[];
  readonly edges: readonly FlowEdge[];
  readonly ports: readonly EdgePorts[];
  readonly nodes: readonly SizedNode[];
  readonly routing: Routing;
}

interface Drawing {
  readonly layout: SwimlaneLayout;
  readonly crossings: number;
  /** Crossings of its draft, before improving. */
  readonly drafted: number;
  readonly flow: FlowRows;
  readonly placement: Placement;
}

/** Charts with more lines try only their side-by-side steps reordered: each try routes the whole chart. */
const PLACE_MAX_EDGES = 40;
/**
 * Work the placement search may do per chart, in the router's segment checks (Routing.work) and a
 * share per draft for the rest: a count, not a clock, so the same chart is always drawn the same way.
 */
const SEARCH_WORK = 3_000;
/** Work counted per edge of a draft for what is not routing. */
const DRAFT_WORK_PER_EDGE = 30;
/** A placement that crosses fewer lines may make the chart this much taller per crossing it saves. */
const PLACE_HEIGHT_PER_CROSSING = 40;

/**
 * Crossing-aware placement. The tries: the side-by-side steps reordered by where their neighbours
 * are (reorderSubs), then the steps at the ends of crossing lines placed again, one at a time,
 * lower down (one or two rows) or off their source's row (a hand-over drawn as an ordinary line);
 * the rest of the chart follows them (rank.ts places every later step below its sources as before).
 * Each try is drafted (every edge routed once: cheap, and at most the crossings it ends with); a
 * draft is finished only when it looks better than the first drawing did at that stage, and kept
 * when the chart then crosses fewer lines without growing much taller or breaking a layout rule.
 * The search goes on from it while work is left.
 */
function placeAgainstCrossings(chart: Chart, first: Drawing): Drawing {
  const budget = { work: SEARCH_WORK };
  const tried = new Set([flowKey(first.flow)]);
  const kept = [first];
  let best = first;
  search: while (best.crossings > 0) {
    for (const [flow, placement] of tries(chart, best)) {
      if (budget.work <= 0) break search;
      if (flow === undefined || tried.has(flowKey(flow))) continue;
      tried.add(flowKey(flow));
      const d = draftOrNone(chart, flow, placement);
      if (d === undefined) continue;
      budget.work -= draftCost(d);
      // Finishing is most of a try's work: a draft that crosses no fewer lines than the best
      // drawing and than the first draft seldom ends better (example, bench and generated handbooks).
      if (d.routing.crossings >= best.crossings && d.routing.crossings >= first.drafted) continue;
      const before = d.routing.work;
      const next = finishOrNone(chart, d);
      if (next === undefined) continue;
      budget.work -= d.routing.work - before;
      if (isBetter(next, best)) {
        best = next;
        kept.push(next);
        continue search;
      }
    }
    break;
  }
  return keepsRules(chart, kept);
}

/**
 * The last of the drawings kept that breaks no layout rule. The router keeps the rules on the
 * charts it is tested on, but a search through many placements finds the rare one where it does
 * not; checking is costly, so only the drawing the search ends with is checked, and the one before
 * it only when that one breaks a rule (the first drawing is not checked: it is what the chart
 * would be without the search).
 */
function keepsRules(chart: Chart, kept: readonly Drawing[]): Drawing {
  for (let k = kept.length - 1; k > 0; k--) if (checkLayoutInvariants(kept[k]!.layout, chart.process).length === 0) return kept[k]!;
  return kept[0]!;
}

/**
 * The tries from a drawing, in order: its flow reordered, then each placement move with its steps
 * in the order first placed and reordered (a flow is undefined when reordering moves no step).
 */
function* tries(chart: Chart, best: Drawing): Generator<[FlowRows | undefined, Placement]> {
  yield [reorderSubs(best.flow, chart.graph.lanes, 'both'), best.placement];
  if (best.layout.edges.length > PLACE_MAX_EDGES) return;
  for (const move of placementMoves(chart.process, best)) {
    const flow = flowRows(chart.graph, move);
    yield [flow, move];
    yield [reorderSubs(flow, chart.graph.lanes, 'both'), move];
  }
}

/** Work of a draft: the router's checks, and its share for the rest (ports, sizes, set-up). */
const draftCost = (d: Draft) => d.routing.work + DRAFT_WORK_PER_EDGE * d.edges.length;

/** Fewer crossings, and not much taller. */
function isBetter(next: Drawing, best: Drawing): boolean {
  const saved = best.crossings - next.crossings;
  return saved > 0 && next.layout.height - best.layout.height <= saved * PLACE_HEIGHT_PER_CROSSING;
}

/**
 * Placements one step away from the drawing's, for the ends of its crossing lines (most crossed
 * first): each off its source's row (when a hand-over), then one row lower, then two.
 */
function placementMoves(process: Process, d: Drawing): Placement[] {
  const index = new Map(process.steps.map((s, i) => [s.key, i]));
  const involved = new Map<number, number>();
  for (const pair of crossingPairs(d.layout.edges))
    for (const e of pair)
      for (const key of [d.layout.edges[e]!.from, d.layout.edges[e]!.to]) {
        const i = index.get(key)!;
        involved.set(i, (involved.get(i) ?? 0) + 1);
      }
  const steps = [...involved].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => i);
  const rows = d.layout.nodes.map((n) => n.row);
  const below = d.placement.below ?? new Map<number, number>();
  const noHandOver = d.placement.noHandOver ?? new Set<number>();
  return steps.flatMap((i) => [
    ...(noHandOver.has(i) ? [] : [{ below, noHandOver: new Set([...noHandOver, i]) }]),
    ...[1, 2].map((down) => ({ below: new Map([...below, [i, rows[i]! + down]]), noHandOver })),
  ]);
}

/**
 * What tells placements apart: rows (counted among the rows that hold a step: a placement that
 * only leaves a row empty draws the same chart, taller), sub-columns and hand-overs.
 */
function flowKey(flow: FlowRows): string {
  const used = [...new Set(flow.rows)].sort((a, b) => a - b);
  const rank = new Map(used.map((r, k) => [r, k]));
  return `${flow.rows.map((r) => rank.get(r)).join()}|${flow.subs.join()}|${flow.edges.map((e) => (e.flat ? 1 : 0)).join('')}`;
}

/** The flow's columns, ports and node sizes, and every edge routed once. */
function draft(chart: Chart, flow: FlowRows, placement: Placement): Draft {
  const steps = chart.process.steps;
  const firstColumn: number[] = [];
  const columnLane: number[] = [];
  flow.subCounts.forEach((count, lane) => {
    firstColumn.push(columnLane.length);
    for (let k = 0; k < count; k++) columnLane.push(lane);
  });
  const column = steps.map((s, i) => firstColumn[s.lane]! + flow.subs[i]!);
  const edges = chooseLoopSides(flow.edges, column);
  const labels = chart.labels;
  // cells taken, as row * 65536 + column
  const cells = new Set(steps.map((_, i) => flow.rows[i]! * 65536 + column[i]!));
  const canDrop = (e: FlowEdge) => {
    if (e.back || e.flat) return false;
    const c = column[e.to]!;
    for (let r = flow.rows[e.from]! + 1; r < flow.rows[e.to]!; r++) if (cells.has(r * 65536 + c)) return false;
    return true;
  };
  const placed = steps.map((_, i) => ({ lane: column[i]!, row: flow.rows[i]! }));
  const sideEntries = (i: number) => (steps[i]!.type === 'action' ? Infinity : 1);
  const ports = allocatePorts(placed, edges, (e) => labels[e.index]?.width ?? 0, canDrop, sideEntries);
  const nodes = sizeNodes(steps, chart.texts, placed, edges, ports);
  return { flow, placement, columnLane, edges, ports, nodes, routing: new Routing(nodes, edges, ports) };
}

/** A try of the search: none where the router finds no way for a line (see `firstDrawing`). */
function draftOrNone(chart: Chart, flow: FlowRows, placement: Placement): Draft | undefined {
  try {
    return draft(chart, flow, placement);
  } catch {
    return undefined;
  }
}

function finishOrNone(chart: Chart, d: Draft): Drawing | undefined {
  try {
    return finish(chart, d);
  } catch {
    return undefined;
  }
}

/** The draft's routes improved, and the drawing in px. */
function finish(chart: Chart, d: Draft): Drawing {
  const drafted = d.routing.crossings;
  d.routing.improve();
  const layout = drawingOf(chart, d);
  return { layout, crossings: d.routing.crossings, drafted, flow: d.flow, placement: d.placement };
}

function drawingOf(chart: Chart, d: Draft): SwimlaneLayout {
  const { process, labels } = chart;
  const { flow, columnLane, edges, ports, nodes } = d;
  const steps = process.steps;
  const routes = d.routing.routes;
  const xs = horizontalMetrics(chart.titles, columnLane, nodes, edges, ports, labels, routes);
  const ys = verticalMetrics(xs.headerHeight, nodes, flow.rowCount, edges, labels, routes);
  const toPoint = (k: KeyPoint): Point => ({ x: xs.x(k.x), y: ys.y(k.y) });

  return {
    width: xs.width,
    height: ys.height,
    headerHeight: xs.headerHeight,
    lanes: xs.lanes,
    rows: ys.rows,
    nodes: nodes.map((n, i) => ({
      key: steps[i]!.key,
      step: steps[i]!,
      lane: steps[i]!.lane,
      row: n.row,
      shape: n.shape,
      cx: xs.columnCentre(n.lane),
      cy: ys.rowCentre(n.row),
      width: n.width,
      height: n.height,
      lines: n.lines,
    })),
    edges: edges.map((e) => {
      const points = simplify(routes[e.index]!.map(toPoint));
      const size = labels[e.index];
      const edge = { index: e.index, from: steps[e.from]!.key, to: steps[e.to]!.key, back: e.back, points };
      if (size === undefined) return edge;
      const x = points[0]!.x;
      const y = ys.labelTop(flow.rows[e.from]! + 1);
      return { ...edge, label: { text: e.label!, lines: size.lines, box: { x: x - size.width / 2, y, width: size.width, height: size.height } } };
    }),
  };
}

/**
 * A loop climbs the gutter on the side of its target that faces its source, unless the target's
 * own edges leave towards that side and none towards the other: then every one of them would cross
 * the loop's climb, and the far side crosses nothing of the target's.
 */
function chooseLoopSides(edges: readonly FlowEdge[], column: readonly number[]): FlowEdge[] {
  const towards = column.map(() => ({ left: 0, right: 0 }));
  for (const e of edges) {
    if (e.back || column[e.to] === column[e.from]) continue;
    towards[e.from]![column[e.to]! > column[e.from]! ? 'right' : 'left']++;
  }
  return edges.map((e) => {
    if (!e.back) return e;
    const facing = column[e.from]! < column[e.to]! ? 'left' : 'right';
    const other = facing === 'left' ? 'right' : 'left';
    const t = towards[e.to]!;
    return t[facing] > 0 && t[other] === 0 ? { ...e, loopSide: other } : e;
  });
}

interface LabelSize {
  readonly lines: readonly string[];
  readonly width: number;
  readonly height: number;
}

function sizeLabel(text: string): LabelSize {
  const w = wrapText(text, LABEL_MAX_WIDTH, LABEL_FONT_SIZE);
  return { lines: w.lines, width: even(w.width + 2 * LABEL_PAD_X), height: w.lines.length * LABEL_LINE_HEIGHT + 2 * LABEL_PAD_Y };
}

/** Text size, grown so that every port sits well inside the shape. */
function sizeNodes(steps: readonly Step[], texts: readonly NodeSize[], placed: readonly { lane: number; row: number }[], edges: readonly FlowEdge[], ports: readonly EdgePorts[]): SizedNode[] {
  const reachX = steps.map(() => 0);
  const reachY = steps.map(() => 0);
  for (const e of edges) {
    const p = ports[e.index]!;
    reachX[e.from] = Math.max(reachX[e.from]!, Math.abs(p.sourceDx));
    if (p.target.kind === 'top') reachX[e.to] = Math.max(reachX[e.to]!, Math.abs(p.target.dx));
    else reachY[e.to] = Math.max(reachY[e.to]!, Math.abs(p.target.dy));
  }
  return steps.map((s, i) => {
    const shape = shapeOf(s.type);
    const size = texts[i]!;
    const reach = portReach(shape);
    const margin = shape === 'box' ? 10 : 4;
    return {
      lane: placed[i]!.lane,
      row: placed[i]!.row,
      shape,
      lines: size.lines,
      width: even(Math.max(size.width, 2 * (reachX[i]! / reach + margin))),
      height: even(Math.max(size.height, 2 * (reachY[i]! / reach + margin))),
    };
  });
}

const even = (n: number) => Math.ceil(n / 2) * 2;

interface Tracks {
  readonly channels: Map<number, number>;
  readonly gutters: Map<number, number>; // lane -> tracks on its fuller side
}

function countTracks(routes: readonly KeyPoint[][]): Tracks {
  const channels = new Map<number, number>();
  const gutters = new Map<number, number>();
  for (const route of routes)
    for (const p of route) {
      const y = decodeY(p.y);
      if (y.kind === 'track') channels.set(y.channel, Math.max(channels.get(y.channel) ?? 0, y.track + 1));
      const x = decodeX(p.x);
      if (x.kind === 'gutter') gutters.set(x.lane, Math.max(gutters.get(x.lane) ?? 0, x.track + 1));
    }
  return { channels, gutters };
}

/**
 * Column widths from their nodes, labels and gutter tracks; lane widths from their columns and
 * role names (a lane wider than its columns shares the extra among them); boxes centred in columns.
 */
/**
 * The lanes' role names, wrapped to a lane's width once per width (the drawings of one chart
 * mostly give a lane the same width).
 */
class LaneTitles {
  /** Header width of each role on one line. */
  readonly natural: readonly number[];
  private readonly byWidth: Map<number, { lines: readonly string[]; width: number }>[];

  constructor(readonly roles: readonly string[]) {
    this.natural = roles.map((role) => measureText(role, HEADER_FONT_SIZE * BOLD) + 2 * HEADER_PAD_X);
    this.byWidth = roles.map(() => new Map());
  }

  /** The title's lines in a lane `wanted` px wide and the width of its widest line. */
  wrapped(lane: number, wanted: number): { lines: readonly string[]; width: number } {
    const known = this.byWidth[lane]!.get(wanted);
    if (known !== undefined) return known;
    // A title word too long to break at that width widens the line (see text.ts): the lane follows.
    const title = wrapText(this.roles[lane]!, wanted - 2 * HEADER_PAD_X, HEADER_FONT_SIZE * BOLD);
    const width = Math.max(title.width, ...title.lines.map((l) => measureText(l, HEADER_FONT_SIZE * BOLD)));
    const found = { lines: title.lines, width };
    this.byWidth[lane]!.set(wanted, found);
    return found;
  }
}

function horizontalMetrics(
  titles: LaneTitles,
  columnLane: readonly number[],
  nodes: readonly SizedNode[],
  edges: readonly FlowEdge[],
  ports: readonly EdgePorts[],
  labels: readonly (LabelSize | undefined)[],
  routes: readonly KeyPoint[][],
) {
  const colHalf = columnLane.map(() => MIN_COLUMN_HALF);
  nodes.forEach((n) => (colHalf[n.lane] = Math.max(colHalf[n.lane]!, n.width / 2)));
  for (const e of edges) {
    const l = labels[e.index];
    if (l === undefined) continue;
    const c = nodes[e.from]!.lane;
    colHalf[c] = Math.max(colHalf[c]!, Math.abs(ports[e.index]!.sourceDx) + l.width / 2 + 2);
  }
  const { gutters } = countTracks(routes);
  const natural = columnLane.map((lane, c) => {
    const g = gutters.get(c) ?? 0;
    const atDivider = columnLane[c - 1] !== lane || columnLane[c + 1] !== lane;
    const outer = atDivider ? LANE_OUTER : SUB_OUTER;
    return 2 * (colHalf[c]! + GUTTER_INNER + (g > 0 ? (g - 1) * TRACK_GAP + outer : 0));
  });
  const columnX: number[] = [];
  const columnWidth: number[] = [];
  let x = 0;
  const lanes: LaneLayout[] = titles.roles.map((role, i) => {
    const cols = columnLane.flatMap((lane, c) => (lane === i ? [c] : []));
    const sum = cols.reduce((a, c) => a + natural[c]!, 0);
    const wanted = even(Math.max(sum, MIN_LANE_WIDTH, Math.min(titles.natural[i]!, MAX_HEADER_LANE_WIDTH)));
    const title = titles.wrapped(i, wanted);
    const width = Math.max(wanted, even(title.width + 2 * HEADER_PAD_X));
    const extra = (width - sum) / cols.length;
    let cx = x;
    for (const c of cols) {
      columnX[c] = cx;
      columnWidth[c] = natural[c]! + extra;
      cx += columnWidth[c]!;
    }
    const lane = { index: i, role, x, width, titleLines: title.lines };
    x += width;
    return lane;
  });
  const columnCentre = (c: number) => columnX[c]! + columnWidth[c]! / 2;
  const maxLines = Math.max(1, ...lanes.map((l) => l.titleLines.length));
  return {
    lanes,
    width: x,
    headerHeight: maxLines * HEADER_LINE_HEIGHT + 2 * HEADER_PAD_Y,
    columnCentre,
    x: (k: number) => {
      const d = decodeX(k);
      if (d.kind === 'column') return columnCentre(d.lane) + d.dx;
      const off = colHalf[d.lane]! + GUTTER_INNER + d.track * TRACK_GAP;
      return columnCentre(d.lane) + (d.side === 'left' ? -off : off);
    },
  };
}

/** Row bands as tall as their tallest node; channels as tall as their label band and tracks. */
function verticalMetrics(
  headerHeight: number,
  nodes: readonly SizedNode[],
  rowCount: number,
  edges: readonly FlowEdge[],
  labels: readonly (LabelSize | undefined)[],
  routes: readonly KeyPoint[][],
) {
  const { channels } = countTracks(routes);
  const rowHeight = new Array<number>(rowCount).fill(0);
  for (const n of nodes) rowHeight[n.row] = Math.max(rowHeight[n.row]!, n.height);
  const band = new Array<number>(rowCount + 1).fill(0);
  for (const e of edges) {
    const l = labels[e.index];
    if (l !== undefined) band[nodes[e.from]!.row + 1] = Math.max(band[nodes[e.from]!.row + 1]!, l.height);
  }
  /** Offset of track 0 from the channel's top. */
  const tracksFrom = band.map((b) => (b > 0 ? LABEL_BAND_GAP + b + LABEL_BAND_GAP + 4 : CHANNEL_TOP));
  const channelTop: number[] = [];
  const rows: RowLayout[] = [];
  let y = headerHeight;
  for (let c = 0; c <= rowCount; c++) {
    channelTop.push(y);
    const n = channels.get(c) ?? 0;
    const outer = c === 0 || c === rowCount;
    const needed = n > 0 || band[c]! > 0 ? tracksFrom[c]! + Math.max(0, n - 1) * TRACK_GAP + CHANNEL_BOTTOM : 0;
    y += Math.max(outer ? OUTER_CHANNEL : MIN_CHANNEL, needed);
    if (c < rowCount) {
      rows.push({ y, height: rowHeight[c]! });
      y += rowHeight[c]!;
    }
  }
  const rowCentre = (r: number) => rows[r]!.y + rows[r]!.height / 2;
  return {
    rows,
    height: y,
    rowCentre,
    labelTop: (channel: number) => channelTop[channel]! + LABEL_BAND_GAP,
    y: (k: number) => {
      const d = decodeY(k);
      return d.kind === 'row' ? rowCentre(d.row) + d.dy : channelTop[d.channel]! + tracksFrom[d.channel]! + d.track * TRACK_GAP;
    },
  };
}

/** Drop repeated points and points in the middle of a straight run. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last !== undefined && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev !== undefined && last !== undefined && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}
