/**
 * BPMN 2.0 XML -> an imported process document. Pure apart from parsing (bpmn-moddle, async).
 *
 * Lanes become roles (leaf lanes, in document order), tasks and sub-processes actions, exclusive
 * and inclusive gateways with several ways out decisions (flow names are the branch labels), call
 * activities links to processes of the handbook. Gateways with one way out (merges), parallel
 * gateways and intermediate events are passed through: their incoming steps point at their
 * targets. Start events mark starts; end events end the flow. A file Flowbook wrote carries its
 * document in Flowbook extension elements and comes back exactly as it was exported.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { STATUSES, type Revision, type Signoff, type SignoffEntry, type Status, type StepType } from '../model/types.js';
import { words, type Words } from '../diagnostics/words.js';
import { ImportError, importNote, type ImportedDocument, type ImportedStep, type ImportNote } from './document.js';

export interface BpmnImportOptions {
  /** The document code (required when the file is not one Flowbook wrote). */
  readonly code?: string;
  /** Codes of the handbook's processes: a call activity to anything else becomes an action. */
  readonly knownCodes: ReadonlySet<string>;
  readonly language: 'zh-CN' | 'en';
  /** Which process of a file with several (by id or name); default: the first with flow nodes. */
  readonly process?: string;
}

export interface ImportResult {
  readonly document: ImportedDocument;
  readonly notes: readonly ImportNote[];
}

