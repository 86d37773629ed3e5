/**
 * The changes page, "what's new" and a process page opened from a QR code, in Chromium from
 * file://: no console error, no request off the site, no serious axe violation, no sideways
 * scrolling of the page on a phone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { CHROMIUM, fileUrl, launch, openPage, runAxe, settle } from '../helpers/browser.js';
import { leave, Repo } from './history-repo.js';

let tmp: string;
let site: string;
let browser: Browser;

describe.skipIf(!CHROMIUM)('changes pages in the browser', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-history-browser-'));
    const root = path.join(tmp, 'handbook');
    const a0 = '{ version: A/0, date: 2024-01-10, change: 首次发布 }';
    const a1 = '{ version: A/1, date: 2025-03-01, change: 增加总经理审批 }';
    new Repo(root)
      .write('flowbook.yml', 'title: 手册\nurl: https://handbook.example.com/\n')
      .write('processes/leave.md', leave({ version: 'A/0', first: '填写请假条', days: '5天', body: '## 说明\n\n请假应事先办理。\n', revisions: [a0] }))
      .commit('首次发布', '2024-01-10T09:00:00+08:00')
      .write('processes/leave.md', leave({ version: 'A/1', first: '在系统中填写请假单，写明请假类别、起止时间和工作交接安排', days: '5天', gm: true, body: '## 说明\n\n请假应事先在系统中办理。\n', revisions: [a0, a1] }))
      .commit('A/1', '2025-03-01T09:00:00+08:00');
    site = path.join(tmp, 'site');
    expect((await build({ root, out: site, today: '2026-06-01', cache: false, threads: 0 })).ok).toBe(true);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each([
    ['changes/HR-AT-003.html', 1280],
    ['changes/HR-AT-003.html', 390],
    ['whats-new.html', 1280],
    ['whats-new.html', 390],
    ['p/HR-AT-003.html?v=A/0&copy=002', 390],
  ])('%s at %i px: no problem, no serious axe violation, no sideways page', async (rel, width) => {
    const o = await openPage(browser, fileUrl(site), rel, { width });
    await settle(o.page);
    expect(o.problems).toEqual([]);
    expect(o.dialogs).toEqual([]);
    expect((await runAxe(o.page)).serious).toEqual([]);
    const overflow = await o.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await o.page.close();
  });
});
