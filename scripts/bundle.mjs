#!/usr/bin/env node
/**
 * Bundles with esbuild, after tsc, at `npm install` (prepare) and in build:ts, test, test:e2e and bench:
 *  - the browser scripts: each src/browser/<name>.ts -> assets/<name>.js (not committed: .gitignore), a classic script
 *    (an IIFE: module scripts do not load from file://) with the build's own modules bundled in
 *    (the search tokenizer, the index format, the status words);
 *  - the command line's start-up: src/cli/main.ts with every command's registration, the light
 *    modules they import at the top, and commander -> dist/cli/flowbook.js, one file instead of
 *    some 35 modules for `flowbook --help` (bin/flowbook.js loads it). A command's heavy code stays
 *    in dist/ as tsc wrote it, imported only inside its action.
 * The output is deterministic: no timestamps, no absolute paths, the same bytes on every run.
 * Plain JavaScript, so it runs with nothing but node and esbuild installed.
 * `node scripts/bundle.mjs [browser|cli] [--outdir DIR]` bundles one part (into DIR: the tests
 * check that two runs give the same bytes).
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
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

/**
 * Modules that must exist once, shared by the bundle and the modules commands load later: error
 * classes thrown by the domain and caught by cli/errors.ts with instanceof. Any module with a class
 * or state that both sides use belongs here.
 */
const SHARED = new Set(['diagnostics/errors.js']);

/**
 * What the start-up bundle leaves to dist/ (as tsc wrote it, path relative to dist/cli/): every
 * module a command imports inside its action (dynamic import: still loaded only when that command
 * runs) and SHARED. The light modules src/cli imports at the top (test/cli/lazy-commands.test.ts
 * holds that list short) are bundled in, as is commander.
 */
const startupOnly = {
  name: 'startup-only',
  setup(b) {
    const src = path.join(ROOT, 'src') + path.sep;
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      if (!file.startsWith(src)) return undefined; // package.json, read at start-up
      const rel = path.relative(src, file).split(path.sep).join('/');
      if (args.kind !== 'dynamic-import' && !SHARED.has(rel)) return undefined;
      return { path: '../' + rel, external: true };
    });
  },
};

/**
 * import.meta.url in a bundled module: the URL of the file tsc wrote for it (dist/cli/...), so
 * paths a command finds next to itself (package.json, schema/) stay right in the one-file bundle.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = path.relative(path.join(ROOT, 'src', 'cli'), args.path).split(path.sep).join('/').replace(/\.ts$/, '.js');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own.startsWith('.') ? own : './' + own)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

export async function bundleCli(outfile = path.join(ROOT, 'dist', 'cli', 'flowbook.js')) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    // commander (CommonJS) is bundled in, with a require() for its own requires of Node's modules.
    plugins: [startupOnly, ownUrl],
    // Less to read and compile at every start; names kept, so a stack trace still names functions.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    banner: {
      js: [
        '// Flowbook: generated from src/cli/ by scripts/bundle.mjs (npm run build:ts); edit the sources, not this file.',
        "import { createRequire as __flowbookRequire } from 'node:module';",
        'const require = __flowbookRequire(import.meta.url);',
      ].join('\n'),
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? path.resolve(args[at + 1] ?? '') : undefined;
  const only = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!only || only === 'browser') await bundleBrowser(outdir);
  if (!only || only === 'cli') await bundleCli(outdir && path.join(outdir, 'flowbook.js'));
}
