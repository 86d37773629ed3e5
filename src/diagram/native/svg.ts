/**
 * Swimlane geometry -> inline SVG text. Black-and-white friendly: shapes and line styles carry the
 * meaning (box, diamond, stadium; thick border and a dot for starts, double border for ends,
 * dashed loops), not colour. Every document text is XML-escaped here, and nowhere else.
 */
import type { Process, Step } from '../../model/types.js';
import type { EdgeLayout, LabelLayout, NodeLayout, Point, SwimlaneLayout } from './layout.js';
import { HEADER_LINE_HEIGHT, LABEL_FONT_SIZE, LABEL_LINE_HEIGHT } from './layout.js';
import { FONT_SIZE, LINE_HEIGHT, START_STRIP } from './shapes.js';

export interface NativeSvgOptions {
  /** Relative URL of a linked process's page, or undefined when it is not published (render as plain ellipse, no link). */
  href: (code: string) => string | undefined;
  /** Prefix for every id in the SVG so several SVGs can share one HTML page (default 'fb'). */
  idPrefix?: string;
  /** id of the step table on the page that is the diagram's text alternative (aria-describedby / a link in <desc>). */
  stepTableId?: string;
  /** Where a step node links (e.g. `#step-<number>`); default: no link, the step table is right below. */
  stepHref?: (step: Step) => string | undefined;
  /** 'zh-CN' | 'en' for the few built-in words (e.g. "start" marker title, the SVG <title> suffix "泳道图"/"swimlane diagram"). */
  language?: 'zh-CN' | 'en';
}

export const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
const INK = '#1f2937';
const LINE = '#374151';
const HEADER_FILL = '#f1f3f5';
const ARROW_LENGTH = 8;
const ARROW_HALF_WIDTH = 4;

const WORDS = {
  'zh-CN': {
    suffix: '泳道图',
    start: '开始',
    end: '结束',
    describe: (roles: string, steps: number, table: boolean) =>
      `泳道图,${steps} 个步骤,泳道依次为:${roles}。${table ? '步骤表是本图的文字版本。' : ''}`,
    separator: '、',
  },
  en: {
    suffix: 'swimlane diagram',
    start: 'start',
    end: 'end',
    describe: (roles: string, steps: number, table: boolean) =>
      `Swimlane diagram of ${steps} steps; lanes in order: ${roles}.${table ? ' The step table is its text version.' : ''}`,
    separator: ', ',
  },
} as const;

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for XML content and for double-quoted attribute values. */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text; // the common case, checked cheaply
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
/** Anything escapeXml may change (surrogates too, paired or not, for the slower exact pass). */
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Numbers with at most two decimals and no "-0", so output is stable. */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

