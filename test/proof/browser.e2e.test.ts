/**
 * Proof: the example handbook's built site works in a real browser (Debian chromium through
 * playwright-core), over file:// and over a local HTTP server.
 *  - every page loads with no console error or warning, no page error, no failed or 4xx request,
 *    and no request leaving the site (both transports);
 *  - a crawl from index.html reaches every page; every internal href/src (a, link, script, img,
 *    SVG a, form action) resolves, and every #fragment names an element on its target page;
 *  - swimlane diagrams are visible (non-zero box) and every node is on screen or inside a
 *    scrolling container, at desktop and phone widths;
 *  - search from the header box works end to end;
 *  - the print view paginates and hides the navigation.
 * One build and one browser for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildExample, CHROMIUM, fileUrl, launch, listFiles, openPage, removeDir, serveStatic, settle, type BuiltSite } from '../helpers/browser.js';

let built: BuiltSite;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
let htmlPages: string[];

/** Sizes of the crawl, for the report in docs/testing.md. */
const stats = { pagesFile: 0, pagesHttp: 0, links: 0, fragments: 0, resources: 0 };

interface PageLinks {
  readonly ids: string[];
  readonly refs: Array<{ attr: string; value: string; resolved: string }>;
}

/** Every id on the page and every reference it makes, resolved against the page URL. */
function collect(page: Page): Promise<PageLinks> {
  return page.evaluate(() => {
    const refs: Array<{ attr: string; value: string; resolved: string }> = [];
    const add = (attr: string, value: string | null) => {
      if (value === null) return;
      refs.push({ attr, value, resolved: new URL(value, document.baseURI).href });
    };
    for (const el of document.querySelectorAll('[href], [src], form[action], [*|href]')) {
      add(`${el.tagName.toLowerCase()}[href]`, el.getAttribute('href'));
      add(`${el.tagName.toLowerCase()}[src]`, el.getAttribute('src'));
      add(`${el.tagName.toLowerCase()}[action]`, el.getAttribute('action'));
      add(`${el.tagName.toLowerCase()}[xlink:href]`, el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
    }
    return { ids: [...document.querySelectorAll('[id]')].map((e) => e.id), refs };
  });
}

/**
 * Crawl from index.html over `base`: load every page reached, record its problems, collect its
 * links. Returns the pages reached (site-relative), their ids and links, and the problems.
 */
async function crawl(base: string): Promise<{ reached: Set<string>; links: Map<string, PageLinks>; problems: string[] }> {
  const reached = new Set<string>();
  const links = new Map<string, PageLinks>();
  const problems: string[] = [];
  const queue = ['index.html'];
  // Two tabs (two cores), each loading one page after another.
  const tabs = await Promise.all([0, 1].map(() => openPage(browser, base, 'index.html')));
  const visit = async (tab: (typeof tabs)[number], rel: string) => {
    await tab.goto(rel);
    const l = await collect(tab.page);
    problems.push(...tab.problems.map((x) => `${rel}: ${x}`), ...tab.dialogs.map((x) => `${rel}: dialog ${x}`));
    links.set(rel, l);
    for (const r of l.refs) {
      if (!r.resolved.startsWith(base)) continue;
      const target = decodeURIComponent(r.resolved.slice(base.length).replace(/[?#].*$/, ''));
      if (target.endsWith('.html') && !reached.has(target) && !queue.includes(target)) queue.push(target);
    }
  };
  while (queue.length) {
    const batch = queue.splice(0, 2).filter((r) => !reached.has(r));
    for (const r of batch) reached.add(r);
    await Promise.all(batch.map((r, i) => visit(tabs[i]!, r)));
  }
  // Late errors (after load) on the last pages.
  await Promise.all(tabs.map((t) => settle(t.page)));
  problems.push(...tabs.flatMap((t) => t.problems));
  await Promise.all(tabs.map((t) => t.page.close()));
  return { reached, links, problems };
}

describe.skipIf(!CHROMIUM)('the example site in Chromium', () => {
  beforeAll(async () => {
    [built, browser] = await Promise.all([buildExample('fb-proof-browser-'), launch()]);
    server = await serveStatic(built.site);
    htmlPages = listFiles(built.site).filter((f) => f.endsWith('.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeDir(built?.tmp);
  });

  it('over http://127.0.0.1: the crawl reaches every page; every page is clean; every link, resource and #fragment resolves', async () => {
    const base = server.url;
    const { reached, links, problems } = await crawl(base);
    expect(server.misses).toEqual([]);
    expect(problems).toEqual([]);
    expect([...reached].sort()).toEqual(htmlPages);
    stats.pagesHttp = reached.size;

    const files = new Set(listFiles(built.site));
    const broken: string[] = [];
    for (const [from, l] of links) {
      for (const r of l.refs) {
        if (!r.resolved.startsWith(base)) {
          broken.push(`${from}: ${r.attr}="${r.value}" leaves the site`);
          continue;
        }
        stats.links++;
        const [, target = '', fragment = ''] = /^([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/.exec(r.resolved.slice(base.length))!;
        const rel = decodeURIComponent(target);
        if (!files.has(rel)) {
          broken.push(`${from}: ${r.attr}="${r.value}" -> ${rel} (no such file)`);
          continue;
        }
        if (fragment) {
          stats.fragments++;
          const ids = links.get(rel)?.ids;
          if (!ids) broken.push(`${from}: ${r.attr}="${r.value}" -> fragment on a non-page`);
          else if (!ids.includes(decodeURIComponent(fragment))) broken.push(`${from}: ${r.attr}="${r.value}" -> no #${decodeURIComponent(fragment)} on ${rel}`);
        }
      }
    }
    expect(broken).toEqual([]);
    // Every linked non-page resource is served (the browser fetched the ones it needed; fetch the rest).
    const resources = new Set([...links.values()].flatMap((l) => l.refs.map((r) => r.resolved.replace(/[?#].*$/, ''))).filter((u) => u.startsWith(base) && !u.endsWith('.html')));
    for (const u of resources) {
      const res = await fetch(u);
      expect(res.status, u).toBe(200);
      stats.resources++;
    }
    expect(stats.links).toBeGreaterThan(1000);
    expect(stats.fragments).toBeGreaterThan(100);
  });

  // Without a declared icon, Chromium requests /favicon.ico from the server root (outside the site
  // when it is published under a sub-path) and logs a 404.
  it('every page declares an icon, so browsers do not request /favicon.ico (a 404 in the console over http)', () => {
    const missing = htmlPages.filter((p) => !/<link[^>]+rel="(?:shortcut )?icon"/.test(readFileSync(path.join(built.site, p), 'utf8')));
    expect(missing).toEqual([]);
  });

  it('over file://: every page is clean (no console errors, failed requests, or requests off the site)', async () => {
    const base = fileUrl(built.site);
    const { reached, problems } = await crawl(base);
    expect(problems).toEqual([]);
    expect([...reached].sort()).toEqual(htmlPages);
    stats.pagesFile = reached.size;
  });

  it('diagrams are visible and every node is on screen or in a scroll container, at 1280 and 390 px', async () => {
    const base = fileUrl(built.site);
    const pages = [...htmlPages.filter((p) => p.startsWith('p/')), 'map.html'];
    const failures: string[] = [];
    for (const width of [1280, 390]) {
      const tab = await openPage(browser, base, 'index.html', { width });
      const page = tab.page;
      for (const rel of width === 1280 ? pages : pages.filter((_, i) => i % 3 === 0).concat('map.html')) {
        await tab.goto(rel);
        const r = await page.evaluate(() => {
          const svg = document.querySelector('.fb-diagram-scroll svg, svg.fb-map');
          if (!svg) return { error: 'no diagram' };
          const box = svg.getBoundingClientRect();
          const style = getComputedStyle(svg);
          const vw = document.documentElement.clientWidth;
          const off: string[] = [];
          const nodes = svg.querySelectorAll('.fb-node, a');
          for (const n of nodes) {
            const b = n.getBoundingClientRect();
            if (b.width === 0 || b.height === 0) {
              off.push(`${n.getAttribute('class') ?? n.tagName} has an empty box`);
              continue;
            }
            if (b.left >= 0 && b.right <= vw + 0.5) continue;
            // Else it must be inside an ancestor that scrolls sideways and is itself on screen.
            let el: Element | null = n.parentElement;
            let ok = false;
            while (el && el !== document.body) {
              const s = getComputedStyle(el);
              if (el instanceof HTMLElement && (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth) {
                const c = el.getBoundingClientRect();
                ok = c.left >= -0.5 && c.right <= vw + 0.5 && b.left >= c.left - el.scrollLeft - 0.5 && b.right <= c.left - el.scrollLeft + el.scrollWidth + 0.5;
                break;
              }
              el = el.parentElement;
            }
            if (!ok) off.push(`${n.getAttribute('class') ?? n.tagName} at ${Math.round(b.left)}..${Math.round(b.right)} (viewport ${vw})`);
          }
          return { width: box.width, height: box.height, visible: style.visibility !== 'hidden' && style.display !== 'none', nodes: nodes.length, off: off.slice(0, 5) };
        });
        if ('error' in r) failures.push(`${rel} @${width}: ${r.error}`);
        else if (!(r.width! > 100 && r.height! > 100 && r.visible && r.nodes! > 0) || r.off!.length) failures.push(`${rel} @${width}: ${JSON.stringify(r)}`);
      }
      await page.close();
    }
    expect(failures).toEqual([]);
  });

  it('search: typing 请假 into the header box offers a result, Enter opens it (file:// and http)', async () => {
    for (const base of [fileUrl(built.site), server.url]) {
      const { page, problems, dialogs } = await openPage(browser, base, 'p/HR-ER-003.html');
      await page.click('#fb-q');
      await page.keyboard.type('请假');
      await page.waitForSelector('#fb-search-list:not([hidden]) [role=option]', { timeout: 10_000 });
      const first = await page.getAttribute('#fb-search-list [role=option]', 'data-href');
      expect(first, base).toMatch(/\/p\/[^/]+\.html/);
      expect(await page.textContent('#fb-search-list [role=option] .fb-name')).toContain('请假');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.href === first, { timeout: 10_000 });
      await page.waitForLoadState('load');
      expect(await page.textContent('h1')).toContain('请假');
      expect(problems, base).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  it('print: a long process page prints on more than one page; print media hides the header, navigation and search', async () => {
    const rel = htmlPages
      .filter((p) => p.startsWith('p/'))
      .map((p) => [p, (readFileSync(path.join(built.site, p), 'utf8').match(/id="step-\d+"/g) ?? []).length] as const)
      .sort((a, b) => b[1] - a[1])[0]![0];
    const { page, problems } = await openPage(browser, fileUrl(built.site), rel);
    const visible = (sel: string) =>
      page.evaluate((sel) => [...document.querySelectorAll(sel)].some((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      }), sel);
    for (const sel of ['.fb-nav', 'form.fb-search', '.fb-header']) expect(await visible(sel), `screen ${sel}`).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.fb-nav', 'form.fb-search', '.fb-header', '.fb-skip', '.fb-footer']) expect(await visible(sel), `print ${sel}`).toBe(false);
    expect(await visible('main h1')).toBe(true);
    expect(await visible('table#steps')).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    let count = pages;
    if (existsSync('/usr/bin/pdfinfo')) {
      const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
      count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    }
    expect(count, `${rel} printed`).toBeGreaterThan(1);
    expect(problems).toEqual([]);
    await page.close();
    console.info(`[proof/browser] crawl: ${stats.pagesHttp} pages over http, ${stats.pagesFile} over file://, ${stats.links} links (${stats.fragments} with fragments), ${stats.resources} resources; ${rel} printed on ${count} PDF pages`);
  });
});
