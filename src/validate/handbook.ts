/**
 * Checks across documents and over each flow: unique codes, refs that resolve, reachability,
 * unused roles, review and effective dates. Pure.
 */
import { diagnostic, fieldName, type Diagnostic, type DiagnosticArgs, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { DocumentInput } from '../model/input.js';
import { flowOf } from '../model/graph.js';
import type { FieldPath } from '../parse/yaml.js';
import { closest } from '../util/suggest.js';

function at<C extends DiagnosticCode>(doc: DocumentInput, code: C, path: FieldPath, ...args: DiagnosticArgs<C>): Diagnostic {
  const pos = doc.locate(path);
  return diagnostic(code, { file: doc.file, line: pos.line, column: pos.column, field: path.length ? fieldName(path) : undefined }, ...args);
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
      out.push(at(doc, 'duplicate-code', ['code'], { code: doc.code, firstFile: first.file }));
      continue;
    }
    const folded = doc.code.toLowerCase();
    const clash = byFolded.get(folded);
    if (clash) {
      out.push(at(doc, 'code-case-clash', ['code'], { code: doc.code, other: clash.code, otherFile: clash.file }));
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
      const namedCode = nameToCode.get(s.ref);
      const near = namedCode === undefined ? closest(s.ref, codes) : undefined;
      out.push(at(doc, 'unknown-ref', ['steps', i, 'ref'], { ref: s.ref, step: i + 1, ...(s.id !== undefined && { stepId: s.id }), near, namedCode }));
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
    const seen = flowOf(doc.steps).reachable;
    doc.steps.forEach((s, i) => {
      if (seen.has(i)) return;
      out.push(at(doc, 'unreachable-step', ['steps', i], { step: i + 1, text: s.text ?? s.ref ?? '', id: s.id, startsMarked: doc.steps.some((x) => x.start) }));
    });
  }
  // Roles: each a lane with something in it.
  const used = new Set(doc.steps.map((s) => s.role));
  doc.roles.forEach((r, i) => {
    if (!used.has(r)) out.push(at(doc, 'unused-role', ['roles', i], { role: r }));
  });
  // Dates.
  if (doc.review !== undefined && doc.review < today && (doc.status === 'controlled' || doc.status === 'uncontrolled')) {
    out.push(at(doc, 'review-overdue', ['review'], { review: doc.review, today }));
  }
  const approved = doc.signoff?.approved?.date;
  if (doc.effective !== undefined && approved !== undefined && doc.effective < approved) {
    out.push(at(doc, 'effective-before-approval', ['effective'], { effective: doc.effective, approved }));
  }
  ownCache.set(doc, { clean: isClean, today, out });
  return out;
}
