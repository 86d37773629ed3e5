/**
 * The drawing pages load Mermaid with one speed fix (render.ts, `mermaidBundle`): getConfig's deep
 * copy is made once per configuration object. It must apply to the installed Mermaid (or this
 * fails, so an upgrade is looked at), leave anything else alone, and change no picture: every
 * example diagram and the hostile texts are drawn with and without it and compared byte for byte.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERMAID_CONFIG, MERMAID_SCRIPT, mermaidBundle } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import { findChromium, launchChromium } from '../../../src/util/browser.js';
import { HOSTILE_TEXTS, processWithText } from './processes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const original = readFileSync(MERMAID_SCRIPT, 'utf8');
const chromium = findChromium();

describe('the getConfig fix', () => {
  it('applies to the installed Mermaid, once, and changes nothing else', () => {
    const { script, patched } = mermaidBundle(original);
    expect(patched).toBe(true);
    expect(script).not.toBe(original);
    expect(Math.abs(script.length - original.length)).toBeLessThan(100);
    expect(script.split('"getConfig"').length).toBe(original.split('"getConfig"').length);
  });

  it('leaves a bundle it does not recognise as it is', () => {
    expect(mermaidBundle('var x = 1;')).toEqual({ script: 'var x = 1;', patched: false });
    const twice = 'Lt=s(()=>ii({},$x),"getConfig");Lt=s(()=>ii({},$x),"getConfig")';
    expect(mermaidBundle(twice)).toEqual({ script: twice, patched: false });
  });

  describe.skipIf(!chromium)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium(chromium!);
    });
    afterAll(async () => browser?.close());

    const pageWith = async (script: string): Promise<Page> => {
      const page = await browser.newPage();
      await page.addScriptTag({ content: script });
      await page.evaluate(`mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)})`);
      return page;
    };

    it('draws every example diagram and the hostile texts byte-identically', { timeout: 180_000 }, async () => {
      const loaded = await loadHandbook(REPO, { today: '2026-11-27' });
      const processes = [...loaded.handbook!.processes, ...HOSTILE_TEXTS.slice(0, 12).map((t, i) => processWithText(t, `T-${i + 1}`))];
      const sources = processes.map((p) => toMermaidSource(p, { href: (code) => `${code}.html` }));
      const [plain, fixed] = await Promise.all([pageWith(original), pageWith(mermaidBundle(original).script)]);
      const draw = async (page: Page) => {
        const out: string[] = [];
        for (let i = 0; i < sources.length; i++) out.push(await page.evaluate<string>(`mermaid.render('d${i}', ${JSON.stringify(sources[i])}).then((r) => r.svg)`));
        return out;
      };
      const [a, b] = await Promise.all([draw(plain), draw(fixed)]);
      expect(a.length).toBe(sources.length);
      for (let i = 0; i < a.length; i++) expect(b[i], processes[i]!.code).toBe(a[i]);
    });
  });
});
