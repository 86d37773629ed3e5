/**
 * One tokenizer, one index format: the browser's search (src/browser/, bundled into
 * assets/search.js) imports the build's modules instead of carrying copies. A copy would
 * drift (the index is only useful if build and query cut text the same way), so this fails when
 * src/browser re-implements them, stops importing them, or pulls Node-only code into the bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CJK, STOPWORDS } from '../../src/search/tokenize.js';
import { BROWSER_SCRIPTS_DIR } from '../../src/site/assets.js';
import { STATUS_LABELS } from '../../src/view/status-labels.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER = path.join(ROOT, 'src', 'browser');
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** Every module an entry reaches (type-only imports included: harmless, they are erased), and the non-relative specifiers met on the way. */
function reach(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) external.add(spec);
      else visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return { files: new Set([...files].map(rel)), external };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('the browser code has one tokenizer: the build’s', () => {
  const entries = readdirSync(BROWSER).filter((f) => f.endsWith('.ts'));

  it('has an entry per browser script the site serves', () => {
    expect(entries.sort()).toEqual(['copy-check.ts', 'map.ts', 'print.ts', 'search.ts', 'site.ts', 'viewer.ts']);
  });

  it('search imports the build’s tokenizer, index format and status words', () => {
    const { files } = reach(path.join(BROWSER, 'search.ts'));
    expect([...files]).toEqual(expect.arrayContaining(['src/search/tokenize.ts', 'src/search/format.ts', 'src/view/status-labels.ts', 'src/view/search-labels.ts']));
  });

  it('no browser script reaches Node or a package (the bundles stay small and browser-only)', () => {
    for (const e of entries) {
      const { files, external } = reach(path.join(BROWSER, e));
      expect([...external], e).toEqual([]);
      // The build's side of search (pinyin-pro, hashing, the index build) stays out.
      expect([...files].filter((f) => /^src\/search\/(?:pinyin|shard|build-index|index)\.ts$/.test(f)), e).toEqual([]);
    }
  });

  it('src/browser does not re-implement the tokenizer or the index codecs', () => {
    const copies = tsFiles(BROWSER).flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      const hits = [
        ...text.matchAll(/\.normalize\(|Script=Han|\bfunction\s+(?:tokenize|normalise|normalize|fold|stem|scan|kind|decodePostings|decodeNumbers|shardOf)\b|\b(?:const|let|var)\s+(?:tokenize|normalise|fold|stem|decodePostings|shardOf|STOPWORDS|TERMINAL|CONTINUE)\s*=/g),
      ];
      return hits.map((h) => `${rel(f)}: ${h[0]}`);
    });
    expect(copies).toEqual([]);
  });

  it('the bundle holds the shared tokenizer once, as it is in src/search (built from these sources)', () => {
    const bundle = readFileSync(path.join(BROWSER_SCRIPTS_DIR, 'search.js'), 'utf8');
    expect(count(bundle, CJK.source)).toBe(1);
    expect(count(bundle, 'NFKC')).toBe(1);
    expect(count(bundle, '0123456789abcdefghijklmnopqrstuv')).toBe(1);
    expect(count(bundle, [...STOPWORDS].join(' '))).toBe(1);
    for (const words of Object.values(STATUS_LABELS)) for (const w of Object.values(words)) expect(bundle, w).toContain(w);
    // A classic script, no module syntax (a module script would not load from file://).
    expect(bundle).not.toMatch(/^\s*(?:import|export)\s/m);
  });
});
