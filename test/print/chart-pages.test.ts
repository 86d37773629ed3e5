/**
 * Charts on paper, planned from the native layout: whole when they fit, cut between rows (never
 * through a box, a label or an arrowhead, never between a decision and its branch labels), lane
 * header on every part, connectors on both sides of every cut, no text under 7 pt; and the step
 * table of a controlled copy is the book's (one template path).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { layoutSwimlane, renderNativeSvg } from '../../src/diagram/native/index.js';
import { chartPages, contentBox, cutIntervals, MIN_FILL, MIN_SCALE, planChart, type ChartPlan } from '../../src/view/paper/chart-pages.js';
import { headerEstimate } from '../../src/view/paper/diagram.js';
import { bookDocs, loadPrintKit, renderBook, renderControlledCopy } from '../../src/print/document.js';
import { buildSiteModel } from '../../src/view/model.js';
import { loadHandbook } from '../../src/load.js';
import type { Process } from '../../src/model/types.js';
import { largeCases, namedCases } from '../diagram/native/cases.js';
import { testHandbook, TODAY } from './helpers.js';

const example = await loadHandbook(path.resolve('processes/..'), { today: TODAY, strict: false });

function pagesOf(p: Process, plan: ChartPlan) {
  const svg = renderNativeSvg(p, { href: () => undefined, idPrefix: 'x' });
  return chartPages(svg, layoutSwimlane(p), plan, { language: 'zh-CN', firstPage: 2 });
}

describe('whole when it fits', () => {
  it('every chart of the example handbook prints whole on one A4 page, text >= 7 pt', () => {
    const hb = example.handbook!;
    expect(hb.processes.length).toBeGreaterThanOrEqual(20);
    for (const p of hb.processes) {
      const plan = planChart(layoutSwimlane(p), { headerPx: headerEstimate(p) });
      expect(plan.bands.length * plan.groups.length, p.code).toBe(1);
      expect(plan.minTextPt, p.code).toBeGreaterThanOrEqual(7);
      const box = contentBox('A4', plan.orientation);
      const l = layoutSwimlane(p);
      expect(l.width * plan.scale, p.code).toBeLessThanOrEqual(box.width + 0.5);
      expect(l.height * plan.scale, p.code).toBeLessThanOrEqual(box.height + 0.5);
    }
  });

  it('a small chart goes under the header block; the 8-step 请假流程 too', () => {
    const p = example.handbook!.byCode.get('HR-AT-003')!;
    expect(planChart(layoutSwimlane(p), { headerPx: headerEstimate(p) }).placement).toBe('inline');
  });
});

const big = [...largeCases(), ...namedCases().filter((c) => c.name.startsWith('25 lanes'))];

describe.each(big)('cut charts: $name', ({ name, process: p }) => {
  const layout = layoutSwimlane(p);
  const plan = planChart(layout, { headerPx: headerEstimate(p), language: 'zh-CN' });
  const pages = pagesOf(p, plan);

  it('prints at >= 7 pt inside the page box', () => {
    expect(plan.scale).toBeGreaterThanOrEqual(MIN_SCALE - 1e-9);
    const box = contentBox(plan.paper, plan.orientation);
    for (const pg of pages) {
      expect(pg.width).toBeLessThanOrEqual(box.width + 0.5);
      expect(pg.height).toBeLessThanOrEqual(box.height + 0.5);
    }
  });

  it('cuts between rows only: never through a box or a label, a decision keeps its branch labels', () => {
    const cuts = plan.bands.slice(0, -1).map((b) => b.y1);
    const free = cutIntervals(layout);
    const forced = (y: number) => layout.nodes.some((n) => n.height > 600 && Math.abs(n.cy - y) < n.height / 2);
    for (const y of cuts) {
      if (forced(y)) continue;
      expect(free.some(([a, b]) => y >= a - 0.01 && y <= b + 0.01)).toBe(true);
      for (const n of layout.nodes) expect(y <= n.cy - n.height / 2 || y >= n.cy + n.height / 2).toBe(true);
      for (const e of layout.edges) {
        if (!e.label) continue;
        const b = e.label.box;
        expect(y <= b.y || y >= b.y + b.height).toBe(true);
        const src = layout.nodes.find((n) => n.key === e.from)!;
        expect(y < src.cy === y < b.y).toBe(true);
      }
    }
  });

  it('repeats the lane header on every part and puts a connector on both sides of every cut edge', () => {
    expect(pages.length).toBe(plan.bands.length * plan.groups.length);
    const markers = new Map<string, number>();
    for (const pg of pages) {
      // the header is drawn on each part: a nested view of the figure's top strip
      expect(pg.svg).toMatch(/<svg x="[\d.]+" y="0" width="[\d.]+" height="[\d.]+" viewBox="[\d.]+ 0 /);
      for (const m of pg.svg.matchAll(/font-weight="bold" fill="#1f2937">(\d+)<\/text>(?:<text class="fb-connector-text"[^>]*>([^<]*)<)?/g)) {
        markers.set(m[1]!, (markers.get(m[1]!) ?? 0) + 1);
        if (m[2] !== undefined) expect(m[2]).toMatch(/^(续见第 \d+ 页 → \d+|接第 \d+ 页 ← \d+)$/);
        // a dense strip: the circle alone, and the strip's key names its page and step
        else expect(pg.svg).toMatch(new RegExp(`<text class="fb-connector-key"[^>]*>${m[1]} [→←] \\d+<`));
      }
      for (const m of pg.svg.matchAll(/<text class="fb-connector-legend"[^>]*>([^<]*)</g)) expect(m[1]).toMatch(/^(→ 续见第 \d+ 页|← 接第 \d+ 页|→ 续见第 \d+ 页　← 接第 \d+ 页)$/);
    }
    if (pages.length > 1) expect(markers.size).toBeGreaterThan(0);
    for (const [n, count] of markers) expect(count, `connector ${n}`).toBe(2);
  });

  it('bands fill the page (all but the last)', () => {
    const fills = plan.bands.slice(0, -1).map((b) => ((layout.headerHeight + b.top + b.y1 - b.y0 + b.bottom) * plan.scale) / contentBox(plan.paper, plan.orientation).height);
    if (name.includes('many loops')) {
      // 40+ loop lines cross every cut side by side: even with dense strips (circles and a key)
      // some bands end a row short (measured 84-94 %).
      for (const f of fills) expect(f).toBeGreaterThan(0.8);
    } else for (const f of fills) expect(f).toBeGreaterThanOrEqual(MIN_FILL);
  });
});

describe('one print template path', () => {
  it('a controlled copy and the book show the same step rows: 起点 tag, 结束 for end steps', async () => {
    const hb = testHandbook();
    const site = buildSiteModel(hb, { today: TODAY, drafts: true });
    const kit = await loadPrintKit();
    const p = hb.byCode.get('HR-AT-003')!;
    const copy = renderControlledCopy(kit, site, p, { number: 1, holder: '甲', issued: TODAY }, { stepLinks: false });
    const controlled = hb.processes.filter((q) => q.code === p.code);
    const book = renderBook(kit, site, controlled, bookDocs(site, controlled), { today: TODAY });
    const rows = (html: string) => (/<tbody>\s*<tr id="step-[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '').replace(/\s(?:href|id)="[^"]*"/g, '');
    expect(rows(copy)).not.toBe('');
    expect(rows(copy)).toBe(rows(book));
    expect(rows(copy)).toContain('<span class="fb-tag fb-tag-start">起点</span>');
    expect(rows(copy)).toContain('<span class="fb-muted">结束</span>');
  });
});
