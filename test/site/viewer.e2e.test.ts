/**
 * The chart viewer on process pages (assets/viewer.js), in Chromium over file://, at 1280 px by
 * mouse and keyboard and at 390 px by touch:
 *  - natural size when the chart fits, else fitted to the width; fit / 100% / zoom buttons;
 *  - drag pans (sideways the chart, up and down the page), a click that did not move follows a link;
 *  - a plain wheel scrolls the page, never the chart; ctrl + wheel zooms about the pointer;
 *  - the expanded view: full window, focus kept inside, Escape closes it, focus back on its button;
 *  - the lane header row stays in view, lined up with the lanes, while a tall chart scrolls;
 *  - phones: the step list first, a "show chart" button that opens the expanded view fitted to the
 *    width, pinch zoom and one-finger panning;
 *  - without JavaScript the chart is the plain inline SVG; axe finds nothing serious; print is as
 *    without the viewer.
 * The example handbook, plus a generated one with a 120-step chart and a 25-lane chart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { build } from '../../src/build.js';
import { buildExample, CHROMIUM, fileUrl, launch, openPage, removeDir, runAxe, tempDir, TODAY, type BuiltSite } from '../helpers/browser.js';

/** A 120-step process over 6 lanes and a 25-lane process: the tallest and the widest charts. */
function writeLargeHandbook(root: string): void {
  mkdirSync(path.join(root, 'processes'), { recursive: true });
  writeFileSync(path.join(root, 'flowbook.yml'), 'title: 大型流程\norganisation: 测试公司\nlanguage: zh-CN\n');
  const doc = (code: string, name: string, roles: string[], steps: string[]) =>
    [
      '---',
      `name: ${name}`,
      `code: ${code}`,
      'status: controlled',
      'owner: 人力资源部',
      'control: 人力资源总监',
      `roles: [${roles.join(', ')}]`,
      'steps:',
      ...steps,
      'signoff:',
      '  prepared: { by: 张敏, date: 2024-05-20 }',
      '  reviewed: { by: 李强, date: 2024-05-25 }',
      '  approved: { by: 王军, date: 2024-05-28 }',
      '---',
      '',
      '## 相关说明',
      '',
      '测试用的大型流程。',
      '',
    ].join('\n');
  const six = ['申请人员', '部门负责人', '分管总监', '总经理', '人力资源部', '财务部'];
  const tall = Array.from({ length: 120 }, (_, i) => `  - role: ${six[Math.floor((i * 7) / 3) % 6]}\n    text: 第${i + 1}步 处理相关事项并记录`);
  writeFileSync(path.join(root, 'processes', 'BIG-120.md'), doc('BIG-120', '一百二十步流程', six, tall));
  const lanes = Array.from({ length: 25 }, (_, i) => `角色${String(i + 1).padStart(2, '0')}部门`);
  const wide = Array.from({ length: 30 }, (_, i) => `  - role: ${lanes[(i * 9) % 25]}\n    text: 第${i + 1}步 审核`);
  writeFileSync(path.join(root, 'processes', 'LANES-25.md'), doc('LANES-25', '二十五泳道流程', lanes, wide));
}

interface ViewerState {
  scale: number;
  svgWidth: number;
  svgHeight: number;
  boxWidth: number;
  scrollLeft: number;
  scrollTop: number;
  pageY: number;
  expanded: boolean;
  status: string;
}

const state = (page: Page): Promise<ViewerState> =>
  page.evaluate(() => {
    const scroller = document.querySelector('.fb-diagram-scroll') as HTMLElement;
    const svg = document.querySelector('svg.fb-viewer-svg')!.getBoundingClientRect();
    return {
      scale: Number(document.querySelector('.fb-viewer-pct')!.textContent!.replace('%', '')) / 100,
      svgWidth: svg.width,
      svgHeight: svg.height,
      boxWidth: scroller.clientWidth,
      scrollLeft: scroller.scrollLeft,
      scrollTop: scroller.scrollTop,
      pageY: window.scrollY,
      expanded: document.querySelector('.fb-viewer')!.classList.contains('fb-viewer-expanded'),
      status: document.querySelector('.fb-viewer-bar [role="status"]')!.textContent!.trim(),
    };
  });

