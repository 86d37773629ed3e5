/**
 * The search script in a real Chromium, on the real site: src/build.ts builds a copy of the example
 * handbook (plus one hostile document) into a temp folder. Typing real queries, keyboard use, the
 * results page and its facets, file:// and a static HTTP server under a sub-path, and nothing
 * loaded before the reader starts to search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { loadHandbook } from '../../src/load.js';
import { build } from '../../src/build.js';
import { createRequire } from 'node:module';

const chromium = findChromium();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const handbook = await loadHandbook(ROOT, { today: '2026-11-27' });
const published = (handbook.handbook?.processes ?? []).filter((p) => p.status !== 'draft');
const code = (name: string) => published.find((p) => p.name === name)!.code;

const EVIL = '<img src=x onerror="window.pwned=1">请假<b>粗体</b>';
const HOSTILE_DOC = `---
name: '${EVIL}'
code: ZZ-EVIL-1
version: A/0
status: controlled
owner: 人力资源部
control: 人力资源总监
category: '<script>window.pwned=4</script>'
effective: 2025-01-01
review: 2027-01-01
roles: ['<script>window.pwned=2</script>', 员工]
steps:
  - role: '<script>window.pwned=2</script>'
    text: '填写 <img src=x onerror="window.pwned=1"> 粗体'
  - role: 员工
    text: 结束
signoff:
  prepared: { by: 张敏, date: 2024-12-01 }
  reviewed: { by: 李强, date: 2024-12-05 }
  approved: { by: 王军, date: 2024-12-07 }
revisions:
  - { version: A/0, date: 2025-01-01, change: 首次发布 }
tags: ['</script><script>window.pwned=3</script>']
---

</script><script>window.pwned=3</script> 粗体 <img src=x onerror="window.pwned=5">
`;

describe.skipIf(!chromium)('search in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let cleanup = '';
  let server: Server;
  let http: string;
  let file: string;

  beforeAll(async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-search-'));
    const hb = path.join(tmp, 'handbook');
    cpSync(path.join(ROOT, 'flowbook.yml'), path.join(hb, 'flowbook.yml'));
    cpSync(path.join(ROOT, 'processes'), path.join(hb, 'processes'), { recursive: true });
    writeFileSync(path.join(hb, 'processes', 'zz-evil.md'), HOSTILE_DOC);
    dir = path.join(tmp, 'site');
    const built = await build({ root: hb, out: dir, today: '2026-11-27', cache: false, threads: 1 });
    expect(built.ok, JSON.stringify(built.diagnostics.slice(0, 3))).toBe(true);
    expect(built.notes.join(' ')).not.toMatch(/search index skipped/);
    cleanup = tmp;
    file = pathToFileURL(dir).href + '/';
    server = createServer((req, res) => {
      const p = path.join(dir, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
      try {
        const body = readFileSync(p);
        res.writeHead(200, { 'content-type': p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    http = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sub/path/`;
    // Serve the site under a sub-path too.
    const inner = server.listeners('request')[0] as (req: { url?: string }, res: unknown) => void;
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      req.url = req.url!.replace(/^\/sub\/path/, '');
      inner(req, res);
    });
    browser = await launchChromium(chromium!);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (cleanup) rmSync(cleanup, { recursive: true, force: true });
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    await page.goto(url);
    return page;
  }

  /** Types into the header box and waits for the dropdown's options. */
  async function type(page: Page, q: string): Promise<{ names: string[]; hrefs: string[] }> {
    await page.fill('#fb-q', '');
    await page.click('#fb-q');
    await page.keyboard.type(q);
    // Typing is debounced and answers come back asynchronously: wait for the dropdown drawn for
    // the whole query, known by its last option, "all results", which links to search.html?q=<q>.
    await page.waitForFunction(
      (q) => {
        const list = document.getElementById('fb-search-list');
        const all = list?.lastElementChild as HTMLElement | null | undefined;
        return (document.getElementById('fb-q') as HTMLInputElement).value === q && !!list && !list.hidden && !!all?.dataset.href && new URL(all.dataset.href).searchParams.get('q') === q;
      },
      q,
    );
    return page.evaluate(() => ({
      names: [...document.querySelectorAll('#fb-search-list .fb-name')].map((e) => e.textContent ?? ''),
      hrefs: [...document.querySelectorAll('#fb-search-list [role=option]')].map((e) => (e as HTMLElement).dataset.href ?? ''),
    }));
  }

  it('loads nothing before the reader starts to search, then the manifest on focus', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${http}p/${code('请假流程')}.html`);
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('Tab');
    expect(requests.filter((u) => u.includes('/search/'))).toEqual([]);
    // Only the page's own small scripts (search box, print date, chart viewer, copy check); no search data.
    expect(requests.filter((u) => u.endsWith('.js') && !/\/assets\/(search|print|viewer|copy-check)\.js$/.test(u))).toEqual([]);
    await page.focus('#fb-q');
    await page.waitForFunction(() => !!(window as unknown as { __flowbookSearch: { engine: { manifest: unknown } } }).__flowbookSearch.engine.manifest);
    expect(requests.filter((u) => u.includes('/search/')).map((u) => u.replace(/\?.*/, '').replace(/.*\//, ''))).toEqual(['manifest.js']);
    // The sub-path is kept: the index is found relative to the script.
    expect(requests.find((u) => u.includes('manifest.js'))).toContain('/sub/path/search/manifest.js');
    const r = await type(page, '请假');
    expect(r.names[0]).toBe('请假流程');
    expect(requests.some((u) => /\/search\/terms-\d+\.js\?v=/.test(u))).toBe(true);
    await page.close();
  });

  it.each([
    ['调动', '员工工作调动流程'],
    ['转正', '新员工试用期满转正流程'],
    ['请假', '请假流程'],
    ['加班', '加班管理流程'],
    ['leave', '请假流程'],
    ['overtime', '加班管理流程'],
    ['transfr', '员工工作调动流程'],
  ])('from file://, typing %s offers %s first', async (q, name) => {
    const page = await open(`${file}index.html`);
    const r = await type(page, q);
    expect(r.names[0]).toBe(name);
    expect(r.hrefs[0]).toMatch(new RegExp(`^file://.*/p/${code(name)}\\.html`));
    await page.close();
  });

  it('lists codes under a prefix and announces the count', async () => {
    const page = await open(`${file}p/${code('请假流程')}.html`);
    const r = await type(page, 'HR-');
    expect(r.names).toHaveLength(8);
    const n = published.filter((p) => p.code.startsWith('HR-') && p.status !== 'obsolete').length;
    await expect.poll(() => page.textContent('form.fb-search [role=status]')).toBe(`找到 ${n} 个流程`);
    expect(await page.textContent('#fb-search-list [role=option]:last-child')).toBe(`查看全部 ${n} 个结果`);
    await page.close();
  });

  it('is a combobox: "/" focuses, arrows move, Escape closes, Enter opens the active result', async () => {
    const page = await open(`${file}index.html`);
    // "/" typed into another field (the home page's own search box) stays there.
    await page.click('#fb-q-home');
    await page.keyboard.type('a/b');
    expect(await page.inputValue('#fb-q-home')).toBe('a/b');
    await page.keyboard.press('Escape');
    await page.click('h1');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fb-q');
    await page.keyboard.type('请假');
    await page.waitForSelector('#fb-search-list:not([hidden]) [role=option]');
    const attrs = () =>
      page.evaluate(() => {
        const i = document.getElementById('fb-q')!;
        return { role: i.getAttribute('role'), expanded: i.getAttribute('aria-expanded'), active: i.getAttribute('aria-activedescendant'), controls: i.getAttribute('aria-controls') };
      });
    expect(await attrs()).toEqual({ role: 'combobox', expanded: 'true', active: null, controls: 'fb-search-list' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await attrs()).active).toBe('fb-opt-1');
    expect(await page.getAttribute('#fb-opt-1', 'aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect((await attrs()).active).toBe('fb-opt-0');
    await page.keyboard.press('Escape');
    expect(await attrs()).toMatchObject({ expanded: 'false', active: null });
    await page.keyboard.press('ArrowDown');
    expect((await attrs()).expanded).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/p/${code('请假流程')}\\.html$`));
    await page.close();
  });

  // Scoped to the search widgets: the rest of the page is the site's (test/site checks it).
  it('passes axe with the dropdown open and on the results page', async () => {
    const axe = async (page: Page) => {
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const r = (await page.evaluate(`axe.run({ include: [['form.fb-search'], ['#fb-search-page']] }, { resultTypes: ['violations'] })`)) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    const page = await open(`${file}p/${code('请假流程')}.html`);
    await type(page, '审批');
    await page.waitForSelector('#fb-search-list .fb-snippet');
    await page.keyboard.press('ArrowDown');
    expect(await axe(page)).toEqual([]);
    await page.close();
    const results = await open(`${file}search.html?q=${encodeURIComponent('审批')}`);
    await results.waitForSelector('.fb-result-snippet');
    expect(await axe(results)).toEqual([]);
    await results.close();
  });

  it('clicking an option opens it', async () => {
    const page = await open(`${file}index.html`);
    await type(page, '转正');
    await page.click('#fb-opt-0');
    await page.waitForURL(new RegExp(`/p/${code('新员工试用期满转正流程')}\\.html$`));
    await page.close();
  });

  it('says when nothing is found', async () => {
    const page = await open(`${file}index.html`);
    await page.click('#fb-q');
    await page.keyboard.type('zzzqqq');
    await page.waitForSelector('form.fb-search .fb-empty:not([hidden])');
    expect(await page.textContent('form.fb-search .fb-empty')).toBe('没有找到流程');
    expect(await page.getAttribute('#fb-q', 'aria-expanded')).toBe('false');
    await expect.poll(() => page.textContent('form.fb-search [role=status]')).toBe('没有找到流程');
    await page.close();
  });

  it('links a step match straight to the step', async () => {
    const page = await open(`${file}index.html`);
    await type(page, '核对');
    await page.waitForSelector('#fb-search-list .fb-snippet mark');
    const href = await page.getAttribute('#fb-opt-0', 'data-href');
    expect(href).toMatch(/\.html#step-\d+$/);
    expect(await page.textContent('#fb-opt-0 .fb-snippet mark')).toBe('核对');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#step-\d+$/);
    await page.close();
  });

  it('shows hostile document text as text', async () => {
    const page = await open(`${file}index.html`);
    const r = await type(page, '粗体');
    expect(r.names[0]).toBe(EVIL);
    await page.waitForSelector('#fb-search-list .fb-snippet');
    expect(await page.$$('#fb-search-list img, #fb-search-list b, #fb-search-list script')).toHaveLength(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.goto(`${file}search.html?q=${encodeURIComponent('粗体')}`);
    await page.waitForSelector('.fb-result-snippet');
    expect(await page.$$('#fb-search-page img, #fb-search-page b, #fb-search-page script')).toHaveLength(0);
    expect(await page.textContent('.fb-result-title')).toBe(EVIL);
    expect(await page.$$eval('#fb-facet-category option', (os) => os.map((o) => o.textContent))).toContain('<script>window.pwned=4</script> (1)');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.close();
  });

  it('results page: shareable URL, facets, obsolete on request, snippets', async () => {
    const page = await open(`${file}search.html?q=${encodeURIComponent('审批')}&category=${encodeURIComponent('考勤与休假')}`);
    await page.waitForSelector('.fb-result');
    expect(await page.inputValue('#fb-q')).toBe('审批');
    const shown = await page.$$eval('.fb-result .fb-code', (es) => es.map((e) => e.textContent));
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.every((c) => c!.startsWith('HR-AT-'))).toBe(true);
    expect(await page.inputValue('#fb-facet-category')).toBe('考勤与休假');
    // Clearing the category widens the results and updates the URL.
    await page.selectOption('#fb-facet-category', '');
    await expect.poll(() => page.$$eval('.fb-result', (es) => es.length)).toBeGreaterThan(shown.length);
    expect(page.url()).not.toContain('category=');
    await page.selectOption('#fb-facet-role', '请假人员');
    await expect.poll(() => page.$$eval('.fb-result .fb-code', (es) => es.map((e) => e.textContent))).toEqual([code('请假流程')]);
    expect(decodeURIComponent(page.url())).toContain('role=请假人员');
    await page.waitForSelector('.fb-result-snippet mark');
    await page.close();

    const obsolete = published.find((p) => p.status === 'obsolete')!;
    const p2 = await open(`${file}search.html?q=${encodeURIComponent(obsolete.name)}`);
    await p2.waitForSelector('.fb-summary');
    await expect.poll(() => p2.$$eval('.fb-result .fb-code', (es) => es.map((e) => e.textContent))).not.toContain(obsolete.code);
    await p2.check('#fb-facet-obsolete');
    await expect.poll(() => p2.$$eval('.fb-result .fb-code', (es) => es.map((e) => e.textContent)[0])).toBe(obsolete.code);
    expect(p2.url()).toContain('obsolete=1');
    expect(await p2.textContent('.fb-result .fb-status-obsolete')).toBe('作废');
    await p2.close();
  });

  it('results page pages through long lists', async () => {
    const page = await open(`${file}search.html?q=HR-`);
    await page.waitForSelector('.fb-result');
    const n = published.filter((p) => p.code.startsWith('HR-') && p.status !== 'obsolete').length;
    expect(n).toBeGreaterThan(20);
    expect(await page.$$eval('.fb-result', (es) => es.length)).toBe(20);
    await page.click('.fb-more');
    await expect.poll(() => page.$$eval('.fb-result', (es) => es.length)).toBe(n);
    expect(await page.isHidden('.fb-more')).toBe(true);
    await page.close();
  });

  it('search.html without a query waits for the reader; the form submits there from any page', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${http}p/${code('请假流程')}.html`);
    await page.fill('#fb-q', '加班');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search\.html\?q=/);
    await page.waitForSelector('.fb-result');
    expect(await page.textContent('.fb-result .fb-name, .fb-result-title')).toBe('加班管理流程');
    await page.goto(`${http}search.html`);
    await page.waitForSelector('.fb-summary');
    const before = requests.length;
    // Until the network has been quiet (500 ms with no request), not a guessed time.
    await page.waitForLoadState('networkidle');
    expect(requests.slice(before).filter((u) => u.includes('/search/'))).toEqual([]);
    await page.close();
  });
});
