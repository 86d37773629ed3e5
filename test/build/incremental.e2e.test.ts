/**
 * `flowbook build` with its cache (.flowbook-cache/build/) makes, after every kind of change, the
 * same bytes as a build without the cache, while making again only what the change affects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm, stat, writeFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { readBuildCache, readDocumentChecks, readStoredTerms, writeBuildCache } from '../../src/output/build-cache.js';
import { builtSite, copyHandbook, EXAMPLE, FIXTURE, removeDir, siteDiff, TODAY } from '../dev/helpers.js';
import { Repo, leave } from '../control/history-repo.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

let dir: string | undefined;
afterEach(async () => {
  await removeDir(dir);
  dir = undefined;
});

async function readTree(root: string, base = '', out = new Map<string, Buffer>()): Promise<Map<string, Buffer>> {
  for (const e of await readdir(path.join(root, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) await readTree(root, rel, out);
    else out.set(rel, await readFile(path.join(root, rel)));
  }
  return out;
}

/** Build with the cache (as a user does), then compare the site with a build without it. */
async function cachedBuild(root: string, options: { today?: string; drafts?: boolean } = {}): Promise<BuildResult> {
  const r = await build({ root, today: options.today ?? TODAY, threads: 0, ...(options.drafts && { drafts: true }) });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
  const site = await readTree(path.join(root, 'site'));
  site.delete('.flowbook-site');
  expect(siteDiff(await builtSite(root, { ...(options.drafts && { drafts: true }), ...(options.today && { today: options.today }) }), site)).toEqual([]);
  return r;
}

const edit = async (root: string, file: string, fn: (s: string) => string) => writeFile(path.join(root, file), fn(await readFile(path.join(root, file), 'utf8')));

