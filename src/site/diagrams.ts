/**
 * The diagrams stage's use of src/diagram: inline SVG for every published process with the
 * handbook's renderer, and the Mermaid source behind each page's download link.
 */
import { diskSvgCache } from '../output/svg-cache.js';
import type { Language, Process } from '../model/types.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagrams, mermaidCacheDir } from '../diagram/index.js';
import type { MermaidFailure } from '../diagram/mermaid/render.js';
import { toMermaidSource } from '../diagram/mermaid/source.js';

export interface DiagramStageOptions {
  readonly root: string;
  readonly renderer: 'native' | 'mermaid';
  readonly language: Language;
  /** Relative URL of a process page from the page of `from`, or undefined when not published. */
  readonly href: (from: Process, code: string) => string | undefined;
  readonly browser?: string;
  /** Use `.flowbook-cache/mermaid` (default true); `prune` also drops what these diagrams did not use. */
  readonly cache?: boolean | 'prune';
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DiagramStageResult {
  readonly svgs: ReadonlyMap<string, string>;
  /** Code -> Mermaid `swimlane-beta` source (the `p/<code>.mmd` download). */
  readonly mermaid: ReadonlyMap<string, string>;
  /** A `mermaid-fallback` warning for each process Mermaid could not draw (it got the native diagram). */
  readonly diagnostics: readonly Diagnostic[];
}

export async function renderProcessDiagrams(processes: readonly Process[], options: DiagramStageOptions): Promise<DiagramStageResult> {
  const diagnostics: Diagnostic[] = [];
  const svgs = await renderDiagrams(processes, {
    onFallback: (process, failure) => diagnostics.push(fallbackDiagnostic(process, failure)),
    renderer: options.renderer,
    href: options.href,
    language: options.language,
    ...(options.cache !== false && { cache: diskSvgCache(mermaidCacheDir(options.root)) }),
    ...(options.cache === 'prune' && { pruneCache: true }),
    ...(options.browser !== undefined && { browser: options.browser }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const mermaid = new Map(processes.map((p) => [p.code, toMermaidSource(p, { href: (code) => options.href(p, code), language: options.language })]));
  return { svgs, mermaid, diagnostics };
}

/** The warning for a process whose chart Mermaid could not draw: which, why, and what to do. */
export function fallbackDiagnostic(process: Process, failure: MermaidFailure): Diagnostic {
  // Mermaid's swimlane layout throws on a step whose next points at itself: say which.
  const self = failure.kind === 'error' || failure.kind === 'empty' ? process.steps.findIndex((s) => s.next.some((e) => e.to === s.key)) : -1;
  return diagnostic(
    'mermaid-fallback',
    { file: process.file, ...(self >= 0 && { field: `steps[${self}].next` }) },
    { code: process.code, kind: failure.kind, reason: failure.reason, ...(self >= 0 && { selfLoopStep: self + 1 }) },
  );
}
