/**
 * Output read by a program that stops early (`flowbook build | head -1`): the command finishes its
 * work and exits with its own code, and prints no stack trace about the closed pipe.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, REPO } from '../helpers/cli.js';
import { removeDir, tempDir, TODAY } from '../helpers/browser.js';

/** Runs flowbook with its standard output closed by the reader before it writes anything. */
function withClosedOutput(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.destroy();
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('flowbook with its output closed early', () => {
  const tmp = tempDir('fb-closed-pipe-');
  afterAll(() => removeDir(tmp));

  it('--help and --version stop quietly with exit code 0', async () => {
    for (const args of [['--help'], ['--version'], ['check', '--help']]) {
      const r = await withClosedOutput(args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('a build still builds the whole site, and exits 0 without a stack trace', async () => {
    const site = path.join(tmp, 'site');
    const r = await withClosedOutput(['build', '--out', site, '--today', TODAY, '--no-cache']);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(site, 'index.html'))).toBe(true);
    expect(existsSync(path.join(site, 'search'))).toBe(true);
  });

  it('check --format json keeps its exit code (1 for a handbook with errors)', async () => {
    const ok = await withClosedOutput(['check', '--format', 'json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const root = path.join(tmp, 'bad');
    mkdirSync(path.join(root, 'processes'), { recursive: true });
    writeFileSync(path.join(root, 'processes', 'bad.md'), '---\nname: [unclosed\n---\n');
    const bad = await withClosedOutput(['check', root, '--format', 'json']);
    expect(bad.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(bad.code).toBe(1);
  });
});
