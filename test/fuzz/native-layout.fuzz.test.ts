/**
 * Property test over the native swimlane layout, through the real reader and checker: random
 * documents (native-gen.ts: 1-12 lanes, 1-60 steps; plain, parallel, labelled decisions, process
 * links, loops, self-loops, several starts, unreachable steps; CJK, emoji, RTL, control and odd
 * code points, very long words) always check without errors and lay out with no broken invariant
 * (checkLayoutInvariants is empty). The SVG written from them: native-svg.fuzz.test.ts.
 * Runs: FUZZ_RUNS (200 in `npm test`, 100,000 in `npm run fuzz`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLayoutInvariants, layoutSwimlane } from '../../src/diagram/native/index.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';

/** Generous: ~15 ms a case alone, more when sharing the two cores (a sync property cannot be cut short anyway). */
const TIMEOUT = 60_000 + FUZZ_RUNS * 60;
import { graph, toProcess } from './native-gen.js';

describe('native layout on random documents', () => {
  it('checks without errors and lays out with no broken invariant', () => {
    let steps = 0;
    let edges = 0;
    fc.assert(
      fc.property(graph, (g) => {
        const p = toProcess(g);
        const layout = layoutSwimlane(p);
        expect(layout.nodes).toHaveLength(p.steps.length);
        expect(checkLayoutInvariants(layout, p)).toEqual([]);
        steps += p.steps.length;
        edges += layout.edges.length;
      }),
      { numRuns: FUZZ_RUNS },
    );
    console.info(`[fuzz/native-layout] ${FUZZ_RUNS} documents, ${steps} steps, ${edges} edges`);
  }, TIMEOUT);
});
