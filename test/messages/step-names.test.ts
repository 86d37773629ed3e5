/**
 * A message about a step names its id when it has one (`step 6 (archive_docs)`), not only its
 * number: writers know steps by the ids their next points at. Same words in check's text and
 * JSON output (both print the diagnostic's message), and in dev's overlay (formatDiagnostic).
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, formatJson } from '../../src/diagnostics/format.js';
import { check, doc } from '../helpers/handbook.js';

const F = 'processes/leave.md';
const messages = (steps: string, extra = '') => check({ [F]: doc({ steps, extra }) }).diagnostics.map((d) => d.message);

describe('messages that name the step', () => {
  it('an unknown role, next and ref name the step by number and id', () => {
    const ms = messages(`  - role: 员工
    text: 填写请假条
  - id: archive_docs
    role: 档案室
    text: 归档
    next: nowhere
  - id: link
    role: 员工
    type: process
    ref: HR-XX-999
    end: true
`);
    expect(ms.some((m) => m.startsWith('role "档案室" of step 2 (archive_docs) is not in roles.'))).toBe(true);
    expect(ms.some((m) => m.startsWith('next of step 2 (archive_docs) names "nowhere"'))).toBe(true);
    expect(ms.some((m) => m.startsWith('ref "HR-XX-999" of step 3 (link) names no process'))).toBe(true);
  });

  it('a step without an id is named by its number alone', () => {
    const ms = messages(`  - role: 员工
  - role: 部门负责人
    text: 审批
`);
    expect(ms).toContain('step 1 has no text');
  });

  it('end with next, a decision without branches, an unknown key and an unreachable step name the id', () => {
    const ms = messages(`  - role: 员工
    text: 填写请假条
    end: true
  - id: approve
    role: 部门负责人
    type: decision
    text: 审批
    colour: red
    end: true
    next: archive
  - id: archive
    role: 部门负责人
    text: 归档
`);
    expect(ms).toContain('step 2 (approve) has end: true and also a next');
    expect(ms.some((m) => m.startsWith('decision step 2 (approve) has'))).toBe(true);
    expect(ms.some((m) => m.startsWith('unknown key "colour" in step 2 (approve).'))).toBe(true);
  });

  it('an unreachable step is named by its id and text', () => {
    const ms = messages(`  - role: 员工
    text: 填写请假条
    end: true
  - id: approve
    role: 部门负责人
    text: 审批
`);
    expect(ms).toContain('step 2 (approve) ("审批") cannot be reached from the first step');
  });

  it('text and JSON output carry the same words; the id is shortened like any quoted text', () => {
    const long = 'x'.repeat(80);
    const r = check({ [F]: doc({ steps: `  - id: ${long}\n    role: 档案室\n    text: 归档\n  - role: 员工\n    text: 填写\n` }) });
    const d = r.diagnostics.find((x) => x.code === 'unknown-role')!;
    expect(d.message).toContain(`step 1 (${'x'.repeat(30)}…)`);
    expect(formatDiagnostic(d)).toContain(d.message);
    expect(JSON.parse(formatJson(r.diagnostics, 1)).diagnostics.find((x: { code: string }) => x.code === 'unknown-role').message).toBe(d.message);
  });
});
