/**
 * The build cache's files. In the .jsonl files a rebuild appends the entries it made, an entry is
 * parsed when used, a damaged line is made again (the later line wins), and the file is written
 * anew once it holds more unused entries than used ones. The git history and the "what's new"
 * entries are kept by the key they were made for.
 */
import { afterEach, expect, it } from 'vitest';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RawEntry, readBuildCache, readDocumentChecks, readStoredHistory, readStoredWhatsNew, writeBuildCache, type BuildCache } from '../../src/output/build-cache.js';
import { cacheBytes, readCacheText } from '../../src/output/cache-text.js';
import { removeDir, tempDir } from '../helpers/browser.js';

let tmp: string | undefined;
afterEach(() => removeDir(tmp));

const check = (n: number) => ({ diagnostics: [], doc: { code: `C-${n}`, name: `流程 ${n}` } });

async function read(dir: string): Promise<BuildCache> {
  const cache = await readBuildCache(dir, 'S');
  await readDocumentChecks(dir, 'S', cache);
  return cache;
}

const parsed = (cache: BuildCache) => Object.fromEntries([...cache.documents].map(([k, v]) => [k, (v as RawEntry).parse()]));
const lines = (dir: string) => readCacheText(path.join(dir, 'documents.jsonl')).split('\n').length - 1;

it('appends what a rebuild made, rewrites when most entries are unused, and makes a damaged entry again', async () => {
  tmp = tempDir('fb-build-cache-');
  await writeBuildCache(tmp, 'S', { documents: new Map([['a', check(1)], ['b', check(2)]]), templates: new Set() });
  let cache = await read(tmp);
  expect(parsed(cache)).toEqual({ a: check(1), b: check(2) });
  expect(cache.documents.get('a')).toBeInstanceOf(RawEntry);

  // One document edited: its old entry stays, the new one is appended.
  const before = readFileSync(path.join(tmp, 'documents.jsonl'));
  await writeBuildCache(tmp, 'S', { ...cache, documents: new Map([['a', cache.documents.get('a')], ['c', check(3)]]) });
  expect(readFileSync(path.join(tmp, 'documents.jsonl')).subarray(0, before.length).equals(before)).toBe(true);
  cache = await read(tmp);
  expect(parsed(cache)).toEqual({ a: check(1), b: check(2), c: check(3) });

  // A line cut short (a build killed while appending): that entry reads as damaged and is made again.
  appendFileSync(path.join(tmp, 'documents.jsonl'), Buffer.from('\nd\t{"diagn', 'utf16le'));
  cache = await read(tmp);
  expect((cache.documents.get('d') as RawEntry).parse()).toBeUndefined();
  await writeBuildCache(tmp, 'S', { ...cache, documents: new Map([['c', cache.documents.get('c')], ['d', check(4)]]) });
  cache = await read(tmp);
  expect(parsed(cache)).toMatchObject({ c: check(3), d: check(4) });

  // Most entries unused: the file is written anew with only the used ones.
  await writeBuildCache(tmp, 'S', { ...cache, documents: new Map([['d', cache.documents.get('d')]]) });
  expect(lines(tmp)).toBe(1);
  expect(parsed(await read(tmp))).toEqual({ d: check(4) });

  // Another stamp: nothing read, nothing appended to.
  const theirs = await readBuildCache(tmp, 'T');
  await readDocumentChecks(tmp, 'T', theirs);
  expect(theirs.documents.size).toBe(0);
  await writeBuildCache(tmp, 'T', { ...theirs, documents: new Map([['e', check(5)]]) });
  expect(lines(tmp)).toBe(1);
});

it('keeps the git history by the key it was read for, and trusts no other key, stamp or damaged file', async () => {
  tmp = tempDir('fb-build-cache-');
  const state = { commit: 'c1', date: '2025-01-01', author: '张三', subject: '初稿', file: 'processes/a.md', text: '---\nname: 请假\n---\n' };
  const history = { kind: 'git' as const, files: new Map([['processes/a.md', [state]], ['processes/b.md', []]]) };
  await writeBuildCache(tmp, 'S', { documents: new Map(), templates: new Set(), history: { key: 'K', history } });
  const cache = await read(tmp);
  const got = readStoredHistory(tmp, 'S', 'K', cache);
  expect(got && [...got.files]).toEqual([...history.files]);
  // Read and unchanged: not written again (its text is remembered).
  expect(cache.texts?.has('history.json')).toBe(true);
  expect(readStoredHistory(tmp, 'S', 'other key', await read(tmp))).toBeUndefined();
  expect(readStoredHistory(tmp, 'other stamp', 'K', await read(tmp))).toBeUndefined();
  const file = path.join(tmp, 'history.json');
  const text = readCacheText(file);
  writeFileSync(file, cacheBytes(text.replace('"author":"张三"', '"author":3')));
  expect(readStoredHistory(tmp, 'S', 'K', await read(tmp))).toBeUndefined();
  writeFileSync(file, cacheBytes(text.slice(0, -5)));
  expect(readStoredHistory(tmp, 'S', 'K', await read(tmp))).toBeUndefined();
});

it('keeps "what\'s new" entries by key, and drops a damaged entry or another stamp\'s', async () => {
  tmp = tempDir('fb-build-cache-');
  const entry = { code: 'HR-1', name: '请假', version: 'A/1', date: '2026-01-02', summary: '改了 1 步', change: '', author: '张三', target: 'changes/HR-1.html#v-1' };
  await writeBuildCache(tmp, 'S', { documents: new Map(), templates: new Set(), whatsNew: new Map([['k1', [entry]], ['k2', []]]) });
  const cache = await read(tmp);
  expect([...readStoredWhatsNew(tmp, 'S', cache)]).toEqual([['k1', [entry]], ['k2', []]]);
  expect(cache.texts?.has('whats-new.json')).toBe(true);
  expect(readStoredWhatsNew(tmp, 'other', await read(tmp)).size).toBe(0);
  const file = path.join(tmp, 'whats-new.json');
  writeFileSync(file, cacheBytes(readCacheText(file).replace('"author":"张三"', '"author":null')));
  expect([...readStoredWhatsNew(tmp, 'S', await read(tmp)).keys()]).toEqual(['k2']);
});
