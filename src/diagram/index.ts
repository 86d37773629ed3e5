/** Diagrams for every process with either renderer: code -> inline `<svg>` string. */
import { join } from 'node:path';
import type { Language, Process } from '../model/types.js';
import { toMermaidSource } from './mermaid/source.js';
import { renderMermaidSvgs, type MermaidFailure, type MermaidRenderStats, type SvgCache } from './mermaid/render.js';
import { renderNativeSvg } from './native/index.js';

export type Renderer = 'native' | 'mermaid';
export const RENDERERS: readonly Renderer[] = ['native', 'mermaid'];

export interface RenderDiagramsOptions {
  readonly renderer: Renderer;
  /** URL of process `code`'s page from the page `from` is shown on, or undefined when not published. */
  readonly href: (from: Process, code: string) => string | undefined;
  /** Chromium executable for the Mermaid renderer. */
  readonly browser?: string;
  /** Cached Mermaid SVGs (`diskSvgCache(mermaidCacheDir(root))` from src/output/svg-cache.ts). */
  readonly cache?: SvgCache;
  /** After drawing, remove cached SVGs these diagrams did not use (a whole-site build). */
  readonly pruneCache?: boolean;
  /** Browser pages drawing at once (Mermaid); default 2. */
  readonly concurrency?: number;
  /** Language of the diagrams' accessible descriptions; default English. */
  readonly language?: Language;
  readonly onProgress?: (done: number, total: number) => void;
  /** Filled in with how many Mermaid diagrams were drawn and how many came from the cache. */
  readonly stats?: MermaidRenderStats;
  /**
   * Called for each process Mermaid could not draw (in process order); that process gets the
   * native diagram instead. Without it the substitution is silent.
   */
  readonly onFallback?: (process: Process, failure: MermaidFailure) => void;
}

/** Where the Mermaid renderer keeps its SVGs for a handbook. */
export function mermaidCacheDir(root: string): string {
  return join(root, '.flowbook-cache', 'mermaid');
}

/** Prefix for the ids inside one diagram, so several diagrams can share a page. */
export function diagramIdPrefix(code: string): string {
  return 'fb-' + code.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

export async function renderDiagrams(processes: readonly Process[], options: RenderDiagramsOptions): Promise<Map<string, string>> {
  const native = (process: Process) =>
    renderNativeSvg(process, {
      href: (code) => options.href(process, code),
      idPrefix: diagramIdPrefix(process.code),
      stepTableId: 'steps',
      ...(options.language ? { language: options.language } : {}),
    });
  if (options.renderer === 'native') {
    const svgs = new Map<string, string>();
    processes.forEach((process, i) => {
      svgs.set(process.code, native(process));
      options.onProgress?.(i + 1, processes.length);
    });
    return svgs;
  }
  const jobs = processes.map((process) => ({
    code: process.code,
    source: toMermaidSource(process, { href: (code) => options.href(process, code), language: options.language }),
  }));
  const { svgs, stats, failures } = await renderMermaidSvgs(jobs, options);
  if (options.stats) Object.assign(options.stats, stats);
  if (failures.length === 0) return svgs;
  // What Mermaid could not draw gets the native diagram, in process order with the rest.
  const failed = new Map(failures.map((f) => [f.code, f]));
  return new Map(
    processes.map((process) => {
      const failure = failed.get(process.code);
      if (!failure) return [process.code, svgs.get(process.code)!];
      options.onFallback?.(process, failure);
      return [process.code, native(process)];
    }),
  );
}

/**
 * An inline SVG made fit to be saved as its own `.svg` file (slides, documents): XML declaration,
 * the SVG namespace, the XLink namespace where `xlink:` attributes are used, and a size in pixels
 * from the viewBox in place of `width="100%"` (a file has no container to fill).
 */
export function toStandaloneSvg(svg: string): string {
  const open = /^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an <svg> document');
  let tag = open[0].replace(/^\s*(?:<\?xml[^>]*\?>\s*)?/, '');
  const body = svg.slice(open[0].length);
  if (!/\sxmlns="/.test(tag)) tag = tag.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  if (/\sxlink:/.test(svg) && !/\sxmlns:xlink="/.test(tag)) tag = tag.replace(/^<svg\b/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  const viewBox = /\sviewBox="\s*[-\d.e]+[\s,]+[-\d.e]+[\s,]+([\d.e]+)[\s,]+([\d.e]+)\s*"/.exec(tag);
  if (viewBox) {
    const [w, h] = [viewBox[1]!, viewBox[2]!].map((n) => String(Math.ceil(Number(n))));
    tag = tag.replace(/\s(?:width|height)="[^"]*"/g, '').replace(/^<svg\b/, `<svg width="${w}" height="${h}"`);
    // Mermaid's inline max-width only makes sense inside a page.
    tag = tag.replace(/\sstyle="max-width:[^";]*;?\s*"/, '');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${tag}${body}${body.endsWith('\n') ? '' : '\n'}`;
}
