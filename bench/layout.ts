/**
 * Layout quality bench (issue #13): for the example handbook, the handbooks under bench/handbooks/
 * and a generated handbook of 1,000 processes, the defects a reader sees in each swimlane chart
 * (bench/layout-metrics.ts), measured the same way on three drawings of the same documents:
 *
 * - native (now): this checkout's src/diagram/native;
 * - native (baseline): the renderer before the layout rewrite (commit 80e6aa4), imported live from
 *   another checkout named by FLOWBOOK_LAYOUT_BASELINE (its root folder), else the figures saved
 *   in bench/layout-baseline.json;
 * - Mermaid swimlane-beta, drawn in Chromium exactly as `flowbook build --renderer mermaid` does
 *   (SVGs cached by content under .bench/layout-mermaid-cache, so only changed charts are drawn
 *   again); on the generated handbook only the first FLOWBOOK_LAYOUT_MERMAID_SAMPLE (default 100)
 *   processes. Without Chromium, or with FLOWBOOK_LAYOUT_MERMAID=0, the saved figures are shown.
 *
 * Run: npm run bench -- layout [--json] [--save-baseline]   (or npx tsx bench/layout.ts ...)
 * --json prints one JSON document on stdout (use `npm run -s bench -- layout --json` so npm adds
 * nothing). --save-baseline writes bench/layout-baseline.json from this run (the baseline columns
 * only when they were measured live).
 */
import { diskSvgCache } from '../src/output/svg-cache.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultSettings } from '../src/config/settings.js';
import { toMermaidSource } from '../src/diagram/mermaid/source.js';
import { renderMermaidSvgs, type MermaidJob } from '../src/diagram/mermaid/render.js';
import { layoutSwimlane, renderNativeSvg } from '../src/diagram/native/index.js';
import { loadHandbook } from '../src/load.js';
import { buildHandbook } from '../src/model/build.js';
import type { Process } from '../src/model/types.js';
import { parseProcessDocument } from '../src/parse/document.js';
import { readHandbookSources } from '../src/source/read-handbook.js';
import { findChromium } from '../src/util/browser.js';
import { checkDocument } from '../src/validate/document.js';
import { benchDir, writeGeneratedHandbook } from './generate.js';
import { detectDialect, measureSvg, stepsPerRow, sumMetrics, type LayoutMetrics } from './layout-metrics.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE_FILE = path.join(ROOT, 'bench', 'layout-baseline.json');
const BASELINE_COMMIT = '80e6aa4';
/** Handbooks with more charts than this are shown in totals only (and saved as totals only). */
const PER_CHART_LIMIT = 100;

interface NativeRenderer {
  readonly renderNativeSvg: typeof renderNativeSvg;
  readonly layoutSwimlane: typeof layoutSwimlane;
}

/** One chart's figures; layoutMs for the native renderers (best of a few runs of layoutSwimlane). */
export interface ChartFigures extends LayoutMetrics {
  readonly code: string;
  readonly layoutMs?: number;
}

export interface Totals extends LayoutMetrics {
  readonly charts: number;
  readonly stepsPerRow: number;
  readonly meanLayoutMs?: number;
  readonly maxLayoutMs?: number;
}

type Source = 'live' | 'saved' | 'saved (documents changed since)' | 'none';

export interface HandbookReport {
  readonly name: string;
  readonly charts: number;
  /** Digest of the charts' Mermaid sources: saved figures are for these documents only when it matches. */
  readonly digest: string;
  readonly mermaidSample: number;
  readonly sources: { readonly baseline: Source; readonly mermaid: Source };
  readonly totals: { readonly now: Totals; readonly baseline?: Totals; readonly mermaid?: Totals };
  /** The same figures over the charts Mermaid drew, when that is a sample. */
  readonly sampleTotals?: { readonly now: Totals; readonly baseline?: Totals; readonly mermaid?: Totals };
  /** Charts a renderer could not draw, left out of its column (and of the sample totals). */
  readonly failures: { readonly now: readonly Failure[]; readonly baseline: readonly Failure[]; readonly mermaid: readonly Failure[] };
  /** Per chart, for handbooks of at most 100 charts. */
  readonly perChart?: readonly PerChart[];
}

export interface PerChart {
  readonly code: string;
  readonly now?: ChartFigures;
  readonly baseline?: ChartFigures;
  readonly mermaid?: ChartFigures;
}

interface Failure {
  readonly code: string;
  readonly message: string;
}

