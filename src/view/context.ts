/**
 * Where a page of the published handbook stands and how it links: its root prefix, labels,
 * settings, and links to processes, roles and departments. Shared by the site's pages, the
 * document-control pages and print's controlled copies.
 */
import type { ProcessSummary, SiteIndex } from './model.js';
import { deptPath, processPath, relativeFrom, rolePath, rootOf } from './paths.js';
import type { Labels } from './labels.js';
import type { Settings } from '../model/types.js';

export interface PageContext {
  readonly path: string;
  readonly root: string;
  readonly labels: Labels;
  readonly settings: Settings;
  readonly site: { readonly title: string; readonly organisation: string; readonly language: string; readonly today: string };
  /** Relative URL from this page to a site path. */
  readonly to: (target: string) => string;
}

export function context(site: SiteIndex, path: string): PageContext {
  return {
    path,
    root: rootOf(path),
    labels: site.labels,
    settings: site.settings,
    site: { title: site.settings.title, organisation: site.settings.organisation, language: site.settings.language, today: site.today },
    to: relativeFrom(path),
  };
}

/** A process as a list item: link, code, name, status badges. */
export function processLink(ctx: PageContext, site: SiteIndex, p: ProcessSummary) {
  return {
    code: p.code,
    name: p.name,
    href: ctx.to(processPath(p.code)),
    version: p.version ?? '',
    category: p.category ?? '',
    effective: p.effective ?? '',
    review: p.review ?? '',
    isDraft: p.status === 'draft',
    isObsolete: p.status === 'obsolete',
    statusLabel: site.labels.statuses[p.status],
  };
}

/** A process named by code that may not be published: a link when it is, plain text otherwise. */
export function codeLink(ctx: PageContext, site: SiteIndex, code: string) {
  const p = site.byCode.get(code);
  return p ? { ...processLink(ctx, site, p), published: true } : { code, name: site.allByCode.get(code)?.name ?? code, href: '', published: false, isDraft: false, isObsolete: false, statusLabel: '' };
}

export const roleHref = (ctx: PageContext, site: SiteIndex, role: string) => {
  const s = site.roleSlug.get(role);
  return s === undefined ? '' : ctx.to(rolePath(s));
};

export const deptHref = (ctx: PageContext, site: SiteIndex, dept: string) => {
  const s = site.deptSlug.get(dept);
  return s === undefined ? '' : ctx.to(deptPath(s));
};
