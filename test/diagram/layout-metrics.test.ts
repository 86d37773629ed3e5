/**
 * bench/layout-metrics.ts on hand-made SVGs with known counts: every metric is shown counting a
 * defect and not counting the same picture without it.
 */
import { describe, expect, it } from 'vitest';
import {
  estimateLines,
  lastLineIsLone,
  measureSvg,
  parseTransform,
  pathPoints,
  readMermaidSvg,
  readNativeSvg,
  simplify,
  stepsPerRow,
  sumMetrics,
  type LayoutMetrics,
} from '../../bench/layout-metrics.js';

type P = readonly [number, number];

/** A box node of the native dialect, centred at (cx, cy), 100 x 40 unless told. */
function node(key: string, cx: number, cy: number, lines: readonly string[] = ['x'], w = 100, h = 40): string {
  const spans = lines.map((l, i) => `<tspan x="${cx}" y="${cy + i * 18}">${l}</tspan>`).join('');
  return (
    `<g class="fb-node fb-action" data-step="${key}"><title>t</title>` +
    `<rect class="fb-shape" x="${cx - w / 2}" y="${cy - h / 2}" width="${w}" height="${h}" rx="2"/>` +
    `<text class="fb-node-text">${spans}</text></g>`
  );
}

/** An edge of the native dialect: the line stops 7 px before the tip, the arrow path starts at the tip. */
function edge(from: string, to: string, points: readonly P[], loop = false): string {
  const tip = points[points.length - 1]!;
  const prev = points[points.length - 2]!;
  const dx = Math.sign(tip[0] - prev[0]);
  const dy = Math.sign(tip[1] - prev[1]);
  const line = [...points.slice(0, -1), [tip[0] - dx * 7, tip[1] - dy * 7] as P];
  const d = line.map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0]} ${p[1]}`).join(' ');
  return (
    `<g class="fb-edge${loop ? ' fb-loop' : ''}" data-from="${from}" data-to="${to}"><path d="${d}" fill="none"/>` +
    `<path class="fb-arrow" d="M${tip[0]} ${tip[1]} L0 0 L0 0 Z"/></g>`
  );
}

const label = (x: number, y: number, w = 30, h = 19) => `<g class="fb-edge-label" data-from="a" data-to="b"><rect x="${x}" y="${y}" width="${w}" height="${h}"/><text>是</text></g>`;
const divider = (x: number) => `<line class="fb-lane-divider" x1="${x}" y1="0" x2="${x}" y2="1000"/>`;

function native(parts: { nodes?: string[]; edges?: string[]; labels?: string[]; dividers?: string[] }, height = 600): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-swimlane" role="img" width="800" height="${height}" viewBox="0 0 800 ${height}">`,
    '<title>t &amp; co</title>',
    `<g class="fb-lanes">${(parts.dividers ?? []).join('')}</g>`,
    `<g class="fb-edges">${(parts.edges ?? []).join('\n')}</g>`,
    `<g class="fb-nodes">${(parts.nodes ?? []).join('\n')}</g>`,
    `<g class="fb-edge-labels">${(parts.labels ?? []).join('')}</g>`,
    '</svg>',
  ].join('\n');
}

const ZERO: Omit<LayoutMetrics, 'steps' | 'edges' | 'rows' | 'height'> = {
  crossings: 0,
  hugging: 0,
  tipsNearEdges: 0,
  dividerHugging: 0,
  throughBoxes: 0,
  labelOverlaps: 0,
  loneChars: 0,
};
const defects = (m: LayoutMetrics) => ({
  crossings: m.crossings,
  hugging: m.hugging,
  tipsNearEdges: m.tipsNearEdges,
  dividerHugging: m.dividerHugging,
  throughBoxes: m.throughBoxes,
  labelOverlaps: m.labelOverlaps,
  loneChars: m.loneChars,
});

// Four nodes far apart, so that edges between them can be drawn anywhere in the middle.
const CORNERS = [node('a', 60, 40), node('b', 740, 40), node('c', 60, 560), node('d', 740, 560)];

