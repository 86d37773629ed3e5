/**
 * The real `flowbook` command: approve, then check passes; edit the content, check fails with
 * changed-after-approval at the sign-off's line; reformat the YAML only, check still passes;
 * approving the changed content needs a new version; the audit pack is written (and its PDF when
 * Chromium is there) with counts that match the register; bad usage exits 2.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowbook, REPO } from '../helpers/cli.js';
import { removeDir, tempDir } from '../site/helpers.js';
import { findChromium } from '../../src/util/browser.js';
import { countPdfPages } from '../../src/print/pdf.js';

const TODAY = '2026-11-27';
const REL = 'processes/attendance/leave.md';
let dir: string;
let root: string;

const file = () => path.join(root, REL);
const read = () => readFileSync(file(), 'utf8');

describe('flowbook approve, check and audit (command line)', () => {
  beforeAll(async () => {
    dir = await tempDir('fb-approve-');
    root = path.join(dir, 'handbook');
    cpSync(path.join(REPO, 'processes'), path.join(root, 'processes'), { recursive: true });
    cpSync(path.join(REPO, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
    mkdirSync(path.join(root, 'register'));
    writeFileSync(path.join(root, 'register/distribution.csv'), 'code,version,copy,holder,date,event\r\nHR-AT-003,A/1,1,行政部,2025-08-01,issued\r\nHR-AT-003,A/1,2,销售部,2025-08-01,issued\r\nHR-AT-003,A/1,2,销售部,2025-09-01,returned\r\n');
    expect(read()).toContain('code: HR-AT-003');
  });
  afterAll(() => removeDir(dir));

  it('approve, edit, check fails; formatting only, check passes; new version, approve again', () => {
    const before = read();
    const a = flowbook(['approve', 'HR-AT-003', '--by', '王军', '--date', '2025-06-20', '--root', root]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^HR-AT-003 A\/1: approved by 王军 on 2025-06-20, recorded\.\n {2}processes\/attendance\/leave\.md:\d+ sha256: [0-9a-f]{64}\n$/);
    const approved = read();
    const changed = approved.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^ {2}approved: \{ by: 王军, date: 2025-06-20, version: A\/1, sha256: [0-9a-f]{64} \}$/);
    expect(flowbook(['check', root, '--today', TODAY]).code).toBe(0);

    // Only the YAML's formatting: CRLF, a flow list written as a block list, a quoted value.
    const reformatted = approved.replace(/\n/g, '\r\n').replace(/^roles: \[(.*)\]\r$/m, (_, xs: string) => `roles:\r\n${xs.split(', ').map((x) => `  - "${x}"`).join('\r\n')}\r`);
    expect(reformatted).not.toBe(approved.replace(/\n/g, '\r\n'));
    writeFileSync(file(), reformatted);
    expect(flowbook(['check', root, '--today', TODAY]).code).toBe(0);

    // The content: one step's text.
    writeFileSync(file(), approved.replace('填写请假条', '填写请假单'));
    const c = flowbook(['check', root, '--today', TODAY, '--format', 'json']);
    expect(c.code).toBe(1);
    const report = JSON.parse(c.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; hint: string }> };
    const d = report.diagnostics.find((x) => x.code === 'changed-after-approval')!;
    expect(d.file).toBe(REL);
    expect(read().split('\n')[d.line - 1]).toContain('approved: { by: 王军');
    expect(d.hint).toContain('flowbook approve HR-AT-003');
    expect(flowbook(['build', root, '--today', TODAY, '--out', path.join(dir, 'site')]).code).toBe(1);

    // Approving the changed content as the same version is refused; a new version with its entry is not.
    const same = flowbook(['approve', 'HR-AT-003', '--by', '王军', '--root', root, '--today', TODAY]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('but it is still version A/1');
    const next = read()
      .replace('version: A/1', 'version: A/2')
      .replace(/(revisions:\n(?: {2}- .*\n)*)/, `$1  - { version: A/2, date: ${TODAY}, change: 请假单 }\n`);
    writeFileSync(file(), next);
    expect(flowbook(['check', root, '--today', TODAY]).code).toBe(1);
    const again = flowbook(['approve', 'HR-AT-003', '--by', '王军', '--root', root, '--today', TODAY]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('recorded for the changed content');
    expect(flowbook(['check', root, '--today', TODAY]).code).toBe(0);
  });

  it('bad usage exits 2; an unknown code exits 1 with the closest code', () => {
    expect(flowbook(['approve', 'HR-AT-003', '--by', '王军', '--as', 'boss', '--root', root]).code).toBe(2);
    expect(flowbook(['approve', 'HR-AT-003', '--by', '王军', '--date', '2025-02-30', '--root', root]).code).toBe(2);
    expect(flowbook(['approve', 'HR-AT-003', '--root', root]).code).toBe(2);
    const u = flowbook(['approve', 'hr-at-003', '--by', '王军', '--root', root]);
    expect(u.code).toBe(1);
    expect(u.stderr).toContain('did you mean "HR-AT-003"');
    expect(u.stderr).not.toMatch(/\n\s+at /);
    expect(flowbook(['audit', root, '--since', '2025-13-01']).code).toBe(2);
  });

  it('audit writes the binder (and its PDF with Chromium), with the register counts', () => {
    const out = path.join(dir, 'evidence', 'audit.html');
    const args = ['audit', root, '--since', '2025-08-15', '--today', TODAY, '--out', out, ...(findChromium() ? ['--pdf'] : [])];
    const r = flowbook(args);
    expect(r.code).toBe(0);
    // HR-AT-003 is at A/2 now (the test above): its A/1 copy still out is to recall.
    expect(r.stdout).toContain('copies: 0 issued and 1 returned in the period; 0 out, 1 to recall');
    expect(r.stdout).toContain('1 approvals verified');
    expect(r.stdout).toContain('1 changes in the period (since 2025-08-15)');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>文件控制审核证据</h1>');
    expect(html).toContain('data-count="copies">2 / 1<');
    if (findChromium()) {
      expect(existsSync(out.replace(/\.html$/, '.pdf'))).toBe(true);
      expect(countPdfPages(readFileSync(out.replace(/\.html$/, '.pdf')))).toBeGreaterThan(1);
    }
  });
});
