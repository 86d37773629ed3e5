/**
 * Both renderers draw the same graph: lanes (titles, in order), steps, and arrows with their
 * branch labels. Native's SVG marks them with data-step / data-from / data-to; Mermaid's source
 * declares them, and Mermaid's drawing (where Chromium exists) shows them.
 */
import './dom.js';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidDiagramId } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { renderDiagrams } from '../../../src/diagram/index.js';
import { loadHandbook } from '../../../src/load.js';
import type { Process } from '../../../src/model/types.js';
import { findChromium } from '../../../src/util/browser.js';
import { parseDiagram } from './dom.js';
import { parseSvgXml, readDrawnDiagram } from './svg.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const NATIVE = new URL('../../../src/diagram/native/index.ts', import.meta.url).pathname;
const href = (_from: Process, code: string) => `${code}.html`;

interface Graph {
  readonly lanes: readonly string[];
  readonly steps: readonly string[];
  /** `from->to:label`, sorted. */
  readonly edges: readonly string[];
}

const edgeKey = (from: string, to: string, label: string) => `${from}->${to}:${label}`;

/** Native: lane titles from .fb-lane-title (tspans are wrapped lines), steps and arrows from data attributes. */
function nativeGraph(svg: string): Graph {
  const document = parseSvgXml(svg);
  const lanes = [...document.querySelectorAll('.fb-lane-title')].map((t) =>
    [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '').join(''),
  );
  const steps = [...document.querySelectorAll('.fb-node')].map((n) => n.getAttribute('data-step')!).sort();
  // Two arrows may join the same steps (two branches to one step): pair labels with arrows per step pair.
  const labels = new Map<string, string[]>();
  for (const l of document.querySelectorAll('.fb-edge-label')) {
    const pair = `${l.getAttribute('data-from')}->${l.getAttribute('data-to')}`;
    labels.set(pair, [...(labels.get(pair) ?? []), [...l.querySelectorAll('tspan')].map((s) => s.textContent ?? '').join('')]);
  }
  const arrows = new Map<string, number>();
  for (const e of document.querySelectorAll('.fb-edge')) {
    const pair = `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`;
    arrows.set(pair, (arrows.get(pair) ?? 0) + 1);
  }
  const edges = [...arrows].flatMap(([pair, count]) => {
    const named = labels.get(pair) ?? [];
    return [...named, ...Array<string>(Math.max(0, count - named.length)).fill('')].map((label) => `${pair}:${label}`);
  });
  edges.sort();
  return { lanes, steps, edges };
}

/** Lane titles compared without the spaces and line breaks a renderer may wrap them at. */
const squash = (graph: Graph): Graph => ({ ...graph, lanes: graph.lanes.map((l) => l.replace(/\s+/g, '')) });

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

  it.skipIf(!findChromium())("Mermaid's drawing shows the lanes, steps and arrows native draws", async () => {
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
