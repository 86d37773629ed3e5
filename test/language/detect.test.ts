/**
 * The handbook's language when flowbook.yml does not say: read from the documents' text. And the
 * check's warning when the language set and the documents' clearly differ.
 */
import { describe, expect, it } from 'vitest';
import { chooseLanguage, clearlyOtherLanguage, languageOf, measureText } from '../../src/config/language.js';
import { check, doc } from '../helpers/handbook.js';

const F = 'processes/leave.md';
const englishDoc = (code = 'CS-001') =>
  doc({
    code,
    name: 'Parcel return',
    roles: '[Customer, Agent]',
    steps: '  - role: Customer\n    text: Send the parcel back with the return form\n  - role: Agent\n    text: Check the parcel and refund the customer\n',
    body: 'Returns are accepted within thirty days of delivery when the goods are unused and complete; refunds go to the original payment card.\n',
  });

describe('measuring text', () => {
  it('counts Han characters and Latin letters, not digits, codes punctuation or spaces', () => {
    expect(measureText(['请假流程 HR-AT-003'])).toEqual({ han: 4, latin: 4, share: 0.5 });
    expect(measureText(['2024-05-20, 12:00!'])).toEqual({ han: 0, latin: 0, share: undefined });
    expect(measureText([])).toEqual({ han: 0, latin: 0, share: undefined });
  });

  it('a Chinese document with Latin codes and system names is Chinese; an English one with a Chinese name is English', () => {
    expect(languageOf(measureText(['在 OA 系统中提交请假申请，经部门负责人审批后由 HR 备案', 'HR-AT-003']))).toBe('zh-CN');
    expect(languageOf(measureText(['Send the form to 张敏 in the human resources department for approval']))).toBe('en');
  });

  it('odd Unicode: characters beyond the BMP (CJK extension B), accents, emoji, lone surrogates', () => {
    expect(measureText(['𠀀𠀁'])).toMatchObject({ han: 2, latin: 0 });
    expect(measureText(['Café résumé'])).toMatchObject({ han: 0, latin: 10 });
    expect(measureText(['🙂\ud800x'])).toMatchObject({ han: 0, latin: 1 });
  });

  it('reads at most a sample of each text and of all of them (cheap at 10,000 documents)', () => {
    const huge = '中'.repeat(1_000_000);
    const m = measureText([huge, 'x'.repeat(10)]);
    expect(m.han).toBe(2000);
    expect(m.latin).toBe(10);
    const many = measureText(Array.from({ length: 10_000 }, () => 'abc'.repeat(100)));
    expect(many.latin).toBe(400_000);
  });
});

describe('choosing', () => {
  it("flowbook.yml's language wins; else the documents'; else zh-CN", () => {
    expect(chooseLanguage('zh-CN', measureText(['English only']))).toMatchObject({ language: 'zh-CN', from: 'settings' });
    expect(chooseLanguage(undefined, measureText(['English only']))).toEqual({ language: 'en', from: 'documents', hanShare: 0 });
    expect(chooseLanguage(undefined, measureText(['请假']))).toEqual({ language: 'zh-CN', from: 'documents', hanShare: 1 });
    expect(chooseLanguage(undefined, measureText(['123']))).toEqual({ language: 'zh-CN', from: 'default' });
  });

  it('a clear difference needs enough text and a clear share', () => {
    const en = measureText(['a'.repeat(300)]);
    expect(clearlyOtherLanguage('zh-CN', en)).toBe('en');
    expect(clearlyOtherLanguage('en', en)).toBeUndefined();
    expect(clearlyOtherLanguage('zh-CN', measureText(['a'.repeat(100)]))).toBeUndefined(); // too little to tell
    expect(clearlyOtherLanguage('en', measureText(['中'.repeat(300)]))).toBe('zh-CN');
    expect(clearlyOtherLanguage('en', measureText(['中'.repeat(100) + 'a'.repeat(150)]))).toBeUndefined(); // 40 %: mixed, not clear
  });
});

describe('in the check', () => {
  it('without language in flowbook.yml, English documents make an English handbook (title and words follow)', () => {
    const r = check({ [F]: englishDoc() });
    expect(r.language).toEqual({ language: 'en', from: 'documents', hanShare: 0 });
    expect(r.handbook!.settings.language).toBe('en');
    expect(r.handbook!.settings.title).toBe('Process Handbook');
    expect(r.diagnostics).toEqual([]);
  });

  it('a title set in flowbook.yml is kept when the language is read from the documents', () => {
    const r = check({ [F]: englishDoc() }, { settings: 'title: Parcelway Handbook\n' });
    expect(r.handbook!.settings).toMatchObject({ language: 'en', title: 'Parcelway Handbook', controlledText: 'CONTROLLED COPY' });
  });

  it('Chinese documents stay Chinese', () => {
    const r = check({ [F]: doc() });
    expect(r.language).toMatchObject({ language: 'zh-CN', from: 'documents' });
  });

  it('warns with the line of language: in flowbook.yml when the set language clearly differs', () => {
    const r = check({ [F]: englishDoc(), 'processes/b.md': englishDoc('CS-002') }, { settings: 'title: x\nlanguage: zh-CN\n' });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.field])).toEqual([['language-mismatch', 'warning', 'flowbook.yml', 2, 'language']]);
    expect(r.diagnostics[0]!.hint).toContain('Write language: en in flowbook.yml');
    expect(r.handbook!.settings.language).toBe('zh-CN');
  });

  it('no warning when they agree, nor with --strict on a Chinese handbook', () => {
    expect(check({ [F]: doc() }, { settings: 'language: zh-CN\n', strict: true }).diagnostics).toEqual([]);
    expect(check({ [F]: englishDoc() }, { settings: 'language: en\n', strict: true }).diagnostics).toEqual([]);
  });
});
