/**
 * Model + templates -> the site's pages. Process pages are made per batch (process-work.ts, on
 * several threads by process-pool.ts); the pages about the whole handbook are made here.
 */
import type { OutputFile } from '../output/types.js';
import type { SiteModel } from '../view/model.js';
import type { Templates } from './templates.js';
import type { SiteAssets } from './pages/common.js';
import { homePage } from './pages/home.js';
import { departmentPages, departmentsIndexPage, rolePages, rolesIndexPage } from './pages/people.js';
import { mapPage } from './pages/map.js';
import { searchPage } from './pages/search.js';

export { buildSiteModel, type SiteModel, type SiteOptions } from '../view/model.js';
export { linkResolver } from './links.js';

/** Home, map, search, roles, departments: every page that is not one process's page. */
export function renderSharedPages(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile[] {
  return [
    homePage(site, templates, assets),
    mapPage(site, templates, assets),
    searchPage(site, templates, assets),
    rolesIndexPage(site, templates, assets),
    departmentsIndexPage(site, templates, assets),
    ...rolePages(site, templates, assets),
    ...departmentPages(site, templates, assets),
  ];
}
