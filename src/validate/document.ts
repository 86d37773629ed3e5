/**
 * Checking one document on its own: field presence and types, roles, steps, next, sign-off, dates.
 * Pure. Returns the decoded document (when the basics are there) and every problem found.
 * Cross-document rules (codes, refs) and flow rules (reachability) are in validate/handbook.ts.
 */
import { diagnostic, fieldName, type Diagnostic, type DiagnosticArgs, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { ParsedDocument } from '../parse/document.js';
import type { FieldPath } from '../parse/yaml.js';
import type { DocumentInput, StepInput } from '../model/input.js';
import type { NextSpec } from '../model/graph.js';
import { STATUSES, STEP_TYPES, type Revision, type Signoff, type SignoffEntry, type Status, type StepType } from '../model/types.js';
import { closest } from '../util/suggest.js';
import { isRealDate } from '../util/dates.js';
import { MAX_ROLES, MAX_STEPS } from '../limits.js';
import { contentFingerprint, SHA256_PATTERN } from '../control/fingerprint.js';
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

export { fieldName };

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  /** Each step's id, where it has one: messages about a step name it (`step 6 (archive_docs)`). */
  readonly stepIds: Array<string | undefined> = [];
  constructor(readonly parsed: ParsedDocument) {}

  report<C extends DiagnosticCode>(code: C, path: FieldPath, ...args: DiagnosticArgs<C>): void {
    this.diagnostics.push(diagnostic(code, this.where(path, 'value'), ...this.withStepId(path, args)));
  }

  /** The arguments, with `stepId` added when the path is inside a step that has an id. */
  private withStepId<A extends unknown[]>(path: FieldPath, args: A): A {
    const id = path[0] === 'steps' && typeof path[1] === 'number' ? this.stepIds[path[1]] : undefined;
    if (id === undefined || typeof args[0] !== 'object' || args[0] === null) return args;
    return [{ ...(args[0] as object), stepId: id }] as unknown as A;
  }

  private where(path: FieldPath, part: 'key' | 'value') {
    const pos = this.parsed.locate(path, part);
    return { file: this.parsed.file, line: pos.line, column: pos.column, field: path.length ? fieldName(path) : undefined };
  }

  unknownKeys(obj: Obj, known: readonly string[], path: FieldPath): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const args = { in: 'document', parent: path, key, near: closest(key, known), allowed: known } as const;
      this.diagnostics.push(diagnostic('unknown-key', this.where([...path, key], 'key'), ...this.withStepId(path, [args] as [typeof args])));
    }
  }

  /** A text field: strings as written; true/false are accepted as their text. */
  text(obj: Obj, key: string, path: FieldPath, opts: { required?: boolean; what?: string } = {}): string | undefined {
    const v = obj[key];
    const at = [...path, key];
    if (v === undefined || v === null) {
      if (opts.required) {
        if (key in obj) this.report('empty-value', at, { of: 'text', key, empty: 'null', what: opts.what });
        else this.report('missing-field', path, { key, parent: path, what: opts.what });
      }
      return undefined;
    }
    if (typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.report('wrong-type', at, { of: 'text', key, value: v, what: opts.what });
      return undefined;
    }
    if (v.trim() === '') {
      if (opts.required) this.report('empty-value', at, { of: 'text', key, empty: 'blank', what: opts.what });
      return undefined;
    }
    return v;
  }

  date(obj: Obj, key: string, path: FieldPath, required = false): string | undefined {
    const v = this.text(obj, key, path, { required, what: 'a date as YYYY-MM-DD' });
    if (v === undefined) return undefined;
    if (!isRealDate(v)) {
      this.report('invalid-date', [...path, key], { value: v });
      return undefined;
    }
    return v;
  }

  bool(obj: Obj, key: string, path: FieldPath): boolean {
    const v = obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    this.report('wrong-type', [...path, key], { of: 'boolean', key, value: v });
    return false;
  }

  textList(obj: Obj, key: string, path: FieldPath, what: string): string[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.report('wrong-type', [...path, key], { of: 'list', key, value: v, items: what });
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item);
      else if (typeof item === 'boolean') out.push(String(item));
      else this.report(item === null || item === '' ? 'empty-value' : 'wrong-type', [...path, key, i], { of: 'list-item', key, item: i + 1, value: item, items: what });
    });
    return out;
  }
}

