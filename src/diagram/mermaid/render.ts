/**
 * Mermaid source -> SVG with the official `mermaid` package inside headless Chromium.
 *
 * One browser per call, launched only when some diagram is not in the cache; a pool of pages,
 * each loaded once with Mermaid's modules from node_modules (no CDN, no network) and then
 * reused for many diagrams. Results are cached by content hash, so an unchanged diagram is
 * never drawn twice.
 *
 * A diagram Mermaid cannot draw (it throws, parses nothing, hangs past the time limit, or returns
 * an SVG with no steps or broken coordinates) does not stop the others: it is returned as a
 * failure with its reason. What it leaves behind cannot affect the next diagram: the page's body
 * is emptied before every drawing, and a page still busy (timed out) or lost is replaced.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FlowbookError } from '../../diagnostics/errors.js';
import { findChromium, launchChromium, NO_BROWSER_HELP_WORDS } from '../../util/browser.js';

const require = createRequire(import.meta.url);

/** The Mermaid build that draws the diagrams (the version is part of every cache key). */
export const MERMAID_VERSION: string = (require('mermaid/package.json') as { version: string }).version;
/** The single-file bundle (the site's copy for readers' browsers; the reference in tests). */
export const MERMAID_SCRIPT: string = require.resolve('mermaid/dist/mermaid.min.js');

/**
 * The drawing pages load Mermaid's ES module build (`dist/mermaid.esm.min.mjs` and the chunks it
 * imports, served to the page from node_modules under a made-up origin; every other request is
 * refused): only the swimlane diagram's chunks are evaluated, where the single-file bundle runs
 * the set-up code of every diagram type (~0.5 s per page instead of ~1.4 s here).
 */
export const MERMAID_DIST: string = dirname(require.resolve('mermaid/dist/mermaid.esm.min.mjs'));
const ORIGIN = 'http://flowbook.invalid';

/**
 * One speed fix to the modules as served to the drawing pages (the site's own copy for readers'
 * browsers is not touched). Mermaid's `getConfig()` returns a fresh two-level deep copy of the
 * whole configuration (52 sections, ~750 keys, ~0.2 ms) and the swimlane renderer calls it a few
 * hundred times per diagram: about a fifth of the drawing time. The configuration object is never
 * changed in place (`updateCurrentConfig` always builds a new one and assigns it), so the copy is
 * made once per configuration object and handed out again. Deeper levels were shared before too.
 * Applied where the minified definition is found (`name=s(()=>copy({},current),"getConfig")`);
 * elsewhere the text is served unchanged. test/diagram/mermaid/patch.test.ts checks that exactly
 * one module of the installed Mermaid gets it and that every example diagram comes out
 * byte-identical to the unchanged single-file bundle's.
 */
const GET_CONFIG = /(\w+)=(\w+)\(\(\)=>(\w+)\(\{\},(\$?\w+)\),"getConfig"\)/;

/** A module's text with the getConfig fix, and whether it applied. */
export function patchGetConfig(source: string): { readonly text: string; readonly patched: boolean } {
  const m = GET_CONFIG.exec(source);
  if (!m || GET_CONFIG.test(source.slice(m.index + m[0].length))) return { text: source, patched: false };
  const [whole, name, wrap, copy, current] = m;
  const once = `${name}=${wrap}(()=>(${name}.c&&${name}.c[0]===${current}?${name}.c[1]:(${name}.c=[${current},${copy}({},${current})])[1]),"getConfig")`;
  return { text: source.slice(0, m.index) + once + source.slice(m.index + whole!.length), patched: true };
}

/** Module texts as served to the pages, read once per process (path relative to MERMAID_DIST). */
const modules = new Map<string, Promise<string | undefined>>();
function mermaidModule(rel: string): Promise<string | undefined> {
  let text = modules.get(rel);
  if (!text) {
    const abs = resolve(MERMAID_DIST, rel);
    text =
      abs.startsWith(MERMAID_DIST + sep) && abs.endsWith('.mjs')
        ? readFile(abs, 'utf8').then(
            (t) => patchGetConfig(t).text,
            () => undefined,
          )
        : Promise.resolve(undefined);
    modules.set(rel, text);
  }
  return text;
}

