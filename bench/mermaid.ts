/**
 * Mermaid renderer figures on the example handbook, two pages in parallel:
 * ms per changed diagram (target <= 150), and how many diagrams are drawn again when nothing
 * changed (target 0) or when one process changed (target 1). Then the same per-diagram figure on
 * 1,000 generated documents (FLOWBOOK_BENCH_MERMAID_COUNT to change the number; ~3 minutes).
 */
import { diskSvgCache } from '../src/output/svg-cache.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { renderDiagrams } from '../src/diagram/index.js';
import type { MermaidRenderStats } from '../src/diagram/mermaid/render.js';
import { loadHandbook } from '../src/load.js';
import type { Process } from '../src/model/types.js';
import { findChromium } from '../src/util/browser.js';
import { benchDir, writeGeneratedHandbook } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENCY = 2;

export async function benchMermaid(): Promise<Array<Record<string, string | number>>> {
  if (!findChromium()) throw new Error('no Chromium found: the Mermaid renderer cannot be measured here');
  const loaded = await loadHandbook(ROOT, { today: '2026-11-27' });
  if (!loaded.handbook) throw new Error('the example handbook has errors (run flowbook check)');
  const processes = loaded.handbook.processes;
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'flowbook-bench-mermaid-'));
  const href = (_from: Process, code: string) => `${code}.html`;

  const run = async (list: readonly Process[], cache: string | undefined) => {
    const stats: MermaidRenderStats = { renders: 0, cacheHits: 0 };
    const t0 = performance.now();
    await renderDiagrams(list, { renderer: 'mermaid', href, ...(cache !== undefined && { cache: diskSvgCache(cache) }), concurrency: CONCURRENCY, stats });
    return { ms: performance.now() - t0, ...stats };
  };

  try {
    // Browser launch and loading mermaid.min.js into each page is paid once per build: measure it with
    // a single diagram, and count the rest as the cost per changed diagram.
    await run(processes.slice(0, 1), undefined); // warm the disk cache of Chromium and mermaid.min.js
    const one = await run(processes.slice(0, 1), undefined);
    const all = await run(processes, cacheDir);
    const unchanged = await run(processes, cacheDir);
    const edited = processes.map((p, i) => (i === 0 ? { ...p, name: `${p.name}(修订)` } : p));
    const oneChanged = await run(edited, cacheDir);
    const n = processes.length;
    const row = (what: string, r: { ms: number; renders: number; cacheHits: number }, perDiagram: number | string) => ({
      run: what,
      diagrams: n,
      renders: r.renders,
      'cache hits': r.cacheHits,
      'total ms': Math.round(r.ms),
      'ms per changed diagram': perDiagram,
    });
    const rows = [
      row('one diagram, cold (browser start + page setup + 1 render)', one, Math.round(one.ms)),
      row(`all changed, ${CONCURRENCY} pages`, all, Math.round((all.ms - one.ms) / Math.max(1, n - 1))),
      row('nothing changed', unchanged, '-'),
      row('one process changed', oneChanged, Math.round(oneChanged.ms)),
    ];
    // Generated documents: mean 19 steps against the example's 11, so each diagram is larger.
    const count = Number(process.env.FLOWBOOK_BENCH_MERMAID_COUNT ?? 1000);
    if (count > 0) {
      const generated = await loadHandbook(await writeGeneratedHandbook(benchDir(`mermaid-${count}`), count), { today: '2026-11-27' });
      if (!generated.handbook) throw new Error('the generated handbook has errors');
      const list = generated.handbook.processes;
      const gen = await run(list, undefined);
      rows.push({
        run: `${list.length} generated documents, all changed, ${CONCURRENCY} pages`,
        diagrams: list.length,
        renders: gen.renders,
        'cache hits': gen.cacheHits,
        'total ms': Math.round(gen.ms),
        'ms per changed diagram': Math.round((gen.ms - one.ms) / Math.max(1, list.length - 1)),
      });
    }
    return rows;
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