export function checkDocument(parsed: ParsedDocument): DecodeResult {
  if (!parsed.data) return { diagnostics: parsed.diagnostics };
  const c = new Checker(parsed);
  c.diagnostics.push(...parsed.diagnostics);
  const data = parsed.data;

  c.unknownKeys(data, DOCUMENT_KEYS, []);
  const missing = REQUIRED_DOCUMENT_KEYS.filter((k) => data[k] === undefined && !(k in data));
  for (const k of missing) {
    c.report('missing-field', [], { key: k });
  }
  const present = (k: string) => !missing.includes(k as (typeof REQUIRED_DOCUMENT_KEYS)[number]);

  const name = present('name') ? c.text(data, 'name', [], { required: true, what: 'the process name (流程名称)' }) : undefined;
  const code = present('code') ? checkCode(c, data) : undefined;
  const version = c.text(data, 'version', []);
  const status = present('status') ? checkStatus(c, data) : undefined;
  const owner = present('owner') ? c.text(data, 'owner', [], { required: true, what: 'the department that executes the process (执行核心部门)' }) : undefined;
  const control = present('control') ? c.text(data, 'control', [], { required: true, what: 'the controlling department or post (控制部门)' }) : undefined;
  const category = c.text(data, 'category', []);
  const effective = c.date(data, 'effective', []);
  const review = c.date(data, 'review', []);
  const tags = c.textList(data, 'tags', [], 'keywords') ?? [];

  const roles = present('roles') ? checkRoles(c, data.roles) : [];

  // steps
  const steps = present('steps') ? checkSteps(c, data.steps, roles, present('roles')) : undefined;

  // sign-off and revisions
  const signoff = checkSignoff(c, data.signoff, status);
  const revisions = checkRevisions(c, data.revisions);

  const contentSha256 = checkApproval(c, data, parsed.body, { code, version, status, signoff });

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
          ...(contentSha256 !== undefined && { contentSha256 }),
          body: parsed.body,
          bodyLine: parsed.bodyLine,
          locate: parsed.locate,
        })
      : undefined;
  return { doc, diagnostics: c.diagnostics };
}

/** The document code, if it is one that can name a file (else reported, and undefined). */
function checkCode(c: Checker, data: Obj): string | undefined {
  const code = c.text(data, 'code', [], { required: true, what: 'the document code, e.g. HR-ER-012' });
  const codeError = code === undefined ? undefined : codeProblem(code);
  if (codeError === undefined) return code;
  c.report('invalid-code', ['code'], { code: code!, ...codeError });
  return undefined;
}

/** The status, if it is one of the four (an unknown one is reported with the nearest, or the English for a Chinese word). */
function checkStatus(c: Checker, data: Obj): Status | undefined {
  const statusText = c.text(data, 'status', [], { required: true, what: 'controlled, uncontrolled, draft or obsolete' });
  if (statusText === undefined) return undefined;
  if ((STATUSES as readonly string[]).includes(statusText)) return statusText as Status;
  c.report('unknown-status', ['status'], { status: statusText, near: closest(statusText, STATUSES) ?? STATUS_IN_CHINESE.get(statusText) });
  return undefined;
}

/**
 * Approval bound to content: the fingerprint of what is controlled, against the approved one; a
 * controlled document changed since is reported. Only a document with a recorded fingerprint
 * needs its own (half the time of a check otherwise). Returns the fingerprint, when computed.
 */
