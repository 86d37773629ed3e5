/**
 * Charts on paper, read back from real PDFs (Chromium, pdftotext -bbox): the example handbook's
 * charts each whole on one page at >= 7 pt; the 120-step and 25-lane charts cut into parts that
 * each take one page, with no text outside the page box, no chart text under 7 pt, and every
 * "续见第 N 页" answered by "接第 M 页" on page N.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from '../../src/util/browser.js';
import { loadHandbook } from '../../src/load.js';
import { buildSiteModel } from '../../src/view/model.js';
import { loadPrintKit, renderControlledCopy } from '../../src/print/document.js';
import { openPdfRenderer, type PdfRenderer } from '../../src/print/pdf.js';
import { layoutSwimlane, renderNativeSvg } from '../../src/diagram/native/index.js';
import { webPrintChart } from '../../src/view/paper/diagram.js';
import { printHeadFor } from '../../src/view/paper/page.js';
import { MARGIN_MM } from '../../src/view/paper/chart-pages.js';
import type { Settings } from '../../src/model/types.js';
import { CHART_ONLY_CSS, cjkSize, pdfWords } from '../../bench/print-charts.js';
import { largeCases, namedCases } from '../diagram/native/cases.js';
import { hasPoppler, TODAY } from './helpers.js';

const chromium = findChromium();
const PT_PER_MM = 72 / 25.4;

describe.skipIf(!chromium || !hasPoppler)('charts on paper, read back from the PDF', () => {
  let dir: string;
  let pdf: PdfRenderer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fb-chart-paper-'));
    pdf = await openPdfRenderer(chromium!);
  });
  afterAll(async () => {
    await pdf?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const print = async (name: string, html: string) => {
    const file = path.join(dir, name);
    await writeFile(file, await pdf.pdf(html));
    return pdfWords(file);
  };

  // The largest six charts and the 8-step 请假流程 (bench/print-charts.ts prints all 26).
  it("the example handbook's largest charts print whole on one page, their text at >= 7 pt", { timeout: 180_000 }, async () => {
    const root = path.resolve('processes/..');
    const r = await loadHandbook(root, { today: TODAY, strict: false });
    const hb = r.handbook!;
    const site = buildSiteModel(hb, { today: TODAY, drafts: true });
    const kit = await loadPrintKit(root);
    const area = (p: (typeof hb.processes)[number]) => {
      const l = layoutSwimlane(p);
      return l.width * l.height;
    };
    const chosen = [...hb.processes].sort((a, b) => area(b) - area(a)).slice(0, 6);
    chosen.push(hb.byCode.get('HR-AT-003')!);
    for (const p of chosen) {
      const layout = layoutSwimlane(p);
      const html = renderControlledCopy(kit, site, p, { number: 1, holder: 'test', issued: TODAY }).replace('</head>', `${CHART_ONLY_CSS}</head>`);
      const { words, pages } = await print(`${p.code}.pdf`, html);
      const chartText = [...layout.lanes.flatMap((l) => l.titleLines), ...layout.nodes.flatMap((n) => n.lines)].join('\n');
      const chartWords = words.filter((w) => w.text.length >= 2 && chartText.includes(w.text) && w.y0 > 50 && w.y1 < pages[w.page - 1]!.height - 40);
      expect(new Set(chartWords.map((w) => w.page)).size, p.code).toBe(1);
      const sizes = chartWords.map(cjkSize).filter((s): s is number => s !== undefined);
      expect(Math.min(...sizes), p.code).toBeGreaterThanOrEqual(6.95);
    }
  });

  const settings = { language: 'zh-CN', title: 't', organisation: 'o', paper: 'A4' } as unknown as Settings;
  // The 120-step 25-lane chart (171 pages, 2 minutes here) and the many-loops one are checked from
  // their plans in chart-pages.test.ts; these two take the same code paths (bands, lane groups).
  const cases = [...largeCases().filter((c) => c.name === '120 steps, 8 lanes'), ...namedCases().filter((c) => c.name.startsWith('25 lanes'))];
  it('covers a chart cut into bands and lane groups, and a wide one cut into lane groups', () => expect(cases.length).toBe(2));
  describe.each(cases)('$name', ({ name, process: p }) => {
    it('one part per page, inside the page box, >= 7 pt, connectors answered on the page they name', { timeout: 180_000 }, async () => {
      const css = await readFile(path.resolve('assets/print.css'), 'utf8');
      const svg = renderNativeSvg(p, { href: () => undefined, idPrefix: 'x' });
      const chart = webPrintChart(svg, settings, p);
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style>${printHeadFor(p, chart.plan, settings)}</head><body><main><h1>${p.code}</h1><div class="fb-figure">${chart.html}</div></main></body></html>`;
      const { words, pages } = await print(`${name.replace(/\W+/g, '_')}.pdf`, html);
      const parts = (chart.html.match(/<figure class="fb-diagram-band/g) ?? []).length;
      expect(parts).toBeGreaterThan(1);
      // page 1: title and page map; then one page per part, none spilling onto another
      expect(pages.length).toBe(parts + 1);
      for (const w of words) {
        const pg = pages[w.page - 1]!;
        expect(w.x0, w.text).toBeGreaterThanOrEqual(MARGIN_MM.left * PT_PER_MM - 1);
        expect(w.x1, w.text).toBeLessThanOrEqual(pg.width - MARGIN_MM.right * PT_PER_MM + 1);
      }
      const cjk = words.filter((w) => w.page > 1).map(cjkSize).filter((s): s is number => s !== undefined);
      expect(Math.min(...cjk)).toBeGreaterThanOrEqual(6.95);
      // "续见第 N 页" on page P: page N says "接第 P 页" (words come apart: 续见第 / N / 页)
      const text = (pg: number) => words.filter((w) => w.page === pg).map((w) => w.text).join(' ');
      let links = 0;
      for (let pg = 2; pg <= pages.length; pg++)
        for (const m of text(pg).matchAll(/续见第 (\d+) 页/g)) {
          links++;
          expect(text(Number(m[1])), `page ${pg} -> ${m[1]}`).toContain(`接第 ${pg} 页`);
        }
      expect(links).toBeGreaterThan(0);
    });
  });
});
