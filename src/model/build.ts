/** Valid documents -> the immutable process graph. Pure. */
import type { DocumentInput } from './input.js';
import type { Edge, Handbook, Process, Settings, Step } from './types.js';
import { reachable, resolveEdges, startIndexes } from './graph.js';
import { cmp } from '../diagnostics/diagnostic.js';

const stepKey = (i: number) => `s${i + 1}`;

/**
 * `s` as a string of its own. The YAML parser and gray-matter cut their strings out of the whole
 * file text, and V8 keeps that text alive as long as any such slice lives: the model would hold
 * every document's source besides its own data (~40% of its memory, 75 MB at 10,000 processes).
 * Concatenating flattens into a new string; strings under 13 characters are never slices.
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));
const ownAll = (xs: readonly string[]): readonly string[] => Object.freeze(xs.map(own));

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
      Object.freeze(e.label === undefined ? { from: stepKey(i), to: stepKey(e.to) } : { from: stepKey(i), to: stepKey(e.to), label: own(e.label) }),
    );
    const step: Step = {
      key: stepKey(i),
      number: i + 1,
      ...(s.id !== undefined && { id: s.id }),
      role: own(s.role),
      lane: d.roles.indexOf(s.role),
      text: own(s.text ?? (s.ref !== undefined ? (names.get(s.ref) ?? s.ref) : '')),
      type: s.type,
      ...(s.ref !== undefined && s.type === 'process' && { ref: s.ref }),
      start: startIdx.includes(i),
      end: next.length === 0,
      ...(s.note !== undefined && { note: own(s.note) }),
      next: Object.freeze(next),
    };
    return Object.freeze(step);
  });
  const linksTo: string[] = [];
  for (const s of steps) if (s.ref !== undefined && !linksTo.includes(s.ref)) linksTo.push(s.ref);
  return {
    file: d.file,
    code: d.code,
    name: own(d.name),
    ...(d.version !== undefined && { version: d.version }),
    status: d.status,
    owner: own(d.owner),
    control: own(d.control),
    ...(d.category !== undefined && { category: own(d.category) }),
    ...(d.effective !== undefined && { effective: d.effective }),
    ...(d.review !== undefined && { review: d.review }),
    roles: ownAll(d.roles),
    steps: Object.freeze(steps),
    ...(d.signoff !== undefined && { signoff: d.signoff }),
    revisions: Object.freeze(d.revisions.map((r) => Object.freeze({ ...r, change: own(r.change) }))),
    tags: ownAll(d.tags),
    body: own(d.body),
    bodyLine: d.bodyLine,
    starts: Object.freeze(startIdx.map(stepKey)),
    ends: Object.freeze(steps.filter((s) => s.next.length === 0).map((s) => s.key)),
    reachable: new Set([...reachable(startIdx, indexEdges)].sort((a, b) => a - b).map(stepKey)),
    linksTo: Object.freeze(linksTo),
  };
}
