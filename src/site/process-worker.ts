/**
 * Worker thread for process-pool.ts: renders the batches of its share that this thread has not
 * taken, in order, and stops at the first batch the main thread took (it works down from the end).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromData } from './model.js';
import { compileTemplates } from './templates.js';
import { renderProcessBatch } from './process-work.js';
import type { PoolData } from './process-pool.js';

const data = workerData as PoolData;
const site = indexFromData(data.index);
const ctx = {
  site,
  templates: compileTemplates(data.templates),
  assets: data.assets,
  language: site.settings.language,
  ...(data.svgs && { svgs: data.svgs }),
  cachedBodies: data.cachedBodies,
  keepBodies: data.keepBodies,
};
const flags = new Int32Array(data.flags);
const count = Math.ceil(data.processes.length / data.batch);
for (let i = 0; i < count; i++) {
  const batch = data.firstBatch + i;
  if (Atomics.compareExchange(flags, batch, 0, 1) !== 0) break;
  const result = await renderProcessBatch(ctx, data.processes.slice(i * data.batch, (i + 1) * data.batch));
  parentPort!.postMessage({ batch, result });
}
parentPort!.postMessage({ done: true });
