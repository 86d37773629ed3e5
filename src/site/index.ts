/**
 * Model + templates + the other stages' results -> every page of the site, as OutputFile[].
 * Pure apart from nothing: page functions take data and return files.
 */
import type { OutputFile } from '../output/types.js';
import type { SiteModel } from './model.js';
import type { Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { hasMermaid, rewriteLinks } from './markdown.js';
import { processPage } from './pages/process.js';
import { homePage } from './pages/home.js';
import { departmentPages, departmentsIndexPage, rolePages, rolesIndexPage } from './pages/people.js';
import { mapPage } from './pages/map.js';
import { searchPage } from './pages/search.js';

export { buildSiteModel, type SiteModel, type SiteOptions } from './model.js';

export interface PageInputs {
  /** Code -> inline SVG. */
  readonly svgs: ReadonlyMap<string, string>;
  /** Code -> sanitised body HTML (links not yet rewritten). */
  readonly bodies: ReadonlyMap<string, string>;
  /** Code -> Mermaid source, when the Mermaid module is available. */
  readonly mermaid?: ReadonlyMap<string, string>;
  readonly assets: SiteAssets;
}

export interface RenderedSite {
  readonly files: OutputFile[];
  /** Number of HTML pages. */
  readonly pages: number;
  /** Some page has a Mermaid block: the site needs assets/mermaid.min.js. */
  readonly needsMermaid: boolean;
}

/** Resolve a document link: handbook path first, then a bare `<code>.md`. Published targets only. */
export function linkResolver(site: SiteModel) {
  return (handbookPath: string, fileName: string): string | undefined => {
    const byPath = site.byFile.get(handbookPath);
    if (byPath !== undefined) return byPath;
    const code = fileName.replace(/\.md$/i, '');
    return site.byCode.has(code) ? code : undefined;
  };
}

export function renderSite(site: SiteModel, templates: Templates, inputs: PageInputs, onProgress?: (done: number, total: number) => void): RenderedSite {
  const files: OutputFile[] = [];
  const resolve = linkResolver(site);
  let needsMermaid = false;
  const total = site.published.length;
  site.published.forEach((p, i) => {
    const raw = inputs.bodies.get(p.code) ?? '';
    const mermaid = hasMermaid(raw);
    needsMermaid ||= mermaid;
    files.push(
      ...processPage(site, templates, inputs.assets, p, {
        svg: inputs.svgs.get(p.code) ?? '',
        bodyHtml: rewriteLinks(raw, p.file, resolve),
        hasMermaid: mermaid,
        ...(inputs.mermaid?.has(p.code) && { mermaidSource: inputs.mermaid.get(p.code)! }),
      }),
    );
    if (onProgress && (i % 50 === 49 || i === total - 1)) onProgress(i + 1, total);
  });
  files.push(
    homePage(site, templates, inputs.assets),
    mapPage(site, templates, inputs.assets),
    searchPage(site, templates, inputs.assets),
    rolesIndexPage(site, templates, inputs.assets),
    departmentsIndexPage(site, templates, inputs.assets),
    ...rolePages(site, templates, inputs.assets),
    ...departmentPages(site, templates, inputs.assets),
  );
  return { files, pages: files.filter((f) => f.path.endsWith('.html')).length, needsMermaid };
}
