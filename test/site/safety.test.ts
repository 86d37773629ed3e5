/** Safe builds: a failed build leaves the previous site, foreign output folders are refused, overrides work. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BuildRefused } from '../../src/build.js';
import { TemplateError } from '../../src/site/templates.js';
import { buildInto, FIXTURES, listFiles, removeDir, tempDir } from './helpers.js';

let dir: string;
let root: string;
let site: string;

async function snapshot(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(folder)) out.set(f, (await readFile(path.join(folder, f))).toString('base64'));
  return out;
}

describe('safe builds', () => {
  beforeEach(async () => {
    dir = await tempDir();
    root = path.join(dir, 'handbook');
    site = path.join(root, 'site');
    await cp(path.join(FIXTURES, 'site-basic'), root, { recursive: true });
    expect((await buildInto(root, site)).ok).toBe(true);
  });
  afterEach(() => removeDir(dir));

  it('a handbook with errors leaves the previous site untouched', async () => {
    const before = await snapshot(site);
    await writeFile(path.join(root, 'processes/broken.md'), '---\nname: Broken\ncode: FX-009\nstatus: nonsense\n---\n');
    const r = await buildInto(root, site);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.file === 'processes/broken.md')).toBe(true);
    expect(await snapshot(site)).toEqual(before);
    expect((await readdir(root)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });

  it('a template error (at compile or at render) leaves the previous site untouched', async () => {
    const before = await snapshot(site);
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await writeFile(path.join(root, 'templates/process.hbs'), '{{#if process}}unclosed');
    await expect(buildInto(root, site)).rejects.toBeInstanceOf(TemplateError);
    await writeFile(path.join(root, 'templates/process.hbs'), '{{> no-such-partial}}');
    await expect(buildInto(root, site)).rejects.toThrow(/process\.hbs.*no-such-partial/);
    expect(await snapshot(site)).toEqual(before);
    expect((await readdir(root)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });

  it('replaces a previous site completely (no stale pages)', async () => {
    await writeFile(path.join(site, 'p', 'stale.html'), 'old');
    expect((await buildInto(root, site)).ok).toBe(true);
    expect(existsSync(path.join(site, 'p', 'stale.html'))).toBe(false);
    expect(existsSync(path.join(site, '.flowbook-site'))).toBe(true);
  });

  it('refuses the handbook itself, a folder holding it, processes/, and foreign folders', async () => {
    for (const out of [root, dir, path.join(root, 'processes'), path.join(root, 'processes', 'site')])
      await expect(buildInto(root, out), out).rejects.toBeInstanceOf(BuildRefused);
    const foreign = path.join(dir, 'foreign');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'thesis.docx'), 'precious');
    await expect(buildInto(root, foreign)).rejects.toThrow(/did not write/);
    expect(await readFile(path.join(foreign, 'thesis.docx'), 'utf8')).toBe('precious');
    // --force overrules the foreign-folder check; an empty folder needs no force.
    expect((await buildInto(root, foreign, { force: true })).ok).toBe(true);
    expect(existsSync(path.join(foreign, 'index.html'))).toBe(true);
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    expect((await buildInto(root, empty)).ok).toBe(true);
  });

  it('a handbook overrides one partial and adds CSS without copying the rest', async () => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await writeFile(path.join(root, 'templates/partials/site-footer.hbs'), '<footer class="custom-footer">{{site.organisation}} internal</footer>\n');
    await writeFile(path.join(root, 'templates/custom.css'), '.custom-footer { color: red; }\n');
    expect((await buildInto(root, site)).ok).toBe(true);
    const html = await readFile(path.join(site, 'p/FX-001.html'), 'utf8');
    expect(html).toContain('<footer class="custom-footer">Fixture Ltd internal</footer>');
    expect(html).toContain('<link rel="stylesheet" href="../assets/custom.css">');
    expect(html).toContain('<table id="steps"');
    expect(await readFile(path.join(site, 'assets/custom.css'), 'utf8')).toContain('custom-footer');
  });

  it('symbolic links in the handbook templates are not followed (no file from outside gets into the site)', async () => {
    const secret = path.join(dir, 'secret.txt');
    await writeFile(secret, 'TOP-SECRET-CONTENT');
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await symlink(secret, path.join(root, 'templates/partials/site-footer.hbs'));
    await symlink(secret, path.join(root, 'templates/custom.css'));
    expect((await buildInto(root, site)).ok).toBe(true);
    for (const f of await listFiles(site)) expect(await readFile(path.join(site, f), 'utf8'), f).not.toContain('TOP-SECRET-CONTENT');
    expect(existsSync(path.join(site, 'assets/custom.css'))).toBe(false);
  });

  it('the markdown cache gives the same pages as a cold build', async () => {
    const cold = await snapshot(site);
    expect((await buildInto(root, site, { cache: true })).ok).toBe(true);
    expect(existsSync(path.join(root, '.flowbook-cache/markdown'))).toBe(true);
    expect((await buildInto(root, site, { cache: true })).ok).toBe(true);
    expect(await snapshot(site)).toEqual(cold);
  });
});
