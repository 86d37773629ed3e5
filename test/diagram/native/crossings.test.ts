/**
 * Fewer crossings: steps side by side in a lane are ordered by where their neighbours are, and the
 * lines meeting at one box get its ports and run heights in the order that crosses fewest lines.
 * Before those passes the example handbook's charts crossed 54 times (HR-AT-003 3, HR-ER-004 10).
 * Then the router's choices: a loop or long line may run in any gutter near its ends or round the
 * chart, a loop may come down into its target's top or its other side, a forward line into a free
 * side (35 -> 15; Mermaid's swimlane layout crosses 12 times on the same charts). Then placement
 * against crossings: a step at the end of a crossing line is placed lower, or off its source's row,
 * when the chart then crosses less (15 -> 10).
 */
import { describe, expect, it } from 'vitest';
import { checkLayoutInvariants, layoutSwimlane } from '../../../src/diagram/native/index.js';
import { countCrossings } from '../../../src/diagram/native/crossings.js';
import { flowRows, reorderSubs, type FlowRows } from '../../../src/diagram/native/rank.js';
import { namedCases } from './cases.js';
import { toProcess, type GenStep } from '../../fuzz/native-gen.js';
import { exampleProcesses } from './fixtures.js';

const example = await exampleProcesses();
const crossings = (code: string) => countCrossings(layoutSwimlane(example.find((p) => p.code === code)!).edges);

describe('crossings on the example handbook', () => {
  it('lines into one box cross no more than they must (请假流程 none, 任免流程 6)', () => {
    expect(crossings('HR-AT-003')).toBe(0);
    expect(crossings('HR-ER-004')).toBeLessThanOrEqual(6);
  });
  it('a loop crosses nothing when it can come down into its target from above (报到 RC-004 had 2, 招聘 RC-003 1, 离职 ER-002 1)', () => {
    // RC-004: the loop back to 核验报到材料 climbs the chart's left edge instead of crossing the
    // branches of 报到类型; RC-003: the loop back to 人员筛选 runs round the left of 面试
    expect(crossings('HR-RC-004')).toBe(0);
    expect(crossings('HR-RC-003')).toBe(0);
    expect(crossings('HR-ER-002')).toBe(0);
  });
  it('a forward line may enter a free side of its target (绩效 PM-003 had 2)', () => {
    const layout = layoutSwimlane(example.find((p) => p.code === 'HR-PM-003')!);
    expect(countCrossings(layout.edges)).toBe(0);
    const node = new Map(layout.nodes.map((n) => [n.key, n]));
    const sideways = layout.edges.filter((e) => {
      if (e.back) return false;
      const t = node.get(e.to)!;
      const [a, b] = e.points.slice(-2) as [{ x: number; y: number }, { x: number; y: number }];
      return Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - t.cy) < 0.01 && Math.abs(Math.abs(b.x - t.cx) - t.width / 2) < 1;
    });
    expect(sideways.length).toBeGreaterThan(0);
  });
  it('the six-way decision crosses at most once (3 before)', () => {
    const c = namedCases().find((x) => x.name === 'decision with six branches')!;
    const layout = layoutSwimlane(c.process);
    expect(checkLayoutInvariants(layout, c.process)).toEqual([]);
    expect(countCrossings(layout.edges)).toBeLessThanOrEqual(1);
  });
  it('a step is placed lower when the chart then crosses less (转正 RC-006 had 1, 总流程 OV-001 5)', () => {
    expect(crossings('HR-RC-006')).toBe(0);
    expect(crossings('HR-OV-001')).toBeLessThanOrEqual(3);
  });
  it('all charts together cross at most 10 times, and break no layout rule', () => {
    let total = 0;
    for (const p of example) {
      const l = layoutSwimlane(p);
      expect(checkLayoutInvariants(l, p), p.code).toEqual([]);
      total += countCrossings(l.edges);
    }
    expect(total).toBeLessThanOrEqual(10);
  });
});

describe('placement against crossings', () => {
  it('keeps a placement only when it breaks no layout rule (a fuzzer case: a line 4 px from an arrow tip)', () => {
    const p = toProcess(JSON.parse(FUZZ_TIP) as { roles: string[]; steps: GenStep[] });
    expect(checkLayoutInvariants(layoutSwimlane(p), p)).toEqual([]);
  });
});

