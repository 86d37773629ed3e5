/**
 * Search figures on generated handbooks (bench/generate.ts): index size (total, and what the
 * first query actually downloads, raw and gzipped), build time, and query time in Chromium.
 * The budget: <= 500 kB gzipped for a first query at 1,000 and 10,000 processes; <= 50 ms a query.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { loadHandbook } from '../src/load.js';
import { buildSearchIndex } from '../src/search/index.js';
import { findChromium, launchChromium } from '../src/util/browser.js';
import { writeHarness } from '../test/search/harness.js';
import { benchDir, writeGeneratedHandbook } from './generate.js';

/** Queries a reader might type: Chinese words and phrases, English, typos, codes, common terms. */
export const QUERIES = ['请假', '加班记录', '审批', '调动通知', '员工', '人力资源部 审核', 'leave', 'overtime', 'refund claim', 'transfr', 'GEN-01', 'approve', '假', 'qingjia', 'qj', '年假', '20'];
/** Synonyms as a handbook might set them in flowbook.yml. */
const SYNONYMS = [
  ['年假', '年休假', '请假'],
  ['离职', '辞职'],
];

const kB = (n: number) => Math.round(n / 102.4) / 10;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

export async function benchSearch(counts = [1000, 10000]): Promise<Array<Record<string, string | number>>> {
  const chromium = findChromium();
  const rows: Array<Record<string, string | number>> = [];
  for (const n of counts) {
    const hbDir = await writeGeneratedHandbook(benchDir(`search-${n}`), n);
    const loaded = await loadHandbook(hbDir, { today: '2026-11-27' });
    if (!loaded.handbook) throw new Error(`generated handbook has errors: ${loaded.diagnostics[0]?.message}`);
    const processes = loaded.handbook.processes;

    // Wall and CPU time: on a shared machine wall time says more about the neighbours.
    const builds: number[] = [];
    const cpus: number[] = [];
    let files = buildSearchIndex(processes, { pageHref: (c) => `p/${c}.html`, language: 'zh-CN', synonyms: SYNONYMS });
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      files = buildSearchIndex(processes, { pageHref: (c) => `p/${c}.html`, language: 'zh-CN', synonyms: SYNONYMS });
      builds.push(performance.now() - t0);
      cpus.push(process.cpuUsage(c0).user / 1000);
    }
    const size = new Map(files.map((f) => [f.path, { raw: Buffer.byteLength(f.content as string), gz: gzipSync(f.content as string).length }]));
    const sum = (paths: Iterable<string>) => {
      let raw = 0;
      let gz = 0;
      for (const p of paths) {
        const s = size.get(p);
        if (s) {
          raw += s.raw;
          gz += s.gz;
        }
      }
      return { raw, gz };
    };
    const total = sum(size.keys());
    const row: Record<string, string | number> = {
      processes: n,
      files: files.length,
      'terms shards': files.filter((f) => f.path.startsWith('search/terms-')).length,
      'total kB (gz)': `${kB(total.raw)} (${kB(total.gz)})`,
      'manifest kB (gz)': `${kB(size.get('search/manifest.js')!.raw)} (${kB(size.get('search/manifest.js')!.gz)})`,
      'build ms wall/cpu (median of 3)': `${Math.round(median(builds))}/${Math.round(median(cpus))}`,
    };

    if (chromium) {
      const site = mkdtempSync(path.join(tmpdir(), 'flowbook-bench-search-site-'));
      writeHarness(site, processes, { processPages: false, synonyms: SYNONYMS });
      const url = pathToFileURL(path.join(site, 'index.html')).href;
      const browser = await launchChromium(chromium);
      try {
        // First query on a fresh page: everything it downloads until the dropdown has its snippets.
        const first: { q: string; raw: number; gz: number }[] = [];
        for (const q of QUERIES) {
          const page = await browser.newPage();
          const got: string[] = [];
          page.on('request', (r) => {
            const m = /\/(search\/[^?]+)/.exec(r.url());
            if (m) got.push(m[1]!);
          });
          await page.goto(url);
          await page.fill('#fb-q', q);
          await page.waitForFunction(() => {
            const l = document.getElementById('fb-search-list');
            const empty = document.querySelector('form.fb-search .fb-empty:not([hidden])');
            return !!empty || (!!l && !l.hidden && l.querySelectorAll('[role=option]').length > 0);
          });
          await page.waitForTimeout(150); // docs shards for the snippets
          first.push({ q, ...sum(new Set(got)) });
          await page.close();
        }
        const worst = first.reduce((a, b) => (b.gz > a.gz ? b : a));
        row['first query kB gz (median)'] = kB(median(first.map((f) => f.gz)));
        row['first query kB raw/gz (worst)'] = `${kB(worst.raw)}/${kB(worst.gz)} (${worst.q})`;

        // The results page for a common word: manifest, shards and the first 20 results' snippets.
        {
          const page = await browser.newPage();
          const got: string[] = [];
          page.on('request', (r) => {
            const m = /\/(search\/[^?]+)/.exec(r.url());
            if (m) got.push(m[1]!);
          });
          await page.goto(pathToFileURL(path.join(site, 'search.html')).href + '?q=' + encodeURIComponent('审批'));
          await page.waitForSelector('.fb-result-snippet');
          await page.waitForTimeout(300);
          const s = sum(new Set(got));
          row['results page kB raw/gz (审批)'] = `${kB(s.raw)}/${kB(s.gz)}`;
          await page.close();
        }

        // Query time: with the shards in memory (typing), and cold (loading from file:// included).
        const page = await browser.newPage();
        await page.goto(url);
        const times = await page.evaluate(async (queries) => {
          const e = (window as unknown as { __flowbookSearch: { engine: { search(q: string): Promise<{ total: number }> } } }).__flowbookSearch.engine;
          const cold: number[] = [];
          const warm: number[] = [];
          for (const q of queries) {
            let t = performance.now();
            await e.search(q);
            cold.push(performance.now() - t);
            for (let i = 0; i < 5; i++) {
              t = performance.now();
              await e.search(q);
              warm.push(performance.now() - t);
            }
          }
          return { cold, warm };
        }, QUERIES);
        row['query ms median (warm)'] = Math.round(median(times.warm) * 100) / 100;
        row['query ms max (warm)'] = Math.round(Math.max(...times.warm) * 100) / 100;
        row['query ms median (cold, file://)'] = Math.round(median(times.cold) * 10) / 10;
        await page.close();
      } finally {
        await browser.close();
        rmSync(site, { recursive: true, force: true });
      }
    } else row['chromium'] = 'not found: browser figures skipped';
    rows.push(row);
  }
  return rows;
}

// `npx tsx bench/search.ts [count...]` runs this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = process.argv.slice(2).map(Number).filter((x) => x > 0);
  console.table(await benchSearch(counts.length ? counts : undefined));
}
