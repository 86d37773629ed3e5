/**
 * Runs the real browser script (assets/search.js, bundled from src/browser/ at install and by
 * the test scripts) in a Node vm, without a DOM: its core and query engine, fed with index files
 * from buildSearchIndex, also run through vm like <script> tags would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { OutputFile } from '../../src/output/types.js';

import { BROWSER_SCRIPTS_DIR } from '../../src/site/assets.js';

export const SCRIPT_PATH = path.join(BROWSER_SCRIPTS_DIR, 'search.js');

export interface SearchResult {
  total: number;
  partial: boolean;
  results: { proc: { i: number; code: string; name: string; status: string; href: string }; score: number; matched: number }[];
  facets: Record<'status' | 'category' | 'dept' | 'role', Map<string, number>>;
  terms: Set<string>;
  groups: { kind: string; raw: string; alts: [string, number][]; known: boolean }[];
  ms: number;
}

export interface Core {
  normalise(s: string): { text: string; from: number[]; to: number[] };
  fold(s: string): string;
  stem(s: string): string;
  tokenize(s: string, o?: { unigrams?: boolean }): { term: string; start: number; end: number; cjk: boolean }[];
  decodePostings(s: string): number[];
  shardOf(t: string, n: number): number;
  editDistance(a: string, b: string, max: number): number;
  highlights(text: string, terms: Set<string>): [number, number][];
  locate(result: unknown, doc: unknown, search: SearchResult): { step: number; link: number; where: string; snippet: { parts: [string, boolean][] } | null };
  createEngine(load: (path: string) => Promise<void>): Engine;
}

export interface Engine {
  loaded: string[];
  search(q: string, filters?: Record<string, string | boolean>): Promise<SearchResult>;
  docs(procs: unknown[]): Promise<{ steps: [string, string, string][]; body: string; tags: string[] }[]>;
}

/** A fresh copy of the script's core (each call is its own "page"). */
export function loadCore(): { core: Core; context: vm.Context } {
  const context = vm.createContext({ window: {}, performance, URL });
  vm.runInContext(readFileSync(SCRIPT_PATH, 'utf8'), context, { filename: SCRIPT_PATH });
  const api = (context.window as { __flowbookSearch: { core: Core } }).__flowbookSearch;
  return { core: api.core, context };
}

/** An engine over in-memory index files (paths as returned by buildSearchIndex). */
export function engineFor(files: readonly OutputFile[]): Engine {
  const { core, context } = loadCore();
  const byPath = new Map(files.map((f) => [f.path, f.content as string]));
  return core.createEngine(async (path) => {
    const text = byPath.get(`search/${path}`);
    if (text === undefined) throw new Error(`no such index file: ${path}`);
    vm.runInContext(text, context);
  });
}

export const codes = (r: SearchResult) => r.results.map((x) => x.proc.code);
