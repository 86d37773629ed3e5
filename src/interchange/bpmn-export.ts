/**
 * Process -> BPMN 2.0 XML, laid out with Flowbook's own swimlane layout (BPMN DI). Pure.
 *
 * A collaboration with one participant (the process), one lane per role in the document's order
 * (vertical lanes, as Flowbook draws them: `isHorizontal="false"`), a task per action, an
 * exclusive gateway per decision (its outgoing flows named with the branch labels), a call
 * activity per linked process, a start event above each start step and an end event below each
 * step where the flow ends. Code, version and status are in the process's documentation; every
 * field of the document (and each step's id) is in Flowbook extension elements, so an import
 * gives the same document back. Ids are derived from step numbers: same input, same bytes.
 */
import type { Process, Step } from '../model/types.js';
import { placeChart, type PlacedChart } from './geometry.js';
import { attr, content, exactJson, needsExact, num } from './xml.js';
import type { Box, Point } from '../diagram/native/index.js';

export const FLOWBOOK_NS = 'urn:flowbook:bpmn:1';
const STATUS_WORDS: Record<Process['status'], string> = { controlled: '受控 controlled', uncontrolled: '非受控 uncontrolled', draft: '草稿 draft', obsolete: '作废 obsolete' };

/** A BPMN id (an XML NCName) for a process code: the code itself when it is one. */
export function processId(code: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(code) ? code : `Process_${code.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export const stepId = (s: Step): string => `Step_${s.number}`;

/** ` name="..."` plus the exact text in `exactName` when XML cannot carry it. */
function named(name: string, value: string, exactName = `flowbook:${name}-json`): string {
  return ` ${name}="${attr(value)}"` + (needsExact(value) ? ` ${exactName}="${attr(exactJson(value))}"` : '');
}

function documentation(text: string, indent: string): string {
  return `${indent}<bpmn:documentation${needsExact(text) ? ` flowbook:json="${attr(exactJson(text))}"` : ''}>${content(text)}</bpmn:documentation>\n`;
}

export interface BpmnExportOptions {
  /** Written as `exporterVersion`. */
  readonly version: string;
  /** The handbook's language, for the names of start and end events. */
  readonly language: 'zh-CN' | 'en';
}

const EVENT_NAMES = { 'zh-CN': { start: '开始', end: '结束' }, en: { start: 'Start', end: 'End' } } as const;

export function toBpmn(process: Process, options: BpmnExportOptions): string {
  const chart = placeChart(process);
  const pid = processId(process.code);
  const words = EVENT_NAMES[options.language];
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"' +
      ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ` xmlns:flowbook="${FLOWBOOK_NS}" id="Definitions_${pid}" targetNamespace="${FLOWBOOK_NS}" exporter="Flowbook" exporterVersion="${attr(options.version)}">\n`,
  );
  out.push(`  <bpmn:collaboration id="Collaboration_${pid}">\n`);
  out.push(`    <bpmn:participant id="Participant_${pid}"${named('name', process.name)} processRef="${pid}" />\n`);
  out.push('  </bpmn:collaboration>\n');
  out.push(`  <bpmn:process id="${pid}"${named('name', process.name)} isExecutable="false">\n`);
  out.push(documentation(summary(process), '    '));
  out.push('    <bpmn:extensionElements>\n');
  out.push(documentElement(process, '      '));
  out.push('    </bpmn:extensionElements>\n');
  out.push(laneSet(process, chart));
  const flows = flowList(process, chart);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of flows) {
    (outgoing.get(f.source) ?? outgoing.set(f.source, []).get(f.source)!).push(f.id);
    (incoming.get(f.target) ?? incoming.set(f.target, []).get(f.target)!).push(f.id);
  }
  const refs = (id: string) =>
    (incoming.get(id) ?? []).map((f) => `      <bpmn:incoming>${f}</bpmn:incoming>\n`).join('') +
    (outgoing.get(id) ?? []).map((f) => `      <bpmn:outgoing>${f}</bpmn:outgoing>\n`).join('');
  for (const ev of chart.starts) {
    const id = `Start_${ev.step.step.number}`;
    out.push(`    <bpmn:startEvent id="${id}" name="${words.start}">\n${refs(id)}    </bpmn:startEvent>\n`);
  }
  for (const s of process.steps) {
    const id = stepId(s);
    const tag = s.type === 'decision' ? 'exclusiveGateway' : s.type === 'process' ? 'callActivity' : 'task';
    const called = s.type === 'process' && s.ref !== undefined ? ` calledElement="${attr(processId(s.ref))}"` + named('flowbook:ref', s.ref, 'flowbook:ref-json') : '';
    out.push(`    <bpmn:${tag} id="${id}"${named('name', s.text)}${called}>\n`);
    if (s.note !== undefined) out.push(documentation(s.note, '      '));
    if (s.id !== undefined) out.push(`      <bpmn:extensionElements>\n        <flowbook:step${named('id', s.id, 'id-json')} />\n      </bpmn:extensionElements>\n`);
    out.push(refs(id));
    out.push(`    </bpmn:${tag}>\n`);
  }
  for (const ev of chart.ends) {
    const id = `End_${ev.step.step.number}`;
    out.push(`    <bpmn:endEvent id="${id}" name="${words.end}">\n${refs(id)}    </bpmn:endEvent>\n`);
  }
  // A branch label is the flow's name and its condition, so two branches to one step stay two
  // different flows (and lint as conditional flows, which they are).
  for (const f of flows)
    out.push(
      f.label === undefined
        ? `    <bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}" />\n`
        : `    <bpmn:sequenceFlow id="${f.id}"${named('name', f.label)} sourceRef="${f.source}" targetRef="${f.target}">\n` +
            `      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${content(f.label)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n`,
    );
  out.push('  </bpmn:process>\n');
  out.push(diagram(process, chart, pid, flows, words));
  out.push('</bpmn:definitions>\n');
  return out.join('');
}