/** A graph from test/fuzz/native-gen.ts where a lower placement crossed less but ran a loop past an arrow tip. */
const FUZZ_TIP = String.raw`{"roles":["一","丁"],"steps":[{"role":0,"kind":"plain","targets":[0],"labels":["空 ","一"],"start":true,"text":"一"},{"role":0,"kind":"plain","targets":[0],"labels":["😀","空 "],"start":true,"text":"<b>"},{"role":0,"kind":"plain","targets":[0],"labels":["空","ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-"],"start":true,"text":"一"},{"role":0,"kind":"plain","targets":[0],"labels":["流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流流","‮evil‬"],"start":true,"text":"空 "},{"role":0,"kind":"plain","targets":[0],"labels":["一","丁"],"start":true,"text":"一"},{"role":0,"kind":"labels","targets":[113,38,177],"labels":["<b>","空 ","一","😀"],"start":true,"text":"空 "},{"role":0,"kind":"plain","targets":[0],"labels":["空","‮evil‬"],"start":true,"text":"😀"},{"role":1,"kind":"plain","targets":[0],"labels":["\u0000","一"],"start":true,"text":"一"},{"role":0,"kind":"labels","targets":[81,0],"labels":["😀","一","<b>"],"start":true,"text":"空 "},{"role":0,"kind":"plain","targets":[0],"labels":["空 ","一"],"start":true,"text":"空 "},{"role":1,"kind":"plain","targets":[0],"labels":["空","\u0000"],"start":true,"text":"一"},{"role":0,"kind":"plain","targets":[0],"labels":["空 ","‮evil‬"],"start":true,"text":"一"},{"role":1,"kind":"plain","targets":[0],"labels":["一","丁"],"start":true,"text":"一"},{"role":1,"kind":"plain","targets":[0],"labels":["空 ","\u0000"],"start":true,"text":"😀"},{"role":1,"kind":"plain","targets":[0],"labels":["一","空 "],"start":true,"text":"‮evil‬"},{"role":0,"kind":"plain","targets":[0],"labels":["一","丁"],"start":true,"text":"一"}],"language":"zh-CN"}`;

describe('flowRows placement hints', () => {
  const overview = example.find((p) => p.code === 'HR-OV-001')!;
  const first = flowRows(overview);
  it('puts a step no higher than asked, and its later steps below it', () => {
    // step 3 (用人申请) is a hand-over on its source's row; its targets 4, 5 follow it
    const lowered = flowRows(overview, { below: new Map([[3, first.rows[3]! + 2]]) });
    expect(lowered.rows[3]).toBe(first.rows[3]! + 2);
    for (const e of lowered.edges)
      if (!e.back) expect(lowered.rows[e.to]! - lowered.rows[e.from]!, `${e.from} -> ${e.to}`).toBeGreaterThanOrEqual(e.flat ? 0 : 1);
  });
  it('draws a hand-over as an ordinary line when asked', () => {
    const into = (f: FlowRows) => f.edges.find((e) => e.to === 3)!;
    expect(into(first).flat).toBe(true);
    const off = flowRows(overview, { noHandOver: new Set([3]) });
    expect(into(off).flat).toBe(false);
    expect(off.rows[3]).toBeGreaterThan(off.rows[into(off).from]!);
  });
});

describe('reorderSubs', () => {
  // Lane 0 row 1 holds steps 1 (sub 0) and 2 (sub 1); 1 leads to lane 2, 2 to lane 0's step 3.
  const flow: FlowRows = {
    edges: [
      { index: 0, from: 0, to: 1, back: false, flat: false },
      { index: 1, from: 0, to: 2, back: false, flat: false },
      { index: 2, from: 1, to: 4, back: false, flat: false },
      { index: 3, from: 2, to: 3, back: false, flat: false },
    ],
    rows: [0, 1, 1, 2, 2],
    rowCount: 3,
    subs: [0, 0, 1, 0, 0],
    subCounts: [2, 1, 1],
  };
  const lanes = [0, 0, 0, 0, 2];
  it('puts each step on the side its neighbours are', () => {
    const r = reorderSubs(flow, lanes, 'targets');
    expect(r?.subs).toEqual([0, 1, 0, 0, 0]);
  });
  it('leaves a row holding a same-row hand-over as it is', () => {
    const pinned = { ...flow, edges: flow.edges.map((e) => (e.index === 2 ? { ...e, flat: true } : e)) };
    expect(reorderSubs(pinned, lanes, 'targets')).toBeUndefined();
  });
});
