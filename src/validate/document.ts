/**
 * Checking one document on its own: field presence and types, roles, steps, next, sign-off, dates.
 * Pure. Returns the decoded document (when the basics are there) and every problem found.
 * Cross-document rules (codes, refs) and flow rules (reachability) are in validate/handbook.ts.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { ParsedDocument } from '../parse/document.js';
import type { FieldPath } from '../parse/yaml.js';
import type { DocumentInput, StepInput } from '../model/input.js';
import type { NextSpec } from '../model/graph.js';
import { STATUSES, STEP_TYPES, type Revision, type Signoff, type SignoffEntry, type Status, type StepType } from '../model/types.js';
import { closest, didYouMean } from '../util/suggest.js';
import { isRealDate } from '../util/dates.js';
import { MAX_ROLES, MAX_STEPS } from '../limits.js';
import {
  codeProblem,
  DOCUMENT_KEYS,
  REQUIRED_DOCUMENT_KEYS,
  REVISION_KEYS,
  SIGNOFF_ENTRY_KEYS,
  SIGNOFF_KEYS,
  STEP_KEYS,
} from './fields.js';

export interface DecodeResult {
  /** Present when the document is usable for cross-document checks (it has a code). */
  readonly doc?: DocumentInput;
  readonly diagnostics: readonly Diagnostic[];
}

/** `['steps', 3, 'role']` -> `steps[3].role` */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly parsed: ParsedDocument) {}

  report(code: DiagnosticCode, path: FieldPath, message: string, hint?: string, part: 'key' | 'value' = 'value'): void {
    const pos = this.parsed.locate(path, part);
    this.diagnostics.push(
      diagnostic(code, {
        file: this.parsed.file,
        line: pos.line,
        column: pos.column,
        field: path.length ? fieldName(path) : undefined,
        message,
        hint,
      }),
    );
  }

  unknownKeys(obj: Obj, known: readonly string[], path: FieldPath, where: string): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      this.report(
        'unknown-key',
        [...path, key],
        `unknown key "${key}" in ${where}.${near ? ` Did you mean "${near}"?` : ''}`,
        near ? `Rename it to "${near}", or remove it.` : `Remove it; the keys allowed here are: ${known.join(', ')}.`,
        'key',
      );
    }
  }

  /** A text field: strings as written; true/false are accepted as their text. */
  text(obj: Obj, key: string, path: FieldPath, opts: { required?: boolean; what?: string } = {}): string | undefined {
    const v = obj[key];
    const at = [...path, key];
    if (v === undefined || v === null) {
      if (opts.required) {
        if (key in obj) this.report('empty-value', at, `"${key}" has no value`, `Write ${opts.what ?? 'a value'} after "${key}:".`);
        else this.report('missing-field', path, `missing required field "${key}"${where(path)}`, `Add "${key}: ..." (${opts.what ?? 'text'}).`);
      }
      return undefined;
    }
    if (typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.report('wrong-type', at, `"${key}" must be text, not a ${kind(v)}`, `Write ${opts.what ?? 'text'} on the same line as "${key}:".`);
      return undefined;
    }
    if (v.trim() === '') {
      if (opts.required) this.report('empty-value', at, `"${key}" is empty`, `Write ${opts.what ?? 'a value'} after "${key}:".`);
      return undefined;
    }
    return v;
  }

  date(obj: Obj, key: string, path: FieldPath, required = false): string | undefined {
    const v = this.text(obj, key, path, { required, what: 'a date as YYYY-MM-DD' });
    if (v === undefined) return undefined;
    if (!isRealDate(v)) {
      this.report(
        'invalid-date',
        [...path, key],
        /^\d{4}-\d{2}-\d{2}$/.test(v) ? `"${v}" is not a real date` : `"${v}" is not a date in the form YYYY-MM-DD`,
        'Write a calendar date as YYYY-MM-DD, e.g. 2024-06-01.',
      );
      return undefined;
    }
    return v;
  }

  bool(obj: Obj, key: string, path: FieldPath): boolean {
    const v = obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    this.report(
      'wrong-type',
      [...path, key],
      `"${key}" must be true or false, not ${typeof v === 'string' ? `"${v}"` : `a ${kind(v)}`}`,
      typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v)
        ? `In YAML 1.2 "${v}" is text; write ${key}: ${/^(yes|on|y)$/i.test(v) ? 'true' : 'false'}.`
        : `Write ${key}: true, or remove the line.`,
    );
    return false;
  }

  textList(obj: Obj, key: string, path: FieldPath, what: string): string[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.report('wrong-type', [...path, key], `"${key}" must be a list of ${what}, not a ${kind(v)}`, `Write ${key}: [a, b, c], or one "- item" per line.`);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item);
      else if (typeof item === 'boolean') out.push(String(item));
      else this.report(item === null || item === '' ? 'empty-value' : 'wrong-type', [...path, key, i], `item ${i + 1} of "${key}" is ${item === null || item === '' ? 'empty' : `a ${kind(item)}, not text`}`, `Write each of the ${what} as text.`);
    });
    return out;
  }
}

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'empty value';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'boolean') return 'true/false value';
  return typeof v;
}

