/**
 * A swimlane chart on paper: page orientation, scale, and pages, planned from the native layout
 * (src/print/chart-pages.ts). Pure; used by the website's process pages, controlled copies and the book.
 */
import type { Process, Settings } from '../../model/types.js';
import { layoutSwimlane, type SwimlaneLayout } from '../../diagram/native/index.js';
import { chartPages, chartWords, MIN_SCALE, planChart, planWhole, type ChartPage, type ChartPlan, type Orientation, type Paper } from './chart-pages.js';
import { viewBoxOf } from './viewbox.js';

/** id of the process page's figure that its print bands show (one swimlane per process page). */
export const FIGURE_ID = 'fb-swimlane-figure';

export interface PrintPart {
  readonly svg: string;
  /** Caption under the part (escaped HTML), empty when the chart prints whole. */
  readonly label: string;
}

export interface DiagramForPrint {
  readonly orientation: Orientation;
  readonly plan: ChartPlan;
  /** The whole SVG (screen). */
  readonly screen: string;
  /** What goes on paper: one part when the chart prints whole, else one per page. */
  readonly parts: readonly PrintPart[];
  readonly sliced: boolean;
  /** The chart starts on a page of its own (it does not fit under the header block). */
  readonly own: boolean;
  /** "第 2–4 页" beside the chart's heading when it starts on a new page; page map for lane groups. */
  readonly where: string;
  readonly map: string;
  /** The same with the chart's first page set (the book knows it only at its last pass). */
  at(firstPage: number): DiagramForPrint;
}

export interface PrintDiagramOptions {
  /** The process the SVG was drawn for (native renderer): its layout gives the cuts. */
  readonly process?: Process;
  readonly layout?: SwimlaneLayout;
  readonly paper?: Paper;
  /** Height of the title and header block above the chart on the first page, px. */
  readonly headerPx?: number;
  /** Document page the chart's own pages start on (default 2: page 1 holds the header block). */
  readonly firstPage?: number;
  /** Bands draw the figure by reference (`<use href="#id">`) instead of a copy each (web pages). */
  readonly useRef?: string;
}

/** Header block of a controlled copy (title, 5-6 rows) and the chart heading, px; long role lists wrap. */
/**
 * What the QR code of a printed process adds to its header (with `url:` in flowbook.yml): the code
 * and its caption (about 27 mm) floated beside the title, less the title's own line.
 */
export const QR_HEADER_PX = 64;

export function headerEstimate(process: Process | undefined, base = 300): number {
  const roles = process ? process.roles.join('、').length : 0;
  // A copy's header has one more row when the approval carries a fingerprint (批准内容 / Approved content).
  const approval = process?.signoff?.approved?.sha256 !== undefined ? 24 : 0;
  return base + approval + Math.max(0, Math.ceil((roles * 13.5) / 520) - 1) * 20;
}

const isNative = (svg: string) => /<rect class="fb-lane-header"/.test(svg);

/** Plan a chart for paper (orientation, scale, cuts) without drawing it. */
export function planForPrint(svg: string, settings: Settings, options: PrintDiagramOptions = {}): { plan: ChartPlan; layout: SwimlaneLayout | undefined } {
  const vb = viewBoxOf(svg);
  const paper = options.paper ?? settings.paper ?? 'A4';
  const headerPx = options.headerPx ?? headerEstimate(options.process);
  const base = { paper, headerPx, language: settings.language };
  let layout = options.layout;
  if (!vb) return { plan: planWhole(1, 1, base), layout };
  let plan = planWhole(vb.width, vb.height, base);
  // Only charts that do not print whole need their layout (recomputed: layout is deterministic).
  if (plan.scale < MIN_SCALE - 1e-9 && isNative(svg) && (layout || options.process)) {
    layout ??= layoutSwimlane(options.process!);
    if (Math.abs(layout.width - vb.width) < 1 && Math.abs(layout.height - vb.height) < 1) plan = planChart(layout, base);
  }
  return { plan, layout };
}

/** Plan and draw a chart for paper. */
export function diagramForPrint(svg: string, settings: Settings, options: PrintDiagramOptions = {}): DiagramForPrint {
  const vb = viewBoxOf(svg);
  const { plan, layout } = planForPrint(svg, settings, options);
  const make = (firstPage: number): DiagramForPrint => {
    const pages: ChartPage[] = vb ? chartPages(svg, layout, plan, { language: settings.language, firstPage, ...(options.useRef !== undefined && { useRef: options.useRef }) }) : [{ svg, width: 0, height: 0, caption: '', map: '' }];
    const own = plan.placement === 'own';
    const w = chartWords(settings.language);
    const last = firstPage + pages.length - 1;
    return {
      orientation: plan.orientation,
      plan,
      screen: svg,
      parts: pages.map((p) => ({ svg: p.svg, label: p.caption })),
      sliced: pages.length > 1,
      own,
      where: own ? (pages.length > 1 ? `${w.page(firstPage)}–${last}` : w.page(firstPage)).replace(/^(第 \d+) 页–(\d+)$/, '$1–$2 页') : '',
      map: pages[0]?.map ?? '',
      at: make,
    };
  };
  return make(options.firstPage ?? 2);
}

/**
 * For the website's process page: the diagram for screen and paper, and the plan it was drawn by
 * (the page's `@page` rule follows it). A chart that prints whole is the SVG as is, sized for paper
 * by a custom property; a cut chart is the whole SVG on screen only (`.fb-screen-only`) and its
 * pages, each repeating the lane header, on paper only (`.fb-print-only`).
 */
export function webPrintChart(svg: string, settings: Settings, process?: Process): { html: string; plan: ChartPlan } {
  const options = { ...(process && { process }), headerPx: headerEstimate(process, 420) + (settings.url !== undefined ? QR_HEADER_PX : 0), useRef: FIGURE_ID };
  const vb = viewBoxOf(svg);
  if (!vb) return { html: svg, plan: planForPrint(svg, settings, options).plan };
  const d = diagramForPrint(svg, settings, options);
  const own = d.own ? ` data-print-own="true"` : '';
  if (!d.sliced) {
    const s = d.plan.scale;
    return { html: svg.replace(/^<svg\b/, `<svg${own} style="--fb-print-w:${Math.round(vb.width * s)}px;--fb-print-h:${Math.round(vb.height * s)}px"`), plan: d.plan };
  }
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return { html: svg, plan: d.plan };
  // The figure group starts after the SVG's own <title> and <desc>, which stay its accessible name.
  const body = svg.slice(open[0].length).replace(/<\/svg>\s*$/, '');
  const afterDesc = /^\s*<title\b[\s\S]*?<\/title>\s*(?:<desc\b[\s\S]*?<\/desc>)?/.exec(body)?.[0] ?? '';
  const screen = `${open[0]}${afterDesc}<g id="${FIGURE_ID}">${body.slice(afterDesc.length)}</g></svg>`;
  const head = d.where || d.map ? `<div class="fb-print-only fb-chart-where">${d.where ? `<p>${d.where}</p>` : ''}${d.map}</div>` : '';
  const bands = d.parts.map((p) => `<figure class="fb-diagram-band fb-band-own">${p.svg}${p.label ? `<figcaption>${p.label}</figcaption>` : ''}</figure>`).join('\n');
  return { html: `<div class="fb-screen-only">${screen}</div>\n${head}<div class="fb-print-only fb-print-diagram">${bands}</div>`, plan: d.plan };
}

/** The website's diagram markup alone (see webPrintChart). */
export function diagramPrintHtml(svg: string, settings: Settings, process?: Process): string {
  return webPrintChart(svg, settings, process).html;
}
