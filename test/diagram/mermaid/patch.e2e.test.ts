/**
 * The getConfig fix (render.ts, `patchGetConfig`; patch.test.ts checks it applies) changes no
 * picture: Flowbook's drawing page (Mermaid's ES modules, patched) draws every example diagram and
 * the hostile texts byte-identically to the plain single-file bundle, unchanged.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERMAID_CONFIG, MERMAID_SCRIPT, openMermaidPage } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import { findChromium, launchChromium } from '../../../src/util/browser.js';
import { HOSTILE_TEXTS, processWithText } from './processes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const chromium = findChromium();

describe.skipIf(!chromium)('the getConfig fix in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(chromium!);
  });
  afterAll(async () => browser?.close());

  const plainPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.route('**/*', (r) => r.abort());
    await page.addScriptTag({ content: readFileSync(MERMAID_SCRIPT, 'utf8') });
    await page.evaluate(`mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)})`);
    return page;
  };

  it('draws every example diagram and the hostile texts byte-identically to the plain bundle', { timeout: 180_000 }, async () => {
    const loaded = await loadHandbook(REPO, { today: '2026-11-27' });
    const processes = [...loaded.handbook!.processes, ...HOSTILE_TEXTS.slice(0, 12).map((t, i) => processWithText(t, `T-${i + 1}`))];
    const sources = processes.map((p) => toMermaidSource(p, { href: (code) => `${code}.html` }));
    const [plain, ours] = await Promise.all([plainPage(), openMermaidPage(browser)]);
    // Our page asked for nothing outside its made-up origin, and loaded modules, not the bundle.
    expect(await ours.evaluate(() => location.origin)).toBe('http://flowbook.invalid');
    const draw = async (page: Page) => {
      const out: string[] = [];
      for (let i = 0; i < sources.length; i++) out.push(await page.evaluate<string>(`mermaid.render('d${i}', ${JSON.stringify(sources[i])}).then((r) => r.svg)`));
      return out;
    };
    const [a, b] = await Promise.all([draw(plain), draw(ours)]);
    expect(a.length).toBe(sources.length);
    for (let i = 0; i < a.length; i++) expect(b[i], processes[i]!.code).toBe(a[i]);
  });
});
