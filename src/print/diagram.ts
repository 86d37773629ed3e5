/**
 * A swimlane diagram on paper: orientation, scale, and bands that repeat the lane header when it is
 * too tall for a page. Pure; used by the website's process pages and by controlled copies.
 */
import type { Settings } from '../model/types.js';
import { printLabels } from './labels.js';
import { pageOrientation, PAGE, printScale, sliceHeightFor, sliceSwimlaneSvg, viewBoxOf, type Orientation } from './svg-slice.js';

/** id of the process page's figure that its print bands show (one swimlane per process page). */
export const FIGURE_ID = 'fb-swimlane-figure';

export interface DiagramForPrint {
  readonly orientation: Orientation;
  /** The whole SVG (screen). */
  readonly screen: string;
  /** Bands for paper, each repeating the lane header; one item when the diagram fits a page. */
  readonly parts: readonly { svg: string; label: string }[];
  readonly sliced: boolean;
}

/** Place a diagram on paper: orientation, scale, and bands when too tall for a page. */
export function diagramForPrint(svg: string, settings: Settings, options: { useRef?: string } = {}): DiagramForPrint {
  const orientation = pageOrientation(svg);
  const l = printLabels(settings.language);
  const vb = viewBoxOf(svg);
  const max = sliceHeightFor(svg, orientation);
  // The first band shares page 1 with the title and header block (about 45% of a portrait page).
  const first = vb ? ((PAGE[orientation].height - (orientation === 'portrait' ? 330 : 300)) / printScale(vb.width, orientation)) : undefined;
  const bands = sliceSwimlaneSvg(svg, max, { ...(first !== undefined && first > 200 && { firstMaxHeight: first }), ...options });
  const width = vb ? vb.width * printScale(vb.width, orientation) : undefined;
  const sized = (s: string) => (width === undefined ? s : s.replace(/^<svg\b/, `<svg style="width:${Math.round(width)}px;max-width:100%;height:auto"`));
  return {
    orientation,
    screen: svg,
    parts: bands.map((b, i) => ({ svg: sized(b), label: bands.length > 1 ? l.part(i + 1, bands.length) : '' })),
    sliced: bands.length > 1,
  };
}

/**
 * For the website's process page: the diagram for screen and paper. When the diagram is too
 * tall for one printed page, the whole SVG is shown on screen only (`.fb-screen-only`) and its
 * bands, each repeating the lane header, on paper only (`.fb-print-only`); otherwise the SVG as is.
 */
export function diagramPrintHtml(svg: string, settings: Settings): string {
  // Most diagrams fit the first page: skip the slicing work for them (it runs on every page of a build).
  const vb = viewBoxOf(svg);
  if (!vb) return svg;
  const orientation = pageOrientation(svg);
  const firstPage = (PAGE[orientation].height - (orientation === 'portrait' ? 330 : 300)) / printScale(vb.width, orientation);
  if (vb.height <= Math.max(firstPage, 0)) return svg;
  // The bands draw the screen figure by reference, so the page carries the diagram once.
  const d = diagramForPrint(svg, settings, { useRef: FIGURE_ID });
  if (!d.sliced) return svg;
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  // The figure group starts after the SVG's own <title> and <desc>, which stay its accessible name.
  const body = svg.slice(open[0].length).replace(/<\/svg>\s*$/, '');
  const afterDesc = /^\s*<title\b[\s\S]*?<\/title>\s*(?:<desc\b[\s\S]*?<\/desc>)?/.exec(body)?.[0] ?? '';
  const screen = `${open[0]}${afterDesc}<g id="${FIGURE_ID}">${body.slice(afterDesc.length)}</g></svg>`;
  const bands = d.parts.map((p) => `<figure class="fb-diagram-band">${p.svg}${p.label ? `<figcaption>${p.label}</figcaption>` : ''}</figure>`).join('\n');
  return `<div class="fb-screen-only">${screen}</div>\n<div class="fb-print-only fb-print-diagram">${bands}</div>`;
}
