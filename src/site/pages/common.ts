/** What every page shares: the root prefix, labels, navigation and the layout's data. */
import type { ProcessSummary, SiteIndex } from '../model.js';
import { DEPARTMENTS, HOME, MAP, MASTER_LIST, processPath, relativeFrom, ROLES, rootOf, SEARCH, deptPath, rolePath } from '../paths.js';
import type { Labels } from '../labels.js';
import type { Process, Settings } from '../../model/types.js';
import { printMarksData } from '../../view/paper/page.js';

/** Site-wide facts a page needs besides the model: which optional assets exist. */
export interface SiteAssets {
  readonly customCss: boolean;
  readonly searchCss: boolean;
  readonly searchJs: boolean;
  /** assets/print.css: the print view of every page (src/print). */
  readonly printCss?: boolean;
}

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

export interface LayoutOptions {
  readonly title: string;
  readonly mermaid?: boolean;
  /** The page shows a chart: load the chart viewer (zoom, fit, full screen). */
  readonly viewer?: boolean;
  /** A process page: load the copy check (assets/copy-check.js: "is this printed copy current?"). */
  readonly copyCheck?: boolean;
  readonly bodyClass: string;
  /** The process shown, for its print watermark (draft, obsolete). */
  readonly process?: Pick<Process, 'status'>;
  /** Extra `<head>` markup for print (page size and footer), trusted. */
  readonly printHead?: string;
}

/** The layout template's data (documented in docs/templates.md). */
export function layoutData(ctx: PageContext, assets: SiteAssets, o: LayoutOptions) {
  const l = ctx.labels;
  const nav = [
    { href: ctx.to(HOME), label: l.home, current: ctx.path === HOME },
    { href: ctx.to(MAP), label: l.processMap, current: ctx.path === MAP },
    { href: ctx.to(DEPARTMENTS), label: l.departments, current: ctx.path === DEPARTMENTS || ctx.path.startsWith('dept/') },
    { href: ctx.to(ROLES), label: l.roles, current: ctx.path === ROLES || ctx.path.startsWith('role/') },
    { href: ctx.to(MASTER_LIST), label: l.masterList, current: ctx.path === MASTER_LIST },
  ];
  return {
    lang: ctx.site.language,
    title: o.title,
    site: ctx.site,
    root: ctx.root,
    labels: l,
    homeHref: ctx.to(HOME),
    searchHref: ctx.to(SEARCH),
    nav,
    bodyClass: o.bodyClass,
    mermaid: o.mermaid ?? false,
    viewer: o.viewer ?? false,
    copyCheck: o.copyCheck ?? false,
    customCss: assets.customCss,
    searchCss: assets.searchCss,
    searchJs: assets.searchJs,
    printCss: assets.printCss ?? false,
    printHead: o.printHead ?? '',
    // Marks on anything printed from the site: uncontrolled + print date, draft/obsolete watermark.
    printMarks: printMarksData(ctx.settings, ctx.site.today, o.process),
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
