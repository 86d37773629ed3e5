/** `flowbook dev` in a git repository: the changes pages and "what's new" are what `build` makes, through edits. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DevSite } from '../../src/dev/incremental.js';
import { builtSite, copyHandbook, FIXTURE, removeDir, siteDiff, TODAY } from '../dev/helpers.js';
import { git } from './history-repo.js';

let dir: string | undefined;
afterAll(() => removeDir(dir));

const edit = async (file: string, fn: (s: string) => string) => writeFile(path.join(dir!, file), fn(await readFile(path.join(dir!, file), 'utf8')));

describe('dev server with git history', () => {
  it('renders the changes pages as build does, and updates them when a document is edited', async () => {
    dir = await copyHandbook(FIXTURE, 'fb-history-dev-');
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['add', '-A', '.']);
    git(dir, ['commit', '-q', '-m', 'first'], '2025-01-01T09:00:00+08:00');
    await edit('processes/a-leave.md', (s) => s.replace('version: "1.2"', 'version: "1.3"').replace('Fill in the leave form', 'Fill in the online leave form'));
    git(dir, ['commit', '-q', '-a', '-m', 'leave 1.3'], '2025-06-01T09:00:00+08:00');

    const site = new DevSite({ root: dir, today: TODAY });
    expect((await site.rebuild('all')).ok).toBe(true);
    await site.buildSearch();
    const changes = [...site.files.keys()].filter((p) => p.startsWith('changes/')).sort();
    expect(changes).toEqual(expect.arrayContaining(['changes/FX-001.html']));
    expect(siteDiff(await builtSite(dir), site.files)).toEqual([]);
    expect(site.files.get('changes/FX-001.html')!.toString()).toContain('Fill in the <ins>online </ins>leave form');

    // An edit not committed: the changes page and "what's new" follow at once.
    await edit('processes/a-leave.md', (s) => s.replace('version: "1.3"', 'version: "1.4"').replace('Fill in the online leave form', 'Fill in the online leave request'));
    const pages: string[] = [];
    expect((await site.rebuild(new Set(['processes/a-leave.md']), { onPages: (p) => pages.push(...p) })).ok).toBe(true);
    await site.buildSearch();
    expect(pages).toEqual(expect.arrayContaining(['changes/FX-001.html', 'whats-new.html']));
    expect(pages).not.toContain('changes/FX-002.html');
    const html = site.files.get('changes/FX-001.html')!.toString();
    expect(html).toMatch(/版本 1\.4 · 尚未提交|Version 1\.4 · not committed yet/);
    expect(html).toContain('leave <del>form</del><ins>request</ins>');
    expect(siteDiff(await builtSite(dir), site.files)).toEqual([]);
  });
});
