/**
 * Approval bound to content: `approveText` records a sign-off with the content's fingerprint, the
 * check reports `changed-after-approval` when the content changes afterwards, and formatting
 * alone (indentation, key order, quoting, flow or block style, line endings) changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { approveText, ApproveRefused } from '../../src/control/approve.js';
import { approvalState, contentFingerprint, normalForm } from '../../src/control/fingerprint.js';
import { parseProcessDocument } from '../../src/parse/document.js';
import { stringify } from 'yaml';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDocument } from '../../src/validate/document.js';
import { approvalLine } from '../../src/control/approval-line.js';
import { check, doc, lineOf } from '../helpers/handbook.js';

const F = 'processes/leave.md';
const BASE = doc({ extra: 'version: A/1\nrevisions:\n  - { version: A/0, date: 2023-01-10, change: 首次发布 }   # first\n  - { version: A/1, date: 2024-06-01, change: 增加审批 }\n' });

const approveAs = (text: string, as: 'prepared' | 'reviewed' | 'approved' = 'approved', by = '王军', date = '2026-12-01') => approveText({ file: F, text }, { code: 'HR-AT-003', by, as, date });
const codes = (text: string) => check({ [F]: text }).diagnostics.map((d) => d.code);

/** The same document written differently: keys reversed, 4-space block style, every text double-quoted, CRLF, trailing blank lines. */
function reformat(text: string): string {
  const p = parseProcessDocument(F, text);
  const yaml = stringify(p.data, {
    indent: 4,
    indentSeq: false,
    collectionStyle: 'block',
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    sortMapEntries: (a, b) => (String(a.key) < String(b.key) ? 1 : -1),
  });
  return `---\r\n${yaml.replace(/\n/g, '\r\n')}---\r\n\r\n${p.body.replace(/\n/g, '\r\n')}\r\n\r\n\r\n`;
}

