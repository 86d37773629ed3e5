/**
 * Static files the site ships: Flowbook's assets (site.css, site.js, map.js, the chart viewer
 * viewer.js, the search script and styles when present, fonts), the handbook's own
 * `templates/custom.css`, and Mermaid's browser bundle (only when some page has a Mermaid block).
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
  await add(path.join(DEFAULT_ASSETS_DIR, 'site.css'), 'assets/site.css');
  await add(path.join(DEFAULT_ASSETS_DIR, 'site.js'), 'assets/site.js');
  await add(path.join(DEFAULT_ASSETS_DIR, 'map.js'), 'assets/map.js');
  await add(path.join(DEFAULT_ASSETS_DIR, 'viewer.js'), 'assets/viewer.js');
  await add(path.join(DEFAULT_ASSETS_DIR, 'copy-check.js'), 'assets/copy-check.js');
  await add(path.join(DEFAULT_ASSETS_DIR, 'favicon.svg'), 'assets/favicon.svg');
  const searchJs = await add(path.join(DEFAULT_ASSETS_DIR, 'search.js'), 'assets/search.js');
  const searchCss = await add(path.join(DEFAULT_ASSETS_DIR, 'search.css'), 'assets/search.css');
  const printCss = await add(path.join(DEFAULT_ASSETS_DIR, 'print.css'), 'assets/print.css');
  await add(path.join(DEFAULT_ASSETS_DIR, 'print.js'), 'assets/print.js');
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
  return { files, flags: { customCss, searchCss, searchJs, printCss } };
}

/** Mermaid's browser bundle from the installed package, as `assets/mermaid.min.js`. */
export async function readMermaidBundle(): Promise<OutputFile> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('mermaid/package.json');
  const b = await readFile(path.join(path.dirname(pkg), 'dist', 'mermaid.min.js'));
  return { path: 'assets/mermaid.min.js', content: new Uint8Array(b) };
}
