/**
 * Checks across documents and over each flow: unique codes, refs that resolve, reachability,
 * unused roles, review and effective dates. Pure.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { DocumentInput } from '../model/input.js';
import { reachable, resolveEdges, startIndexes } from '../model/graph.js';
import type { FieldPath } from '../parse/yaml.js';
import { closest } from '../util/suggest.js';
import { fieldName } from './document.js';

function at(doc: DocumentInput, code: DiagnosticCode, path: FieldPath, message: string, hint: string, part?: 'key' | 'value'): Diagnostic {
  const pos = doc.locate(path, part);
  return diagnostic(code, { file: doc.file, line: pos.line, column: pos.column, field: path.length ? fieldName(path) : undefined, message, hint });
}

/**
 * Documents must come in path order: for a duplicate code, the later file carries the error.
 * `clean` says which documents had no errors of their own (flow checks run only on those).
 */
export function checkHandbook(docs: readonly DocumentInput[], clean: ReadonlySet<DocumentInput>, today: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byCode = new Map<string, DocumentInput>();
  const byFolded = new Map<string, DocumentInput>();
  for (const doc of docs) {
    const first = byCode.get(doc.code);
    if (first) {
      out.push(at(doc, 'duplicate-code', ['code'], `code "${doc.code}" is already used by ${first.file}`, 'Give this document a code of its own; codes name the pages.'));
      continue;
    }
    const folded = doc.code.toLowerCase();
    const clash = byFolded.get(folded);
    if (clash) {
      out.push(
        at(doc, 'code-case-clash', ['code'], `code "${doc.code}" differs only in letter case from "${clash.code}" in ${clash.file}`, 'Codes name files, and some disks ignore case: choose a code that differs in more than case.'),
      );
      continue;
    }
    byCode.set(doc.code, doc);
    byFolded.set(folded, doc);
  }
  const codes = [...byCode.keys()];
  const nameToCode = new Map([...byCode.values()].map((d) => [d.name, d.code]));

  for (const doc of docs) {
    doc.steps.forEach((s, i) => {
      if (s.type !== 'process' || s.ref === undefined || byCode.has(s.ref)) return;
      const byName = nameToCode.get(s.ref);
      const near = byName ?? closest(s.ref, codes);
      out.push(
        at(
          doc,
          'unknown-ref',
          ['steps', i, 'ref'],
          `ref "${s.ref}" of step ${i + 1} names no process in the handbook.${near ? ` Did you mean "${near}"?` : ''}`,
          byName ? `"${s.ref}" is the name of ${byName}; a ref is the process's code: write ref: ${byName}.` : near ? `Change it to "${near}", or add a document with code "${s.ref}".` : `Write the code of an existing process, or add a document with code "${s.ref}".`,
        ),
      );
    });

    out.push(...ownChecks(doc, clean.has(doc), today));
  }
  return out;
}

/**
 * The checks that look at one document only (flow, roles, dates). Remembered per document object:
 * the dev server checks the whole handbook on every save, and a document's object stays the same
 * while its text does, so only the edited document is walked again.
 */
const ownCache = new WeakMap<DocumentInput, { clean: boolean; today: string; out: readonly Diagnostic[] }>();
function ownChecks(doc: DocumentInput, isClean: boolean, today: string): readonly Diagnostic[] {
  const hit = ownCache.get(doc);
  if (hit && hit.clean === isClean && hit.today === today) return hit.out;
  const out: Diagnostic[] = [];
  // Flow: every step reachable from a start (only meaningful once the steps themselves are sound).
  if (isClean) {
    const edges = resolveEdges(doc.steps);
    const seen = reachable(startIndexes(doc.steps), edges);
    doc.steps.forEach((s, i) => {
      if (seen.has(i)) return;
      out.push(
        at(
          doc,
          'unreachable-step',
          ['steps', i],
          `step ${i + 1} ("${label(s.text ?? s.ref ?? '')}") cannot be reached from ${doc.steps.some((x) => x.start) ? 'any step marked start: true' : 'the first step'}`,
          s.id ? `Point a next at "${s.id}", mark it start: true, or remove it.` : 'Give it an id and point a next at it, mark it start: true, or remove it.',
        ),
      );
    });
  }
  // Roles: each a lane with something in it.
  const used = new Set(doc.steps.map((s) => s.role));
  doc.roles.forEach((r, i) => {
    if (!used.has(r)) out.push(at(doc, 'unused-role', ['roles', i], `role "${r}" has no steps, so its swimlane would be empty`, 'Remove it from roles, or give it a step.'));
  });
  // Dates.
  if (doc.review !== undefined && doc.review < today && (doc.status === 'controlled' || doc.status === 'uncontrolled')) {
    out.push(at(doc, 'review-overdue', ['review'], `the review date ${doc.review} is before today (${today})`, 'Review the process, then set review to the next review date.'));
  }
  const approved = doc.signoff?.approved?.date;
  if (doc.effective !== undefined && approved !== undefined && doc.effective < approved) {
    out.push(
      at(doc, 'effective-before-approval', ['effective'], `the effective date ${doc.effective} is before the approval date ${approved}`, 'A version takes effect once approved: set effective on or after signoff.approved.date.'),
    );
  }
  ownCache.set(doc, { clean: isClean, today, out });
  return out;
}

function label(s: string): string {
  const chars = [...s];
  return chars.length > 30 ? chars.slice(0, 30).join('') + '…' : s;
}
