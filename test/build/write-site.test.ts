/**
 * The site writer: a rebuild that keeps most files patches the site in place (new files renamed
 * over old ones, files the new site lacks removed), and what a build killed while it changed the
 * site left is finished by the next one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recoverInterruptedWrites, SiteWriter } from '../../src/output/write-site.js';
import { SITE_MARKER, SITE_MARKER_TEXT } from '../../src/output/guard.js';
import { removeDir, tempDir } from '../helpers/browser.js';

/** A pid no process has (above Linux's default pid_max): what a killed build leaves behind. */
const DEAD = 4_194_400;

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')] = readFileSync(path.join(e.parentPath, e.name), 'utf8');
  return out;
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}

const OLD_SITE = { [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'home', 'p/a.html': 'a1', 'p/b.html': 'b1', 'gone/x.html': 'x' };

describe('SiteWriter', () => {
  let tmp: string;
  let out: string;
  beforeEach(() => {
    tmp = tempDir('fb-writer-');
    out = path.join(tmp, 'site');
    writeTree(out, OLD_SITE);
  });
  afterEach(() => removeDir(tmp));

  it('patches a site in place: kept files stay (same file), new ones replace old, the rest is removed with emptied folders', async () => {
    const keptIno = statSync(path.join(out, 'p/a.html')).ino;
    const w = await SiteWriter.open(out, { inPlace: true });
    expect(w.inPlace).toBe(true);
    w.keepSync(out, new Map([['index.html', 4], ['p/a.html', 2]]));
    w.writeSync([{ path: 'p/b.html', content: 'b2' }, { path: 'new/c.html', content: 'c' }]);
    const r = await w.commit();
    expect(tree(out)).toEqual({ [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'home', 'p/a.html': 'a1', 'p/b.html': 'b2', 'new/c.html': 'c' });
    expect(statSync(path.join(out, 'p/a.html')).ino).toBe(keptIno);
    expect(existsSync(path.join(out, 'gone'))).toBe(false);
    expect(readdirSync(tmp)).toEqual(['site']);
    expect(r.files).toBe(5);
  });

  it('swaps in a new folder when asked to patch a site that is not plainly Flowbook’s', async () => {
    // a link inside the site could send a moved file elsewhere
    symlinkSync(path.join(tmp, 'elsewhere'), path.join(out, 'p', 'link'));
    expect((await SiteWriter.open(out, { inPlace: true })).inPlace).toBe(false);
    removeDir(path.join(out, 'p', 'link'));
    // no marker: not a site Flowbook wrote
    removeDir(path.join(out, SITE_MARKER));
    const w = await SiteWriter.open(out, { inPlace: true });
    expect(w.inPlace).toBe(false);
    w.writeSync([{ path: 'index.html', content: 'new home' }]);
    await w.commit();
    expect(tree(out)).toEqual({ [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'new home' });
  });

  it('an aborted patch leaves the site as it was', async () => {
    const w = await SiteWriter.open(out, { inPlace: true });
    w.writeSync([{ path: 'p/b.html', content: 'b2' }]);
    await w.abort();
    expect(tree(out)).toEqual(OLD_SITE);
    expect(readdirSync(tmp)).toEqual(['site']);
  });
});

describe('recoverInterruptedWrites', () => {
  let tmp: string;
  let out: string;
  beforeEach(() => {
    tmp = tempDir('fb-recover-');
    out = path.join(tmp, 'site');
  });
  afterEach(() => removeDir(tmp));

  it('finishes a patch whose build died after writing its journal, part of it done', async () => {
    writeTree(out, { ...OLD_SITE, 'p/b.html': 'b2' }); // b was moved in before the build died
    writeTree(`${out}.tmp-${DEAD}`, { 'new/c.html': 'c' });
    writeFileSync(`${out}.patch-${DEAD}`, JSON.stringify({ write: ['new/c.html', 'p/b.html'], remove: ['gone/x.html'] }));
    await recoverInterruptedWrites(out);
    expect(tree(out)).toEqual({ [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'home', 'p/a.html': 'a1', 'p/b.html': 'b2', 'new/c.html': 'c' });
    expect(readdirSync(tmp)).toEqual(['site']);
  });

  it('removes, without applying it, a patch that never got its journal, or whose journal is unsafe', async () => {
    writeTree(out, OLD_SITE);
    writeTree(`${out}.tmp-${DEAD}`, { 'p/b.html': 'b2' });
    writeFileSync(`${out}.patchw-${DEAD}`, '{"write":["p/b.h');
    await recoverInterruptedWrites(out);
    expect(tree(out)).toEqual(OLD_SITE);
    writeTree(`${out}.tmp-${DEAD + 1}`, { 'x.html': 'x' });
    writeFileSync(`${out}.patch-${DEAD + 1}`, JSON.stringify({ write: ['x.html'], remove: ['../outside.txt'] }));
    writeFileSync(path.join(tmp, 'outside.txt'), 'keep me');
    await recoverInterruptedWrites(out);
    expect(tree(out)).toEqual(OLD_SITE);
    expect(readFileSync(path.join(tmp, 'outside.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(tmp).sort()).toEqual(['outside.txt', 'site']);
  });

  it('a swap killed between its renames: finished when the new site is whole, else undone', async () => {
    writeTree(`${out}.old-${DEAD}`, OLD_SITE);
    writeTree(`${out}.tmp-${DEAD}`, { [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'new home' });
    await recoverInterruptedWrites(out);
    expect(tree(out)).toEqual({ [SITE_MARKER]: SITE_MARKER_TEXT, 'index.html': 'new home' });
    expect(readdirSync(tmp)).toEqual(['site']);

    removeDir(out);
    writeTree(`${out}.old-${DEAD}`, OLD_SITE);
    writeTree(`${out}.tmp-${DEAD}`, { 'index.html': 'half written' }); // no marker: not whole
    await recoverInterruptedWrites(out);
    expect(tree(out)).toEqual(OLD_SITE);
    expect(readdirSync(tmp)).toEqual(['site']);
  });

  it('leaves the work of a build that is still running alone', async () => {
    writeTree(out, OLD_SITE);
    writeTree(`${out}.tmp-${process.ppid}`, { 'index.html': 'in progress' });
    await recoverInterruptedWrites(out);
    expect(readdirSync(tmp).sort()).toEqual(['site', `site.tmp-${process.ppid}`]);
  });
});
