/** The process model: edges, starts, ends, reachability, links both ways, immutability. */
import { describe, expect, it } from 'vitest';
import { check, doc } from '../helpers/handbook.js';
import { loadHandbook } from '../../src/load.js';
import { REPO } from '../helpers/cli.js';

const transfer = doc({
  code: 'HR-ER-012',
  name: '员工工作调动流程',
  roles: '[被调动员工, 调出部门, 人力资源部]',
  steps: `  - id: apply
    role: 被调动员工
    text: 提出调动申请
  - id: out
    role: 调出部门
    text: 调出部门审批
    type: decision
    next: { 同意: hr, 不同意: keep }
  - id: keep
    role: 调出部门
    text: 维持现状
    end: true
  - id: hr
    role: 人力资源部
    text: 下发调动通知
    next: [handover, pay]
  - id: handover
    role: 调出部门
    text: 工作交接
    end: true
  - id: pay
    role: 人力资源部
    type: process
    ref: HR-CB-003
`,
});
const pay = doc({ code: 'HR-CB-003', name: '工资发放流程' });

describe('model', () => {
  const { handbook, diagnostics } = check({ 'processes/transfer.md': transfer, 'processes/pay.md': pay });
  const p = handbook!.byCode.get('HR-ER-012')!;

  it('resolves edges with labels, parallel lists and implicit next', () => {
    expect(diagnostics).toEqual([]);
    const edges = p.steps.flatMap((s) => s.next.map((e) => `${e.from}->${e.to}${e.label ? `:${e.label}` : ''}`));
    expect(edges).toEqual(['s1->s2', 's2->s4:同意', 's2->s3:不同意', 's4->s5', 's4->s6']);
  });

  it('knows starts, ends, lanes and reachability', () => {
    expect(p.starts).toEqual(['s1']);
    expect(p.ends).toEqual(['s3', 's5', 's6']);
    expect(p.steps.map((s) => s.lane)).toEqual([0, 1, 1, 2, 1, 2]);
    expect([...p.reachable]).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    expect(p.steps[0]!.start).toBe(true);
  });

  it('a process step without text shows the linked process name; links go both ways', () => {
    expect(p.steps[5]).toMatchObject({ type: 'process', ref: 'HR-CB-003', text: '工资发放流程' });
    expect(p.linksTo).toEqual(['HR-CB-003']);
    expect(handbook!.byCode.get('HR-CB-003')!.linkedFrom).toEqual(['HR-ER-012']);
    expect(handbook!.processes.map((x) => x.code)).toEqual(['HR-CB-003', 'HR-ER-012']);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.steps)).toBe(true);
    expect(Object.isFrozen(p.steps[0])).toBe(true);
    expect(() => {
      (p.steps as unknown as unknown[]).push(1);
    }).toThrow();
  });
});

describe('the example handbook', () => {
  it('passes check --strict and every process link resolves both ways', async () => {
    const r = await loadHandbook(REPO, { today: '2026-11-27', strict: true });
    expect(r.diagnostics).toEqual([]);
    const hb = r.handbook!;
    expect(hb.processes.length).toBeGreaterThanOrEqual(20);
    for (const p of hb.processes) {
      expect(p.reachable.size, p.code).toBe(p.steps.length);
      for (const to of p.linksTo) expect(hb.byCode.get(to)!.linkedFrom, `${p.code} -> ${to}`).toContain(p.code);
    }
    const names = hb.processes.map((p) => p.name).join(' ');
    for (const n of ['岗位设置', '编制管理', '增编', '用人申请', '内部招聘', '外部招聘', '入职', '劳动合同', '转正', '岗位轮换', '调动', '任免', '考勤', '加班', '请假', '出差', '绩效管理', '绩效考核'])
      expect(names).toContain(n);
  });
});