describe('native SVG', () => {
  it('reads nodes, edges (on to the arrow tip), labels and dividers', () => {
    const g = readNativeSvg(native({ nodes: CORNERS, edges: [edge('a', 'c', [[60, 60], [60, 540]])], labels: [label(10, 10)], dividers: [divider(400)] }));
    expect(g.nodes.map((n) => n.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(g.nodes[0]).toMatchObject({ cx: 60, cy: 40, lines: ['x'] });
    expect(g.edges).toEqual([{ from: 'a', to: 'c', points: [{ x: 60, y: 60 }, { x: 60, y: 540 }] }]);
    expect(g.labels).toEqual([{ x: 10, y: 10, width: 30, height: 19 }]);
    expect(g.dividers).toEqual([400]);
    expect(g.height).toBe(600);
  });

  it('a clean chart has no defects', () => {
    const m = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'c', [[60, 60], [60, 540]]), edge('b', 'd', [[740, 60], [740, 540]])] }));
    expect(defects(m)).toEqual(ZERO);
    expect(m).toMatchObject({ steps: 4, edges: 2, rows: 2, height: 600 });
  });

  it('counts one crossing, and none where a line only touches another', () => {
    const x = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'd', [[110, 40], [400, 40], [400, 540], [690, 560]]), edge('b', 'c', [[690, 40], [690, 300], [110, 300], [110, 560]])] }));
    expect(x.crossings).toBe(1);
    // The second edge's corner sits exactly on the first edge: a touch, not a crossing.
    const t = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'd', [[110, 40], [400, 40], [400, 540], [690, 560]]), edge('b', 'c', [[690, 40], [690, 300], [400, 300]])] }));
    expect(t.crossings).toBe(0);
  });

  it('counts a hugging pair of unrelated edges 6 px apart, not 14 px apart', () => {
    const near = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'c', [[60, 60], [300, 60], [300, 500], [60, 540]]), edge('b', 'd', [[740, 60], [306, 60], [306, 500], [740, 540]])] }));
    // Their vertical runs, 6 px apart over 440 px (their horizontal runs at y=60 do not overlap).
    expect(near.hugging).toBe(1);
    const far = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'c', [[60, 60], [300, 80], [300, 500], [60, 540]]), edge('b', 'd', [[740, 60], [314, 60], [314, 500], [740, 540]])] }));
    expect(far.hugging).toBe(0);
  });

  it('a trunk two edges of one node share is not hugging; two returns to one node 5 px apart are', () => {
    const trunk = measureSvg(native({ nodes: CORNERS, edges: [edge('a', 'c', [[60, 60], [60, 300], [60, 540]]), edge('a', 'd', [[60, 60], [60, 300], [740, 300], [740, 540]])] }));
    expect(trunk.hugging).toBe(0);
    const returns = measureSvg(native({ nodes: CORNERS, edges: [edge('c', 'a', [[110, 560], [300, 560], [300, 40], [110, 40]], true), edge('d', 'a', [[690, 560], [305, 560], [305, 45], [110, 45]], true)] }));
    expect(returns.hugging).toBeGreaterThanOrEqual(1);
  });

  it('counts an arrow tip 5 px from another edge, not 20 px, and not an edge entering the same node', () => {
    const nodes = [...CORNERS, node('e', 400, 300)];
    // a -> e enters e's top at (400, 280); b -> c passes 5 px above it.
    const near = measureSvg(native({ nodes, edges: [edge('a', 'e', [[60, 60], [60, 200], [400, 200], [400, 280]]), edge('b', 'c', [[740, 60], [740, 275], [200, 275], [200, 560]])] }));
    expect(near.tipsNearEdges).toBe(1);
    const far = measureSvg(native({ nodes, edges: [edge('a', 'e', [[60, 60], [60, 200], [400, 200], [400, 280]]), edge('b', 'c', [[740, 60], [740, 260], [200, 260], [200, 560]])] }));
    expect(far.tipsNearEdges).toBe(0);
    const merging = measureSvg(native({ nodes, edges: [edge('a', 'e', [[60, 60], [60, 200], [400, 200], [400, 280]]), edge('b', 'e', [[740, 60], [740, 200], [400, 200], [400, 280]])] }));
    expect(merging.tipsNearEdges).toBe(0);
  });

  it('counts a vertical segment 5 px from a lane divider, not 20 px', () => {
    const near = measureSvg(native({ nodes: CORNERS, dividers: [divider(400)], edges: [edge('a', 'c', [[110, 40], [405, 40], [405, 560], [110, 560]])] }));
    expect(near.dividerHugging).toBe(1);
    const far = measureSvg(native({ nodes: CORNERS, dividers: [divider(400)], edges: [edge('a', 'c', [[110, 40], [380, 40], [380, 560], [110, 560]])] }));
    expect(far.dividerHugging).toBe(0);
  });

  it('counts a segment through a box that is not its own end, not one that goes round it', () => {
    const nodes = [...CORNERS, node('e', 60, 300)];
    const through = measureSvg(native({ nodes, edges: [edge('a', 'c', [[60, 60], [60, 540]])] }));
    expect(through.throughBoxes).toBe(1);
    const round = measureSvg(native({ nodes, edges: [edge('a', 'c', [[110, 40], [150, 40], [150, 560], [110, 560]])] }));
    expect(round.throughBoxes).toBe(0);
    // A diamond's corner area is not the diamond.
    const diamond = `<g class="fb-node fb-decision" data-step="f"><polygon class="fb-shape" points="400,270 460,300 400,330 340,300"/></g>`;
    const past = measureSvg(native({ nodes: [...CORNERS, diamond], edges: [edge('c', 'b', [[60, 540], [60, 275], [385, 275], [385, 40], [690, 40]])] }));
    expect(past.throughBoxes).toBe(0);
    const into = measureSvg(native({ nodes: [...CORNERS, diamond], edges: [edge('c', 'd', [[60, 540], [60, 300], [740, 300], [740, 540]])] }));
    expect(into.throughBoxes).toBe(1);
  });

  it('counts a label on a box and two labels on each other', () => {
    expect(measureSvg(native({ nodes: CORNERS, labels: [label(100, 30)] })).labelOverlaps).toBe(1);
    expect(measureSvg(native({ nodes: CORNERS, labels: [label(300, 300), label(320, 310)] })).labelOverlaps).toBe(1);
    expect(measureSvg(native({ nodes: CORNERS, labels: [label(300, 300), label(340, 300), label(112, 30)] })).labelOverlaps).toBe(0);
  });

  it('counts a lone CJK character on a box\'s last line', () => {
    const lone = measureSvg(native({ nodes: [node('a', 60, 40, ['核对施工图', '纸']), node('b', 300, 40, ['任职资', '格。']), node('c', 500, 40, ['施工', '图纸']), node('d', 700, 40, ['纸'])] }));
    expect(lone.loneChars).toBe(2);
  });

  it('counts rows and steps per row', () => {
    const m = measureSvg(native({ nodes: [node('a', 60, 40), node('b', 300, 41), node('c', 60, 200), node('d', 300, 300)] }));
    expect(m.rows).toBe(3);
    expect(stepsPerRow(m)).toBe(1.33);
    expect(sumMetrics([m, m])).toMatchObject({ steps: 8, rows: 6, height: 1200 });
  });
});

