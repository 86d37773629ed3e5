/** Processes for the renderer's tests: the example handbook, and generated graphs. */
import { buildHandbook } from '../../../src/model/build.js';
import type { DocumentInput, StepInput } from '../../../src/model/input.js';
import type { NextSpec } from '../../../src/model/graph.js';
import type { Process, StepType } from '../../../src/model/types.js';
import { defaultSettings } from '../../../src/config/settings.js';
import { loadHandbook } from '../../../src/load.js';
import { readHandbookSources } from '../../../src/source/read-handbook.js';
import { parseProcessDocument } from '../../../src/parse/document.js';
import { checkDocument } from '../../../src/validate/document.js';

export const EXAMPLE_ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Every process of the example handbook. While the handbook is being written it may not pass the
 * whole-handbook checks (e.g. a ref to a process not written yet); then each document that decodes
 * on its own is used, so the renderer is still tested on every real process.
 */
export async function exampleProcesses(): Promise<Process[]> {
  const loaded = await loadHandbook(EXAMPLE_ROOT, { today: '2026-11-27' });
  if (loaded.handbook !== undefined) return [...loaded.handbook.processes];
  const sources = await readHandbookSources(EXAMPLE_ROOT);
  const docs = sources.documents.flatMap((src) => {
    const { doc } = checkDocument(parseProcessDocument(src.file, src.text));
    return doc === undefined ? [] : [doc];
  });
  return [...buildHandbook(EXAMPLE_ROOT, defaultSettings(), docs).processes];
}

export interface GenStep {
  readonly id?: string;
  readonly role: string;
  readonly text?: string;
  readonly type?: StepType;
  readonly ref?: string;
  readonly next?: NextSpec;
  readonly start?: boolean;
  readonly end?: boolean;
}

/** A Process built by the real model builder from a document-like description. */
export function makeProcess(roles: readonly string[], steps: readonly GenStep[], name = 'Generated process', code = 'GEN-1'): Process {
  const input: StepInput[] = steps.map((s) => ({
    ...s,
    type: s.type ?? 'action',
    start: s.start ?? false,
    end: s.end ?? false,
  }));
  const doc: DocumentInput = {
    file: `processes/${code}.md`,
    code,
    name,
    status: 'draft',
    owner: 'Owner',
    control: 'Control',
    roles,
    steps: input,
    revisions: [],
    tags: [],
    body: '',
    bodyLine: 1,
    locate: () => ({ line: 1, column: 1 }),
  };
  return buildHandbook('/generated', defaultSettings(), [doc]).processes[0]!;
}

export const ids = (...targets: string[]): NextSpec => ({ kind: 'ids', targets });
export const branches = (map: Record<string, string>): NextSpec => ({ kind: 'labels', branches: Object.entries(map) });

/** Small deterministic PRNG (mulberry32), so generated cases are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_ZH = ['提交', '申请', '审核', '部门经理', '人力资源部', '复核', '归档', '通知员工', '签订合同', '面试', '评估', '确认'];
const WORDS_EN = ['review', 'the', 'request', 'approve', 'budget', 'notify', 'employee', 'archive', 'sign', 'contract', 'interview'];

export function randomText(r: () => number, max = 6): string {
  const n = 1 + Math.floor(r() * max);
  const zh = r() < 0.6;
  const words = zh ? WORDS_ZH : WORDS_EN;
  return Array.from({ length: n }, () => words[Math.floor(r() * words.length)]!).join(zh ? '' : ' ');
}

export interface RandomOptions {
  readonly steps: number;
  readonly lanes: number;
  readonly roleLength?: number;
  /** Chance that a step branches (a decision with 2..maxBranches labelled edges). */
  readonly branchChance?: number;
  readonly maxBranches?: number;
  /** Chance that a step also points back to an earlier step (or itself). */
  readonly loopChance?: number;
  /** Chance that a step has no incoming path (unreachable). */
  readonly endChance?: number;
}

/** A random flow: mostly forward edges (a DAG), plus loops, self-loops, decisions and ends. */
export function randomProcess(seed: number, o: RandomOptions): Process {
  const r = rng(seed);
  const roles = Array.from({ length: o.lanes }, (_, i) => roleName(r, i, o.roleLength));
  const steps: GenStep[] = [];
  for (let i = 0; i < o.steps; i++) {
    const role = roles[Math.floor(r() * roles.length)]!;
    const id = `n${i}`;
    const last = i === o.steps - 1;
    const forward = () => `n${i + 1 + Math.floor(r() * Math.min(6, o.steps - i - 1))}`;
    const backward = () => `n${Math.floor(r() * (i + 1))}`;
    if (last) {
      steps.push({ id, role, text: randomText(r), ...(r() < 0.3 ? { next: ids(backward()) } : {}) });
      continue;
    }
    const roll = r();
    if (roll < (o.branchChance ?? 0.25)) {
      const k = 2 + Math.floor(r() * ((o.maxBranches ?? 3) - 1));
      const map: Record<string, string> = {};
      for (let b = 0; b < k; b++) map[branchLabel(r, b)] = r() < (o.loopChance ?? 0.15) ? backward() : forward();
      steps.push({ id, role, text: randomText(r), type: 'decision', next: branches(map) });
    } else if (roll < (o.branchChance ?? 0.25) + (o.endChance ?? 0.05)) {
      steps.push({ id, role, text: randomText(r), end: true });
    } else if (r() < (o.loopChance ?? 0.15)) {
      steps.push({ id, role, text: randomText(r), next: ids(forward(), backward()) });
    } else if (r() < 0.1) {
      steps.push({ id, role, type: 'process', ref: 'OTHER-1', text: randomText(r) });
    } else {
      steps.push({ id, role, text: randomText(r) });
    }
  }
  return makeProcess(roles, steps, `Random ${seed}`, `RND-${seed}`);
}

function roleName(r: () => number, i: number, length = 6): string {
  const base = r() < 0.5 ? `部门${i}负责人及人力资源业务伙伴团队` : `Department ${i} head of people operations and talent`;
  let s = base;
  while (s.length < length) s += ` ${base}`;
  return `${s.slice(0, Math.max(length, 3) - String(i).length)}${i}`;
}

const LABELS = ['是', '否', '同意', '不同意', 'yes', 'no', '需要复核', 'escalate to director'];
function branchLabel(r: () => number, b: number): string {
  return `${LABELS[Math.floor(r() * LABELS.length)]}${b}`;
}
