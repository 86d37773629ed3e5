/**
 * The built website's print pieces: the count of controlled copies out from the distribution
 * register, the print stylesheet and script, the page size. Printed in Chromium (uncontrolled mark,
 * print date, page X of Y, watermarks on every page): site.e2e.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { build } from '../../src/build.js';
import { run } from '../../src/cli/main.js';
import { TODAY, writeHandbook } from './helpers.js';

/** `flowbook print` in process, its output swallowed; the exit code. */
async function flowbookPrint(args: string[]): Promise<{ code: number; all: string }> {
  let all = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((all += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((all += String(s)), true));
  try {
    return { code: await run(['node', 'flowbook', 'print', ...args]), all };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('the built site in print', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await writeHandbook();
    const issued = await flowbookPrint(['HR-AT-003', '--holder', '审计部', '--copies', '2', '--root', root, '--out', path.join(root, 'print'), '--today', TODAY]);
    expect(issued.code, issued.all).toBe(0);
    out = path.join(root, 'site');
    const r = await build({ root, out, today: TODAY, drafts: true, threads: 0 });
    expect(r.ok).toBe(true);
  });

  it('shows how many controlled copies of the current version are out', async () => {
    const page = async (code: string) => new JSDOM(await readFile(path.join(out, 'p', `${code}.html`), 'utf8')).window.document;
    const copies = (d: Document) => d.querySelector('.fb-docheader-copies dd')?.textContent;
    expect(copies(await page('HR-AT-003'))).toBe('2');
    expect(copies(await page('HR-LONG-001'))).toBe('0');
    expect((await page('HR-DR-001')).querySelector('.fb-docheader-copies')).toBeNull();
  });

  it('links the print stylesheet and script from every page, and the page size from the diagram', async () => {
    const html = await readFile(path.join(out, 'p', 'HR-WIDE-001.html'), 'utf8');
    expect(html).toContain('assets/print.css');
    expect(html).toContain('assets/print.js');
    expect(html).toMatch(/@page \{ size: A4 landscape/);
    const home = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('id="fb-print-marks-css"');
  });
});
