/**
 * One reader (src/source/), so every command says the same about the same broken handbook:
 * `check`, `build`, `dev` (its in-process incremental site) and `print` report the same
 * diagnostics, refuse the same symbolic links and fail on the same template, folder or file with
 * the same message. All in process: the CLI through `run`, dev through `DevSite`.
 */
import { runInProcess } from '../helpers/run-cli.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../../src/build.js';
import { DevSite } from '../../src/dev/incremental.js';
import { loadHandbook } from '../../src/load.js';
import { formatText } from '../../src/diagnostics/format.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadPrintKit } from '../../src/print/document.js';
import { TemplateError } from '../../src/site/templates.js';
import { FIXTURES } from '../site/helpers.js';

// An unreadable folder, whoever runs the tests (root reads any folder whatever its mode): listing
// a folder in `blocked` fails with EACCES. node:fs's own readdirSync is swapped (and the ESM named
// exports synced, as test/setup/no-processes.ts does for child_process) rather than mocked with
// vi.mock, so the swap reaches modules another test file in the same worker loaded first.
const blocked = new Set<string>();
const realReaddirSync = fs.readdirSync;
beforeAll(() => {
  fs.readdirSync = ((p: import('node:fs').PathLike, o?: unknown) => {
    if (blocked.has(path.resolve(String(p)))) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES' });
    return (realReaddirSync as (p: unknown, o?: unknown) => unknown)(p, o);
  }) as typeof fs.readdirSync;
  syncBuiltinESMExports();
});
afterAll(() => {
  fs.readdirSync = realReaddirSync;
  syncBuiltinESMExports();
});

