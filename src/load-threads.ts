/**
 * Checking a large handbook's documents on worker threads as well as this one. Each document's
 * own check (parse, decode, its own rules: most of the check's time) can run anywhere; the rest
 * (`finishCheck`: rules across documents, the model) runs here on the results.
 *
 * The threads take chunks of documents from a shared counter until none is left, so a worker
 * that starts late simply takes fewer. A document checked on a worker comes back without its
 * locator (a function cannot cross threads) and gets one that parses the document again, here,
 * the first time a message needs a position: rare, and the same positions. The workers are the
 * site build's (site/process-pool.ts): they go on to render pages once the check is done.
 */
import type { Worker } from 'node:worker_threads';
import { checkSourceDocument, finishCheck, type CheckOptions, type CheckResult, type DocumentCheck } from './load.js';
import { parseProcessDocument } from './parse/document.js';
import type { DocumentInput } from './model/input.js';
import type { HandbookSources, SourceFile } from './source/read-handbook.js';

/** Documents per chunk: small enough to balance, large enough that messages stay few. */
export const CHECK_CHUNK = 64;

/** What a worker is sent: every source, and the counter all threads take chunks from. */
export interface CheckJob {
  readonly sources: readonly SourceFile[];
  /** Int32[0]: index of the next document nobody has taken. */
  readonly counter: SharedArrayBuffer;
}

/** A document's check as it crosses threads: the document without its locator. */
export interface PortableCheck {
  readonly doc?: Omit<DocumentInput, 'locate'>;
  readonly diagnostics: DocumentCheck['diagnostics'];
}

/** What a worker sends back per chunk, and once when it has taken its last. */
export type CheckMessage = { readonly checked: { readonly start: number; readonly results: readonly PortableCheck[] } } | { readonly checkedAll: true };

export function portable(c: DocumentCheck): PortableCheck {
  if (!c.doc) return { diagnostics: c.diagnostics };
  const { locate: _locate, ...doc } = c.doc;
  return { doc, diagnostics: c.diagnostics };
}

export function restore(c: PortableCheck, src: SourceFile): DocumentCheck {
  if (!c.doc) return { diagnostics: c.diagnostics };
  let locate: DocumentInput['locate'] | undefined;
  return { doc: { ...c.doc, locate: (path, part) => (locate ??= parseProcessDocument(src.file, src.text).locate)(path, part) }, diagnostics: c.diagnostics };
}

/** Take chunks until none is left; `done` gets each chunk's checks. Runs on any thread. */
export function checkChunks(sources: readonly SourceFile[], counter: Int32Array, done: (start: number, checks: DocumentCheck[]) => void): void {
  for (;;) {
    const start = Atomics.add(counter, 0, CHECK_CHUNK);
    if (start >= sources.length) return;
    done(start, sources.slice(start, start + CHECK_CHUNK).map(checkSourceDocument));
  }
}

/** On a worker: the job's chunks, posted as they are checked. */
export function runCheckJob(job: CheckJob, post: (m: CheckMessage) => void): void {
  checkChunks(job.sources, new Int32Array(job.counter), (start, checks) => post({ checked: { start, results: checks.map(portable) } }));
  post({ checkedAll: true });
}

/**
 * `checkSources` with the given (idle) workers helping. Same result: a document a worker took
 * and never answered for (it failed) is checked here at the end.
 */
export async function checkSourcesOnThreads(sources: HandbookSources, workers: readonly Worker[], options: CheckOptions): Promise<CheckResult> {
  return finishCheck(sources, await checkDocumentsOnThreads(sources.documents, workers), options);
}

/** Each document's own check, with the given (idle) workers helping; in the documents' order. */
export async function checkDocumentsOnThreads(docs: readonly SourceFile[], workers: readonly Worker[]): Promise<DocumentCheck[]> {
  const checks = new Array<DocumentCheck | undefined>(docs.length);
  const counterBuffer = new SharedArrayBuffer(4);
  const counter = new Int32Array(counterBuffer);
  const answered = workers.map(
    (w) =>
      new Promise<void>((resolve) => {
        const onMessage = (m: CheckMessage) => {
          if ('checked' in m) m.checked.results.forEach((r, i) => (checks[m.checked.start + i] = restore(r, docs[m.checked.start + i]!)));
          else if ('checkedAll' in m) finish();
        };
        const finish = () => {
          w.off('message', onMessage);
          w.off('error', finish);
          w.off('exit', finish);
          resolve();
        };
        w.on('message', onMessage);
        w.on('error', finish);
        w.on('exit', finish);
        w.postMessage({ check: { sources: docs, counter: counterBuffer } satisfies CheckJob });
      }),
  );
  checkChunks(docs, counter, (start, results) => results.forEach((r, i) => (checks[start + i] = r)));
  await Promise.all(answered);
  return docs.map((src, i) => checks[i] ?? checkSourceDocument(src));
}