function where(path: FieldPath): string {
  if (path.length === 0) return '';
  if (path[0] === 'steps' && typeof path[1] === 'number') return ` in step ${path[1] + 1}`;
  return ` in ${fieldName(path)}`;
}

export function checkDocument(parsed: ParsedDocument): DecodeResult {
  if (!parsed.data) return { diagnostics: parsed.diagnostics };
  const c = new Checker(parsed);
  c.diagnostics.push(...parsed.diagnostics);
  const data = parsed.data;

  c.unknownKeys(data, DOCUMENT_KEYS, [], 'the frontmatter');
  const missing = REQUIRED_DOCUMENT_KEYS.filter((k) => data[k] === undefined && !(k in data));
  for (const k of missing) {
    c.report('missing-field', [], `missing required field "${k}"`, requiredHint(k));
  }
  const present = (k: string) => !missing.includes(k as (typeof REQUIRED_DOCUMENT_KEYS)[number]);

  const name = present('name') ? c.text(data, 'name', [], { required: true, what: 'the process name (流程名称)' }) : undefined;
  let code = present('code') ? c.text(data, 'code', [], { required: true, what: 'the document code, e.g. HR-ER-012' }) : undefined;
  const codeError = code === undefined ? undefined : codeProblem(code);
  if (codeError !== undefined) {
    c.report('invalid-code', ['code'], codeError, `The code names the page's address; write it like HR-ER-012.`);
    code = undefined;
  }
  const version = c.text(data, 'version', []);
  let status: Status | undefined;
  const statusText = present('status') ? c.text(data, 'status', [], { required: true, what: 'controlled, uncontrolled, draft or obsolete' }) : undefined;
  if (statusText !== undefined) {
    if ((STATUSES as readonly string[]).includes(statusText)) status = statusText as Status;
    else
      c.report(
        'unknown-status',
        ['status'],
        `unknown status "${statusText}".${didYouMean(statusText, STATUSES) || statusHint(statusText)}`,
        'Write one of: controlled (受控), uncontrolled (非受控), draft (草稿), obsolete (作废).',
      );
  }
  const owner = present('owner') ? c.text(data, 'owner', [], { required: true, what: 'the department that executes the process (执行核心部门)' }) : undefined;
  const control = present('control') ? c.text(data, 'control', [], { required: true, what: 'the controlling department or post (控制部门)' }) : undefined;
  const category = c.text(data, 'category', []);
  const effective = c.date(data, 'effective', []);
  const review = c.date(data, 'review', []);
  const tags = c.textList(data, 'tags', [], 'keywords') ?? [];

  // roles
  let roles: string[] = [];
  if (present('roles')) {
    c.textList(data, 'roles', [], 'roles (swimlanes)'); // reports a non-list and non-text items
    const emptyHint = 'List the roles in swimlane order, e.g. roles: [员工, 部门负责人, 人力资源部].';
    if (data.roles === null || data.roles === undefined) c.report('empty-value', ['roles'], '"roles" has no value', emptyHint);
    else if (Array.isArray(data.roles) && data.roles.length === 0) c.report('empty-value', ['roles'], '"roles" is an empty list', emptyHint);
    const seen = new Map<string, number>();
    (Array.isArray(data.roles) ? data.roles : []).forEach((r, i) => {
      if (typeof r !== 'string' && typeof r !== 'boolean') return;
      const role = String(r);
      const first = seen.get(role);
      if (first !== undefined) c.report('duplicate-role', ['roles', i], `role "${role}" is listed twice (items ${first + 1} and ${i + 1})`, 'Remove the second one; each role is one swimlane.');
      else seen.set(role, i);
    });
    roles = [...seen.keys()];
    if (roles.length > MAX_ROLES)
      c.report('too-large', ['roles'], `the process has ${roles.length} roles; the limit is ${MAX_ROLES}`, 'Merge roles, or split the process into several.');
  }

  // steps
  const steps = present('steps') ? checkSteps(c, data.steps, roles, present('roles')) : undefined;

  // sign-off and revisions
  const signoff = checkSignoff(c, data.signoff, status);
  const revisions = checkRevisions(c, data.revisions);

  const doc: DocumentInput | undefined =
    code !== undefined
      ? Object.freeze({
          file: parsed.file,
          code,
          name: name ?? code,
          version,
          status: status ?? 'draft',
          owner: owner ?? '',
          control: control ?? '',
          category,
          effective,
          review,
          roles: Object.freeze(roles),
          steps: Object.freeze(steps ?? []),
          signoff,
          revisions,
          tags: Object.freeze(tags),
          body: parsed.body,
          bodyLine: parsed.bodyLine,
          locate: parsed.locate,
        })
      : undefined;
  return { doc, diagnostics: c.diagnostics };
}

