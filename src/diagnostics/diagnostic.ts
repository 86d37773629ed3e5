/**
 * Diagnostics: every problem Flowbook reports about a handbook.
 * Each has a permanent code from the catalogue, says what is wrong (message) and what to do (hint),
 * and points at the file, line and column where known.
 */
import { CATALOGUE, type CatalogueEntry, type DiagnosticArgs, type DiagnosticCode, type Severity } from './catalogue.js';

export { CATALOGUE, fieldName, type DiagnosticArgs, type DiagnosticCode, type Severity } from './catalogue.js';

export interface Diagnostic {
  /** Permanent code from the catalogue (e.g. `unknown-role`). */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Path relative to the handbook root, `/` separators. */
  readonly file: string;
  /** 1-based line and column, where known. */
  readonly line?: number;
  readonly column?: number;
  /** Field path in the frontmatter, e.g. `steps[3].role`. */
  readonly field?: string;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** The catalogue arguments the words were made from: the words in another language are made from them (localize.ts). */
  readonly args?: unknown;
}

/** Where a diagnostic points: the file, and the line, column and field where known. */
export interface DiagnosticWhere {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

/** A diagnostic with the catalogue's words for `code` and these arguments. */
export function diagnostic<C extends DiagnosticCode>(code: C, where: DiagnosticWhere, ...args: DiagnosticArgs<C>): Diagnostic {
  const e = CATALOGUE[code] as unknown as CatalogueEntry<unknown>;
  const d: Diagnostic = { code, severity: e.severity, ...stripUndefined(where), message: e.message(args[0]), hint: e.hint(args[0]), ...(args[0] !== undefined && { args: args[0] }) };
  return Object.freeze(d);
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Sort for stable output: file, line, column, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Apply `--strict`: warnings count as errors. */
export function promote(ds: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  return strict ? ds.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : [...ds];
}

export function countBySeverity(ds: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of ds) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