describe('incremental build', () => {
  it('matches a cold build through edits, renames, deletions, additions, templates, assets, settings and the register', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    const first = await cachedBuild(dir);
    expect(first.reused).toBe(0);
    const all = first.pages;

    // Nothing changed: every page carried over.
    expect((await cachedBuild(dir)).reused).toBe(all);

    // A step's text: that page (and the pages that show its steps) again, the rest carried over.
    await edit(dir, 'processes/a-leave.md', (s) => s.replace('Fill in the leave form', 'Fill in the new leave form'));
    let r = await cachedBuild(dir);
    expect(r.reused).toBeGreaterThan(0);
    expect(r.reused).toBeLessThan(all);

    // A name: the pages that link to it and the indexes.
    await edit(dir, 'processes/sub/b-pay.md', (s) => s.replace(/^name: .*$/m, 'name: Payroll renamed'));
    r = await cachedBuild(dir);
    expect(r.reused).toBeLessThan(all);

    // Rename, delete, add.
    await mkdir(path.join(dir, 'processes/moved'));
    await writeFile(path.join(dir, 'processes/moved/b-pay.md'), await readFile(path.join(dir, 'processes/sub/b-pay.md')));
    await rm(path.join(dir, 'processes/sub/b-pay.md'));
    await cachedBuild(dir);
    await rm(path.join(dir, 'processes/d-old.md'));
    await cachedBuild(dir);
    await writeFile(
      path.join(dir, 'processes/e-new.md'),
      '---\nname: New one\ncode: FX-009\nstatus: uncontrolled\nowner: Finance\ncontrol: Finance\nroles: [Clerk]\nsteps:\n  - role: Clerk\n    text: Do it\n  - role: Clerk\n    type: process\n    ref: FX-001\n---\nSee [leave](a-leave.md).\n',
    );
    await cachedBuild(dir);

    // Templates and the handbook's stylesheet.
    await mkdir(path.join(dir, 'templates/partials'), { recursive: true });
    await writeFile(path.join(dir, 'templates/custom.css'), 'body { color: #222 }\n');
    await cachedBuild(dir);
    await writeFile(path.join(dir, 'templates/partials/site-footer.hbs'), '<footer class="fb-footer">custom footer {{site.title}}</footer>\n');
    expect((await cachedBuild(dir)).reused).toBe(0);
    await writeFile(path.join(dir, 'templates/custom.css'), 'body { color: #333 }\n');
    await cachedBuild(dir);

    // Settings, the register of controlled copies, the date, drafts.
    await edit(dir, 'flowbook.yml', (s) => s.replace(/^title: .*$/m, 'title: Another title'));
    await cachedBuild(dir);
    await mkdir(path.join(dir, 'register'));
    await writeFile(path.join(dir, 'register/distribution.csv'), 'code,version,copy,holder,date,event\r\nFX-001,A/0,1,Finance,2026-01-10,issued\r\n');
    await cachedBuild(dir);
    await cachedBuild(dir, { today: '2026-03-01' });
    await cachedBuild(dir, { drafts: true });
    await rm(path.join(dir, 'templates'), { recursive: true });
    await cachedBuild(dir);
  });

  it('makes again a site file changed or removed by hand', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    const page = path.join(dir, 'site/p/FX-001.html');
    await writeFile(page, 'defaced');
    await rm(path.join(dir, 'site/index.html'));
    // Same size and time as recorded: still found, by its size.
    const r = await cachedBuild(dir);
    expect(r.reused).toBe(r.pages - 2);
    expect(await readFile(page, 'utf8')).toContain('<!doctype html>');
  });

  it('after one edit, patches the site in place: the folder, the other pages and the unchanged assets and search files are the same files', async () => {
    dir = await copyHandbook(EXAMPLE, 'fb-build-');
    await cachedBuild(dir);
    const ino = async (p: string) => (await stat(path.join(dir!, 'site', p))).ino;
    const others = ['.', 'index.html', 'p/HR-AT-002.html', 'assets/site.css', 'assets/search.js', 'assets/viewer.js'];
    const before = await Promise.all(others.map(ino));
    const edited = await ino('p/HR-AT-001.html');
    await edit(dir, 'processes/attendance/attendance.md', (s) => s.replace(/(\n\s*text: )/, '$1改 '));
    const r = await cachedBuild(dir);
    expect(r.reused).toBeGreaterThan(r.pages * 0.75);
    expect(await Promise.all(others.map(ino))).toEqual(before);
    expect(await ino('p/HR-AT-001.html')).not.toBe(edited);
  });

  it('removes a file added to the site by hand, even when nothing else changed', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    await writeFile(path.join(dir, 'site/p/stray.html'), 'stray');
    await cachedBuild(dir);
  });

  it('keeps the site and the cache when the handbook has errors', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    const before = await readTree(path.join(dir, 'site'));
    const cacheBefore = await readTree(path.join(dir, '.flowbook-cache'));
    await edit(dir, 'processes/a-leave.md', (s) => s.replace('role: Line Manager', 'role: Line Manger'));
    const r = await build({ root: dir, today: TODAY, threads: 0 });
    expect(r.ok).toBe(false);
    expect(siteDiff(before, await readTree(path.join(dir, 'site')))).toEqual([]);
    expect(siteDiff(cacheBefore, await readTree(path.join(dir, '.flowbook-cache')))).toEqual([]);
  });

  it('builds the example handbook the same with and without the cache, and reuses every page when nothing changed', async () => {
    dir = await copyHandbook(EXAMPLE, 'fb-build-');
    const first = await cachedBuild(dir, { drafts: true });
    const again = await cachedBuild(dir, { drafts: true });
    expect(again.reused).toBe(first.pages);
    await edit(dir, 'processes/attendance/leave.md', (s) => s.replace(/^name: .*$/m, 'name: 请假流程(新)'));
    const edited = await cachedBuild(dir, { drafts: true });
    expect(edited.reused).toBeGreaterThan(first.pages / 2);
  });

  it('reports the same diagnostics as a build without the cache: first, unchanged, and after an edit', async () => {
    dir = await copyHandbook(EXAMPLE, 'fb-build-');
    const late = '2030-01-01'; // every review is overdue: one warning per document
    const cold = await build({ root: dir, out: path.join(dir, 'cold'), today: late, threads: 0, cache: false });
    expect(cold.diagnostics.length).toBeGreaterThan(10);
    const first = await build({ root: dir, today: late, threads: 0 });
    const again = await build({ root: dir, today: late, threads: 0 });
    expect(again.reused).toBe(again.pages);
    await edit(dir, 'processes/attendance/leave.md', (s) => s.replace(/^review: .*$/m, 'review: 2031-01-01'));
    const edited = await build({ root: dir, today: late, threads: 0 });
    const coldEdited = await build({ root: dir, out: path.join(dir, 'cold'), today: late, threads: 0, cache: false, force: true });
    expect(first.diagnostics).toEqual(cold.diagnostics);
    expect(again.diagnostics).toEqual(cold.diagnostics);
    expect(edited.diagnostics).toEqual(coldEdited.diagnostics);
    expect(edited.diagnostics.length).toBe(cold.diagnostics.length - 1);
  });

  it('does not trust damaged cache files, nor a cache another Flowbook wrote', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    const cacheDir = path.join(dir, '.flowbook-cache/build');
    for (const f of await readdir(cacheDir)) await writeFile(path.join(cacheDir, f), '{"stamp": 1, "entries": [');
    expect((await cachedBuild(dir)).reused).toBe(0);
    // Another stamp: nothing of it is read.
    await writeBuildCache(cacheDir, 'other', { documents: new Map([['x', { diagnostics: [] }]]), terms: new Map([['k', { terms: 'a', masks: 'AQ', body: '' }]]), templates: new Set(['t']) });
    const read = await readBuildCache(cacheDir, 'mine');
    await readDocumentChecks(cacheDir, 'mine', read);
    expect(read.documents.size + (await readStoredTerms(cacheDir, 'mine')).size + read.templates.size).toBe(0);
    expect((await readStoredTerms(cacheDir, 'other')).size).toBe(1);
    expect(read.site).toBeUndefined();
    const theirs = await readBuildCache(cacheDir, 'other');
    await readDocumentChecks(cacheDir, 'other', theirs);
    expect(theirs.documents.size).toBe(1);
  });

  it('builds cold with --no-cache, and leaves no cache behind', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    await rm(path.join(dir, '.flowbook-cache'), { recursive: true });
    const r = await build({ root: dir, today: TODAY, threads: 0, cache: false });
    expect(r.reused).toBe(0);
    await expect(readdir(path.join(dir, '.flowbook-cache'))).rejects.toThrow();
  });

  it('notices a page whose bytes changed at the same size only by its time', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-build-');
    await cachedBuild(dir);
    const page = path.join(dir, 'site/roles.html');
    const text = await readFile(page, 'utf8');
    await writeFile(page, text.replace('<', '{'));
    await utimes(page, new Date(), new Date(Date.now() + 5000));
    const r = await cachedBuild(dir);
    expect(r.reused).toBe(r.pages - 1);
  });

  it('makes the changes pages and "what\'s new" again after a commit of an edit already built', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fb-build-git-'));
    const repo = new Repo(dir);
    const v = (version: string, first: string) => leave({ version, first, days: '3', body: '请假。', revisions: [`{ version: ${version}, date: 2025-01-01, change: 改 }`] });
    repo.write('flowbook.yml', 'title: 测试\n').write('processes/leave.md', v('A/0', '填写请假单')).write('processes/other.md', v('A/0', '填写').replace('HR-AT-003', 'HR-AT-009'));
    repo.commit('first', '2025-01-01T09:00:00+08:00');
    const first = await cachedBuild(dir);
    expect(first.pages).toBeGreaterThan(0);
    // Edited, built, then committed: the text is the same at the second build, the history is not.
    repo.write('processes/leave.md', v('A/1', '填写新的请假单'));
    const r = await cachedBuild(dir);
    expect(r.reused).toBeGreaterThan(0);
    repo.commit('second', '2025-02-01T09:00:00+08:00');
    await cachedBuild(dir);
  });

  it('runs git once per build, and not at all while HEAD stays where it was, whatever order the documents\' paths and codes are in', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fb-build-git-'));
    const repo = new Repo(dir);
    const v = (first: string, code: string) => leave({ version: 'A/0', first, days: '3', body: '请假。', revisions: ['{ version: A/0, date: 2025-01-01, change: 改 }'], code });
    // Path order: a-other, z-leave; code order: HR-AT-003 (z-leave), HR-AT-009 (a-other).
    repo.write('flowbook.yml', 'title: 测试\n').write('processes/z-leave.md', v('填写请假单', 'HR-AT-003')).write('processes/a-other.md', v('填写', 'HR-AT-009'));
    repo.commit('first', '2025-01-01T09:00:00+08:00');
    // A git on PATH that notes each run, then runs the real one.
    const bin = await mkdtemp(path.join(tmpdir(), 'fb-git-'));
    const log = path.join(bin, 'runs.log');
    const real = (await import('node:child_process')).execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${oldPath ?? ''}`;
    const runs = async () => {
      const r = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      await writeFile(log, '');
      // Flowbook's runs (the test's own commits run git too, without --no-pager).
      return r.flatMap((x) => x.match(/--no-pager (\S+)/)?.[1] ?? []).sort();
    };
    const counted = async () => {
      expect((await build({ root: dir!, today: TODAY, threads: 0 })).ok).toBe(true);
      return runs();
    };
    try {
      // rev-parse, log, and cat-file for the committed texts: each once.
      expect(await counted()).toEqual(['cat-file', 'log', 'rev-parse']);
      // Edited, not committed: the history is the last build's (HEAD has not moved).
      repo.write('processes/z-leave.md', v('填写新的请假单', 'HR-AT-003'));
      expect(await counted()).toEqual([]);
      // Committed: read again, once; the pages about change are those of a build without the cache.
      repo.commit('second', '2025-02-01T09:00:00+08:00');
      expect(await counted()).toEqual(['cat-file', 'log', 'rev-parse']);
      repo.write('processes/z-leave.md', v('填写又一版请假单', 'HR-AT-003'));
      await cachedBuild(dir);
    } finally {
      process.env.PATH = oldPath;
      await removeDir(bin);
    }
  });
});
