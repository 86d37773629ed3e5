/**
 * The diagnostic catalogue: every problem Flowbook reports about a handbook, one entry per code,
 * and the only place its words are written. Call sites pass arguments (`diagnostic(code, where, args)`);
 * the entry turns them into the message (what is wrong) and the hint (what to do).
 *
 * Codes are permanent (tools and CI scripts match on them): add, never rename. `severity` is the
 * default (`--strict` turns warnings into errors). `title` names the code; `when` is the "when"
 * column of the table of checks in docs/format.md, which is generated from this file
 * (`npm run docs:checks`). Step, item and revision numbers in arguments count from 1, as users do.
 */
import type { FieldPath } from '../parse/yaml.js';
import { MAX_DOCUMENT_BYTES, MAX_ROLES, MAX_STEPS } from '../limits.js';

export type Severity = 'error' | 'warning';

export interface CatalogueEntry<A> {
  readonly severity: Severity;
  readonly title: string;
  /** When the code is reported, for the table of checks in docs/format.md (Markdown). */
  readonly when: string;
  readonly message: (args: A) => string;
  readonly hint: (args: A) => string;
}

/** An entry whose words take arguments of type `A` (none when `A` is `void`). */
const entry = <A = void>(e: CatalogueEntry<A>): CatalogueEntry<A> => e;

// ---- words shared by several entries --------------------------------------------------------

/** ` Did you mean "x"?` or the empty string. */
const didYouMean = (near: string | undefined): string => (near === undefined ? '' : ` Did you mean "${near}"?`);

/** The kind of a YAML value, as a user would name it. */
export function kind(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'empty value';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'boolean') return 'true/false value';
  return typeof v;
}

/** `['steps', 3, 'role']` -> `steps[3].role` */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/**
 * A step as messages name it: `step 6`, or `step 6 (archive_docs)` when it has an id (the name a
 * writer knows it by: next points at ids). Checks pass the id as `stepId` wherever the step has one.
 */
export function stepName(step: number, id?: string): string {
  return id === undefined ? `step ${step}` : `step ${step} (${shortLabel(id)})`;
}

/** ` in step 2`, ` in revisions[0]`, or nothing at the top of the frontmatter. */
function inField(path: FieldPath, stepId?: string): string {
  if (path.length === 0) return '';
  if (path[0] === 'steps' && typeof path[1] === 'number') return ` in ${stepName(path[1] + 1, stepId)}`;
  return ` in ${fieldName(path)}`;
}

/** The mapping a key is in: `the frontmatter`, `step 2`, `revision 1`, `signoff.approved`. */
function mappingName(path: FieldPath, stepId?: string): string {
  if (path.length === 0) return 'the frontmatter';
  if (path.length === 2 && typeof path[1] === 'number') {
    if (path[0] === 'steps') return stepName(path[1] + 1, stepId);
    if (path[0] === 'revisions') return `revision ${path[1] + 1}`;
  }
  return fieldName(path);
}

/** A step's text as quoted in a message: at most 30 characters. */
export function shortLabel(s: string): string {
  const chars = [...s];
  return chars.length > 30 ? chars.slice(0, 30).join('') + '…' : s;
}

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

function yamlHint(reason: string): string {
  if (/unique|duplicated mapping key/i.test(reason)) return 'Each key may appear once in a mapping; remove or rename the repeated key.';
  if (/indent/i.test(reason)) return 'Check the indentation: items of a list or mapping must line up, with spaces, not tabs.';
  if (/tab/i.test(reason)) return 'Indent with spaces; YAML does not allow tabs for indentation.';
  return 'Check quoting and indentation on this line; put a value that contains ": ", "#", or starts with [ { * & ! | > \' " % @ ` in quotes.';
}

const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  name: 'Add "name: <process name>" (流程名称), e.g. name: 请假流程.',
  code: 'Add "code: <document code>" (编码), e.g. code: HR-AT-003; it must be unique in the handbook.',
  status: 'Add "status: controlled" (or uncontrolled, draft, obsolete).',
  owner: 'Add "owner: <department>" (执行核心部门), e.g. owner: 人力资源部.',
  control: 'Add "control: <department or post>" (控制部门), e.g. control: 人力资源总监.',
  roles: 'Add "roles: [role A, role B]": the swimlanes, in order.',
  steps: 'Add "steps:" with one "- role: ... text: ..." item per step.',
};

