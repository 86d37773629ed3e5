/**
 * Diagnostics: every problem Flowbook reports about a handbook.
 * Each has a permanent code from the catalogue, says what is wrong (message) and what to do (hint),
 * and points at the file, line and column where known.
 */

export type Severity = 'error' | 'warning';

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
}

/**
 * The catalogue. Codes are permanent (tools and CI scripts may match on them); add, never rename.
 * `severity` is the default; `--strict` turns warnings into errors.
 */
export const CATALOGUE = {
  // reading
  'read-failed': { severity: 'error', title: 'The file could not be read' },
  'no-frontmatter': { severity: 'error', title: 'The document has no YAML frontmatter' },
  'invalid-yaml': { severity: 'error', title: 'The frontmatter is not valid YAML' },
  'not-a-mapping': { severity: 'error', title: 'The frontmatter is not a mapping of keys to values' },
  'too-large': { severity: 'error', title: 'The document is larger than Flowbook accepts' },
  'symlink-ignored': { severity: 'warning', title: 'A symbolic link was not followed' },
  // fields
  'missing-field': { severity: 'error', title: 'A required field is missing' },
  'wrong-type': { severity: 'error', title: 'A field has the wrong kind of value' },
  'empty-value': { severity: 'error', title: 'A field is empty' },
  'unknown-status': { severity: 'error', title: 'The status is not one of the four known statuses' },
  'invalid-code': { severity: 'error', title: 'The code has characters a page address cannot use' },
  'invalid-date': { severity: 'error', title: 'A date is not a real YYYY-MM-DD date' },
  'unknown-key': { severity: 'warning', title: 'A key is not part of the format' },
  // roles and steps
  'duplicate-role': { severity: 'error', title: 'A role is listed twice' },
  'empty-steps': { severity: 'error', title: 'The steps list is empty' },
  'unknown-role': { severity: 'error', title: "A step's role is not in roles" },
  'unknown-type': { severity: 'error', title: "A step's type is not action, decision or process" },
  'missing-text': { severity: 'error', title: 'A step has no text' },
  'missing-ref': { severity: 'error', title: 'A process step has no ref' },
  'ref-without-process': { severity: 'warning', title: 'A ref on a step that is not type: process' },
  'unknown-ref': { severity: 'error', title: 'A ref names no process of the handbook' },
  'duplicate-step-id': { severity: 'error', title: 'Two steps have the same id' },
  'unknown-step': { severity: 'error', title: 'A next names no step' },
  'end-with-next': { severity: 'error', title: 'A step has both end: true and next' },
  'decision-branches': { severity: 'error', title: 'A decision has fewer than two labelled branches' },
  'unreachable-step': { severity: 'warning', title: 'No path from a start reaches a step' },
  'unused-role': { severity: 'warning', title: 'A role has no steps' },
  // document control
  'incomplete-signoff': { severity: 'error', title: 'A controlled document lacks a complete sign-off' },
  'review-overdue': { severity: 'warning', title: 'The review date has passed' },
  'effective-before-approval': { severity: 'warning', title: 'The effective date is before the approval date' },
  // handbook
  'duplicate-code': { severity: 'error', title: 'Two documents have the same code' },
  'code-case-clash': { severity: 'error', title: 'Two codes differ only in letter case' },
  'no-processes': { severity: 'error', title: 'The handbook has no process documents' },
  'invalid-settings': { severity: 'error', title: 'flowbook.yml has a bad value' },
  // building
  'mermaid-fallback': { severity: 'warning', title: 'Mermaid could not draw a chart; the native chart was used' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface DiagnosticInit {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
  hint?: string;
}

export function diagnostic(code: DiagnosticCode, init: DiagnosticInit): Diagnostic {
  const d: Diagnostic = { code, severity: CATALOGUE[code].severity, ...stripUndefined(init) };
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
