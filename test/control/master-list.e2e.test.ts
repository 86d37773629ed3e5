/**
 * The master list in Chromium over file://: it loads cleanly, its rows are the CSV's rows and the
 * register's copies, its links open process pages, a phone scrolls the table and not the page,
 * it prints on landscape pages, and a screenshot is kept for a person to look at
 * (/tmp/flowbook-master-list*.png). Skipped when no Chromium is installed.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { build } from '../../src/build.js';
import { approveText } from '../../src/control/approve.js';
import { parseLine } from '../../src/print/csv.js';
import { REPO, removeDir, tempDir } from '../site/helpers.js';

const chromium = findChromium();
const TODAY = '2026-11-27';
let dir: string;
let site: string;
let browser: Browser;

const REGISTER = [
  'code,version,copy,holder,date,event',
  'HR-PM-001,A/0,1,行政部,2025-02-01,issued',
  'HR-PM-002,A/0,1,销售部,2024-02-01,issued',
  'HR-PM-002,A/1,1,销售部,2025-02-03,issued',
  'HR-PM-002,A/1,2,财务部,2025-02-03,issued',
  'HR-RC-009,A/0,3,市场部,2024-01-05,issued',
  '',
].join('\r\n');

async function open(rel: string, width = 1400): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => !/^(file|data):/.test(r.url()) && problems.push(`left the site: ${r.url()}`));
  await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
  return { page, problems };
}

describe.skipIf(!chromium)('the master list in a browser', () => {
  beforeAll(async () => {
    dir = await tempDir('fb-master-list-');
    const root = path.join(dir, 'handbook');
    cpSync(path.join(REPO, 'processes'), path.join(root, 'processes'), { recursive: true });
    cpSync(path.join(REPO, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
    mkdirSync(path.join(root, 'register'));
    writeFileSync(path.join(root, 'register/distribution.csv'), REGISTER);
    // Two approvals bound to content: one as approved, one uncontrolled document edited since.
    for (const [rel, code, edit] of [
      ['processes/performance/employee-appraisal.md', 'HR-PM-002', false],
      ['processes/overview/hr-master-flow.md', 'HR-OV-001', true],
    ] as const) {
      const file = path.join(root, rel);
      const a = approveText({ file: rel, text: readFileSync(file, 'utf8') }, { code, by: '王军', as: 'approved', date: '2025-01-10' });
      writeFileSync(file, edit ? a.text.replace(/\n---\n/, '\n---\n\n补充说明。\n') : a.text);
    }
    site = path.join(dir, 'site');
    const r = await build({ root, out: site, today: TODAY, cache: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await removeDir(dir);
  });

  it('shows every document once, the same rows as the CSV, copies from the register, content checks', async () => {
    const { page, problems } = await open('master-list.html');
    const rows = await page.$$eval('.fb-master-list tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    const obsolete = await page.$$eval('.fb-obsolete-register tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    const csv = readFileSync(path.join(site, 'master-list.csv'), 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean).map((l) => parseLine(l)!);
    expect(csv.length - 1).toBe(rows.length + obsolete.length);
    expect(rows.map((r) => r[0])).toEqual(csv.slice(1, 1 + rows.length).map((r) => r[1]));
    expect(obsolete.map((r) => r[0])).toEqual(['HR-RC-009']);
    const row = (code: string) => rows.find((r) => r[0] === code)!;
    // Copies out of the current version, and to recall (A/0 of HR-PM-002 is superseded).
    expect(row('HR-PM-002').slice(-2)).toEqual(['2', '1']);
    expect(row('HR-PM-001').slice(-2)).toEqual(['1', '0']);
    expect(obsolete[0]!.at(-1)).toBe('1');
    expect(row('HR-PM-002')[10]).toBe('已核验');
    expect(row('HR-OV-001')[10]).toBe('批准后已修改');
    expect(row('HR-AT-003')[10]).toBe('未记录指纹');
    const meta = await page.textContent('.fb-ml-meta');
    expect(meta).toContain(`${rows.length} 份文件`);
    // The navigation marks the page; a code opens its process page, which says its content is verified.
    expect(await page.getAttribute('.fb-nav a[aria-current="page"]', 'href')).toBe('master-list.html');
    await page.screenshot({ path: '/tmp/flowbook-master-list.png', fullPage: true });
    await Promise.all([page.waitForURL(/HR-PM-002\.html$/), page.click('#ml-HR-PM-002 a')]);
    expect(await page.textContent('.fb-docheader-approval')).toContain('已核验');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('on a phone the table scrolls sideways inside its box, not the page', async () => {
    const { page, problems } = await open('master-list.html', 390);
    const widths = await page.evaluate(() => {
      const wrap = document.querySelector('.fb-master-list .fb-table-wrap')!;
      return { page: document.documentElement.scrollWidth, view: window.innerWidth, wrap: wrap.clientWidth, table: wrap.scrollWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    expect(widths.table).toBeGreaterThan(widths.wrap);
    expect(await page.isVisible('.fb-master-list thead')).toBe(true);
    await page.screenshot({ path: '/tmp/flowbook-master-list-phone.png' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('prints on landscape pages, with the table header repeated and no navigation', async () => {
    const { page } = await open('master-list.html');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A4 landscape: the first page's MediaBox is 842 x 595 points.
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(Buffer.from(pdf).toString('latin1'));
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([842, 595]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.fb-nav')).toBe(false);
    expect(await page.isVisible('.fb-ml-csv')).toBe(false);
    await page.close();
  });
});
