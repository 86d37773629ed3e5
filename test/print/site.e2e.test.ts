/**
 * The built website printed as a reader would (file://, Chromium's print, read back with
 * pdftotext): uncontrolled mark and print date, page X of Y and code/version on every page,
 * watermarks for drafts and obsolete processes. Copies are issued with the real command first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../../src/build.js';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { flowbook } from '../helpers/cli.js';
import { hasPoppler, pdfPages, squash, TODAY, writeHandbook } from './helpers.js';

const chromium = findChromium();

describe.skipIf(!chromium || !hasPoppler)('the built site printed from Chromium', () => {
  let root: string;
  let out: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    root = await writeHandbook();
    const issued = flowbook(['print', 'HR-AT-003', '--holder', '审计部', '--copies', '2', '--root', root, '--out', path.join(root, 'print'), '--today', TODAY]);
    expect(issued.code, issued.all).toBe(0);
    out = path.join(root, 'site');
    const r = await build({ root, out, today: TODAY, drafts: true, threads: 0 });
    expect(r.ok).toBe(true);
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
