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
import type { SiteIndex } from '../view/model.js';
import type { Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { hasMermaid, markdownToHtml, rewriteLinks } from '../view/markdown.js';
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
 * One batch, stage by stage (all diagrams, then all bodies, then all pages, then all terms):
 * running one kind of work 16 times in a row keeps its code hot, ~15% faster than finishing each
 * process before starting the next. With `emit`, the batch's files go there as soon as its pages
 * are made (written before the terms are made) instead of into the result.
 */
export async function renderProcessBatch(ctx: WorkContext, processes: readonly Process[], emit?: (files: OutputFile[]) => void): Promise<ChunkResult> {
  const href = siblingHref(ctx.site);
  const times: StageTimes = { diagrams: 0, markdown: 0, pages: 0, search: 0 };
  let t = performance.now();
  const svgs = ctx.svgs ?? (await renderDiagrams(processes, { renderer: 'native', href, language: ctx.language }));
  const mermaid = processes.map((p) => toMermaidSource(p, { href: (code) => href(p, code), language: ctx.language }));
  times.diagrams = performance.now() - t;
  t = performance.now();
  const bodies = processes.map((p) => ctx.cachedBodies.get(p.code) ?? markdownToHtml(p.body, ctx.language));
  times.markdown = performance.now() - t;
  t = performance.now();
  const resolve = linkResolver(ctx.site);
  const files: OutputFile[] = [];
  processes.forEach((p, i) => {
    const raw = bodies[i]!;
    files.push(
      ...processPage(ctx.site, ctx.templates, ctx.assets, p, {
        svg: svgs.get(p.code) ?? '',
        bodyHtml: rewriteLinks(raw, p.file, resolve),
        hasMermaid: hasMermaid(raw),
        mermaidSource: mermaid[i]!,
      }),
    );
  });
  times.pages = performance.now() - t;
  emit?.(files.splice(0)); // the writer times itself
  t = performance.now();
  const terms = processes.map((p, i): [string, ProcessTerms] => [p.code, processTerms(p, htmlToText(bodies[i]!))]);
  times.search = performance.now() - t;
  return {
    files,
    bodies: ctx.keepBodies ? processes.map((p, i) => [p.code, bodies[i]!]) : [],
    terms,
    mermaid: bodies.some(hasMermaid),
    times,
  };
}
