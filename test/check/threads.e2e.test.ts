/**
 * Checking on worker threads (load-threads.ts) gives what checking on one thread gives: the same
 * diagnostics, with the same positions for documents a worker checked (their locator parses the
 * document again), and the same model.
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { generateDocuments } from '../../bench/generate.js';
import { checkSources } from '../../src/load.js';
import { CHECK_CHUNK, checkSourcesOnThreads, type CheckJob, type CheckMessage } from '../../src/load-threads.js';
import { PoolWorker } from '../../src/site/process-pool.js';
import type { HandbookSources } from '../../src/source/read-handbook.js';

function sources(count: number, edit: (text: string, i: number) => string): HandbookSources {
  return {
    root: '/handbook',
    settingsText: 'title: T\norganisation: O\nlanguage: zh-CN\n',
    documents: generateDocuments(count).map((d, i) => ({ file: d.file, text: edit(d.text, i) })),
    diagnostics: [],
  };
}

async function onThreads(src: HandbookSources, today: string) {
  const workers = PoolWorker.start(1);
  // Wait until the worker has loaded its modules (through tsx here: seconds), by an empty job:
  // otherwise this thread may check everything before it can take a chunk.
  const ready = new Promise((resolve) => workers[0]!.worker.once('message', resolve));
  workers[0]!.worker.postMessage({ check: { sources: [], counter: new SharedArrayBuffer(4) } });
  await ready;
  let chunks = 0;
  workers[0]!.worker.on('message', (m: CheckMessage) => 'checked' in m && chunks++);
  try {
    return { result: await checkSourcesOnThreads(src, workers.map((w) => w.worker), { today }), chunks };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const modelJson = (r: ReturnType<typeof checkSources>) => JSON.stringify(r.handbook?.processes, (_k, v: unknown) => (v instanceof Set ? [...v] : v));

describe('checking on worker threads', () => {
  it('reports the same diagnostics at the same places, however the documents were shared', async () => {
    // Most documents are overdue for review (a warning pointing at its review field), and every
    // 97th names a process that does not exist (an error pointing at the step's ref).
    const src = sources(3000, (text, i) => (i % 97 === 5 ? text.replace(/ref: GEN-\d+/, 'ref: NOPE-404') : text));
    const one = checkSources(src, { today: '2027-06-01' });
    const { result, chunks } = await onThreads(src, '2027-06-01');
    expect(chunks).toBeGreaterThan(0);
    expect(one.handbook).toBeUndefined();
    expect(one.diagnostics.filter((d) => d.code === 'unknown-ref').length).toBeGreaterThan(10);
    expect(one.diagnostics.filter((d) => d.code === 'review-overdue').length).toBeGreaterThan(1000);
    expect(one.diagnostics.every((d) => d.code !== 'review-overdue' || (d.line ?? 0) > 1)).toBe(true);
    expect(result.diagnostics).toEqual(one.diagnostics);
  });

  it('builds the same model', async () => {
    const src = sources(2500, (text) => text);
    const one = checkSources(src, { today: '2026-01-15' });
    const { result, chunks } = await onThreads(src, '2026-01-15');
    expect(chunks).toBeGreaterThan(0);
    expect(one.handbook?.processes.length).toBe(2500);
    expect(modelJson(result)).toBe(modelJson(one));
  });

  it('checks here what a failed worker took and never answered for', async () => {
    const src = sources(400, (text) => text);
    // A stand-in worker that takes two chunks from the shared counter, then dies.
    const dying = new EventEmitter() as EventEmitter & { postMessage: (m: { check: CheckJob }) => void };
    let taken = 0;
    dying.postMessage = (m) => {
      const counter = new Int32Array(m.check.counter);
      for (let i = 0; i < 2; i++) taken += Math.min(CHECK_CHUNK, Math.max(0, 400 - Atomics.add(counter, 0, CHECK_CHUNK)));
      setImmediate(() => dying.emit('exit', 1));
    };
    const one = checkSources(src, { today: '2026-01-15' });
    const result = await checkSourcesOnThreads(src, [dying as unknown as Worker], { today: '2026-01-15' });
    expect(taken).toBe(2 * CHECK_CHUNK);
    expect(result.handbook?.processes.length).toBe(400);
    expect(modelJson(result)).toBe(modelJson(one));
    expect(result.diagnostics).toEqual(one.diagnostics);
  });
});