describe('flowbook approve (the pure core)', () => {
  it('records the sign-off with the fingerprint on one line, and the check passes', () => {
    expect(codes(BASE)).toEqual([]);
    const a = approveAs(BASE);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const before = BASE.split('\n');
    const after = a.text.split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toEqual([`  approved: { by: 王军, date: 2026-12-01, version: A/1, sha256: ${a.sha256} }`]);
    expect(a.line).toBe(lineOf(a.text, '  approved:'));
    expect(a.text).toContain('# first'); // the author's comment stays
    expect(codes(a.text)).toEqual([]);
    const p = check({ [F]: a.text }).handbook!.byCode.get('HR-AT-003')!;
    expect(p.signoff?.approved?.sha256).toBe(a.sha256);
    expect(approvalState(p)).toBe('verified');
  });

  it('an edit after approval fails the check, pointing at the sign-off with the fix', () => {
    const a = approveAs(BASE);
    const edited = a.text.replace('text: 审批', 'text: 审批并签字');
    const r = check({ [F]: edited });
    expect(r.handbook).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'changed-after-approval')!;
    expect(d).toMatchObject({ severity: 'error', file: F, line: lineOf(edited, '  approved:'), field: 'signoff.approved.sha256' });
    expect(d.message).toContain('HR-AT-003 A/1 was changed after 王军 approved it on 2026-12-01');
    expect(d.hint).toContain('new version with a revision entry');
    expect(d.hint).toContain('flowbook approve HR-AT-003 --by <name>');
    // The body counts too, and so does a field such as the review date.
    expect(codes(a.text.replace('## 相关说明', '## 相关说明\n\n补充一句。'))).toContain('changed-after-approval');
    expect(codes(a.text.replace('owner: 人力资源部', 'owner: 行政部'))).toContain('changed-after-approval');
  });

  it('formatting alone changes nothing: indentation, key order, quoting, block style, CRLF, blank lines', () => {
    const a = approveAs(BASE);
    const re = reformat(a.text);
    expect(re).not.toBe(a.text);
    expect(re).toContain('\r\n        by: "王军"');
    expect(codes(re)).toEqual([]);
    const p = parseProcessDocument(F, re);
    expect(contentFingerprint(p.data!, p.body)).toBe(a.sha256);
    // ...and the reformatted document still fails once its content changes.
    expect(codes(re.replace('"填写请假条"', '"填写请假单"'))).toEqual(['changed-after-approval']);
  });

  it('sign-off and revision history are outside the fingerprint; an empty value is no value', () => {
    const a = approveAs(BASE);
    const more = a.text.replace('  - { version: A/1, date: 2024-06-01, change: 增加审批 }', '  - { version: A/1, date: 2024-06-01, change: 增加审批(补记) }').replace('reviewed: { by: 李强', 'reviewed: { by: 李强强');
    expect(codes(more)).toEqual([]);
    const p = parseProcessDocument(F, a.text);
    const q = parseProcessDocument(F, a.text.replace('    text: 填写请假条\n', '    text: 填写请假条\n    note:\n'));
    expect(contentFingerprint(q.data!, q.body)).toBe(contentFingerprint(p.data!, p.body));
    expect(normalForm(p.data!, p.body).split('\n')[0]).toBe('flowbook-content-v1');
    expect(normalForm(p.data!, p.body)).not.toContain('signoff');
  });

  it('approving changed content needs a new version with its revision entry first', () => {
    const a = approveAs(BASE);
    const edited = a.text.replace('text: 审批', 'text: 审批并签字');
    expect(() => approveAs(edited)).toThrow(ApproveRefused);
    try {
      approveAs(edited);
    } catch (e) {
      expect((e as Error).message).toContain('has changed since 王军 approved it on 2026-12-01, but it is still version A/1');
    }
    // A new version without its revision entry is refused too.
    expect(() => approveAs(edited.replace('version: A/1\n', 'version: A/2\n'))).toThrow(/no entry for version A\/2/);
    const bumped = edited.replace('version: A/1\n', 'version: A/2\n').replace('  - { version: A/1, date: 2024-06-01, change: 增加审批 }\n', '  - { version: A/1, date: 2024-06-01, change: 增加审批 }\n  - { version: A/2, date: 2026-12-05, change: 审批时签字 }\n');
    expect(codes(bumped)).toEqual(['changed-after-approval']);
    const b = approveAs(bumped, 'approved', '赵六', '2026-12-06');
    expect(b.previous).toBe(a.sha256);
    expect(b.sha256).not.toBe(a.sha256);
    expect(codes(b.text)).toEqual([]);
    // The unchanged content can be approved again without a new version (a review date moved, say).
    expect(approveAs(b.text, 'approved', '赵六', '2026-12-07').sha256).toBe(b.sha256);
  });

  it('writes prepared and reviewed entries too, notes content changed after review, keeps BOM and CRLF', () => {
    const crlf = '\ufeff' + BASE.replace(/\n/g, '\r\n');
    const r = approveAs(crlf, 'reviewed', '李强', '2026-11-30');
    expect(r.text.startsWith('\ufeff---\r\n')).toBe(true);
    expect(r.text.split('\r\n').length).toBe(crlf.split('\r\n').length);
    expect(r.text).toContain(`reviewed: { by: 李强, date: 2026-11-30, version: A/1, sha256: ${r.sha256} }\r\n`);
    const changed = r.text.replace('text: 审批', 'text: 复核');
    const a = approveAs(changed);
    expect(a.notes.map((n) => n.en)).toEqual(['the content changed after 李强 reviewed it on 2026-11-30']);
  });

  it('adds a sign-off where there is none, in block or flow style, and quotes hostile names', () => {
    const none = doc({ status: 'draft', signoff: null });
    const a = approveAs(none, 'prepared', "O'Neil: #1 =cmd|' /C calc'!A0", '2026-12-01');
    expect(a.text).toContain(`signoff:\n  prepared: { by: "O'Neil: #1 =cmd|' /C calc'!A0", date: 2026-12-01, sha256: ${a.sha256} }\n---`);
    expect(parseProcessDocument(F, a.text).data!.signoff).toEqual({ prepared: { by: "O'Neil: #1 =cmd|' /C calc'!A0", date: '2026-12-01', sha256: a.sha256 } });
    const block = doc({ signoff: 'signoff:\n  prepared:\n    by: 张敏 # 编制\n    date: 2024-05-20\n  reviewed: { by: 李强, date: 2024-05-25 }\n  approved: { by: 王军, date: 2024-05-28 }\n' });
    const b = approveAs(block, 'prepared', '张敏', '2026-12-02');
    expect(b.text).toContain(`  prepared:\n    by: 张敏 # 编制\n    date: 2026-12-02\n    sha256: ${b.sha256}\n  reviewed:`);
  });

  it('refuses a document with errors of its own, and a malformed fingerprint is an error', () => {
    expect(() => approveAs(doc({ roles: '[员工]' }))).toThrow(/has errors/);
    const bad = doc({ signoff: 'signoff:\n  prepared: { by: 张敏, date: 2024-05-20 }\n  reviewed: { by: 李强, date: 2024-05-25 }\n  approved: { by: 王军, date: 2024-05-28, sha256: 12345 }\n' });
    expect(check({ [F]: bad }).diagnostics.map((d) => [d.code, d.message])).toEqual([['changed-after-approval', 'signoff.approved.sha256 "12345" is not a SHA-256 fingerprint (64 hex digits)']]);
    // A malformed fingerprint can be replaced by approving.
    expect(codes(approveAs(bad).text)).toEqual([]);
  });

  it('a document that is not controlled is not held to its approval by the check, but its state shows', () => {
    const draft = doc({ status: 'draft' });
    const a = approveAs(draft);
    const edited = a.text.replace('text: 审批', 'text: 复核');
    expect(codes(edited)).toEqual([]);
    expect(approvalState(check({ [F]: edited }).handbook!.byCode.get('HR-AT-003')!)).toBe('changed');
    expect(approvalState(check({ [F]: doc() }).handbook!.byCode.get('HR-AT-003')!)).toBe('unrecorded');
  });
});

