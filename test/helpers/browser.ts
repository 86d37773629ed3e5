/**
 * Shared pieces for the browser proofs (test/proof): one Chromium per test file, the example
 * handbook built into a temp folder, a tiny static HTTP server, pages that record every problem
 * (console errors, page errors, failed or 4xx requests, requests that leave the site, dialogs),
 * and axe-core injected from node_modules.
 *
 * Use: `describe.skipIf(!CHROMIUM)(...)`, `browser = await launch()` in beforeAll.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { REPO } from './cli.js';

export const CHROMIUM = findChromium();
export const TODAY = '2026-11-27';

export function launch(): Promise<Browser> {
  return launchChromium(CHROMIUM!);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Copy the example handbook (processes/ + flowbook.yml) into `<tmp>/handbook`. */
export function copyExample(tmp: string): string {
  const root = path.join(tmp, 'handbook');
  cpSync(path.join(REPO, 'processes'), path.join(root, 'processes'), { recursive: true });
  cpSync(path.join(REPO, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
  return root;
}

export interface BuiltSite {
  readonly tmp: string;
  readonly root: string;
  readonly site: string;
  readonly result: BuildResult;
}

/** The example handbook built once into a temp folder, the way the brief's users build it. */
export async function buildExample(prefix = 'fb-proof-', options: Partial<BuildOptions> = {}): Promise<BuiltSite> {
  const tmp = tempDir(prefix);
  const root = copyExample(tmp);
  const site = path.join(tmp, 'site');
  const result = await build({ root, out: site, today: TODAY, force: true, cache: false, ...options });
  if (!result.ok) throw new Error(`example build failed: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  return { tmp, root, site, result };
}

/** Every file under `dir`, relative with "/", sorted. */
export function listFiles(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, base)).sort()) {
    const rel = base ? `${base}/${name}` : name;
    if (statSync(path.join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.mmd': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** A static server for `dir` on 127.0.0.1 (no directory listing, no paths outside `dir`). */
export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void>; misses: string[] }> {
  const root = path.resolve(dir);
  const misses: string[] = [];
  const server = createServer((req, res) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(root, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      misses.push(req.url ?? '');
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Paths the server answered 404 (e.g. a browser's own /favicon.ico request). */
    misses,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const fileUrl = (site: string) => pathToFileURL(site).href + '/';

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and warnings, page errors, failed / 4xx requests, requests off the site. Emptied by `goto`. */
  readonly problems: string[];
  /** Dialogs (alert, confirm, prompt, beforeunload) opened since the last `goto`; each is dismissed. */
  readonly dialogs: string[];
  /** Load another page of the site in this tab (cheaper than a new page); clears problems and dialogs. */
  goto(rel: string, waitUntil?: 'load' | 'networkidle'): Promise<void>;
}

/**
 * A new tab that records every problem. `base` is the site's URL (file:// or http://); any
 * request outside it (other than data: for inline images) is a problem.
 */
export async function openPage(browser: Browser, base: string, rel: string, o: { width?: number; height?: number; waitUntil?: 'load' | 'networkidle' } = {}): Promise<OpenedPage> {
  const problems: string[] = [];
  const dialogs: string[] = [];
  const page = await browser.newPage({ viewport: { width: o.width ?? 1280, height: o.height ?? 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}${m.location().url ? ` at ${m.location().url}` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation away (e.g. following a link) aborts the old page's pending requests: not a fault.
    // A navigation cancels what is still loading (a page's own next link, a low-priority icon): not a failure.
    const cancelled = r.failure()?.errorText === 'net::ERR_ABORTED' && (r.resourceType() === 'document' || r.url().endsWith('/assets/favicon.svg'));
    if (!cancelled) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? ''})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('about:')) problems.push(`left the site: ${u}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  const goto = async (r: string, waitUntil: 'load' | 'networkidle' = o.waitUntil ?? 'load') => {
    problems.length = 0;
    dialogs.length = 0;
    await page.goto(base + r, { waitUntil });
  };
  await goto(rel);
  return { page, problems, dialogs, goto };
}

/**
 * Wait until the page has run what it queued: web fonts loaded, two animation frames drawn, then
 * an idle period (no task pending). Errors a script raises after load, or the effect of a click,
 * have happened by then; use it instead of a fixed sleep. (Console events reach Playwright before
 * this evaluation's answer: they travel on the same connection.)
 */
export async function settle(page: Page): Promise<void> {
  const idle = () =>
    page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      await new Promise<void>((r) => requestIdleCallback(() => r(), { timeout: 5_000 }));
    });
  // A page that navigates meanwhile: settle the page it went to.
  await idle().catch(async () => {
    await page.waitForLoadState('load');
    await idle();
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeReport {
  /** Serious and critical violations, one line each (rule, impact, help, first targets). */
  readonly serious: string[];
  /** Ids of the rules axe ran (passes + violations + incomplete + inapplicable). */
  readonly rules: string[];
}

/**
 * Run every axe rule (none disabled; color-contrast included) on the whole document.
 * Returns the serious and critical violations and the list of rules that ran.
 */
export async function runAxe(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined'))) await page.addScriptTag({ content: AXE_SOURCE });
  const r = (await page.evaluate(`axe.run(document)`)) as Record<'violations' | 'passes' | 'incomplete' | 'inapplicable', Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>>;
  const serious = r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 4).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`).join(' | ')}`);
  const rules = [...new Set([...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map((x) => x.id))].sort();
  return { serious, rules };
}
