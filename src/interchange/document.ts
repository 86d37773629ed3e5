/**
 * What an import produces, and its text as a process document (YAML frontmatter + Markdown body).
 * Pure. Every value is written by yamlScalar, so any text reads back exactly as it came in.
 */
import type { Revision, Signoff, Status, StepType } from '../model/types.js';
import { yamlFlowList, yamlScalar } from '../init/yaml.js';
import { words, type Words } from '../diagnostics/words.js';

export interface ImportedStep {
  readonly id?: string;
  /** The id to use if a `next` must point here (e.g. a step table's number); else `step<number>`. */
  readonly idHint?: string;
  readonly role: string;
  readonly text: string;
  readonly type: StepType;
  readonly ref?: string;
  /** Targets by index into the document's steps, each with its branch label where it has one. */
  readonly next: readonly { readonly to: number; readonly label?: string }[];
  readonly note?: string;
}

export interface ImportedDocument {
  readonly code: string;
  readonly name: string;
  readonly version?: string;
  readonly status: Status;
  readonly owner: string;
  readonly control: string;
  readonly category?: string;
  readonly effective?: string;
  readonly review?: string;
  readonly roles: readonly string[];
  readonly steps: readonly ImportedStep[];
  /** Indexes of the steps where the flow starts (empty: the first step). */
  readonly starts: readonly number[];
  readonly signoff?: Signoff;
  readonly revisions?: readonly Revision[];
  readonly tags?: readonly string[];
  readonly body: string;
}

/** Something an import changed or could not carry over, for the user to review. */
export interface ImportNote {
  /** Where: a sheet and row, or a BPMN element id (in English). */
  readonly where: string;
  /** What (in English). */
  readonly message: string;
  /** Where and what in both languages, as the command line prints it: `where: message`, `where：message`. */
  readonly words: Words;
}

/** `where: message` in both languages (a plain string is the same in both). */
const located = (where: string | Words, message: Words): Words => {
  const w = typeof where === 'string' ? words(where, where) : where;
  return words(`${w.en}: ${message.en}`, `${w.zh}：${message.zh}`);
};

export function importNote(where: string | Words, message: Words): ImportNote {
  return { where: typeof where === 'string' ? where : where.en, message: message.en, words: located(where, message) };
}

/** A problem that stops an import: where it is and what to do. `.message` is the English; `.words` has both languages. */
export class ImportError extends Error {
  readonly where: string;
  readonly words: Words;
  constructor(where: string | Words, message: Words) {
    const both = located(where, message);
    super(both.en);
    this.where = typeof where === 'string' ? where : where.en;
    this.words = both;
  }
}

/**
 * Ids only where a `next` points at a step: the id the source gave it, else `step<number>`
 * (made unique against every other id).
 */
function stepIds(steps: readonly ImportedStep[], needsId: ReadonlySet<number>): (string | undefined)[] {
  const taken = new Set(steps.flatMap((s) => (s.id !== undefined ? [s.id] : [])));
  return steps.map((s, i) => {
    if (s.id !== undefined) return s.id;
    if (!needsId.has(i)) return undefined;
    const base = s.idHint !== undefined && s.idHint.trim() !== '' ? s.idHint : `step${i + 1}`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  });
}

/** The document's text. `next` is left out where it is the following step, as an author writes it. */
export function writeDocument(d: ImportedDocument): string {
  const explicit = d.steps.map((s, i) => {
    if (s.next.length === 0) return false;
    if (s.type === 'decision' || s.next.some((e) => e.label !== undefined)) return true;
    return !(s.next.length === 1 && s.next[0]!.to === i + 1);
  });
  const needsId = new Set<number>();
  d.steps.forEach((s, i) => {
    if (explicit[i]) for (const e of s.next) needsId.add(e.to);
  });
  const ids = stepIds(d.steps, needsId);
  const starts = d.starts.length === 0 || (d.starts.length === 1 && d.starts[0] === 0) ? new Set<number>() : new Set(d.starts);
  const lines = ['---', `name: ${yamlScalar(d.name)}`, `code: ${yamlScalar(d.code)}`];
  if (d.version !== undefined) lines.push(`version: ${yamlScalar(d.version)}`);
  lines.push(`status: ${d.status}`, `owner: ${yamlScalar(d.owner)}`, `control: ${yamlScalar(d.control)}`);
  if (d.category !== undefined) lines.push(`category: ${yamlScalar(d.category)}`);
  if (d.effective !== undefined) lines.push(`effective: ${yamlScalar(d.effective)}`);
  if (d.review !== undefined) lines.push(`review: ${yamlScalar(d.review)}`);
  lines.push(`roles: ${yamlFlowList(d.roles)}`, 'steps:');
  d.steps.forEach((s, i) => {
    const id = ids[i];
    lines.push(id !== undefined ? `  - id: ${yamlScalar(id)}` : `  - role: ${yamlScalar(s.role)}`);
    if (id !== undefined) lines.push(`    role: ${yamlScalar(s.role)}`);
    lines.push(`    text: ${yamlScalar(s.text)}`);
    if (s.type !== 'action') lines.push(`    type: ${s.type}`);
    if (s.ref !== undefined) lines.push(`    ref: ${yamlScalar(s.ref)}`);
    if (starts.has(i)) lines.push('    start: true');
    if (s.next.length === 0) {
      if (i + 1 < d.steps.length) lines.push('    end: true');
    } else if (explicit[i]) {
      if (s.type === 'decision' || s.next.some((e) => e.label !== undefined)) {
        lines.push('    next:');
        for (const e of s.next) lines.push(`      ${yamlScalar(e.label ?? '')}: ${yamlScalar(ids[e.to]!)}`);
      } else if (s.next.length === 1) lines.push(`    next: ${yamlScalar(ids[s.next[0]!.to]!)}`);
      else lines.push(`    next: ${yamlFlowList(s.next.map((e) => ids[e.to]!))}`);
    }
    if (s.note !== undefined) lines.push(`    note: ${yamlScalar(s.note)}`);
  });
  if (d.signoff) {
    lines.push('signoff:');
    for (const kind of ['prepared', 'reviewed', 'approved'] as const) {
      const e = d.signoff[kind];
      if (e) lines.push(`  ${kind}: { by: ${yamlScalar(e.by)}, date: ${yamlScalar(e.date)} }`);
    }
  }
  if (d.revisions && d.revisions.length > 0) {
    lines.push('revisions:');
    for (const r of d.revisions)
      lines.push(`  - { version: ${yamlScalar(r.version)}${r.date !== undefined ? `, date: ${yamlScalar(r.date)}` : ''}, change: ${yamlScalar(r.change)} }`);
  }
  if (d.tags && d.tags.length > 0) lines.push(`tags: ${yamlFlowList(d.tags)}`);
  lines.push('---');
  return lines.join('\n') + '\n' + d.body;
}
