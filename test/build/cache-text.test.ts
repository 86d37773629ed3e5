/** Cache files are UTF-16 with a byte-order mark; UTF-8 ones (older caches) still read. */
import { afterEach, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheBytes, readCacheText } from '../../src/output/cache-text.js';
import { removeDir, tempDir } from '../helpers/browser.js';

let tmp: string | undefined;
afterEach(() => removeDir(tmp));

it('reads back what it wrote, whatever the text, and reads UTF-8 files too', () => {
  tmp = tempDir('fb-cache-text-');
  const file = path.join(tmp, 'c');
  for (const text of ['', '{"a":"请假申请"}', 'ASCII only', '𠀀 astral 😀, \uFEFF a mark inside, \u0000 nul', '\uFEFFstarts with a mark']) {
    writeFileSync(file, cacheBytes(text));
    expect(readCacheText(file)).toBe(text);
  }
  expect([...readFileSync(file).subarray(0, 2)]).toEqual([0xff, 0xfe]);
  writeFileSync(file, '{"名":"请假"}', 'utf8');
  expect(readCacheText(file)).toBe('{"名":"请假"}');
});

it('refuses a UTF-16 file cut short by an odd byte (the rest would be read out of step)', () => {
  tmp = tempDir('fb-cache-text-');
  const file = path.join(tmp, 'c');
  writeFileSync(file, Buffer.concat([cacheBytes('{"a":1}'), Buffer.from([0x41])]));
  expect(() => readCacheText(file)).toThrow(/cut short/);
});
