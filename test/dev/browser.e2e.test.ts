/**
 * `flowbook dev` as an author uses it: pages open in headless Chromium reload with each saved
 * change; a broken document shows the error overlay over the last good page until it is fixed;
 * deleting, adding and renaming documents, templates and flowbook.yml all show up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { startDev, type DevHandle } from '../../src/dev/index.js';
import { copyHandbook, EXAMPLE, FIXTURE, removeDir, TODAY } from './helpers.js';

const chromium = findChromium();
const WAIT = { timeout: 15_000 };

const bodyHas = (page: Page, text: string) => page.waitForFunction((t) => document.body?.innerText.includes(t), text, WAIT);
const overlayText = (page: Page) => page.locator('#flowbook-dev-overlay').innerText();
const edit = async (file: string, fn: (s: string) => string) => writeFile(file, fn(await readFile(file, 'utf8')));

/** A dev server on a copy of `handbook` for the enclosing describe block (`set` receives both). */
function devServerOn(handbook: string, set: (dir: string, dev: DevHandle) => void): void {
  let dir: string | undefined;
  let dev: DevHandle | undefined;
  beforeAll(async () => {
    dir = await copyHandbook(handbook);
    dev = await startDev({ root: dir, today: TODAY, port: 0, searchDelay: 50, log: () => undefined, logError: () => undefined });
    set(dir, dev);
  });
  afterAll(async () => {
    await dev?.close();
    await removeDir(dir);
  });
}

