/** What every site page shares: its optional assets, navigation and the layout's data (the page context is view/context.ts). */
import { DEPARTMENTS, HOME, MAP, MASTER_LIST, ROLES, SEARCH } from '../../view/paths.js';
import type { PageContext } from '../../view/context.js';
import type { Process } from '../../model/types.js';
import { printMarksData } from '../../view/paper/page.js';

/** Site-wide facts a page needs besides the model: which optional assets exist. */
export interface SiteAssets {
  readonly customCss: boolean;
  readonly searchCss: boolean;
  readonly searchJs: boolean;
  /** assets/print.css: the print view of every page (src/print). */
  readonly printCss?: boolean;
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
