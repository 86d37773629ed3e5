/** Valid documents -> the immutable process graph. Pure. */
import type { DocumentInput } from './input.js';
import type { Edge, Handbook, Process, Settings, Step } from './types.js';
import { reachable, resolveEdges, startIndexes } from './graph.js';
import { cmp } from '../diagnostics/diagnostic.js';

const stepKey = (i: number) => `s${i + 1}`;

/** Build the handbook. The documents must have passed the checker (no errors). */
export function buildHandbook(root: string, settings: Settings, docs: readonly DocumentInput[]): Handbook {
  const names = new Map(docs.map((d) => [d.code, d.name]));
  const partial = docs.map((d) => buildProcess(d, names));
  const linkedFrom = new Map<string, Set<string>>();
  for (const p of partial) for (const to of p.linksTo) (linkedFrom.get(to) ?? linkedFrom.set(to, new Set()).get(to)!).add(p.code);
  const processes = partial
    .map((p) => Object.freeze({ ...p, linkedFrom: Object.freeze([...(linkedFrom.get(p.code) ?? [])].sort(cmp)) }) as Process)
    .sort((a, b) => cmp(a.code, b.code));
  return Object.freeze({
    root,
    settings,
    processes: Object.freeze(processes),
    byCode: new Map(processes.map((p) => [p.code, p])),
  });
}

function buildProcess(d: DocumentInput, names: ReadonlyMap<string, string>): Omit<Process, 'linkedFrom'> {
  const indexEdges = resolveEdges(d.steps);
  const startIdx = startIndexes(d.steps);
  const steps: Step[] = d.steps.map((s, i) => {
    const next: Edge[] = indexEdges[i]!.map((e) =>
      Object.freeze(e.label === undefined ? { from: stepKey(i), to: stepKey(e.to) } : { from: stepKey(i), to: stepKey(e.to), label: e.label }),
    );
    const step: Step = {
      key: stepKey(i),
      number: i + 1,
      ...(s.id !== undefined && { id: s.id }),
      role: s.role,
      lane: d.roles.indexOf(s.role),
      text: s.text ?? (s.ref !== undefined ? (names.get(s.ref) ?? s.ref) : ''),
      type: s.type,
      ...(s.ref !== undefined && s.type === 'process' && { ref: s.ref }),
      start: startIdx.includes(i),
      end: next.length === 0,
      ...(s.note !== undefined && { note: s.note }),
      next: Object.freeze(next),
    };
    return Object.freeze(step);
  });
  const linksTo: string[] = [];
  for (const s of steps) if (s.ref !== undefined && !linksTo.includes(s.ref)) linksTo.push(s.ref);
  return {
    file: d.file,
    code: d.code,
    name: d.name,
    ...(d.version !== undefined && { version: d.version }),
    status: d.status,
    owner: d.owner,
    control: d.control,
    ...(d.category !== undefined && { category: d.category }),
    ...(d.effective !== undefined && { effective: d.effective }),
    ...(d.review !== undefined && { review: d.review }),
    roles: d.roles,
    steps: Object.freeze(steps),
    ...(d.signoff !== undefined && { signoff: d.signoff }),
    revisions: Object.freeze([...d.revisions]),
    tags: d.tags,
    body: d.body,
    bodyLine: d.bodyLine,
    starts: Object.freeze(startIdx.map(stepKey)),
    ends: Object.freeze(steps.filter((s) => s.next.length === 0).map((s) => s.key)),
    reachable: new Set([...reachable(startIdx, indexEdges)].sort((a, b) => a - b).map(stepKey)),
    linksTo: Object.freeze(linksTo),
  };
}