/** The line a BPMN tool shows as the process's documentation. */
function summary(p: Process): string {
  return [p.code, p.version !== undefined ? `版本 version ${p.version}` : undefined, STATUS_WORDS[p.status], `执行核心部门 owner ${p.owner}`, `控制部门 control ${p.control}`]
    .filter((x) => x !== undefined)
    .join(' · ');
}

function documentElement(p: Process, indent: string): string {
  const fields: [string, string | undefined][] = [
    ['code', p.code],
    ['name', p.name],
    ['version', p.version],
    ['status', p.status],
    ['owner', p.owner],
    ['control', p.control],
    ['category', p.category],
    ['effective', p.effective],
    ['review', p.review],
  ];
  const a = fields.map(([k, v]) => (v === undefined ? '' : named(k, v, `${k}-json`))).join('');
  const lines = [`${indent}<flowbook:document${a}>\n`];
  for (const kind of ['prepared', 'reviewed', 'approved'] as const) {
    const e = p.signoff?.[kind];
    if (e) lines.push(`${indent}  <flowbook:signoff kind="${kind}"${named('by', e.by, 'by-json')}${named('date', e.date, 'date-json')} />\n`);
  }
  for (const r of p.revisions)
    lines.push(`${indent}  <flowbook:revision${named('version', r.version, 'version-json')}${r.date !== undefined ? named('date', r.date, 'date-json') : ''}${named('change', r.change, 'change-json')} />\n`);
  for (const t of p.tags) lines.push(`${indent}  <flowbook:tag${named('name', t, 'name-json')} />\n`);
  if (p.body !== '') lines.push(`${indent}  <flowbook:body${needsExact(p.body) ? ` json="${attr(exactJson(p.body))}"` : ''}>${content(p.body)}</flowbook:body>\n`);
  lines.push(`${indent}</flowbook:document>\n`);
  return lines.join('');
}

function laneSet(p: Process, chart: PlacedChart): string {
  const members = p.roles.map(() => [] as string[]);
  for (const ev of chart.starts) members[ev.step.lane]!.push(`Start_${ev.step.step.number}`);
  for (const s of p.steps) members[s.lane]!.push(stepId(s));
  for (const ev of chart.ends) members[ev.step.lane]!.push(`End_${ev.step.step.number}`);
  const lanes = p.roles.map(
    (role, i) =>
      `      <bpmn:lane id="Lane_${i + 1}"${named('name', role)}>\n` + members[i]!.map((m) => `        <bpmn:flowNodeRef>${m}</bpmn:flowNodeRef>\n`).join('') + '      </bpmn:lane>\n',
  );
  return `    <bpmn:laneSet id="LaneSet_1">\n${lanes.join('')}    </bpmn:laneSet>\n`;
}

