#!/usr/bin/env node
/**
 * Bundles with esbuild, after tsc, at `npm install` (prepare) and in build:ts, test, test:e2e and bench:
 *  - the browser scripts: each src/browser/<name>.ts -> assets/<name>.js (not committed: .gitignore), a classic script
 *    (an IIFE: module scripts do not load from file://) with the build's own modules bundled in
 *    (the search tokenizer, the index format, the status words);
 * The output is deterministic: no timestamps, no absolute paths, the same bytes on every run.
 * Plain JavaScript, so it runs with nothing but node and esbuild installed.
 * `node scripts/bundle.mjs [browser|cli] [--outdir DIR]` bundles one part (into DIR: the tests
 * check that two runs give the same bytes).
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The browser scripts, as the site serves them under assets/ (src/site/assets.ts). */
export const BROWSER_ENTRIES = ['search', 'viewer', 'map', 'site', 'print', 'copy-check'];

export async function bundleBrowser(outdir = path.join(ROOT, 'assets')) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: BROWSER_ENTRIES.map((name) => `src/browser/${name}.ts`),
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Browsers of the last few years: Unicode property escapes, optional chaining.
    target: ['es2020'],
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: '/* Flowbook: generated from src/browser/ by scripts/bundle.mjs (npm run build:ts); edit the sources, not this file. */' },
    tsconfig: 'tsconfig.browser.json',
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? path.resolve(args[at + 1] ?? '') : undefined;
  const only = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!only || only === 'browser') await bundleBrowser(outdir);
}
