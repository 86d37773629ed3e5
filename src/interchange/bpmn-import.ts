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
import { ImportError, type ImportedDocument, type ImportedStep, type ImportNote } from './document.js';

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

const WORDS = {
  'zh-CN': { owner: 'TODO 执行部门', control: 'TODO 控制部门', role: '流程参与者', decision: '判断', step: '步骤' },
  en: { owner: 'TODO owning department', control: 'TODO controlling department', role: 'Participant', decision: 'Decision', step: 'Step' },
} as const;

export async function fromBpmn(xml: string, options: BpmnImportOptions): Promise<ImportResult> {
  let parsed;
  try {
    parsed = await new BpmnModdle().fromXML(xml);
  } catch (e) {
    throw new ImportError('BPMN', `not a BPMN 2.0 file that can be read: ${(e as Error).message.split('\n')[0]}`);
  }
  const notes: ImportNote[] = parsed.warnings.slice(0, 5).map((w) => ({ where: 'BPMN', message: `the BPMN reader warned: ${w.message.split('\n')[0]}` }));
  const defs = parsed.rootElement;
  const processes = list(defs.rootElements).filter((r) => is(r, 'bpmn:Process'));
  const collaboration = list(defs.rootElements).find((r) => is(r, 'bpmn:Collaboration'));
  const participants = list(collaboration?.participants);
  const withNodes = processes.filter((p) => list(p.flowElements).some((f) => !is(f, 'bpmn:SequenceFlow')));
  let proc: El | undefined;
  if (options.process !== undefined) {
    proc = processes.find((p) => p.id === options.process || p.name === options.process);
    if (!proc) throw new ImportError('BPMN', `no process "${options.process}" in the file; it has ${processes.map((p) => `"${str(p.id)}"`).join(', ') || 'none'}.`);
  } else proc = withNodes[0];
  if (!proc) throw new ImportError('BPMN', 'the file has no process with tasks, gateways or events to import.');
  if (options.process === undefined && withNodes.length > 1)
    notes.push({ where: 'BPMN', message: `the file has ${withNodes.length} processes; imported "${str(proc.name) ?? str(proc.id)}" (choose another with --process).` });
  const participant = participants.find((p) => p.processRef === proc);
  const words = WORDS[options.language];
  const meta = extension(proc, 'flowbook:document');

  // Roles: leaf lanes in document order.
  const roles: string[] = [];
  const laneOf = new Map<El, string>();
  const walkLanes = (sets: El[]) => {
    for (const set of sets)
      for (const lane of list(set.lanes)) {
        const children = list((lane.childLaneSet as El | undefined)?.lanes);
        if (children.length > 0) walkLanes([lane.childLaneSet as El]);
        else {
          let role = (exact(lane, 'name', 'flowbook:name-json') ?? '').trim() === '' ? `${words.role} ${roles.length + 1}` : exact(lane, 'name', 'flowbook:name-json')!;
          if (roles.includes(role)) {
            notes.push({ where: str(lane.id) ?? 'lane', message: `two lanes are named "${role}"; the second is imported as "${role} (2)".` });
            role = `${role} (2)`;
          }
          roles.push(role);
          for (const n of list(lane.flowNodeRef)) laneOf.set(n, role);
        }
      }
  };
  walkLanes(list(proc.laneSets));

  const elements = list(proc.flowElements);
  const nodes = elements.filter((f) => !is(f, 'bpmn:SequenceFlow') && !is(f, 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference'));
  const flows = elements.filter((f) => is(f, 'bpmn:SequenceFlow'));
  const outgoing = new Map<El, El[]>();
  for (const f of flows) {
    const s = f.sourceRef as El | undefined;
    if (s) (outgoing.get(s) ?? outgoing.set(s, []).get(s)!).push(f);
  }
  const kindOf = (n: El): 'step' | 'start' | 'end' | 'pass' => {
    if (is(n, 'bpmn:StartEvent')) return 'start';
    if (is(n, 'bpmn:EndEvent')) return 'end';
    if (is(n, 'bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:EventBasedGateway')) return (outgoing.get(n) ?? []).length > 1 ? 'step' : 'pass';
    if (is(n, 'bpmn:ParallelGateway', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent')) return 'pass';
    return 'step';
  };
  let stepNodes = nodes.filter((n) => kindOf(n) === 'step');
  if (stepNodes.length === 0) throw new ImportError(str(proc.id) ?? 'BPMN', 'the process has no tasks or decisions to import as steps.');

  // Where the flow goes from a flow, through merges, parallel gateways and intermediate events.
  const resolve = (flow: El, seen: Set<El>): El[] => {
    const t = flow.targetRef as El | undefined;
    if (!t || seen.has(t)) return [];
    const k = kindOf(t);
    if (k === 'step') return [t];
    if (k !== 'pass') return [];
    seen.add(t);
    return (outgoing.get(t) ?? []).flatMap((f) => resolve(f, seen));
  };
  const startEvents = nodes.filter((n) => kindOf(n) === 'start');
  const startTargets = startEvents.flatMap((e) => (outgoing.get(e) ?? []).flatMap((f) => resolve(f, new Set())));

  // Order: a file Flowbook wrote keeps its step numbers; any other follows the flow from its starts.
  const numbered = stepNodes.map((n) => /^Step_(\d+)$/.exec(str(n.id) ?? ''));
  if (meta && numbered.every((m) => m !== null)) stepNodes = stepNodes.map((n, i) => [n, Number(numbered[i]![1])] as const).sort((a, b) => a[1] - b[1]).map(([n]) => n);
  else {
    const order: El[] = [];
    const seen = new Set<El>();
    const visit = (n: El) => {
      const stack = [n];
      while (stack.length > 0) {
        const x = stack.pop()!;
        if (seen.has(x)) continue;
        seen.add(x);
        order.push(x);
        const next = (outgoing.get(x) ?? []).flatMap((f) => resolve(f, new Set()));
        for (let i = next.length - 1; i >= 0; i--) if (!seen.has(next[i]!)) stack.push(next[i]!);
      }
    };
    for (const s of startTargets) visit(s);
    for (const n of stepNodes) visit(n);
    stepNodes = order;
  }
  const index = new Map(stepNodes.map((n, i) => [n, i]));

  const fallbackRole = exact(participant, 'name', 'flowbook:name-json') ?? exact(proc, 'name', 'flowbook:name-json') ?? words.role;
  const steps: ImportedStep[] = stepNodes.map((n, i) => {
    const where = str(n.id) ?? `step ${i + 1}`;
    let role = laneOf.get(n);
    if (role === undefined) {
      role = fallbackRole;
      if (!roles.includes(role)) roles.push(role);
      if (laneOf.size > 0) notes.push({ where, message: `is in no lane; it goes to the role "${role}".` });
    }
    let type: StepType = is(n, 'bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:EventBasedGateway') ? 'decision' : is(n, 'bpmn:CallActivity') ? 'process' : 'action';
    let text = exact(n, 'name', 'flowbook:name-json') ?? '';
    let ref: string | undefined;
    let note = docText(n);
    if (type === 'process') {
      const called = exact(n, 'flowbook:ref', 'flowbook:ref-json') ?? str(n.calledElement) ?? '';
      if (options.knownCodes.has(called)) ref = called;
      else {
        type = 'action';
        notes.push({ where, message: `calls "${called}", which is no process of the handbook; imported as an action (make it type: process with a ref once that process exists).` });
        if (text.trim() === '') text = called;
      }
    }
    if (text.trim() === '') {
      text = type === 'decision' ? words.decision : `${words.step} ${i + 1}`;
      notes.push({ where, message: `has no name; its text is "${text}".` });
    }
    const out = (outgoing.get(n) ?? []).flatMap((f) => {
      const label = exact(f, 'name', 'flowbook:name-json') ?? str((f.conditionExpression as El | undefined)?.body);
      return resolve(f, new Set()).map((t) => ({ to: index.get(t)!, ...(label !== undefined && label !== '' ? { label } : {}) }));
    });
    // A decision names every way out; a way out without a name is named after where it goes.
    let next = out;
    if (type === 'decision' || out.some((e) => e.label !== undefined)) {
      const used = new Set<string>();
      next = out.map((e) => {
        let label = e.label ?? steps_text(stepNodes[e.to]!, e.to);
        if (e.label === undefined) notes.push({ where, message: `a way out has no name; it is labelled "${label}".` });
        const first = label;
        for (let k = 2; used.has(label); k++) label = `${first} (${k})`;
        if (label !== first) notes.push({ where, message: `the way out "${first}" leads to several steps at once (a parallel gateway); each is a branch of its own, "${label}" for the next.` });
        used.add(label);
        return { to: e.to, label };
      });
      if (type === 'decision' && next.length < 2) type = 'action';
    }
    const step: ImportedStep = {
      ...(extension(n, 'flowbook:step') ? { id: exact(extension(n, 'flowbook:step'), 'id', 'id-json')! } : {}),
      role,
      text,
      type,
      ...(ref !== undefined ? { ref } : {}),
      next,
      ...(note !== undefined && note !== '' ? { note } : note === '' && meta ? { note } : {}),
    };
    return step;
  });

  const starts = [...new Set(startTargets.map((t) => index.get(t)!))].sort((a, b) => a - b);
  const m = (k: string) => exact(meta, k, `${k}-json`);
  const code = options.code ?? m('code');
  if (code === undefined) throw new ImportError('BPMN', 'the file does not say which code the process has: give it with --code (e.g. --code HR-AT-009).');
  const status = m('status');
  const document: ImportedDocument = {
    code,
    name: m('name') ?? exact(proc, 'name', 'flowbook:name-json') ?? exact(participant, 'name', 'flowbook:name-json') ?? code,
    ...(m('version') !== undefined ? { version: m('version')! } : {}),
    status: status !== undefined && (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'draft',
    owner: m('owner') ?? words.owner,
    control: m('control') ?? words.control,
    ...(m('category') !== undefined ? { category: m('category')! } : {}),
    ...(m('effective') !== undefined ? { effective: m('effective')! } : {}),
    ...(m('review') !== undefined ? { review: m('review')! } : {}),
    roles,
    steps,
    starts,
    ...metaLists(meta),
    body: bodyOf(meta),
  };
  return { document, notes };
}

function steps_text(n: El, i: number): string {
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
