/**
 * Checking a handbook with the build cache's document checks: a document whose path and text are
 * those of a cached check is not parsed again (src/output/build-cache.ts keeps them). The rest is
 * checked as `checkSources` does, on worker threads when there are many; what comes after each
 * document's own check (rules across documents, the model) always runs, so the diagnostics and
 * the model are those of a check without the cache.
 */
import type { Worker } from 'node:worker_threads';
import { checkSourceDocument, finishCheck, type CheckOptions, type CheckResult, type DocumentCheck } from './load.js';
import { checkDocumentsOnThreads, portable, restore, type PortableCheck } from './load-threads.js';
import type { HandbookSources } from './source/read-handbook.js';
import { documentHash, RawEntry } from './output/build-cache.js';

export interface CachedCheck {
  readonly result: CheckResult;
  /** Document hash -> its check, for every document read (what the cache keeps for the next build; as it was stored when it came from there). */
  readonly checks: Map<string, PortableCheck | RawEntry>;
  /** Document path -> hash of its path and text (a process's text version in page keys). */
  readonly versions: Map<string, string>;
}

const isPortable = (v: unknown): v is PortableCheck => typeof v === 'object' && v !== null && Array.isArray((v as PortableCheck).diagnostics);

/**
 * `startWorkers(n)` is asked for workers once the number of documents to check is known (it may
 * give none).
 */
export async function checkSourcesCached(sources: HandbookSources, cached: ReadonlyMap<string, unknown>, startWorkers: (documents: number) => readonly Worker[], options: CheckOptions): Promise<CachedCheck> {
  const docs = sources.documents;
  const hashes = docs.map(documentHash);
  const checks = new Array<DocumentCheck | undefined>(docs.length);
  const missing: number[] = [];
  const stored = new Array<RawEntry | undefined>(docs.length);
  hashes.forEach((h, i) => {
    const entry = cached.get(h);
    const c = entry instanceof RawEntry ? entry.parse() : entry;
    if (isPortable(c)) {
      checks[i] = restore(c, docs[i]!);
      if (entry instanceof RawEntry) stored[i] = entry;
    } else missing.push(i);
  });
  const todo = missing.map((i) => docs[i]!);
  const workers = startWorkers(todo.length);
  const fresh = workers.length > 0 ? await checkDocumentsOnThreads(todo, workers) : todo.map(checkSourceDocument);
  missing.forEach((i, k) => (checks[i] = fresh[k]));
  const all = checks as DocumentCheck[];
  return {
    result: finishCheck(sources, all, options),
    checks: new Map(hashes.map((h, i) => [h, stored[i] ?? portable(all[i]!)])),
    versions: new Map(docs.map((d, i) => [d.file, hashes[i]!])),
  };
}
