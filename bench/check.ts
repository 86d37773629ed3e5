/** Read + check figures: the foundation's target is 1,000 documents in under 0.5 s. */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { benchDir, writeGeneratedHandbook } from './generate.js';
import { readHandbookSources } from '../src/source/read-handbook.js';
import { checkSources } from '../src/load.js';

export async function benchCheck(counts = [1000]): Promise<Array<Record<string, string | number>>> {
  const rows = [];
  for (const n of counts) {
    const dir = await writeGeneratedHandbook(benchDir(`check-${n}`), n);
    // One warm-up run so the figures are for steady state, as in a watch loop; the cold run is reported too.
    const runs: Array<{ read: number; check: number }> = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const sources = await readHandbookSources(dir);
      const t1 = performance.now();
      const result = checkSources(sources, { today: '2026-11-27' });
      const t2 = performance.now();
      if (!result.handbook) throw new Error(`generated handbook has errors: ${result.diagnostics[0]?.message}`);
      runs.push({ read: t1 - t0, check: t2 - t1 });
    }
    const cold = runs[0]!;
    const warm = runs.slice(1).sort((a, b) => a.read + a.check - (b.read + b.check))[1]!;
    rows.push({
      documents: n,
      'cold read ms': Math.round(cold.read),
      'cold check ms': Math.round(cold.check),
      'cold total ms': Math.round(cold.read + cold.check),
      'warm total ms (median of 3)': Math.round(warm.read + warm.check),
    });
  }
  return rows;
}
