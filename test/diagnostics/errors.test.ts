/**
 * Run-time errors: every code has its words in src/diagnostics/errors.ts and an exit code in
 * src/cli/errors.ts, and the command line prints the message as before (`flowbook: ...`).
 */
import { describe, expect, it } from 'vitest';
import { FlowbookError, RUN_ERRORS, type RunErrorArgs, type RunErrorCode } from '../../src/diagnostics/errors.js';
import { EXIT_FOR, EXIT_PROBLEMS, handleError } from '../../src/cli/errors.js';

/** Arguments for each code (the type makes a new code add one here). */
const EXAMPLES: { [C in RunErrorCode]: RunErrorArgs<C> } = {
  'mermaid-no-browser': [{ help: { en: 'No Chromium, Chrome or Edge was found.', zh: '未找到 Chromium、Chrome 或 Edge。' } }],
  'mermaid-browser-failed': [{ executable: '/usr/bin/chromium', reason: 'spawn EACCES' }],
  'template-invalid': [{ file: 'templates/process.hbs', reason: 'Parse error on line 3' }],
  'template-missing': [{ name: 'layout' }],
  'template-unreadable': [{ file: '/handbook/templates/partials', reason: "EACCES: permission denied, scandir '/handbook/templates/partials'" }],
  'approve-refused': [{ problem: 'no-revision', reason: 'same-version', code: 'HR-AT-003', file: 'processes/leave.md', version: 'A/1', by: '王军', date: '2024-05-28' }],
  'nothing-to-issue': [],
  'issue-refused': [{ problems: [{ code: 'hr-at-003', near: 'HR-AT-003' }, { code: 'HR-AT-009', name: '旧流程', status: 'obsolete' }] }],
  'return-not-issued': [{ code: 'HR-AT-003', copy: 2, version: 'A/0' }],
  'return-already-returned': [{ code: 'HR-AT-003', copy: 2, version: 'A/0', date: '2026-01-05', line: 4 }],
  'return-version-needed': [{ code: 'HR-AT-003', copy: 2, open: ['A/0', 'A/1'], current: 'A/1' }],
  'register-no-header': [{ file: 'register/distribution.csv', header: 'code,version,copy,holder,date,event' }],
  'register-unreadable': [{ file: 'register/distribution.csv', reason: 'register is a symbolic link, which is not followed' }],
  'register-locked': [{ holder: { pid: 4242, host: 'hr-pc' }, lockFile: '/handbook/register/.lock' }],
};

describe('run-time errors', () => {
  it.each(Object.keys(RUN_ERRORS) as RunErrorCode[])('%s: words from the catalogue, an exit code, printed without a stack', (code) => {
    const e = new (FlowbookError as new (c: RunErrorCode, ...a: unknown[]) => FlowbookError)(code, ...EXAMPLES[code]);
    expect(e.code).toBe(code);
    expect(e.message).toMatchSnapshot();
    let out = '';
    expect(handleError(e, (s) => (out += s))).toBe(EXIT_FOR[code]);
    expect(out).toBe(`flowbook: ${e.message}\n`);
    expect(EXIT_FOR[code]).toBe(EXIT_PROBLEMS);
  });

  /** Words an example passes in both languages ({ en, zh }, e.g. the no-browser help): words, not values. */
  const isWords = (v: unknown): v is { en: string; zh: string } => typeof v === 'object' && v !== null && Object.keys(v).sort().join() === 'en,zh';
  const wordArgs = (v: unknown): { en: string; zh: string }[] =>
    isWords(v) ? [v] : typeof v === 'object' && v !== null ? Object.values(v as object).flatMap(wordArgs) : [];

  /** Every value an example passes (names, codes, numbers, files), flattened. */
  const values = (v: unknown): string[] =>
    v === null || v === undefined || isWords(v) ? [] : typeof v === 'object' ? Object.values(v as object).flatMap(values) : [String(v)];

  it.each(Object.keys(RUN_ERRORS) as RunErrorCode[])('%s: Chinese words that show every value the English shows, printed in a Chinese handbook', (code) => {
    const e = new (FlowbookError as new (c: RunErrorCode, ...a: unknown[]) => FlowbookError)(code, ...EXAMPLES[code]);
    expect(e.zh).toMatch(/\p{Script=Han}/u);
    expect(e.zh).toMatchSnapshot();
    for (const v of values(EXAMPLES[code])) if (e.message.includes(v)) expect(e.zh, v).toContain(v);
    // Words in both languages: the English shows the English, the Chinese the Chinese.
    for (const w of wordArgs(EXAMPLES[code])) expect([e.message.includes(w.en), e.zh.includes(w.zh)], w.en).toEqual([true, true]);
    let out = '';
    expect(handleError(e, (s) => (out += s), 'zh')).toBe(EXIT_FOR[code]);
    expect(out).toBe(`flowbook: ${e.zh}\n`);
  });
});
