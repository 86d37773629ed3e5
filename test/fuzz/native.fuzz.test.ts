/**
 * Property test over the native swimlane renderer, through the real reader and checker: random
 * documents (native-gen.ts: 1-12 lanes, 1-60 steps; plain, parallel, labelled decisions, process
 * links, loops, self-loops, several starts, unreachable steps; CJK, emoji, RTL, control and odd
 * code points, very long words) always check without errors and
 *  - lay out with no broken invariant (checkLayoutInvariants is empty), and
 *  - give an inline SVG that is well-formed XML (saxes, the parser jsdom's DOMParser uses, on every
 *    case; a full DOMParser 'image/svg+xml' document every 25th case), holds only characters XML
 *    allows, is an <svg> root with no script, foreignObject or event handler, and draws the
 *    document's text.
 * Each document is laid out once and its SVG written from that layout (renderNativeSvg is exactly
 * writeSvg(process, layoutSwimlane(process))), so the layout, the most expensive part, is not
 * computed twice for the same document.
 * Runs: 50 in `npm test` (the same invariants and the SVG's well-formedness are also held on fixed
 * inputs in test/diagram/native/: the example handbook, 300 generated flows, the large, lane-heavy
 * and hostile cases), FLOWBOOK_FUZZ_RUNS in `npm run fuzz` (100,000).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
// The XML parser jsdom itself uses for DOMParser 'image/svg+xml' (installed with jsdom); without
// building a DOM it is ~20x faster, which the 100,000-case profile needs.
import { SaxesParser } from 'saxes';
import { checkLayoutInvariants, layoutSwimlane, renderNativeSvg, type NativeSvgOptions } from '../../src/diagram/native/index.js';
import { writeSvg } from '../../src/diagram/native/svg.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';
import { graph, toProcess } from './native-gen.js';

const RUNS = process.env.FLOWBOOK_FUZZ_RUNS === undefined ? 50 : FUZZ_RUNS;
/** Generous: ~100 ms a case alone, several times that when sharing the two cores (a sync property cannot be cut short anyway). */
const TIMEOUT = 60_000 + RUNS * 500;

const parser = new new JSDOM('').window.DOMParser();

/** XML 1.0 Char production: what an SVG may hold. */
const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Well-formedness errors of `xml` and the root element's name. */
function saxes(xml: string): { errors: string[]; root?: string; elements: string[]; attributes: string[]; text: string } {
  const errors: string[] = [];
  const elements: string[] = [];
  const attributes: string[] = [];
  let text = '';
  const p = new SaxesParser({ xmlns: true });
  p.on('error', (e) => errors.push(e.message));
  p.on('opentag', (t) => {
    elements.push(t.local);
    for (const a of Object.values(t.attributes)) attributes.push((a as { name: string }).name);
  });
  p.on('text', (t) => (text += t));
  p.write(xml).close();
  return { errors, root: elements[0], elements, attributes, text };
}

/** Letters and digits only (the writer may wrap lines, shorten long names, replace characters XML cannot hold). */
const squash = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '');

const svgOptions = (language: NativeSvgOptions['language']): NativeSvgOptions => ({ href: (c) => (c === 'REF-1' ? 'REF-1.html' : undefined), stepTableId: 'steps', language, stepHref: (s) => `#step-${s.number}` });

describe('native renderer on random documents', () => {
  it('checks without errors, lays out with no broken invariant, and writes well-formed XML with only our elements and the documents\' text', () => {
    let n = 0;
    let steps = 0;
    let edges = 0;
    let bytes = 0;
    fc.assert(
      fc.property(graph, (g) => {
        const p = toProcess(g);

        // The layout.
        const layout = layoutSwimlane(p);
        expect(layout.nodes).toHaveLength(p.steps.length);
        expect(checkLayoutInvariants(layout, p)).toEqual([]);
        steps += p.steps.length;
        edges += layout.edges.length;

        // The SVG written from it.
        const svg = writeSvg(p, layout, svgOptions(g.language));
        expect(XML_BAD.test(svg), 'characters XML cannot hold').toBe(false);
        const r = saxes(svg);
        expect(r.errors).toEqual([]);
        expect(r.root).toBe('svg');
        expect(r.elements.filter((e) => /^(script|foreignObject|iframe|object|embed|x-pwn)$/i.test(e))).toEqual([]);
        expect(r.attributes.filter((a) => /^on/i.test(a))).toEqual([]);
        // Every role and plain step text is drawn (lines may wrap; whitespace aside, in order).
        const drawn = squash(r.text);
        for (const role of g.roles) expect(drawn).toContain([...squash(role)].slice(0, 4).join(''));
        if (n++ % 25 === 0) {
          // renderNativeSvg, what the site calls, gives these very bytes.
          expect(renderNativeSvg(p, svgOptions(g.language))).toBe(svg);
          const doc = parser.parseFromString(svg, 'image/svg+xml');
          expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
          expect(doc.documentElement.localName).toBe('svg');
          expect(doc.documentElement.getAttribute('role')).toMatch(/^(img|group)$/);
        }
        bytes += svg.length;
      }),
      // A long run stops at its first failure: shrinking a 60-step document re-lays it out thousands
      // of times and outlasts the timeout. The report gives the seed and path to replay the case.
      { numRuns: RUNS, endOnFailure: process.env.FLOWBOOK_FUZZ_RUNS !== undefined },
    );
    console.info(`[fuzz/native] ${RUNS} documents, ${steps} steps, ${edges} edges, ${(bytes / 1e6).toFixed(1)} MB of SVG`);
  }, TIMEOUT);
});