const TODAY = '2026-02-01';
let dir: string;
let root: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-same-'));
  root = path.join(dir, 'hb');
  await cp(path.join(FIXTURES, 'site-basic'), root, { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  vi.stubEnv('NO_COLOR', '1');
});
afterEach(async () => {
  blocked.clear();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runInProcess(args);

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.file}:${d.line ?? 0} ${d.severity} ${d.code}`);

/** What each command reports on the handbook at `root` now. */
async function everyCommand() {
  const checked = await loadHandbook(root, { today: TODAY });
  const checkCli = await cli('check', root, '--today', TODAY);
  let built;
  try {
    built = await build({ root, out: path.join(dir, 'site'), today: TODAY, cache: false, threads: 0 });
  } catch (e) {
    built = e as Error;
  }
  const dev = new DevSite({ root, today: TODAY });
  let devResult;
  try {
    devResult = await dev.rebuild('all');
  } catch (e) {
    devResult = e as Error;
  }
  const printed = await cli('print', 'FX-001', '--holder', 'Auditor', '--root', root, '--out', path.join(dir, 'print'), '--today', TODAY);
  return { checked, checkCli, built, dev, devResult, printed, text: formatText(checked.diagnostics, checked.documentCount, { color: false }) };
}

describe('the same diagnostics from check, build, dev and print', () => {
  it('a handbook whose only document is a symbolic link: no processes, for every command', async () => {
    await rm(path.join(root, 'processes'), { recursive: true });
    await mkdir(path.join(root, 'processes'));
    await writeFile(path.join(dir, 'outside.md'), await readFile(path.join(FIXTURES, 'site-basic/processes/a-leave.md'), 'utf8'));
    await symlink(path.join(dir, 'outside.md'), path.join(root, 'processes/only.md'));
    const r = await everyCommand();
    expect(brief(r.checked.diagnostics)).toEqual(['processes/:0 error no-processes', 'processes/only.md:0 warning symlink-ignored']);
    expect(r.checkCli.code).toBe(1);
    expect(r.checkCli.err).toBe(r.text);
    if (r.built instanceof Error) throw r.built;
    expect(r.built.ok).toBe(false);
    expect(r.built.diagnostics).toEqual(r.checked.diagnostics);
    // dev used to take the link's warning for a document and serve an empty site.
    if (r.devResult instanceof Error) throw r.devResult;
    expect(r.devResult.ok).toBe(false);
    expect(r.devResult.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.dev.files.size).toBe(0);
    expect(r.printed.code).toBe(1);
    expect(r.printed.err).toContain(r.text);
  });

  it('bad YAML in flowbook.yml: the same error everywhere', async () => {
    await writeFile(path.join(root, 'flowbook.yml'), 'title: [unclosed\n');
    const r = await everyCommand();
    expect(r.checked.diagnostics.filter((d) => d.file === 'flowbook.yml').map((d) => `${d.severity} ${d.code}`)).toEqual(['error invalid-yaml']);
    if (r.built instanceof Error || r.devResult instanceof Error) throw r.built;
    expect(r.built.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.devResult.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.checkCli.err).toBe(r.text);
    expect(r.printed.err).toContain(r.text);
    expect([r.checkCli.code, r.built.ok, r.devResult.ok, r.printed.code]).toEqual([1, false, false, 1]);
  });

  it('flowbook.yml as a symbolic link is not followed, and every command says so', async () => {
    await writeFile(path.join(dir, 'outside.yml'), 'title: TOP-SECRET-OUTSIDE\n');
    await rm(path.join(root, 'flowbook.yml'));
    await symlink(path.join(dir, 'outside.yml'), path.join(root, 'flowbook.yml'));
    const r = await everyCommand();
    expect(brief(r.checked.diagnostics)).toContain('flowbook.yml:0 warning symlink-ignored');
    if (r.built instanceof Error || r.devResult instanceof Error) throw r.built;
    expect(r.built.ok).toBe(true);
    expect(r.built.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.devResult.ok).toBe(true);
    expect(r.devResult.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.printed.code).toBe(0);
    expect(r.checked.handbook!.settings.title).not.toContain('SECRET');
  });

  it('a folder of documents that cannot be read is an error for every command', async () => {
    blocked.add(path.join(root, 'processes', 'sub'));
    const r = await everyCommand();
    expect(brief(r.checked.diagnostics)).toContain('processes/sub:0 error read-failed');
    expect(r.checked.diagnostics.find((d) => d.code === 'read-failed')!.message).toContain('EACCES');
    if (r.built instanceof Error || r.devResult instanceof Error) throw r.built;
    expect(r.built.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.devResult.diagnostics).toEqual(r.checked.diagnostics);
    expect(r.printed.err).toContain(r.text);
    expect([r.checkCli.code, r.built.ok, r.devResult.ok, r.printed.code]).toEqual([1, false, false, 1]);
  });

  it('dev reading one changed path through a linked folder reads nothing, as the full read does', async () => {
    await mkdir(path.join(dir, 'elsewhere'));
    await cp(path.join(root, 'processes/a-leave.md'), path.join(dir, 'elsewhere/x.md'));
    await rm(path.join(root, 'processes/a-leave.md'));
    await symlink(path.join(dir, 'elsewhere'), path.join(root, 'processes/linked'));
    const checked = await loadHandbook(root, { today: TODAY });
    const dev = new DevSite({ root, today: TODAY });
    await dev.rebuild('all');
    const r = await dev.rebuild(new Set(['processes/linked/x.md']));
    expect(r.diagnostics).toEqual(checked.diagnostics);
    expect(brief(checked.diagnostics)).toContain('processes/linked:0 warning symlink-ignored');
    expect([...dev.files.keys()].join(' ')).not.toContain('FX-001');
  });
});

describe('one template loader for the site and print', () => {
  it('a symbolically linked template is passed over by the site, dev and controlled copies alike', async () => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await mkdir(path.join(root, 'templates/print'), { recursive: true });
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'templates/partials/site-footer.hbs'));
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'templates/print/copy.hbs'));
    const r = await everyCommand();
    if (r.built instanceof Error || r.devResult instanceof Error) throw r.built;
    expect(r.built.ok).toBe(true);
    expect(r.devResult.ok).toBe(true);
    expect(r.printed.code).toBe(0);
    const site = await readFile(path.join(dir, 'site', 'p', 'FX-001.html'), 'utf8');
    expect(site).not.toContain('TOP-SECRET');
    expect(r.dev.files.get('p/FX-001.html')!.toString()).toBe(site);
    const copies = await readdir(path.join(dir, 'print'));
    expect(copies.length).toBeGreaterThan(0);
    for (const f of copies) expect(await readFile(path.join(dir, 'print', f), 'utf8')).not.toContain('TOP-SECRET');
  });

  it('a linked templates/print folder is not followed either', async () => {
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await mkdir(path.join(dir, 'print-templates'));
    await writeFile(path.join(dir, 'print-templates/copy.hbs'), 'TOP-SECRET-OUTSIDE');
    await symlink(path.join(dir, 'print-templates'), path.join(root, 'templates/print'));
    const kit = await loadPrintKit(root);
    expect(kit.render('copy', {})).not.toContain('TOP-SECRET');
  });

  it('a broken print template is a template error naming its file and line, not an internal error', async () => {
    await mkdir(path.join(root, 'templates/print'), { recursive: true });
    const file = path.join(root, 'templates/print/copy.hbs');
    await writeFile(file, '<html>\n<body>\n{{#if doc}}unclosed\n</body>\n');
    await expect(loadPrintKit(root)).rejects.toBeInstanceOf(TemplateError);
    const r = await cli('print', 'FX-001', '--holder', 'Auditor', '--root', root, '--out', path.join(dir, 'print'), '--today', TODAY);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^flowbook: template ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(r.err).not.toContain('internal error');
    // An unknown helper fails when loading (knownHelpersOnly), as in the site's templates.
    await writeFile(file, '{{shout doc.name}}\n');
    await expect(loadPrintKit(root)).rejects.toThrow(/copy\.hbs:1: .*unknown helper shout/);
  });

  it('a broken site partial fails build, dev and print with the same message', async () => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await writeFile(path.join(root, 'templates/partials/doc-header.hbs'), '<div>\n{{#each}}\n');
    const r = await everyCommand();
    expect(r.built).toBeInstanceOf(TemplateError);
    expect(r.devResult).toBeInstanceOf(TemplateError);
    const message = (r.built as Error).message;
    expect(message).toContain(path.join(root, 'templates/partials/doc-header.hbs'));
    expect((r.devResult as Error).message).toBe(message);
    expect(r.printed.code).toBe(1);
    expect(r.printed.err).toBe(`flowbook: ${message}\n`);
  });

  it('a templates folder that cannot be read is reported by build, dev and print, not skipped', async () => {
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    blocked.add(path.join(root, 'templates', 'partials'));
    const r = await everyCommand();
    expect(r.built).toBeInstanceOf(TemplateError);
    const message = (r.built as Error).message;
    expect(message).toMatch(/cannot read the templates at .*partials: EACCES/);
    expect((r.devResult as Error).message).toBe(message);
    expect(r.printed.err).toBe(`flowbook: ${message}\n`);
    expect(r.checkCli.code).toBe(0); // check reads no templates
  });
});

describe('the register', () => {
  it('a register that is a symbolic link is refused by build and print, never followed', async () => {
    await mkdir(path.join(root, 'register'));
    await writeFile(path.join(dir, 'outside.csv'), 'code,version,copy,holder,date,event\r\n');
    await symlink(path.join(dir, 'outside.csv'), path.join(root, 'register/distribution.csv'));
    const printed = await cli('print', 'FX-001', '--holder', 'Auditor', '--root', root, '--out', path.join(dir, 'print'), '--today', TODAY);
    expect(printed.code).toBe(1);
    expect(printed.err).toMatch(/^flowbook: cannot read register\/distribution.csv: register\/distribution.csv is a symbolic link/);
    expect(await readFile(path.join(dir, 'outside.csv'), 'utf8')).toBe('code,version,copy,holder,date,event\r\n');
    await expect(build({ root, out: path.join(dir, 'site'), today: TODAY, cache: false, threads: 0 })).rejects.toThrow(/symbolic link/);
    await expect(new DevSite({ root, today: TODAY }).rebuild('all')).rejects.toThrow(printed.err.slice('flowbook: '.length, -1));
  });

  it('dev shows the controlled copies out that build shows, and follows the register', async () => {
    const builtPage = async () => {
      const out = path.join(dir, `site-${Math.random().toString(36).slice(2)}`);
      const r = await build({ root, out, today: TODAY, cache: false, threads: 0 });
      expect(r.ok).toBe(true);
      return readFile(path.join(out, 'p', 'FX-001.html'), 'utf8');
    };
    await mkdir(path.join(root, 'register'));
    const file = path.join(root, 'register/distribution.csv');
    await writeFile(file, 'code,version,copy,holder,date,event\r\nFX-001,1.2,1,Auditor,2026-01-20,issued\r\n');
    const dev = new DevSite({ root, today: TODAY });
    await dev.rebuild('all');
    const withOne = await builtPage();
    expect(dev.files.get('p/FX-001.html')!.toString()).toBe(withOne);
    await writeFile(file, 'code,version,copy,holder,date,event\r\nFX-001,1.2,1,Auditor,2026-01-20,issued\r\nFX-001,1.2,2,QA,2026-01-21,issued\r\n');
    const pages: string[] = [];
    await dev.rebuild(new Set(['register/distribution.csv']), { onPages: (p) => pages.push(...p) });
    const withTwo = await builtPage();
    expect(withTwo).not.toBe(withOne);
    expect(pages).toContain('p/FX-001.html');
    expect(dev.files.get('p/FX-001.html')!.toString()).toBe(withTwo);
  });
});
