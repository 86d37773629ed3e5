/**
 * Everything one process page needs, for a batch of processes: the diagram (native renderer, or
 * given), the body as sanitised HTML (converted, or given from the cache), the Mermaid source and
 * the page itself, and the process's terms for the search index. Runs the same on the main thread
 * and in worker threads (process-pool.ts).
 */
import type { Language, Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import { renderDiagrams } from '../diagram/index.js';
import { toMermaidSource } from '../diagram/mermaid/source.js';
import type { SiteIndex } from './model.js';
import type { Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { hasMermaid, markdownToHtml, rewriteLinks } from './markdown.js';
import { processPage } from './pages/process.js';
import { linkResolver } from './links.js';
import { htmlToText } from './text.js';
import { processTerms, type ProcessTerms } from '../search/build-index.js';

export interface WorkContext {
  readonly site: SiteIndex;
  readonly templates: Templates;
  readonly assets: SiteAssets;
  readonly language: Language;
  /** Diagrams drawn beforehand (the Mermaid renderer); otherwise the native renderer draws here. */
  readonly svgs?: ReadonlyMap<string, string>;
  /** Body HTML from the cache, by code. */
  readonly cachedBodies: ReadonlyMap<string, string>;
  /** Return each body's HTML (to update the cache); otherwise only whether any holds a Mermaid block. */
  readonly keepBodies: boolean;
}

export interface StageTimes {
  diagrams: number;
  markdown: number;
  pages: number;
  search: number;
}

export interface ChunkResult {
  readonly files: OutputFile[];
  /** [code, body HTML (links not rewritten)] for every process of the batch, when kept. */
  readonly bodies: Array<[string, string]>;
  /** [code, terms] for every process of the batch. */
  readonly terms: Array<[string, ProcessTerms]>;
  /** Whether a body of the batch holds a Mermaid block (the site then needs its copy of Mermaid). */
  readonly mermaid: boolean;
  readonly times: StageTimes;
}

/** The URL of a published process page from another process page (pages are siblings in p/). */
export const siblingHref = (site: SiteIndex) => (_from: Process, code: string) => (site.byCode.has(code) ? `${encodeURI(code)}.html` : undefined);

/**
 * One batch, a process at a time: diagram, body, page and terms of a process are finished before
 * the next one starts, so its intermediate strings die young (kept for a whole batch, they
 * outlived the young generation and piled up as old garbage: ~3.5 s of collections on the main
 * thread at 10,000 processes). With `emit`, each process's files go there as soon as they are
 * made instead of into the result.
 */
export async function renderProcessBatch(ctx: WorkContext, processes: readonly Process[], emit?: (files: OutputFile[]) => void): Promise<ChunkResult> {
  const href = siblingHref(ctx.site);
  const times: StageTimes = { diagrams: 0, markdown: 0, pages: 0, search: 0 };
  const resolve = linkResolver(ctx.site);
  const files: OutputFile[] = [];
  const bodies: Array<[string, string]> = [];
  const terms: Array<[string, ProcessTerms]> = [];
  let mermaid = false;
  for (const p of processes) {
    let t = performance.now();
    const svg = ctx.svgs ? (ctx.svgs.get(p.code) ?? '') : ((await renderDiagrams([p], { renderer: 'native', href, language: ctx.language })).get(p.code) ?? '');
    const mermaidSource = toMermaidSource(p, { href: (code) => href(p, code), language: ctx.language });
    let now = performance.now();
    times.diagrams += now - t;
    t = now;
    const raw = ctx.cachedBodies.get(p.code) ?? markdownToHtml(p.body, ctx.language);
    now = performance.now();
    times.markdown += now - t;
    t = now;
    const own = hasMermaid(raw);
    mermaid ||= own;
    const page = processPage(ctx.site, ctx.templates, ctx.assets, p, { svg, bodyHtml: rewriteLinks(raw, p.file, resolve), hasMermaid: own, mermaidSource });
    times.pages += performance.now() - t;
    if (emit) emit(page); // the writer times itself
    else files.push(...page);
    t = performance.now();
    terms.push([p.code, processTerms(p, htmlToText(raw))]);
    if (ctx.keepBodies) bodies.push([p.code, raw]);
    times.search += performance.now() - t;
  }
  return { files, bodies, terms, mermaid, times };
}
