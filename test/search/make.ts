/** Building Process values by hand, for tests and the benchmark's generator. */
import type { Process, Status, Step } from '../../src/model/types.js';

export interface StepSpec {
  role: string;
  text: string;
  note?: string;
  /** Branch labels of the outgoing edges (to the next step). */
  labels?: string[];
}

export interface ProcessSpec {
  code: string;
  name: string;
  status?: Status;
  owner?: string;
  control?: string;
  category?: string;
  steps?: StepSpec[];
  tags?: string[];
  body?: string;
}

export function makeProcess(s: ProcessSpec): Process {
  const specs = s.steps ?? [{ role: s.owner ?? '人力资源部', text: '办理' }];
  const roles = [...new Set(specs.map((x) => x.role))];
  const steps: Step[] = specs.map((x, i) => ({
    key: `s${i + 1}`,
    number: i + 1,
    role: x.role,
    lane: roles.indexOf(x.role),
    text: x.text,
    type: x.labels ? 'decision' : 'action',
    start: i === 0,
    end: i === specs.length - 1,
    ...(x.note ? { note: x.note } : {}),
    next:
      i === specs.length - 1
        ? []
        : (x.labels ?? [undefined]).map((label) => ({ from: `s${i + 1}`, to: `s${i + 2}`, ...(label ? { label } : {}) })),
  }));
  return {
    file: `processes/${s.code}.md`,
    code: s.code,
    name: s.name,
    status: s.status ?? 'controlled',
    owner: s.owner ?? '人力资源部',
    control: s.control ?? '人力资源总监',
    ...(s.category ? { category: s.category } : {}),
    roles,
    steps,
    revisions: [],
    tags: s.tags ?? [],
    body: s.body ?? '',
    bodyLine: 1,
    starts: steps.length ? ['s1'] : [],
    ends: steps.length ? [`s${steps.length}`] : [],
    reachable: new Set(steps.map((x) => x.key)),
    linksTo: [],
    linkedFrom: [],
  };
}
