/**
 * draw.io export: the XML's structure against the model, for the example and hostile handbooks
 * (a pool, a swimlane per role in order, a shape per step by type with its text, an edge per
 * arrow between the right shapes, orthogonal through the native route, labels where Flowbook
 * puts them).
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { toDrawio, labelPlace } from '../../src/interchange/drawio-export.js';
import { xmlSafe } from '../../src/interchange/xml.js';
import { HANDBOOKS, loadFolder } from './helpers.js';

const { DOMParser } = new JSDOM('').window;

/** draw.io labels are HTML: back to text (the writer uses only these five entities and <br>). */
function htmlText(html: string): string {
  expect(html).not.toMatch(/<(?!br>)/);
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  return html.replace(/<br>/g, '\n').replace(/&(lt|gt|quot|#39|amp);/g, (m) => entities[m]!);
}

describe('draw.io export', () => {
  for (const folder of HANDBOOKS) {
    it(`${folder}: the file's structure is the model's`, () => {
      const handbook = loadFolder(folder);
      for (const p of handbook.processes) {
        const xml = toDrawio(p, { version: '0.1.0' });
        expect(toDrawio(p, { version: '0.1.0' })).toBe(xml);
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        expect(doc.getElementsByTagName('parsererror').length, p.code).toBe(0);
        const root = doc.querySelector('mxfile > diagram > mxGraphModel > root')!;
        expect(root).not.toBeNull();
        const pool = root.querySelector('object#pool')!;
        expect(htmlText(pool.getAttribute('label')!)).toBe(xmlSafe(p.name));
        expect(pool.getAttribute('flowbook_code')).toBe(p.code);
        expect(pool.querySelector('mxCell')!.getAttribute('style')).toMatch(/^swimlane;.*horizontalStack=1/);
        // One swimlane per role, in order, side by side, each as tall as the pool's body.
        const lanes = [...root.querySelectorAll(':scope > mxCell[parent="pool"]')];
        expect(lanes.map((l) => htmlText(l.getAttribute('value')!))).toEqual(p.roles.map(xmlSafe));
        let x = 0;
        for (const lane of lanes) {
          const g = lane.querySelector('mxGeometry')!;
          expect(Number(g.getAttribute('x'))).toBe(x);
          x += Number(g.getAttribute('width'));
          expect(lane.getAttribute('style')).toMatch(/^swimlane;/);
        }
        // One shape per step, in its role's lane, shaped by type, with its text; inside the lane.
        for (const s of p.steps) {
          const obj = root.querySelector(`object#${s.key}`)!;
          expect(obj, `${p.code} ${s.key}`).not.toBeNull();
          expect(htmlText(obj.getAttribute('label')!)).toBe(xmlSafe(s.text));
          const cell = obj.querySelector('mxCell')!;
          expect(cell.getAttribute('parent')).toBe(`lane${s.lane + 1}`);
          const style = cell.getAttribute('style')!;
          expect(style.startsWith({ action: 'rounded=0', decision: 'rhombus', process: 'rounded=1;arcSize=50' }[s.type])).toBe(true);
          expect(style.includes('strokeWidth=3')).toBe(s.start);
          const g = cell.querySelector('mxGeometry')!;
          const laneG = lanes[s.lane]!.querySelector('mxGeometry')!;
          expect(Number(g.getAttribute('x'))).toBeGreaterThanOrEqual(0);
          expect(Number(g.getAttribute('x')) + Number(g.getAttribute('width'))).toBeLessThanOrEqual(Number(laneG.getAttribute('width')) + 0.01);
          if (s.ref !== undefined) expect(obj.getAttribute('flowbook_ref')).toBe(s.ref);
        }
        // One edge per arrow, from and to the right shapes, orthogonal all the way.
        const edges = [...root.querySelectorAll('mxCell[edge="1"]')];
        const arrows = p.steps.flatMap((s) => s.next);
        expect(edges.length).toBe(arrows.length);
        edges.forEach((e, i) => {
          expect([e.getAttribute('source'), e.getAttribute('target')]).toEqual([arrows[i]!.from, arrows[i]!.to]);
          expect(htmlText(e.getAttribute('value')!)).toBe(xmlSafe(arrows[i]!.label ?? ''));
          expect(e.getAttribute('style')).toMatch(/edgeStyle=orthogonalEdgeStyle/);
          const g = e.querySelector('mxGeometry')!;
          const pt = (el: Element) => ({ x: Number(el.getAttribute('x')), y: Number(el.getAttribute('y')) });
          const pts = [pt(g.querySelector('mxPoint[as="sourcePoint"]')!), ...[...g.querySelectorAll('Array > mxPoint')].map(pt), pt(g.querySelector('mxPoint[as="targetPoint"]')!)];
          for (let k = 1; k < pts.length; k++) expect(pts[k]!.x === pts[k - 1]!.x || pts[k]!.y === pts[k - 1]!.y, `${p.code} edge ${i}`).toBe(true);
        });
      }
    });
  }

  it('places a label at the path point nearest its box, as draw.io measures along the edge', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0, y: 100 },
      { x: 100, y: 100 },
    ];
    expect(labelPlace(pts, { x: -10, y: 40, width: 20, height: 20 })).toEqual({ x: -0.5, dx: 0, dy: 0 });
    expect(labelPlace(pts, { x: 90, y: 110, width: 20, height: 20 })).toEqual({ x: 1, dx: 0, dy: 20 });
  });
});
