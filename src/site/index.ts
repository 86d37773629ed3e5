/**
 * The site's model and links. Pages are listed, with their keys and renderers, in the page
 * registry (src/pages/registry.ts); process pages are made per batch (process-work.ts, on several
 * threads by process-pool.ts).
 */
export { buildSiteModel, type SiteModel, type SiteOptions } from '../view/model.js';
export { linkResolver } from './links.js';
