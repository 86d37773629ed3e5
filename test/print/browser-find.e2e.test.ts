/** `flowbook print --pdf` says which browser made the PDF (on Windows it is often Edge, not Chrome). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { flowbook } from '../helpers/cli.js';
import { findBrowser } from '../../src/util/browser.js';
import { TODAY, writeHandbook } from './helpers.js';

const found = findBrowser();
let root: string;

describe.skipIf(!found)('flowbook print --pdf names its browser', () => {
  beforeAll(async () => {
    root = await writeHandbook();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prints "PDF made with <name> (<path>)" once, after the copies', () => {
    const r = flowbook(['print', 'HR-AT-003', '--holder', '张三', '--pdf', '--root', root, '--today', TODAY], { env: { FLOWBOOK_CHROMIUM: found!.path } });
    expect(r.code, r.all).toBe(0);
    expect(existsSync(path.join(root, 'print/HR-AT-003-A-0-copy001.pdf'))).toBe(true);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('PDF made with'));
    expect(lines).toEqual([`PDF made with ${found!.name} (${found!.path}).`]);
    expect(r.stdout.indexOf('PDF made with')).toBeGreaterThan(r.stdout.indexOf('issued HR-AT-003'));
  });
});
