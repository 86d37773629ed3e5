/** Reading Mermaid's rendered SVG back: what a reader of the diagram sees. */
import { JSDOM } from 'jsdom';

export interface DrawnDiagram {
  readonly document: Document;
  readonly root: SVGSVGElement;
  /** Lanes by their source id (lane1, lane2, ...), with their titles. */
  readonly lanes: readonly { id: string; title: string }[];
  /** Step key -> label text. */
  readonly nodes: ReadonlyMap<string, string>;
  /** `from->to` edges (step keys), with their label text ('' when none). */
  readonly edges: readonly { from: string; to: string; label: string }[];
}

/** Parse as XML (throws on anything a standalone SVG file could not hold). */
export function parseSvgXml(svg: string): Document {
  const { window } = new JSDOM(svg, { contentType: 'image/svg+xml' });
  const error = window.document.querySelector('parsererror');
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return window.document;
}

export function readDrawnDiagram(svg: string, diagramId: string): DrawnDiagram {
  const document = parseSvgXml(svg);
  const root = document.documentElement as unknown as SVGSVGElement;
  const lanes = [...document.querySelectorAll('g.cluster.swimlane')]
    .map((g) => ({ id: g.getAttribute('data-id')!, title: g.querySelector('.cluster-label')?.textContent ?? '' }))
    .sort((a, b) => Number(a.id.replace('lane', '')) - Number(b.id.replace('lane', '')));
  const nodes = new Map<string, string>();
  for (const g of document.querySelectorAll('g.node')) {
    const key = new RegExp(`^${diagramId}-flowchart-(s[0-9]+)-[0-9]+$`).exec(g.getAttribute('id') ?? '')?.[1];
    if (key) nodes.set(key, g.querySelector('.label')?.textContent ?? '');
  }
  const labels = new Map<string, string>();
  // Swimlane layouts draw edge labels as their own groups: <g class="label edgeLabel" id="<diagram>-edge-label-s3-s5-L_s3_s5_0">.
  for (const g of document.querySelectorAll('g.edgeLabel')) {
    const dataId = new RegExp(`^${diagramId}-edge-label-s[0-9]+-s[0-9]+-(L_.+)$`).exec(g.getAttribute('id') ?? '')?.[1];
    if (dataId) labels.set(dataId, g.textContent ?? '');
  }
  const edges = [...document.querySelectorAll('path[data-edge="true"]')].map((path) => {
    const dataId = path.getAttribute('data-id') ?? '';
    const [, from, to] = /^L_(s[0-9]+)_(s[0-9]+)_[0-9]+$/.exec(dataId) ?? [];
    return { from: from ?? '?', to: to ?? '?', label: labels.get(dataId) ?? '' };
  });
  return { document, root, lanes, nodes, edges };
}
