/**
 * `flowbook` through the start-up bundle (bin/flowbook.js -> dist/cli/flowbook.cjs) behaves as the
 * program tsc compiled (dist/cli/main.js): the same output, messages and exit codes. And the
 * bundle is reproducible and up to date with src/.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build as buildFromSrc } from '../../src/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'flowbook.js');
const UNBUNDLED = `import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)}).then(async ({ run }) => { process.exitCode = await run(process.argv); });`;

const env = { ...process.env, NO_COLOR: '1', FLOWBOOK_LANG: 'en', COLUMNS: '100' };
const run = (argv: readonly string[]) => {
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Every file under a folder, by relative path, with a hash of its bytes. */
const readTree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]),
  );

/** Every file of a folder, by name, with a hash of its bytes (a failure names files, not pages of code). */
const readFolder = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));

describe('the start-up bundle', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-cli-bundle-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each([
    [['--help']],
    [['check', '--help']],
    [['export', '--help']],
    [['nosuch']],
    [['check', ROOT, '--today', '2026-12-06']],
    [['check', path.join(ROOT, 'no-such-folder')]],
    [['check', ROOT, '--format', 'nope']],
  ])('flowbook %j: as the compiled program', (args) => {
    const bundled = run([BIN, ...args]);
    const plain = run(['--input-type=module', '-e', UNBUNDLED, 'flowbook', ...args]);
    expect(bundled).toEqual(plain);
  });

  it('builds as the compiled program, through the build bundle: a site, a broken template, a refused output folder', async () => {
    const hb = path.join(tmp, 'handbook');
    // A folder of the example handbook whose one process links to none outside it.
    cpSync(path.join(ROOT, 'processes', 'compensation'), path.join(hb, 'processes', 'compensation'), { recursive: true });
    // The seconds a build took differ from run to run; the rest must not.
    const same = (out: string) => out.replace(/\d+(\.\d+)? (s|seconds|秒)/g, 'N s');
    const build = (extra: string[], out: string) => [BIN, 'build', hb, '--today', '2026-12-06', '--no-cache', '--out', path.join(tmp, out), ...extra];
    const compare = (extra: string[]) => {
      const bundled = run(build(extra, 'site-bundled'));
      const plain = run(['--input-type=module', '-e', UNBUNDLED, 'flowbook', ...build(extra, 'site-plain').slice(1)]);
      expect({ ...bundled, stdout: same(bundled.stdout).replace('site-bundled', 'site-plain') }).toEqual({ ...plain, stdout: same(plain.stdout) });
      return bundled;
    };
    expect(compare([]).status).toBe(0);
    expect(readTree(path.join(tmp, 'site-bundled'))).toEqual(readTree(path.join(tmp, 'site-plain')));
    // From src/ (no precompiled templates next to the loader: each is compiled) the same bytes as
    // from dist/ (Flowbook's own templates precompiled at install).
    const fromSrc = await buildFromSrc({ root: hb, today: '2026-12-06', cache: false, out: path.join(tmp, 'site-src') });
    expect(fromSrc.ok).toBe(true);
    expect(readTree(path.join(tmp, 'site-src'))).toEqual(readTree(path.join(tmp, 'site-bundled')));
    // A TemplateError from the bundle is told apart as the plain program does: a message, no "internal error".
    mkdirSync(path.join(hb, 'templates'));
    writeFileSync(path.join(hb, 'templates', 'process.hbs'), '{{#if broken}}never closed');
    const broken = compare([]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('process.hbs');
    expect(broken.stderr).not.toContain('internal error');
    rmSync(path.join(hb, 'templates'), { recursive: true });
    // BuildRefused: an output folder that is not a site (here: the handbook itself).
    const refused = run([BIN, 'build', hb, '--today', '2026-12-06', '--out', hb]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Nothing was written');
  });

  it('answers --help without loading child_process or fs/promises (they load when a command uses them)', () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'flowbook.cjs'))}).run(['node', 'flowbook', '--help']).then(() => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (child_process|fs\\/promises)$/.test(m)))));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: flowbook');
    expect(JSON.parse(r.stderr)).toEqual([]);
  });

  it('has every one of Flowbook’s own templates precompiled, and the loader in dist/ finds them', async () => {
    const { precompiledSpec } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'source', 'templates.js')).href)) as typeof import('../../src/source/templates.js');
    const dir = path.join(ROOT, 'templates');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(precompiledSpec(readFileSync(path.join(dir, f), 'utf8')), f).toBeDefined();
    // A text of the handbook's own is compiled, not looked up.
    expect(precompiledSpec('{{title}} of a handbook override')).toBeUndefined();
  });

  it('is the same bytes on every run, and dist/cli/flowbook.cjs, dist/bundles/build/ and the precompiled templates are up to date', () => {
    const outs = ['a', 'b'].map((n) => {
      const dir = path.join(tmp, n);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'cli', '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(path.join(dir, 'flowbook.cjs'), 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(readFileSync(path.join(ROOT, 'dist', 'cli', 'flowbook.cjs'), 'utf8'), 'dist/cli/flowbook.cjs is stale: run "npm run build:ts"').toBe(outs[0]);
    const builds = ['a', 'b'].map((n) => {
      const dir = path.join(tmp, n);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'build', '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFolder(path.join(dir, 'build'));
    });
    expect(builds[1]).toEqual(builds[0]);
    expect(readFolder(path.join(ROOT, 'dist', 'bundles', 'build')), 'dist/bundles/build/ is stale: run "npm run build:ts"').toEqual(builds[0]);
    const precompiled = ['a', 'b'].map((n) => {
      const file = path.join(tmp, n, 'templates-precompiled.cjs');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'templates', '--outdir', path.join(tmp, n)], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(file, 'utf8');
    });
    expect(precompiled[1]).toBe(precompiled[0]);
    expect(readFileSync(path.join(ROOT, 'dist', 'source', 'templates-precompiled.cjs'), 'utf8') === precompiled[0], 'dist/source/templates-precompiled.cjs is stale: run "npm run build:ts"').toBe(true);
  });
});
