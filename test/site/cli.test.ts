/** `flowbook build` on the command line: closing line, warnings, exit codes, old site kept. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cp, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../src/cli/main.js';
import { FIXTURES, removeDir, tempDir } from './helpers.js';

let dir: string;
let root: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await run(['node', 'flowbook', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('flowbook build (CLI)', () => {
  beforeEach(async () => {
    dir = await tempDir();
    root = path.join(dir, 'hb');
    await cp(path.join(FIXTURES, 'site-basic'), root, { recursive: true });
    vi.stubEnv('NO_COLOR', '1');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await removeDir(dir);
  });

  it('builds, lists warnings like check, and prints the closing line', async () => {
    const r = await cli('build', root, '--today', '2026-02-01', '--no-cache');
    expect(r.code).toBe(0);
    expect(r.err).toContain('processes/sub/b-pay.md:10:9 warning');
    expect(r.err).not.toMatch(/\u001b\[/);
    expect(r.out).toMatch(/^Built 3 processes \(1 draft left out: --drafts to include\), \d+ pages in \d+\.\d\d s -> .*site\/\n$/);
    expect(await readFile(path.join(root, 'site/index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('exits 1 on handbook errors, printed like check, and keeps the old site', async () => {
    expect((await cli('build', root, '--today', '2026-02-01', '--no-cache')).code).toBe(0);
    const before = await readFile(path.join(root, 'site/p/FX-001.html'), 'utf8');
    await writeFile(path.join(root, 'processes/bad.md'), '---\nname: Bad\ncode: FX-001\nstatus: controlled\n---\n');
    const r = await cli('build', root, '--today', '2026-02-01', '--no-cache');
    const check = await cli('check', root, '--today', '2026-02-01');
    expect(r.code).toBe(1);
    expect(r.err.startsWith(check.err || check.out)).toBe(true);
    expect(r.err).toContain('previous site was left as it was');
    expect(await readFile(path.join(root, 'site/p/FX-001.html'), 'utf8')).toBe(before);
  });

  it('exits 2 on bad usage and on a foreign output folder', async () => {
    expect((await cli('build', root, '--renderer', 'dot')).code).toBe(2);
    expect((await cli('build', root, '--today', '2026-02-30')).code).toBe(2);
    const foreign = path.join(dir, 'docs');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'notes.txt'), 'mine');
    const r = await cli('build', root, '--out', foreign, '--today', '2026-02-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain('did not write');
    expect(await readFile(path.join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('exits 1 with the file name on a template error', async () => {
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/home.hbs'), '{{#each}}');
    const r = await cli('build', root, '--today', '2026-02-01', '--no-cache');
    expect(r.code).toBe(1);
    expect(r.err).toContain(path.join(root, 'templates/home.hbs'));
  });
});
