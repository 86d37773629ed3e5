/**
 * The process map as one inline SVG. Pure and deterministic.
 *
 * Layout: the boxes sit on one grid of columns and rows. Each category is a panel of whole grid
 * cells (its processes by code, down then across); panels are packed left to right into shelves
 * (rows of panels); `layoutMap` picks the number of grid columns and the link spacing so that
 * every category shows in a 1280 px window at a readable scale (the page fits the map to the width).
 *
 * Links are orthogonal and run only in the channels between grid cells, so no link passes behind
 * or through a box: a link leaves its source box from the side facing its target, turns into the
 * vertical channel beside it, runs along one horizontal channel between two rows to the vertical
 * channel beside the target, and enters the target's side with the arrow. Within a channel every
 * link gets its own track (interval colouring), tracks are `spacing` apart, and the ports on a
 * box side are spread so that no two links share a line. `layoutMap` returns the geometry (used
 * by the tests); `mapSvg` draws it. assets/map.js highlights a box's links (data-from / data-to)
 * and filters categories (data-cat).
 */
import type { Process } from '../model/types.js';
import { esc, fit } from './escape.js';

const BOX_W = 168;
const BOX_H = 46;
/** Distance from a box edge to the first track of a vertical channel (room for the arrowhead). */
const V_PAD = 12;
const H_PAD = 7;
const MIN_V = 26;
const MIN_H = 16;
/** The band above a shelf of panels that holds the category titles. */
const HEAD = 26;
const PORT_GAP = 7;
const MARGIN = 4;
/** The width the map is fitted to: the content column of a 1280 px window (main is 1120 px less its border). */
export const MAP_MAX_WIDTH = 1100;
const SPACINGS = [8, 6, 5] as const;
const MAX_COLUMNS = 6;
/** Above this many boxes only one layout is tried (a candidate takes ~15 ms at 300 boxes, ~60 ms at 1,000). */
const MAX_SEARCHED = 400;

export interface MapColumn {
  readonly title: string;
  readonly processes: readonly Process[];
}

