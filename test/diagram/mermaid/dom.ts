/**
 * Mermaid's parser in Node: it sanitises labels with DOMPurify, which needs a DOM window when
 * the module is first evaluated (mermaid.core.mjs imports the `dompurify` package, which binds
 * to the global `window` then; no separate DOMPurify global is needed). Import this module before anything imports `mermaid`, and get
 * Mermaid through `loadMermaid()` (a dynamic import, so it runs after the globals exist).
 */
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
const globals = globalThis as Record<string, unknown>;
globals.window = dom.window;
globals.document = dom.window.document;

type Mermaid = typeof import('mermaid').default;
let loaded: Promise<Mermaid> | undefined;

export function loadMermaid(): Promise<Mermaid> {
  loaded ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return mermaid;
  });
  return loaded;
}

/** What Mermaid's parser made of a diagram, with labels decoded to the text they show. */
export interface ParsedDiagram {
  readonly type: string;
  readonly accTitle: string;
  readonly accDescr: string;
  readonly lanes: readonly { id: string; title: string; nodes: readonly string[] }[];
  readonly nodes: ReadonlyMap<string, { text: string; shape: string; link?: string; classes: readonly string[] }>;
  readonly edges: readonly { from: string; to: string; text: string }[];
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; type?: string; link?: string; classes: string[] }>;
  getEdges(): { start: string; end: string; text: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  getAccTitle(): string;
  getAccDescription(): string;
}

/** Parse with Mermaid itself (throws on a syntax error) and read its flowchart database. */
export async function parseDiagram(source: string): Promise<ParsedDiagram> {
  const mermaid = await loadMermaid();
  const { diagramType } = (await mermaid.parse(source)) as { diagramType: string };
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  const db = diagram.db as unknown as FlowDb;
  return {
    type: diagramType,
    accTitle: decodeLabel(db.getAccTitle()),
    accDescr: decodeLabel(db.getAccDescription()),
    lanes: db.getSubGraphs().map((s) => ({ id: s.id, title: decodeLabel(s.title), nodes: [...s.nodes] })),
    nodes: new Map(
      [...db.getVertices().values()].map((v) => [
        v.id,
        { text: decodeLabel(v.text ?? ''), shape: v.type ?? '', ...(v.link ? { link: v.link } : {}), classes: [...v.classes] },
      ]),
    ),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, text: decodeLabel(e.text) })),
  };
}

/**
 * The text a label shows: Mermaid keeps `#35;` entities as placeholders (ﬂ°°35¶ß) and turns them
 * into `&#35;` in the SVG it writes; `<br>` is its line break; the rest is HTML text.
 */
export function decodeLabel(held: string): string {
  const html = held.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const textarea = dom.window.document.createElement('textarea');
  return html
    .split(/<br\s*\/?>/)
    .map((part) => {
      textarea.innerHTML = part;
      return textarea.value;
    })
    .join('\n');
}