export function writeSvg(process: Process, layout: SwimlaneLayout, options: NativeSvgOptions): string {
  const words = WORDS[options.language ?? 'zh-CN'];
  const id = (name: string) => escapeXml(`${options.idPrefix ?? 'fb'}-${name}`);
  const describedBy = [id('desc'), ...(options.stepTableId !== undefined ? [escapeXml(options.stepTableId)] : [])].join(' ');
  const w = num(layout.width);
  const h = num(layout.height);
  // role="img" hides its children from assistive technology, so links inside it are an
  // accessibility error (axe: nested-interactive): a diagram with links is a labelled group instead.
  const hasLinks = layout.nodes.some((n) => nodeHref(n.step, options) !== undefined);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-swimlane" role="${hasLinks ? 'group' : 'img'}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"` +
      ` aria-labelledby="${id('title')}" aria-describedby="${describedBy}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    `<title id="${id('title')}">${escapeXml(`${process.name} ${words.suffix}`)}</title>`,
    `<desc id="${id('desc')}">${escapeXml(words.describe(process.roles.join(words.separator), process.steps.length, options.stepTableId !== undefined))}` +
      `${options.stepTableId !== undefined ? escapeXml(` (#${options.stepTableId})`) : ''}</desc>`,
  ];
  writeLanes(out, layout);
  out.push('<g class="fb-edges">');
  for (const e of layout.edges) writeEdge(out, e);
  out.push('</g>', '<g class="fb-nodes">');
  for (const n of layout.nodes) writeNode(out, n, options, words);
  out.push('</g>', '<g class="fb-edge-labels">');
  for (const e of layout.edges) if (e.label !== undefined) writeLabel(out, e, e.label);
  out.push('</g>', '</svg>');
  return out.join('\n');
}

function writeLanes(out: string[], layout: SwimlaneLayout): void {
  const w = num(layout.width);
  const h = num(layout.height);
  out.push(
    '<g class="fb-lanes">',
    `<rect class="fb-lane-header" x="0" y="0" width="${w}" height="${num(layout.headerHeight)}" fill="${HEADER_FILL}"/>`,
  );
  for (const lane of layout.lanes) {
    const cx = num(lane.x + lane.width / 2);
    const top = layout.headerHeight / 2 - ((lane.titleLines.length - 1) * HEADER_LINE_HEIGHT) / 2;
    const spans = lane.titleLines.map((l, i) => `<tspan x="${cx}" y="${num(top + i * HEADER_LINE_HEIGHT + 4.5)}">${escapeXml(l)}</tspan>`).join('');
    out.push(`<text class="fb-lane-title" text-anchor="middle" font-weight="bold" fill="${INK}">${spans}</text>`);
    if (lane.index > 0) out.push(`<line class="fb-lane-divider" x1="${num(lane.x)}" y1="0" x2="${num(lane.x)}" y2="${h}" stroke="${INK}" stroke-width="1"/>`);
  }
  out.push(
    `<line class="fb-header-rule" x1="0" y1="${num(layout.headerHeight)}" x2="${w}" y2="${num(layout.headerHeight)}" stroke="${INK}" stroke-width="1.5"/>`,
    `<rect class="fb-frame" x="0.75" y="0.75" width="${num(layout.width - 1.5)}" height="${num(layout.height - 1.5)}" fill="none" stroke="${INK}" stroke-width="1.5"/>`,
    '</g>',
  );
}

function writeEdge(out: string[], e: EdgeLayout): void {
  const pts = e.points;
  const tip = pts[pts.length - 1]!;
  const prev = pts[pts.length - 2]!;
  const dir = { x: Math.sign(tip.x - prev.x), y: Math.sign(tip.y - prev.y) };
  // The line stops at the arrowhead's base so it does not poke through the tip.
  const base = { x: tip.x - dir.x * (ARROW_LENGTH - 1), y: tip.y - dir.y * (ARROW_LENGTH - 1) };
  const line = [...pts.slice(0, -1), base];
  const d = line.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join(' ');
  const back = { x: tip.x - dir.x * ARROW_LENGTH, y: tip.y - dir.y * ARROW_LENGTH };
  const wing = (s: number): Point => ({ x: back.x + dir.y * ARROW_HALF_WIDTH * s, y: back.y + dir.x * ARROW_HALF_WIDTH * s });
  const a = wing(1);
  const b = wing(-1);
  out.push(
    `<g class="fb-edge${e.back ? ' fb-loop' : ''}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}">` +
      `<path d="${d}" fill="none" stroke="${LINE}" stroke-width="1.25"${e.back ? ' stroke-dasharray="6 3"' : ''}/>` +
      `<path class="fb-arrow" d="M${num(tip.x)} ${num(tip.y)} L${num(a.x)} ${num(a.y)} L${num(b.x)} ${num(b.y)} Z" fill="${LINE}"/></g>`,
  );
}

function writeLabel(out: string[], e: EdgeLayout, label: LabelLayout): void {
  const b = label.box;
  const cx = num(b.x + b.width / 2);
  const top = b.y + b.height / 2 - ((label.lines.length - 1) * LABEL_LINE_HEIGHT) / 2 + 4;
  const spans = label.lines.map((l, i) => `<tspan x="${cx}" y="${num(top + i * LABEL_LINE_HEIGHT)}">${escapeXml(l)}</tspan>`).join('');
  out.push(
    `<g class="fb-edge-label" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}">` +
      `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" fill="#fff"/>` +
      `<text text-anchor="middle" font-size="${LABEL_FONT_SIZE}" fill="${INK}">${spans}</text></g>`,
  );
}

