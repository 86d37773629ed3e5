/**
 * Proof: the example site can be read by everyone.
 *  - axe-core (every rule on: colour contrast >= 4.5:1 is its color-contrast rule, and
 *    nested-interactive is NOT disabled) on the home, a process, a role, a department, the map,
 *    the search results page with results, and a process page in print media: zero serious or
 *    critical violations;
 *  - keyboard only: Tab from the top reaches the search box, a search result and the nav links,
 *    each with a visible focus indicator (outline or box-shadow differs from the unfocused state);
 *    "/" focuses the search box.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildExample, CHROMIUM, fileUrl, launch, listFiles, openPage, removeDir, runAxe, type BuiltSite } from '../helpers/browser.js';

let built: BuiltSite;
let browser: Browser;
let base: string;
const rulesSeen = new Set<string>();

describe.skipIf(!CHROMIUM)('accessibility of the example site', () => {
  beforeAll(async () => {
    [built, browser] = await Promise.all([buildExample('fb-proof-a11y-'), launch()]);
    base = fileUrl(built.site);
  });
  afterAll(async () => {
    await browser?.close();
    removeDir(built?.tmp);
  });

  const pages = () => {
    const files = listFiles(built.site);
    return [
      'index.html',
      'p/HR-AT-003.html',
      files.find((f) => f.startsWith('role/'))!,
      files.find((f) => f.startsWith('dept/'))!,
      'map.html',
      'roles.html',
      'departments.html',
      `search.html?q=${encodeURIComponent('请假')}`,
    ];
  };

  it('axe: no serious or critical violations on every kind of page, with no rule disabled', async () => {
    const failures: string[] = [];
    for (const rel of pages()) {
      const { page, problems } = await openPage(browser, base, rel);
      if (rel.startsWith('search.html')) await page.waitForSelector('.fb-result', { timeout: 10_000 });
      // Problems of the page itself (axe's own CSS preload over file:// is blocked by CORS and logs errors).
      failures.push(...problems.map((p) => `${rel}: ${p}`));
      const r = await runAxe(page);
      r.rules.forEach((x) => rulesSeen.add(x));
      failures.push(...r.serious.map((v) => `${rel}: ${v}`));
      await page.close();
    }
    expect(failures).toEqual([]);
    for (const rule of ['color-contrast', 'nested-interactive', 'aria-allowed-role', 'svg-img-alt', 'label', 'link-name', 'region', 'landmark-one-main', 'scrollable-region-focusable'])
      expect(rulesSeen.has(rule), `axe ran ${rule}`).toBe(true);
    expect(rulesSeen.size).toBeGreaterThan(80);
  });

  it('axe: the print view of a process page (emulated print media) has no serious or critical violations', async () => {
    const { page } = await openPage(browser, base, 'p/HR-ER-003.html');
    await page.emulateMedia({ media: 'print' });
    const r = await runAxe(page);
    expect(r.serious).toEqual([]);
    await page.close();
    console.info(`[proof/a11y] axe ran ${rulesSeen.size} rules on ${pages().length} pages + the print view`);
  });

  it('the axe run is live: planted low contrast and a link inside role=img are reported', async () => {
    const { page } = await openPage(browser, base, 'p/HR-ER-003.html');
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = '浅灰色的文字';
      p.style.color = '#bbbbbb';
      document.querySelector('main')!.append(p);
      const svg = document.querySelector('.fb-diagram-scroll svg')!;
      svg.setAttribute('role', 'img');
      const a = document.createElementNS('http://www.w3.org/2000/svg', 'a');
      a.setAttribute('href', '#main');
      a.textContent = 'x';
      svg.append(a);
    });
    const r = await runAxe(page);
    expect(r.serious.join('\n')).toMatch(/^color-contrast \(serious\)/m);
    expect(r.serious.join('\n')).toMatch(/^nested-interactive \(serious\)/m);
    await page.close();
  });

  /** Focus styles of the focused element, then of the same element unfocused. */
  async function tabThrough(page: Page, presses: number) {
    const seen: Array<{ desc: string; kind: string; focused: string; unfocused?: string }> = [];
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate((i) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        el.setAttribute('data-tab-index', String(i));
        const cs = getComputedStyle(el);
        const kind = el.id === 'fb-q' ? 'search' : el.closest('.fb-nav') ? 'nav' : el.closest('.fb-result') ? 'result' : el.closest('#fb-search-page') ? 'results-page' : 'other';
        return { desc: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${(el.textContent ?? '').trim().slice(0, 20)}`, kind, focused: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}` };
      }, i);
      if (s) seen.push(s);
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const unfocused = await page.evaluate(() =>
      [...document.querySelectorAll('[data-tab-index]')].map((el) => {
        const cs = getComputedStyle(el);
        return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}`;
      }),
    );
    seen.forEach((s, i) => (s.unfocused = unfocused[i]));
    return seen;
  }

  it('keyboard: Tab from the top reaches the search box, nav links and search results, each with a visible focus indicator', async () => {
    const { page, problems } = await openPage(browser, base, `search.html?q=${encodeURIComponent('请假')}`);
    await page.waitForSelector('.fb-result a', { timeout: 10_000 });
    const seen = await tabThrough(page, 40);
    const kinds = new Set(seen.map((s) => s.kind));
    expect([...kinds], seen.map((s) => s.desc).join(', ')).toEqual(expect.arrayContaining(['search', 'nav', 'result']));
    // The search box comes before the results: the header is first in the tab order.
    expect(seen.findIndex((s) => s.kind === 'search')).toBeLessThan(seen.findIndex((s) => s.kind === 'result'));
    const invisible = seen.filter((s) => s.focused === s.unfocused || /^none /.test(s.focused) && /\| none$/.test(s.focused));
    expect(invisible.map((s) => `${s.desc}: focused "${s.focused}" vs "${s.unfocused}"`)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keyboard: on a process page, Tab reaches the skip link first, then the search box and nav; the diagram scroller is focusable; "/" focuses search', async () => {
    const { page } = await openPage(browser, base, 'p/HR-ER-003.html');
    const seen = await tabThrough(page, 12);
    expect(seen[0]!.desc).toMatch(/^a /);
    expect(seen.some((s) => s.kind === 'search')).toBe(true);
    expect(seen.some((s) => s.kind === 'nav')).toBe(true);
    expect(seen.filter((s) => s.focused === s.unfocused).map((s) => s.desc)).toEqual([]);
    // The skip link is shown when focused and leads to <main>.
    await page.keyboard.press('Shift+Tab');
    await page.evaluate(() => (document.querySelector('.fb-skip') as HTMLElement).focus());
    const skip = await page.evaluate(() => {
      const r = document.querySelector('.fb-skip')!.getBoundingClientRect();
      return r.left >= 0 && r.width > 0;
    });
    expect(skip).toBe(true);
    await page.keyboard.press('Enter');
    // The fragment navigation lands asynchronously.
    await page.waitForURL(/#main$/, { timeout: 5000 }).catch(() => undefined);
    expect(page.url()).toMatch(/#main$/);
    // The diagram region is keyboard-scrollable.
    expect(await page.getAttribute('.fb-diagram-scroll', 'tabindex')).toBe('0');
    // "/" from anywhere outside a text field focuses the header search box.
    await page.click('h1');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fb-q');
    expect(await page.inputValue('#fb-q')).toBe('');
    await page.close();
  });
});