/**
 * `swimlane.ignoreCrossLaneEdges: false` (checked in Mermaid's layoutCore, default true) puts one
 * step per row, strictly top to bottom; the font stack has Chinese glyphs, Mermaid's default has none.
 */
export const MERMAID_CONFIG = Object.freeze({
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  look: 'classic',
  // Mermaid draws some shapes (the stadium) through rough.js even in the classic look; a fixed seed
  // keeps the output byte-identical from build to build.
  handDrawnSeed: 1,
  swimlane: Object.freeze({ ignoreCrossLaneEdges: false }),
  fontFamily: "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif",
});

/** Bump when the post-processing below changes, so cached SVGs made by older code are not reused. */
const OUTPUT_FORMAT = 3;

export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_RENDER_TIMEOUT_MS = 30_000;

export interface MermaidJob {
  readonly code: string;
  readonly source: string;
}

/** Where drawn charts are kept between builds, by `cacheKey` (src/output/svg-cache.ts keeps them on disk). */
export interface SvgCache {
  get(key: string): Promise<string | undefined>;
  /** Keep a drawn chart; a failure stops the build. */
  set(key: string, svg: string): Promise<void>;
  /** Forget every chart but these. */
  keepOnly(keys: ReadonlySet<string>): Promise<void>;
}

