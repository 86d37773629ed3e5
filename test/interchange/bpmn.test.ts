/**
 * BPMN export and import: every process of the example and hostile handbooks exports to BPMN that
 * bpmn-moddle reads without a warning and bpmnlint's recommended rules accept, apart from the rules
 * that do not fit Flowbook's flows (docs/interchange.md says why); importing it gives the same
 * process back; and so does every generated document (property test).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BpmnModdle } from 'bpmn-moddle';
import { toBpmn } from '../../src/interchange/bpmn-export.js';
import { fromBpmn } from '../../src/interchange/bpmn-import.js';
import { writeDocument } from '../../src/interchange/document.js';
import { graph, REF, toDocument, toProcess } from '../fuzz/native-gen.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';
import { canonical } from './canonical.js';
import { checkWith, folderDocuments, HANDBOOKS, linkedDocuments, lintBpmn, loadFolder } from './helpers.js';
import { REPO } from '../helpers/cli.js';
import path from 'node:path';

/**
 * Rules of bpmnlint's recommended set that a faithful export breaks, and why (docs/interchange.md):
 * fake-join (warn): a loop back or a merge is an arrow into the step, as on the printed charts;
 * no-implicit-split: `next: [a, b]` (parallel work) leaves a task by several plain flows;
 * no-gateway-join-fork: a decision that several steps lead to;
 * single-blank-start-event: a document with several `start: true` steps;
 * end-event-required: a flow that never ends (every step loops).
 */
const UNFIT = new Set(['fake-join', 'no-implicit-split', 'no-gateway-join-fork', 'single-blank-start-event', 'end-event-required']);

describe('BPMN export', () => {
  for (const folder of HANDBOOKS) {
    it(`${folder}: parses without warnings, lints clean but for the unfit rules, imports back the same`, async () => {
      const handbook = loadFolder(folder);
      const documents = folderDocuments(path.join(REPO, folder));
      const codes = new Set(handbook.byCode.keys());
      for (const p of handbook.processes) {
        const xml = toBpmn(p, { version: '0.1.0', language: handbook.settings.language });
        expect(toBpmn(p, { version: '0.1.0', language: handbook.settings.language })).toBe(xml);
        const parsed = await new BpmnModdle().fromXML(xml);
        expect(parsed.warnings.map((w) => w.message), p.code).toEqual([]);
        const lint = await lintBpmn(parsed.rootElement);
        expect(Object.keys(lint).filter((rule) => !UNFIT.has(rule)), `${p.code}: ${JSON.stringify(lint)}`).toEqual([]);
        // Structure: a lane per role in order, a shape per step, an edge per flow.
        expect([...xml.matchAll(/<bpmn:lane id="Lane_\d+"/g)].length).toBe(p.roles.length);
        const flows = p.steps.reduce((n, s) => n + s.next.length, 0) + p.starts.length + p.ends.length;
        expect([...xml.matchAll(/<bpmn:sequenceFlow /g)].length).toBe(flows);
        expect([...xml.matchAll(/<bpmndi:BPMNEdge /g)].length).toBe(flows);
        expect([...xml.matchAll(/<bpmndi:BPMNShape /g)].length).toBe(1 + p.roles.length + p.steps.length + p.starts.length + p.ends.length);
        expect(xml).not.toMatch(/waypoint x="NaN|"undefined"/);

        const { document } = await fromBpmn(xml, { knownCodes: codes, language: handbook.settings.language });
        // Only the processes it links to, and theirs, are needed for the check (quicker than all).
        const linked = linkedDocuments(handbook, documents, p);
        const back = checkWith(linked, p.file, writeDocument(document), p.code);
        expect(canonical(back), p.code).toEqual(canonical(p));
      }
    });
  }

  it('gives every generated document back as it was (property)', async () => {
    await fc.assert(
      fc.asyncProperty(graph, async (g) => {
        const p = toProcess(g);
        const xml = toBpmn(p, { version: '0', language: g.language });
        const parsed = await new BpmnModdle().fromXML(xml);
        expect(parsed.warnings).toEqual([]);
        const { document } = await fromBpmn(xml, { knownCodes: new Set(['FZ-1', 'REF-1']), language: g.language });
        const back = checkWith([{ file: 'processes/ref.md', text: REF }], 'processes/fz.md', writeDocument(document), 'FZ-1');
        expect(canonical(back)).toEqual(canonical(p));
        void toDocument;
      }),
      // 12 in the quick profile (each case lays out, writes, parses and checks a chart, ~0.2 s; the
      // round trip of every process of the example and hostile handbooks above is the fixed
      // check); all of FLOWBOOK_FUZZ_RUNS in npm run fuzz.
      { numRuns: process.env.FLOWBOOK_FUZZ_RUNS === undefined ? 12 : FUZZ_RUNS },
    );
  }, 120_000 + FUZZ_RUNS * 2_000);
});
