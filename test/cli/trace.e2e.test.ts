/**
 * FLOWBOOK_TRACE=1 prints the build's steps with their times on stderr, and changes nothing else:
 * the same diagnostics and the same summary. Without it, no mark is printed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'fb-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync('test/fixtures/site-basic', dir, { recursive: true });

const build = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.resolve('bin/flowbook.js'), 'build', dir, '--today', '2026-11-27', '--no-cache'], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('FLOWBOOK_TRACE', () => {
  it('marks each step of a build on stderr, with its time, and nothing else changes', () => {
    const plain = build({ FLOWBOOK_TRACE: '' });
    const traced = build({ FLOWBOOK_TRACE: '1' });
    expect(plain.status).toBe(0);
    expect(traced.status).toBe(0);
    const isMark = (line: string) => /^\s*\d+ ms\s+\+\s*\d+\s+\S/.test(line);
    const lines = traced.stderr.split('\n');
    expect(plain.stderr.split('\n').some(isMark)).toBe(false);
    for (const step of ['build', 'sources read', 'checked', 'pages rendered', 'search', 'commit']) expect(lines.some((l) => isMark(l) && new RegExp(`\\+\\s*\\d+\\s+${step}\\b`).test(l)), step).toBe(true);
    // The diagnostics are as without it.
    expect(lines.filter((l) => !isMark(l)).join('\n')).toBe(plain.stderr);
    // Only the time in the summary line may differ.
    const strip = (s: string) => s.replace(/[\d.]+ ?(s|秒|ms|毫秒)/g, 'T');
    expect(strip(traced.stdout)).toBe(strip(plain.stdout));
  });
});
