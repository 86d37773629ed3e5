#!/usr/bin/env node
/**
 * Bundles with esbuild, after tsc, at `npm install` (prepare) and in build:ts, test, test:e2e and bench:
 *  - the browser scripts: each src/browser/<name>.ts -> assets/<name>.js (not committed: .gitignore), a classic script
 *    (an IIFE: module scripts do not load from file://) with the build's own modules bundled in
 *    (the search tokenizer, the index format, the status words);
 *  - the command line's start-up: src/cli/main.ts with every command's registration, the light
 *    modules they import at the top, and commander -> dist/cli/flowbook.cjs, one file instead of
 *    some 35 modules for `flowbook --help` (bin/flowbook.js loads it). A command's heavy code stays
 *    in dist/ as tsc wrote it, imported only inside its action;
 *  - the build command's code (src/build.ts, src/build/site-build.ts and what they use, packages
 *    included) -> dist/bundles/build/, which the start-up bundle imports for `flowbook build`;
 *  - Flowbook's own templates, precompiled -> dist/source/templates-precompiled.cjs.
 * The output is deterministic: no timestamps, no absolute paths, the same bytes on every run.
 * Plain JavaScript, so it runs with nothing but node and esbuild installed.
 * `node scripts/bundle.mjs [browser|cli|build|templates] [--outdir DIR]` bundles one part (into DIR: the tests
 * check that two runs give the same bytes).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
 * Modules the build bundle leaves to dist/ so that they exist once, shared with the modules
 * commands load from dist/: the error classes (thrown there, caught in the bundle). Any module with
 * a class or state that both sides use belongs here. The start-up bundle (CommonJS) imports none
 * of them: it tells Flowbook's errors by their codes (cli/errors.ts).
 */
const SHARED = new Set(['diagnostics/errors.js']);

/** Commands' modules that have a bundle of their own (below), by their path in dist/. */
const BUNDLED = new Map([['build.js', 'bundles/build/build.js']]);

/**
 * Which of src/'s modules a bundle leaves to dist/ (as tsc wrote it), by path: every module
 * imported inside a function (dynamic import: still loaded only when that code runs, from its own
 * bundle when it has one) but `keep`, and `shared`. The rest is bundled in, packages included.
 * `from`: the bundle's folder, relative to dist/.
 */
function leaveToDist(from, { keep = new Set(), shared = new Set() } = {}) {
  const up = (rel) => {
    const r = path.posix.relative(from, rel);
    return r.startsWith('.') ? r : './' + r;
  };
  return {
    name: 'leave-to-dist',
    setup(b) {
      const src = path.join(ROOT, 'src') + path.sep;
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const file = path.resolve(args.resolveDir, args.path);
        if (!file.startsWith(src)) return undefined; // package.json, read at start-up
        const rel = path.relative(src, file).split(path.sep).join('/');
        if (keep.has(rel) || (args.kind !== 'dynamic-import' && !shared.has(rel))) return undefined;
        return { path: up((args.kind === 'dynamic-import' && BUNDLED.get(rel)) || rel), external: true };
      });
    },
  };
}

/**
 * import.meta.url in a bundled module: the URL of the file tsc wrote for it (dist/...), so paths a
 * module finds next to itself (package.json, templates/, a worker's script) stay right in a bundle.
 * `from`: the bundle's folder, relative to dist/; `base`: the bundle's own URL.
 */
