/**
 * Search index for the site: the processes being published -> script files under `search/`,
 * read by assets/search.js. See shard.ts for the file layout and build-index.ts for what is indexed.
 */
import type { Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import { buildInvertedIndex, type ProcessTerms } from './build-index.js';
import { indexFiles, type IndexLayout, type ShardOptions } from './shard.js';

export interface SearchIndexOptions {
  /** URL of a process page relative to the site root, e.g. `p/HR-ER-012.html`. */
  readonly pageHref: (code: string) => string;
  readonly language: 'zh-CN' | 'en';
  /** Plain text of the Markdown body; without it the body is stripped crudely. */
  readonly bodyText?: (p: Process) => string;
  /** Each process's terms made beforehand (see processTerms); the rest are made here. */
  readonly terms?: (p: Process) => ProcessTerms | undefined;
  /** Tuning for tests and benchmarks. */
  readonly termsShardBytes?: number;
  readonly docsShardBytes?: number;
  /** Groups of words search treats as the same (flowbook.yml `synonyms:`). */
  readonly synonyms?: readonly (readonly string[])[];
  /** flowbook.yml's order of categories, for the category facet. */
  readonly categories?: readonly string[];
}

/** Deterministic: the same processes and options give byte-identical files. */
export function buildSearchIndex(processes: readonly Process[], options: SearchIndexOptions): OutputFile[] {
  return searchIndexFiles(processes, options).files;
}

/** `buildSearchIndex`, with the layout the files were cut by (what a later patch needs: patch.ts). */
export function searchIndexFiles(processes: readonly Process[], options: SearchIndexOptions): { files: OutputFile[]; layout: IndexLayout } {
  return indexFiles(buildInvertedIndex(processes, options), shardOptions(options));
}

/** What the files' cut depends on besides the processes. */
export function shardOptions(options: SearchIndexOptions): ShardOptions {
  return {
    language: options.language,
    ...(options.termsShardBytes ? { termsShardBytes: options.termsShardBytes } : {}),
    ...(options.docsShardBytes ? { docsShardBytes: options.docsShardBytes } : {}),
    ...(options.synonyms ? { synonyms: options.synonyms } : {}),
    ...(options.categories ? { categories: options.categories } : {}),
  };
}

export { tokenize, terms, fold, stem } from './tokenize.js';
export { stripMarkdown, FIELD, processTerms, indexedProcess, listedProcess, docText, type ProcessTerms } from './build-index.js';
export { patchIndex, type LastIndex } from './patch.js';
