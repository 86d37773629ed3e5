/** `flowbook check` as a user and a CI job run it: messages, formats, exit codes, no stack traces. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowbook } from '../helpers/cli.js';
import { doc } from '../helpers/handbook.js';

let good: string;
let bad: string;

beforeAll(async () => {
  good = await mkdtemp(path.join(tmpdir(), 'fb-cli-good-'));
  await mkdir(path.join(good, 'processes'));
  await writeFile(path.join(good, 'processes/leave.md'), doc());
  bad = await mkdtemp(path.join(tmpdir(), 'fb-cli-bad-'));
  await mkdir(path.join(bad, 'processes'));
  await writeFile(path.join(bad, 'processes/leave.md'), doc({ roles: '[员工, 部门负责人, 总经理]', steps: '  - role: 员工\n    text: 申请\n  - role: 部门负责人\n    text: 审批\n  - role: 总经理\n    text: 批准\n  - role: 部门负责\n    text: 备案\n' }));
  await writeFile(path.join(bad, 'processes/binary.md'), Buffer.from([0, 1, 2, 255, 254, 0, 10]));
});

describe('flowbook check', () => {
  it('exits 0 on a clean handbook', () => {
    const r = flowbook(['check', good, '--today', '2026-11-27']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 document checked: no problems.');
  });

  it('prints compiler-style messages and exits 1 on errors', () => {
    const r = flowbook(['check', bad, '--today', '2026-11-27']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^processes\/leave\.md:\d+:11 error steps\[3\]\.role: role "部门负责" of step 4 is not in roles\. Did you mean "部门负责人"\?/m);
    expect(r.stderr).toMatch(/^processes\/binary\.md:1:1 error/m);
    expect(r.stderr).toContain('2 documents checked: 2 errors, 0 warnings.');
    expect(r.all).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
  });

  it('JSON format is stable for CI', () => {
    const r = flowbook(['check', bad, '--format', 'json', '--today', '2026-11-27']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ formatVersion: 1, ok: false, documents: 2, errors: 2, warnings: 0 });
    expect(Object.keys(report.diagnostics[0]).sort()).toEqual(['code', 'column', 'field', 'file', 'hint', 'line', 'message', 'severity']);
  });

  it('--strict fails on warnings', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fb-cli-warn-'));
    await mkdir(path.join(root, 'processes'));
    await writeFile(path.join(root, 'processes/x.md'), doc({ extra: 'tittle: x\n' }));
    expect(flowbook(['check', root, '--today', '2026-11-27']).code).toBe(0);
    const strict = flowbook(['check', root, '--strict', '--today', '2026-11-27']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error');
  });

  it('bad usage exits 2 with a message, not a stack trace', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--today', '2024-02-30'], ['check', '--nope'], ['frobnicate']]) {
      const r = flowbook(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(r.all).not.toMatch(/\n\s+at /);
    }
  });

  it('SOURCE_DATE_EPOCH sets today', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fb-cli-epoch-'));
    await mkdir(path.join(root, 'processes'));
    await writeFile(path.join(root, 'processes/x.md'), doc({ extra: 'review: 2025-01-01\n' }));
    const before = flowbook(['check', root], { env: { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 0, 1) / 1000) } });
    expect(before.all).not.toContain('review-overdue');
    const after = flowbook(['check', root], { env: { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 5, 1) / 1000) } });
    expect(after.all).toContain('review-overdue');
  });
});
