/**
 * The English and Chinese catalogues are kept in step: every diagnostic code has Chinese words for
 * every form of its message and hint, and each shows the same values (names, numbers, codes) as the
 * English; the command line's own messages have the same keys and the same {placeholders}.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type DiagnosticCode } from '../../src/diagnostics/catalogue.js';
import { CATALOGUE_ZH, type ZhEntry } from '../../src/diagnostics/catalogue-zh.js';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { FORMAT_WORDS, formatJson, formatText } from '../../src/diagnostics/format.js';
import { localize } from '../../src/diagnostics/localize.js';
import { MESSAGES, envLanguage, messageLanguage, say } from '../../src/diagnostics/messages.js';

/** Arguments for every form of every code's words. */
const SAMPLES: { [C in DiagnosticCode]: unknown[] } = {
  'read-failed': [{ what: 'file', reason: 'EACCES' }, { what: 'folder', reason: 'EIO' }],
  'no-frontmatter': [{ problem: 'missing' }, { problem: 'unclosed' }, { problem: 'other-language', firstLine: '+++' }],
  'invalid-yaml': [{ in: 'document', reason: 'duplicated mapping key' }, { in: 'document', reason: 'bad indentation' }, { in: 'settings', reason: 'x' }],
  'not-a-mapping': [{ value: 'list' }, { value: 'single value' }],
  'too-large': [{ limit: 'bytes', bytes: 3145728 }, { limit: 'roles', count: 101 }, { limit: 'steps', count: 1001 }],
  'symlink-ignored': [{ link: 'entry' }, { link: 'processes-folder' }, { link: 'settings' }],
  'missing-field': [{ key: 'name' }, { key: 'zzz' }, { key: 'role', parent: ['steps', 5], what: 'one of the roles', stepId: 'archive_docs' }, { key: 'date', parent: ['revisions', 0] }],
  'wrong-type': [
    { of: 'text', key: 'name', value: [1] },
    { of: 'boolean', key: 'start', value: 'yes' },
    { of: 'boolean', key: 'end', value: 3 },
    { of: 'list', key: 'tags', value: 'a', items: 'tags' },
    { of: 'list-item', key: 'roles', item: 2, value: 5, items: 'roles (swimlanes)' },
    { of: 'steps', value: 'x' },
    { of: 'revisions', value: 'x' },
    { of: 'signoff', value: [] },
    { of: 'step', item: 3, value: 'x' },
    { of: 'revision', item: 2, value: 'x' },
    { of: 'signoff-entry', entry: 'approved', value: 'x' },
    { of: 'next-item', item: 2, value: {} },
    { of: 'branch', label: '同意', step: 4, stepId: 'approve', value: {} },
  ],
  'empty-value': [
    { of: 'text', key: 'owner', empty: 'null' },
    { of: 'text', key: 'owner', empty: 'blank', what: 'a department' },
    { of: 'list-item', key: 'roles', item: 1, value: null, items: 'roles' },
    { of: 'roles', empty: 'null' },
    { of: 'roles', empty: 'list' },
    { of: 'next', step: 7, stepId: 'review', empty: 'null' },
    { of: 'next', step: 7, empty: 'list' },
  ],
  'unknown-status': [{ status: 'controled', near: 'controlled' }, { status: 'x' }],
  'invalid-code': [
    { code: 'A', problem: 'length', length: 120, limit: 100 },
    { code: 'A B', problem: 'characters' },
    { code: 'Ω', problem: 'bytes', bytes: 240, limit: 200 },
    { code: 'CON', problem: 'reserved' },
  ],
  'invalid-date': [{ value: '2024-02-30' }, { value: 'tomorrow' }],
  'unknown-key': [
    { in: 'document', parent: [], key: 'nmae', near: 'name', allowed: ['name'] },
    { in: 'document', parent: ['steps', 1], key: 'colour', allowed: ['role', 'text'], stepId: 'approve' },
    { in: 'settings', key: 'titel', near: 'title', allowed: ['title'] },
    { in: 'settings', key: 'zzz', allowed: ['title', 'language'] },
  ],
  'duplicate-role': [{ role: '员工', first: 1, item: 3 }],
  'empty-steps': [undefined],
  'unknown-role': [{ role: '人力资源', step: 4, stepId: 'hr_check', near: '人力资源部', roles: ['员工'] }, { role: 'X', step: 2, roles: ['员工', '部门负责人'] }],
  'unknown-type': [{ type: 'desicion', near: 'decision' }],
  'missing-text': [{ step: 3 }, { step: 6, stepId: 'archive_docs' }],
  'missing-ref': [{ step: 3, stepId: 'link_step' }],
  'ref-without-process': [{ step: 5 }],
  'unknown-ref': [{ ref: 'HR-XX-9', step: 2, near: 'HR-XX-1' }, { ref: '请假流程', step: 2, stepId: 'go', namedCode: 'HR-AT-003' }, { ref: 'Q', step: 1 }],
  'duplicate-step-id': [{ id: 'approve', first: 2 }],
  'unknown-step': [{ target: 'aprove', step: 3, stepId: 'check', near: 'approve' }, { target: 'zzz', step: 3 }],
  'end-with-next': [{ step: 8, stepId: 'done' }],
  'decision-branches': [{ step: 2, labelled: 0 }, { step: 2, stepId: 'ok', labelled: 1 }],
  'unreachable-step': [{ step: 6, text: '归档资料', id: 'archive_docs', startsMarked: false }, { step: 6, text: '归档', startsMarked: true }],
  'unused-role': [{ role: '财务部' }],
  'incomplete-signoff': [{ lacks: 'signoff' }, { lacks: 'by-or-date', entry: 'approved' }, { lacks: 'entries', entries: ['reviewed', 'approved'] }],
  'changed-after-approval': [
    { problem: 'changed', code: 'HR-AT-003', by: '王军', date: '2024-05-28', version: 'A/1' },
    { problem: 'malformed', entry: 'approved', value: 'abc' },
  ],
  'review-overdue': [{ review: '2025-01-01', today: '2026-12-06' }],
  'effective-before-approval': [{ effective: '2024-05-01', approved: '2024-05-28' }],
  'duplicate-code': [{ code: 'HR-AT-003', firstFile: 'processes/a.md' }],
  'code-case-clash': [{ code: 'hr-at-003', other: 'HR-AT-003', otherFile: 'processes/a.md' }],
  'no-processes': [{ folder: 'processes' }],
  'invalid-settings': [
    { problem: 'not-a-mapping' },
    { problem: 'not-text', key: 'title' },
    { problem: 'language', value: 'zh', near: 'zh-CN' },
    { problem: 'renderer', value: 'svg' },
    { problem: 'paper', value: 'B5' },
    { problem: 'url', value: 'ftp://x' },
    { problem: 'synonyms', reason: 'group 2 is not a list' },
    { problem: 'categories' },
    { problem: 'categories', item: 3 },
  ],
  'language-mismatch': [{ set: 'zh-CN', documents: 'en', percent: 2 }, { set: 'en', documents: 'zh-CN', percent: 91 }],
  'mermaid-fallback': [
    { code: 'HR-1', kind: 'error', reason: 'Mermaid failed' },
    { code: 'HR-1', kind: 'timeout', reason: 'slow' },
    { code: 'HR-1', kind: 'browser', reason: 'crash' },
    { code: 'HR-1', kind: 'empty', reason: 'nothing drawn', selfLoopStep: 3 },
  ],
};

