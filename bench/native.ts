/**
 * Native swimlane figures: ms per diagram (layout + SVG) on the example handbook and on 1,000
 * generated documents (8-30 steps each, bench/generate.ts). Target: <= 2 ms per typical diagram.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, writeGeneratedHandbook } from './generate.js';
import { loadHandbook } from '../src/load.js';
import { buildHandbook } from '../src/model/build.js';
import { defaultSettings } from '../src/config/settings.js';
import { readHandbookSources } from '../src/source/read-handbook.js';
import { parseProcessDocument } from '../src/parse/document.js';
import { checkDocument } from '../src/validate/document.js';
import { layoutSwimlane, renderNativeSvg } from '../src/diagram/native/index.js';
import type { Process } from '../src/model/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Processes of a handbook; while one is mid-edit and fails cross-document checks, each document that decodes alone. */
async function processesOf(root: string): Promise<Process[]> {
  const loaded = await loadHandbook(root, { today: '2026-11-27' });
  if (loaded.handbook !== undefined) return [...loaded.handbook.processes];
  const sources = await readHandbookSources(root);
  const docs = sources.documents.flatMap((src) => checkDocument(parseProcessDocument(src.file, src.text)).doc ?? []);
  return [...buildHandbook(root, defaultSettings(), docs).processes];
}

interface Timing {
  readonly total: number;
  readonly layout: number;
}

/** Best of `rounds` passes over all processes (after one warm-up), in ms for the whole set. */
function time(processes: readonly Process[], rounds: number): Timing {
  const href = (code: string) => `${code}.html`;
  let best: Timing = { total: Infinity, layout: Infinity };
  for (let r = 0; r <= rounds; r++) {
    const t0 = performance.now();
    for (const p of processes) layoutSwimlane(p);
    const t1 = performance.now();
    let bytes = 0;
    for (const p of processes) bytes += renderNativeSvg(p, { href, idPrefix: `d-${p.code}` }).length;
    const t2 = performance.now();
    if (bytes === 0) throw new Error('no output');
    if (r > 0 && t2 - t1 < best.total) best = { total: t2 - t1, layout: t1 - t0 };
  }
  return best;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function benchNative(): Promise<Array<Record<string, string | number>>> {
  const sets: Array<[string, Process[]]> = [
    ['example handbook', await processesOf(ROOT)],
    ['1,000 generated documents', await processesOf(await writeGeneratedHandbook(benchDir('native-1000'), 1000))],
  ];
  return sets.map(([name, processes]) => {
    const t = time(processes, name.startsWith('example') ? 20 : 2);
    const steps = processes.reduce((n, p) => n + p.steps.length, 0);
    return {
      set: name,
      diagrams: processes.length,
      'mean steps': round2(steps / processes.length),
      'ms per diagram (layout + SVG)': round2(t.total / processes.length),
      'ms per diagram (layout only)': round2(t.layout / processes.length),
      'total ms': Math.round(t.total),
    };
  });
}
