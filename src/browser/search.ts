/**
 * assets/search.js: the browser side of src/search, bundled by scripts/bundle.mjs into a
 * classic script (a module script would not load from file://).
 *
 * - Loads nothing until the reader starts to search (focus, first keystroke, or search.html?q=).
 * - Index files are scripts under ../search/ relative to this file, injected as <script> tags, so
 *   search works from file:// and under any sub-path. Each calls window.__flowbookSearch.add().
 * - The tokenizer, the index format and the status words are the build's own modules
 *   (src/search/tokenize.ts, format.ts, src/view/status-labels.ts), bundled in, not copied.
 */
import { decodePostings, shardOf } from '../search/format.js';
import { fold, normalise, stem, tokenize } from '../search/tokenize.js';
import { createRegistry, Engine, highlights, locate } from './search/engine.js';
import { startPage } from './search/page.js';
import { pinyinReadings, syllables } from './search/pinyin.js';
import { editDistance, parseQuery } from './search/query.js';

const registry = createRegistry();

const api = {
  add: (kind: string, n: number, data: unknown) => registry.add(kind, n, data),
  // For tests and the benchmark: the same functions the page uses.
  core: {
    normalise,
    fold,
    stem,
    tokenize,
    decodePostings,
    shardOf,
    editDistance,
    parseQuery,
    syllables,
    pinyinReadings,
    highlights,
    locate,
    createEngine: (load: (path: string) => Promise<void>) => new Engine(registry, load),
  },
  engine: undefined as Engine | undefined,
};

type Host = { __flowbookSearch?: typeof api };
const root = (typeof window !== 'undefined' ? window : globalThis) as unknown as Host;
if (!root.__flowbookSearch) root.__flowbookSearch = api;

// In a page (not in the tests' sandbox, which has no document).
if (typeof document !== 'undefined') {
  const scriptEl = document.currentScript as HTMLScriptElement | null;
  const scriptUrl = scriptEl && scriptEl.src ? scriptEl.src : new URL('assets/search.js', document.baseURI).href;
  const indexBase = new URL('../search/', scriptUrl);
  const isFile = indexBase.protocol === 'file:';
  const loadScript = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      // Over http(s), the manifest's id busts caches of the other files (file:// has none to bust).
      const version = engine.manifest?.id ?? '';
      s.src = new URL(path + (version && !isFile ? `?v=${version}` : ''), indexBase).href;
      s.async = true;
      s.onload = () => {
        s.remove();
        resolve();
      };
      s.onerror = () => {
        s.remove();
        reject(new Error(`could not load ${path}`));
      };
      document.head.appendChild(s);
    });
  const engine = new Engine(registry, loadScript);
  api.engine = engine;
  startPage({ engine, scriptUrl });
}