describe('Mermaid SVG', () => {
  const mermaid = (body: string) =>
    '<svg id="fbm-X" xmlns="http://www.w3.org/2000/svg" viewBox="-100 -40 900 700" width="900" height="700"><style>#fbm-X{font-size:16px;}</style>' +
    '<g><marker id="fbm-X_swimlane-pointEnd" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>' +
    '<g class="root"><g class="clusters">' +
    '<g class="cluster swimlane" data-id="lane1"><rect class="swimlane-body" x="-100" y="-12" width="400" height="600"/></g>' +
    '<g class="cluster swimlane" data-id="lane2"><rect class="swimlane-body" x="300" y="-12" width="400" height="600"/></g></g>' +
    body +
    '</g></g></svg>';
  const mnode = (key: string, i: number, x: number, y: number, text = 'x', width = 80) =>
    `<g class="node default" id="fbm-X-flowchart-${key}-${i}" transform="translate(${x}, ${y})"><rect class="basic label-container" x="-50" y="-20" width="100" height="40"/>` +
    `<g class="label" transform="translate(-40, -12)"><rect/><foreignObject width="${width}" height="24"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>${text}</p></span></div></foreignObject></g></g>`;
  const link = (from: string, to: string, d: string) =>
    `<path d="${d}" id="fbm-X-L_${from}_${to}_0" class="edge-thickness-normal flowchart-link" data-id="L_${from}_${to}_0" marker-end="url(#fbm-X_swimlane-pointEnd)"/>`;

  it('reads nodes through their transforms, links with Q corners and the marker beyond the path, lanes as dividers', () => {
    const svg = mermaid(
      `<g class="edges edgePaths">${link('s1', 's2', 'M0,20L0,93Q0,100 7,100L393,100Q400,100 400,107L400,176')}</g>` +
        `<g class="nodes">${mnode('s1', 0, 0, 0)}${mnode('s2', 1, 400, 200)}</g>` +
        '<g class="label edgeLabel" transform="translate(200, 100)"><rect width="0.1" height="0.1"/><g class="label" transform="translate(-16, -12)"><foreignObject width="32" height="24"><div>是</div></foreignObject></g></g>',
    );
    const g = readMermaidSvg(svg);
    expect(g.nodes.map((n) => [n.key, n.cx, n.cy])).toEqual([
      ['s1', 0, 0],
      ['s2', 400, 200],
    ]);
    // Corners restored from the Q control points; the tip 4 px beyond the path's end (marker 8 px, refX 5 of 10).
    expect(g.edges).toEqual([{ from: 's1', to: 's2', points: [{ x: 0, y: 20 }, { x: 0, y: 100 }, { x: 400, y: 100 }, { x: 400, y: 180 }] }]);
    expect(g.labels).toEqual([{ x: 184, y: 88, width: 32, height: 24 }]);
    expect(g.dividers).toEqual([300]);
    expect(g.height).toBe(700);
    expect(defects(measureSvg(svg))).toEqual(ZERO);
  });

  it('measures Mermaid the same way: a crossing, a line through a box, a lone character (estimated)', () => {
    const svg = mermaid(
      `<g class="edges edgePaths">${link('s1', 's4', 'M0,20L0,496')}${link('s2', 's3', 'M-80,300L250,300')}</g>` +
        `<g class="nodes">${mnode('s1', 0, 0, 0)}${mnode('s2', 1, -80, 260)}${mnode('s3', 2, 250, 260)}${mnode('s4', 3, 0, 520)}${mnode('s5', 4, 0, 400, '施工图纸', 48)}</g>`,
    );
    const m = measureSvg(svg);
    expect(m.crossings).toBe(1);
    expect(m.throughBoxes).toBe(1); // s1 -> s4 runs through s5
    expect(m.loneChars).toBe(1); // 48 px at 16 px: 3 characters a line, so 施工图 / 纸
    expect(m.rows).toBe(4);
  });
});

