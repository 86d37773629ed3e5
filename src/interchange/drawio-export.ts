/**
 * Process -> a draw.io (diagrams.net) file, laid out by Flowbook's swimlane layout. Pure.
 *
 * A pool (the process) holding one swimlane per role side by side; a rectangle per action (a
 * thick border where the flow starts), a rhombus per decision, a rounded "stadium" per linked
 * process; orthogonal edges pinned to the native ports and running through the native route's
 * corners, with the branch labels where Flowbook puts them. Shapes are children of their lane,
 * so moving a lane in draw.io moves its steps. Labels are HTML in draw.io: text is escaped for
 * HTML and then for XML.
 */
import type { Process } from '../model/types.js';
import type { Box, Point } from '../diagram/native/index.js';
import { placeChart, POOL_HEADER } from './geometry.js';
import { attr, num } from './xml.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!).replace(/\n/g, '<br>');
/** A label: HTML-escaped text, then escaped for the XML attribute. */
const label = (s: string) => attr(escapeHtml(s));

const FONT = 'fontFamily=Noto Sans CJK SC;fontSize=13;';
const STYLE = {
  pool: `swimlane;html=1;childLayout=stackLayout;horizontalStack=1;resizeParent=1;resizeParentMax=0;startSize=${POOL_HEADER};horizontal=1;collapsible=0;${FONT}fontStyle=1;`,
  lane: (header: number) => `swimlane;html=1;startSize=${header};horizontal=1;collapsible=0;swimlaneFillColor=none;fillColor=#f1f3f5;${FONT}fontStyle=1;`,
  action: `rounded=0;whiteSpace=wrap;html=1;${FONT}`,
  decision: `rhombus;whiteSpace=wrap;html=1;${FONT}`,
  process: `rounded=1;arcSize=50;whiteSpace=wrap;html=1;${FONT}`,
  edge: 'edgeStyle=orthogonalEdgeStyle;rounded=0;orthogonalLoop=1;html=1;endArrow=block;endFill=1;fontSize=12;labelBackgroundColor=#ffffff;',
};

