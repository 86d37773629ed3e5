/**
 * Every error and warning the spec lists: build a small document, check it, and assert the
 * message's file, line, code and the words a user needs.
 */
import { describe, expect, it } from 'vitest';
import { check, doc, lineOf } from '../helpers/handbook.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const F = 'processes/leave.md';

function only(files: Record<string, string>, code: string, opts?: Parameters<typeof check>[1]): Diagnostic {
  const r = check(files, opts);
  const found = r.diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(r.diagnostics, null, 1)).toHaveLength(1);
  return found[0]!;
}

describe('errors from the spec', () => {
  it('invalid YAML names the line and column', () => {
    const text = doc({ extra: 'tags: [a, b\nreview: 2027-01-01\n' });
    const d = only({ [F]: text }, 'invalid-yaml');
    expect(d).toMatchObject({ file: F, severity: 'error' });
    expect(d.line).toBeGreaterThanOrEqual(lineOf(text, 'tags:'));
    expect(d.line).toBeLessThanOrEqual(lineOf(text, 'review:'));
    expect(d.message).toMatch(/invalid YAML/);
    expect(d.hint).toBeTruthy();
  });

  it('a repeated key is invalid YAML at the repeat', () => {
    const text = doc({ extra: 'category: 考勤\ncategory: 休假\n' });
    const d = only({ [F]: text }, 'invalid-yaml');
    expect(d.line).toBe(lineOf(text, 'category: 休假'));
    expect(d.message).toMatch(/unique/);
  });

  it('a missing required field is named, with what to write', () => {
    const text = doc().replace('owner: 人力资源部\n', '');
    const d = only({ [F]: text }, 'missing-field');
    expect(d.message).toContain('"owner"');
    expect(d.hint).toContain('执行核心部门');
  });

  it('every required field is reported in one run', () => {
    const r = check({ [F]: '---\ntags: [x]\n---\n' });
    const missing = r.diagnostics.filter((d) => d.code === 'missing-field').map((d) => d.message);
    for (const k of ['name', 'code', 'status', 'owner', 'control', 'roles', 'steps']) expect(missing.join('\n')).toContain(`"${k}"`);
  });

  it('an unknown status suggests the right one, also from Chinese', () => {
    let text = doc({ status: 'controled' });
    let d = only({ [F]: text }, 'unknown-status');
    expect(d.line).toBe(lineOf(text, 'status:'));
    expect(d.column).toBe(9);
    expect(d.message).toContain('Did you mean "controlled"?');
    text = doc({ status: '受控' });
    d = only({ [F]: text }, 'unknown-status');
    expect(d.message).toContain('"controlled"');
  });

  it('a duplicate code: the later file carries the error and names the earlier one', () => {
    const d = only({ 'processes/a.md': doc(), 'processes/b.md': doc({ name: '另一个' }) }, 'duplicate-code');
    expect(d.file).toBe('processes/b.md');
    expect(d.message).toContain('processes/a.md');
    expect(d.line).toBe(3);
  });

  it('two codes that differ only in case', () => {
    const d = only({ 'processes/a.md': doc({ code: 'HR-AT-003' }), 'processes/b.md': doc({ code: 'hr-at-003' }) }, 'code-case-clash');
    expect(d.file).toBe('processes/b.md');
    expect(d.message).toContain('HR-AT-003');
    expect(d.hint).toMatch(/case/);
  });

  it('a step role not in roles suggests the closest role', () => {
    const text = doc({ roles: '[员工, 部门负责人, 人力资源部]', steps: '  - role: 员工\n    text: 申请\n  - role: 人力资源\n    text: 备案\n  - role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'unknown-role');
    expect(d.line).toBe(lineOf(text, 'role: 人力资源'));
    expect(d.column).toBe(11);
    expect(d.field).toBe('steps[1].role');
    expect(d.message).toContain('Did you mean "人力资源部"?');
  });

  it('a next naming no step suggests the closest id', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n    next: approv\n  - id: approve\n    role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'unknown-step');
    expect(d.line).toBe(lineOf(text, 'next: approv'));
    expect(d.message).toContain('Did you mean "approve"?');
  });

  it('a branch target naming no step points at that branch', () => {
    const text = doc({
      steps: '  - id: ask\n    role: 员工\n    text: 申请\n  - role: 部门负责人\n    type: decision\n    text: 同意?\n    next:\n      同意: ok\n      不同意: askk\n  - id: ok\n    role: 员工\n    text: 休假\n',
    });
    const d = only({ [F]: text }, 'unknown-step');
    expect(d.line).toBe(lineOf(text, '不同意: askk'));
    expect(d.field).toBe('steps[1].next.不同意');
    expect(d.message).toContain('"ask"');
  });

  it('a ref naming no process suggests the closest code, or the code of a process named so', () => {
    const other = doc({ code: 'HR-CB-003', name: '工资发放流程' });
    let text = doc({ steps: '  - role: 员工\n    text: 申请\n  - role: 部门负责人\n    type: process\n    ref: HR-CB-030\n' });
    let d = only({ [F]: text, 'processes/pay.md': other }, 'unknown-ref');
    expect(d.line).toBe(lineOf(text, 'ref: HR-CB-030'));
    expect(d.message).toContain('Did you mean "HR-CB-003"?');
    text = doc({ steps: '  - role: 员工\n    text: 申请\n  - role: 部门负责人\n    type: process\n    ref: 工资发放流程\n' });
    d = only({ [F]: text, 'processes/pay.md': other }, 'unknown-ref');
    expect(d.hint).toContain('ref: HR-CB-003');
  });

  it('duplicate step ids', () => {
    const text = doc({ steps: '  - id: a\n    role: 员工\n    text: 申请\n  - id: a\n    role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'duplicate-step-id');
    expect(d.line).toBe(lineOf(text, 'id: a', lineOf(text, 'id: a')));
    expect(d.message).toContain('step 1');
  });

  it('a decision with fewer than two labelled branches', () => {
    for (const next of ['next: b', 'next: { 是: b }', 'next: [b, b]', '']) {
      const text = doc({ steps: `  - role: 员工\n    type: decision\n    text: 是否同意\n    ${next}\n  - id: b\n    role: 部门负责人\n    text: 审批\n` });
      const d = only({ [F]: text }, 'decision-branches');
      expect(d.message).toMatch(/two or more/);
      expect(d.hint).toContain('next: {');
    }
  });

  it('a controlled document without a complete sign-off', () => {
    let d = only({ [F]: doc({ signoff: null }) }, 'incomplete-signoff');
    expect(d.message).toMatch(/sign-off/);
    const partial = 'signoff:\n  prepared: { by: 张敏, date: 2024-05-20 }\n  approved: { by: 王军 }\n';
    const text = doc({ signoff: partial });
    const r = check({ [F]: text });
    const msgs = r.diagnostics.filter((x) => x.code === 'incomplete-signoff');
    expect(msgs.map((m) => m.message).join('\n')).toContain('reviewed');
    expect(msgs.some((m) => m.line === lineOf(text, 'approved:') && /by.*date/.test(m.message))).toBe(true);
    // Not needed for a draft.
    d = check({ [F]: doc({ signoff: null, status: 'draft' }) }).diagnostics.find((x) => x.code === 'incomplete-signoff')!;
    expect(d).toBeUndefined();
  });

  it('a date that is not a real date, checked as written', () => {
    const text = doc({ extra: 'effective: 2024-02-30\nreview: 2027-13-01\n' });
    const r = check({ [F]: text });
    const ds = r.diagnostics.filter((d) => d.code === 'invalid-date');
    expect(ds).toHaveLength(2);
    expect(ds[0]!.line).toBe(lineOf(text, 'effective:'));
    expect(ds[0]!.message).toContain('"2024-02-30" is not a real date');
    expect(check({ [F]: doc({ extra: 'effective: 2024-02-29\n' }) }).diagnostics.filter((d) => d.code === 'invalid-date')).toHaveLength(0);
    expect(check({ [F]: doc({ extra: 'effective: 2023-02-29\n' }) }).diagnostics.filter((d) => d.code === 'invalid-date')).toHaveLength(1);
    expect(check({ [F]: doc({ extra: 'effective: 1.6.2024\n' }) }).diagnostics[0]!.message).toMatch(/YYYY-MM-DD/);
  });

  it('an unknown step type suggests the closest', () => {
    const text = doc({ steps: '  - role: 员工\n    type: decison\n    text: x\n    next: { a: b, c: b }\n  - id: b\n    role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'unknown-type');
    expect(d.line).toBe(lineOf(text, 'type: decison'));
    expect(d.message).toContain('Did you mean "decision"?');
  });

  it('type: process without ref', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n  - role: 部门负责人\n    type: process\n' });
    const d = only({ [F]: text }, 'missing-ref');
    expect(d.line).toBe(lineOf(text, 'role: 部门负责人'));
    expect(d.hint).toContain('ref:');
  });

  it('end: true together with next', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n    end: true\n    next: b\n  - id: b\n    role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'end-with-next');
    expect(d.line).toBe(lineOf(text, 'next: b'));
  });

  it('a role listed twice', () => {
    const text = doc({ roles: '\n  - 员工\n  - 部门负责人\n  - 员工' });
    const d = only({ [F]: text }, 'duplicate-role');
    expect(d.line).toBe(lineOf(text, '- 员工', lineOf(text, '- 部门负责人')));
    expect(d.message).toContain('items 1 and 3');
  });

  it('an empty steps list', () => {
    const text = doc({ steps: '' }).replace('steps:\n', 'steps: []\n');
    const d = only({ [F]: text }, 'empty-steps');
    expect(d.line).toBe(lineOf(text, 'steps:'));
  });

  it('a step without text (not a process link)', () => {
    const text = doc({ steps: '  - role: 员工\n  - role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'missing-text');
    expect(d.field).toBe('steps[0]');
  });
});

describe('warnings from the spec', () => {
  it('a step no path from a start reaches', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n    end: true\n  - role: 部门负责人\n    text: 审批\n' });
    const d = only({ [F]: text }, 'unreachable-step');
    expect(d.severity).toBe('warning');
    expect(d.line).toBe(lineOf(text, 'role: 部门负责人'));
    expect(d.message).toContain('step 2');
    // Strict makes it an error.
    expect(only({ [F]: text }, 'unreachable-step', { strict: true }).severity).toBe('error');
  });

  it('with start: true marked, only marked steps are starts', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n  - role: 部门负责人\n    text: 审批\n    start: true\n' });
    const d = only({ [F]: text }, 'unreachable-step');
    expect(d.message).toContain('step 1');
  });

  it('a role with no steps', () => {
    const text = doc({ roles: '[员工, 部门负责人, 总经理]' });
    const d = only({ [F]: text }, 'unused-role');
    expect(d.severity).toBe('warning');
    expect(d.field).toBe('roles[2]');
    expect(d.message).toContain('总经理');
  });

  it('an unknown frontmatter key suggests the closest known key', () => {
    const text = doc({ extra: 'revison: []\n' });
    const d = only({ [F]: text }, 'unknown-key');
    expect(d.line).toBe(lineOf(text, 'revison:'));
    expect(d.column).toBe(1);
    expect(d.message).toContain('Did you mean "revisions"?');
    const step = doc({ steps: '  - role: 员工\n    txt: 申请\n    text: 申请\n  - role: 部门负责人\n    text: 审批\n' });
    expect(only({ [F]: step }, 'unknown-key').message).toContain('"text"');
  });

  it('a review date before today on controlled and uncontrolled documents only', () => {
    const text = doc({ extra: 'review: 2025-06-01\n' });
    const d = only({ [F]: text }, 'review-overdue', { today: '2026-01-01' });
    expect(d.line).toBe(lineOf(text, 'review:'));
    expect(d.message).toContain('2026-01-01');
    expect(check({ [F]: doc({ status: 'uncontrolled', extra: 'review: 2025-06-01\n' }) }).diagnostics.some((x) => x.code === 'review-overdue')).toBe(true);
    expect(check({ [F]: doc({ status: 'draft', extra: 'review: 2025-06-01\n' }) }).diagnostics.some((x) => x.code === 'review-overdue')).toBe(false);
    expect(check({ [F]: text }, { today: '2025-06-01' }).diagnostics.some((x) => x.code === 'review-overdue')).toBe(false);
  });

  it('an effective date before approved.date', () => {
    const text = doc({ extra: 'effective: 2024-05-01\n' });
    const d = only({ [F]: text }, 'effective-before-approval');
    expect(d.line).toBe(lineOf(text, 'effective:'));
    expect(d.message).toContain('2024-05-28');
  });
});

describe('one run reports everything', () => {
  it('collects problems across documents and fields, sorted by file and line', () => {
    const r = check({
      'processes/a.md': doc({ code: 'A-1', status: 'bogus', roles: '[x, x]' }),
      'processes/b.md': '---\nname: [\n---\n',
      'processes/c.md': 'no frontmatter here',
    });
    const files = r.diagnostics.map((d) => d.file);
    expect(new Set(files)).toEqual(new Set(['processes/a.md', 'processes/b.md', 'processes/c.md']));
    expect([...files].sort()).toEqual(files);
    expect(r.handbook).toBeUndefined();
  });

  it('a clean handbook yields the model and no diagnostics', () => {
    const r = check({ [F]: doc() });
    expect(r.diagnostics).toEqual([]);
    expect(r.handbook?.processes.map((p) => p.code)).toEqual(['HR-AT-003']);
  });
});