export interface MermaidRenderOptions {
  /** Chromium executable (flag or flowbook.yml); else found by `findChromium`. */
  readonly browser?: string;
  /** Cached SVGs; no cache without it. */
  readonly cache?: SvgCache;
  /** After drawing, remove cached SVGs these jobs did not use (a whole-site build). */
  readonly pruneCache?: boolean;
  /** Pages drawing at the same time; default 2. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Why Mermaid gave no picture: it threw, it ran out of time, its SVG was empty or broken, or the browser page was lost. */
export type MermaidFailureKind = 'error' | 'timeout' | 'empty' | 'browser';

/** A diagram Mermaid could not draw (nothing of it is cached: the next build tries again). */
export interface MermaidFailure {
  readonly code: string;
  readonly kind: MermaidFailureKind;
  /** One line for people: what went wrong, without a stack trace. */
  readonly reason: string;
}

export interface MermaidRenderStats {
  /** Diagrams drawn in the browser. */
  renders: number;
  /** Diagrams taken from the cache. */
  cacheHits: number;
}

/**
 * The id of a diagram's `<svg>`, which Mermaid also puts in front of every id inside it and
 * in its CSS selectors, so several diagrams can share a page. Codes may hold `.` and `_`:
 * escape them (injectively) to keep the id a plain CSS identifier.
 */
export function mermaidDiagramId(code: string): string {
  return 'fbm-' + code.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

export function cacheKey(job: MermaidJob): string {
  return createHash('sha256')
    .update([MERMAID_VERSION, JSON.stringify(MERMAID_CONFIG), String(OUTPUT_FORMAT), mermaidDiagramId(job.code), job.source].join('\0'))
    .digest('hex');
}

/**
 * Draws every job (code -> SVG), from the cache where possible. Jobs Mermaid could not draw are
 * left out of `svgs` and listed in `failures` (in job order); only a missing or unstartable
 * browser throws.
 */
export async function renderMermaidSvgs(
  jobs: readonly MermaidJob[],
  options: MermaidRenderOptions = {},
): Promise<{ svgs: Map<string, string>; stats: MermaidRenderStats; failures: MermaidFailure[] }> {
  const svgs = new Map<string, string>();
  const failed = new Map<string, MermaidFailure>();
  const stats: MermaidRenderStats = { renders: 0, cacheHits: 0 };
  const total = jobs.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);
  const inJobOrder = () => ({
    svgs: new Map(jobs.flatMap((j): [string, string][] => (svgs.has(j.code) ? [[j.code, svgs.get(j.code)!]] : []))),
    stats,
    failures: jobs.flatMap((j) => (failed.has(j.code) ? [failed.get(j.code)!] : [])),
  });

  const toDraw: MermaidJob[] = [];
  for (const job of jobs) {
    const cached = await options.cache?.get(cacheKey(job));
    if (cached === undefined) toDraw.push(job);
    else {
      svgs.set(job.code, cached);
      stats.cacheHits++;
      progress();
    }
  }
  if (options.cache && options.pruneCache) await options.cache.keepOnly(new Set(jobs.map(cacheKey)));
  if (toDraw.length === 0) return inJobOrder();
  // Longest sources first: one large chart drawn last would keep one page busy while the other
  // idles (HR-OV-002 takes ~1.3 s, the mean is ~0.2 s). The results are put back in job order.
  toDraw.sort((a, b) => b.source.length - a.source.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const executable = findChromium(options.browser);
  if (!executable) throw new FlowbookError('mermaid-no-browser', { help: NO_BROWSER_HELP_WORDS });
  const browser = await launchChromium(executable).catch((e: unknown) => {
    throw new FlowbookError('mermaid-browser-failed', { executable, reason: oneLine(e) });
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  try {
    const pageCount = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, toDraw.length));
    const pages = await Promise.all(Array.from({ length: pageCount }, () => openMermaidPage(browser)));
    let next = 0;
    let lost = '';
    let stopped = false;
    // Each page draws one diagram at a time (mermaid.render is serial within a page).
    const worker = async (first: Page) => {
      let page: Page | undefined = first;
      while (page && !stopped && next < toDraw.length) {
        const job = toDraw[next++]!;
        const drawn = await drawWithTimeout(page, job, timeoutMs);
        if (typeof drawn === 'string') {
          stats.renders++;
          svgs.set(job.code, drawn);
          if (options.cache)
            await options.cache.set(cacheKey(job), drawn).catch((e: unknown) => {
              stopped = true; // a cache that cannot be written stops the build, as before
              throw e;
            });
        } else {
          failed.set(job.code, drawn);
          // A drawing that timed out is still running in its page, and Mermaid would queue the
          // next one behind it; a page that crashed or closed draws nothing more: open a fresh
          // one. (What a drawing that threw leaves in its page is cleared before the next.)
          if ((drawn.kind === 'timeout' || drawn.kind === 'browser') && next < toDraw.length) {
            const old = page;
            page = undefined;
            await old.close().catch(() => undefined);
            page = await openMermaidPage(browser).catch((e: unknown) => {
              lost ||= oneLine(e);
              return undefined;
            });
          }
        }
        progress();
      }
      await page?.close().catch(() => undefined);
    };
    await Promise.all(pages.map(worker));
    // Left over only when the browser itself was lost (no fresh page could be opened).
    for (const job of toDraw) {
      if (svgs.has(job.code) || failed.has(job.code)) continue;
      failed.set(job.code, { code: job.code, kind: 'browser', reason: `the browser could not open a page to draw it (${lost})` });
      progress();
    }
  } finally {
    await browser.close();
  }
  // Same order as the jobs, whatever order the pages finished in.
  return inJobOrder();
}

/**
 * An error's message on one line, at most 300 characters: no Playwright prefix, no stack. For a
 * message whose first line ends in ':' (Mermaid's "Parse error on line 3:"), its last line too.
 */
function oneLine(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/^page\.evaluate: /, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  let line = lines[0] ?? 'unknown error';
  if (line.trimEnd().endsWith(':') && lines.length > 1) line += ' ' + lines.at(-1)!;
  const clean = line.trim().replace(/\s+/g, ' ');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}

export async function openMermaidPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  // Nothing leaves the machine: the page and Mermaid's modules are answered from node_modules,
  // every other request is refused.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) return route.fulfill({ body: '<!doctype html><meta charset="utf-8"><title>Flowbook</title>', contentType: 'text/html' });
    if (url.startsWith(`${ORIGIN}/`)) {
      const text = await mermaidModule(decodeURIComponent(new URL(url).pathname.slice(1)));
      if (text !== undefined) return route.fulfill({ body: text, contentType: 'text/javascript' });
    }
    return route.abort();
  });
  await page.goto(`${ORIGIN}/`);
  await page.evaluate(`import('/mermaid.esm.min.mjs').then((m) => { window.mermaid = m.default; })`);
  await page.evaluate(`mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)})`);
  return page;
}