function requiredHint(k: string): string {
  switch (k) {
    case 'name':
      return 'Add "name: <process name>" (流程名称), e.g. name: 请假流程.';
    case 'code':
      return 'Add "code: <document code>" (编码), e.g. code: HR-AT-003; it must be unique in the handbook.';
    case 'status':
      return 'Add "status: controlled" (or uncontrolled, draft, obsolete).';
    case 'owner':
      return 'Add "owner: <department>" (执行核心部门), e.g. owner: 人力资源部.';
    case 'control':
      return 'Add "control: <department or post>" (控制部门), e.g. control: 人力资源总监.';
    case 'roles':
      return 'Add "roles: [role A, role B]": the swimlanes, in order.';
    case 'steps':
      return 'Add "steps:" with one "- role: ... text: ..." item per step.';
    default:
      return `Add "${k}: ...".`;
  }
}

function statusHint(s: string): string {
  const zh: Record<string, string> = { 受控: 'controlled', 非受控: 'uncontrolled', 草稿: 'draft', 作废: 'obsolete' };
  return zh[s] ? ` Did you mean "${zh[s]}"?` : '';
}

function checkSteps(c: Checker, raw: unknown, roles: readonly string[], rolesPresent: boolean): StepInput[] | undefined {
  if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    c.report('empty-steps', ['steps'], 'the steps list is empty', 'Add at least one step: "- role: <one of roles>" with "text: <what is done>".');
    return undefined;
  }
  if (!Array.isArray(raw)) {
    c.report('wrong-type', ['steps'], `"steps" must be a list, not a ${kind(raw)}`, 'Write one "- role: ... text: ..." item per step under "steps:".');
    return undefined;
  }
  if (raw.length > MAX_STEPS) {
    c.report('too-large', ['steps'], `the process has ${raw.length} steps; the limit is ${MAX_STEPS}`, 'Split it into several processes linked by type: process steps.');
    return undefined;
  }
  const steps: StepInput[] = [];
  const ids = new Map<string, number>();
  const pending: Array<{ index: number; path: FieldPath; target: string }> = [];

  raw.forEach((item, i) => {
    const path: FieldPath = ['steps', i];
    if (!isObj(item)) {
      c.report('wrong-type', path, `step ${i + 1} must be a mapping of keys (role, text, ...), not a ${kind(item)}`, 'Write the step as "- role: ...", with "text: ..." on the next line, indented.');
      return;
    }
    c.unknownKeys(item, STEP_KEYS, path, `step ${i + 1}`);
    const id = c.text(item, 'id', path);
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) c.report('duplicate-step-id', [...path, 'id'], `step id "${id}" is already used by step ${first + 1}`, 'Give each step a different id; ids are only needed where a next points at the step.');
      else ids.set(id, i);
    }
    let role = c.text(item, 'role', path, { required: true, what: 'one of the roles' });
    if (role !== undefined && rolesPresent && !roles.includes(role)) {
      const near = closest(role, roles);
      c.report(
        'unknown-role',
        [...path, 'role'],
        `role "${role}" of step ${i + 1} is not in roles.${near ? ` Did you mean "${near}"?` : ''}`,
        near ? `Change it to "${near}", or add "${role}" to roles.` : `Add "${role}" to roles, or use one of: ${roles.join(', ')}.`,
      );
    }
    let type: StepType = 'action';
    const typeText = c.text(item, 'type', path);
    if (typeText !== undefined) {
      if ((STEP_TYPES as readonly string[]).includes(typeText)) type = typeText as StepType;
      else
        c.report(
          'unknown-type',
          [...path, 'type'],
          `unknown step type "${typeText}".${didYouMean(typeText, STEP_TYPES)}`,
          'Write type: action (a box, the default), decision (a diamond) or process (an ellipse linking another process).',
        );
    }
    const text = c.text(item, 'text', path);
    if (text === undefined && type !== 'process') {
      c.report(
        'missing-text',
        item.text === undefined ? path : [...path, 'text'],
        `step ${i + 1} has no text`,
        'Add "text: <what is done>"; only a type: process step may leave it out.',
      );
    }
    const ref = c.text(item, 'ref', path);
    if (type === 'process' && ref === undefined)
      c.report('missing-ref', path, `step ${i + 1} is type: process but has no ref`, 'Add "ref: <code of the linked process>", e.g. ref: HR-CB-003.');
    if (ref !== undefined && type !== 'process' && (typeText === undefined || type === typeText))
      c.report('ref-without-process', [...path, 'ref'], `step ${i + 1} has a ref but is not type: process, so the ref is ignored`, 'Add "type: process" to draw it as a link to that process, or remove the ref.');
    const start = c.bool(item, 'start', path);
    const end = c.bool(item, 'end', path);
    const note = c.text(item, 'note', path);

    let next: NextSpec | undefined;
    if ('next' in item) {
      const n = item.next;
      const at: FieldPath = [...path, 'next'];
      if (n === null || n === undefined || (typeof n === 'string' && n.trim() === '')) {
        c.report('empty-value', at, `"next" of step ${i + 1} has no value`, 'Name the step that follows (its id), or remove "next" to go on to the following step.');
      } else if (typeof n === 'string' || typeof n === 'boolean') {
        next = { kind: 'ids', targets: [String(n)] };
        pending.push({ index: i, path: at, target: String(n) });
      } else if (Array.isArray(n)) {
        const targets: string[] = [];
        n.forEach((t, j) => {
          if (typeof t === 'string' || typeof t === 'boolean') {
            targets.push(String(t));
            pending.push({ index: i, path: [...at, j], target: String(t) });
          } else c.report('wrong-type', [...at, j], `item ${j + 1} of "next" is a ${kind(t)}, not a step id`, 'Write the id of the step that follows.');
        });
        if (n.length === 0) c.report('empty-value', at, `"next" of step ${i + 1} is an empty list`, 'List the ids of the steps that follow, or remove "next".');
        next = { kind: 'ids', targets };
      } else {
        const branches: Array<readonly [string, string]> = [];
        for (const [label, t] of Object.entries(n as Obj)) {
          if (typeof t === 'string' || typeof t === 'boolean') {
            branches.push([label, String(t)]);
            pending.push({ index: i, path: [...at, label], target: String(t) });
          } else c.report('wrong-type', [...at, label], `branch "${label}" of step ${i + 1} points at a ${kind(t)}, not a step id`, `Write "${label}: <step id>".`);
        }
        next = { kind: 'labels', branches };
      }
      if (end) c.report('end-with-next', at, `step ${i + 1} has end: true and also a next`, 'Remove "next" (the flow ends here) or remove "end: true".');
    }
    if (type === 'decision') {
      const labelled = next?.kind === 'labels' ? next.branches.length : 0;
      if (labelled < 2)
        c.report(
          'decision-branches',
          next ? [...path, 'next'] : path,
          `decision step ${i + 1} has ${labelled === 0 ? 'no labelled branches' : 'only one labelled branch'}; a decision needs two or more`,
          'Write next as a mapping of branch labels to step ids, e.g. next: { 同意: approve, 不同意: reject }.',
        );
    }
    if (role === undefined) role = '';
    steps.push(Object.freeze({ id, role, text, type, ref, next, start, end, note }));
  });

  // `next` targets are checked once every id is known (a next may point forward).
  const known = [...ids.keys()];
  for (const p of pending) {
    if (ids.has(p.target)) continue;
    const near = closest(p.target, known);
    c.report(
      'unknown-step',
      p.path,
      `next of step ${p.index + 1} names "${p.target}", but no step has that id.${near ? ` Did you mean "${near}"?` : ''}`,
      near ? `Change it to "${near}", or add "id: ${p.target}" to the step it should reach.` : `Add "id: ${p.target}" to the step it should reach.`,
    );
  }
  return steps;
}

