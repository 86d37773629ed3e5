/**
 * Both renderers draw the same graph: lanes (titles, in order), steps, and arrows with their
 * branch labels. Native's SVG marks them with data-step / data-from / data-to; Mermaid's source
 * declares them (here), and Mermaid's drawing shows them (in Chromium: same-graph.e2e.test.ts).
 */
import './dom.js';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { renderDiagrams } from '../../../src/diagram/index.js';
import { loadHandbook } from '../../../src/load.js';
import type { Process } from '../../../src/model/types.js';
import { parseDiagram } from './dom.js';
import { edgeKey, nativeGraph, squash, type Graph } from './graph.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const NATIVE = new URL('../../../src/diagram/native/index.ts', import.meta.url).pathname;
const href = (_from: Process, code: string) => `${code}.html`;

describe.skipIf(!existsSync(NATIVE))('native and Mermaid renderers draw the same graph', () => {
  let processes: readonly Process[];
  let native: Map<string, string>;

  beforeAll(async () => {
    const result = await loadHandbook(REPO, { today: '2026-11-27' });
    if (!result.handbook) throw new Error('example handbook has errors; see flowbook check');
    processes = result.handbook.processes;
    native = await renderDiagrams(processes, { renderer: 'native', href });
  });

  it('the Mermaid source declares the lanes, steps and arrows native draws', async () => {
    for (const process of processes) {
      const parsed = await parseDiagram(toMermaidSource(process, { href: (code) => href(process, code) }));
      const mermaid: Graph = {
        lanes: parsed.lanes.map((l) => l.title),
        steps: [...parsed.nodes.keys()].sort(),
        edges: parsed.edges.map((e) => edgeKey(e.from, e.to, e.text)).sort(),
      };
      expect(squash(mermaid), process.code).toEqual(squash(nativeGraph(native.get(process.code)!)));
    }
  });
});