/** The SVG, or why there is none. Never throws. */
async function drawWithTimeout(page: Page, job: MermaidJob, timeoutMs: number): Promise<string | MermaidFailure> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<MermaidFailure>((resolve) => {
    timer = setTimeout(() => resolve({ code: job.code, kind: 'timeout', reason: `Mermaid did not finish drawing it within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}` }), timeoutMs);
  });
  try {
    return await Promise.race([draw(page, job), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Marks the page's own "nothing usable came out" errors, told apart from Mermaid's exceptions. */
const EMPTY = 'FLOWBOOK-EMPTY: ';

async function draw(page: Page, job: MermaidJob): Promise<string | MermaidFailure> {
  try {
    // Passed as text: a transpiler's helpers (esbuild's __name) would not exist in the page.
    return await page.evaluate<string>(`(${DRAW_IN_PAGE})(${JSON.stringify({ id: mermaidDiagramId(job.code), source: job.source, empty: EMPTY })})`);
  } catch (e) {
    const message = oneLine(e);
    const at = message.indexOf(EMPTY);
    if (at >= 0) return { code: job.code, kind: 'empty', reason: message.slice(at + EMPTY.length) };
    if (page.isClosed() || /Target (page, context or browser )?(has been )?closed|crashed/i.test(message))
      return { code: job.code, kind: 'browser', reason: `the browser page was lost while drawing it (${message})` };
    return { code: job.code, kind: 'error', reason: `Mermaid failed: ${message}` };
  }
}

/**
 * Runs in the page. Mermaid's SVG string is HTML-flavoured (`<br>` left open, `xlink:href`
 * without its namespace): parse it as HTML and serialise it as XML, so the result is a valid
 * standalone SVG that also works inline in HTML. Mermaid prefixes most ids with the diagram id
 * but not lanes (`lane1`) or edge labels: prefix those too (and what points at them), so
 * several diagrams can share a page. `role="img"` with Mermaid's <title>/<desc> (already
 * referenced by aria-labelledby/-describedby) as its name and description.
 */
const DRAW_IN_PAGE = `async ({ id, source, empty }) => {
  // Mermaid removes its scratch element after a drawing, but not after one that threw.
  document.body.replaceChildren();
  const { svg } = await mermaid.render(id, source);
  const template = document.createElement('template');
  template.innerHTML = svg;
  const root = template.content.querySelector('svg');
  // What Mermaid returns without throwing but nobody could read: no picture, its error picture,
  // no steps, or a layout that came out with coordinates that are not numbers.
  if (!root) throw new Error(empty + 'Mermaid returned no <svg>');
  if (root.getAttribute('aria-roledescription') === 'error') throw new Error(empty + 'Mermaid drew its error picture instead of the chart');
  if (!root.querySelector('g.node')) throw new Error(empty + 'Mermaid drew no steps');
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const name of ['viewBox', 'd', 'x', 'y', 'width', 'height', 'transform', 'points', 'cx', 'cy', 'r', 'x1', 'x2', 'y1', 'y2']) {
      const value = el.getAttribute(name);
      if (value && /NaN|Infinity/.test(value)) throw new Error(empty + 'the layout has coordinates that are not numbers (' + name + '="' + value.slice(0, 40) + '")');
    }
  }
  const renamed = new Map();
  for (const el of root.querySelectorAll('[id]')) {
    const old = el.getAttribute('id');
    // Mermaid's own: the root, <id>-flowchart-s1-0, <id>_flowchart-v2-pointEnd (markers), chart-title-<id>.
    if (old === id || old.startsWith(id + '-') || old.startsWith(id + '_') || old.endsWith('-' + id)) continue;
    renamed.set(old, id + '-' + old);
    el.setAttribute('id', id + '-' + old);
  }
  if (renamed.size > 0) {
    const ref = (value) => value.replace(/url\\(#([^)]+)\\)/g, (m, old) => renamed.has(old) ? 'url(#' + renamed.get(old) + ')' : m);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      for (const attr of [...el.attributes]) {
        let value = attr.value;
        if (/^aria-(labelledby|describedby|controls|owns|flowto)$/.test(attr.name)) value = value.split(/\\s+/).map((t) => renamed.get(t) ?? t).join(' ');
        else if (/href$/.test(attr.name) && value.startsWith('#') && renamed.has(value.slice(1))) value = '#' + renamed.get(value.slice(1));
        else if (value.includes('url(#')) value = ref(value);
        if (value !== attr.value) el.setAttributeNS(attr.namespaceURI, attr.name, value);
      }
    }
  }
  root.setAttribute('role', 'img');
  return new XMLSerializer().serializeToString(root);
}`;

