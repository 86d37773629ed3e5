/**
 * The command line's start-up bundle (dist/cli/flowbook.js, made by scripts/bundle.mjs at install):
 * one file for `flowbook --help`, which still leaves every command's heavy code to dist/, loaded
 * inside the action, and imports the error classes from the one module the rest of the program
 * throws them from (cli/errors.ts tells errors apart with instanceof).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'flowbook.js');
const text = existsSync(BUNDLE) ? readFileSync(BUNDLE, 'utf8') : '';

describe.skipIf(!text)('the start-up bundle', () => {
  const staticImports = [...text.matchAll(/\bimport\s*[\w$*{}\s,]*?\s*from\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  const dynamicImports = [...new Set([...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!))];

  it('imports at the top only Node and the shared error classes', () => {
    expect(staticImports.filter((s) => !s.startsWith('node:'))).toEqual(['../diagnostics/errors.js']);
    // The light modules and commander are inside (a bare package import would mean node_modules at start-up).
    expect(text.includes('node_modules/commander/lib/command.js')).toBe(true);
  });

  it('leaves the commands’ heavy modules to dist/, each one there', () => {
    expect(dynamicImports).toEqual(expect.arrayContaining(['../load.js', '../build.js', '../dev/index.js', '../print/pdf.js']));
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
