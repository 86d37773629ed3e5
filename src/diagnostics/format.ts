/** Turning diagnostics into text for people (compiler style) and JSON for CI. */
import { countBySeverity, type Diagnostic } from './diagnostic.js';
import { localize, type MessageLanguage } from './localize.js';

export interface TextStyle {
  color: boolean;
  /** The language of the words (default English); see localize.ts. */
  language?: MessageLanguage;
}

/** The few words of the text format itself, per language (kept in step with the catalogues by test/messages/catalogues.test.ts). */
export const FORMAT_WORDS = {
  en: { error: 'error', warning: 'warning', fix: 'fix:', documents: (n: number) => `${n} document${n === 1 ? '' : 's'}`, clean: (files: string) => `${files} checked: no problems.`, summary: (files: string, errors: number, warnings: number) => `${files} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.` },
  // "error" and "warning" stay in English: editors and CI read compiler-style lines by these words.
  zh: { error: 'error', warning: 'warning', fix: '修改：', documents: (n: number) => `${n} 个文档`, clean: (files: string) => `已检查 ${files}：没有问题。`, summary: (files: string, errors: number, warnings: number) => `已检查 ${files}：${errors} 个错误，${warnings} 个警告。` },
} as const;

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** `processes/leave.md:26:11 error unknown-role steps[3].role: ...` then the hint, indented. */
export function formatDiagnostic(diag: Diagnostic, style: TextStyle = { color: false }): string {
  const words = FORMAT_WORDS[style.language ?? 'en'];
  const d = localize(diag, style.language ?? 'en');
  const where = d.file + (d.line ? `:${d.line}` + (d.column ? `:${d.column}` : '') : '');
  const sev = d.severity === 'error' ? paint(style.color, '31;1', words.error) : paint(style.color, '33;1', words.warning);
  const field = d.field ? `${d.field}: ` : '';
  let out = `${paint(style.color, '1', where)} ${sev} ${field}${d.message} ${paint(style.color, '2', `[${d.code}]`)}`;
  if (d.hint) out += `\n  ${paint(style.color, '36', words.fix)} ${d.hint}`;
  return out;
}

export function formatText(ds: readonly Diagnostic[], fileCount: number, style: TextStyle = { color: false }): string {
  const lines = ds.map((d) => formatDiagnostic(d, style));
  const { errors, warnings } = countBySeverity(ds);
  const words = FORMAT_WORDS[style.language ?? 'en'];
  const files = words.documents(fileCount);
  if (errors === 0 && warnings === 0) lines.push(words.clean(files));
  else lines.push(words.summary(files, errors, warnings));
  return lines.join('\n') + '\n';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The JSON report (format version 1; documented in docs/cli.md). Fields never change meaning;
 * new fields may be added.
 */
export interface JsonReport {
  formatVersion: 1;
  ok: boolean;
  documents: number;
  errors: number;
  warnings: number;
  diagnostics: Array<{
    code: string;
    severity: 'error' | 'warning';
    file: string;
    line: number | null;
    column: number | null;
    field: string | null;
    message: string;
    hint: string | null;
  }>;
}

export function formatJson(all: readonly Diagnostic[], fileCount: number, language: MessageLanguage = 'en'): string {
  const ds = all.map((d) => localize(d, language));
  const { errors, warnings } = countBySeverity(ds);
  const report: JsonReport = {
    formatVersion: 1,
    ok: errors === 0,
    documents: fileCount,
    errors,
    warnings,
    diagnostics: ds.map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.line ?? null,
      column: d.column ?? null,
      field: d.field ?? null,
      message: d.message,
      hint: d.hint ?? null,
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
