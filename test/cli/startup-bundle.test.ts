/**
 * The command line's start-up bundle (dist/cli/flowbook.cjs, made by scripts/bundle.mjs at install):
 * one CommonJS file for `flowbook --help`, which still leaves every command's heavy code to dist/
 * (the build command's to its own bundle), loaded inside the action, and requires no module of
 * dist/ at the top (cli/errors.ts tells Flowbook's errors by their codes). And the build bundle
 * (dist/bundles/build/) imports the error classes from the one module the rest of the program
 * throws them from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'flowbook.cjs');
const BUILD_BUNDLE = path.join(ROOT, 'dist', 'bundles', 'build');
const text = existsSync(BUNDLE) ? readFileSync(BUNDLE, 'utf8') : '';

describe.skipIf(!text)('the start-up bundle', () => {
  const requires = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  const dynamicImports = [...new Set([...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!))];

  it('requires at the top only Node’s own modules', () => {
    expect(requires.filter((s) => !s.startsWith('node:') && !/^(child_process|events|fs|path|process)$/.test(s))).toEqual([]);
    expect(text.includes('import.meta')).toBe(false);
    // The light modules and commander are inside (a bare package import would mean node_modules at start-up).
    expect(text.includes('node_modules/commander/lib/command.js')).toBe(true);
  });

  it('leaves the commands’ heavy modules to dist/, each one there (the build command’s to its bundle)', () => {
    expect(dynamicImports).toEqual(expect.arrayContaining(['../load.js', '../bundles/build/build.js', '../dev/index.js', '../print/pdf.js']));
    expect(dynamicImports).not.toContain('../build.js');
    for (const spec of dynamicImports) {
      expect(spec, spec).toMatch(/^\.\.\/[\w/.-]+\.js$/);
      expect(existsSync(path.join(ROOT, 'dist', 'cli', spec)), `dist/cli/${spec}`).toBe(true);
    }
  });

  it('carries no path of the machine that built it', () => {
    expect(text.includes(ROOT)).toBe(false);
    expect(text.includes(ROOT.replace(/\/$/, ''))).toBe(false);
  });
});

describe.skipIf(!existsSync(BUILD_BUNDLE))('the build bundle', () => {
  const files = existsSync(BUILD_BUNDLE) ? readdirSync(BUILD_BUNDLE).filter((f) => f.endsWith('.js')) : [];
  const texts = files.map((f) => readFileSync(path.join(BUILD_BUNDLE, f), 'utf8'));

  it('is the front (build.js), the work (site-build.js) and their shared chunks', () => {
    expect(files).toEqual(expect.arrayContaining(['build.js', 'site-build.js']));
    for (const f of files) expect(f, f).toMatch(/^(build|site-build|chunk-[\w-]+)\.js$/);
  });

  it('imports from dist/ only the error classes, and every file it names is there', () => {
    const fromDist = new Set<string>();
    texts.forEach((t, i) => {
      for (const m of t.matchAll(/(?:\bfrom\s*|\bimport\()\s*"(\.[^"]+)"/g)) {
        const spec = m[1]!;
        expect(existsSync(path.join(BUILD_BUNDLE, spec)), `${files[i]}: ${spec}`).toBe(true);
        if (spec.startsWith('../')) fromDist.add(spec);
      }
      // Paths next to a module (templates, the worker's script) are the files tsc wrote, in dist/.
      for (const m of t.matchAll(/new URL\("([^"]+)",\s*import\.meta\.url\)/g)) expect(existsSync(path.join(BUILD_BUNDLE, m[1]!)), `${files[i]}: ${m[1]}`).toBe(true);
    });
    expect([...fromDist]).toEqual(['../../diagnostics/errors.js']);
  });

  it('carries no path of the machine that built it', () => {
    for (const t of texts) expect(t.includes(ROOT.replace(/\/$/, ''))).toBe(false);
  });
});
