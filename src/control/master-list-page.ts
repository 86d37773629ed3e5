/**
 * The site's master list: `master-list.html` (current documents, then the obsolete register;
 * prints on landscape paper) and `master-list.csv` beside it. Made by `flowbook build` and by
 * `flowbook dev` from the same site model and distribution register.
 */
import type { OutputFile } from '../output/types.js';
import type { SiteModel } from '../view/model.js';
import type { Templates } from '../site/templates.js';
import type { Labels } from '../view/labels.js';
import type { RegisterEntry } from '../print/register.js';
import { MASTER_LIST, MASTER_LIST_CSV, processPath } from '../view/paths.js';
import { layoutData, type SiteAssets } from '../site/pages/common.js';
import { context } from '../view/context.js';
import { pageRule } from '../view/paper/page.js';
import type { Settings } from '../model/types.js';
import { masterList, masterListCsv, type MasterList } from './master-list.js';
import { controlLabels } from './control-labels.js';

/** The template data of a master list: rows with labels and links (`href` returns '' for no link). */
export function masterListData(list: MasterList, labels: Labels, settings: Settings, href: (code: string) => string) {
  const cl = { ...labels, ...controlLabels(settings.language) };
  return {
    cl,
    today: list.today,
    totals: list.totals,
    rows: list.rows.map((r) => ({ ...r, href: href(r.code), statusLabel: labels.statuses[r.status], approvalLabel: cl.approvalStates[r.approval] })),
    obsolete: list.obsolete.map((r) => ({ ...r, href: href(r.code), replacedBy: r.replacedBy.map((c) => ({ code: c, href: href(c) })) })),
  };
}

/** The master list of what the site publishes (drafts only when they are published). */
export function siteMasterList(site: SiteModel, register: readonly RegisterEntry[]): MasterList {
  return masterList({ processes: site.published, register, today: site.today, replacedBy: site.replacedBy });
}

export function masterListPages(site: SiteModel, templates: Templates, assets: SiteAssets, register: readonly RegisterEntry[]): OutputFile[] {
  const ctx = context(site, MASTER_LIST);
  const list = siteMasterList(site, register);
  const data = {
    root: ctx.root,
    labels: site.labels,
    site: ctx.site,
    csvHref: ctx.to(MASTER_LIST_CSV),
    ...masterListData(list, site.labels, site.settings, (code) => (site.byCode.has(code) ? ctx.to(processPath(code)) : '')),
  };
  // A wide table: landscape paper when printed.
  const printHead = `<style media="print">${pageRule(site.settings, { orientation: 'landscape', paper: site.settings.paper ?? 'A4' })}</style>\n`;
  const title = controlLabels(site.settings.language).masterList;
  return [
    { path: MASTER_LIST, content: templates.page('master-list', data, layoutData(ctx, assets, { title, bodyClass: 'fb-page-master-list', printHead })) },
    { path: MASTER_LIST_CSV, content: masterListCsv(list, site.settings.language) },
  ];
}
