/**
 * Copies that check themselves, in Chromium: a controlled copy's QR code (and a printout's),
 * rendered to PNG and decoded with jsqr, opens the process page with the printed version and copy
 * number; that page, opened from file:// with those, says whether the copy is current.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadHandbook } from '../../src/load.js';
import { buildSiteModel } from '../../src/view/model.js';
import { loadPrintKit } from '../../src/print/document.js';
import { issueCopies } from '../../src/print/issue.js';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { doc } from '../helpers/handbook.js';
import { jsQR } from './qr-decode.js';

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };
const chromium = findChromium();
const TODAY = '2026-06-01';
const URL_BASE = 'https://handbook.example.com/hr';

const leave = (version: string, language: 'zh' | 'en' = 'zh') =>
  doc({
    extra: `version: ${version}\neffective: 2026-03-01\nrevisions:\n  - { version: A/0, date: 2024-01-10, change: 首次发布 }\n  - { version: A/1, date: 2025-03-01, change: 调整 }\n${version === 'B/0' ? '  - { version: B/0, date: 2026-02-20, change: 改版 }\n' : ''}`,
    ...(language === 'en' && { roles: '[Employee, Manager]', steps: '  - role: Employee\n    text: Ask\n  - role: Manager\n    text: Approve\n' }),
  });

function handbook(dir: string, version: string, settings: string, language: 'zh' | 'en' = 'zh'): string {
  mkdirSync(path.join(dir, 'processes'), { recursive: true });
  writeFileSync(path.join(dir, 'flowbook.yml'), settings);
  writeFileSync(path.join(dir, 'processes/leave.md'), leave(version, language));
  return dir;
}

describe.skipIf(!chromium)('QR codes and the copy check', () => {
  let tmp: string;
  let browser: Browser;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-qr-'));
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Render the page's QR code (an SVG in the HTML) in Chromium, screenshot it as PNG, decode it. */
  async function decodeIn(html: string, selector: string): Promise<string | undefined> {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const png = PNG.sync.read(await page.locator(selector).first().screenshot({ type: 'png' }));
      return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
    } finally {
      await page.close();
    }
  }

  it('a controlled copy carries a QR code that decodes to its page, version and copy number', async () => {
    const root = handbook(path.join(tmp, 'copy'), 'A/1', `title: 手册\nurl: ${URL_BASE}/\n`);
    const loaded = await loadHandbook(root, { today: TODAY });
    const site = buildSiteModel(loaded.handbook!, { today: TODAY });
    const issued = await issueCopies(await loadPrintKit(), site, [site.byCode.get('HR-AT-003')!], { root, out: path.join(root, 'print'), holder: '审计部', copies: 3, today: TODAY });
    expect(issued.map((c) => c.copy)).toEqual([1, 2, 3]);
    const third = readFileSync(issued[2]!.html, 'utf8');
    expect(await decodeIn(third, '.fb-qr svg')).toBe(`${URL_BASE}/p/HR-AT-003.html?v=A/1&copy=003`);
  });

  it('without url: there is no QR code', async () => {
    const root = handbook(path.join(tmp, 'nourl'), 'A/1', 'title: 手册\n');
    const loaded = await loadHandbook(root, { today: TODAY });
    const site = buildSiteModel(loaded.handbook!, { today: TODAY });
    const [copy] = await issueCopies(await loadPrintKit(), site, [site.byCode.get('HR-AT-003')!], { root, out: path.join(root, 'print'), holder: '审计部', copies: 1, today: TODAY });
    const html = readFileSync(copy!.html, 'utf8');
    expect(html).toContain('No. 001');
    expect(html).not.toContain('<figure class="fb-qr');
    expect(html).not.toContain('fb-qr-code');
    const out = path.join(root, 'site');
    expect((await build({ root, out, today: TODAY, cache: false, threads: 0 })).ok).toBe(true);
    expect(readFileSync(path.join(out, 'p/HR-AT-003.html'), 'utf8')).not.toContain('fb-qr-code');
  });

  describe('the process page', () => {
    let out: string;
    beforeAll(async () => {
      const root = handbook(path.join(tmp, 'site'), 'B/0', `title: 手册\nurl: ${URL_BASE}\n`);
      out = path.join(root, 'site');
      expect((await build({ root, out, today: TODAY, cache: false, threads: 0 })).ok).toBe(true);
    });

    const open = async (query: string) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(out, 'p/HR-AT-003.html')).href + query, { waitUntil: 'load' });
      const box = page.locator('#fb-copy-check');
      const visible = await box.isVisible();
      const text = visible ? ((await box.textContent()) ?? '').trim() : '';
      const state = await box.getAttribute('data-state');
      await page.close();
      return { visible, text, state };
    };

    it("its printout's QR code decodes to the page with its version (print only)", async () => {
      const html = readFileSync(path.join(out, 'p/HR-AT-003.html'), 'utf8');
      expect(html).toMatch(/<figure class="fb-qr fb-print-only">/);
      // Shown as printed: the print view's styles apply.
      const page = await browser.newPage({ deviceScaleFactor: 2 });
      await page.goto(pathToFileURL(path.join(out, 'p/HR-AT-003.html')).href);
      expect(await page.locator('.fb-qr').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.fb-qr').isVisible()).toBe(true);
      const png = PNG.sync.read(await page.locator('.fb-qr svg').screenshot({ type: 'png' }));
      await page.close();
      expect(jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data).toBe(`${URL_BASE}/p/HR-AT-003.html?v=B/0`);
    });

    it('says a current copy is current', async () => {
      expect(await open('?v=B/0&copy=003')).toEqual({ visible: true, state: 'current', text: '此受控副本（版本 B/0，编号 003）为现行版本。' });
      expect(await open('?v=B/0')).toEqual({ visible: true, state: 'current', text: '此打印件（版本 B/0）为现行版本。' });
    });

    it('says a superseded copy is superseded, since when, and where to return it', async () => {
      expect(await open('?v=A/1&copy=002')).toEqual({
        visible: true,
        state: 'superseded',
        text: '此受控副本（版本 A/1，编号 002）已被版本 B/0 替代（2026-02-20）：请交回人力资源总监。',
      });
    });

    it('does not vouch for a version it does not know, and ignores a bad copy number and markup', async () => {
      const r = await open(`?v=${encodeURIComponent('<img src=x onerror=alert(1)>')}&copy=${encodeURIComponent('<b>1</b>')}`);
      expect(r.state).toBe('unknown');
      expect(r.text).toBe('本页没有版本 <img src=x onerror=alert(1)> 的记录：请向人力资源总监核实此副本。');
    });

    it('says nothing without ?v=', async () => {
      expect(await open('')).toEqual({ visible: false, state: null, text: '' });
    });
  });

  it('speaks the handbook language', async () => {
    const root = handbook(path.join(tmp, 'en'), 'B/0', `title: Handbook\nlanguage: en\nurl: ${URL_BASE}\n`, 'en');
    const out = path.join(root, 'site');
    expect((await build({ root, out, today: TODAY, cache: false, threads: 0 })).ok).toBe(true);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'p/HR-AT-003.html')).href + '?v=A/0&copy=001');
    expect((await page.locator('#fb-copy-check').textContent())?.trim()).toBe('This controlled copy (version A/0, No. 001) was superseded by version B/0 on 2026-02-20: return it to 人力资源总监.');
    await page.close();
  });
});
