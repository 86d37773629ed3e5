/**
 * The drawing pages load Mermaid's ES modules (only the chunks a swimlane needs) with one speed fix
 * (render.ts, `patchGetConfig`: getConfig's deep copy made once per configuration object). The fix
 * must apply to exactly one module of the installed Mermaid (or this fails, so an upgrade is looked
 * at) and leave other text alone; and the pages must draw every example diagram and the hostile
 * texts byte-identically to the plain single-file bundle, unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERMAID_CONFIG, MERMAID_DIST, MERMAID_SCRIPT, openMermaidPage, patchGetConfig } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import { findChromium, launchChromium } from '../../../src/util/browser.js';
import { HOSTILE_TEXTS, processWithText } from './processes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const chromium = findChromium();

describe('the getConfig fix', () => {
  it('applies to exactly one module of the installed Mermaid, changing only that definition', () => {
    const dir = path.join(MERMAID_DIST, 'chunks', 'mermaid.esm.min');
    const files = [path.join(MERMAID_DIST, 'mermaid.esm.min.mjs'), ...readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => path.join(dir, f))];
    const hits = files.filter((f) => patchGetConfig(readFileSync(f, 'utf8')).patched);
    expect(hits).toHaveLength(1);
    const before = readFileSync(hits[0]!, 'utf8');
    const after = patchGetConfig(before).text;
    expect(after.split('"getConfig")').length).toBe(before.split('"getConfig")').length);
    expect(Math.abs(after.length - before.length)).toBeLessThan(80);
  });

  it('leaves text it does not recognise, or finds twice, as it is', () => {
    expect(patchGetConfig('var x = 1;')).toEqual({ text: 'var x = 1;', patched: false });
    const twice = 'Lt=s(()=>ii({},$x),"getConfig");Lt=s(()=>ii({},$x),"getConfig")';
    expect(patchGetConfig(twice)).toEqual({ text: twice, patched: false });
    expect(patchGetConfig('a;Lt=s(()=>ii({},$x),"getConfig");b').patched).toBe(true);
  });

  describe.skipIf(!chromium)('in Chromium', () => {
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
});