function checkApproval(c: Checker, data: Obj, body: string, d: { code?: string; version?: string; status?: Status; signoff?: Signoff }): string | undefined {
  const { signoff } = d;
  const contentSha256 = signoff && (signoff.prepared?.sha256 ?? signoff.reviewed?.sha256 ?? signoff.approved?.sha256) !== undefined ? contentFingerprint(data, body) : undefined;
  const approved = signoff?.approved;
  if (d.status === 'controlled' && approved?.sha256 !== undefined && approved.sha256 !== contentSha256 && d.code !== undefined) {
    c.report('changed-after-approval', ['signoff', 'approved', 'sha256'], { problem: 'changed', code: d.code, by: approved.by, date: approved.date, version: d.version });
  }
  return contentSha256;
}

/** The roles (swimlanes): a list of texts, each once, at most MAX_ROLES; the distinct roles in order. */
function checkRoles(c: Checker, raw: unknown): string[] {
  c.textList({ roles: raw }, 'roles', [], 'roles (swimlanes)'); // reports a non-list and non-text items
  if (raw === null || raw === undefined) c.report('empty-value', ['roles'], { of: 'roles', empty: 'null' });
  else if (Array.isArray(raw) && raw.length === 0) c.report('empty-value', ['roles'], { of: 'roles', empty: 'list' });
  const seen = new Map<string, number>();
  (Array.isArray(raw) ? raw : []).forEach((r, i) => {
    if (typeof r !== 'string' && typeof r !== 'boolean') return;
    const role = String(r);
    const first = seen.get(role);
    if (first !== undefined) c.report('duplicate-role', ['roles', i], { role, first: first + 1, item: i + 1 });
    else seen.set(role, i);
  });
  const roles = [...seen.keys()];
  if (roles.length > MAX_ROLES) c.report('too-large', ['roles'], { limit: 'roles', count: roles.length });
  return roles;
}

/** A status written in Chinese, for "Did you mean" (受控 -> controlled). */
const STATUS_IN_CHINESE: ReadonlyMap<string, Status> = new Map([
  ['受控', 'controlled'],
  ['非受控', 'uncontrolled'],
  ['草稿', 'draft'],
  ['作废', 'obsolete'],
]);

/** The steps list itself: a non-empty list of at most MAX_STEPS items, else reported. */
function stepList(c: Checker, raw: unknown): unknown[] | undefined {
  if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    c.report('empty-steps', ['steps']);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    c.report('wrong-type', ['steps'], { of: 'steps', value: raw });
    return undefined;
  }
  if (raw.length > MAX_STEPS) {
    c.report('too-large', ['steps'], { limit: 'steps', count: raw.length });
    return undefined;
  }
  return raw;
}

/** What checking one step needs from the others: the roles, the ids seen so far, and the `next` targets to check once every id is known. */
interface StepsSoFar {
  readonly roles: readonly string[];
  readonly rolesPresent: boolean;
  readonly ids: Map<string, number>;
  readonly pending: Array<{ index: number; path: FieldPath; target: string }>;
}

function checkSteps(c: Checker, raw: unknown, roles: readonly string[], rolesPresent: boolean): StepInput[] | undefined {
  const items = stepList(c, raw);
  if (items === undefined) return undefined;
  const soFar: StepsSoFar = { roles, rolesPresent, ids: new Map(), pending: [] };
  const steps: StepInput[] = [];
  items.forEach((item, i) => {
    const step = checkStep(c, item, i, soFar);
    if (step) steps.push(step);
  });
  checkTargets(c, soFar);
  return steps;
}

