/** Valid documents -> the immutable process graph. Pure. */
import type { DocumentInput } from './input.js';
import type { Edge, Handbook, Process, Settings, Step } from './types.js';
import { flowOf } from './graph.js';
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Build the handbook. The documents must have passed the checker (no errors). */
export function buildHandbook(root: string, settings: Settings, docs: readonly DocumentInput[]): Handbook {
  const names = new Map(docs.map((d) => [d.code, d.name]));
  // Links between processes first (from the documents' steps), so each process is made once.
  const links = docs.map(linksOf);
  const linkedFrom = new Map<string, Set<string>>();
  docs.forEach((d, i) => {
    for (const to of links[i]!) (linkedFrom.get(to) ?? linkedFrom.set(to, new Set()).get(to)!).add(d.code);
  });
  const processes = docs.map((d, i) => buildProcess(d, names, links[i]!, Object.freeze([...(linkedFrom.get(d.code) ?? [])].sort(cmp)))).sort((a, b) => cmp(a.code, b.code));
  return Object.freeze({
    root,
    settings,
    processes: Object.freeze(processes),
    byCode: new Map(processes.map((p) => [p.code, p])),
  });
}

/** The processes a document's `type: process` steps name, each once, in step order. */
function linksOf(d: DocumentInput): readonly string[] {
  const out: string[] = [];
  for (const s of d.steps) if (s.type === 'process' && s.ref !== undefined && !out.includes(s.ref)) out.push(s.ref);
  return Object.freeze(out);
}

// Objects are built field by field (optional fields only when present, in the order of the
// types) rather than with conditional spreads, which were most of this module's time: it runs
// for every step of every document, ~0.5 s at 10,000 processes.
function buildProcess(d: DocumentInput, names: ReadonlyMap<string, string>, linksTo: readonly string[], linkedFrom: readonly string[]): Process {
  const flow = flowOf(d.steps);
  const indexEdges = flow.edges;
  const startIdx = flow.starts;
  const starts = new Set(startIdx);
  const steps: Step[] = d.steps.map((s, i) => {
    const key = stepKey(i);
    const next: Edge[] = indexEdges[i]!.map((e) => Object.freeze(e.label === undefined ? { from: key, to: stepKey(e.to) } : { from: key, to: stepKey(e.to), label: own(e.label) }));
    const step = { key, number: i + 1 } as Mutable<Step>;
    if (s.id !== undefined) step.id = s.id;
    step.role = own(s.role);
    step.lane = d.roles.indexOf(s.role);
    step.text = own(s.text ?? (s.ref !== undefined ? (names.get(s.ref) ?? s.ref) : ''));
    step.type = s.type;
    if (s.ref !== undefined && s.type === 'process') step.ref = s.ref;
    step.start = starts.has(i);
    step.end = next.length === 0;
    if (s.note !== undefined) step.note = own(s.note);
    step.next = Object.freeze(next);
    return Object.freeze(step);
  });
  const p = { file: d.file, code: d.code, name: own(d.name) } as Mutable<Process>;
  if (d.version !== undefined) p.version = d.version;
  p.status = d.status;
  p.owner = own(d.owner);
  p.control = own(d.control);
  if (d.category !== undefined) p.category = own(d.category);
  if (d.effective !== undefined) p.effective = d.effective;
  if (d.review !== undefined) p.review = d.review;
  p.roles = ownAll(d.roles);
  p.steps = Object.freeze(steps);
  if (d.signoff !== undefined) p.signoff = d.signoff;
  p.revisions = Object.freeze(d.revisions.map((r) => Object.freeze({ ...r, change: own(r.change) })));
  p.tags = ownAll(d.tags);
  if (d.contentSha256 !== undefined) p.contentSha256 = d.contentSha256;
  p.body = own(d.body);
  p.bodyLine = d.bodyLine;
  p.starts = Object.freeze(startIdx.map(stepKey));
  p.ends = Object.freeze(steps.filter((s) => s.next.length === 0).map((s) => s.key));
  p.reachable = new Set([...flow.reachable].sort((a, b) => a - b).map(stepKey));
  p.linksTo = linksTo;
  p.linkedFrom = linkedFrom;
  return Object.freeze(p);
}