type El = ModdleElement;
const list = (v: unknown): El[] => (Array.isArray(v) ? (v as El[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const is = (e: El, ...types: string[]) => types.includes(e.$type);

/** An attribute's exact text: the JSON copy Flowbook writes when XML could not carry it, else the value. */
function exact(e: El | undefined, name: string, jsonName: string): string | undefined {
  if (!e) return undefined;
  const attrs = (e.$attrs ?? {}) as Record<string, string>;
  const json = attrs[jsonName] ?? str(e[jsonName]);
  if (json !== undefined) {
    try {
      const v = JSON.parse(json) as unknown;
      if (typeof v === 'string') return v;
    } catch {
      // fall through to the plain value
    }
  }
  return str(e[name]) ?? attrs[name];
}

function docText(e: El): string | undefined {
  const d = list(e.documentation)[0];
  if (!d) return undefined;
  return exact(d, 'text', 'flowbook:json') ?? '';
}

function extension(e: El | undefined, type: string): El | undefined {
  const ext = e?.extensionElements as El | undefined;
  return list(ext?.values).find((v) => v.$type === type);
}

const PLACEHOLDERS = {
  'zh-CN': { owner: 'TODO 执行部门', control: 'TODO 控制部门', role: '流程参与者', decision: '判断', step: '步骤' },
  en: { owner: 'TODO owning department', control: 'TODO controlling department', role: 'Participant', decision: 'Decision', step: 'Step' },
} as const;

type Placeholders = (typeof PLACEHOLDERS)[keyof typeof PLACEHOLDERS];

/** The file read by bpmn-moddle: its definitions, and the reader's first warnings as notes. */
async function readBpmn(xml: string): Promise<{ defs: El; notes: ImportNote[] }> {
  let parsed;
  try {
    parsed = await new BpmnModdle().fromXML(xml);
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0];
    throw new ImportError('BPMN', words(`not a BPMN 2.0 file that can be read: ${reason}`, `不是可读取的 BPMN 2.0 文件：${reason}`));
  }
  const notes: ImportNote[] = parsed.warnings.slice(0, 5).map((w) => {
    const warning = w.message.split('\n')[0];
    return importNote('BPMN', words(`the BPMN reader warned: ${warning}`, `BPMN 读取器提出警告：${warning}`));
  });
  return { defs: parsed.rootElement, notes };
}

/** The process to import (the one asked for, else the first with flow nodes) and its pool, if any. */
function chooseProcess(defs: El, asked: string | undefined, notes: ImportNote[]): { proc: El; participant: El | undefined } {
  const processes = list(defs.rootElements).filter((r) => is(r, 'bpmn:Process'));
  const collaboration = list(defs.rootElements).find((r) => is(r, 'bpmn:Collaboration'));
  const withNodes = processes.filter((p) => list(p.flowElements).some((f) => !is(f, 'bpmn:SequenceFlow')));
  let proc: El | undefined;
  if (asked !== undefined) {
    proc = processes.find((p) => p.id === asked || p.name === asked);
    if (!proc) {
      const ids = processes.map((p) => `"${str(p.id)}"`);
      throw new ImportError(
        'BPMN',
        words(
          `no process "${asked}" in the file; it has ${ids.join(', ') || 'none'}.`,
          `文件中没有流程 "${asked}"；${ids.length > 0 ? `文件中的流程是 ${ids.join('、')}` : '文件中没有任何流程'}。`,
        ),
      );
    }
  } else proc = withNodes[0];
  if (!proc) throw new ImportError('BPMN', words('the file has no process with tasks, gateways or events to import.', '文件中没有可导入的流程（含任务、网关或事件的流程）。'));
  if (asked === undefined && withNodes.length > 1) {
    const name = str(proc.name) ?? str(proc.id);
    notes.push(
      importNote(
        'BPMN',
        words(
          `the file has ${withNodes.length} processes; imported "${name}" (choose another with --process).`,
          `文件中有 ${withNodes.length} 个流程；已导入 "${name}"（可用 --process 选择其他流程）。`,
        ),
      ),
    );
  }
  const participant = list(collaboration?.participants).find((p) => p.processRef === proc);
  return { proc, participant };
}

/** Roles: the leaf lanes in document order (a nameless lane is numbered, a second lane of one name marked), and each flow node's role. */
function laneRoles(proc: El, placeholders: Placeholders, notes: ImportNote[]): { roles: string[]; laneOf: Map<El, string> } {
  const roles: string[] = [];
  const laneOf = new Map<El, string>();
  const walkLanes = (sets: El[]) => {
    for (const set of sets)
      for (const lane of list(set.lanes)) {
        const children = list((lane.childLaneSet as El | undefined)?.lanes);
        if (children.length > 0) walkLanes([lane.childLaneSet as El]);
        else {
          let role = (exact(lane, 'name', 'flowbook:name-json') ?? '').trim() === '' ? `${placeholders.role} ${roles.length + 1}` : exact(lane, 'name', 'flowbook:name-json')!;
          if (roles.includes(role)) {
            const id = str(lane.id);
            notes.push(
              importNote(
                id ?? words('lane', '泳道'),
                words(`two lanes are named "${role}"; the second is imported as "${role} (2)".`, `有两个泳道都叫 "${role}"；第二个已导入为 "${role} (2)"。`),
              ),
            );
            role = `${role} (2)`;
          }
          roles.push(role);
          for (const n of list(lane.flowNodeRef)) laneOf.set(n, role);
        }
      }
  };
  walkLanes(list(proc.laneSets));
  return { roles, laneOf };
}

/**
 * The process's flow: its nodes, what each is to Flowbook (a step, a start, an end, or passed
 * through) and where a sequence flow leads, through merges, parallel gateways and intermediate events.
 */
class Flow {
  readonly nodes: El[];
  private readonly outgoing = new Map<El, El[]>();

  constructor(proc: El) {
    const elements = list(proc.flowElements);
    this.nodes = elements.filter((f) => !is(f, 'bpmn:SequenceFlow') && !is(f, 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference'));
    for (const f of elements.filter((e) => is(e, 'bpmn:SequenceFlow'))) {
      const s = f.sourceRef as El | undefined;
      if (s) (this.outgoing.get(s) ?? this.outgoing.set(s, []).get(s)!).push(f);
    }
  }

  out(n: El): El[] {
    return this.outgoing.get(n) ?? [];
  }

  kindOf(n: El): 'step' | 'start' | 'end' | 'pass' {
    if (is(n, 'bpmn:StartEvent')) return 'start';
    if (is(n, 'bpmn:EndEvent')) return 'end';
    if (is(n, 'bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:EventBasedGateway')) return this.out(n).length > 1 ? 'step' : 'pass';
    if (is(n, 'bpmn:ParallelGateway', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent')) return 'pass';
    return 'step';
  }

  /** The steps a sequence flow reaches. */
  targets(flow: El, seen = new Set<El>()): El[] {
    const t = flow.targetRef as El | undefined;
    if (!t || seen.has(t)) return [];
    const k = this.kindOf(t);
    if (k === 'step') return [t];
    if (k !== 'pass') return [];
    seen.add(t);
    return this.out(t).flatMap((f) => this.targets(f, seen));
  }

  /** The steps a node leads to. */
  next(n: El): El[] {
    return this.out(n).flatMap((f) => this.targets(f));
  }
}

/** Step order: a file Flowbook wrote keeps its step numbers; any other follows the flow from its starts (depth first), then the rest. */
function orderSteps(stepNodes: El[], startTargets: readonly El[], flow: Flow, fromFlowbook: boolean): El[] {
  const numbered = stepNodes.map((n) => /^Step_(\d+)$/.exec(str(n.id) ?? ''));
  if (fromFlowbook && numbered.every((m) => m !== null))
    return stepNodes
      .map((n, i) => [n, Number(numbered[i]![1])] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([n]) => n);
  const order: El[] = [];
  const seen = new Set<El>();
  const visit = (n: El) => {
    const stack = [n];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      order.push(x);
      const next = flow.next(x);
      for (let i = next.length - 1; i >= 0; i--) if (!seen.has(next[i]!)) stack.push(next[i]!);
    }
  };
  for (const s of startTargets) visit(s);
  for (const n of stepNodes) visit(n);
  return order;
}

/** What the steps are read with: the flow, the steps in order, the roles so far and the notes. */
interface StepContext {
  readonly flow: Flow;
  readonly stepNodes: readonly El[];
  readonly index: ReadonlyMap<El, number>;
  readonly laneOf: ReadonlyMap<El, string>;
  /** Grows when a step in no lane goes to the pool's role. */
  readonly roles: string[];
  readonly fallbackRole: string;
  readonly fromFlowbook: boolean;
  readonly placeholders: Placeholders;
  readonly knownCodes: ReadonlySet<string>;
  readonly notes: ImportNote[];
}

/** The step's role: its lane's, else the pool's (added to the roles). */
function roleOf(n: El, where: string | Words, c: StepContext): string {
  const role = c.laneOf.get(n);
  if (role !== undefined) return role;
  if (!c.roles.includes(c.fallbackRole)) c.roles.push(c.fallbackRole);
  if (c.laneOf.size > 0) c.notes.push(importNote(where, words(`is in no lane; it goes to the role "${c.fallbackRole}".`, `不在任何泳道中；已归入角色 "${c.fallbackRole}"。`)));
  return c.fallbackRole;
}

/** Ways out with labels: a decision names every way out; one without a name is named after where it goes, and one name is never used twice. */
function labelledWays(out: readonly { to: number; label?: string }[], where: string | Words, c: StepContext): { to: number; label: string }[] {
  const used = new Set<string>();
  return out.map((e) => {
    let label = e.label ?? stepName(c.stepNodes[e.to]!, e.to);
    if (e.label === undefined) c.notes.push(importNote(where, words(`a way out has no name; it is labelled "${label}".`, `有一个分支没有名称；已标为 "${label}"。`)));
    const first = label;
    for (let k = 2; used.has(label); k++) label = `${first} (${k})`;
    if (label !== first)
      c.notes.push(
        importNote(
          where,
          words(
            `the way out "${first}" leads to several steps at once (a parallel gateway); each is a branch of its own, "${label}" for the next.`,
            `分支 "${first}" 同时通向多个步骤（并行网关）；每个都作为单独的分支，下一个标为 "${label}"。`,
          ),
        ),
      );
    used.add(label);
    return { to: e.to, label };
  });
}

/** One flow node as a step: role, type, text, the process it calls, where it goes, its note. */
function importStep(n: El, i: number, c: StepContext): ImportedStep {
  const where = str(n.id) ?? words(`step ${i + 1}`, `步骤 ${i + 1}`);
  const role = roleOf(n, where, c);
  let type: StepType = is(n, 'bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:EventBasedGateway') ? 'decision' : is(n, 'bpmn:CallActivity') ? 'process' : 'action';
  let text = exact(n, 'name', 'flowbook:name-json') ?? '';
  let ref: string | undefined;
  const note = docText(n);
  if (type === 'process') {
    const called = exact(n, 'flowbook:ref', 'flowbook:ref-json') ?? str(n.calledElement) ?? '';
    if (c.knownCodes.has(called)) ref = called;
    else {
      type = 'action';
      c.notes.push(
        importNote(
          where,
          words(
            `calls "${called}", which is no process of the handbook; imported as an action (make it type: process with a ref once that process exists).`,
            `调用的 "${called}" 不是手册中的流程；已作为普通步骤（action）导入（该流程建立后，可改为 type: process 并写上 ref）。`,
          ),
        ),
      );
      if (text.trim() === '') text = called;
    }
  }
  if (text.trim() === '') {
    text = type === 'decision' ? c.placeholders.decision : `${c.placeholders.step} ${i + 1}`;
    c.notes.push(importNote(where, words(`has no name; its text is "${text}".`, `没有名称；步骤内容写为 "${text}"。`)));
  }
  const out = c.flow.out(n).flatMap((f) => {
    const label = exact(f, 'name', 'flowbook:name-json') ?? str((f.conditionExpression as El | undefined)?.body);
    return c.flow.targets(f).map((t) => ({ to: c.index.get(t)!, ...(label !== undefined && label !== '' ? { label } : {}) }));
  });
  let next: { to: number; label?: string }[] = out;
  if (type === 'decision' || out.some((e) => e.label !== undefined)) {
    next = labelledWays(out, where, c);
    if (type === 'decision' && next.length < 2) type = 'action';
  }
  return {
    ...(extension(n, 'flowbook:step') ? { id: exact(extension(n, 'flowbook:step'), 'id', 'id-json')! } : {}),
    role,
    text,
    type,
    ...(ref !== undefined ? { ref } : {}),
    next,
    ...(note !== undefined && note !== '' ? { note } : note === '' && c.fromFlowbook ? { note } : {}),
  };
}

/** The document's frontmatter fields: from Flowbook's extension element when the file has one, else the options and placeholders. */
function documentFields(meta: El | undefined, proc: El, participant: El | undefined, code: string | undefined, placeholders: Placeholders): Omit<ImportedDocument, 'roles' | 'steps' | 'starts' | 'body'> {
  const m = (k: string) => exact(meta, k, `${k}-json`);
  code ??= m('code');
  if (code === undefined)
    throw new ImportError(
      'BPMN',
      words('the file does not say which code the process has: give it with --code (e.g. --code HR-AT-009).', '文件中没有写明流程编码，请用 --code 给出（例如 --code HR-AT-009）。'),
    );
  const status = m('status');
  return {
    code,
    name: m('name') ?? exact(proc, 'name', 'flowbook:name-json') ?? exact(participant, 'name', 'flowbook:name-json') ?? code,
    ...(m('version') !== undefined ? { version: m('version')! } : {}),
    status: status !== undefined && (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'draft',
    owner: m('owner') ?? placeholders.owner,
    control: m('control') ?? placeholders.control,
    ...(m('category') !== undefined ? { category: m('category')! } : {}),
    ...(m('effective') !== undefined ? { effective: m('effective')! } : {}),
    ...(m('review') !== undefined ? { review: m('review')! } : {}),
  };
}

export async function fromBpmn(xml: string, options: BpmnImportOptions): Promise<ImportResult> {
  const { defs, notes } = await readBpmn(xml);
  const { proc, participant } = chooseProcess(defs, options.process, notes);
  const placeholders = PLACEHOLDERS[options.language];
  const meta = extension(proc, 'flowbook:document');
  const { roles, laneOf } = laneRoles(proc, placeholders, notes);

  const flow = new Flow(proc);
  const steps0 = flow.nodes.filter((n) => flow.kindOf(n) === 'step');
  if (steps0.length === 0) throw new ImportError(str(proc.id) ?? 'BPMN', words('the process has no tasks or decisions to import as steps.', '该流程中没有可作为步骤导入的任务或判断。'));
  const startTargets = flow.nodes.filter((n) => flow.kindOf(n) === 'start').flatMap((e) => flow.next(e));
  const stepNodes = orderSteps(steps0, startTargets, flow, meta !== undefined);
  const index = new Map(stepNodes.map((n, i) => [n, i]));

  const fallbackRole = exact(participant, 'name', 'flowbook:name-json') ?? exact(proc, 'name', 'flowbook:name-json') ?? placeholders.role;
  const context: StepContext = { flow, stepNodes, index, laneOf, roles, fallbackRole, fromFlowbook: meta !== undefined, placeholders, knownCodes: options.knownCodes, notes };
  const steps = stepNodes.map((n, i) => importStep(n, i, context));

  const starts = [...new Set(startTargets.map((t) => index.get(t)!))].sort((a, b) => a - b);
  const document: ImportedDocument = { ...documentFields(meta, proc, participant, options.code, placeholders), roles, steps, starts, ...metaLists(meta), body: bodyOf(meta) };
  return { document, notes };
}

/** A step's name for a way out that has none: its text, else its number. */
function stepName(n: El, i: number): string {
  const name = exact(n, 'name', 'flowbook:name-json');
  return name !== undefined && name.trim() !== '' ? name : `${i + 1}`;
}

function children(meta: El | undefined, type: string): El[] {
  return list(meta?.$children).filter((c) => c.$type === type);
}

function metaLists(meta: El | undefined): { signoff?: Signoff; revisions?: Revision[]; tags?: string[] } {
  if (!meta) return {};
  const signoff: Record<string, SignoffEntry> = {};
  for (const s of children(meta, 'flowbook:signoff')) {
    const kind = str(s.kind);
    const by = exact(s, 'by', 'by-json');
    const date = exact(s, 'date', 'date-json');
    if ((kind === 'prepared' || kind === 'reviewed' || kind === 'approved') && by !== undefined && date !== undefined) signoff[kind] = { by, date };
  }
  const revisions = children(meta, 'flowbook:revision').map((r) => {
    const date = exact(r, 'date', 'date-json');
    return { version: exact(r, 'version', 'version-json') ?? '', ...(date !== undefined ? { date } : {}), change: exact(r, 'change', 'change-json') ?? '' };
  });
  const tags = children(meta, 'flowbook:tag').map((t) => exact(t, 'name', 'name-json') ?? '');
  return { ...(Object.keys(signoff).length > 0 ? { signoff: signoff as Signoff } : {}), revisions, tags };
}

function bodyOf(meta: El | undefined): string {
  const b = children(meta, 'flowbook:body')[0];
  if (!b) return '';
  const json = str(b.json);
  if (json !== undefined) {
    try {
      return JSON.parse(json) as string;
    } catch {
      // the plain text below
    }
  }
  return str(b.$body) ?? '';
}