interface SavedHandbook {
  digest: string;
  mermaidSample: number;
  baseline?: { total: Totals; sample?: Totals; charts?: Record<string, ChartFigures> };
  mermaid?: { total: Totals; charts?: Record<string, ChartFigures> };
}
interface SavedFile {
  baselineCommit: string;
  mermaidVersion?: string;
  note: string;
  handbooks: Record<string, SavedHandbook>;
}

/** Processes of a handbook; while one is mid-edit and fails cross-document checks, each document that decodes alone. */
async function processesOf(root: string): Promise<Process[]> {
  const loaded = await loadHandbook(root, { today: '2026-11-27' });
  if (loaded.handbook !== undefined) return [...loaded.handbook.processes];
  const sources = await readHandbookSources(root);
  const docs = sources.documents.flatMap((src) => checkDocument(parseProcessDocument(src.file, src.text)).doc ?? []);
  return [...buildHandbook(root, defaultSettings(), docs).processes];
}

const href = (code: string) => `${code}.html`;
const mermaidSource = (p: Process) => toMermaidSource(p, { href });

function measureNative(renderer: NativeRenderer, processes: readonly Process[], rounds: number, failures: Failure[]): ChartFigures[] {
  // Every chart laid out once before any is timed: otherwise the first charts pay for compiling the
  // layout code (HR-AT-004, the fourth chart, measured ~4.7 ms cold and ~0.5 ms warm).
  for (const p of processes)
    try {
      renderer.layoutSwimlane(p);
    } catch {
      // reported below, when the chart is drawn
    }
  return processes.flatMap((p) => {
    let svg: string;
    try {
      svg = renderer.renderNativeSvg(p, { href, idPrefix: `d-${p.code}` });
    } catch (e) {
      // A renderer mid-rewrite may fail on a chart: say so rather than lose the other charts' figures.
      failures.push({ code: p.code, message: (e as Error).message.split('\n')[0]!.slice(0, 200) });
      return [];
    }
    let best = Infinity;
    for (let r = 0; r <= rounds; r++) {
      const t0 = performance.now();
      renderer.layoutSwimlane(p);
      const ms = performance.now() - t0;
      if (r > 0 || rounds === 0) best = Math.min(best, ms); // the first run warms up
    }
    return [{ code: p.code, ...measureSvg(svg, 'native'), layoutMs: Math.round(best * 1000) / 1000 }];
  });
}

function totalsOf(rows: readonly ChartFigures[]): Totals {
  const sum = sumMetrics(rows);
  const times = rows.flatMap((r) => (r.layoutMs === undefined ? [] : [r.layoutMs]));
  return {
    charts: rows.length,
    ...sum,
    stepsPerRow: stepsPerRow(sum),
    ...(times.length > 0
      ? { meanLayoutMs: Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 1000) / 1000, maxLayoutMs: Math.max(...times) }
      : {}),
  };
}

/** Mermaid's SVGs through the build's renderer and cache; a chart Mermaid cannot draw is left out and reported. */
async function drawMermaid(processes: readonly Process[]): Promise<{ svgs: Map<string, string>; failures: { code: string; message: string }[] }> {
  const failures: { code: string; message: string }[] = [];
  let jobs: MermaidJob[] = processes.map((p) => ({ code: p.code, source: mermaidSource(p) }));
  const cacheDir = benchDir('layout-mermaid-cache');
  for (;;) {
    try {
      const { svgs } = await renderMermaidSvgs(jobs, { cache: diskSvgCache(cacheDir), concurrency: 2 });
      // A renderer that falls back to the native chart for what Mermaid cannot draw: not Mermaid's drawing.
      for (const [code, svg] of svgs)
        if (detectDialect(svg) !== 'mermaid') {
          svgs.delete(code);
          failures.push({ code, message: 'Mermaid could not draw it (the renderer fell back to the native chart)' });
        }
      return { svgs, failures };
    } catch (e) {
      const message = (e as Error).message;
      // The renderer stops at the first chart it cannot draw and names it; the others are cached by then.
      const failed = jobs.find((j) => message.includes(` ${j.code}:`) || message.includes(` ${j.code} `));
      if (!failed) throw e;
      failures.push({ code: failed.code, message: message.split('\n')[0]!.slice(0, 200) });
      jobs = jobs.filter((j) => j !== failed);
    }
  }
}

function readSaved(): SavedFile | undefined {
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as SavedFile;
  } catch {
    return undefined;
  }
}