describe('pieces', () => {
  it('reads path commands: relative, H/V, Q corners, arcs by their end, Z', () => {
    expect(pathPoints('M10 10 h20 v5 l-5 0 Q0 15 0 20 A2 2 0 0 1 4 20 Z')).toEqual([
      { x: 10, y: 10 },
      { x: 30, y: 10 },
      { x: 30, y: 15 },
      { x: 25, y: 15 },
      { x: 0, y: 15 },
      { x: 0, y: 20 },
      { x: 4, y: 20 },
      { x: 10, y: 10 },
    ]);
    expect(pathPoints('M1,2 3,4')).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ]);
  });

  it('joins collinear runs and drops sub-pixel steps', () => {
    expect(simplify([{ x: 0, y: 0 }, { x: 0, y: 5 }, { x: 0, y: 5.3 }, { x: 0, y: 10 }, { x: 10, y: 10 }])).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 10, y: 10 },
    ]);
  });

  it('composes transforms', () => {
    expect(parseTransform('translate(10, 5) scale(2)')).toEqual([2, 0, 0, 2, 10, 5]);
  });

  it('lone characters: one Han character left alone, punctuation after it aside', () => {
    expect(lastLineIsLone(['施工图', '纸'])).toBe(true);
    expect(lastLineIsLone(['任职资', '格）'])).toBe(true);
    expect(lastLineIsLone(['施工', '图纸'])).toBe(false);
    expect(lastLineIsLone(['纸'])).toBe(false);
    expect(lastLineIsLone(['Check the', 'a'])).toBe(false);
    expect(estimateLines('施工图纸', 48, 16)).toEqual(['施工图', '纸']);
    expect(estimateLines('Check drawings', 48, 16)).toBeUndefined();
  });
});
