/**
 * `flowbook` through the start-up bundle (bin/flowbook.js -> dist/cli/flowbook.js) behaves as the
 * program tsc compiled (dist/cli/main.js): the same output, messages and exit codes. And the
 * bundle is reproducible and up to date with src/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'flowbook.js');
const UNBUNDLED = `import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)}).then(async ({ run }) => { process.exitCode = await run(process.argv); });`;

const env = { ...process.env, NO_COLOR: '1', FLOWBOOK_LANG: 'en', COLUMNS: '100' };
const run = (argv: readonly string[]) => {
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

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

  it('is the same bytes on every run, and dist/cli/flowbook.js is up to date', () => {
    const outs = ['a', 'b'].map((n) => {
      const dir = path.join(tmp, n);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), 'cli', '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(path.join(dir, 'flowbook.js'), 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(readFileSync(path.join(ROOT, 'dist', 'cli', 'flowbook.js'), 'utf8'), 'dist/cli/flowbook.js is stale: run "npm run build:ts"').toBe(outs[0]);
  });
});
