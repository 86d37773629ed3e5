/**
 * Static files the site ships: Flowbook's assets (styles, favicon and fonts from assets/; the
 * browser scripts site.js, map.js, viewer.js, copy-check.js, print.js and search.js, bundled from
 * src/browser/ into assets/ at install), the handbook's own `templates/custom.css`, and
 * Mermaid's browser bundle (only when some page has a Mermaid block).
 * Reads files; writes nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputFile } from '../output/types.js';
import type { SiteAssets } from './pages/common.js';
import { readCustomCss } from '../source/templates.js';

export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));
/**
 * The browser scripts (site.js, map.js, viewer.js, copy-check.js, search.js, print.js): bundled from
 * src/browser/ into assets/ by scripts/bundle.mjs at install, next to the static files, not committed.
 */
export const BROWSER_SCRIPTS_DIR = DEFAULT_ASSETS_DIR;

/** A browser script; missing only when Flowbook was not built, which the message says how to fix. */
async function readScript(name: string): Promise<Buffer> {
  const b = await maybeRead(path.join(BROWSER_SCRIPTS_DIR, name));
  if (b) return b;
  throw new Error(`Flowbook's browser script ${name} is missing from ${BROWSER_SCRIPTS_DIR}: run "npm install" (or "npm run build:ts") in the flowbook folder first.`);
}

async function maybeRead(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export interface AssetSet {
  readonly files: OutputFile[];
  readonly flags: SiteAssets;
}

/** Flowbook's assets plus the handbook's custom.css (from `<handbook>/templates/custom.css`). */
export async function readAssets(handbookRoot: string): Promise<AssetSet> {
  const files: OutputFile[] = [];
  const add = async (src: string, dest: string) => {
    const b = await maybeRead(src);
    if (b) files.push({ path: dest, content: new Uint8Array(b) });
    return b !== undefined;
  };
  const script = async (name: string) => void files.push({ path: `assets/${name}`, content: new Uint8Array(await readScript(name)) });
  await add(path.join(DEFAULT_ASSETS_DIR, 'site.css'), 'assets/site.css');
  await script('site.js');
  await script('map.js');
  await script('viewer.js');
  await script('copy-check.js');
  await add(path.join(DEFAULT_ASSETS_DIR, 'favicon.svg'), 'assets/favicon.svg');
  await script('search.js');
  const searchCss = await add(path.join(DEFAULT_ASSETS_DIR, 'search.css'), 'assets/search.css');
  const printCss = await add(path.join(DEFAULT_ASSETS_DIR, 'print.css'), 'assets/print.css');
  await script('print.js');
  // The handbook's own file, read by the reader's rules: a regular file, no symbolic link on the way.
  const custom = readCustomCss(handbookRoot);
  if (custom) files.push({ path: 'assets/custom.css', content: new Uint8Array(custom) });
  const customCss = custom !== undefined;
  let fonts: string[] = [];
  try {
    fonts = (await readdir(path.join(DEFAULT_ASSETS_DIR, 'fonts'))).sort();
  } catch {
    fonts = [];
  }
  for (const f of fonts) if (!f.startsWith('.')) await add(path.join(DEFAULT_ASSETS_DIR, 'fonts', f), `assets/fonts/${f}`);
  return { files, flags: { customCss, searchCss, searchJs: true, printCss } };
}

/** Mermaid's browser bundle from the installed package, as `assets/mermaid.min.js`. */
export async function readMermaidBundle(): Promise<OutputFile> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('mermaid/package.json');
  const b = await readFile(path.join(path.dirname(pkg), 'dist', 'mermaid.min.js'));
  return { path: 'assets/mermaid.min.js', content: new Uint8Array(b) };
}
