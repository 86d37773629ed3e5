/** Build a handbook into a temp folder and read pages back as DOM documents. */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(REPO, 'test', 'fixtures');

export async function tempDir(prefix = 'fb-site-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Build `root` into `<tmp>/site` (no cache, no threads unless asked). */
export async function buildInto(root: string, out: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({ root, out, today: '2026-02-01', cache: false, ...options });
}

/** Every file under `dir`, relative with "/", sorted. */
export async function listFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, base), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

const cache = new Map<string, Document>();

/**
 * One window's DOMParser for every page: the same HTML parser and the same tree as
 * `new JSDOM(html)` (scripts are not run either way), without building a window per page, which
 * took about half the time of reading the example handbook's 100 pages.
 */
let parser: DOMParser | undefined;

/** `html` as a DOM document (jsdom's HTML parser). */
export function parseHtml(html: string): Document {
  parser ??= new new JSDOM('').window.DOMParser();
  return parser.parseFromString(html, 'text/html');
}

export async function page(site: string, rel: string): Promise<Document> {
  const file = path.join(site, rel);
  let doc = cache.get(file);
  if (!doc) {
    doc = parseHtml(await readFile(file, 'utf8'));
    cache.set(file, doc);
  }
  return doc;
}

export function clearPageCache(): void {
  cache.clear();
}

export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Every local link on every HTML page: [page, href, resolved site path, fragment].
 * External (scheme) links are returned separately.
 */
export async function allLinks(site: string): Promise<{ local: Array<{ from: string; href: string; target: string; fragment: string }>; external: string[] }> {
  const local: Array<{ from: string; href: string; target: string; fragment: string }> = [];
  const external: string[] = [];
  for (const rel of (await listFiles(site)).filter((f) => f.endsWith('.html'))) {
    const doc = await page(site, rel);
    const refs = [
      ...[...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
      ...[...doc.querySelectorAll('link[href]')].map((a) => a.getAttribute('href')!),
      ...[...doc.querySelectorAll('script[src]')].map((a) => a.getAttribute('src')!),
      ...[...doc.querySelectorAll('form[action]')].map((a) => a.getAttribute('action')!),
      ...[...doc.querySelectorAll('img[src]')].map((a) => a.getAttribute('src')!),
    ];
    for (const href of refs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
        external.push(href);
        continue;
      }
      const [p, fragment = ''] = href.split('#') as [string, string?];
      const target = p === '' ? rel : path.posix.normalize(path.posix.join(path.posix.dirname(rel), decodeURI(p.split('?')[0]!)));
      local.push({ from: rel, href, target, fragment });
    }
  }
  return { local, external };
}
