/**
 * Worker thread for process-pool.ts. It gets the handbook and templates up front and claims
 * batches of processes from a shared counter, so it works while the main thread does other things.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSiteModel } from './model.js';
import { compileTemplates } from './templates.js';
import { renderProcessBatch } from './process-work.js';
import type { PoolData } from './process-pool.js';

const data = workerData as PoolData;
const site = buildSiteModel(data.handbook, data.siteOptions);
const ctx = {
  site,
  templates: compileTemplates(data.templates),
  assets: data.assets,
  language: data.handbook.settings.language,
  ...(data.svgs && { svgs: data.svgs }),
  cachedBodies: data.cachedBodies,
};
const claim = new Int32Array(data.counter);
const batches = Math.ceil(site.published.length / data.batch);
for (let b = Atomics.add(claim, 0, 1); b < batches; b = Atomics.add(claim, 0, 1)) {
  const start = b * data.batch;
  const result = await renderProcessBatch(ctx, site.published.slice(start, start + data.batch));
  parentPort!.postMessage({ start, result });
}
parentPort!.postMessage({ done: true });