/** An item of a text list (roles, tags) that is empty or not text: `empty-value` or `wrong-type`. */
interface ListItem {
  readonly of: 'list-item';
  /** The list's key. */
  readonly key: string;
  /** Its item number. */
  readonly item: number;
  readonly value: unknown;
  /** What the items are, e.g. `roles (swimlanes)`. */
  readonly items: string;
}
const listItemMessage = (a: ListItem) => `item ${a.item} of "${a.key}" is ${a.value === null || a.value === '' ? 'empty' : `a ${kind(a.value)}, not text`}`;
const listItemHint = (a: ListItem) => `Write each of the ${a.items} as text.`;

// ---- arguments of the entries with several forms --------------------------------------------

export type NoFrontmatter = { readonly problem: 'missing' } | { readonly problem: 'other-language'; readonly firstLine: string } | { readonly problem: 'unclosed' };

export type TooLarge = { readonly limit: 'bytes'; readonly bytes: number } | { readonly limit: 'roles' | 'steps'; readonly count: number };

export type MissingField =
  /** A required field of the document. */
  | { readonly key: string }
  /** A required key of a step or revision; `what` says what to write. */
  | { readonly key: string; readonly parent: FieldPath; readonly what?: string; readonly stepId?: string };

export type WrongType =
  | { readonly of: 'text'; readonly key: string; readonly value: unknown; readonly what?: string }
  | { readonly of: 'boolean'; readonly key: string; readonly value: unknown }
  | { readonly of: 'list'; readonly key: string; readonly value: unknown; readonly items: string }
  | ListItem
  | { readonly of: 'steps' | 'signoff' | 'revisions'; readonly value: unknown }
  | { readonly of: 'step' | 'revision'; readonly item: number; readonly value: unknown }
  | { readonly of: 'signoff-entry'; readonly entry: string; readonly value: unknown }
  | { readonly of: 'next-item'; readonly item: number; readonly value: unknown }
  | { readonly of: 'branch'; readonly label: string; readonly step: number; readonly stepId?: string; readonly value: unknown };

export type EmptyValue =
  | { readonly of: 'text'; readonly key: string; readonly empty: 'null' | 'blank'; readonly what?: string }
  | ListItem
  | { readonly of: 'roles'; readonly empty: 'null' | 'list' }
  | { readonly of: 'next'; readonly step: number; readonly stepId?: string; readonly empty: 'null' | 'list' };

export type CodeProblem =
  | { readonly problem: 'length'; readonly length: number; readonly limit: number }
  | { readonly problem: 'characters' }
  | { readonly problem: 'bytes'; readonly bytes: number; readonly limit: number }
  | { readonly problem: 'reserved' };

export type UnknownKey =
  | { readonly in: 'document'; readonly parent: FieldPath; readonly key: string; readonly near?: string; readonly allowed: readonly string[]; readonly stepId?: string }
  | { readonly in: 'settings'; readonly key: string; readonly near?: string; readonly allowed: readonly string[] };

export type IncompleteSignoff = { readonly lacks: 'signoff' } | { readonly lacks: 'by-or-date'; readonly entry: string } | { readonly lacks: 'entries'; readonly entries: readonly string[] };

export type ChangedAfterApproval =
  /** The content's fingerprint differs from the one recorded with the approval. */
  | { readonly problem: 'changed'; readonly code: string; readonly by: string; readonly date: string; readonly version?: string }
  /** A recorded fingerprint that is not 64 hex digits. */
  | { readonly problem: 'malformed'; readonly entry: string; readonly value: string };

export type InvalidSettings =
  | { readonly problem: 'not-a-mapping' }
  | { readonly problem: 'not-text'; readonly key: string }
  | { readonly problem: 'language'; readonly value: string; readonly near?: string }
  | { readonly problem: 'renderer'; readonly value: string }
  | { readonly problem: 'paper'; readonly value: string }
  | { readonly problem: 'url'; readonly value: string }
  | { readonly problem: 'synonyms'; readonly reason: string }
  | { readonly problem: 'categories'; readonly item?: number };