/** One step: its keys, id, role, type, text, ref, flags, note and `next`; undefined when it is not a mapping. */
function checkStep(c: Checker, item: unknown, i: number, soFar: StepsSoFar): StepInput | undefined {
  const path: FieldPath = ['steps', i];
  if (!isObj(item)) {
    c.report('wrong-type', path, { of: 'step', item: i + 1, value: item });
    return undefined;
  }
  if (typeof item.id === 'string' && item.id.trim() !== '') c.stepIds[i] = item.id;
  c.unknownKeys(item, STEP_KEYS, path);
  const id = c.text(item, 'id', path);
  if (id !== undefined) {
    const first = soFar.ids.get(id);
    if (first !== undefined) c.report('duplicate-step-id', [...path, 'id'], { id, first: first + 1 });
    else soFar.ids.set(id, i);
  }
  const role = c.text(item, 'role', path, { required: true, what: 'one of the roles' });
  if (role !== undefined && soFar.rolesPresent && !soFar.roles.includes(role)) {
    c.report('unknown-role', [...path, 'role'], { role, step: i + 1, near: closest(role, soFar.roles), roles: soFar.roles });
  }
  const { type, typeText } = stepType(c, item, path);
  const text = c.text(item, 'text', path);
  if (text === undefined && type !== 'process') {
    c.report('missing-text', item.text === undefined ? path : [...path, 'text'], { step: i + 1 });
  }
  const ref = c.text(item, 'ref', path);
  if (type === 'process' && ref === undefined) c.report('missing-ref', path, { step: i + 1 });
  if (ref !== undefined && type !== 'process' && (typeText === undefined || type === typeText)) c.report('ref-without-process', [...path, 'ref'], { step: i + 1 });
  const start = c.bool(item, 'start', path);
  const end = c.bool(item, 'end', path);
  const note = c.text(item, 'note', path);

  let next: NextSpec | undefined;
  if ('next' in item) {
    next = checkNext(c, item.next, [...path, 'next'], i, soFar.pending);
    if (end) c.report('end-with-next', [...path, 'next'], { step: i + 1 });
  }
  if (type === 'decision') {
    const labelled = next?.kind === 'labels' ? next.branches.length : 0;
    if (labelled < 2) c.report('decision-branches', next ? [...path, 'next'] : path, { step: i + 1, labelled });
  }
  return Object.freeze({ id, role: role ?? '', text, type, ref, next, start, end, note });
}

/** The step's type (action when not given or unknown, which is reported) and the text written. */
function stepType(c: Checker, item: Obj, path: FieldPath): { type: StepType; typeText: string | undefined } {
  const typeText = c.text(item, 'type', path);
  if (typeText === undefined) return { type: 'action', typeText };
  if ((STEP_TYPES as readonly string[]).includes(typeText)) return { type: typeText as StepType, typeText };
  c.report('unknown-type', [...path, 'type'], { type: typeText, near: closest(typeText, STEP_TYPES) });
  return { type: 'action', typeText };
}

/**
 * A step's `next`: one id, a list of ids (parallel work) or a mapping of branch labels to ids (a
 * decision). Each target is queued in `pending`, checked once every id is known.
 */
function checkNext(c: Checker, n: unknown, at: FieldPath, i: number, pending: StepsSoFar['pending']): NextSpec | undefined {
  if (n === null || n === undefined || (typeof n === 'string' && n.trim() === '')) {
    c.report('empty-value', at, { of: 'next', step: i + 1, empty: 'null' });
    return undefined;
  }
  if (typeof n === 'string' || typeof n === 'boolean') {
    pending.push({ index: i, path: at, target: String(n) });
    return { kind: 'ids', targets: [String(n)] };
  }
  if (Array.isArray(n)) {
    const targets: string[] = [];
    n.forEach((t, j) => {
      if (typeof t === 'string' || typeof t === 'boolean') {
        targets.push(String(t));
        pending.push({ index: i, path: [...at, j], target: String(t) });
      } else c.report('wrong-type', [...at, j], { of: 'next-item', item: j + 1, value: t });
    });
    if (n.length === 0) c.report('empty-value', at, { of: 'next', step: i + 1, empty: 'list' });
    return { kind: 'ids', targets };
  }
  const branches: Array<readonly [string, string]> = [];
  for (const [label, t] of Object.entries(n as Obj)) {
    if (typeof t === 'string' || typeof t === 'boolean') {
      branches.push([label, String(t)]);
      pending.push({ index: i, path: [...at, label], target: String(t) });
    } else c.report('wrong-type', [...at, label], { of: 'branch', label, step: i + 1, value: t });
  }
  return { kind: 'labels', branches };
}

