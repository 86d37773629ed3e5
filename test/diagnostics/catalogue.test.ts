/**
 * The catalogue owns the words: every code in it has a fixture (a small handbook, inline) that
 * produces it, its message and hint are recorded in the snapshot (wording changes show up in
 * review), and docs/format.md's table of checks is the one the catalogue generates.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE, type DiagnosticCode } from '../../src/diagnostics/catalogue.js';
import { checksTable, withChecksTable } from '../../src/diagnostics/checks-table.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadHandbook } from '../../src/load.js';
import { check, doc, TODAY } from '../helpers/handbook.js';

/** A handbook in memory (what `check` takes), or one written to disk by `write` (for links). */
type Fixture = { files: Record<string, string>; settings?: string } | { write: (root: string) => void };

const F = 'processes/leave.md';
const steps = (s: string) => ({ [F]: doc({ steps: s }) });
const two = '  - role: 员工\n    text: 申请\n';

/** Codes no document can produce, and why. Keep it short. */
const EXEMPT: Partial<Record<DiagnosticCode, string>> = {
  'read-failed': 'an I/O failure (permissions, a disk error), not something a document says; tests run as root, where permissions do not stop a read',
  'mermaid-fallback': 'a Mermaid drawing failure in Chromium at build time, not a problem of the document; the e2e Mermaid tests produce it',
};

const FIXTURES: Partial<Record<DiagnosticCode, Fixture>> = {
  // reading
  'no-frontmatter': { files: { [F]: 'no frontmatter here\n' } },
  'invalid-yaml': { files: { [F]: doc({ extra: 'tags: [a, b\n' }) } },
  'not-a-mapping': { files: { [F]: '---\n- a\n- b\n---\n' } },
  'too-large': { files: { [F]: doc({ roles: `[${Array.from({ length: 101 }, (_, i) => `r${i}`).join(', ')}]` }) } },
  'symlink-ignored': {
    write: (root) => {
      mkdirSync(path.join(root, 'processes'));
      writeFileSync(path.join(root, 'processes', 'leave.md'), doc());
      writeFileSync(path.join(root, 'elsewhere.md'), doc({ code: 'HR-AT-004' }));
      symlinkSync(path.join(root, 'elsewhere.md'), path.join(root, 'processes', 'linked.md'));
    },
  },
  // fields
  'missing-field': { files: { [F]: doc().replace('owner: 人力资源部\n', '') } },
  'wrong-type': { files: steps(`${two}    start: yes\n  - role: 部门负责人\n    text: 审批\n`) },
  'empty-value': { files: { [F]: doc().replace('owner: 人力资源部', 'owner:') } },
  'unknown-status': { files: { [F]: doc({ status: 'controled' }) } },
  'invalid-code': { files: { [F]: doc({ code: 'HR AT 003' }) } },
  'invalid-date': { files: { [F]: doc({ extra: 'effective: 2024-02-30\n' }) } },
  'unknown-key': { files: { [F]: doc({ extra: 'revison: []\n' }) } },
  // roles and steps
  'duplicate-role': { files: { [F]: doc({ roles: '[员工, 部门负责人, 员工]' }) } },
  'empty-steps': { files: { [F]: doc({ steps: '' }).replace('steps:\n', 'steps: []\n') } },
  'unknown-role': { files: steps(`${two}  - role: 部门负责\n    text: 审批\n  - role: 部门负责人\n    text: 备案\n`) },
  'unknown-type': { files: steps(`${two}  - role: 部门负责人\n    type: decison\n    text: 审批\n`) },
  'missing-text': { files: steps('  - role: 员工\n  - role: 部门负责人\n    text: 审批\n') },
  'missing-ref': { files: steps(`${two}  - role: 部门负责人\n    type: process\n`) },
  'ref-without-process': { files: steps(`${two}  - role: 部门负责人\n    text: 审批\n    ref: HR-AT-003\n`) },
  'unknown-ref': { files: steps(`${two}  - role: 部门负责人\n    type: process\n    ref: HR-AT-030\n`) },
  'duplicate-step-id': { files: steps('  - id: a\n    role: 员工\n    text: 申请\n  - id: a\n    role: 部门负责人\n    text: 审批\n') },
  'unknown-step': { files: steps(`${two}    next: approv\n  - id: approve\n    role: 部门负责人\n    text: 审批\n`) },
  'end-with-next': { files: steps(`${two}    end: true\n    next: b\n  - id: b\n    role: 部门负责人\n    text: 审批\n`) },
  'decision-branches': { files: steps(`  - role: 员工\n    type: decision\n    text: 是否同意\n    next: b\n  - id: b\n    role: 部门负责人\n    text: 审批\n`) },
  'unreachable-step': { files: steps(`${two}    end: true\n  - role: 部门负责人\n    text: 审批\n`) },
  'unused-role': { files: { [F]: doc({ roles: '[员工, 部门负责人, 总经理]' }) } },
  // document control
  'incomplete-signoff': { files: { [F]: doc({ signoff: null }) } },
  'review-overdue': { files: { [F]: doc({ extra: 'review: 2025-06-01\n' }) } },
  'effective-before-approval': { files: { [F]: doc({ extra: 'effective: 2024-05-01\n' }) } },
  'changed-after-approval': { files: { [F]: doc({ signoff: `signoff:\n  prepared: { by: 张敏, date: 2024-05-20 }\n  reviewed: { by: 李强, date: 2024-05-25 }\n  approved: { by: 王军, date: 2024-05-28, sha256: ${'0'.repeat(64)} }\n` }) } },
  // handbook
  'duplicate-code': { files: { 'processes/a.md': doc(), 'processes/b.md': doc({ name: '另一个流程' }) } },
  'code-case-clash': { files: { 'processes/a.md': doc(), 'processes/b.md': doc({ code: 'hr-at-003' }) } },
  'no-processes': { files: {} },
  'invalid-settings': { files: { [F]: doc() }, settings: 'renderer: svg\n' },
  'language-mismatch': {
    files: {
      [F]: doc({
        name: 'Leave request',
        roles: '[Employee, Manager]',
        steps: '  - role: Employee\n    text: Fill in the leave request form\n  - role: Manager\n    text: Approve or reject the request\n',
        body: 'Managers approve leave of up to three days; longer leave also needs the approval of the human resources department, which keeps the records. Every request is answered within two working days.\n',
      }),
    },
    settings: 'title: Handbook\nlanguage: zh-CN\n',
  },
};

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function produce(fixture: Fixture): Promise<readonly Diagnostic[]> {
  if ('files' in fixture) return check(fixture.files, { settings: fixture.settings }).diagnostics;
  const root = mkdtempSync(path.join(tmpdir(), 'flowbook-diagnostics-'));
  roots.push(root);
  fixture.write(root);
  return (await loadHandbook(root, { today: TODAY })).diagnostics;
}

