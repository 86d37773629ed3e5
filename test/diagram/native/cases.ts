/** The generated processes the renderer is checked on, with what each one stresses. */
import type { Process } from '../../../src/model/types.js';
import { branches, ids, makeProcess, randomProcess, type GenStep } from './fixtures.js';

export interface NamedCase {
  readonly name: string;
  readonly process: Process;
}

const long = (i: number) => `${'Regional human resources business partner, operations'.padEnd(58, ' ')}${String(i).padStart(2, '0')}`;

/** 25 lanes whose role names are 60 characters long; a flow that visits all of them. */
export function twentyFiveLanes(): Process {
  const roles = Array.from({ length: 25 }, (_, i) => long(i));
  expectLength(roles);
  const steps: GenStep[] = roles.map((role, i) => ({ id: `s${i}`, role, text: `Step ${i} for ${role}` }));
  steps.push({ id: 'check', role: roles[12]!, text: 'Everything complete?', type: 'decision', next: branches({ yes: 'done', no: 's0', partly: 's5', later: 's20' }) });
  steps.push({ id: 'done', role: roles[24]!, text: 'Done', end: true });
  return makeProcess(roles, steps, '25 lanes', 'LANES-25');
}

function expectLength(roles: readonly string[]): void {
  if (roles.some((r) => r.length !== 60)) throw new Error('role names must be 60 characters');
}

/** A decision with six labelled branches, into several lanes, one back to itself. */
export function wideDecision(): Process {
  const roles = ['申请人', '部门经理', '人力资源部', '总经理'];
  return makeProcess(
    roles,
    [
      { id: 'a', role: '申请人', text: '提交申请' },
      {
        id: 'd',
        role: '部门经理',
        text: '审批结果如何',
        type: 'decision',
        next: branches({ 同意: 'h', 不同意: 'x', 补充材料: 'a', 转总经理: 'g', 暂缓: 'd', 'needs more detail from HR': 'h2' }),
      },
      { id: 'h', role: '人力资源部', text: '办理', next: ids('end') },
      { id: 'h2', role: '人力资源部', text: '补充说明', next: ids('end') },
      { id: 'g', role: '总经理', text: '总经理审批', next: ids('end') },
      { id: 'x', role: '申请人', text: '申请关闭', end: true },
      { id: 'end', role: '人力资源部', text: '归档', end: true },
    ],
    '多分支审批',
    'WIDE-1',
  );
}

/** Self-loops on an action and a decision, and a loop over several lanes. */
export function selfLoops(): Process {
  const roles = ['员工', '主管'];
  return makeProcess(roles, [
    { id: 'a', role: '员工', text: '填写表格', next: ids('a', 'b') },
    { id: 'b', role: '主管', text: '是否完整', type: 'decision', next: branches({ 否: 'b', 退回: 'a', 是: 'c' }) },
    { id: 'c', role: '员工', text: '提交', next: ids('a') },
  ]);
}

/** Twenty steps in many lanes all pointing at one step, plus duplicate edges. */
export function fanIn(): Process {
  const roles = ['A', 'B', 'C', 'D', 'E'];
  const steps: GenStep[] = [{ id: 'root', role: 'A', text: 'Begin', next: ids(...Array.from({ length: 20 }, (_, i) => `p${i}`)) }];
  for (let i = 0; i < 20; i++) steps.push({ id: `p${i}`, role: roles[i % 5]!, text: `Parallel task ${i}`, next: ids('sink') });
  steps.push({ id: 'sink', role: 'C', text: 'Collect everything', next: ids('dup', 'dup') });
  steps.push({ id: 'dup', role: 'C', text: 'Twice pointed at', end: true });
  return makeProcess(roles, steps, 'Fan-in', 'FAN-1');
}

/** Steps no start reaches, a role with no steps, several marked starts. */
export function unreachableAndStarts(): Process {
  const roles = ['甲', '乙', '丙', '丁'];
  return makeProcess(roles, [
    { id: 'a', role: '甲', text: '开始一', start: true, next: ids('c') },
    { id: 'b', role: '乙', text: '开始二', start: true, next: ids('c') },
    { id: 'c', role: '甲', text: '汇合', end: true },
    { id: 'u1', role: '乙', text: '无人到达', next: ids('u2') },
    { id: 'u2', role: '乙', text: '也无人到达', next: ids('c') },
    { id: 'u3', role: '甲', text: '孤立步骤', end: true },
  ]);
}

export function singleStep(): Process {
  return makeProcess(['Only'], [{ role: 'Only', text: 'The only step' }]);
}

/** Random DAGs plus loops; deterministic seeds. */
export function randomCases(count: number): NamedCase[] {
  const out: NamedCase[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const steps = 3 + ((seed * 7) % 45);
    const lanes = 1 + (seed % 9);
    out.push({
      name: `random seed ${seed} (${steps} steps, ${lanes} lanes)`,
      process: randomProcess(seed, { steps, lanes, maxBranches: 2 + (seed % 4), loopChance: 0.1 + (seed % 5) * 0.05 }),
    });
  }
  return out;
}

export function largeCases(): NamedCase[] {
  return [
    { name: '120 steps, 8 lanes', process: randomProcess(1001, { steps: 120, lanes: 8 }) },
    { name: '120 steps, 25 lanes, 60-character roles', process: randomProcess(1002, { steps: 120, lanes: 25, roleLength: 60, maxBranches: 5 }) },
    { name: '120 steps, 3 lanes, many loops', process: randomProcess(1003, { steps: 120, lanes: 3, loopChance: 0.4 }) },
  ];
}

export function namedCases(): NamedCase[] {
  return [
    { name: '25 lanes with 60-character role names', process: twentyFiveLanes() },
    { name: 'decision with six branches', process: wideDecision() },
    { name: 'self-loops', process: selfLoops() },
    { name: 'twenty edges into one step', process: fanIn() },
    { name: 'unreachable steps and several starts', process: unreachableAndStarts() },
    { name: 'a single step', process: singleStep() },
  ];
}
