/**
 * Proof, in Chromium: the security fixture's site (test/fixtures/security, payloads in every field;
 * the static checks are in security.test.ts) runs none of them. No dialog opens and
 * window.__pwned stays undefined (all frames) after load, after hovering, focusing and clicking
 * every element and diagram node, after Mermaid draws the body diagrams (strict mode kept), and
 * after searching (dropdown, Enter, results page, payload queries).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from '../../src/build.js';
import { REPO } from '../helpers/cli.js';
import { CHROMIUM, fileUrl, launch, listFiles, openPage, removeDir, settle, tempDir, TODAY } from '../helpers/browser.js';

const FIXTURE = path.join(REPO, 'test/fixtures/security');

describe.skipIf(!CHROMIUM)('the security fixture handbook in Chromium', () => {
  let tmp: string;
  let site: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    tmp = tempDir('fb-proof-sec-');
    site = path.join(tmp, 'site');
    const [r, b] = await Promise.all([build({ root: FIXTURE, out: site, today: TODAY, force: true, cache: false, threads: 0 }), launch()]);
    browser = b;
    expect(r.ok, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    removeDir(tmp);
  });

  async function pwned(page: Page): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const frame of page.frames()) out.push(await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined));
    return out.filter((x) => x !== undefined);
  }

  /**
   * Hover, focus and click everything matching `selector`: in-page events on every element (a
   * click only where it does not follow a link), and real mouse moves over each one's centre.
   */
  async function poke(page: Page, selector: string): Promise<number> {
    const centres = await page.evaluate((selector) => {
      const out: Array<[number, number]> = [];
      for (const el of document.querySelectorAll(selector)) {
        for (const type of ['mouseenter', 'mouseover', 'mousemove', 'mousedown', 'mouseup', 'focus', 'focusin', 'dblclick', 'contextmenu'])
          el.dispatchEvent(new MouseEvent(type, { bubbles: type !== 'mouseenter' && type !== 'focus', cancelable: true }));
        if (!el.closest('a[href], [data-href]')) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push([r.left + r.width / 2, r.top + r.height / 2]);
      }
      return out;
    }, selector);
    for (const [x, y] of centres.slice(0, 200)) if (x >= 0 && y >= 0 && x < 1280 && y < 900) await page.mouse.move(x, y);
    return centres.length;
  }

  /** Real clicks on the diagram nodes that are not links (links are followed in their own test). */
  async function clickNodes(page: Page, selector: string): Promise<void> {
    for (const el of await page.locator(selector).all()) {
      if (await el.evaluate((e) => !!e.closest('a[href]'))) continue;
      await el.scrollIntoViewIfNeeded({ timeout: 1000 }).catch(() => undefined);
      await el.click({ force: true, timeout: 1000, noWaitAfter: true }).catch(() => undefined);
    }
  }

  // About 12 s alone; it drives every element of every page, so give it room when the suite loads both cores.
  it('no script runs and no dialog opens: after load, hovering and clicking diagram nodes, on every page', { timeout: 180_000 }, async () => {
    const base = fileUrl(site);
    const tab = await openPage(browser!, base, 'index.html');
    const failures: string[] = [];
    let poked = 0;
    for (const rel of listFiles(site).filter((f) => f.endsWith('.html'))) {
      await tab.goto(rel);
      if (rel === 'p/SEC-1.html') await tab.page.waitForSelector('pre.mermaid[data-processed="true"]', { timeout: 20_000 }).catch(() => undefined);
      poked += await poke(tab.page, '.fb-diagram-scroll svg *, svg.fb-map *, pre.mermaid svg *, main *');
      await clickNodes(tab.page, '.fb-diagram-scroll > svg .fb-node, pre.mermaid svg .node');
      await settle(tab.page);
      const p = await pwned(tab.page);
      if (p.length) failures.push(`${rel}: __pwned = ${JSON.stringify(p)}`);
      if (tab.dialogs.length) failures.push(`${rel}: dialogs ${JSON.stringify(tab.dialogs)}`);
      const bad = tab.problems.filter((x) => /left the site|javascript:|vbscript:/i.test(x));
      if (bad.length) failures.push(`${rel}: ${bad.join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(poked).toBeGreaterThan(30);
    await tab.page.close();
  });

  it('Mermaid draws the body diagrams in strict mode despite %%{init: securityLevel: loose}%%: no script, no link, clicks do nothing', async () => {
    const { page, dialogs, problems } = await openPage(browser!, fileUrl(site), 'p/SEC-1.html');
    await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((p) => p.getAttribute('data-processed') === 'true'), undefined, { timeout: 20_000 });
    const drawn = await page.locator('pre.mermaid svg').count();
    expect(drawn).toBe(2);
    const inDiagrams = await page.evaluate(() =>
      [...document.querySelectorAll('pre.mermaid')].flatMap((pre) => [
        ...[...pre.querySelectorAll('script, iframe, object, embed, x-pwn')].map((e) => `<${e.tagName}>`),
        ...[...pre.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((a) => /^on/i.test(a)).map((a) => `${e.tagName} ${a}`)),
        ...[...pre.querySelectorAll('a')].map((a) => `link ${a.getAttribute('href') ?? a.getAttribute('xlink:href')}`).filter((x) => /javascript|data:/i.test(x)),
      ]),
    );
    expect(inDiagrams).toEqual([]);
    // Real mouse clicks on every Mermaid node and label.
    await clickNodes(page, 'pre.mermaid svg .node, pre.mermaid svg .edgeLabel');
    await poke(page, 'pre.mermaid svg *');
    await settle(page);
    expect(await pwned(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(problems.filter((p) => /left the site|page error/.test(p))).toEqual([]);
    await page.close();
  });

  it('searching the payload text shows it as text and runs nothing (dropdown, Enter, results page)', async () => {
    const { page, dialogs } = await openPage(browser!, fileUrl(site), 'index.html');
    await page.click('#fb-q');
    await page.keyboard.type('请假');
    await page.waitForSelector('#fb-search-list:not([hidden]) [role=option]', { timeout: 10_000 });
    expect(await page.$$('#fb-search-list img, #fb-search-list script, #fb-search-list x-pwn, #fb-search-list iframe')).toHaveLength(0);
    await poke(page, '#fb-search-list *');
    expect(await pwned(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/p\/SEC-\d\.html/);
    await page.waitForLoadState('load');
    expect(await pwned(page)).toEqual([]);
    await page.goto(`${fileUrl(site)}search.html?q=${encodeURIComponent('请假')}`);
    await page.waitForSelector('.fb-result', { timeout: 10_000 });
    expect(await page.$$('#fb-search-page img, #fb-search-page script, #fb-search-page x-pwn')).toHaveLength(0);
    await poke(page, '#fb-search-page *');
    for (const q of ['<script>', 'onmouseover', 'javascript', '{{', 'x-pwn']) {
      await page.goto(`${fileUrl(site)}search.html?q=${encodeURIComponent(q)}`);
      await page.waitForSelector('.fb-summary', { timeout: 10_000 });
      await poke(page, '#fb-search-page *');
      expect(await pwned(page), q).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
