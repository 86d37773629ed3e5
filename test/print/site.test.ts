/**
 * The built website, printed as a reader would (file://, Chromium's print): uncontrolled mark and
 * print date, page X of Y and code/version on every page, watermarks for drafts and obsolete
 * processes, and the count of controlled copies out from the distribution register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { build } from '../../src/build.js';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { flowbook } from '../helpers/cli.js';
import { hasPoppler, pdfPages, squash, TODAY, writeHandbook } from './helpers.js';

const chromium = findChromium();

describe('the built site in print', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await writeHandbook();
    const issued = flowbook(['print', 'HR-AT-003', '--holder', '审计部', '--copies', '2', '--root', root, '--out', path.join(root, 'print'), '--today', TODAY]);
    expect(issued.code, issued.all).toBe(0);
    out = path.join(root, 'site');
    const r = await build({ root, out, today: TODAY, drafts: true, threads: 0 });
    expect(r.ok).toBe(true);
  });

  it('shows how many controlled copies of the current version are out', async () => {
    const page = async (code: string) => new JSDOM(await readFile(path.join(out, 'p', `${code}.html`), 'utf8')).window.document;
    const copies = (d: Document) => d.querySelector('.fb-docheader-copies dd')?.textContent;
    expect(copies(await page('HR-AT-003'))).toBe('2');
    expect(copies(await page('HR-LONG-001'))).toBe('0');
    expect((await page('HR-DR-001')).querySelector('.fb-docheader-copies')).toBeNull();
  });

  it('links the print stylesheet and script from every page, and the page size from the diagram', async () => {
    const html = await readFile(path.join(out, 'p', 'HR-WIDE-001.html'), 'utf8');
    expect(html).toContain('assets/print.css');
    expect(html).toContain('assets/print.js');
    expect(html).toMatch(/@page \{ size: A4 landscape/);
    const home = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('id="fb-print-marks-css"');
  });

  describe.skipIf(!chromium || !hasPoppler)('PDF from the browser', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      browser = await launchChromium(chromium!);
    });
    afterAll(async () => browser?.close());

    const printPage = async (rel: string) => {
      const page = await browser.newPage();
      // The day of printing is not the build day, so the script's date is told from the build's.
      await page.clock.setFixedTime(new Date(2027, 2, 4, 10, 0, 0));
      await page.goto(pathToFileURL(path.join(out, rel)).href, { waitUntil: 'load' });
      const file = path.join(root, rel.replace(/\W/g, '_') + '.pdf');
      await writeFile(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      await page.close();
      return pdfPages(file).map(squash);
    };
    const today = () => '2027-03-04';

    it('every page of a long process: uncontrolled mark, print date, code and version, page X of Y', async () => {
      const pages = await printPage('p/HR-LONG-001.html');
      expect(pages.length).toBeGreaterThanOrEqual(3);
      pages.forEach((t, i) => {
        expect(t).toContain('打印件为非受控文件');
        expect(t).toContain(`打印日期${today()}`);
        expect(t).toContain('HR-LONG-001·版本A/2');
        expect(t).toContain(`第${i + 1}页共${pages.length}页`);
      });
      expect(pages.join('')).toContain('第40步');
      expect(pages[0]).not.toMatch(/流程总图|搜索/);
    });

    it('drafts say 草稿 / DRAFT and obsolete processes 作废 / OBSOLETE on every page', async () => {
      for (const [rel, mark] of [['p/HR-DR-001.html', '草稿'], ['p/HR-OB-001.html', '作废']] as const) {
        const pages = await printPage(rel);
        for (const t of pages) expect(t, rel).toContain(mark);
      }
      for (const t of await printPage('p/HR-AT-003.html')) expect(t).not.toMatch(/DRAFT|OBSOLETE/);
    });
  });
});
