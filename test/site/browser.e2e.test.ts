/**
 * The built site in a real browser (Debian chromium through playwright-core), over file://:
 * no console errors, no failed requests, diagrams visible, Mermaid blocks drawn, axe finds no
 * serious accessibility problems. Skipped when no Chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { settle } from '../helpers/browser.js';
import { buildInto, FIXTURES, REPO, removeDir, tempDir } from './helpers.js';

const chromium = findChromium();
const hasExample = existsSync(path.join(REPO, 'processes'));
let dir: string;
let browser: Browser;

async function open(site: string, rel: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) problems.push(`left the site: ${r.url()}`);
  });
  await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
  return { page, problems };
}

/** Every axe rule runs; serious and critical violations fail. */
async function axe(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!chromium)('site in a browser', () => {
  beforeAll(async () => {
    dir = await tempDir();
    browser = await launchChromium(chromium!);
    expect((await buildInto(path.join(FIXTURES, 'site-basic'), path.join(dir, 'fixture'))).ok).toBe(true);
    expect((await buildInto(path.join(FIXTURES, 'hostile'), path.join(dir, 'hostile'))).ok).toBe(true);
    if (hasExample) expect((await buildInto(REPO, path.join(dir, 'example'))).ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await removeDir(dir);
  });

  it.skipIf(!hasExample)('example pages load cleanly, with visible diagrams, at desktop and phone widths', async () => {
    const site = path.join(dir, 'example');
    for (const width of [1280, 390])
      for (const rel of ['index.html', 'p/HR-ER-003.html', 'p/HR-RC-009.html', 'map.html', 'roles.html', 'departments.html', 'search.html']) {
        if (!existsSync(path.join(site, rel))) continue;
        const { page, problems } = await open(site, rel, width);
        await settle(page); // errors a script raises after load
        expect(problems, `${rel} @${width}`).toEqual([]);
        if (rel.startsWith('p/') || rel === 'map.html') {
          const box = await page.locator('.fb-diagram-scroll svg').first().boundingBox();
          expect(box!.width, rel).toBeGreaterThan(100);
          expect(box!.height, rel).toBeGreaterThan(100);
        }
        // Nothing is wider than the screen except inside the scrolling diagram boxes and tables.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${rel} @${width} scrolls sideways`).toBeLessThanOrEqual(0);
        await page.close();
      }
  });

  it.skipIf(!hasExample)('axe finds no serious accessibility problems', async () => {
    const site = path.join(dir, 'example');
    for (const rel of ['index.html', 'p/HR-ER-003.html', 'map.html']) {
      const { page } = await open(site, rel);
      expect(await axe(page), rel).toEqual([]);
      await page.close();
    }
  });

  it('draws Markdown Mermaid blocks with the local copy, in strict mode', async () => {
    const { page, problems } = await open(path.join(dir, 'fixture'), 'p/FX-001.html');
    await page.locator('pre.mermaid svg').first().waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasExample)('the process map shows the links of the process pointed at or focused, and fades the others', async () => {
    const { page, problems } = await open(path.join(dir, 'example'), 'map.html');
    const code = 'HR-RC-003';
    const own = await page.locator(`svg.fb-map path[data-from="${code}"], svg.fb-map path[data-to="${code}"]`).count();
    expect(own).toBeGreaterThan(2);
    expect(await page.locator('svg.fb-map-focus').count()).toBe(0);
    await page.hover(`a.fb-map-node[data-code="${code}"]`);
    expect(await page.locator('svg.fb-map-focus').count()).toBe(1);
    expect(await page.locator('path.fb-map-on').count()).toBe(own);
    // Every highlighted arrow has this process at one end; the processes at the other ends are marked.
    const ends = await page.$$eval('path.fb-map-on', (ps) => ps.map((p) => [p.getAttribute('data-from'), p.getAttribute('data-to')]));
    for (const [f, t] of ends) expect(f === code || t === code).toBe(true);
    const others = new Set(ends.flat().filter((c) => c !== code));
    expect(await page.locator('a.fb-map-linked').count()).toBe(others.size + 1);
    // A faded arrow is still there, only lighter.
    expect(await page.locator('.fb-map-links path:not(.fb-map-on)').first().evaluate((p) => getComputedStyle(p).opacity)).toBe('0.12');
    await page.mouse.move(5, 5);
    expect(await page.locator('svg.fb-map-focus').count()).toBe(0);
    // From the keyboard: focusing a box does the same.
    await page.locator(`a.fb-map-node[data-code="${code}"]`).focus();
    expect(await page.locator('path.fb-map-on').count()).toBe(own);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hostile pages run none of the author text', async () => {
    const site = path.join(dir, 'hostile');
    for (const rel of ['index.html', 'p/X-1.html', 'p/X-2.html', 'map.html']) {
      const { page, problems } = await open(site, rel);
      await page.addInitScript(() => {
        (window as unknown as { alerted: boolean }).alerted = false;
      });
      const alerts: string[] = [];
      page.on('dialog', (d) => {
        alerts.push(d.message());
        void d.dismiss();
      });
      await page.reload({ waitUntil: 'load' });
      if (rel === 'p/X-1.html') await page.locator('pre.mermaid svg, pre.mermaid[data-processed]').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      // The map's highlight over hostile codes (`__proto__`, markup) changes nothing but classes.
      if (rel === 'map.html') for (const node of await page.locator('a.fb-map-node').all()) await node.hover();
      await settle(page);
      expect(alerts, rel).toEqual([]);
      expect(problems.filter((p) => p.startsWith('left the site') || p.startsWith('page error')), rel).toEqual([]);
      await page.close();
    }
  });
});
