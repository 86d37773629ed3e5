/** Turning diagnostics into text for people (compiler style) and JSON for CI. */
import { countBySeverity, type Diagnostic } from './diagnostic.js';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** `processes/leave.md:26:11 error unknown-role steps[3].role: ...` then the hint, indented. */
export function formatDiagnostic(d: Diagnostic, style: TextStyle = { color: false }): string {
  const where = d.file + (d.line ? `:${d.line}` + (d.column ? `:${d.column}` : '') : '');
  const sev = d.severity === 'error' ? paint(style.color, '31;1', 'error') : paint(style.color, '33;1', 'warning');
  const field = d.field ? `${d.field}: ` : '';
  let out = `${paint(style.color, '1', where)} ${sev} ${field}${d.message} ${paint(style.color, '2', `[${d.code}]`)}`;
  if (d.hint) out += `\n  ${paint(style.color, '36', 'fix:')} ${d.hint}`;
  return out;
}

export function formatText(ds: readonly Diagnostic[], fileCount: number, style: TextStyle = { color: false }): string {
  const lines = ds.map((d) => formatDiagnostic(d, style));
  const { errors, warnings } = countBySeverity(ds);
  const files = `${fileCount} document${fileCount === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) lines.push(`${files} checked: no problems.`);
  else lines.push(`${files} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
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

export function formatJson(ds: readonly Diagnostic[], fileCount: number): string {
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