export interface MapOptions {
  readonly href: (code: string) => string;
  readonly title: string;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface MapLink {
  readonly from: string;
  readonly to: string;
  /** Corner points of the orthogonal route, from the source box edge to the target box edge. */
  readonly points: readonly (readonly [number, number])[];
}

export interface MapPanel {
  readonly category: number;
  readonly title: string;
  readonly count: number;
  readonly rect: Rect;
  /** Where the title's text starts and its baseline; `titleEms`: the width in ems the title may use. */
  readonly titleX: number;
  readonly titleY: number;
  readonly titleEms: number;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly columns: number;
  readonly spacing: number;
  readonly boxes: ReadonlyMap<string, Rect & { readonly category: number }>;
  readonly panels: readonly MapPanel[];
  readonly links: readonly MapLink[];
}

interface Cell {
  readonly code: string;
  readonly col: number;
  readonly row: number;
  readonly category: number;
}

interface Placement {
  readonly cells: Cell[];
  readonly panels: { category: number; col: number; row: number; w: number; h: number }[];
  readonly rows: number;
  /** Rows that start a shelf (their gap above carries the title band). */
  readonly shelfStart: Set<number>;
}

/** Panels packed into shelves of `g` grid columns, choosing the panel height that keeps the map shortest. */
function place(columns: readonly MapColumn[], g: number): Placement {
  const sizes = columns.map((c) => c.processes.length);
  const maxN = Math.max(1, ...sizes);
  let best: { cost: number; shelves: { category: number; w: number; h: number }[][] } | undefined;
  for (let target = 1; target <= maxN; target++) {
    const shelves: { category: number; w: number; h: number }[][] = [];
    let shelf: { category: number; w: number; h: number }[] = [];
    let used = 0;
    sizes.forEach((n, category) => {
      const w = Math.min(g, Math.max(1, Math.ceil(n / target)));
      if (used + w > g) {
        shelves.push(shelf);
        shelf = [];
        used = 0;
      }
      shelf.push({ category, w, h: Math.max(1, Math.ceil(n / w)) });
      used += w;
    });
    if (shelf.length) shelves.push(shelf);
    // Spare columns in a shelf widen its tallest panel while that lowers the shelf.
    for (const s of shelves) {
      let spare = g - s.reduce((a, p) => a + p.w, 0);
      while (spare > 0) {
        const tall = s.reduce((a, p) => (p.h > a.h ? p : a));
        const h = Math.max(1, Math.ceil(sizes[tall.category]! / (tall.w + 1)));
        if (h >= tall.h) break;
        tall.w++;
        tall.h = h;
        spare--;
      }
    }
    const cost = shelves.reduce((a, s) => a + Math.max(...s.map((p) => p.h)) + 0.6, 0);
    if (!best || cost < best.cost - 1e-9) best = { cost, shelves };
  }
  const cells: Cell[] = [];
  const panels: Placement['panels'] = [];
  const shelfStart = new Set<number>();
  let row = 0;
  for (const s of best!.shelves) {
    shelfStart.add(row);
    let col = 0;
    for (const p of s) {
      panels.push({ category: p.category, col, row, w: p.w, h: p.h });
      columns[p.category]!.processes.forEach((proc, i) => cells.push({ code: proc.code, col: col + Math.floor(i / p.h), row: row + (i % p.h), category: p.category }));
      col += p.w;
    }
    row += Math.max(...s.map((p) => p.h));
  }
  return { cells, panels, rows: row, shelfStart };
}

interface Route {
  readonly from: string;
  readonly to: string;
  readonly a: number; // vertical channel at the source
  readonly b: number; // vertical channel at the target
  readonly sx: 1 | -1; // source side: 1 right, -1 left
  readonly tx: 1 | -1;
  gap: number; // horizontal channel (gap above row `gap`); -1 when a === b
  trackA: number;
  trackB: number;
  trackH: number;
  portS: number;
  portT: number;
}

/** Lowest free track for each interval; intervals that touch (closed ends) never share one. */
function colour(items: { lo: number; hi: number; set: (t: number) => void }[]): number {
  items.sort((p, q) => p.lo - q.lo || p.hi - q.hi);
  const ends: number[] = [];
  for (const it of items) {
    let t = ends.findIndex((e) => e < it.lo);
    if (t < 0) t = ends.push(it.hi) - 1;
    else ends[t] = it.hi;
    it.set(t);
  }
  return ends.length;
}

/** Vertical position units: gap k -> 2k, row r -> 2r+1; ports and tracks refine a unit (strictly inside it). */
const uRow = (r: number) => 2 * r + 1;
const uPort = (row: number, f: number) => 2 * row + 1 + (f - 0.5) * 0.9;
const uGap = (r: Route, hTracks: readonly number[]) => 2 * r.gap + ((r.trackH + 1) / (hTracks[r.gap]! + 1) - 0.5) * 0.9;

type Cells = ReadonlyMap<string, Cell>;

/** One route per link between two boxes on the map: the box sides it leaves and enters, and their vertical channels. */
function linkRoutes(columns: readonly MapColumn[], cellOf: Cells, g: number): Route[] {
  const routes: Route[] = [];
  for (const c of columns)
    for (const p of c.processes)
      for (const to of [...new Set(p.linksTo)].sort()) {
        const s = cellOf.get(p.code);
        const t = cellOf.get(to);
        if (!s || !t || to === p.code) continue;
        let sx: 1 | -1, tx: 1 | -1;
        if (t.col > s.col) [sx, tx] = [1, -1];
        else if (t.col < s.col) [sx, tx] = [-1, 1];
        else [sx, tx] = s.col === g - 1 && g > 1 ? [-1, -1] : [1, 1];
        const a = sx > 0 ? s.col + 1 : s.col;
        const b = tx > 0 ? t.col + 1 : t.col;
        routes.push({ from: p.code, to, a, b, sx, tx, gap: -1, trackA: 0, trackB: 0, trackH: 0, portS: 0, portT: 0 });
      }
  return routes;
}

/** Each route's horizontal channel: the least used gap between its two rows, nearest the middle. */
function chooseGaps(routes: readonly Route[], cellOf: Cells, rows: number, g: number): void {
  const hLoad = Array.from({ length: rows + 1 }, () => new Array<number>(g + 1).fill(0));
  for (const r of routes) {
    if (r.a === r.b) continue;
    const s = cellOf.get(r.from)!;
    const t = cellOf.get(r.to)!;
    const lo = Math.min(s.row, t.row);
    const hi = Math.max(s.row, t.row);
    // At most 9 gaps around the middle (a long link in a large map need not try every row).
    const m = Math.round((lo + hi + 1) / 2);
    const cands = lo === hi ? [lo, lo + 1] : Array.from({ length: hi - lo }, (_, i) => lo + 1 + i).filter((k) => Math.abs(k - m) <= 4);
    const c0 = Math.min(r.a, r.b);
    const c1 = Math.max(r.a, r.b);
    const mid = (lo + hi + 1) / 2;
    let bestGap = cands[0]!;
    let bestScore = Infinity;
    for (const k of cands) {
      let load = 0;
      for (let c = c0; c <= c1; c++) load = Math.max(load, hLoad[k]![c]!);
      const score = load * 1000 + Math.abs(k - mid) * 2 + (k > mid ? 1 : 0);
      if (score < bestScore) [bestScore, bestGap] = [score, k];
    }
    r.gap = bestGap;
    for (let c = c0; c <= c1; c++) hLoad[bestGap]![c]!++;
  }
}

/** Tracks in the horizontal channels (they need only the channels a link spans): the number of tracks per gap. */
function horizontalTracks(routes: readonly Route[], rows: number): number[] {
  const hTracks = new Array<number>(rows + 1).fill(0);
  for (let k = 0; k <= rows; k++)
    hTracks[k] = colour(routes.filter((r) => r.a !== r.b && r.gap === k).map((r) => ({ lo: Math.min(r.a, r.b), hi: Math.max(r.a, r.b), set: (t: number) => (r.trackH = t) })));
  return hTracks;
}

/**
 * Ports: every link end in one (channel, row) gets its own height on the box side, ordered by
 * where its vertical run goes so that the stubs do not cross each other's runs needlessly.
 * Returns each row's height (a row grows to give its ports room).
 */
function assignPorts(routes: readonly Route[], cellOf: Cells, hTracks: readonly number[], rows: number): number[] {
  const ports = new Map<string, { key: number; order: string; set: (i: number, n: number) => void }[]>();
  const addPort = (ch: number, row: number, key: number, order: string, set: (i: number, n: number) => void) => {
    const k = `${ch}|${row}`;
    (ports.get(k) ?? ports.set(k, []).get(k)!).push({ key, order, set });
  };
  routes.forEach((r, i) => {
    const s = cellOf.get(r.from)!;
    const t = cellOf.get(r.to)!;
    const otherS = r.a === r.b ? uRow(t.row) : uGap(r, hTracks);
    const otherT = r.a === r.b ? uRow(s.row) : uGap(r, hTracks);
    const id = String(i).padStart(6, '0');
    addPort(r.a, s.row, otherS, `${id}s`, (k, n) => (r.portS = (k + 1) / (n + 1)));
    addPort(r.b, t.row, otherT, `${id}t`, (k, n) => (r.portT = (k + 1) / (n + 1)));
  });
  const rowH = new Array<number>(rows).fill(BOX_H);
  for (const [k, list] of ports) {
    const row = Number(k.slice(k.indexOf('|') + 1));
    list.sort((p, q) => p.key - q.key || (p.order < q.order ? -1 : 1));
    list.forEach((p, i) => p.set(i, list.length));
    rowH[row] = Math.max(rowH[row]!, (list.length + 1) * PORT_GAP);
  }
  return rowH;
}

/** Tracks in the vertical channels, from each run's port to its gap (or to the other port): the number of tracks per channel. */
function verticalTracks(routes: readonly Route[], cellOf: Cells, hTracks: readonly number[], g: number): number[] {
  const vTracks = new Array<number>(g + 1).fill(0);
  for (let ch = 0; ch <= g; ch++) {
    const items: { lo: number; hi: number; set: (t: number) => void }[] = [];
    for (const r of routes) {
      const s = cellOf.get(r.from)!;
      const t = cellOf.get(r.to)!;
      if (r.a === r.b) {
        if (r.a !== ch) continue;
        const [lo, hi] = [uPort(s.row, r.portS), uPort(t.row, r.portT)].sort((x, y) => x - y) as [number, number];
        items.push({ lo, hi, set: (k) => ((r.trackA = k), (r.trackB = k)) });
        continue;
      }
      if (r.a === ch) {
        const [lo, hi] = [uPort(s.row, r.portS), uGap(r, hTracks)].sort((x, y) => x - y) as [number, number];
        items.push({ lo, hi, set: (k) => (r.trackA = k) });
      }
      if (r.b === ch) {
        const [lo, hi] = [uGap(r, hTracks), uPort(t.row, r.portT)].sort((x, y) => x - y) as [number, number];
        items.push({ lo, hi, set: (k) => (r.trackB = k) });
      }
    }
    vTracks[ch] = colour(items);
  }
  return vTracks;
}

/** Where the grid's columns, rows and channels are, in px, and where a track in a channel runs. */
interface Grid {
  readonly width: number;
  readonly height: number;
  /** Left edge of each box column; top of each row and its height. */
  readonly colX: readonly number[];
  readonly rowY: readonly number[];
  readonly rowH: readonly number[];
  /** Top of each gap (horizontal channel) and its height, title band included. */
  readonly gapY: readonly number[];
  readonly gapH: readonly number[];
  readonly trackX: (ch: number, t: number) => number;
  readonly trackY: (k: number, t: number) => number;
}

/** Coordinates: each channel is as wide as its tracks need, each gap as high, plus a title band above a shelf. */
function gridOf(pl: Placement, tracks: { h: readonly number[]; v: readonly number[] }, rowH: readonly number[], g: number, spacing: number): Grid {
  const rows = rowH.length;
  const vW = tracks.v.map((n, ch) => (n === 0 ? (ch === 0 || ch === g ? MARGIN * 2 : MIN_V) : Math.max(MIN_V, 2 * V_PAD + (n - 1) * spacing)));
  const gapH = tracks.h.map((n, k) => (n === 0 ? MIN_H : Math.max(MIN_H, 2 * H_PAD + (n - 1) * spacing)) + (pl.shelfStart.has(k) ? HEAD : 0));
  const colX: number[] = [];
  const chX: number[] = [];
  let x = MARGIN;
  for (let c = 0; c <= g; c++) {
    chX.push(x);
    x += vW[c]!;
    if (c < g) {
      colX.push(x);
      x += BOX_W;
    }
  }
  const rowY: number[] = [];
  const gapY: number[] = [];
  let y = MARGIN;
  for (let k = 0; k <= rows; k++) {
    gapY.push(y);
    y += gapH[k]!;
    if (k < rows) {
      rowY.push(y);
      y += rowH[k]!;
    }
  }
  const trackX = (ch: number, t: number) => chX[ch]! + (tracks.v[ch]! <= 1 ? vW[ch]! / 2 : (vW[ch]! - (tracks.v[ch]! - 1) * spacing) / 2 + t * spacing);
  // The title band is the bottom of the gap: tracks run in the part above it.
  const trackY = (k: number, t: number) => {
    const band = gapH[k]! - (pl.shelfStart.has(k) ? HEAD : 0);
    return gapY[k]! + (tracks.h[k]! <= 1 ? band / 2 : (band - (tracks.h[k]! - 1) * spacing) / 2 + t * spacing);
  };
  return { width: x + MARGIN, height: y + MARGIN, colX, rowY, rowH, gapY, gapH, trackX, trackY };
}

/** A route's corner points: out of the source side, along its channels, into the target side. */
function linkOf(r: Route, boxes: ReadonlyMap<string, Rect>, grid: Grid): MapLink {
  const s = boxes.get(r.from)!;
  const t = boxes.get(r.to)!;
  const y1 = Math.round(s.y + r.portS * s.h);
  const y2 = Math.round(t.y + r.portT * t.h);
  const x0 = r.sx > 0 ? s.x + s.w : s.x;
  const x5 = r.tx > 0 ? t.x + t.w : t.x;
  const xa = Math.round(grid.trackX(r.a, r.trackA));
  if (r.a === r.b)
    return {
      from: r.from,
      to: r.to,
      points: [
        [x0, y1],
        [xa, y1],
        [xa, y2],
        [x5, y2],
      ],
    };
  const xb = Math.round(grid.trackX(r.b, r.trackB));
  const yh = Math.round(grid.trackY(r.gap, r.trackH));
  return {
    from: r.from,
    to: r.to,
    points: [
      [x0, y1],
      [xa, y1],
      [xa, yh],
      [xb, yh],
      [xb, y2],
      [x5, y2],
    ],
  };
}

/** A category's panel: a frame around its cells, with the title band at its top. */
function panelOf(p: Placement['panels'][number], columns: readonly MapColumn[], grid: Grid): MapPanel {
  const x0 = grid.colX[p.col]! - 6;
  const x1 = grid.colX[p.col + p.w - 1]! + BOX_W + 6;
  const head = grid.gapY[p.row]! + grid.gapH[p.row]! - HEAD;
  const last = p.row + p.h - 1;
  const y1 = grid.rowY[last]! + grid.rowH[last]! + 6;
  return {
    category: p.category,
    title: columns[p.category]!.title,
    count: columns[p.category]!.processes.length,
    rect: { x: x0, y: head, w: x1 - x0, h: y1 - head },
    titleX: grid.colX[p.col]! + 2,
    titleY: head + 18,
    // Over the panel's first box column only (vertical channels carry links through the title band).
    titleEms: BOX_W / 14 - 0.5,
  };
}

/** The map laid out on `g` grid columns with link tracks `spacing` apart. */
export function layoutWith(columns: readonly MapColumn[], g: number, spacing: number): MapLayout {
  const pl = place(columns, g);
  const cellOf: Cells = new Map(pl.cells.map((c) => [c.code, c]));
  const rows = Math.max(1, pl.rows);
  const routes = linkRoutes(columns, cellOf, g);
  chooseGaps(routes, cellOf, rows, g);
  // Tracks: horizontal channels first, then ports, then vertical channels (which need both).
  const hTracks = horizontalTracks(routes, rows);
  const rowH = assignPorts(routes, cellOf, hTracks, rows);
  const vTracks = verticalTracks(routes, cellOf, hTracks, g);
  const grid = gridOf(pl, { h: hTracks, v: vTracks }, rowH, g, spacing);
  const boxes = new Map<string, Rect & { category: number }>();
  for (const c of pl.cells) boxes.set(c.code, { x: grid.colX[c.col]!, y: grid.rowY[c.row]!, w: BOX_W, h: rowH[c.row]!, category: c.category });
  return {
    width: grid.width,
    height: grid.height,
    columns: g,
    spacing,
    boxes,
    panels: pl.panels.map((p) => panelOf(p, columns, grid)),
    links: routes.map((r) => linkOf(r, boxes, grid)),
  };
}

/**
 * The map's geometry. Every candidate (grid columns x link spacing) is scored by the height it
 * shows at when fitted to MAP_MAX_WIDTH, divided by the cube of that scale (small text costs
 * more than scrolling) and less for wider spacing; the lowest wins. The example handbook's map
 * comes out at 100% or close; a handbook of 300 at about half size (the page's zoom control shows
 * it at 100%). Large handbooks try one candidate only.
 */
export function layoutMap(columns: readonly MapColumn[]): MapLayout {
  const boxes = columns.reduce((a, c) => a + c.processes.length, 0);
  const candidates: [number, number][] = [];
  if (boxes > MAX_SEARCHED) candidates.push([4, 5]);
  else for (const spacing of SPACINGS) for (let g = 1; g <= MAX_COLUMNS; g++) candidates.push([g, spacing]);
  let best: { l: MapLayout; score: number } | undefined;
  for (const [g, spacing] of candidates) {
    const l = layoutWith(columns, g, spacing);
    const scale = Math.min(1, MAP_MAX_WIDTH / l.width);
    const score = ((l.height * scale) / scale ** 3) * (1 + (8 - spacing) * 0.1);
    if (!best || score < best.score - 1e-9) best = { l, score };
  }
  return best!.l;
}

export function mapSvg(columns: readonly MapColumn[], options: MapOptions): string {
  const l = layoutMap(columns);
  const byCode = new Map<string, Process>();
  for (const c of columns) for (const p of c.processes) byCode.set(p.code, p);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-map" viewBox="0 0 ${l.width} ${l.height}" width="${l.width}" height="${l.height}" role="group" aria-labelledby="fb-map-title">`,
    `<title id="fb-map-title">${esc(options.title)}</title>`,
    `<defs><marker id="fb-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="fb-map-arrowhead"/></marker></defs>`,
  ];
  out.push('<g class="fb-map-panels">');
  for (const p of l.panels) {
    const { x, y, w, h } = p.rect;
    out.push(
      `<g class="fb-map-panel" data-cat="${p.category}"><rect class="fb-map-col" x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>` +
        `<text class="fb-map-head" x="${p.titleX}" y="${p.titleY}">${esc(fit(`${p.title} (${p.count})`, p.titleEms))}</text></g>`,
    );
  }
  out.push('</g>', '<g class="fb-map-links">');
  for (const k of l.links) {
    const pts = k.points;
    // The path stops 2 px short of the box so that the arrowhead's tip touches it.
    const last = pts[pts.length - 1]!;
    const prev = pts[pts.length - 2]!;
    const end = [last[0] + Math.sign(prev[0] - last[0]) * 2, last[1]] as const;
    const d = 'M' + [...pts.slice(0, -1), end].map(([px, py]) => `${px} ${py}`).join('L');
    out.push(`<path d="${d}" marker-end="url(#fb-map-arrow)" data-from="${esc(k.from)}" data-to="${esc(k.to)}"><title>${esc(`${k.from} → ${k.to}`)}</title></path>`);
  }
  out.push('</g>');
  for (const c of columns)
    for (const p of c.processes) {
      const b = l.boxes.get(p.code)!;
      const cls = p.status === 'draft' ? 'fb-map-node fb-map-draft' : 'fb-map-node';
      const mid = b.y + b.h / 2;
      out.push(
        `<a href="${esc(options.href(p.code))}" class="${cls}" data-code="${esc(p.code)}" data-cat="${b.category}"><title>${esc(`${p.code} ${p.name}`)}</title>` +
          `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="5"/>` +
          `<text x="${b.x + 8}" y="${mid - 5}" class="fb-map-code">${esc(fit(p.code, 16))}</text>` +
          `<text x="${b.x + 8}" y="${mid + 13}" class="fb-map-name">${esc(fit(p.name, 10.8))}</text></a>`,
      );
    }
  out.push('</svg>');
  return out.join('\n');
}
