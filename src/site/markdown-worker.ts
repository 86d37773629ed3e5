/**
 * Worker thread for markdown-pool.ts. It gets every body up front and claims chunks from a shared
 * counter, so it works even while the main thread is busy (e.g. drawing diagrams) and cannot
 * answer messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { markdownToHtml } from './markdown.js';
import type { Language } from '../model/types.js';

const { bodies, language, counter, chunk } = workerData as { bodies: string[]; language: Language; counter: SharedArrayBuffer; chunk: number };
const claim = new Int32Array(counter);
const chunks = Math.ceil(bodies.length / chunk);
for (let c = Atomics.add(claim, 0, 1); c < chunks; c = Atomics.add(claim, 0, 1)) {
  const start = c * chunk;
  parentPort!.postMessage({ start, html: bodies.slice(start, start + chunk).map((b) => markdownToHtml(b, language)) });
}
parentPort!.postMessage({ done: true });