const codes = Object.keys(CATALOGUE) as DiagnosticCode[];

describe('the diagnostic catalogue', () => {
  it('has a fixture or a reason for every code, and nothing for codes it does not have', () => {
    for (const code of codes) expect(code in FIXTURES !== code in EXEMPT, `${code}: exactly one of a fixture and an exemption`).toBe(true);
    for (const code of [...Object.keys(FIXTURES), ...Object.keys(EXEMPT)]) expect(codes, code).toContain(code);
    expect(Object.keys(EXEMPT).length).toBeLessThanOrEqual(3);
  });

  it.each(codes.filter((c) => c in FIXTURES))('%s: its fixture produces it, with the catalogue words', async (code) => {
    const ds = await produce(FIXTURES[code]!);
    const found = ds.filter((d) => d.code === code);
    expect(found.length, JSON.stringify(ds, null, 1)).toBeGreaterThan(0);
    for (const d of found) expect(d.severity).toBe(CATALOGUE[code].severity);
    expect(found.map((d) => ({ field: d.field, message: d.message, hint: d.hint }))).toMatchSnapshot();
  });

  it('every entry says when it is reported, and what to do', () => {
    for (const code of codes) {
      expect(CATALOGUE[code].title, code).toMatch(/^\S.*[^.]$/);
      expect(CATALOGUE[code].when.length, code).toBeGreaterThan(5);
      expect(CATALOGUE[code].when, code).not.toContain('|');
    }
  });

  it('docs/format.md has the table of checks the catalogue generates (npm run docs:checks)', () => {
    const file = path.join(import.meta.dirname, '../../docs/format.md');
    const text = readFileSync(file, 'utf8');
    expect(text, 'the table of checks in docs/format.md is stale: run npm run docs:checks').toBe(withChecksTable(text));
    for (const code of codes) expect(checksTable()).toContain(`| \`${code}\` |`);
  });
});