describe('flowbook approve on every document of the example and the hostile handbooks', () => {
  const roots = ['.', 'test/fixtures/hostile', 'test/fixtures/mermaid-hostile', 'test/fixtures/security', 'test/fixtures/site-basic'];
  const files = roots.flatMap((r) => {
    const dir = path.resolve(import.meta.dirname, '../..', r, 'processes');
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md') && !path.basename(f).startsWith('_'))
      .map((f) => ({ file: `processes/${f.split(path.sep).join('/')}`, text: readFileSync(path.join(dir, f), 'utf8') }));
  });

  it.each(['prepared', 'reviewed', 'approved'] as const)('as %s: only sign-off lines change, the content and its diagnostics stay, the state is verified', (as) => {
    expect(files.length).toBeGreaterThan(30);
    let approved = 0;
    for (const src of files) {
      const before = checkDocument(parseProcessDocument(src.file, src.text));
      if (!before.doc || before.diagnostics.some((d) => d.severity === 'error')) continue;
      const a = approveText(src, { code: before.doc.code, by: '王军 "QA" #1', as, date: '2026-12-01' });
      approved++;
      const after = checkDocument(parseProcessDocument(src.file, a.text));
      // The content is untouched: same fingerprint, same body; diagnostics the same but for lines moved by added ones.
      expect(contentFingerprint(parseProcessDocument(src.file, a.text).data!, parseProcessDocument(src.file, a.text).body)).toBe(a.sha256);
      expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
      expect(after.doc!.signoff![as]).toMatchObject({ by: '王军 "QA" #1', date: '2026-12-01', sha256: a.sha256 });
      // Every line of the old file is still there, in order; the new ones are sign-off lines.
      const old = src.text.replace(/\r\n/g, '\n').split('\n');
      const now = a.text.replace(/\r\n/g, '\n').split('\n');
      const removed = old.filter((l) => !now.includes(l));
      expect(removed.every((l) => /^\s*(approved|reviewed|prepared|by|date|version|sha256):/.test(l))).toBe(true);
      expect(removed.length).toBeLessThanOrEqual(2); // one flow-style entry, or by and date of a block-style one
    }
    expect(approved).toBeGreaterThan(30);
  });
});

describe('the approval line of a process page', () => {
  it('says verified or changed, in the handbook language, and nothing for a sign-off without fingerprint', () => {
    const a = approveAs(doc({ status: 'uncontrolled' }));
    const verified = check({ [F]: a.text }).handbook!.byCode.get('HR-AT-003')!;
    const changed = check({ [F]: a.text.replace('text: 审批', 'text: 复核') }).handbook!.byCode.get('HR-AT-003')!;
    expect(approvalLine('zh-CN', verified)).toEqual({ state: 'verified', label: '批准内容', text: '已核验：与批准时的内容一致', sha256: a.sha256, short: `${a.sha256.slice(0, 8)}…${a.sha256.slice(-4)}` });
    expect(approvalLine('en', changed)).toMatchObject({ state: 'changed', label: 'Approved content', text: 'Changed after approval: needs approval again' });
    expect(approvalLine('en', check({ [F]: doc() }).handbook!.byCode.get('HR-AT-003')!)).toBeUndefined();
  });
});