function checkSignoff(c: Checker, raw: unknown, status: Status | undefined): Signoff | undefined {
  const controlled = status === 'controlled';
  const path: FieldPath = ['signoff'];
  if (raw === undefined || raw === null) {
    if (controlled)
      c.report(
        'incomplete-signoff',
        raw === null ? path : [],
        'a controlled document needs a sign-off (编制/审核/批准), and this one has none',
        'Add signoff: with prepared, reviewed and approved, each { by: <name>, date: YYYY-MM-DD }.',
      );
    return undefined;
  }
  if (!isObj(raw)) {
    c.report('wrong-type', path, `"signoff" must be a mapping, not a ${kind(raw)}`, 'Write prepared, reviewed and approved under signoff:, each { by: <name>, date: YYYY-MM-DD }.');
    return undefined;
  }
  c.unknownKeys(raw, SIGNOFF_KEYS, path, 'signoff');
  const out: { prepared?: SignoffEntry; reviewed?: SignoffEntry; approved?: SignoffEntry } = {};
  const lacking: string[] = [];
  for (const k of SIGNOFF_KEYS) {
    const e = raw[k];
    if (e === undefined || e === null) {
      lacking.push(k);
      continue;
    }
    if (!isObj(e)) {
      c.report('wrong-type', [...path, k], `signoff.${k} must be { by: <name>, date: YYYY-MM-DD }, not a ${kind(e)}`, `Write ${k}: { by: 张敏, date: 2024-05-20 }.`);
      continue;
    }
    c.unknownKeys(e, SIGNOFF_ENTRY_KEYS, [...path, k], `signoff.${k}`);
    const by = c.text(e, 'by', [...path, k]);
    const date = c.date(e, 'date', [...path, k]);
    if (by === undefined || (date === undefined && e.date === undefined)) {
      if (controlled)
        c.report(
          'incomplete-signoff',
          [...path, k],
          `signoff.${k} of a controlled document needs both "by" and "date"`,
          `Write ${k}: { by: <name>, date: YYYY-MM-DD }.`,
        );
    }
    if (by !== undefined && date !== undefined) out[k] = Object.freeze({ by, date });
  }
  if (controlled && lacking.length > 0)
    c.report(
      'incomplete-signoff',
      path,
      `the sign-off of a controlled document lacks ${lacking.join(' and ')}`,
      `Add ${lacking.map((k) => `${k}: { by: <name>, date: YYYY-MM-DD }`).join(', ')} under signoff.`,
    );
  return Object.freeze(out);
}

function checkRevisions(c: Checker, raw: unknown): Revision[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.report('wrong-type', ['revisions'], `"revisions" must be a list, not a ${kind(raw)}`, 'Write one "- { version: A/1, date: 2024-06-01, change: ... }" per revision.');
    return [];
  }
  const out: Revision[] = [];
  raw.forEach((r, i) => {
    const path: FieldPath = ['revisions', i];
    if (!isObj(r)) {
      c.report('wrong-type', path, `revision ${i + 1} must be { version, date, change }, not a ${kind(r)}`, 'Write - { version: A/1, date: 2024-06-01, change: 增加总经理审批环节 }.');
      return;
    }
    c.unknownKeys(r, REVISION_KEYS, path, `revision ${i + 1}`);
    const version = c.text(r, 'version', path, { required: true, what: 'the revision label, e.g. A/1' });
    const date = c.date(r, 'date', path);
    const change = c.text(r, 'change', path, { required: true, what: 'what changed' });
    if (version !== undefined && change !== undefined) out.push(Object.freeze({ version, date, change }));
  });
  return out;
}
