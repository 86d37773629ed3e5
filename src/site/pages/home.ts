/** `index.html`: processes by category, recently effective, due for review, obsolete ones at the bottom. */
import { categoryOrder } from '../../util/collate.js';
import type { Process } from '../../model/types.js';
import type { OutputFile } from '../../output/types.js';
import type { SiteModel } from '../../view/model.js';
import type { Templates } from '../templates.js';
import { HOME, WHATS_NEW } from '../../view/paths.js';
import { changeLabels } from '../../control/history-labels.js';
import { addDays, daysBetween } from '../../util/dates.js';
import { layoutData, type SiteAssets } from './common.js';
import { context, processLink } from '../../view/context.js';

export const RECENT_COUNT = 10;
export const REVIEW_WINDOW_DAYS = 30;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function homePageData(site: SiteModel) {
  const ctx = context(site, HOME);
  const l = site.labels;
  const link = (p: Process) => processLink(ctx, site, p);

  const groups = new Map<string, Process[]>();
  for (const p of site.current) {
    const c = p.category ?? '';
    (groups.get(c) ?? groups.set(c, []).get(c)!).push(p);
  }
  // Categories in the handbook's order (flowbook.yml's categories, then pinyin or alphabetical), "uncategorised" last.
  const order = categoryOrder(site.settings.language, site.settings.categories);
  const categories = [...groups.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([name, ps], i) => ({ name: name || l.uncategorised, anchor: `cat-${i + 1}`, count: ps.length, processes: ps.map(link) }));

  const recent = site.current
    .filter((p) => p.effective !== undefined && p.effective <= site.today)
    .sort((a, b) => cmp(b.effective!, a.effective!) || cmp(a.code, b.code))
    .slice(0, RECENT_COUNT)
    .map(link);

  const horizon = addDays(site.today, REVIEW_WINDOW_DAYS);
  const due = site.current
    .filter((p) => p.review !== undefined && p.review <= horizon && p.status !== 'draft')
    .sort((a, b) => cmp(a.review!, b.review!) || cmp(a.code, b.code))
    .map((p) => {
      const days = daysBetween(site.today, p.review!);
      return { ...link(p), days, overdue: days < 0, daysOverdue: -days };
    });

  return {
    root: ctx.root,
    labels: l,
    site: ctx.site,
    total: site.current.length,
    categories,
    recent,
    due,
    obsolete: site.obsolete.map(link),
    whatsNew: { href: ctx.to(WHATS_NEW), label: changeLabels(site.settings.language).whatsNew },
    ctx,
  };
}

export function homePage(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile {
  const { ctx, ...data } = homePageData(site);
  const title = site.settings.organisation ? `${site.settings.title} - ${site.settings.organisation}` : site.settings.title;
  return { path: HOME, content: templates.page('home', data, layoutData(ctx, assets, { title, bodyClass: 'fb-page-home' })) };
}