async function importBaseline(): Promise<NativeRenderer | undefined> {
  const dir = process.env.FLOWBOOK_LAYOUT_BASELINE;
  if (!dir) return undefined;
  const entry = path.resolve(dir, 'src', 'diagram', 'native', 'index.ts');
  if (!existsSync(entry)) throw new Error(`FLOWBOOK_LAYOUT_BASELINE=${dir}: no ${entry}`);
  return (await import(pathToFileURL(entry).href)) as NativeRenderer;
}

interface HandbookInput {
  readonly name: string;
  readonly root: string;
  /** How many of its charts Mermaid draws (the first ones in code order). */
  readonly mermaidSample: number;
}

async function handbooks(): Promise<HandbookInput[]> {
  const list: HandbookInput[] = [{ name: 'example', root: ROOT, mermaidSample: Infinity }];
  const dir = path.join(ROOT, 'bench', 'handbooks');
  if (existsSync(dir))
    for (const name of readdirSync(dir).sort())
      if (existsSync(path.join(dir, name, 'processes'))) list.push({ name, root: path.join(dir, name), mermaidSample: Infinity });
  const count = Number(process.env.FLOWBOOK_LAYOUT_GENERATED ?? 1000);
  if (count > 0) {
    // Same documents as the native bench's (seed 42), so its folder is shared.
    const root = await writeGeneratedHandbook(benchDir(`native-${count}`), count);
    list.push({ name: `generated-${count}`, root, mermaidSample: Number(process.env.FLOWBOOK_LAYOUT_MERMAID_SAMPLE ?? 100) });
  }
  return list;
}

export interface LayoutBenchResult {
  readonly baselineCommit: string;
  readonly handbooks: readonly HandbookReport[];
}

