/**
 * The diagrams stage's adapter to src/diagram (owned by the diagram engineers):
 * `renderDiagrams` when src/diagram/index.ts exists, else `renderNativeSvg` per process when the
 * native renderer exists, else the plain fallback drawing. Mermaid source for the download link
 * comes from `toMermaidSource` when src/diagram/mermaid/source.ts exists.
 * The modules are imported by computed name so the build works while they are being written.
 */
import type { Process } from '../model/types.js';
import { fallbackSvg } from './fallback-diagram.js';

export interface DiagramStageOptions {
  readonly renderer: 'native' | 'mermaid';
  /** Relative URL of a process page from the page of `from`, or undefined when not published. */
  readonly href: (from: Process, code: string) => string | undefined;
  readonly browser?: string;
  readonly cacheDir?: string;
  readonly language?: 'zh-CN' | 'en';
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DiagramStageResult {
  readonly svgs: ReadonlyMap<string, string>;
  /** Which implementation drew them. */
  readonly engine: 'renderDiagrams' | 'renderNativeSvg' | 'fallback';
}

type RenderDiagrams = (processes: readonly Process[], options: DiagramStageOptions) => Promise<Map<string, string>>;
type RenderNativeSvg = (p: Process, options: { href: (code: string) => string | undefined; idPrefix: string; stepTableId: string }) => string;
type ToMermaidSource = (p: Process, options: { href: (code: string) => string | undefined }) => string;

async function optional<T>(spec: string, name: string): Promise<T | undefined> {
  try {
    const mod = (await import(spec)) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as T) : undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|does not exist/i.test((e as Error).message)) return undefined;
    throw e;
  }
}

// Computed specifiers: TypeScript does not resolve them, so the build compiles before the modules exist.
const DIAGRAM_INDEX = ['..', 'diagram', 'index.js'].join('/');
const NATIVE_INDEX = ['..', 'diagram', 'native', 'index.js'].join('/');
const MERMAID_SOURCE = ['..', 'diagram', 'mermaid', 'source.js'].join('/');

export async function renderProcessDiagrams(processes: readonly Process[], options: DiagramStageOptions): Promise<DiagramStageResult> {
  // The native renderer may not exist yet while renderDiagrams does: then draw the fallback.
  const native = await optional<RenderNativeSvg>(NATIVE_INDEX, 'renderNativeSvg');
  const renderDiagrams = await optional<RenderDiagrams>(DIAGRAM_INDEX, 'renderDiagrams');
  if (renderDiagrams && (native || options.renderer === 'mermaid')) return { svgs: await renderDiagrams(processes, options), engine: 'renderDiagrams' };
  const svgs = new Map<string, string>();
  processes.forEach((p, i) => {
    const href = (code: string) => options.href(p, code);
    svgs.set(p.code, native ? native(p, { href, idPrefix: 'fbd-', stepTableId: 'steps' }) : fallbackSvg(p, href, 'fbd-'));
    options.onProgress?.(i + 1, processes.length);
  });
  return { svgs, engine: native ? 'renderNativeSvg' : 'fallback' };
}

/** Mermaid source of every process, or undefined when the Mermaid module is not there yet. */
export async function mermaidSources(processes: readonly Process[], href: (from: Process, code: string) => string | undefined): Promise<Map<string, string> | undefined> {
  const toMermaidSource = await optional<ToMermaidSource>(MERMAID_SOURCE, 'toMermaidSource');
  if (!toMermaidSource) return undefined;
  return new Map(processes.map((p) => [p.code, toMermaidSource(p, { href: (code) => href(p, code) })]));
}
