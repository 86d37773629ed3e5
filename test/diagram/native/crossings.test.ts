/**
 * Fewer crossings: steps side by side in a lane are ordered by where their neighbours are, and the
 * lines meeting at one box get its ports and run heights in the order that crosses fewest lines.
 * Before those passes the example handbook's charts crossed 54 times (HR-AT-003 3, HR-ER-004 10).
 */
import { describe, expect, it } from 'vitest';
import { checkLayoutInvariants, layoutSwimlane } from '../../../src/diagram/native/index.js';
import { countCrossings } from '../../../src/diagram/native/crossings.js';
import { reorderSubs, type FlowRows } from '../../../src/diagram/native/rank.js';
import { exampleProcesses } from './fixtures.js';

const example = await exampleProcesses();
const crossings = (code: string) => countCrossings(layoutSwimlane(example.find((p) => p.code === code)!).edges);

describe('crossings on the example handbook', () => {
  it('lines into one box cross no more than they must (请假流程 none, 任免流程 6)', () => {
    expect(crossings('HR-AT-003')).toBe(0);
    expect(crossings('HR-ER-004')).toBeLessThanOrEqual(6);
  });
  it('all charts together cross at most 35 times, and break no layout rule', () => {
    let total = 0;
    for (const p of example) {
      const l = layoutSwimlane(p);
      expect(checkLayoutInvariants(l, p), p.code).toEqual([]);
      total += countCrossings(l.edges);
    }
    expect(total).toBeLessThanOrEqual(35);
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
