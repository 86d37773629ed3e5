/**
 * The process map in Chromium (file://): every category fits a 1280 px window, the category
 * filter (buttons with aria-pressed, mouse and keyboard) hides the other categories and the links
 * to them and crops the map, "actual size" shows it at 100%, and without scripts everything is
 * shown; for the example handbook and a generated one of 300 processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeGeneratedHandbook } from '../../bench/generate.js';
import { CHROMIUM, buildExample, fileUrl, launch, openPage, removeDir, tempDir, TODAY } from '../helpers/browser.js';
import { build } from '../../src/build.js';

let browser: Browser;
let tmp: string;
let example: string;
let big: string;

interface State {
  nodes: number;
  visible: number;
  links: number;
  visibleLinks: number;
  badLinks: number;
  pressed: string[];
  svgW: number;
  svgH: number;
  viewBox: string;
  scrollW: number;
  innerW: number;
  panelsOff: number;
}

function state(page: Page): Promise<State> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.fb-map')!;
    const shown = (e: Element) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
    const nodes = [...svg.querySelectorAll('a.fb-map-node')];
    const vis = new Set(nodes.filter(shown).map((n) => n.getAttribute('data-code')));
    const links = [...svg.querySelectorAll('.fb-map-links path')];
    const visibleLinks = links.filter(shown);
    const box = svg.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    return {
      nodes: nodes.length,
      visible: vis.size,
      links: links.length,
      visibleLinks: visibleLinks.length,
      // A link shown with an end hidden would dangle.
      badLinks: visibleLinks.filter((p) => !vis.has(p.getAttribute('data-from')) || !vis.has(p.getAttribute('data-to'))).length,
      pressed: [...document.querySelectorAll('.fb-map-tools button[aria-pressed="true"]')].map((b) => b.getAttribute('data-cat') ?? (b.classList.contains('fb-map-all') ? 'all' : 'zoom')),
      svgW: box.width,
      svgH: box.height,
      viewBox: svg.getAttribute('viewBox') ?? '',
      scrollW: document.documentElement.scrollWidth,
      innerW: vw,
      panelsOff: [...svg.querySelectorAll('.fb-map-panel')].filter((p) => shown(p) && (p.getBoundingClientRect().left < 0 || p.getBoundingClientRect().right > vw)).length,
    };
  });
}

describe.skipIf(!CHROMIUM)('process map in a browser', () => {
  beforeAll(async () => {
    browser = await launch();
    const built = await buildExample('fb-map-');
    tmp = built.tmp;
    example = built.site;
    const root = await writeGeneratedHandbook(path.join(tmp, 'gen300'), 300);
    big = path.join(tmp, 'site300');
    const r = await build({ root, out: big, today: TODAY, force: true, cache: false });
    expect(r.ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    removeDir(tmp);
  });

  for (const which of ['example', '300'] as const) {
    it(`${which}: at 1280 px every category is on screen, fitted to the width; "actual size" shows 100%`, async () => {
      const site = which === 'example' ? example : big;
      const tab = await openPage(browser, fileUrl(site), 'map.html', { width: 1280 });
      const { page } = tab;
      const s = await state(page);
      expect(s.scrollW).toBeLessThanOrEqual(s.innerW);
      expect(s.panelsOff).toBe(0);
      expect(s.visible).toBe(s.nodes);
      expect(s.visibleLinks).toBe(s.links);
      const natural = Number((await page.locator('svg.fb-map').getAttribute('width'))!);
      expect(s.svgW).toBeLessThanOrEqual(1120);
      // Readable: the example at 90% or more, 300 processes at half size or more.
      expect(s.svgW / natural).toBeGreaterThanOrEqual(which === 'example' ? 0.9 : 0.5);
      const zoom = page.locator('button.fb-map-zoom');
      expect(await zoom.getAttribute('aria-pressed')).toBe('false');
      await zoom.click();
      expect(await zoom.getAttribute('aria-pressed')).toBe('true');
      expect((await state(page)).svgW).toBeCloseTo(natural, 0);
      // The page itself still does not scroll sideways: the map's box does.
      expect((await state(page)).scrollW).toBeLessThanOrEqual(s.innerW);
      await zoom.click();
      expect((await state(page)).svgW).toBeCloseTo(s.svgW, 0);
      expect(tab.problems).toEqual([]);
      await page.close();
    });

    it(`${which}: the category filter shows one category, then toggles, and "all" restores the map`, async () => {
      const site = which === 'example' ? example : big;
      const tab = await openPage(browser, fileUrl(site), 'map.html', { width: 1280 });
      const { page } = tab;
      const before = await state(page);
      const buttons = page.locator('.fb-map-filter button[data-cat]');
      const cats = await buttons.count();
      expect(cats).toBeGreaterThan(3);
      expect(before.pressed).toEqual(['all', ...Array.from({ length: cats }, (_, i) => String(i))]);
      // With all shown, a category's button shows only that category.
      const second = buttons.nth(1);
      const count = Number(await second.locator('.fb-map-count').textContent());
      await second.click();
      let s = await state(page);
      expect(s.pressed).toEqual(['1']);
      expect(s.visible).toBe(count);
      expect(s.badLinks).toBe(0);
      expect(s.visibleLinks).toBeLessThan(s.links);
      expect(s.viewBox).not.toBe(before.viewBox);
      expect(s.svgH).toBeLessThan(before.svgH);
      expect(await page.locator('.fb-map-status').textContent()).toContain(String(count));
      const hidden = page.locator('a.fb-map-node[data-cat="0"]').first();
      expect(await hidden.isVisible()).toBe(false);
      // Keyboard: Tab to the first category's button and press Space: it is added.
      await buttons.nth(0).focus();
      await page.keyboard.press('Space');
      s = await state(page);
      expect(s.pressed).toEqual(['0', '1']);
      expect(s.badLinks).toBe(0);
      expect(await hidden.isVisible()).toBe(true);
      // Hover highlight still works on what is shown.
      const code = (await hidden.getAttribute('data-code'))!;
      await hidden.hover();
      expect(await page.locator('svg.fb-map-focus').count()).toBe(1);
      // Enter on "all" restores every box, link and the full drawing.
      await page.locator('button.fb-map-all').focus();
      await page.keyboard.press('Enter');
      s = await state(page);
      expect(s.visible).toBe(s.nodes);
      expect(s.visibleLinks).toBe(s.links);
      expect(s.viewBox).toBe(before.viewBox);
      expect(s.pressed.length).toBe(cats + 1);
      // Turning every category off shows all again rather than an empty map.
      await buttons.nth(2).click();
      await buttons.nth(2).click();
      expect((await state(page)).visible).toBe(s.nodes);
      expect(code).toBeTruthy();
      expect(tab.problems).toEqual([]);
      await page.close();
    });
  }

  it('without scripts every category and link is shown, fitted to the window, and the filter is not offered', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(fileUrl(example) + 'map.html');
    const s = await state(page);
    expect(s.visible).toBe(s.nodes);
    expect(s.visibleLinks).toBe(s.links);
    expect(s.panelsOff).toBe(0);
    expect(s.scrollW).toBeLessThanOrEqual(s.innerW);
    expect(await page.locator('.fb-map-tools').isVisible()).toBe(false);
    await ctx.close();
  });

  it('at 390 px the map fits the phone and "actual size" scrolls inside its box only', async () => {
    const tab = await openPage(browser, fileUrl(example), 'map.html', { width: 390 });
    const { page } = tab;
    let s = await state(page);
    expect(s.scrollW).toBeLessThanOrEqual(s.innerW);
    expect(s.panelsOff).toBe(0);
    await page.locator('button.fb-map-zoom').click();
    s = await state(page);
    expect(s.scrollW).toBeLessThanOrEqual(s.innerW);
    expect(await page.locator('.fb-map-scroll').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(tab.problems).toEqual([]);
    await page.close();
  });
});