/** `next` targets, checked once every id is known (a next may point forward). */
function checkTargets(c: Checker, soFar: StepsSoFar): void {
  const known = [...soFar.ids.keys()];
  for (const p of soFar.pending) {
    if (soFar.ids.has(p.target)) continue;
    c.report('unknown-step', p.path, { target: p.target, step: p.index + 1, near: closest(p.target, known) });
  }
}

function checkSignoff(c: Checker, raw: unknown, status: Status | undefined): Signoff | undefined {
  const controlled = status === 'controlled';
  const path: FieldPath = ['signoff'];
  if (raw === undefined || raw === null) {
    if (controlled) c.report('incomplete-signoff', raw === null ? path : [], { lacks: 'signoff' });
    return undefined;
  }
  if (!isObj(raw)) {
    c.report('wrong-type', path, { of: 'signoff', value: raw });
    return undefined;
  }
  c.unknownKeys(raw, SIGNOFF_KEYS, path);
  const out: { prepared?: SignoffEntry; reviewed?: SignoffEntry; approved?: SignoffEntry } = {};
  const lacking: string[] = [];
  for (const k of SIGNOFF_KEYS) {
    const e = raw[k];
    if (e === undefined || e === null) {
      lacking.push(k);
      continue;
    }
    if (!isObj(e)) {
      c.report('wrong-type', [...path, k], { of: 'signoff-entry', entry: k, value: e });
      continue;
    }
    c.unknownKeys(e, SIGNOFF_ENTRY_KEYS, [...path, k]);
    const by = c.text(e, 'by', [...path, k]);
    const date = c.date(e, 'date', [...path, k]);
    const version = c.text(e, 'version', [...path, k]);
    let sha256 = c.text(e, 'sha256', [...path, k]);
    if (sha256 !== undefined && !SHA256_PATTERN.test(sha256)) {
      c.report('changed-after-approval', [...path, k, 'sha256'], { problem: 'malformed', entry: k, value: sha256 });
      sha256 = undefined;
    }
    if (by === undefined || (date === undefined && e.date === undefined)) {
      if (controlled) c.report('incomplete-signoff', [...path, k], { lacks: 'by-or-date', entry: k });
    }
    if (by !== undefined && date !== undefined)
      out[k] = Object.freeze({ by, date, ...(version !== undefined && { version }), ...(sha256 !== undefined && { sha256: sha256.toLowerCase() }) });
  }
  if (controlled && lacking.length > 0) c.report('incomplete-signoff', path, { lacks: 'entries', entries: lacking });
  return Object.freeze(out);
}

function checkRevisions(c: Checker, raw: unknown): Revision[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.report('wrong-type', ['revisions'], { of: 'revisions', value: raw });
    return [];
  }
  const out: Revision[] = [];
  raw.forEach((r, i) => {
    const path: FieldPath = ['revisions', i];
    if (!isObj(r)) {
      c.report('wrong-type', path, { of: 'revision', item: i + 1, value: r });
      return;
    }
    c.unknownKeys(r, REVISION_KEYS, path);
    const version = c.text(r, 'version', path, { required: true, what: 'the revision label, e.g. A/1' });
    const date = c.date(r, 'date', path);
    const change = c.text(r, 'change', path, { required: true, what: 'what changed' });
    if (version !== undefined && change !== undefined) out.push(Object.freeze({ version, date, change }));
  });
  return out;
}