/** Keys that choose a form of the words rather than carry a value to show. */
const FORM_KEYS = new Set(['of', 'problem', 'limit', 'lacks', 'kind', 'what', 'in', 'link', 'empty', 'startsMarked', 'value']);

/** The values an argument object shows: its text and numbers, at any depth (not the keys, nor the keys that choose a form). */
function values(v: unknown, key = ''): string[] {
  if (FORM_KEYS.has(key) && typeof v === 'string' && /^[a-z -]+$/.test(v)) return [];
  if (typeof v === 'string') return [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => values(x));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => values(x, k));
  return [];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `v` stands in `text` as a value of its own, not inside a word ("en" in "written"). */
const standsIn = (text: string, v: string) => new RegExp(`(?<![\\w-])${escape(v)}(?![\\w-])`).test(text);

const codes = Object.keys(CATALOGUE) as DiagnosticCode[];

describe('the English and Chinese diagnostic catalogues', () => {
  it('have the same codes, and every code has samples here', () => {
    expect(Object.keys(CATALOGUE_ZH).sort()).toEqual([...codes].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s: Chinese words for every form, showing the values the English shows', (code) => {
    const en = CATALOGUE[code] as unknown as { message: (a: unknown) => string; hint: (a: unknown) => string };
    const zh = CATALOGUE_ZH[code] as ZhEntry<DiagnosticCode> | undefined;
    expect(zh, `${code} has no Chinese entry in src/diagnostics/catalogue-zh.ts`).toBeDefined();
    for (const a of SAMPLES[code]) {
      for (const part of ['message', 'hint'] as const) {
        const english = en[part](a);
        const chinese = zh![part](a as never);
        expect(chinese, `${code} ${part} for ${JSON.stringify(a)}`).toEqual(expect.any(String));
        expect(chinese).not.toBe(english);
        // A value the English names (a role, a step's id, a code, a number) is in the Chinese too.
        const shown = values(a).filter((v) => v.length > 1 && standsIn(english, v));
        for (const v of shown) expect(chinese, `${code} ${part}: "${v}" is in the English, not in the Chinese`).toContain(v);
      }
    }
  });
});

describe('diagnostics in the reader language', () => {
  const d = diagnostic('unknown-role', { file: 'processes/leave.md', line: 26, column: 11, field: 'steps[3].role' }, { role: '人力资源', step: 4, stepId: 'hr_check', near: '人力资源部', roles: ['人力资源部'] });

  it('keeps code, file, line and field; changes the words', () => {
    const zh = localize(d, 'zh');
    expect(zh).toMatchObject({ code: 'unknown-role', file: 'processes/leave.md', line: 26, column: 11, field: 'steps[3].role', severity: 'error' });
    expect(zh.message).toBe('第 4 步（hr_check）的角色 "人力资源" 不在 roles 中。是否应为“人力资源部”？');
    expect(zh.hint).toBe('改为 "人力资源部"，或把 "人力资源" 加到 roles。');
    expect(localize(d, 'en')).toBe(d);
  });

  it('text and JSON output in Chinese; "error" and "warning" stay as tools read them', () => {
    const text = formatText([d], 3, { color: false, language: 'zh' });
    expect(text).toBe(
      'processes/leave.md:26:11 error steps[3].role: 第 4 步（hr_check）的角色 "人力资源" 不在 roles 中。是否应为“人力资源部”？ [unknown-role]\n' +
        '  修改： 改为 "人力资源部"，或把 "人力资源" 加到 roles。\n已检查 3 个文档：1 个错误，0 个警告。\n',
    );
    const json = JSON.parse(formatJson([d], 3, 'zh'));
    expect(json.diagnostics[0]).toMatchObject({ code: 'unknown-role', message: expect.stringContaining('第 4 步（hr_check）') });
    expect(JSON.parse(formatJson([d], 3)).diagnostics[0].message).toBe(d.message);
  });

  it('the words of the text format itself have the same keys in both languages', () => {
    expect(Object.keys(FORMAT_WORDS.zh).sort()).toEqual(Object.keys(FORMAT_WORDS.en).sort());
  });
});

describe("the command line's own messages", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys and the same placeholders in English and Chinese', () => {
    expect(Object.keys(MESSAGES.zh).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    for (const key of Object.keys(MESSAGES.en) as Array<keyof typeof MESSAGES.en>) {
      expect(placeholders(MESSAGES.zh[key]), key).toEqual(placeholders(MESSAGES.en[key]));
      expect(MESSAGES.zh[key], key).not.toBe('');
    }
  });

  it('FLOWBOOK_LANG first, then the handbook language, then English', () => {
    expect(envLanguage({ FLOWBOOK_LANG: 'zh' })).toBe('zh');
    expect(envLanguage({ FLOWBOOK_LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(envLanguage({ FLOWBOOK_LANG: 'EN-gb' })).toBe('en');
    expect(envLanguage({ FLOWBOOK_LANG: 'fr' })).toBeUndefined();
    expect(envLanguage({ FLOWBOOK_LANG: 'zho' })).toBeUndefined();
    expect(messageLanguage('zh-CN', {})).toBe('zh');
    expect(messageLanguage('en', {})).toBe('en');
    expect(messageLanguage(undefined, {})).toBe('en');
    expect(messageLanguage('zh-CN', { FLOWBOOK_LANG: 'en' })).toBe('en');
    expect(messageLanguage('en', { FLOWBOOK_LANG: 'zh' })).toBe('zh');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(say('en', 'devPortTaken', { port: 4000, used: 4001 })).toBe('Port 4000 is taken; using 4001.');
    expect(say('zh', 'devPortTaken', { port: 4000 })).toBe('端口 4000 已被占用；改用 {used}。');
  });
});
