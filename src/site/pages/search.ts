/** `search.html`: the search page; assets/search.js fills `#fb-search-page`. */
import type { OutputFile } from '../../output/types.js';
import type { SiteModel } from '../../view/model.js';
import type { Templates } from '../templates.js';
import { SEARCH } from '../../view/paths.js';
import { layoutData, type SiteAssets } from './common.js';
import { context } from '../../view/context.js';

export function searchPage(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile {
  const ctx = context(site, SEARCH);
  const data = { root: ctx.root, labels: site.labels, site: ctx.site, hasScript: assets.searchJs };
  return { path: SEARCH, content: templates.page('search', data, layoutData(ctx, assets, { title: site.labels.searchTitle, bodyClass: 'fb-page-search' })) };
}
