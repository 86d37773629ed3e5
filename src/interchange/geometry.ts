/**
 * The native swimlane layout, placed for interchange files (BPMN DI, draw.io). Pure.
 *
 * BPMN needs start and end events, which Flowbook's chart does not draw as shapes; this module
 * opens a band above each row holding a start step and below each row holding an end step, and
 * moves everything beneath it down. Only y changes, and monotonically, so orthogonal lines stay
 * orthogonal and nothing that did not cross before crosses now.
 */
import { layoutSwimlane, type Box, type EdgeLayout, type NodeLayout, type Point, type SwimlaneLayout } from '../diagram/native/index.js';
import type { Process } from '../model/types.js';

/** Height of the pool's title band (BPMN tools draw the participant name there). */
export const POOL_HEADER = 30;
/** Height of a band that holds a start or end event, and the event's size. */
export const EVENT_BAND = 56;
export const EVENT_SIZE = 36;

export interface PlacedEvent {
  /** The step the event starts or ends. */
  readonly step: NodeLayout;
  readonly box: Box;
  /** From the event to the step (start) or from the step to the event (end). */
  readonly points: readonly Point[];
}

export interface PlacedChart {
  readonly layout: SwimlaneLayout;
  /** The whole pool, title band included. */
  readonly pool: Box;
  /** One box per lane, below the pool's title band. */
  readonly lanes: readonly Box[];
  readonly nodes: readonly (NodeLayout & { readonly box: Box })[];
  readonly edges: readonly (EdgeLayout & { readonly placed: readonly Point[]; readonly labelBox?: Box })[];
  readonly starts: readonly PlacedEvent[];
  readonly ends: readonly PlacedEvent[];
}

/** The layout with room for events (`events: false`: the chart as drawn, under a pool title band only). */
export function placeChart(process: Process, options: { events: boolean } = { events: true }): PlacedChart {
  const layout = layoutSwimlane(process);
  const byKey = new Map(process.steps.map((s) => [s.key, s]));
  const startRows = new Set<number>();
  const endRows = new Set<number>();
  if (options.events)
    for (const n of layout.nodes) {
      const step = byKey.get(n.key)!;
      if (step.start) startRows.add(n.row);
      if (step.end) endRows.add(n.row);
    }
  const cuts: { at: number; inclusive: boolean }[] = [];
  layout.rows.forEach((r, i) => {
    if (startRows.has(i)) cuts.push({ at: r.y, inclusive: true });
    if (endRows.has(i)) cuts.push({ at: r.y + r.height, inclusive: false });
  });
  const y = (v: number): number => {
    let out = v + POOL_HEADER;
    for (const c of cuts) if (c.inclusive ? v >= c.at : v > c.at) out += EVENT_BAND;
    return out;
  };
  const box = (b: Box): Box => ({ x: b.x, y: y(b.y), width: b.width, height: b.height });
  const height = y(layout.height);
  const nodes = layout.nodes.map((n) => ({ ...n, box: { x: n.cx - n.width / 2, y: y(n.cy - n.height / 2), width: n.width, height: n.height } }));
  const edges = layout.edges.map((e) => {
    const placed = e.points.map((p) => ({ x: p.x, y: y(p.y) }));
    return e.label ? { ...e, placed, labelBox: box(e.label.box) } : { ...e, placed };
  });
  const starts: PlacedEvent[] = [];
  const ends: PlacedEvent[] = [];
  const gap = (EVENT_BAND - EVENT_SIZE) / 2;
  for (const n of nodes) {
    const step = byKey.get(n.key)!;
    const row = layout.rows[n.row]!;
    const cx = n.cx;
    if (options.events && step.start) {
      const top = y(row.y) - EVENT_BAND + gap;
      const ev = { x: cx - EVENT_SIZE / 2, y: top, width: EVENT_SIZE, height: EVENT_SIZE };
      starts.push({ step: n, box: ev, points: [{ x: cx, y: top + EVENT_SIZE }, { x: cx, y: n.box.y }] });
    }
    if (options.events && step.end) {
      const top = y(row.y + row.height) + gap;
      const ev = { x: cx - EVENT_SIZE / 2, y: top, width: EVENT_SIZE, height: EVENT_SIZE };
      ends.push({ step: n, box: ev, points: [{ x: cx, y: n.box.y + n.box.height }, { x: cx, y: top }] });
    }
  }
  return {
    layout,
    pool: { x: 0, y: 0, width: layout.width, height },
    lanes: layout.lanes.map((l) => ({ x: l.x, y: POOL_HEADER, width: l.width, height: height - POOL_HEADER })),
    nodes,
    edges,
    starts,
    ends,
  };
}
