/**
 * The process map as one inline SVG: a column per category (named ones sorted, uncategorised
 * last), processes stacked by code, and a curved arrow for every `type: process` link between two
 * processes on the map. Each box links to the process page; assets/map.js highlights a box's
 * arrows (data-from / data-to) while it is pointed at or focused. Pure.
 */
import type { Process } from '../model/types.js';
import { esc, fit } from './escape.js';

const NODE_W = 200;
const NODE_H = 54;
const GAP_Y = 14;
const GAP_X = 90;
const HEAD = 56;
const PAD = 16;

export interface MapColumn {
  readonly title: string;
  readonly processes: readonly Process[];
}

export interface MapOptions {
  readonly href: (code: string) => string;
  readonly title: string;
}

export function mapSvg(columns: readonly MapColumn[], options: MapOptions): string {
  const pos = new Map<string, { x: number; y: number; col: number }>();
  columns.forEach((c, ci) => c.processes.forEach((p, i) => pos.set(p.code, { x: PAD + ci * (NODE_W + GAP_X), y: HEAD + i * (NODE_H + GAP_Y), col: ci })));
  const rows = Math.max(1, ...columns.map((c) => c.processes.length));
  const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * GAP_X + GAP_X / 2;
  const height = HEAD + rows * (NODE_H + GAP_Y) + PAD;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-labelledby="fb-map-title">`,
    `<title id="fb-map-title">${esc(options.title)}</title>`,
    `<defs><marker id="fb-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="fb-map-arrowhead"/></marker></defs>`,
  ];
  columns.forEach((c, ci) => {
    const x = PAD + ci * (NODE_W + GAP_X);
    out.push(`<rect class="fb-map-col" x="${x - 8}" y="8" width="${NODE_W + 16}" height="${height - 16}" rx="8"/>`);
    out.push(`<text class="fb-map-head" x="${x + NODE_W / 2}" y="36" text-anchor="middle">${esc(fit(`${c.title} (${c.processes.length})`, 13))}</text>`);
  });
  // Arrows under the boxes. Each arrow leaves and enters a box side at its own height (ports
  // spread along the side, ordered by where the other end is), so arrows do not pile up on one point.
  interface Arrow {
    from: string;
    to: string;
    fromSide: 1 | -1; // 1: right side, -1: left side
    toSide: 1 | -1;
    y1: number;
    y2: number;
  }
  const arrows: Arrow[] = [];
  for (const c of columns)
    for (const p of c.processes)
      for (const to of p.linksTo) {
        const a = pos.get(p.code);
        const b = pos.get(to);
        if (!a || !b || to === p.code) continue;
        const fromSide = b.col >= a.col ? 1 : -1;
        const toSide = b.col > a.col ? -1 : 1;
        arrows.push({ from: p.code, to, fromSide, toSide, y1: 0, y2: 0 });
      }
  const ports = new Map<string, { arrow: Arrow; end: 'from' | 'to'; other: number }[]>();
  const port = (code: string, side: number, arrow: Arrow, end: 'from' | 'to', other: string) => {
    const k = `${side}|${code}`;
    (ports.get(k) ?? ports.set(k, []).get(k)!).push({ arrow, end, other: pos.get(other)!.y });
  };
  for (const a of arrows) {
    port(a.from, a.fromSide, a, 'from', a.to);
    port(a.to, a.toSide, a, 'to', a.from);
  }
  for (const [k, list] of ports) {
    const code = k.slice(k.indexOf('|') + 1);
    const top = pos.get(code)!.y;
    list.sort((p, q) => p.other - q.other || (p.end < q.end ? -1 : p.end > q.end ? 1 : 0));
    list.forEach((pt, i) => {
      const y = top + Math.round(((i + 1) * NODE_H) / (list.length + 1));
      if (pt.end === 'from') pt.arrow.y1 = y;
      else pt.arrow.y2 = y;
    });
  }
  out.push('<g class="fb-map-links">');
  for (const ar of arrows) {
    const a = pos.get(ar.from)!;
    const b = pos.get(ar.to)!;
    const x1 = ar.fromSide > 0 ? a.x + NODE_W : a.x;
    const x2 = ar.toSide > 0 ? b.x + NODE_W : b.x;
    const d =
      a.col === b.col
        ? curve(x1, ar.y1, x2, ar.y2, 1, -1, Math.min(GAP_X - 20, 24 + Math.abs(ar.y2 - ar.y1) / 8))
        : curve(x1, ar.y1, x2, ar.y2, ar.fromSide, -ar.toSide);
    out.push(`<path d="${d}" marker-end="url(#fb-map-arrow)" data-from="${esc(ar.from)}" data-to="${esc(ar.to)}"><title>${esc(`${ar.from} → ${ar.to}`)}</title></path>`);
  }
  out.push('</g>');
  for (const c of columns)
    for (const p of c.processes) {
      const { x, y } = pos.get(p.code)!;
      const cls = p.status === 'draft' ? 'fb-map-node fb-map-draft' : 'fb-map-node';
      out.push(
        `<a href="${esc(options.href(p.code))}" class="${cls}" data-code="${esc(p.code)}"><title>${esc(`${p.code} ${p.name}`)}</title>` +
          `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6"/>` +
          `<text x="${x + 10}" y="${y + 21}" class="fb-map-code">${esc(fit(p.code, 19))}</text>` +
          `<text x="${x + 10}" y="${y + 42}" class="fb-map-name">${esc(fit(p.name, 12.5))}</text></a>`,
      );
    }
  out.push('</svg>');
  return out.join('\n');
}

/** A cubic curve leaving horizontally in direction `d1` and arriving horizontally in direction `d2`. */
function curve(x1: number, y1: number, x2: number, y2: number, d1: number, d2: number, bend?: number): string {
  const k = bend ?? Math.max(30, Math.abs(x2 - x1) / 2);
  return `M${x1} ${y1}C${x1 + d1 * k} ${y1} ${x2 - d2 * k} ${y2} ${x2 + (d2 > 0 ? -2 : 2)} ${y2}`;
}