interface Flow {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label?: string;
  readonly points: readonly Point[];
  readonly labelBox?: Box;
}

function flowList(p: Process, chart: PlacedChart): Flow[] {
  const byKey = new Map(p.steps.map((s) => [s.key, s]));
  const flows: Flow[] = [];
  for (const ev of chart.starts) {
    const n = ev.step.step.number;
    flows.push({ id: `Flow_Start_${n}`, source: `Start_${n}`, target: `Step_${n}`, points: ev.points });
  }
  // `index` is the edge's position in the process's edges (step order, then written order).
  const all = p.steps.flatMap((s) => s.next.map((edge, i) => ({ edge, from: s, i: i + 1 })));
  const placed = new Map(chart.edges.map((e) => [e.index, e]));
  all.forEach(({ edge, from, i }, index) => {
    const e = placed.get(index);
    const to = byKey.get(edge.to)!;
    flows.push({
      id: `Flow_${from.number}_${i}`,
      source: stepId(from),
      target: stepId(to),
      points: e?.placed ?? [],
      ...(edge.label !== undefined ? { label: edge.label } : {}),
      ...(e?.labelBox ? { labelBox: e.labelBox } : {}),
    });
  });
  for (const ev of chart.ends) {
    const n = ev.step.step.number;
    flows.push({ id: `Flow_End_${n}`, source: `Step_${n}`, target: `End_${n}`, points: ev.points });
  }
  return flows;
}

const bounds = (b: Box) => `<dc:Bounds x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" />`;

function diagram(p: Process, chart: PlacedChart, pid: string, flows: readonly Flow[], words: { readonly start: string; readonly end: string }): string {
  const out: string[] = [];
  out.push(`  <bpmndi:BPMNDiagram id="Diagram_${pid}">\n`);
  out.push(`    <bpmndi:BPMNPlane id="Plane_${pid}" bpmnElement="Collaboration_${pid}">\n`);
  const shape = (el: string, b: Box, extra = '', label?: Box) =>
    out.push(
      `      <bpmndi:BPMNShape id="${el}_di" bpmnElement="${el}"${extra}>\n        ${bounds(b)}\n` +
        (label ? `        <bpmndi:BPMNLabel>\n          ${bounds(label)}\n        </bpmndi:BPMNLabel>\n` : '') +
        '      </bpmndi:BPMNShape>\n',
    );
  shape(`Participant_${pid}`, chart.pool, ' isHorizontal="false"');
  chart.lanes.forEach((b, i) => shape(`Lane_${i + 1}`, b, ' isHorizontal="false"'));
  // An event's name sits to its right, clear of the flow line below or above it.
  const eventLabel = (b: Box, name: string): Box => ({ x: b.x + b.width + 4, y: b.y + b.height / 2 - 7, width: Math.max(24, name.length * 13), height: 14 });
  for (const ev of chart.starts) shape(`Start_${ev.step.step.number}`, ev.box, '', eventLabel(ev.box, words.start));
  for (const n of chart.nodes) {
    // A gateway's name is an outside label in BPMN; Flowbook writes it inside the diamond, so the
    // label's bounds are the diamond's inner box.
    const inner = n.step.type === 'decision' ? { x: n.box.x + n.box.width / 4, y: n.box.y + n.box.height / 4, width: n.box.width / 2, height: n.box.height / 2 } : undefined;
    shape(stepId(n.step), n.box, n.step.type === 'process' ? ' isExpanded="false"' : '', inner);
  }
  for (const ev of chart.ends) shape(`End_${ev.step.step.number}`, ev.box, '', eventLabel(ev.box, words.end));
  for (const f of flows) {
    out.push(`      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n`);
    for (const pt of f.points) out.push(`        <di:waypoint x="${num(pt.x)}" y="${num(pt.y)}" />\n`);
    if (f.labelBox) out.push(`        <bpmndi:BPMNLabel>\n          ${bounds(f.labelBox)}\n        </bpmndi:BPMNLabel>\n`);
    out.push('      </bpmndi:BPMNEdge>\n');
  }
  out.push('    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n');
  void p;
  return out.join('');
}