/** Two animation frames: the viewer's scroll handlers and layout have run. */
const frames = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** The visible lane header strip and how far its lane titles are from the chart's own (px). */
const laneHead = (page: Page) =>
  page.evaluate(() => {
    const head = document.querySelector('.fb-viewer-head') as HTMLElement;
    const r = head.getBoundingClientRect();
    const mine = [...head.querySelectorAll('text.fb-lane-title')].map((t) => t.getBoundingClientRect());
    const theirs = [...document.querySelectorAll('svg.fb-viewer-svg text.fb-lane-title')].map((t) => t.getBoundingClientRect());
    const offsets = mine.map((m, i) => Math.abs(m.left + m.width / 2 - (theirs[i]!.left + theirs[i]!.width / 2)));
    // What a reader sees there (the strip lets pointer events through to the chart: not while looking).
    head.style.pointerEvents = 'auto';
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 200), r.top + r.height / 2);
    head.style.pointerEvents = '';
    return {
      visible: getComputedStyle(head).visibility === 'visible',
      top: r.top,
      bottom: r.bottom,
      titles: mine.length,
      lanes: theirs.length,
      maxOffset: Math.max(...offsets),
      widthRatio: mine[0] ? mine[0].width / theirs[0]!.width : 0,
      covered: hit !== null && !head.contains(hit),
      chartTop: document.querySelector('svg.fb-viewer-svg')!.getBoundingClientRect().top,
    };
  });

let built: BuiltSite;
let largeTmp: string;
let browser: Browser;
let example: string;
let large: string;