// ---- the catalogue ------------------------------------------------------------------------------

export const CATALOGUE = {
  // -- reading --
  'read-failed': entry<{ what: 'file' | 'folder'; reason: string }>({
    severity: 'error',
    title: 'The file could not be read',
    when: 'a file or folder could not be read',
    message: (a) => (a.what === 'folder' ? `cannot read folder: ${a.reason}` : `cannot read the file: ${a.reason}`),
    hint: (a) => `Check that the ${a.what} exists and is readable.`,
  }),
  'no-frontmatter': entry<NoFrontmatter>({
    severity: 'error',
    title: 'The document has no YAML frontmatter',
    when: 'the file does not start with `---` frontmatter, or it is never closed',
    message: (a) =>
      a.problem === 'unclosed'
        ? 'the frontmatter opened on line 1 is never closed'
        : a.problem === 'other-language'
          ? `the first line "${a.firstLine.slice(0, 40)}" opens frontmatter in another language; only YAML is read`
          : 'the document does not start with YAML frontmatter',
    hint: (a) =>
      a.problem === 'unclosed'
        ? 'Add a line containing only "---" after the last frontmatter field.'
        : 'Start the file with a line "---", then the fields (name, code, status, owner, control, roles, steps), then a line "---".',
  }),
  'invalid-yaml': entry<{ in: 'document' | 'settings'; reason: string }>({
    severity: 'error',
    title: 'The frontmatter is not valid YAML',
    when: 'the frontmatter is not valid YAML (including a repeated key)',
    message: (a) => `invalid YAML: ${a.reason}`,
    hint: (a) => (a.in === 'settings' ? 'Fix the YAML syntax on this line.' : yamlHint(a.reason)),
  }),
  'not-a-mapping': entry<{ value: 'list' | 'single value' }>({
    severity: 'error',
    title: 'The frontmatter is not a mapping of keys to values',
    when: 'the frontmatter is a list or a single value',
    message: (a) => `the frontmatter is a ${a.value}, not a set of "key: value" fields`,
    hint: () => 'Write one field per line, such as "name: 请假流程".',
  }),
  'too-large': entry<TooLarge>({
    severity: 'error',
    title: 'The document is larger than Flowbook accepts',
    when: 'over the limits above',
    message: (a) =>
      a.limit === 'bytes'
        ? `the document is ${mib(a.bytes)} MiB; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MiB`
        : `the process has ${a.count} ${a.limit}; the limit is ${a.limit === 'roles' ? MAX_ROLES : MAX_STEPS}`,
    hint: (a) =>
      a.limit === 'bytes'
        ? 'Split it into several processes, or move large material out of the handbook and link to it.'
        : a.limit === 'roles'
          ? 'Merge roles, or split the process into several.'
          : 'Split it into several processes linked by type: process steps.',
  }),
  'symlink-ignored': entry<{ link: 'entry' | 'processes-folder' | 'settings' }>({
    severity: 'warning',
    title: 'A symbolic link was not followed',
    when: 'a symbolic link under processes/, or flowbook.yml as a symbolic link, was not followed',
    message: (a) =>
      a.link === 'processes-folder'
        ? 'the processes folder is a symbolic link, which is not followed'
        : a.link === 'settings'
          ? 'flowbook.yml is a symbolic link, which is not followed; the default settings are used'
          : 'symbolic link not followed',
    hint: (a) =>
      a.link === 'processes-folder' ? 'Make processes/ a real folder inside the handbook.' : 'Flowbook reads only files inside the handbook; copy the file here instead of linking to it.',
  }),

  // -- fields --
  'missing-field': entry<MissingField>({
    severity: 'error',
    title: 'A required field is missing',
    when: 'a required field is missing',
    message: (a) => `missing required field "${a.key}"${'parent' in a ? inField(a.parent, a.stepId) : ''}`,
    hint: (a) => ('parent' in a ? `Add "${a.key}: ..." (${a.what ?? 'text'}).` : (REQUIRED_HINTS[a.key] ?? `Add "${a.key}: ...".`)),
  }),
  'wrong-type': entry<WrongType>({
    severity: 'error',
    title: 'A field has the wrong kind of value',
    when: 'a field has the wrong kind of value (e.g. `start: yes`)',
    message: (a) => {
      switch (a.of) {
        case 'text':
          return `"${a.key}" must be text, not a ${kind(a.value)}`;
        case 'boolean':
          return `"${a.key}" must be true or false, not ${typeof a.value === 'string' ? `"${a.value}"` : `a ${kind(a.value)}`}`;
        case 'list':
          return `"${a.key}" must be a list of ${a.items}, not a ${kind(a.value)}`;
        case 'list-item':
          return listItemMessage(a);
        case 'steps':
        case 'revisions':
          return `"${a.of}" must be a list, not a ${kind(a.value)}`;
        case 'signoff':
          return `"signoff" must be a mapping, not a ${kind(a.value)}`;
        case 'step':
          return `step ${a.item} must be a mapping of keys (role, text, ...), not a ${kind(a.value)}`;
        case 'revision':
          return `revision ${a.item} must be { version, date, change }, not a ${kind(a.value)}`;
        case 'signoff-entry':
          return `signoff.${a.entry} must be { by: <name>, date: YYYY-MM-DD }, not a ${kind(a.value)}`;
        case 'next-item':
          return `item ${a.item} of "next" is a ${kind(a.value)}, not a step id`;
        case 'branch':
          return `branch "${a.label}" of ${stepName(a.step, a.stepId)} points at a ${kind(a.value)}, not a step id`;
      }
    },
    hint: (a) => {
      switch (a.of) {
        case 'text':
          return `Write ${a.what ?? 'text'} on the same line as "${a.key}:".`;
        case 'boolean':
          return typeof a.value === 'string' && /^(yes|no|on|off|y|n)$/i.test(a.value)
            ? `In YAML 1.2 "${a.value}" is text; write ${a.key}: ${/^(yes|on|y)$/i.test(a.value) ? 'true' : 'false'}.`
            : `Write ${a.key}: true, or remove the line.`;
        case 'list':
          return `Write ${a.key}: [a, b, c], or one "- item" per line.`;
        case 'list-item':
          return listItemHint(a);
        case 'steps':
          return 'Write one "- role: ... text: ..." item per step under "steps:".';
        case 'revisions':
          return 'Write one "- { version: A/1, date: 2024-06-01, change: ... }" per revision.';
        case 'signoff':
          return 'Write prepared, reviewed and approved under signoff:, each { by: <name>, date: YYYY-MM-DD }.';
        case 'step':
          return 'Write the step as "- role: ...", with "text: ..." on the next line, indented.';
        case 'revision':
          return 'Write - { version: A/1, date: 2024-06-01, change: 增加总经理审批环节 }.';
        case 'signoff-entry':
          return `Write ${a.entry}: { by: 张敏, date: 2024-05-20 }.`;
        case 'next-item':
          return 'Write the id of the step that follows.';
        case 'branch':
          return `Write "${a.label}: <step id>".`;
      }
    },
  }),
  'empty-value': entry<EmptyValue>({
    severity: 'error',
    title: 'A field is empty',
    when: 'a field is present but empty',
    message: (a) => {
      switch (a.of) {
        case 'text':
          return a.empty === 'null' ? `"${a.key}" has no value` : `"${a.key}" is empty`;
        case 'list-item':
          return listItemMessage(a);
        case 'roles':
          return a.empty === 'null' ? '"roles" has no value' : '"roles" is an empty list';
        case 'next':
          return a.empty === 'null' ? `"next" of ${stepName(a.step, a.stepId)} has no value` : `"next" of ${stepName(a.step, a.stepId)} is an empty list`;
      }
    },
    hint: (a) => {
      switch (a.of) {
        case 'text':
          return `Write ${a.what ?? 'a value'} after "${a.key}:".`;
        case 'list-item':
          return listItemHint(a);
        case 'roles':
          return 'List the roles in swimlane order, e.g. roles: [员工, 部门负责人, 人力资源部].';
        case 'next':
          return a.empty === 'null' ? 'Name the step that follows (its id), or remove "next" to go on to the following step.' : 'List the ids of the steps that follow, or remove "next".';
      }
    },
  }),
  'unknown-status': entry<{ status: string; near?: string }>({
    severity: 'error',
    title: 'The status is not one of the four known statuses',
    when: 'status is not one of the four',
    message: (a) => `unknown status "${a.status}".${didYouMean(a.near)}`,
    hint: () => 'Write one of: controlled (受控), uncontrolled (非受控), draft (草稿), obsolete (作废).',
  }),
  'invalid-code': entry<{ code: string } & CodeProblem>({
    severity: 'error',
    title: 'The code has characters a page address cannot use',
    when: 'the code has characters a page address cannot use, is longer than 100 characters or 200 UTF-8 bytes (a file name\'s limit), or is a device name Windows reserves (`CON`, `NUL`, `COM1`, ...)',
    message: (a) => codeProblemText(a),
    hint: () => "The code names the page's address; write it like HR-ER-012.",
  }),
  'invalid-date': entry<{ value: string }>({
    severity: 'error',
    title: 'A date is not a real YYYY-MM-DD date',
    when: 'a date is not a real `YYYY-MM-DD` date',
    message: (a) => (/^\d{4}-\d{2}-\d{2}$/.test(a.value) ? `"${a.value}" is not a real date` : `"${a.value}" is not a date in the form YYYY-MM-DD`),
    hint: () => 'Write a calendar date as YYYY-MM-DD, e.g. 2024-06-01.',
  }),
  'unknown-key': entry<UnknownKey>({
    severity: 'warning',
    title: 'A key is not part of the format',
    when: 'a key that is not part of the format (closest key suggested)',
    message: (a) => (a.in === 'settings' ? `unknown setting "${a.key}".` : `unknown key "${a.key}" in ${mappingName(a.parent, a.stepId)}.`) + didYouMean(a.near),
    hint: (a) =>
      a.near !== undefined
        ? `Rename it to "${a.near}", or remove it.`
        : a.in === 'settings'
          ? `Remove it; known settings: ${a.allowed.join(', ')}.`
          : `Remove it; the keys allowed here are: ${a.allowed.join(', ')}.`,
  }),

  // -- roles and steps --
  'duplicate-role': entry<{ role: string; first: number; item: number }>({
    severity: 'error',
    title: 'A role is listed twice',
    when: 'a role is listed twice',
    message: (a) => `role "${a.role}" is listed twice (items ${a.first} and ${a.item})`,
    hint: () => 'Remove the second one; each role is one swimlane.',
  }),
  'empty-steps': entry({
    severity: 'error',
    title: 'The steps list is empty',
    when: 'the steps list is empty',
    message: () => 'the steps list is empty',
    hint: () => 'Add at least one step: "- role: <one of roles>" with "text: <what is done>".',
  }),
  'unknown-role': entry<{ role: string; step: number; stepId?: string; near?: string; roles: readonly string[] }>({
    severity: 'error',
    title: "A step's role is not in roles",
    when: "a step's role is not in roles (closest role suggested)",
    message: (a) => `role "${a.role}" of ${stepName(a.step, a.stepId)} is not in roles.${didYouMean(a.near)}`,
    hint: (a) => (a.near !== undefined ? `Change it to "${a.near}", or add "${a.role}" to roles.` : `Add "${a.role}" to roles, or use one of: ${a.roles.join(', ')}.`),
  }),
  'unknown-type': entry<{ type: string; near?: string }>({
    severity: 'error',
    title: "A step's type is not action, decision or process",
    when: 'a step type other than action, decision, process',
    message: (a) => `unknown step type "${a.type}".${didYouMean(a.near)}`,
    hint: () => 'Write type: action (a box, the default), decision (a diamond) or process (an ellipse linking another process).',
  }),
  'missing-text': entry<{ step: number; stepId?: string }>({
    severity: 'error',
    title: 'A step has no text',
    when: 'a step without text (only `type: process` may omit it)',
    message: (a) => `${stepName(a.step, a.stepId)} has no text`,
    hint: () => 'Add "text: <what is done>"; only a type: process step may leave it out.',
  }),
  'missing-ref': entry<{ step: number; stepId?: string }>({
    severity: 'error',
    title: 'A process step has no ref',
    when: '`type: process` without `ref`',
    message: (a) => `${stepName(a.step, a.stepId)} is type: process but has no ref`,
    hint: () => 'Add "ref: <code of the linked process>", e.g. ref: HR-CB-003.',
  }),
  'ref-without-process': entry<{ step: number; stepId?: string }>({
    severity: 'warning',
    title: 'A ref on a step that is not type: process',
    when: 'a `ref` on a step that is not `type: process`',
    message: (a) => `${stepName(a.step, a.stepId)} has a ref but is not type: process, so the ref is ignored`,
    hint: () => 'Add "type: process" to draw it as a link to that process, or remove the ref.',
  }),
  'unknown-ref': entry<{ ref: string; step: number; stepId?: string; near?: string; namedCode?: string }>({
    severity: 'error',
    title: 'A ref names no process of the handbook',
    when: 'a ref names no process (closest code suggested)',
    message: (a) => `ref "${a.ref}" of ${stepName(a.step, a.stepId)} names no process in the handbook.${didYouMean(a.namedCode ?? a.near)}`,
    hint: (a) =>
      a.namedCode !== undefined
        ? `"${a.ref}" is the name of ${a.namedCode}; a ref is the process's code: write ref: ${a.namedCode}.`
        : a.near !== undefined
          ? `Change it to "${a.near}", or add a document with code "${a.ref}".`
          : `Write the code of an existing process, or add a document with code "${a.ref}".`,
  }),
  'duplicate-step-id': entry<{ id: string; first: number }>({
    severity: 'error',
    title: 'Two steps have the same id',
    when: 'two steps share an id',
    message: (a) => `step id "${a.id}" is already used by step ${a.first}`,
    hint: () => 'Give each step a different id; ids are only needed where a next points at the step.',
  }),
  'unknown-step': entry<{ target: string; step: number; stepId?: string; near?: string }>({
    severity: 'error',
    title: 'A next names no step',
    when: 'a next names no step (closest id suggested)',
    message: (a) => `next of ${stepName(a.step, a.stepId)} names "${a.target}", but no step has that id.${didYouMean(a.near)}`,
    hint: (a) =>
      a.near !== undefined ? `Change it to "${a.near}", or add "id: ${a.target}" to the step it should reach.` : `Add "id: ${a.target}" to the step it should reach.`,
  }),
  'end-with-next': entry<{ step: number; stepId?: string }>({
    severity: 'error',
    title: 'A step has both end: true and next',
    when: '`end: true` together with `next`',
    message: (a) => `${stepName(a.step, a.stepId)} has end: true and also a next`,
    hint: () => 'Remove "next" (the flow ends here) or remove "end: true".',
  }),
  'decision-branches': entry<{ step: number; stepId?: string; labelled: number }>({
    severity: 'error',
    title: 'A decision has fewer than two labelled branches',
    when: 'a decision with fewer than two labelled branches',
    message: (a) => `decision ${stepName(a.step, a.stepId)} has ${a.labelled === 0 ? 'no labelled branches' : 'only one labelled branch'}; a decision needs two or more`,
    hint: () => 'Write next as a mapping of branch labels to step ids, e.g. next: { 同意: approve, 不同意: reject }.',
  }),
  'unreachable-step': entry<{ step: number; text: string; id?: string; startsMarked: boolean }>({
    severity: 'warning',
    title: 'No path from a start reaches a step',
    when: 'no path from a start reaches the step',
    message: (a) => `${stepName(a.step, a.id)} ("${shortLabel(a.text)}") cannot be reached from ${a.startsMarked ? 'any step marked start: true' : 'the first step'}`,
    hint: (a) => (a.id ? `Point a next at "${a.id}", mark it start: true, or remove it.` : 'Give it an id and point a next at it, mark it start: true, or remove it.'),
  }),
  'unused-role': entry<{ role: string }>({
    severity: 'warning',
    title: 'A role has no steps',
    when: 'a role with no steps',
    message: (a) => `role "${a.role}" has no steps, so its swimlane would be empty`,
    hint: () => 'Remove it from roles, or give it a step.',
  }),

  // -- document control --
  'incomplete-signoff': entry<IncompleteSignoff>({
    severity: 'error',
    title: 'A controlled document lacks a complete sign-off',
    when: 'a controlled document without all of prepared/reviewed/approved with by and date',
    message: (a) =>
      a.lacks === 'signoff'
        ? 'a controlled document needs a sign-off (编制/审核/批准), and this one has none'
        : a.lacks === 'by-or-date'
          ? `signoff.${a.entry} of a controlled document needs both "by" and "date"`
          : `the sign-off of a controlled document lacks ${a.entries.join(' and ')}`,
    hint: (a) =>
      a.lacks === 'signoff'
        ? 'Add signoff: with prepared, reviewed and approved, each { by: <name>, date: YYYY-MM-DD }.'
        : a.lacks === 'by-or-date'
          ? `Write ${a.entry}: { by: <name>, date: YYYY-MM-DD }.`
          : `Add ${a.entries.map((k) => `${k}: { by: <name>, date: YYYY-MM-DD }`).join(', ')} under signoff.`,
  }),
  'changed-after-approval': entry<ChangedAfterApproval>({
    severity: 'error',
    title: 'A controlled document was changed after its approval',
    when: "a controlled document's content (every field but `signoff` and `revisions`, and the body) no longer matches the fingerprint recorded with its approval (`signoff.approved.sha256`, written by `flowbook approve`), or a recorded fingerprint is not 64 hex digits",
    message: (a) =>
      a.problem === 'changed'
        ? `${a.code}${a.version !== undefined ? ` ${a.version}` : ''} was changed after ${a.by} approved it on ${a.date}: its content no longer matches the approved fingerprint`
        : `signoff.${a.entry}.sha256 "${shortLabel(a.value)}" is not a SHA-256 fingerprint (64 hex digits)`,
    hint: (a) =>
      a.problem === 'changed'
        ? `Give the changed document a new version with a revision entry (- { version: <new>, date: YYYY-MM-DD, change: <what changed> }), then have it approved again: flowbook approve ${a.code} --by <name>. If the change was a mistake, undo it instead.`
        : `Let flowbook approve write the fingerprint (flowbook approve <code> --by <name> --as ${a.entry}), or remove the sha256 line.`,
  }),
  'review-overdue': entry<{ review: string; today: string }>({
    severity: 'warning',
    title: 'The review date has passed',
    when: 'the review date of a controlled or uncontrolled document is before today',
    message: (a) => `the review date ${a.review} is before today (${a.today})`,
    hint: () => 'Review the process, then set review to the next review date.',
  }),
  'effective-before-approval': entry<{ effective: string; approved: string }>({
    severity: 'warning',
    title: 'The effective date is before the approval date',
    when: 'effective is before `signoff.approved.date`',
    message: (a) => `the effective date ${a.effective} is before the approval date ${a.approved}`,
    hint: () => 'A version takes effect once approved: set effective on or after signoff.approved.date.',
  }),

  // -- handbook --
  'duplicate-code': entry<{ code: string; firstFile: string }>({
    severity: 'error',
    title: 'Two documents have the same code',
    when: 'two documents share a code (the later file in path order carries it)',
    message: (a) => `code "${a.code}" is already used by ${a.firstFile}`,
    hint: () => 'Give this document a code of its own; codes name the pages.',
  }),
  'code-case-clash': entry<{ code: string; other: string; otherFile: string }>({
    severity: 'error',
    title: 'Two codes differ only in letter case',
    when: 'two codes differ only in letter case',
    message: (a) => `code "${a.code}" differs only in letter case from "${a.other}" in ${a.otherFile}`,
    hint: () => 'Codes name files, and some disks ignore case: choose a code that differs in more than case.',
  }),
  'no-processes': entry<{ folder: string }>({
    severity: 'error',
    title: 'The handbook has no process documents',
    when: 'the handbook has no documents',
    message: () => 'the handbook has no process documents',
    hint: (a) => `Put process documents (*.md) in ${a.folder}/ under the handbook root, or run "flowbook init" to start one.`,
  }),
  'invalid-settings': entry<InvalidSettings>({
    severity: 'error',
    title: 'flowbook.yml has a bad value',
    when: 'a bad value in flowbook.yml',
    message: (a) => {
      switch (a.problem) {
        case 'not-a-mapping':
          return 'flowbook.yml must be a mapping of settings';
        case 'not-text':
          return `"${a.key}" must be non-empty text`;
        case 'language':
          return `unknown language "${a.value}".${didYouMean(a.near)}`;
        case 'renderer':
          return `unknown renderer "${a.value}"`;
        case 'paper':
          return `unknown paper size "${a.value}": Flowbook prints on A4 or A3`;
        case 'url':
          return `url "${a.value}" is not the address of a website (http:// or https://, no ? or #)`;
        case 'synonyms':
          return `synonyms: ${a.reason}`;
        case 'categories':
          return a.item === undefined ? '"categories" must be a list of category names' : `item ${a.item} of "categories" is not a category name`;
      }
    },
    hint: (a) => {
      switch (a.problem) {
        case 'not-a-mapping':
          return 'Write one "key: value" per line, e.g. title: 人力资源流程手册.';
        case 'not-text':
          return `Write ${a.key}: <text>, or remove the line.`;
        case 'language':
          return 'Write language: zh-CN or language: en.';
        case 'renderer':
          return 'Write renderer: native (the default) or renderer: mermaid.';
        case 'paper':
          return 'Write paper: A4 (the default) or paper: A3, or remove the line.';
        case 'url':
          return 'Write the address the handbook is published at, e.g. url: https://handbook.example.com/hr/ (printed copies carry a QR code that opens it), or remove the line.';
        case 'synonyms':
          return 'Write synonyms: [[年假, 年休假], [离职, 辞职]]: each group lists words that search treats as the same.';
        case 'categories':
          return 'Write categories: [总览, 招聘与配置, 员工关系]: the categories in the order the site lists them (the rest follow in pinyin or alphabetical order).';
      }
    },
  }),

  'language-mismatch': entry<{ set: string; documents: string; percent: number }>({
    severity: 'warning',
    title: "The interface language differs from the documents' language",
    when: "`language` in flowbook.yml names one language and the documents are clearly written in the other (under 5% Han characters for zh-CN, over 60% for en, at least 200 letters)",
    message: (a) => `the interface language is ${a.set}, but the documents are written in ${a.documents === 'en' ? 'English' : 'Chinese'} (${a.percent}% Han characters)`,
    hint: (a) => `Write language: ${a.documents} in flowbook.yml, so the site's words, dates and order match the documents; keep ${a.set} only if your readers read it.`,
  }),

  // -- building --
  'mermaid-fallback': entry<{ code: string; kind: 'error' | 'timeout' | 'empty' | 'browser'; reason: string; selfLoopStep?: number }>({
    severity: 'warning',
    title: 'Mermaid could not draw a chart; the native chart was used',
    when: 'with `--renderer mermaid`, Mermaid could not draw a process chart (it failed, took too long or drew nothing); the page has the native chart',
    message: (a) => `Mermaid could not draw the chart of ${a.code} (${a.reason}); the page shows the native chart instead`,
    hint: (a) =>
      a.kind === 'timeout'
        ? 'Mermaid gave up on this flow in the time allowed; split the process, or build with --renderer native.'
        : a.kind === 'browser'
          ? 'The browser stopped while drawing; build again, or build with --renderer native.'
          : a.selfLoopStep !== undefined
            ? `Mermaid's swimlane layout cannot draw a step whose next points back at itself, as step ${a.selfLoopStep}'s does; point it at an earlier step, or build with --renderer native.`
            : "The document is fine; Mermaid's swimlane layout cannot draw this flow. Build with --renderer native, or simplify the flow.",
  }),
} as const;

export type DiagnosticCode = keyof typeof CATALOGUE;

/** The arguments a code's words take: `[]` for none, else `[args]`. */
export type DiagnosticArgs<C extends DiagnosticCode> = Parameters<(typeof CATALOGUE)[C]['message']>;

/** Why a code cannot name a page file, in words (also used by `flowbook new`). */
export function codeProblemText(a: { code: string } & CodeProblem): string {
  switch (a.problem) {
    case 'length':
      return `code is ${a.length} characters long; the limit is ${a.limit}`;
    case 'characters':
      return `code "${a.code}" may only contain letters, digits, "-", "_" and "." and must start with a letter or digit`;
    case 'bytes':
      return `code is ${a.bytes} bytes long in UTF-8; the limit is ${a.limit} (it names the page's file)`;
    case 'reserved':
      return `code "${a.code}" is a device name Windows reserves; it cannot name the page's file`;
  }
}
