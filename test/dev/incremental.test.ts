/**
 * The dev site after a sequence of edits is byte-for-byte what `flowbook build` makes of the same
 * files, while rebuilding only what each change affects; diagnostics are the same as the check's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DevSite } from '../../src/dev/incremental.js';
import { loadHandbook } from '../../src/load.js';
import { builtSite, copyHandbook, EXAMPLE, FIXTURE, removeDir, siteDiff, TODAY } from './helpers.js';

let dir: string | undefined;
afterEach(async () => {
  await removeDir(dir);
  dir = undefined;
});

async function settle(site: DevSite, changes: Set<string> | 'all', expectOk = true) {
  const pages: string[] = [];
  const r = await site.rebuild(changes, { onPages: (p) => pages.push(...p) });
  if (expectOk && !r.ok) throw new Error(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
  await site.buildSearch();
  return { r, pages };
}

async function expectSameAsBuild(site: DevSite, root: string, drafts = false) {
  // The (possibly patched) model is the one a fresh load builds.
  expect(site.model).toEqual((await loadHandbook(root, { today: TODAY })).handbook);
  expect(siteDiff(await builtSite(root, { drafts }), site.files)).toEqual([]);
}

const edit = async (root: string, file: string, fn: (s: string) => string) => writeFile(path.join(root, file), fn(await readFile(path.join(root, file), 'utf8')));

describe('incremental dev site', () => {
  it('matches a full build through edits, renames, deletions, additions, templates and settings (fixture)', async () => {
    dir = await copyHandbook(FIXTURE);
    const site = new DevSite({ root: dir, today: TODAY });
    const first = await settle(site, 'all');
    expect(first.r.ok).toBe(true);
    await expectSameAsBuild(site, dir);

    // A step's text: that page first, its role pages; no index page.
    await edit(dir, 'processes/a-leave.md', (s) => s.replace('Fill in the leave form', 'Fill in the new leave form'));
    let { r, pages } = await settle(site, new Set(['processes/a-leave.md']));
    expect(r.ok).toBe(true);
    expect(pages[0]).toBe('p/FX-001.html');
    expect(pages).not.toContain('index.html');
    expect(pages).not.toContain('p/FX-002.html');
    await expectSameAsBuild(site, dir);

    // A name: the pages that link to it and the indexes change too.
    await edit(dir, 'processes/sub/b-pay.md', (s) => s.replace(/^name: .*$/m, 'name: Payroll renamed'));
    ({ pages } = await settle(site, new Set(['processes/sub/b-pay.md'])));
    expect(pages).toEqual(expect.arrayContaining(['p/FX-002.html', 'p/FX-001.html', 'index.html']));
    await expectSameAsBuild(site, dir);

    // Rename a file (body links by path break or resolve), delete one, add one.
    await rename(path.join(dir, 'processes/sub/b-pay.md'), path.join(dir, 'processes/b-pay.md'));
    await settle(site, new Set(['processes/sub/b-pay.md', 'processes/b-pay.md']));
    await expectSameAsBuild(site, dir);
    await rm(path.join(dir, 'processes/d-old.md'));
    ({ pages } = await settle(site, new Set(['processes/d-old.md'])));
    expect(site.files.has('p/FX-004.html')).toBe(false);
    await expectSameAsBuild(site, dir);
    await writeFile(
      path.join(dir, 'processes/e-new.md'),
      '---\nname: New one\ncode: FX-009\nstatus: uncontrolled\nowner: Finance\ncontrol: Finance\nroles: [Clerk]\nsteps:\n  - role: Clerk\n    text: Do it\n  - role: Clerk\n    type: process\n    ref: FX-001\n---\nSee [leave](a-leave.md).\n',
    );
    await settle(site, new Set(['processes/e-new.md']));
    expect(site.files.has('p/FX-009.html')).toBe(true);
    await expectSameAsBuild(site, dir);

    // A folder renamed: a rescan.
    await mkdir(path.join(dir, 'processes/moved'));
    await rename(path.join(dir, 'processes/e-new.md'), path.join(dir, 'processes/moved/e-new.md'));
    await settle(site, new Set(['processes/moved']));
    await expectSameAsBuild(site, dir);

    // Templates and settings: everything.
    await mkdir(path.join(dir, 'templates/partials'), { recursive: true });
    await writeFile(path.join(dir, 'templates/custom.css'), 'body { color: #222 }\n');
    await writeFile(path.join(dir, 'templates/partials/site-footer.hbs'), '<footer class="fb-footer">custom footer {{site.title}}</footer>\n');
    ({ pages } = await settle(site, new Set(['templates/custom.css', 'templates/partials/site-footer.hbs'])));
    expect(pages).toContain('assets/custom.css');
    await expectSameAsBuild(site, dir);
    await edit(dir, 'flowbook.yml', (s) => s.replace(/^title: .*$/m, 'title: Another title'));
    await settle(site, new Set(['flowbook.yml']));
    await expectSameAsBuild(site, dir);
    await rm(path.join(dir, 'templates'), { recursive: true });
    await settle(site, new Set(['templates']));
    await expectSameAsBuild(site, dir);
  });

  it('keeps the last good site on errors, with the check diagnostics, and recovers', async () => {
    dir = await copyHandbook(FIXTURE);
    const site = new DevSite({ root: dir, today: TODAY });
    await settle(site, 'all');
    const before = site.files;
    const good = await readFile(path.join(dir, 'processes/a-leave.md'), 'utf8');
    await writeFile(path.join(dir, 'processes/a-leave.md'), good.replace('role: Line Manager', 'role: Line Manger'));
    const { r } = await settle(site, new Set(['processes/a-leave.md']), false);
    expect(r.ok).toBe(false);
    const checked = await loadHandbook(dir, { today: TODAY });
    expect(r.diagnostics).toEqual(checked.diagnostics);
    expect(site.files).toBe(before);
    await writeFile(path.join(dir, 'processes/a-leave.md'), good);
    expect((await settle(site, new Set(['processes/a-leave.md']))).r.ok).toBe(true);
    await expectSameAsBuild(site, dir);
  });

  it('matches a full build of the example handbook, with drafts, after edits', async () => {
    dir = await copyHandbook(EXAMPLE);
    const site = new DevSite({ root: dir, today: TODAY, drafts: true });
    await settle(site, 'all');
    await expectSameAsBuild(site, dir, true);
    const f = 'processes/attendance/leave.md';
    await edit(dir, f, (s) => s.replace(/^status: .*$/m, 'status: draft'));
    await settle(site, new Set([f]));
    await expectSameAsBuild(site, dir, true);
    await edit(dir, f, (s) => s.replace(/^name: .*$/m, 'name: 请假流程(新)').replace(/^status: .*$/m, 'status: controlled'));
    await settle(site, new Set([f]));
    await expectSameAsBuild(site, dir, true);
  });

  it('reads the date again at every rebuild when given the clock (a preview left running overnight)', async () => {
    dir = await copyHandbook(FIXTURE);
    let day = '2025-12-01'; // FX-002 is due for review on 2026-01-10
    const site = new DevSite({ root: dir, today: () => day });
    const before = await settle(site, 'all');
    expect(before.r.diagnostics.filter((d) => d.code === 'review-overdue')).toEqual([]);
    const home = site.files.get('index.html')!.toString();
    day = '2026-02-01';
    const after = await settle(site, new Set(['processes/sub/b-pay.md']));
    expect(after.r.diagnostics.map((d) => d.code)).toContain('review-overdue');
    // The pages that show the date were made again with the new one (the whole site depends on it).
    expect(site.files.get('index.html')!.toString()).not.toBe(home);
    expect(after.pages).toContain('p/FX-002.html');
  });
});
