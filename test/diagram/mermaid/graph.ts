/** The graph a drawing shows (lanes, steps, labelled arrows), for comparing the two renderers. */
import { parseSvgXml } from './svg.js';

export interface Graph {
  readonly lanes: readonly string[];
  readonly steps: readonly string[];
  /** `from->to:label`, sorted. */
  readonly edges: readonly string[];
}

export const edgeKey = (from: string, to: string, label: string) => `${from}->${to}:${label}`;

/** Native: lane titles from .fb-lane-title (tspans are wrapped lines), steps and arrows from data attributes. */
export function nativeGraph(svg: string): Graph {
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
export const squash = (graph: Graph): Graph => ({ ...graph, lanes: graph.lanes.map((l) => l.replace(/\s+/g, '')) });
