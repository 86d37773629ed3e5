/** Worker thread for markdown-pool.ts: converts batches of bodies with the same frozen processor. */
import { parentPort } from 'node:worker_threads';
import { markdownToHtml } from './markdown.js';
import type { Language } from '../model/types.js';

interface Job {
  readonly id: number;
  readonly language: Language;
  readonly bodies: readonly string[];
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, html: job.bodies.map((b) => markdownToHtml(b, job.language)) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
