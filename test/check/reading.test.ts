/** The spec's reading rules: YAML 1.2 core, text as written, BOM/CRLF, ignored files, symlinks. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check, doc, lineOf } from '../helpers/handbook.js';
import { parseProcessDocument } from '../../src/parse/document.js';
import { listDocuments } from '../../src/source/read-handbook.js';
import { loadHandbook } from '../../src/load.js';

describe('YAML 1.2 core schema, text as written', () => {
  it('yes/no/on/off stay strings; labels are shown exactly as written', () => {
    const text = doc({
      steps: '  - role: 员工\n    type: decision\n    text: 是否同意\n    next: { yes: a, no: b, on: a, 1.10: b }\n  - id: a\n    role: 部门负责人\n    text: 审批\n    end: true\n  - id: b\n    role: 员工\n    text: 撤回\n',
    });
    const r = check({ 'processes/x.md': text });
    expect(r.diagnostics).toEqual([]);
    const labels = r.handbook!.processes[0]!.steps[0]!.next.map((e) => e.label);
    expect(labels).toEqual(['yes', 'no', 'on', '1.10']);
  });

  it('a bare-number version keeps its written text', () => {
    const r = check({ 'processes/x.md': doc({ extra: 'version: 2.0\n' }) });
    expect(r.handbook!.processes[0]!.version).toBe('2.0');
    const r2 = check({ 'processes/x.md': doc({ extra: 'version: 010\n' }) });
    expect(r2.handbook!.processes[0]!.version).toBe('010');
  });

  it('start: yes is text, so it is a type error with a hint', () => {
    const text = doc({ steps: '  - role: 员工\n    text: 申请\n    start: yes\n  - role: 部门负责人\n    text: 审批\n' });
    const d = check({ 'processes/x.md': text }).diagnostics.find((x) => x.code === 'wrong-type')!;
    expect(d.line).toBe(lineOf(text, 'start: yes'));
    expect(d.hint).toContain('start: true');
  });

  it('a UTF-8 BOM and CRLF line endings read like plain LF', () => {
    const text = doc({ extra: 'effective: 2024-02-30\n' });
    const crlf = '\ufeff' + text.replace(/\n/g, '\r\n');
    const a = check({ 'processes/x.md': text }).diagnostics;
    const b = check({ 'processes/x.md': crlf }).diagnostics;
    expect(b).toEqual(a);
    expect(b[0]!.line).toBe(lineOf(text, 'effective:'));
    const ok = check({ 'processes/x.md': '\ufeff' + doc().replace(/\n/g, '\r\n') });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.handbook!.processes[0]!.body).toBe('## 相关说明\n');
  });

  it('the body line is counted from the frontmatter', () => {
    const text = doc();
    const parsed = parseProcessDocument('x.md', text);
    expect(parsed.bodyLine).toBe(lineOf(text, '## 相关说明'));
  });

  it('frontmatter in another language (---js) is refused, never executed', () => {
    const p = parseProcessDocument('x.md', '---js\n{ name: (globalThis.pwned = 1) }\n---\n');
    expect(p.diagnostics[0]!.code).toBe('no-frontmatter');
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('unclosed frontmatter and a missing one are named', () => {
    expect(parseProcessDocument('x.md', '---\nname: x\n').diagnostics[0]!.message).toMatch(/never closed/);
    expect(parseProcessDocument('x.md', '# Title\n').diagnostics[0]!.message).toMatch(/does not start/);
  });

  it('a frontmatter list is not a set of fields', () => {
    expect(parseProcessDocument('x.md', '---\n- a\n- b\n---\n').diagnostics[0]!.code).toBe('not-a-mapping');
  });
});

describe('files', () => {
  it('ignores _ and . names, reads sub-folders, never follows symlinks', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fb-read-'));
    await mkdir(path.join(root, 'processes/sub'), { recursive: true });
    await mkdir(path.join(root, 'processes/.hidden'), { recursive: true });
    await writeFile(path.join(root, 'processes/a.md'), doc({ code: 'A' }));
    await writeFile(path.join(root, 'processes/sub/b.md'), doc({ code: 'B' }));
    await writeFile(path.join(root, 'processes/_draft.md'), 'not a document');
    await writeFile(path.join(root, 'processes/.x.md'), 'not a document');
    await writeFile(path.join(root, 'processes/.hidden/c.md'), 'not a document');
    await writeFile(path.join(root, 'processes/notes.txt'), 'not markdown');
    await writeFile(path.join(root, 'secret.md'), doc({ code: 'SECRET' }));
    await symlink(path.join(root, 'secret.md'), path.join(root, 'processes/link.md'));
    const { files, diagnostics } = await listDocuments(root);
    expect(files).toEqual(['processes/a.md', 'processes/sub/b.md']);
    expect(diagnostics.map((d) => d.file)).toEqual(['processes/link.md']);
    const r = await loadHandbook(root, { today: '2026-11-27' });
    expect(r.handbook).toBeDefined();
    expect(r.handbook!.processes.map((p) => p.code)).toEqual(['A', 'B']);
  });

  it('a processes folder that is a symbolic link is not followed', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'fb-outside-'));
    await writeFile(path.join(outside, 'x.md'), doc({ code: 'OUTSIDE' }));
    const root = await mkdtemp(path.join(tmpdir(), 'fb-link-'));
    await symlink(outside, path.join(root, 'processes'));
    const r = await loadHandbook(root, { today: '2026-11-27' });
    expect(r.handbook).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['no-processes', 'symlink-ignored']);
  });

  it('an empty handbook is an error that says where documents go', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fb-empty-'));
    const r = await loadHandbook(root, { today: '2026-11-27' });
    expect(r.diagnostics[0]!.code).toBe('no-processes');
    expect(r.diagnostics[0]!.hint).toContain('processes/');
  });
});

describe('flowbook.yml', () => {
  it('unknown keys and bad values are reported like a document\'s', () => {
    const r = check({ 'processes/x.md': doc() }, { settings: 'title: 手册\nlanguge: en\nlanguage: fr\nrenderer: svg\n' });
    const codes = r.diagnostics.map((d) => [d.code, d.line]);
    expect(codes).toContainEqual(['unknown-key', 2]);
    expect(codes).toContainEqual(['invalid-settings', 3]);
    expect(codes).toContainEqual(['invalid-settings', 4]);
    expect(r.diagnostics.find((d) => d.code === 'unknown-key')!.message).toContain('"language"');
  });

  it('settings reach the model, with language defaults', () => {
    const r = check({ 'processes/x.md': doc() }, { settings: 'title: HR Handbook\norganisation: ACME\nlanguage: en\n' });
    expect(r.handbook!.settings).toMatchObject({ title: 'HR Handbook', organisation: 'ACME', language: 'en', uncontrolledText: 'Uncontrolled when printed' });
  });
});
