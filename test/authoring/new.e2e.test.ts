/**
 * `flowbook new` on the command line: the template passes check, codes are refused when taken,
 * bad usage exits 2, values round-trip exactly (every hostile value in process: new.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowbook } from '../helpers/cli.js';
import { doc } from '../helpers/handbook.js';
import { loadHandbook } from '../../src/load.js';
import { DOCUMENT_KEYS } from '../../src/validate/fields.js';

const TODAY = '2026-11-27';
const tmp = (p: string) => mkdtemp(path.join(tmpdir(), `fb-new-${p}-`));

async function handbook(language: 'zh-CN' | 'en' = 'zh-CN'): Promise<string> {
  const root = await tmp(language);
  await mkdir(path.join(root, 'processes/attendance'), { recursive: true });
  await writeFile(path.join(root, 'flowbook.yml'), `title: T\nlanguage: ${language}\n`);
  await writeFile(path.join(root, 'processes/attendance/leave.md'), doc({ code: 'HR-AT-003' }));
  return root;
}

describe('flowbook new', () => {
  let root: string;
  beforeAll(async () => {
    root = await handbook();
  });

  it('writes a draft skeleton with every field that check --strict accepts', async () => {
    const r = flowbook(['new', 'HR-AT-009', '--name', '加班流程', '--roles', '员工,部门负责人，人力资源部', '--owner', '各用人部门', '--control', '人力资源部', '--category', '考勤与休假', '--root', root, '--today', TODAY]);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toContain('Created processes/HR-AT-009.md');
    expect(r.stderr).toBe('');
    const text = await readFile(path.join(root, 'processes/HR-AT-009.md'), 'utf8');
    for (const key of DOCUMENT_KEYS) expect(text, key).toMatch(new RegExp(`^(# )?${key}:`, 'm'));
    expect(text).toContain('status: draft');
    expect(text).toContain('## 相关说明');
    expect(flowbook(['check', root, '--strict', '--today', TODAY]).code).toBe(0);
    const p = (await loadHandbook(root, { today: TODAY })).handbook!.byCode.get('HR-AT-009')!;
    expect(p).toMatchObject({ name: '加班流程', status: 'draft', owner: '各用人部门', control: '人力资源部', category: '考勤与休假', roles: ['员工', '部门负责人', '人力资源部'] });
    expect(p.steps.map((s) => s.role)).toEqual(['员工', '部门负责人', '人力资源部']);
    expect(p.steps.every((s) => s.text.includes('TODO'))).toBe(true);
  });

  it('follows the handbook language and fills in defaults', async () => {
    const en = await handbook('en');
    const r = flowbook(['new', 'HR-X-1', '--name', 'Overtime', '--root', en, '--today', TODAY]);
    expect(r.code, r.all).toBe(0);
    const text = await readFile(path.join(en, 'processes/HR-X-1.md'), 'utf8');
    expect(text).toContain('## Notes');
    expect(/[\u4e00-\u9fff]/.test(text)).toBe(false);
    expect(flowbook(['check', en, '--strict', '--today', TODAY]).code).toBe(0);
  });

  it('refuses a code already used, also in another letter case, and an existing file (exit 1, nothing written)', async () => {
    const before = await readdir(path.join(root, 'processes'));
    const same = flowbook(['new', 'HR-AT-003', '--name', 'x', '--root', root]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('already used by processes/attendance/leave.md');
    const clash = flowbook(['new', 'hr-at-003', '--name', 'x', '--root', root]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('differs only in letter case from "HR-AT-003"');
    await writeFile(path.join(root, 'processes/HR-AT-010.md'), 'not a document yet\n');
    const file = flowbook(['new', 'HR-AT-010', '--name', 'x', '--root', root]);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('processes/HR-AT-010.md already exists');
    expect(await readFile(path.join(root, 'processes/HR-AT-010.md'), 'utf8')).toBe('not a document yet\n');
    expect((await readdir(path.join(root, 'processes'))).sort()).toEqual([...before, 'HR-AT-010.md'].sort());
    for (const r of [same, clash, file]) expect(r.all).not.toMatch(/\n\s+at /);
  });

  it('bad usage exits 2 and writes nothing', async () => {
    const cases = [
      ['new', 'bad code', '--name', 'x'],
      ['new', '-HR', '--name', 'x'],
      ['new', '.hidden', '--name', 'x'],
      ['new', 'HR/AT', '--name', 'x'],
      ['new', 'A'.repeat(101), '--name', 'x'],
      ['new', 'HR-1'],
      ['new', 'HR-1', '--name', '  '],
      ['new', 'HR-1', '--name', 'x', '--status', 'approved'],
      ['new', 'HR-1', '--name', 'x', '--roles', 'a,b,a'],
      ['new', 'HR-1', '--name', 'x', '--roles', ' , '],
      ['new', 'HR-1', '--name', 'x', '--file', 'elsewhere/HR-1.md'],
      ['new', 'HR-1', '--name', 'x', '--file', 'processes/HR-1.txt'],
      ['new', 'HR-1', '--name', 'x', '--file', 'processes/_draft.md'],
    ];
    const before = await readdir(path.join(root, 'processes'));
    for (const args of cases) {
      const r = flowbook(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(r.all).not.toMatch(/\n\s+at /);
    }
    expect(await readdir(path.join(root, 'processes'))).toEqual(before);
  });

  it('refuses a folder that is not a handbook (exit 1)', async () => {
    const empty = await tmp('empty');
    const r = flowbook(['new', 'HR-1', '--name', 'x'], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('flowbook init');
    expect(await readdir(empty)).toEqual([]);
  });

  it('--file puts it in a sub-folder; --status controlled writes it and reports the missing sign-off', async () => {
    const r = flowbook(['new', 'HR-AT-011', '--name', '出差流程', '--status', 'controlled', '--file', 'processes/travel/trip.md'], { cwd: root });
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toContain('Created processes/travel/trip.md');
    expect(r.stderr).toMatch(/^processes\/travel\/trip\.md:\d+:\d+ error .*sign-off/m);
    expect(r.stderr).toContain('incomplete-signoff');
    expect(await readFile(path.join(root, 'processes/travel/trip.md'), 'utf8')).toContain('status: controlled');
  });
});

describe('flowbook new: YAML values round-trip exactly (through the command line)', () => {
  // Every hostile value is checked in process (new.test.ts); here a few of them go through the
  // real command: option parsing (values starting with "-", newlines, quotes), the file written, the check.
  it('a name, owner, control, category and roles that YAML would misread', async () => {
    const root = await tmp('hostile');
    await mkdir(path.join(root, 'processes'));
    const e = { name: 'He said "hi"\nline2', owner: '- dash', control: 'a: b', category: '#hash', roles: ['yes', '全角：冒号＃'] };
    const r = flowbook(['new', 'T-001', '--name', e.name, '--owner', e.owner, '--control', e.control, '--category', e.category, '--roles', e.roles.join(','), '--root', root, '--today', TODAY]);
    expect(r.code, r.all).toBe(0);
    expect(r.stderr).toBe('');
    const result = await loadHandbook(root, { today: TODAY, strict: true });
    expect(result.diagnostics).toEqual([]);
    const p = result.handbook!.byCode.get('T-001')!;
    expect({ name: p.name, owner: p.owner, control: p.control, category: p.category, roles: [...p.roles] }).toEqual(e);
  });
});