describe.skipIf(!CHROMIUM)('the chart viewer on process pages', () => {
  beforeAll(async () => {
    largeTmp = tempDir('fb-viewer-');
    writeLargeHandbook(path.join(largeTmp, 'handbook'));
    let big;
    [built, browser, big] = await Promise.all([
      buildExample('fb-viewer-example-'),
      launch(),
      build({ root: path.join(largeTmp, 'handbook'), out: path.join(largeTmp, 'site'), today: TODAY, force: true, cache: false }),
    ]);
    expect(big.ok, JSON.stringify(big.diagnostics.slice(0, 3))).toBe(true);
    example = fileUrl(built.site);
    large = fileUrl(path.join(largeTmp, 'site'));
  });
  afterAll(async () => {
    await browser?.close();
    removeDir(built?.tmp);
    removeDir(largeTmp);
  });

  it('1280 px: a chart that fits is at 100%, a wider one fitted to the width; fit, 100%, zoom in and out change the scale', async () => {
    const { page, problems } = await openPage(browser, example, 'p/HR-AT-003.html');
    let s = await state(page);
    expect(s.scale).toBe(1);
    expect(s.svgWidth).toBeLessThanOrEqual(s.boxWidth);
    const natural = await page.evaluate(() => (document.querySelector('svg.fb-viewer-svg') as SVGSVGElement).viewBox.baseVal.width);
    expect(Math.abs(s.svgWidth - natural)).toBeLessThan(1);
    expect(problems).toEqual([]);

    const wide = await openPage(browser, large, 'p/LANES-25.html');
    s = await state(wide.page);
    expect(s.scale).toBeLessThan(0.5);
    expect(Math.abs(s.svgWidth - s.boxWidth)).toBeLessThan(2);
    expect(s.scrollLeft).toBe(0);
    const zoomIn = wide.page.locator('[data-act="in"]');
    await zoomIn.click();
    const after = await state(wide.page);
    expect(after.scale).toBeGreaterThan(s.scale);
    expect(after.svgWidth).toBeGreaterThan(s.svgWidth * 1.05);
    expect(after.status).toBe(`缩放 ${Math.round(after.scale * 100)}%`);
    await wide.page.locator('[data-act="out"]').click();
    await wide.page.locator('[data-act="out"]').click();
    expect((await state(wide.page)).scale).toBeLessThan(after.scale);
    await wide.page.locator('[data-act="actual"]').click();
    s = await state(wide.page);
    expect(s.scale).toBe(1);
    expect(Math.abs(s.svgWidth - 3750)).toBeLessThan(60); // 25 lanes, as drawn
    expect(s.status).toBe('缩放 100%');
    await wide.page.locator('[data-act="fit"]').click();
    s = await state(wide.page);
    expect(Math.abs(s.svgWidth - s.boxWidth)).toBeLessThan(2);
    // Nothing but the chart box is wider than the window.
    expect(await wide.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(wide.problems).toEqual([]);
    await page.close();
    await wide.page.close();
  });

  it('drag pans: sideways the chart, up and down the page; a click that did not move follows a link', async () => {
    const { page, problems } = await openPage(browser, large, 'p/LANES-25.html');
    await page.locator('[data-act="actual"]').click();
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.fb-viewer-stage')!.getBoundingClientRect().top + window.scrollY - 100));
    const before = await state(page);
    await page.mouse.move(700, 500);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(700 - 30 * i, 500 - 20 * i);
    await page.mouse.up();
    await frames(page);
    const after = await state(page);
    expect(after.scrollLeft - before.scrollLeft).toBeGreaterThan(280);
    expect(after.scrollLeft - before.scrollLeft).toBeLessThan(320);
    expect(after.pageY - before.pageY).toBeGreaterThan(180);
    expect(after.pageY - before.pageY).toBeLessThan(220);
    expect(await page.evaluate(() => document.querySelector('.fb-viewer')!.classList.contains('fb-viewer-dragging'))).toBe(false);
    expect(problems).toEqual([]);
    await page.close();

    // HR-OV-002 links to other processes from its chart.
    const tab = await openPage(browser, example, 'p/HR-OV-002.html');
    const link = tab.page.locator('svg.fb-viewer-svg a.fb-link').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\.html$/);
    await link.click();
    await tab.page.waitForURL((u) => u.href.endsWith(href!.replace(/^.*\//, '')), { timeout: 10_000 });
    await tab.page.close();
  });

  it('a plain wheel scrolls the page, not the chart; ctrl + wheel zooms about the pointer', async () => {
    const { page, problems } = await openPage(browser, large, 'p/BIG-120.html');
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.fb-viewer-stage')!.getBoundingClientRect().top + window.scrollY));
    const before = await state(page);
    await page.mouse.move(640, 500);
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 100);
    await page.waitForFunction((y) => window.scrollY >= y + 1900, before.pageY, { timeout: 15_000 });
    const after = await state(page);
    expect(after.pageY - before.pageY).toBeGreaterThanOrEqual(1900);
    expect(after.scrollTop).toBe(0);
    expect(after.scale).toBe(before.scale);

    // The chart point under the pointer stays under it.
    const at = () =>
      page.evaluate(() => {
        const r = document.querySelector('svg.fb-viewer-svg')!.getBoundingClientRect();
        const s = r.width / (document.querySelector('svg.fb-viewer-svg') as SVGSVGElement).viewBox.baseVal.width;
        return { x: (640 - r.left) / s, y: (500 - r.top) / s };
      });
    const point = await at();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await frames(page);
    const zoomed = await state(page);
    expect(zoomed.scale).toBeGreaterThan(after.scale * 1.2);
    const moved = await at();
    expect(Math.abs(moved.x - point.x)).toBeLessThan(3);
    expect(Math.abs(moved.y - point.y)).toBeLessThan(3);
    // Announced once the wheel stops.
    await page.waitForFunction(() => /^缩放 \d+%/.test(document.querySelector('.fb-viewer-bar [role="status"]')!.textContent!.trim()), undefined, { timeout: 15_000 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keyboard: the controls are reached with Tab and show their focus; Enter, Space and + - 0 on the chart zoom; the scale is announced', async () => {
    const { page, problems } = await openPage(browser, example, 'p/HR-PM-001.html');
    await page.click('h1');
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.getAttribute('data-act') === 'out');
    }
    expect(found).toBe(true);
    const ring = () => page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement!);
      return `${cs.outlineStyle} ${cs.outlineWidth} | ${cs.boxShadow}`;
    });
    const focused = await ring();
    expect(focused).not.toMatch(/^none /);
    await page.keyboard.press('Tab'); // zoom in
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-act'))).toBe('in');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    let s = await state(page);
    expect(s.scale).toBe(1.25);
    expect(s.status).toBe('缩放 125%');
    await page.keyboard.press('Tab'); // fit
    await page.keyboard.press('Tab'); // 100%
    await page.keyboard.press('Enter');
    expect((await state(page)).scale).toBe(1);
    await page.focus('.fb-diagram-scroll');
    await page.keyboard.press('+');
    expect((await state(page)).scale).toBe(1.1);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    s = await state(page);
    expect(s.scale).toBe(0.9);
    expect(s.status).toBe('缩放 90%');
    await page.keyboard.press('0');
    expect((await state(page)).scale).toBe(1);
    // The figure caption tells how to use the viewer.
    expect(await page.textContent('.fb-diagram-hint')).toContain('Ctrl');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the expanded view fills the window, keeps focus inside, scrolls the chart with the wheel; Escape closes it and focus returns to its button', async () => {
    const { page, problems } = await openPage(browser, large, 'p/BIG-120.html');
    const pageY = await page.evaluate(() => window.scrollY);
    await page.focus('[data-act="expand"]');
    await page.keyboard.press('Enter');
    let s = await state(page);
    expect(s.expanded).toBe(true);
    const box = await page.evaluate(() => {
      const v = document.querySelector('.fb-viewer')!;
      const r = v.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height, role: v.getAttribute('role'), modal: v.getAttribute('aria-modal'), inside: v.contains(document.activeElement) };
    });
    expect(box).toEqual({ left: 0, top: 0, width: 1280, height: 900, role: 'dialog', modal: 'true', inside: true });
    expect(await page.textContent('[data-act="expand"]')).toBe('退出全屏');
    expect(s.svgWidth).toBeLessThanOrEqual(s.boxWidth);
    // Tab and Shift+Tab stay in the dialog.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => document.querySelector('.fb-viewer')!.contains(document.activeElement)), key).toBe(true);
    }
    // Here the wheel scrolls the chart, and the page behind stays put.
    await page.mouse.move(640, 500);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => document.querySelector('.fb-diagram-scroll')!.scrollTop >= 900, undefined, { timeout: 15_000 });
    s = await state(page);
    expect(s.pageY).toBe(pageY);
    await page.keyboard.press('Escape');
    s = await state(page);
    expect(s.expanded).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-act'))).toBe('expand');
    expect(await page.textContent('[data-act="expand"]')).toBe('全屏查看');
    expect(await page.evaluate(() => document.documentElement.classList.contains('fb-viewer-lock'))).toBe(false);
    // By mouse too.
    await page.click('[data-act="expand"]');
    expect((await state(page)).expanded).toBe(true);
    await page.click('[data-act="expand"]');
    expect((await state(page)).expanded).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the lane header row stays in view while a tall chart scrolls, lined up with the lanes, on the page and expanded, zoomed and panned', async () => {
    const { page, problems } = await openPage(browser, large, 'p/BIG-120.html');
    let h = await laneHead(page);
    expect(h.visible).toBe(false); // the chart's own header is in view
    // Two thirds down the chart (its height depends on the layout).
    const down = (page: Page) =>
      page.evaluate(() => {
        const stage = document.querySelector('.fb-viewer-stage')!.getBoundingClientRect();
        window.scrollTo(0, stage.top + window.scrollY + (stage.height * 2) / 3);
        return stage.height;
      });
    const height = await down(page);
    expect(height).toBeGreaterThan(2000);
    await frames(page);
    h = await laneHead(page);
    expect(h.visible).toBe(true);
    expect(h.titles).toBe(6);
    expect(h.top).toBeGreaterThanOrEqual(0);
    expect(h.top).toBeLessThan(80); // under the controls, which stay too
    expect(h.chartTop).toBeLessThan(-height / 2);
    expect(h.maxOffset).toBeLessThan(1);
    expect(h.covered).toBe(false);
    const bar = await page.evaluate(() => document.querySelector('.fb-viewer-bar')!.getBoundingClientRect().top);
    expect(bar).toBe(0);
    // Zoomed and panned, still lined up.
    await page.locator('[data-act="in"]').click();
    await page.locator('[data-act="in"]').click();
    await page.locator('[data-act="in"]').click();
    await page.evaluate(() => (document.querySelector('.fb-diagram-scroll')!.scrollLeft = 250));
    await frames(page);
    h = await laneHead(page);
    expect(h.visible).toBe(true);
    expect(h.maxOffset).toBeLessThan(1);
    expect(Math.abs(h.widthRatio - 1)).toBeLessThan(0.02);
    // Expanded.
    await page.click('[data-act="expand"]');
    await page.evaluate(() => {
      const s = document.querySelector('.fb-diagram-scroll')!;
      s.scrollTop = (s.scrollHeight - s.clientHeight) / 2;
    });
    await frames(page);
    h = await laneHead(page);
    expect(h.visible).toBe(true);
    expect(h.maxOffset).toBeLessThan(1);
    expect(h.top).toBeLessThan(80);
    expect(h.covered).toBe(false);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
    await page.close();

    // 25 lanes at 100%, panned to the far right.
    const wide = await openPage(browser, large, 'p/LANES-25.html');
    await wide.page.locator('[data-act="actual"]').click();
    await wide.page.evaluate(() => {
      const s = document.querySelector('.fb-diagram-scroll')!;
      s.scrollLeft = s.scrollWidth;
    });
    expect(await down(wide.page)).toBeGreaterThan(400);
    await frames(wide.page);
    h = await laneHead(wide.page);
    expect(h.visible).toBe(true);
    expect(h.titles).toBe(25);
    expect(h.maxOffset).toBeLessThan(1);
    await wide.page.close();
  });

  describe('390 px, touch', () => {
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
      page = await context.newPage();
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
    });
    afterAll(async () => context?.close());

    /** Touch input as the screen sends it (Chromium's input pipeline, so the browser's own panning happens too). */
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Array<[number, number]>) => {
      cdp ??= await context.newCDPSession(page);
      await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    };
    let cdp: CDPSession | undefined;

    it('the step list comes first; "show chart" opens the expanded view fitted to the width; pinch zooms; one finger pans; the close button returns', async () => {
      await page.goto(large + 'p/BIG-120.html');
      const order = await page.evaluate(() => {
        const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top;
        return { launch: top('.fb-viewer-launch'), steps: top('.fb-steps'), chart: top('.fb-diagram-section') };
      });
      expect(order.launch).toBeLessThan(order.steps);
      expect(order.steps).toBeLessThan(order.chart);
      // The preview after the steps is fitted to the width, and the page does not scroll sideways.
      let s = await state(page);
      expect(s.svgWidth).toBeLessThanOrEqual(s.boxWidth + 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      const behind = await page.evaluate(() => window.scrollY);
      await page.tap('.fb-viewer-launch button');
      s = await state(page);
      expect(s.expanded).toBe(true);
      expect(s.scale).toBeLessThan(1);
      expect(Math.abs(s.svgWidth - s.boxWidth)).toBeLessThan(30); // fitted, inside the view's padding
      expect(s.svgWidth).toBeLessThanOrEqual(s.boxWidth);
      const fitted = s.scale;

      // Pinch out with two fingers around the middle of the chart.
      const y = 400;
      await touch('touchStart', [[160, y], [230, y]]);
      for (let i = 1; i <= 8; i++) await touch('touchMove', [[160 - 10 * i, y], [230 + 10 * i, y]]);
      await touch('touchEnd', []);
      await frames(page);
      s = await state(page);
      expect(s.scale).toBeGreaterThan(fitted * 1.8);
      expect(s.status).toBe(`缩放 ${Math.round(s.scale * 100)}%`);
      expect(s.pageY).toBe(behind); // the page behind does not move

      // One finger drags the chart.
      const start = await state(page);
      await touch('touchStart', [[300, 600]]);
      // Diagonally: a mostly vertical swipe would be locked to the vertical by the browser.
      for (let i = 1; i <= 10; i++) await touch('touchMove', [[300 - 20 * i, 600 - 20 * i]]);
      await touch('touchEnd', []);
      await page.waitForFunction((t) => document.querySelector('.fb-diagram-scroll')!.scrollTop > t + 100, start.scrollTop, { timeout: 15_000 });
      s = await state(page);
      expect(s.scrollTop - start.scrollTop).toBeGreaterThan(100);
      await page.waitForFunction((l) => document.querySelector('.fb-diagram-scroll')!.scrollLeft > l + 50, start.scrollLeft, { timeout: 15_000 });
      s = await state(page);
      expect(s.scrollLeft - start.scrollLeft).toBeGreaterThan(50);

      // A tap while the swipe's fling still runs only stops the fling: wait for the chart to come to rest.
      await page.waitForFunction(
        () =>
          new Promise<boolean>((r) => {
            const el = document.querySelector('.fb-diagram-scroll')!;
            const at = `${el.scrollLeft},${el.scrollTop}`;
            setTimeout(() => r(at === `${el.scrollLeft},${el.scrollTop}`), 200);
          }),
        undefined,
        { timeout: 15_000 },
      );
      await page.tap('[data-act="expand"]');
      s = await state(page);
      expect(s.expanded).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.closest('.fb-viewer-launch') !== null)).toBe(true);
      expect(problems).toEqual([]);
    });

    it('a tap on the preview of a tall chart opens it; the phone view passes axe', async () => {
      await page.goto(large + 'p/BIG-120.html');
      await page.locator('.fb-viewer-stage').scrollIntoViewIfNeeded();
      // The preview shows the top of the chart, faded out at the bottom, with no second header row.
      expect(await page.evaluate(() => document.querySelector('.fb-viewer')!.classList.contains('fb-viewer-clipped'))).toBe(true);
      await frames(page);
      expect((await laneHead(page)).visible).toBe(false);
      expect(await page.evaluate(() => document.querySelector('.fb-viewer-head')!.getClientRects().length)).toBe(0);
      await page.tap('.fb-viewer-stage', { position: { x: 100, y: 100 } });
      expect((await state(page)).expanded).toBe(true);
      expect(problems).toEqual([]);
      // axe's own CSS requests over file:// log CORS errors: after the checks of the page's own.
      await page.goto(example + 'p/HR-AT-003.html');
      let r = await runAxe(page);
      expect(r.serious).toEqual([]);
      await page.tap('.fb-viewer-launch button');
      r = await runAxe(page);
      expect(r.serious).toEqual([]);
    });
  });

  it('without JavaScript the chart is the plain inline SVG and no control shows', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [base, rel] of [[example, 'p/HR-PM-001.html'], [large, 'p/LANES-25.html']] as const) {
      await page.goto(base + rel);
      const r = await page.evaluate(() => {
        const svg = document.querySelector('.fb-diagram-scroll svg')!.getBoundingClientRect();
        const visibleButtons = [...document.querySelectorAll('main button')].filter((b) => b.getClientRects().length > 0).length;
        return { width: svg.width, height: svg.height, visibleButtons, viewer: document.querySelector('.fb-viewer') !== null };
      });
      expect(r.width, rel).toBeGreaterThan(300);
      expect(r.height, rel).toBeGreaterThan(300);
      expect(r.visibleButtons).toBe(0);
      expect(r.viewer).toBe(false);
    }
    await context.close();
  });

  it('axe: no serious or critical violations with the viewer, inline and expanded', async () => {
    const { page } = await openPage(browser, example, 'p/HR-AT-003.html');
    let r = await runAxe(page);
    expect(r.serious).toEqual([]);
    await page.click('[data-act="expand"]');
    r = await runAxe(page);
    expect(r.serious).toEqual([]);
    await page.close();
  });

  it('print is as without the viewer: zoomed, panned or expanded, the printed chart is the same', async () => {
    const printed = async (page: Page) => {
      await page.emulateMedia({ media: 'print' });
      const r = await page.evaluate(() => ({
        svgs: [...document.querySelectorAll('.fb-diagram-section svg')].filter((s) => !s.closest('.fb-viewer-head')).map((s) => {
          const b = s.getBoundingClientRect();
          return b.width > 0 ? `${Math.round(b.width)}x${Math.round(b.height)}` : 'hidden';
        }),
        controls: [...document.querySelectorAll('.fb-viewer-bar, .fb-viewer-head, .fb-viewer-launch')].filter((e) => e.getClientRects().length > 0).length,
      }));
      await page.emulateMedia({ media: 'screen' });
      return r;
    };
    for (const [base, rel] of [[example, 'p/HR-PM-001.html'], [large, 'p/LANES-25.html']] as const) {
      const noScript = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await plain.goto(base + rel);
      const want = await printed(plain);
      await noScript.close();
      const { page } = await openPage(browser, base, rel);
      await page.locator('[data-act="in"]').click();
      await page.locator('[data-act="in"]').click();
      await page.evaluate(() => (document.querySelector('.fb-diagram-scroll')!.scrollLeft = 100));
      const got = await printed(page);
      expect(got.controls, rel).toBe(0);
      expect(got.svgs, rel).toEqual(want.svgs);
      await page.click('[data-act="expand"]');
      expect((await printed(page)).svgs, `${rel} expanded`).toEqual(want.svgs);
      await page.close();
    }
  });
});
