/**
 * The browser scripts as bundled (scripts/bundle.mjs): the same bytes on every run and no path of
 * the machine that built them, up to date with src/browser/, and, in a real Chromium page from
 * file://, the search script's tokenizer (the build's own module, bundled) cutting hostile text
 * exactly as the index build does in Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../src/search/tokenize.js';
import { BROWSER_SCRIPTS_DIR } from '../../src/site/assets.js';
import { findChromium, launchChromium } from '../../src/util/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const chromium = findChromium();

describe('the bundled browser scripts', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-bundle-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('are deterministic, carry no local path, and match assets/ (built from the current sources)', () => {
    const runs = ['a', 'b'].map((n) => {
      const out = path.join(tmp, n);
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'browser', '--outdir', out], { cwd: ROOT, stdio: 'pipe' });
      return new Map(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    });
    const [a, b] = runs as [Map<string, string>, Map<string, string>];
    expect([...a.keys()].sort()).toEqual(['copy-check.js', 'map.js', 'print.js', 'search.js', 'site.js', 'viewer.js']);
    for (const [name, text] of a) {
      expect(b.get(name), `${name}: two runs differ`).toBe(text);
      expect(readFileSync(path.join(BROWSER_SCRIPTS_DIR, name), 'utf8'), `assets/${name} is stale: run "npm run build:ts"`).toBe(text);
      for (const local of [ROOT, ROOT.replace(/\/$/, ''), os.homedir(), tmp]) expect(text.includes(local), `${name} contains ${local}`).toBe(false);
      // Classic scripts (an IIFE), which also load from file://.
      expect(text).not.toMatch(/^\s*(?:import|export)\s/m);
    }
  });
});

const HOSTILE = [
  '<img src=x onerror="window.pwned=1">请假<b>粗体</b>',
  '</script><script>alert(1)</script> 加班费 overtime-pay',
  'ＡＢｃ１２ ﬁle ﬀ ① ㍻ Ⅻ',
  'e\u0301e\u0301 \u0301\u0301 a\u0308\u0304',
  '\uD800 lone \uDC00 surrogates \uD83D',
  '👩‍👩‍👧 emoji 🇨🇳 flags 1️⃣',
  '𠀀𠀁𪚥 astral Han 𠀀请',
  'العربية עברית mixed 中文 RTL\u202Ebidi\u202C',
  'ひらがな カタカナ 한국어 漢字 mixed',
  'İstanbul ǅ ß ẞ Σίσυφος ΣΑΣ',
  'leaves policies processes boxes status class is',
  '\u0000\u0001\u001f\u007f\u200b\u200d\ufeff',
  '员工'.repeat(2000) + ' words '.repeat(500),
];

describe.skipIf(!chromium)('the search tokenizer in Chromium', () => {
  let browser: Browser;
  let dir = '';
  beforeAll(async () => {
    browser = await launchChromium(chromium!);
    dir = mkdtempSync(path.join(os.tmpdir(), 'fb-tok-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'search.js'), readFileSync(path.join(BROWSER_SCRIPTS_DIR, 'search.js')));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><script src="assets/search.js"></script></body></html>');
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the build’s tokens for hostile strings, from file://', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.waitForFunction(() => !!(window as unknown as { __flowbookSearch?: unknown }).__flowbookSearch);
    const generated = fc.sample(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), { numRuns: 300, seed: 14 });
    const inputs = [...HOSTILE, ...generated];
    const got = await page.evaluate((texts) => {
      const core = (window as unknown as { __flowbookSearch: { core: { tokenize(s: string, o: { unigrams: boolean }): Token[] } } }).__flowbookSearch.core;
      return texts.map((t) => [core.tokenize(t, { unigrams: false }), core.tokenize(t, { unigrams: true })]);
    }, inputs);
    inputs.forEach((t, i) => {
      expect(got[i]![0], JSON.stringify(t.slice(0, 80))).toEqual(tokenize(t));
      expect(got[i]![1], JSON.stringify(t.slice(0, 80))).toEqual(tokenize(t, { unigrams: true }));
    });
    await page.close();
  });
});
