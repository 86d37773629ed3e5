/**
 * `flowbook check` and dev's overlay speak the handbook's language (or FLOWBOOK_LANG's): Chinese
 * words for a Chinese handbook, English for an English one; codes, files, lines and fields the same.
 */
import { runInProcess } from '../helpers/run-cli.js';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProblem } from '../../src/dev/overlay.js';
import { check, doc } from '../helpers/handbook.js';

const cli = (env: Record<string, string | undefined>, ...args: string[]) => runInProcess(args, env);

const broken = doc({ steps: '  - id: archive_docs\n    role: 档案室\n    text: 归档\n  - role: 员工\n    text: 填写\n' });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-check-language-'));
  await mkdir(path.join(dir, 'processes'));
  await writeFile(path.join(dir, 'processes', 'leave.md'), broken);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('check in the handbook language', () => {
  it('a Chinese handbook gets Chinese words (no FLOWBOOK_LANG)', async () => {
    const r = await cli({ NO_COLOR: '1', FLOWBOOK_LANG: undefined }, 'check', dir, '--today', '2026-12-06');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^processes\/leave\.md:\d+:\d+ error steps\[0\]\.role: 第 1 步（archive_docs）的角色 "档案室" 不在 roles 中。/m);
    expect(r.err).toContain('[unknown-role]');
    expect(r.err).toContain('  修改： ');
    expect(r.err).toMatch(/已检查 1 个文档：1 个错误，\d+ 个警告。\n$/);
  });

  it('FLOWBOOK_LANG=en: English words; JSON too', async () => {
    const r = await cli({ NO_COLOR: '1', FLOWBOOK_LANG: 'en' }, 'check', dir, '--today', '2026-12-06', '--format', 'json');
    const report = JSON.parse(r.out);
    expect(report.diagnostics.find((d: { code: string }) => d.code === 'unknown-role').message).toMatch(/^role "档案室" of step 1 \(archive_docs\) is not in roles\./);
  });

  it('FLOWBOOK_LANG=zh: JSON messages in Chinese, same codes and fields', async () => {
    const r = await cli({ NO_COLOR: '1', FLOWBOOK_LANG: 'zh' }, 'check', dir, '--today', '2026-12-06', '--format', 'json');
    const d = JSON.parse(r.out).diagnostics.find((x: { code: string }) => x.code === 'unknown-role');
    expect(d).toMatchObject({ code: 'unknown-role', field: 'steps[0].role', file: 'processes/leave.md', message: expect.stringContaining('第 1 步（archive_docs）') });
  });
});

describe("dev's overlay", () => {
  it('names the errors in the handbook language', () => {
    const ds = check({ 'processes/leave.md': broken }).diagnostics;
    const zh = checkProblem(ds, 'zh');
    expect(zh.title).toBe('手册有 1 个错误');
    expect(zh.entries[0]).toContain('第 1 步（archive_docs）的角色 "档案室" 不在 roles 中');
    expect(zh.footer).toContain('修改文件并保存');
    const en = checkProblem(ds);
    expect(en.title).toBe('The handbook has 1 error');
    expect(en.entries[0]).toContain('role "档案室" of step 1 (archive_docs) is not in roles');
  });
});