function ownUrl(from, base = 'import.meta.url') {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = path.relative(path.join(ROOT, 'src', from), args.path).split(path.sep).join('/').replace(/\.ts$/, '.js');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own.startsWith('.') ? own : './' + own)}, ${base}).href`), loader: 'ts' };
      });
    },
  };
}

/** What every Node bundle shares: Node 20, whitespace and syntax minified, no legal comments. */
const nodeBundle = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: ['node20'],
  // Less to read and compile at every start; names kept, so a stack trace still names functions.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
const GENERATED = '// Flowbook: generated from src/ by scripts/bundle.mjs (npm run build:ts); edit the sources, not this file.';

/**
 * Node's modules that are not in its start-up snapshot and that start-up does not use, each
 * required on first use instead of at the top: commander requires child_process (and with it net)
 * for subcommands run as programs, which Flowbook has none of, and several commands' files import
 * fs/promises for their actions. About 12 ms of `flowbook --help`.
 */
const LAZY_BUILTINS = /^(node:)?(child_process|fs\/promises)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTINS }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' }));
    // An ES module of the builtin's functions, each loading the builtin when first called (an ES
    // module, so that importing it copies no properties, which would load it at once).
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const real = await import(args.path);
      const names = Object.keys(real).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k) && typeof real[k] === 'function').sort();
      return {
        contents: [
          'let m;',
          `const load = () => (m ??= require(${JSON.stringify(args.path)}));`,
          ...names.map((k) => `export function ${k}(...a) { return load().${k}(...a); }`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * The start-up bundle, CommonJS: bin/flowbook.js requires it without starting Node's ES module
 * loader (about 15 ms of `flowbook --help`); a command's code is still an ES module, imported
 * when the command runs. commander (CommonJS) is bundled in.
 */
export async function bundleCli(outfile = path.join(ROOT, 'dist', 'cli', 'flowbook.cjs')) {
  await build({
    ...nodeBundle,
    entryPoints: ['src/cli/main.ts'],
    outfile,
    format: 'cjs',
    plugins: [leaveToDist('cli'), ownUrl('cli', '__flowbookUrl'), lazyBuiltins],
    banner: { js: [GENERATED, "const __flowbookUrl = require('node:url').pathToFileURL(__filename).href;"].join('\n') },
  });
}

/**
 * The build command's code: src/build.ts (what every build loads: read, fingerprint, the
 * nothing-changed answer) and src/build/site-build.ts (loaded only when there is work), with the
 * modules and packages they use, in one folder of ES modules that share chunks. One file to read
 * and compile instead of some 200 modules: a one-document rebuild of a large handbook spends
 * about 250 ms less loading. The worker threads' code stays in dist/.
 */
export async function bundleBuild(outdir = path.join(ROOT, 'dist', 'bundles', 'build')) {
  await rm(outdir, { recursive: true, force: true }); // no chunk of an older bundle left behind
  const from = 'bundles/build';
  await build({
    ...nodeBundle,
    entryPoints: { build: 'src/build.ts', 'site-build': 'src/build/site-build.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [leaveToDist(from, { keep: new Set(['build/site-build.js']), shared: SHARED }), ownUrl(from)],
    // Drawn with a browser only under --renderer mermaid, and imported then.
    external: ['playwright-core'],
    // A require() for the CommonJS packages bundled in (their own requires of Node's modules).
    banner: { js: [GENERATED, "import { createRequire as __flowbookRequire } from 'node:module';", 'const require = __flowbookRequire(import.meta.url);'].join('\n') },
  });
}

/**
 * Flowbook's own page templates (templates/**\/*.hbs), precompiled by Handlebars into one CommonJS
 * file next to the template loader (dist/source/templates-precompiled.cjs), by a hash of each
 * template's text: a build then compiles only the templates a handbook overrides, not ours
 * (compiling is about 90 ms of a one-document rebuild). With the options they were compiled with:
 * the loader uses them only when those are its own.
 */
const TEMPLATE_OPTIONS = { preventIndent: true, knownHelpersOnly: true };
export async function precompileTemplates(outfile = path.join(ROOT, 'dist', 'source', 'templates-precompiled.cjs')) {
  const hb = createRequire(import.meta.url)('handlebars');
  const dir = path.join(ROOT, 'templates');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.hbs')).sort();
  const specs = new Map();
  for (const f of files) {
    const text = await readFile(path.join(dir, f), 'utf8');
    specs.set(createHash('sha1').update(text).digest('base64url'), hb.precompile(text, { ...TEMPLATE_OPTIONS }));
  }
  const entries = [...specs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([h, spec]) => `  ${JSON.stringify(h)}: ${spec},`);
  const text = [
    '// Flowbook: generated from templates/ by scripts/bundle.mjs (npm run build:ts); edit the templates, not this file.',
    '"use strict";',
    `exports.options = ${JSON.stringify(TEMPLATE_OPTIONS)};`,
    'exports.specs = {',
    ...entries,
    '};',
    '',
  ].join('\n');
  await mkdir(path.dirname(outfile), { recursive: true });
  await writeFile(outfile, text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? path.resolve(args[at + 1] ?? '') : undefined;
  const only = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!only || only === 'browser') await bundleBrowser(outdir);
  if (!only || only === 'cli') await bundleCli(outdir && path.join(outdir, 'flowbook.cjs'));
  if (!only || only === 'build') await bundleBuild(outdir && path.join(outdir, 'build'));
  if (!only || only === 'templates') await precompileTemplates(outdir && path.join(outdir, 'templates-precompiled.cjs'));
}
