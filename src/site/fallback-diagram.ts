/**
 * A plain swimlane SVG used only when the diagram module (src/diagram) is not available:
 * one column per role, one row per step, straight arrows. Keeps pages complete while the real
 * renderers are being built; the build reports when it is used.
 */
import type { Process } from '../model/types.js';
import { esc, fit } from './escape.js';

const LANE = 170;
const ROW = 78;
const TOP = 44;
const BOX_W = 140;
const BOX_H = 44;

export function fallbackSvg(p: Process, href: (code: string) => string | undefined, idPrefix: string): string {
  const width = p.roles.length * LANE;
  const height = TOP + p.steps.length * ROW + 10;
  const pos = new Map(p.steps.map((s, i) => [s.key, { x: s.lane * LANE + LANE / 2, y: TOP + i * ROW + ROW / 2 }]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}title">`,
    `<title id="${idPrefix}title">${esc(p.name)}</title>`,
    `<defs><marker id="${idPrefix}arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#444"/></marker></defs>`,
  );
  p.roles.forEach((r, i) => {
    out.push(`<rect x="${i * LANE}" y="0" width="${LANE}" height="${height}" fill="${i % 2 ? '#f6f7f9' : '#fff'}" stroke="#ccd"/>`);
    out.push(`<text x="${i * LANE + LANE / 2}" y="26" text-anchor="middle" font-weight="bold" font-size="14">${esc(fit(r, 10))}</text>`);
  });
  for (const s of p.steps)
    for (const e of s.next) {
      const a = pos.get(e.from)!;
      const b = pos.get(e.to)!;
      const down = b.y > a.y;
      const y1 = a.y + (down ? BOX_H / 2 : -BOX_H / 2);
      const y2 = b.y + (down ? -BOX_H / 2 : BOX_H / 2);
      out.push(`<path d="M${a.x} ${y1}L${b.x} ${y2}" fill="none" stroke="#444" marker-end="url(#${idPrefix}arrow)"/>`);
      if (e.label) out.push(`<text x="${(a.x + b.x) / 2 + 4}" y="${(y1 + y2) / 2}" font-size="12" fill="#a33">${esc(fit(e.label, 6))}</text>`);
    }
  for (const s of p.steps) {
    const { x, y } = pos.get(s.key)!;
    const shape =
      s.type === 'decision'
        ? `<path d="M${x} ${y - BOX_H / 2}L${x + BOX_W / 2} ${y}L${x} ${y + BOX_H / 2}L${x - BOX_W / 2} ${y}z"`
        : s.type === 'process'
          ? `<ellipse cx="${x}" cy="${y}" rx="${BOX_W / 2}" ry="${BOX_H / 2}"`
          : `<rect x="${x - BOX_W / 2}" y="${y - BOX_H / 2}" width="${BOX_W}" height="${BOX_H}" rx="3"`;
    const node = `<g>${shape} fill="#fff" stroke="#333" stroke-width="${s.start ? 3 : 1.2}"/><text x="${x}" y="${y + 5}" text-anchor="middle" font-size="13">${esc(fit(s.text, 8))}</text></g>`;
    const target = s.ref !== undefined ? href(s.ref) : undefined;
    out.push(target !== undefined ? `<a href="${esc(target)}">${node}</a>` : node);
  }
  out.push('</svg>');
  return out.join('');
}