export function toDrawio(process: Process, options: { version: string }): string {
  const chart = placeChart(process, { events: false });
  const { layout } = chart;
  const out: string[] = [];
  const pageWidth = Math.ceil(chart.pool.width + 40);
  const pageHeight = Math.ceil(chart.pool.height + 40);
  out.push(`<mxfile host="Flowbook" agent="Flowbook ${attr(options.version)}" type="device">\n`);
  out.push(`  <diagram id="${attr(process.code)}" name="${attr(`${process.code} ${process.name}`)}">\n`);
  out.push(
    `    <mxGraphModel dx="${pageWidth}" dy="${pageHeight}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${pageWidth}" pageHeight="${pageHeight}" math="0" shadow="0">\n`,
  );
  out.push('      <root>\n        <mxCell id="0" />\n        <mxCell id="1" parent="0" />\n');
  out.push(`        <object id="pool" label="${label(process.name)}" flowbook_code="${attr(process.code)}"${process.version !== undefined ? ` flowbook_version="${attr(process.version)}"` : ''} flowbook_status="${process.status}">\n`);
  out.push(`          <mxCell style="${STYLE.pool}" vertex="1" parent="1">\n            ${geometry(chart.pool)}\n          </mxCell>\n        </object>\n`);
  chart.lanes.forEach((lane, i) => {
    out.push(`        <mxCell id="lane${i + 1}" value="${label(process.roles[i]!)}" style="${STYLE.lane(layout.headerHeight)}" vertex="1" parent="pool">\n`);
    out.push(`          ${geometry({ x: lane.x, y: POOL_HEADER, width: lane.width, height: lane.height })}\n        </mxCell>\n`);
  });
  const boxes = new Map<string, Box>();
  for (const n of chart.nodes) {
    const s = n.step;
    boxes.set(s.key, n.box);
    const lane = chart.lanes[n.lane]!;
    const style = STYLE[s.type] + (s.start ? 'strokeWidth=3;' : '');
    const extra = (s.note !== undefined ? ` tooltip="${attr(s.note)}"` : '') + (s.ref !== undefined ? ` flowbook_ref="${attr(s.ref)}"` : '');
    out.push(`        <object id="${s.key}" label="${label(s.text)}" flowbook_step="${s.number}"${extra}>\n`);
    out.push(`          <mxCell style="${style}" vertex="1" parent="lane${n.lane + 1}">\n`);
    out.push(`            ${geometry({ x: n.box.x - lane.x, y: n.box.y - lane.y, width: n.box.width, height: n.box.height })}\n          </mxCell>\n        </object>\n`);
  }
  for (const e of chart.edges) {
    const pts = e.placed;
    const src = boxes.get(e.from)!;
    const dst = boxes.get(e.to)!;
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    const pin = (b: Box, p: Point, side: 'exit' | 'entry') => `${side}X=${num((p.x - b.x) / b.width)};${side}Y=${num((p.y - b.y) / b.height)};${side}Dx=0;${side}Dy=0;${side}Perimeter=0;`;
    const style = STYLE.edge + pin(src, first, 'exit') + pin(dst, last, 'entry') + (e.back ? 'dashed=1;' : '');
    const text = e.label?.text;
    out.push(`        <mxCell id="e${e.index + 1}" value="${text !== undefined ? label(text) : ''}" style="${style}" edge="1" parent="1" source="${e.from}" target="${e.to}">\n`);
    const mid = pts.slice(1, -1);
    const at = e.labelBox ? labelPlace(pts, e.labelBox) : undefined;
    out.push(`          <mxGeometry${at ? ` x="${num(at.x)}" y="0"` : ''} relative="1" as="geometry">\n`);
    if (at) out.push(`            <mxPoint x="${num(at.dx)}" y="${num(at.dy)}" as="offset" />\n`);
    out.push(`            <mxPoint x="${num(first.x)}" y="${num(first.y)}" as="sourcePoint" />\n            <mxPoint x="${num(last.x)}" y="${num(last.y)}" as="targetPoint" />\n`);
    if (mid.length > 0) out.push(`            <Array as="points">\n${mid.map((p) => `              <mxPoint x="${num(p.x)}" y="${num(p.y)}" />\n`).join('')}            </Array>\n`);
    out.push('          </mxGeometry>\n        </mxCell>\n');
  }
  out.push('      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n');
  return out.join('');
}

function geometry(b: Box): string {
  return `<mxGeometry x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" as="geometry" />`;
}

/**
 * Where draw.io should put an edge label so it lands on Flowbook's label box: the position along
 * the path (-1 at the source, 1 at the target) of the path point nearest the box's centre, and the
 * offset from that point to the centre.
 */
export function labelPlace(points: readonly Point[], box: Box): { x: number; dx: number; dy: number } {
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let total = 0;
  const lengths = points.slice(1).map((p, i) => Math.abs(p.x - points[i]!.x) + Math.abs(p.y - points[i]!.y));
  for (const l of lengths) total += l;
  let best = { d: Infinity, along: 0, p: points[0]! };
  let walked = 0;
  lengths.forEach((l, i) => {
    const a = points[i]!;
    const b = points[i + 1]!;
    const t = l === 0 ? 0 : Math.max(0, Math.min(1, ((c.x - a.x) * (b.x - a.x) + (c.y - a.y) * (b.y - a.y)) / (l * l)));
    const p = { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
    const d = Math.hypot(c.x - p.x, c.y - p.y);
    if (d < best.d) best = { d, along: walked + t * l, p };
    walked += l;
  });
  return { x: total === 0 ? 0 : (best.along / total) * 2 - 1, dx: c.x - best.p.x, dy: c.y - best.p.y };
}
