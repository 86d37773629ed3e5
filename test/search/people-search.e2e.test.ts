/**
 * Searching the example handbook as people search, in Chromium from file://: one character,
 * pinyin and initials, a synonym from flowbook.yml, a number by its beginning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { loadHandbook } from '../../src/load.js';
import { build } from '../../src/build.js';
import { stripMarkdown } from '../../src/search/build-index.js';
import type { Process } from '../../src/model/types.js';

const chromium = findChromium();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const handbook = await loadHandbook(ROOT, { today: '2026-11-27' });
const live = (handbook.handbook?.processes ?? []).filter((p) => p.status !== 'draft' && p.status !== 'obsolete');
const textOf = (p: Process) =>
  [p.name, p.code, ...p.tags, ...p.steps.flatMap((s) => [s.text, s.note ?? '', ...s.next.map((e) => e.label ?? '')]), ...p.roles, p.owner, p.control, p.category ?? '', stripMarkdown(p.body)].join('\n');

describe.skipIf(!chromium)('searching the example handbook as people search (Chromium, file://)', () => {
  let browser: Browser;
  let tmp = '';
  let site = '';

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-people-search-'));
    const hb = path.join(tmp, 'handbook');
    cpSync(path.join(ROOT, 'flowbook.yml'), path.join(hb, 'flowbook.yml'));
    cpSync(path.join(ROOT, 'processes'), path.join(hb, 'processes'), { recursive: true });
    const out = path.join(tmp, 'site');
    const built = await build({ root: hb, out, today: '2026-11-27', cache: false, threads: 1 });
    expect(built.ok, JSON.stringify(built.diagnostics.slice(0, 3))).toBe(true);
    site = pathToFileURL(out).href + '/';
    browser = await launchChromium(chromium!);
  });

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** The results page for a query: names, in order, once the count is shown. */
  async function results(q: string): Promise<{ page: Page; names: string[]; count: string }> {
    const page = await browser.newPage();
    await page.goto(`${site}search.html?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('#fb-search-page .fb-summary')?.textContent ?? ''));
    const names = await page.$$eval('#fb-search-page .fb-result-title', (els) => els.map((e) => e.textContent ?? ''));
    const count = (await page.textContent('#fb-search-page .fb-summary')) ?? '';
    return { page, names, count };
  }

  it('the example sets synonyms in flowbook.yml', () => {
    expect(handbook.handbook?.settings.synonyms).toContainEqual(['年假', '年休假']);
  });

  it('假 finds every process that contains it, 请假流程 first', async () => {
    const want = live.filter((p) => textOf(p).includes('假'));
    const fewer = live.filter((p) => textOf(p).includes('请假'));
    expect(want.length).toBeGreaterThan(fewer.length);
    const r = await results('假');
    expect(r.count).toBe(`找到 ${want.length} 个流程`);
    expect(r.names[0]).toBe('请假流程');
    expect([...r.names].sort()).toEqual(want.map((p) => p.name).sort());
    await r.page.close();
  });

  it.each([
    ['qingjia', '请假流程'],
    ['qj', '请假流程'],
    ['jiaban', '加班管理流程'],
  ])('pinyin %s offers %s first in the header box', async (q, name) => {
    const page = await browser.newPage();
    await page.goto(`${site}index.html`);
    await page.click('#fb-q');
    await page.keyboard.type(q);
    await page.waitForFunction((q) => {
      const list = document.getElementById('fb-search-list');
      const all = list?.lastElementChild as HTMLElement | null | undefined;
      return !!list && !list.hidden && !!all?.dataset.href && new URL(all.dataset.href).searchParams.get('q') === q;
    }, q);
    const names = await page.$$eval('#fb-search-list .fb-name', (els) => els.map((e) => e.textContent ?? ''));
    expect(names[0]).toBe(name);
    await page.close();
  });

  it('年假 (not in any document) finds 年休假 through the synonyms, and highlights it', async () => {
    expect(live.some((p) => textOf(p).includes('年假'))).toBe(false);
    const r = await results('年假');
    expect(r.names).toEqual(live.filter((p) => textOf(p).includes('年休假')).map((p) => p.name));
    expect(r.names.length).toBeGreaterThan(0);
    await r.page.waitForSelector('#fb-search-page .fb-result-snippet mark');
    const marks = await r.page.$$eval('#fb-search-page .fb-result-snippet mark', (els) => els.map((e) => e.textContent));
    expect(marks).toContain('年休假');
    await r.page.close();
  });

  it('a number finds the numbers it begins (20 -> 200, 2025)', async () => {
    const begins = (p: Process) => /(?<!\d)20\d*(?!\d)/.test(textOf(p));
    const exactly = (p: Process) => /(?<!\d)20(?!\d)/.test(textOf(p));
    const want = live.filter(begins);
    // At least one process only a longer number finds: the prefix is what finds it.
    expect(want.filter((p) => !exactly(p)).length).toBeGreaterThan(0);
    const r = await results('20');
    expect([...r.names].sort()).toEqual(want.map((p) => p.name).sort());
    await r.page.waitForSelector('#fb-search-page .fb-result-snippet mark');
    const marks = await r.page.$$eval('#fb-search-page .fb-result-snippet mark', (els) => els.map((e) => e.textContent ?? ''));
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toMatch(/^20\d*$/);
    await r.page.close();
  });
});
