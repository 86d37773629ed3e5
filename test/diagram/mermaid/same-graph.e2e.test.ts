/**
 * Mermaid's drawing (in Chromium) shows the lanes, steps and arrows, with their branch labels,
 * that native's SVG marks (same-graph.test.ts compares the Mermaid source with native in process).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidDiagramId } from '../../../src/diagram/mermaid/render.js';
import { renderDiagrams } from '../../../src/diagram/index.js';
import { loadHandbook } from '../../../src/load.js';
import type { Process } from '../../../src/model/types.js';
import { findChromium } from '../../../src/util/browser.js';
import { edgeKey, nativeGraph, squash, type Graph } from './graph.js';
import { readDrawnDiagram } from './svg.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const NATIVE = new URL('../../../src/diagram/native/index.ts', import.meta.url).pathname;
const href = (_from: Process, code: string) => `${code}.html`;

describe.skipIf(!existsSync(NATIVE) || !findChromium())('native and Mermaid renderers draw the same graph (Chromium)', () => {
  let processes: readonly Process[];
  let native: Map<string, string>;

  beforeAll(async () => {
    const result = await loadHandbook(REPO, { today: '2026-11-27' });
    if (!result.handbook) throw new Error('example handbook has errors; see flowbook check');
    processes = result.handbook.processes;
    native = await renderDiagrams(processes, { renderer: 'native', href });
  });

  it("Mermaid's drawing shows the lanes, steps and arrows native draws", async () => {
    const drawn = await renderDiagrams(processes, { renderer: 'mermaid', href });
    for (const process of processes) {
      const diagram = readDrawnDiagram(drawn.get(process.code)!, mermaidDiagramId(process.code));
      const mermaid: Graph = {
        lanes: diagram.lanes.map((l) => l.title),
        steps: [...diagram.nodes.keys()].sort(),
        edges: diagram.edges.map((e) => edgeKey(e.from, e.to, e.label)).sort(),
      };
      expect(squash(mermaid), process.code).toEqual(squash(nativeGraph(native.get(process.code)!)));
    }
  }, 300_000);
});
