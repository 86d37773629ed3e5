/**
 * How charts come out on paper: prints a controlled copy of every process of a handbook to PDF with
 * everything but the charts hidden (chart-notes.md, "Measuring printed charts"), reads the words
 * back with `pdftotext -bbox`, and reports per chart: pages it spans, whether it printed whole,
 * the smallest CJK text size, and how far down the page its words reach on each page.
 *
 *   npx tsx bench/print-charts.ts <handbook root> [--generate N] [--keep dir] [--paper A3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadHandbook } from '../src/load.js';
import { findChromium } from '../src/util/browser.js';
import { buildSiteModel } from '../src/view/model.js';
import { loadPrintKit, renderControlledCopy } from '../src/print/document.js';
import { openPdfRenderer } from '../src/print/pdf.js';
import { layoutSwimlane } from '../src/diagram/native/index.js';
import { parsePaper } from '../src/view/paper/chart-pages.js';
import { writeGeneratedHandbook } from './generate.js';

export interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** pdftotext -bbox words with their page (1-based) and the page sizes in pt. */
export function pdfWords(file: string): { words: Word[]; pages: Array<{ width: number; height: number }> } {
  const r = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  const words: Word[] = [];
  const pages: Array<{ width: number; height: number }> = [];
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of r.stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1] !== undefined) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else words.push({ page: pages.length, x0: Number(m[3]), y0: Number(m[4]), x1: Number(m[5]), y1: Number(m[6]), text: unescape(m[7]!) });
  }
  return { words, pages };
}

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;
/** Font size in pt of a word made only of CJK characters (one em each); undefined otherwise. */
export const cjkSize = (w: Word) => (CJK.test(w.text) ? (w.x1 - w.x0) / [...w.text].length : undefined);

export const CHART_ONLY_CSS = '<style>body * { visibility: hidden !important } svg, svg * { visibility: visible !important }</style>';

async function main() {
  const args = process.argv.slice(2);
  let root = args.find((a) => !a.startsWith('--')) ?? 'processes/..';
  const gen = args.indexOf('--generate');
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
  const paperArg = args.includes('--paper') ? args[args.indexOf('--paper') + 1] : undefined;
  const tmp = await mkdtemp(path.join(tmpdir(), 'fb-print-charts-'));
  if (gen >= 0) root = await writeGeneratedHandbook(path.join(tmp, 'hb'), Number(args[gen + 1]), 7);
  const today = '2026-12-01';
  const r = await loadHandbook(root, { today, strict: false });
  if (!r.handbook) throw new Error('handbook has errors');
  const hb = r.handbook;
  const site = buildSiteModel(hb, { today, drafts: true });
  const kit = await loadPrintKit(root);
  const pdf = await openPdfRenderer(findChromium()!);
  let whole = 0;
  let total = 0;
  let minSize = Infinity;
  const lines: string[] = [];
  try {
    for (const p of hb.processes) {
      const layout = layoutSwimlane(p);
      const paper = paperArg === undefined ? undefined : parsePaper(paperArg);
      if (paperArg !== undefined && !paper) throw new Error(`--paper: A4 or A3, not "${paperArg}"`);
      const copyOptions = paper ? { paper } : {};
      let html = renderControlledCopy(kit, site, p, { number: 1, holder: 'bench', issued: today }, copyOptions);
      html = html.replace('</head>', `${CHART_ONLY_CSS}</head>`);
      const file = path.join(keep ?? tmp, `${p.code.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`);
      await writeFile(file, await pdf.pdf(html));
      const { words, pages } = pdfWords(file);
      const chartText = [...layout.lanes.flatMap((l) => l.titleLines), ...layout.nodes.flatMap((n) => n.lines)].join('\n');
      const chartWords = words.filter((w) => w.text.length >= 2 && chartText.includes(w.text) && w.y0 > 50 && w.y1 < pages[w.page - 1]!.height - 40);
      const onPages = [...new Set(chartWords.map((w) => w.page))].sort((a, b) => a - b);
      const firstTitle = layout.lanes[0]!.titleLines[0]!;
      const titleCount = words.filter((w) => w.text === firstTitle).length;
      const isWhole = onPages.length === 1 && titleCount <= 1;
      const sizes = chartWords.map(cjkSize).filter((s): s is number => s !== undefined);
      const small = sizes.length ? Math.min(...sizes) : NaN;
      if (Number.isFinite(small)) minSize = Math.min(minSize, small);
      total++;
      if (isWhole) whole++;
      const fills = onPages.map((pg) => {
        const ws = chartWords.filter((w) => w.page === pg);
        const h = pages[pg - 1]!.height;
        return Math.round(((Math.max(...ws.map((w) => w.y1)) - Math.min(...ws.map((w) => w.y0))) / (h - (24 + 16) * 2.835)) * 100);
      });
      lines.push(
        `${p.code.padEnd(14)} steps ${String(p.steps.length).padStart(3)} lanes ${String(p.roles.length).padStart(2)} ${layout.width}x${Math.round(layout.height)}  pages ${onPages.length} (${onPages.join(',')}) ${isWhole ? 'WHOLE' : 'split'}  min ${small.toFixed(1)}pt  word-extent ${fills.join('/')}%`,
      );
    }
  } finally {
    await pdf.close();
    if (!keep) await rm(tmp, { recursive: true, force: true });
  }
  console.log(lines.join('\n'));
  console.log(`charts whole on one page: ${whole} of ${total}; smallest CJK chart text ${minSize.toFixed(2)} pt`);
  void readFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