type Words = (typeof WORDS)[keyof typeof WORDS];

function writeNode(out: string[], n: NodeLayout, options: NativeSvgOptions, words: Words): void {
  const step = n.step;
  const href = nodeHref(step, options);
  const classes = ['fb-node', `fb-${step.type}`, ...(step.start ? ['fb-start'] : []), ...(step.end ? ['fb-end'] : [])].join(' ');
  const tooltip = `${step.number}. ${step.text}${step.start ? ` (${words.start})` : ''}${step.end ? ` (${words.end})` : ''}`;
  const parts = [`<g class="${classes}" data-step="${escapeXml(step.key)}"><title>${escapeXml(tooltip)}</title>`, shapeMarkup(n), textMarkup(n)];
  if (step.start) parts.push(startMarker(n, words.start));
  parts.push('</g>');
  const node = parts.join('');
  out.push(href === undefined ? node : `<a href="${escapeXml(href)}" class="fb-link">${node}</a>`);
}

function nodeHref(step: Step, options: NativeSvgOptions): string | undefined {
  return step.type === 'process' && step.ref !== undefined ? options.href(step.ref) : options.stepHref?.(step);
}

function shapeMarkup(n: NodeLayout): string {
  const stroke = `fill="#fff" stroke="${INK}" stroke-width="${n.step.start ? 3 : 1.5}"`;
  const x = n.cx - n.width / 2;
  const y = n.cy - n.height / 2;
  if (n.shape === 'diamond') {
    const pts = [
      [n.cx, y],
      [n.cx + n.width / 2, n.cy],
      [n.cx, y + n.height],
      [x, n.cy],
    ];
    return `<polygon class="fb-shape" points="${pts.map(([a, b]) => `${num(a!)},${num(b!)}`).join(' ')}" ${stroke}/>`;
  }
  const r = n.shape === 'stadium' ? n.height / 2 : 2;
  const outer = `<rect class="fb-shape" x="${num(x)}" y="${num(y)}" width="${num(n.width)}" height="${num(n.height)}" rx="${num(r)}" ${stroke}/>`;
  if (!n.step.end) return outer;
  const inset = n.step.start ? 5 : 3.5; // double border for an end step
  return (
    outer +
    `<rect class="fb-end-border" x="${num(x + inset)}" y="${num(y + inset)}" width="${num(n.width - 2 * inset)}" height="${num(n.height - 2 * inset)}"` +
    ` rx="${num(Math.max(0, r - inset))}" fill="none" stroke="${INK}" stroke-width="1"/>`
  );
}

function textMarkup(n: NodeLayout): string {
  const top = n.cy - ((n.lines.length - 1) * LINE_HEIGHT) / 2 + 4.5;
  const x = n.step.start && n.shape === 'box' ? n.cx + START_STRIP / 2 : n.cx;
  const spans = n.lines.map((l, i) => `<tspan x="${num(x)}" y="${num(top + i * LINE_HEIGHT)}">${escapeXml(l)}</tspan>`).join('');
  return `<text class="fb-node-text" text-anchor="middle" fill="${INK}">${spans}</text>`;
}

/** A filled dot inside the start step (like a flowchart's initial node), in addition to the thick border. */
function startMarker(n: NodeLayout, title: string): string {
  const at =
    n.shape === 'diamond'
      ? { x: n.cx, y: n.cy - n.height / 2 + 11 }
      : n.shape === 'stadium'
        ? { x: n.cx - n.width / 2 + n.height * 0.32, y: n.cy }
        : { x: n.cx - n.width / 2 + 4 + START_STRIP / 2, y: n.cy };
  return `<circle class="fb-start-marker" cx="${num(at.x)}" cy="${num(at.y)}" r="3.5" fill="${INK}"><title>${escapeXml(title)}</title></circle>`;
}

