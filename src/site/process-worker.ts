/**
 * Worker thread of the site build (process-pool.ts). It waits for jobs:
 * - `check`: check documents, taking chunks from a counter shared with the other threads
 *   (load-threads.ts), while the handbook is read;
 * - `render`: render the batches of its share that the main thread has not taken, in order,
 *   stopping at the first batch the main thread took (it works down from the end).
 */
import { parentPort } from 'node:worker_threads';
import { indexFromData } from '../view/model.js';
import { compileTemplates } from './templates.js';
import { renderProcessBatch } from './process-work.js';
import type { PoolData } from './process-pool.js';
import { runCheckJob, type CheckJob } from '../load-threads.js';

async function render(data: PoolData): Promise<void> {
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
}

parentPort!.on('message', (m: { check?: CheckJob; render?: PoolData }) => {
  if (m.check) runCheckJob(m.check, (msg) => parentPort!.postMessage(msg));
  // An error thrown here ends the worker with an 'error' event: the pool renders what is left.
  if (m.render) void render(m.render).catch((e: unknown) => setImmediate(() => { throw e; }));
});
