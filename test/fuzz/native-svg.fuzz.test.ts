/**
 * Property test over the native SVG writer: for random documents (native-gen.ts), the inline SVG
 * is well-formed XML (jsdom's XML parser, saxes, on every case; a full DOMParser 'image/svg+xml'
 * document every 25th case), holds only characters XML allows, is an <svg> root with no script,
 * foreignObject or event handler, and its text is the document's text.
 * Runs: FUZZ_RUNS (200 in `npm test`, 100,000 in `npm run fuzz`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
// The XML parser jsdom itself uses for DOMParser 'image/svg+xml' (installed with jsdom); without
// building a DOM it is ~20x faster, which the 100,000-case profile needs.
import { SaxesParser } from 'saxes';
import { renderNativeSvg } from '../../src/diagram/native/index.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';

/** Generous: ~15 ms a case alone, more when sharing the two cores (a sync property cannot be cut short anyway). */
const TIMEOUT = 60_000 + FUZZ_RUNS * 60;
import { graph, toProcess } from './native-gen.js';

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

describe('native SVG on random documents', () => {
  it('is well-formed XML with only our elements and the documents\' text', () => {
    let n = 0;
    let bytes = 0;
    fc.assert(
      fc.property(graph, (g) => {
        const p = toProcess(g);
        const svg = renderNativeSvg(p, { href: (c) => (c === 'REF-1' ? 'REF-1.html' : undefined), stepTableId: 'steps', language: g.language, stepHref: (s) => `#step-${s.number}` });
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
          const doc = parser.parseFromString(svg, 'image/svg+xml');
          expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
          expect(doc.documentElement.localName).toBe('svg');
          expect(doc.documentElement.getAttribute('role')).toMatch(/^(img|group)$/);
        }
        bytes += svg.length;
      }),
      { numRuns: FUZZ_RUNS },
    );
    console.info(`[fuzz/native-svg] ${FUZZ_RUNS} documents, ${(bytes / 1e6).toFixed(1)} MB of SVG`);
  }, TIMEOUT);
});