describe.skipIf(!chromium)('flowbook dev in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('small handbook', () => {
    let dir: string;
    let dev: DevHandle;
    devServerOn(FIXTURE, (d, h) => ((dir = d), (dev = h)));

    it('updates an edited page in place (no reload: scroll, header and its scripts stay); reloads when the head changes', { timeout: 60_000 }, async () => {
      const page = await browser.newPage();
      let navigations = 0;
      page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
      await page.goto(`${dev.url}p/FX-002.html`);
      await bodyHas(page, 'Collect attendance');
      navigations = 0;
      await page.evaluate(() => {
        (window as unknown as { keep: unknown }).keep = document.querySelector('header');
        document.documentElement.style.minHeight = '3000px';
        window.scrollTo(0, 400);
      });
      const pay = path.join(dir, 'processes', 'sub', 'b-pay.md');
      await edit(pay, (s) => s.replace('Collect attendance', 'Collect attendance in place'));
      await bodyHas(page, 'Collect attendance in place');
      expect(navigations).toBe(0);
      expect(await page.evaluate(() => document.querySelector('header') === (window as unknown as { keep: unknown }).keep)).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBe(400);
      expect(await page.locator('main').innerText()).toContain('Collect attendance in place');
      // Exactly one <main>, one live-reload script: the swap replaced, it did not add.
      expect(await page.locator('main').count()).toBe(1);
      expect(await page.locator('#flowbook-dev-live').count()).toBe(1);
      // The swapped chart has its viewer controls again (one bar, not one per swap).
      await page.waitForSelector('main .fb-viewer-bar', { state: 'attached', ...WAIT });
      expect(await page.locator('main .fb-viewer-bar').count()).toBe(1);

      // A stylesheet of the handbook's own: every page reloads for real and gets it.
      await mkdir(path.join(dir, 'templates'), { recursive: true });
      await writeFile(path.join(dir, 'templates', 'custom.css'), 'main { outline: 3px solid rgb(1, 2, 3); }\n');
      await page.waitForSelector('link[href$="assets/custom.css"]', { state: 'attached', ...WAIT });
      expect(navigations).toBeGreaterThan(0);
      await page.waitForFunction(() => getComputedStyle(document.querySelector('main')!).outlineColor === 'rgb(1, 2, 3)', undefined, WAIT);
      await rm(path.join(dir, 'templates'), { recursive: true });
      await page.waitForSelector('link[href$="assets/custom.css"]', { state: 'detached', ...WAIT });
      await edit(pay, (s) => s.replace('Collect attendance in place', 'Collect attendance'));
      await bodyHas(page, 'Collect attendance');

      // A page with a Mermaid block in its text reloads for real, so the block is drawn again.
      await page.goto(`${dev.url}p/FX-001.html`);
      await page.waitForSelector('pre.mermaid svg', WAIT);
      navigations = 0;
      const leave = path.join(dir, 'processes', 'a-leave.md');
      await edit(leave, (s) => s.replace('Fill in the leave form', 'Fill in the leave form again'));
      await bodyHas(page, 'Fill in the leave form again');
      expect(navigations).toBe(1);
      await page.waitForSelector('pre.mermaid svg', WAIT);
      await edit(leave, (s) => s.replace('Fill in the leave form again', 'Fill in the leave form'));
      await page.waitForFunction(() => !document.body.innerText.includes('Fill in the leave form again'), undefined, WAIT);
      await page.close();
    });
    it('reloads on edits, shows and clears the overlay, follows deletions, additions, renames, templates and settings', { timeout: 120_000 }, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${dev.url}p/FX-001.html`);
      await bodyHas(page, 'Fill in the leave form');
      const leave = path.join(dir, 'processes', 'a-leave.md');
      const good = await readFile(leave, 'utf8');

      // Edit: the page reloads with the change.
      await writeFile(leave, good.replace('Fill in the leave form', 'Fill in the leave form online'));
      await bodyHas(page, 'Fill in the leave form online');

      // Break: the overlay (file, line, message) over the last good page.
      await writeFile(leave, good.replace('Fill in the leave form', 'Fill in the leave form online').replace('role: Line Manager', 'role: Line Manger'));
      await page.waitForSelector('#flowbook-dev-overlay', WAIT);
      const text = await overlayText(page);
      expect(text).toMatch(/processes\/a-leave\.md:\d+:\d+ error/);
      expect(text).toContain('Line Manger');
      expect(await page.locator('main').innerText()).toContain('Fill in the leave form online');
      // A page opened now shows it too.
      const other = await browser.newPage();
      await other.goto(`${dev.url}index.html`);
      expect(await other.locator('#flowbook-dev-overlay').count()).toBe(1);

      // Fix: the overlay goes.
      await writeFile(leave, good);
      await page.waitForSelector('#flowbook-dev-overlay', { state: 'detached', ...WAIT });
      await bodyHas(page, 'Fill in the leave form');
      await other.waitForSelector('#flowbook-dev-overlay', { state: 'detached', ...WAIT });

      // Rename the payroll file: the leave page's body link by path now points nowhere.
      expect(await page.locator('main a[href^="FX-002.html#steps"]').count()).toBe(1);
      await rename(path.join(dir, 'processes/sub/b-pay.md'), path.join(dir, 'processes/pay-renamed.md'));
      await page.waitForFunction(() => !document.querySelector('main a[href^="FX-002.html#steps"]'), undefined, WAIT);
      const pay = await browser.newPage();
      expect((await pay.goto(`${dev.url}p/FX-002.html`))!.status()).toBe(200);

      // Delete it. First the leave process calls payroll only from its text (a link by file name,
      // no step, so deleting payroll is no error); then payroll goes: its open page reloads as a
      // 404 and the link on the leave page is gone.
      await edit(leave, (s) => s.replace(/  - role: Human Resources\n    type: process\n    ref: FX-002\n/, '').replace('(sub/b-pay.md#steps)', '(pay-renamed.md)'));
      await page.waitForSelector('main a[href="FX-002.html"]', WAIT);
      await rm(path.join(dir, 'processes/pay-renamed.md'));
      await pay.waitForFunction(() => document.title === 'Not found', undefined, WAIT);
      await page.waitForFunction(() => !document.querySelector('a[href*="FX-002.html"]'), undefined, WAIT);
      expect(await page.locator('#flowbook-dev-overlay').count()).toBe(0);

      // Add a document: its page exists and the open home page lists it.
      await other.reload();
      await writeFile(
        path.join(dir, 'processes', 'new-one.md'),
        '---\nname: Brand new process\ncode: FX-050\nstatus: uncontrolled\nowner: Finance\ncontrol: Finance\nroles: [Clerk]\nsteps:\n  - role: Clerk\n    text: Do the new thing\n---\n',
      );
      await bodyHas(other, 'Brand new process');
      expect((await pay.goto(`${dev.url}p/FX-050.html`))!.status()).toBe(200);
      await bodyHas(pay, 'Do the new thing');

      // A template override and a flowbook.yml title.
      await mkdir(path.join(dir, 'templates', 'partials'), { recursive: true });
      await writeFile(path.join(dir, 'templates', 'partials', 'site-footer.hbs'), '<footer class="fb-footer">Footer from the handbook {{site.title}}</footer>\n');
      await bodyHas(page, 'Footer from the handbook');
      await edit(path.join(dir, 'flowbook.yml'), (s) => s.replace(/^title: .*$/m, 'title: Retitled Handbook'));
      await page.waitForFunction(() => document.title.includes('Retitled Handbook'), undefined, WAIT);
      // A broken template: overlay naming the file; fixed: gone.
      await writeFile(path.join(dir, 'templates', 'partials', 'site-footer.hbs'), '<footer>{{#if}}</footer>\n');
      await page.waitForSelector('#flowbook-dev-overlay', WAIT);
      expect(await overlayText(page)).toContain('site-footer.hbs');
      await rm(path.join(dir, 'templates'), { recursive: true });
      await page.waitForSelector('#flowbook-dev-overlay', { state: 'detached', ...WAIT });
      expect(errors).toEqual([]);
      await Promise.all([page.close(), other.close(), pay.close()]);
    });
  });

  describe('example handbook', () => {
    let dir: string;
    let dev: DevHandle;
    devServerOn(EXAMPLE, (d, h) => ((dir = d), (dev = h)));

    it('reloads an edited step and shows a broken one as an overlay', { timeout: 120_000 }, async () => {
      const page = await browser.newPage();
      await page.goto(`${dev.url}p/HR-AT-003.html`);
      const file = path.join(dir, 'processes/attendance/leave.md');
      const good = await readFile(file, 'utf8');
      const step = /text: (.+)/.exec(good)![1]!.trim();
      await writeFile(file, good.replace(`text: ${step}`, `text: ${step}（已修改）`));
      await bodyHas(page, `${step}（已修改）`);
      await writeFile(file, good.replace(/^status: .*$/m, 'status: published'));
      await page.waitForSelector('#flowbook-dev-overlay', WAIT);
      expect(await overlayText(page)).toMatch(/processes\/attendance\/leave\.md:\d+:\d+ error/);
      await writeFile(file, good);
      await page.waitForSelector('#flowbook-dev-overlay', { state: 'detached', ...WAIT });
      await page.waitForFunction((t) => !document.body.innerText.includes(t), `${step}（已修改）`, WAIT);
      await page.close();
    });
  });
});