export async function runLayoutBench(options: { save?: boolean; log?: (line: string) => void } = {}): Promise<LayoutBenchResult> {
  const log = options.log ?? (() => undefined);
  const baselineRenderer = await importBaseline();
  const saved = readSaved();
  const useMermaid = process.env.FLOWBOOK_LAYOUT_MERMAID !== '0' && findChromium() !== undefined;
  const reports: HandbookReport[] = [];
  const toSave: SavedFile = {
    baselineCommit: BASELINE_COMMIT,
    note: 'Figures of bench/layout.ts: the native renderer at the baseline commit, and Mermaid swimlane-beta; shown when they cannot be measured live.',
    handbooks: {},
  };

  for (const hb of await handbooks()) {
    const processes = await processesOf(hb.root);
    const digest = createHash('sha256').update(processes.map(mermaidSource).join('\0')).digest('hex').slice(0, 16);
    const sample = Math.min(hb.mermaidSample, processes.length);
    const small = processes.length <= PER_CHART_LIMIT;
    const rounds = small ? 5 : 2;
    log(`${hb.name}: ${processes.length} charts`);

    const failures = { now: [] as Failure[], baseline: [] as Failure[], mermaid: [] as Failure[] };
    const now = measureNative({ renderNativeSvg, layoutSwimlane }, processes, rounds, failures.now);
    const savedHb = saved?.handbooks[hb.name];
    const savedMatches = savedHb?.digest === digest && savedHb.mermaidSample === sample;
    const savedSource: Source = savedMatches ? 'saved' : 'saved (documents changed since)';

    let baseline: ChartFigures[] | undefined;
    let baselineTotals: Totals | undefined;
    let baselineSample: Totals | undefined;
    let baselineSource: Source = 'none';
    if (baselineRenderer) {
      baseline = measureNative(baselineRenderer, processes, rounds, failures.baseline);
      baselineSource = 'live';
    } else if (savedHb?.baseline) {
      baselineSource = savedSource;
      if (savedHb.baseline.charts) baseline = processes.flatMap((p) => savedHb.baseline!.charts![p.code] ?? []);
      else {
        baselineTotals = savedHb.baseline.total;
        baselineSample = savedHb.baseline.sample;
      }
    }

    let mermaid: ChartFigures[] | undefined;
    let mermaidTotals: Totals | undefined;
    let mermaidSource_: Source = 'none';
    if (useMermaid) {
      const t0 = performance.now();
      const drawn = await drawMermaid(processes.slice(0, sample));
      failures.mermaid.push(...drawn.failures);
      mermaid = processes.slice(0, sample).flatMap((p) => {
        const svg = drawn.svgs.get(p.code);
        return svg === undefined ? [] : [{ code: p.code, ...measureSvg(svg, 'mermaid') }];
      });
      mermaidSource_ = 'live';
      log(`  mermaid: ${mermaid.length} charts in ${Math.round(performance.now() - t0)} ms (cached SVGs are reused)`);
    } else if (savedHb?.mermaid) {
      mermaidSource_ = savedSource;
      if (savedHb.mermaid.charts) mermaid = processes.slice(0, sample).flatMap((p) => savedHb.mermaid!.charts![p.code] ?? []);
      else mermaidTotals = savedHb.mermaid.total;
    }

    // Charts Mermaid could not draw are left out of every column's sample totals, so the columns compare the same charts.
    const drawnCodes = new Set((mermaid ?? []).map((m) => m.code));
    const sampleCodes = new Set(processes.slice(0, sample).map((p) => p.code));
    const inSample = (rows: readonly ChartFigures[]) => rows.filter((r) => sampleCodes.has(r.code) && (mermaid === undefined || drawnCodes.has(r.code)));
    const totals = {
      now: totalsOf(now),
      ...(baseline ? { baseline: totalsOf(baseline) } : baselineTotals ? { baseline: baselineTotals } : {}),
      ...(sample === processes.length && mermaid ? { mermaid: totalsOf(mermaid) } : {}),
    };
    const sampleTotals =
      sample < processes.length
        ? {
            now: totalsOf(inSample(now)),
            ...(baseline ? { baseline: totalsOf(inSample(baseline)) } : baselineSample ? { baseline: baselineSample } : {}),
            ...(mermaid ? { mermaid: totalsOf(mermaid) } : mermaidTotals ? { mermaid: mermaidTotals } : {}),
          }
        : undefined;
    if (sample === processes.length && !mermaid && mermaidTotals) Object.assign(totals, { mermaid: mermaidTotals });

    const byCode = (rows: readonly ChartFigures[] | undefined) => new Map((rows ?? []).map((r) => [r.code, r]));
    const n = byCode(now);
    const b = byCode(baseline);
    const m = byCode(mermaid);
    reports.push({
      name: hb.name,
      charts: processes.length,
      digest,
      mermaidSample: sample,
      sources: { baseline: baselineSource, mermaid: mermaidSource_ },
      totals,
      ...(sampleTotals ? { sampleTotals } : {}),
      failures,
      ...(small
        ? {
            perChart: processes.map(({ code }) => ({
              code,
              ...(n.has(code) ? { now: n.get(code)! } : {}),
              ...(b.has(code) ? { baseline: b.get(code)! } : {}),
              ...(m.has(code) ? { mermaid: m.get(code)! } : {}),
            })),
          }
        : {}),
    });

    const record = (rows: readonly ChartFigures[]) => Object.fromEntries(rows.map((r) => [r.code, r]));
    const entry: SavedHandbook = { digest, mermaidSample: sample };
    if (baselineRenderer && baseline)
      entry.baseline = small ? { total: totalsOf(baseline), charts: record(baseline) } : { total: totalsOf(baseline), ...(sampleTotals?.baseline ? { sample: sampleTotals.baseline } : {}) };
    else if (savedHb?.baseline) entry.baseline = savedHb.baseline;
    if (mermaidSource_ === 'live' && mermaid) entry.mermaid = small ? { total: totalsOf(mermaid), charts: record(mermaid) } : { total: totalsOf(mermaid) };
    else if (savedHb?.mermaid) entry.mermaid = savedHb.mermaid;
    toSave.handbooks[hb.name] = entry;
  }

  if (options.save) {
    const { MERMAID_VERSION } = await import('../src/diagram/mermaid/render.js');
    toSave.mermaidVersion = MERMAID_VERSION;
    writeFileSync(BASELINE_FILE, JSON.stringify(toSave, null, 1) + '\n');
    log(`saved ${path.relative(ROOT, BASELINE_FILE)}`);
  }
  return { baselineCommit: BASELINE_COMMIT, handbooks: reports };
}

// ---------------------------------------------------------------------------------------------
// Text output

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0))));
  const pad = (s: string, w: number, left: boolean) => {
    const width = [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
    return left ? s + ' '.repeat(w - width) : ' '.repeat(w - width) + s;
  };
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, widths[i]!, i === 0)).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const METRICS: ReadonlyArray<[keyof Totals, string]> = [
  ['crossings', 'crossings'],
  ['hugging', 'parallel lines < 10 px'],
  ['tipsNearEdges', 'arrow tips < 8 px from a line'],
  ['dividerHugging', 'segments < 12 px from a divider'],
  ['throughBoxes', 'segments through a box'],
  ['labelOverlaps', 'label overlaps'],
  ['loneChars', 'lone CJK characters'],
  ['stepsPerRow', 'steps per row'],
  ['height', 'total height (px)'],
  ['meanLayoutMs', 'layout ms per chart (mean)'],
  ['maxLayoutMs', 'layout ms per chart (max)'],
];

