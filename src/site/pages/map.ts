/** `map.html`: every current process by category with the links between them, drawn and listed. */
import type { Process } from '../../model/types.js';
import { categoryOrder } from '../../util/collate.js';
import type { OutputFile } from '../../output/types.js';
import type { SiteModel } from '../../view/model.js';
import type { Templates } from '../templates.js';
import { MAP, processPath } from '../../view/paths.js';
import { mapSvg, type MapColumn } from '../map-svg.js';
import { layoutData, type SiteAssets } from './common.js';
import { context, processLink } from '../../view/context.js';


export function mapColumns(site: SiteModel): MapColumn[] {
  const groups = new Map<string, Process[]>();
  for (const p of site.current) (groups.get(p.category ?? '') ?? groups.set(p.category ?? '', []).get(p.category ?? '')!).push(p);
  const order = categoryOrder(site.settings.language, site.settings.categories);
  return [...groups.entries()].sort(([a], [b]) => order(a, b)).map(([c, ps]) => ({ title: c || site.labels.uncategorised, processes: ps }));
}

export function mapPage(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile {
  const ctx = context(site, MAP);
  const onMap = new Set(site.current.map((p) => p.code));
  const columns = mapColumns(site);
  const svg = mapSvg(columns, { href: (code) => ctx.to(processPath(code)), title: site.labels.processMap });
  const data = {
    root: ctx.root,
    labels: site.labels,
    site: ctx.site,
    svg,
    columns: columns.map((c) => ({ title: c.title, count: c.processes.length })),
    links: site.current
      .filter((p) => p.linksTo.some((c) => onMap.has(c)))
      .map((p) => ({ ...processLink(ctx, site, p), to: p.linksTo.filter((c) => onMap.has(c)).map((c) => processLink(ctx, site, site.byCode.get(c)!)) })),
  };
  return { path: MAP, content: templates.page('map', data, layoutData(ctx, assets, { title: site.labels.processMap, bodyClass: 'fb-page-map' })) };
}
