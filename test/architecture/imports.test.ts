/**
 * Which folder may import which: the site and print both build on view/ (the published handbook,
 * the page context, the process as a controlled document) and never import each other; view/
 * imports neither; no module outside cli/ imports cli/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Top folders under src/ that a file imports (static and dynamic imports, type imports too). */
function importedFolders(file: string): Set<string> {
  const out = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const rel = path.relative(SRC, path.resolve(path.dirname(file), m[1]!));
    if (!rel.startsWith('..')) out.add(rel.split(path.sep)[0]!);
  }
  return out;
}

const offenders = (from: string, to: readonly string[]) =>
  tsFiles(path.join(SRC, from))
    .filter((f) => to.some((t) => importedFolders(f).has(t)))
    .map((f) => path.relative(SRC, f));

describe('module graph', () => {
  it('site/ and print/ never import each other', () => {
    expect(offenders('site', ['print'])).toEqual([]);
    expect(offenders('print', ['site'])).toEqual([]);
  });
  it('view/ builds on neither site/ nor print/', () => {
    expect(offenders('view', ['site', 'print'])).toEqual([]);
  });
  it('only cli/ imports cli/', () => {
    const others = readdirSync(SRC).filter((d) => d !== 'cli' && statSync(path.join(SRC, d)).isDirectory());
    expect(others.flatMap((d) => offenders(d, ['cli']))).toEqual([]);
  });
  it('sees imports (the check itself)', () => {
    expect(importedFolders(path.join(SRC, 'site', 'pages', 'process.ts')).has('view')).toBe(true);
  });
});