const fmt = (v: number | undefined) => (v === undefined ? '-' : Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

function totalsTable(t: { now: Totals; baseline?: Totals; mermaid?: Totals }, sources: HandbookReport['sources']): string {
  const col = (name: string, source: Source) => (source === 'live' || source === 'none' ? name : `${name} [${source}]`);
  return table(
    ['', 'native(now)', col('native(baseline)', sources.baseline), col('mermaid', sources.mermaid)],
    [['charts', t.now.charts, t.baseline?.charts ?? '-', t.mermaid?.charts ?? '-'], ...METRICS.map(([k, label]) => [label, fmt(t.now[k]), fmt(t.baseline?.[k]), fmt(t.mermaid?.[k])])],
  );
}

export function formatReport(result: LayoutBenchResult): string {
  const out: string[] = [];
  out.push(
    'Layout quality per chart: each cell is native(now) / native(baseline ' + result.baselineCommit + ') / mermaid (- where not measured).',
    'cross = crossings; hug = parallel segment pairs < 10 px apart over > 10 px; tip = arrow tips < 8 px from another edge;',
    'div = vertical segments < 12 px from a lane divider over > 10 px; box = segments through a box not their own; lbl = label overlaps;',
    'lone = lone CJK character on a box\'s last line (Mermaid: estimated, CJK-only labels); s/row = steps per row; ms = native layout time.',
  );
  const three = (c: PerChart, k: keyof LayoutMetrics) => `${fmt(c.now?.[k])}/${fmt(c.baseline?.[k])}/${fmt(c.mermaid?.[k])}`;
  for (const h of result.handbooks) {
    if (!h.perChart) continue;
    out.push('', `== ${h.name} (${h.charts} charts)`);
    out.push(
      table(
        ['chart', 'steps', 'cross', 'hug', 'tip', 'div', 'box', 'lbl', 'lone', 's/row', 'height', 'ms'],
        h.perChart.map((c) => [
          c.code,
          (c.now ?? c.baseline ?? c.mermaid)?.steps ?? '-',
          three(c, 'crossings'),
          three(c, 'hugging'),
          three(c, 'tipsNearEdges'),
          three(c, 'dividerHugging'),
          three(c, 'throughBoxes'),
          three(c, 'labelOverlaps'),
          three(c, 'loneChars'),
          [c.now, c.baseline, c.mermaid].map((m) => (m ? fmt(stepsPerRow(m)) : '-')).join('/'),
          [c.now, c.baseline, c.mermaid].map((m) => (m ? fmt(Math.round(m.height)) : '-')).join('/'),
          `${fmt(c.now?.layoutMs)}/${fmt(c.baseline?.layoutMs)}`,
        ]),
      ),
    );
  }
  out.push('', '== Totals per handbook');
  for (const h of result.handbooks) {
    out.push('', `-- ${h.name}: ${h.charts} charts${h.mermaidSample < h.charts ? ` (Mermaid: first ${h.mermaidSample} only, see the next table; FLOWBOOK_LAYOUT_MERMAID_SAMPLE)` : ''}`);
    out.push(totalsTable(h.totals, h.sources));
    if (h.sampleTotals) {
      out.push('', `-- ${h.name}, first ${h.mermaidSample} charts (the ones Mermaid drew${h.failures.mermaid.length > 0 ? ', less those it could not draw' : ''})`);
      out.push(totalsTable(h.sampleTotals, h.sources));
    }
    for (const [who, list] of Object.entries(h.failures)) {
      if (list.length === 0) continue;
      const name = who === 'now' ? 'native(now)' : who === 'baseline' ? 'native(baseline)' : 'Mermaid';
      out.push(`   ${name} could not draw ${list.length} chart${list.length === 1 ? '' : 's'}, left out of its column:`);
      for (const f of list.slice(0, 3)) out.push(`     ${f.code}: ${f.message}`);
      if (list.length > 3) out.push(`     ... and ${list.length - 3} more (--json lists them all)`);
    }
  }
  return out.join('\n');
}

/** npm run bench -- layout: prints the tables (or JSON with --json). */
export async function benchLayout(): Promise<void> {
  const json = process.argv.includes('--json');
  const result = await runLayoutBench({ save: process.argv.includes('--save-baseline'), log: (l) => console.error(l) });
  console.log(json ? JSON.stringify(result, null, 1) : formatReport(result));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchLayout();
