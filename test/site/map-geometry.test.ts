/**
 * The process map's geometry (src/site/map-svg.ts), in-process: no link segment enters a box
 * other than its own two ends, links never share a line, every link starts and ends on its own
 * boxes, and the map fitted to a 1280 px window keeps a readable scale; for the example handbook and a generated one of 300.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadHandbook, checkSources } from '../../src/load.js';
import { buildSiteModel } from '../../src/view/model.js';
import { mapColumns } from '../../src/site/pages/map.js';
import { layoutMap, mapSvg, MAP_MAX_WIDTH, type MapLayout, type Rect } from '../../src/site/map-svg.js';
import { generateDocuments } from '../../bench/generate.js';
import type { Handbook } from '../../src/model/types.js';
import { REPO } from './helpers.js';

type Seg = { x1: number; y1: number; x2: number; y2: number; link: number };

/** Open interior of the rectangle (touching an edge is not entering). */
function enters(s: Seg, r: Rect): boolean {
  const [xl, xh] = [Math.min(s.x1, s.x2), Math.max(s.x1, s.x2)];
  const [yl, yh] = [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)];
  return xh > r.x && xl < r.x + r.w && yh > r.y && yl < r.y + r.h;
}

function segments(l: MapLayout): Seg[] {
  const out: Seg[] = [];
  l.links.forEach((k, link) => {
    for (let i = 1; i < k.points.length; i++) {
      const [x1, y1] = k.points[i - 1]!;
      const [x2, y2] = k.points[i]!;
      out.push({ x1, y1, x2, y2, link });
    }
  });
  return out;
}

/** Every rule; returns the faults found (empty when the map is right). */
function faults(l: MapLayout): string[] {
  const bad: string[] = [];
  const boxes = [...l.boxes.entries()];
  const segs = segments(l);
  for (const s of segs) {
    const k = l.links[s.link]!;
    if (s.x1 !== s.x2 && s.y1 !== s.y2) bad.push(`${k.from}->${k.to}: diagonal segment`);
    for (const [code, r] of boxes) if (code !== k.from && code !== k.to && enters(s, r)) bad.push(`${k.from}->${k.to} passes through ${code}`);
    // Its own boxes: only the first and last segment touch them, from outside.
    const own = [l.boxes.get(k.from)!, l.boxes.get(k.to)!];
    for (const r of own) if (enters(s, r)) bad.push(`${k.from}->${k.to} enters its own box`);
  }
  for (const k of l.links) {
    const [sx, sy] = k.points[0]!;
    const [tx, ty] = k.points[k.points.length - 1]!;
    const s = l.boxes.get(k.from)!;
    const t = l.boxes.get(k.to)!;
    if (!((sx === s.x || sx === s.x + s.w) && sy > s.y && sy < s.y + s.h)) bad.push(`${k.from}->${k.to} does not start on its source's side`);
    if (!((tx === t.x || tx === t.x + t.w) && ty > t.y && ty < t.y + t.h)) bad.push(`${k.from}->${k.to} does not end on its target's side`);
  }
  // No two links share a stretch of line, and parallel lines of different links keep `spacing - 1`
  // apart (rounding) where they run side by side.
  const min = l.spacing - 1;
  const hs = segs.filter((s) => s.y1 === s.y2 && s.x1 !== s.x2);
  const vs = segs.filter((s) => s.x1 === s.x2 && s.y1 !== s.y2);
  const close = (list: Seg[], along: (s: Seg) => [number, number], across: (s: Seg) => number) => {
    const sorted = [...list].sort((a, b) => across(a) - across(b));
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length && across(sorted[j]!) - across(sorted[i]!) < min; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (a.link === b.link) continue;
        const [a0, a1] = along(a);
        const [b0, b1] = along(b);
        if (Math.min(a1, b1) - Math.max(a0, b0) > 0) bad.push(`${l.links[a.link]!.from}->${l.links[a.link]!.to} runs within ${across(b) - across(a)} px of ${l.links[b.link]!.from}->${l.links[b.link]!.to}`);
      }
  };
  close(hs, (s) => [Math.min(s.x1, s.x2), Math.max(s.x1, s.x2)], (s) => s.y1);
  close(vs, (s) => [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)], (s) => s.x1);
  // Boxes do not overlap.
  const sorted = boxes.map(([, r]) => r).sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.w; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.y < b.y + b.h && b.y < a.y + a.h) bad.push('boxes overlap');
    }
  return bad;
}

function columnsOf(handbook: Handbook) {
  return mapColumns(buildSiteModel(handbook, { today: '2026-11-27' }));
}

function linkCount(handbook: Handbook): number {
  const onMap = new Set(buildSiteModel(handbook, { today: '2026-11-27' }).current.map((p) => p.code));
  let n = 0;
  for (const p of handbook.processes) if (onMap.has(p.code)) n += new Set(p.linksTo.filter((c) => c !== p.code && onMap.has(c))).size;
  return n;
}

describe('process map geometry', () => {
  it('example handbook: no link enters another box, no shared lines, every category within a 1280 px window at 90% or more', async () => {
    const { handbook } = await loadHandbook(REPO, { today: '2026-11-27' });
    const cols = columnsOf(handbook!);
    const l = layoutMap(cols);
    expect(faults(l)).toEqual([]);
    expect(l.links.length).toBe(linkCount(handbook!));
    expect(l.links.length).toBeGreaterThan(30);
    // Shown at 90% or more when fitted to a 1280 px window.
    expect(MAP_MAX_WIDTH / l.width).toBeGreaterThanOrEqual(0.9);
    expect(l.panels.length).toBe(cols.length);
    expect(l.boxes.size).toBe(cols.reduce((a, c) => a + c.processes.length, 0));
    // Deterministic.
    const svg = mapSvg(cols, { href: (c) => `p/${c}.html`, title: 'map' });
    expect(mapSvg(cols, { href: (c) => `p/${c}.html`, title: 'map' })).toBe(svg);
  });

  it('generated handbook of 300: the same rules, at half size or more in a 1280 px window', () => {
    const docs = generateDocuments(300);
    const r = checkSources({ root: path.join(REPO, '.gen-300'), settingsText: 'title: gen\nlanguage: zh-CN\n', documents: docs, diagnostics: [] }, { today: '2026-11-27' });
    expect(r.handbook, JSON.stringify(r.diagnostics.slice(0, 3))).toBeDefined();
    const cols = columnsOf(r.handbook!);
    const l = layoutMap(cols);
    expect(l.boxes.size).toBe(300);
    expect(l.links.length).toBe(linkCount(r.handbook!));
    expect(l.links.length).toBeGreaterThan(250);
    expect(faults(l)).toEqual([]);
    // Fitted to a 1280 px window it shows at half size or more (the page's "actual size" shows 100%).
    expect(MAP_MAX_WIDTH / l.width).toBeGreaterThanOrEqual(0.5);
  });

  it('the checker finds a link through a box (it is not vacuous)', () => {
    const box = { x: 100, y: 100, w: 50, h: 40, category: 0 };
    const l: MapLayout = {
      width: 300,
      height: 300,
      columns: 1,
      spacing: 8,
      boxes: new Map([
        ['A', { x: 0, y: 110, w: 50, h: 20, category: 0 }],
        ['B', { x: 250, y: 110, w: 50, h: 20, category: 0 }],
        ['C', box],
      ]),
      panels: [],
      links: [
        {
          from: 'A',
          to: 'B',
          points: [
            [50, 120],
            [250, 120],
          ],
        },
      ],
    };
    expect(faults(l)).toEqual(['A->B passes through C']);
  });
});
