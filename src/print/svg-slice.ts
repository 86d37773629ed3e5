/**
 * Print geometry for swimlane diagrams: the page orientation that keeps a diagram legible, and
 * slicing a tall diagram into page-sized bands that each repeat the lane header row. Pure string
 * work on the native renderer's SVG (src/diagram/native/svg.ts):
 *
 * - the size comes from the root `viewBox`;
 * - the header row is `<rect class="fb-lane-header" ... height="H">` with the lane titles
 *   (`<text class="fb-lane-title">`), lane dividers (`<line class="fb-lane-divider">`) and the
 *   rule under the header (`<line class="fb-header-rule">`);
 * - cuts go between rows: never through a node (`<g class="fb-node">` shapes) or an edge label
 *   (`<g class="fb-edge-label">` boxes), only across lines.
 * An SVG without a lane header (Mermaid, the fallback drawing) is never sliced.
 */

/** A4 content box in CSS px (96 dpi) with the margins of assets/print.css. */
export const PAGE = {
  portrait: { width: 688, height: 930 },
  landscape: { width: 1017, height: 600 },
} as const;
/** Smallest scale (printed size / drawn size) at which 13px diagram text stays easy to read. */
export const MIN_LEGIBLE_SCALE = 0.8;
/** Small diagrams may grow this much to fill the page width. */
export const MAX_UPSCALE = 1.25;

export type Orientation = 'portrait' | 'landscape';

export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const OPEN_TAG = /<svg\b[^>]*>/;

export function viewBoxOf(svg: string): ViewBox | undefined {
  const tag = OPEN_TAG.exec(svg)?.[0];
  if (!tag) return undefined;
  const m = /\sviewBox="([^"]*)"/.exec(tag);
  if (m) {
    const n = m[1]!.trim().split(/[\s,]+/).map(Number);
    if (n.length === 4 && n.every(Number.isFinite) && n[2]! > 0 && n[3]! > 0) return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
  }
  const w = /\swidth="([\d.]+)(?:px)?"/.exec(tag);
  const h = /\sheight="([\d.]+)(?:px)?"/.exec(tag);
  if (w && h) return { x: 0, y: 0, width: Number(w[1]), height: Number(h[1]) };
  return undefined;
}

/**
 * Portrait unless fitting the diagram to a portrait page's width would shrink its text below
 * MIN_LEGIBLE_SCALE; then landscape (about 1.5 times wider). Pure.
 */
export function pageOrientation(svg: string): Orientation {
  const vb = viewBoxOf(svg);
  if (!vb) return 'portrait';
  return PAGE.portrait.width / vb.width < MIN_LEGIBLE_SCALE ? 'landscape' : 'portrait';
}

/** Printed size / drawn size of the diagram on a page of that orientation (fit to width). */
export function printScale(width: number, orientation: Orientation): number {
  return Math.min(MAX_UPSCALE, PAGE[orientation].width / width);
}

/** Diagram height (drawing units) that fits one page below a caption. */
export function sliceHeightFor(svg: string, orientation: Orientation, fraction = 0.92): number {
  const vb = viewBoxOf(svg);
  if (!vb) return Infinity;
  return (PAGE[orientation].height * fraction) / printScale(vb.width, orientation);
}

const num = (n: number) => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Vertical extents of everything a cut must not cross. */
const Y_ATTR = /\sy="(-?[\d.]+)"/;
const HEIGHT_ATTR = /\sheight="(-?[\d.]+)"/;

function obstacles(svg: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const attr = (tag: string, re: RegExp) => {
    const m = re.exec(tag);
    return m ? Number(m[1]) : undefined;
  };
  const groups = /<g class="(?:fb-node|fb-edge-label)\b[^"]*"[^>]*>([\s\S]*?)<\/g>/g;
  for (const g of svg.matchAll(groups)) {
    const inner = g[1]!;
    let top = Infinity;
    let bottom = -Infinity;
    for (const r of inner.matchAll(/<rect\b[^>]*>/g)) {
      const y = attr(r[0], Y_ATTR);
      const h = attr(r[0], HEIGHT_ATTR);
      if (y !== undefined && h !== undefined) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + h);
      }
    }
    for (const p of inner.matchAll(/<polygon\b[^>]*\spoints="([^"]*)"/g)) {
      const nums = p[1]!.trim().split(/[\s,]+/).map(Number);
      for (let i = 1; i < nums.length; i += 2) {
        top = Math.min(top, nums[i]!);
        bottom = Math.max(bottom, nums[i]!);
      }
    }
    for (const t of inner.matchAll(/<tspan\b[^>]*\sy="(-?[\d.]+)"/g)) {
      const y = Number(t[1]);
      top = Math.min(top, y - 14);
      bottom = Math.max(bottom, y + 5);
    }
    if (top <= bottom) out.push([top, bottom]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Gaps between obstacles (after `from`), as [start, end] pairs, merged and sorted. */
function gaps(obs: Array<[number, number]>, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let cursor = from;
  for (const [a, b] of obs) {
    if (b < cursor) continue;
    if (a > cursor) out.push([cursor, Math.min(a, to)]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}

/** The header row, redrawn: background, titles, dividers cut to the header, rule. */
function headerMarkup(svg: string, headerHeight: number): string {
  const parts: string[] = [];
  const bg = /<rect class="fb-lane-header"[^>]*\/>/.exec(svg);
  if (bg) parts.push(bg[0]);
  for (const t of svg.matchAll(/<text class="fb-lane-title"[\s\S]*?<\/text>/g)) parts.push(t[0]);
  for (const l of svg.matchAll(/<line class="fb-lane-divider"[^>]*\/>/g)) parts.push(l[0].replace(/\sy2="[^"]*"/, ` y2="${num(headerHeight)}"`));
  const rule = /<line class="fb-header-rule"[^>]*\/>/.exec(svg);
  if (rule) parts.push(rule[0]);
  return parts.join('');
}

/**
 * Most characters all bands of one diagram may take together. Each band repeats the whole figure
 * (clipped by its viewBox), so bands x size grows with the square of a diagram's height: a
 * 2,000-step process made a 240 MB page, and a 200,000-character step text more than a string can
 * hold. Beyond this the diagram is not sliced (printed whole, scaled, without repeated headers).
 */
export const MAX_SLICED_CHARS = 8_000_000;

/**
 * Cut a tall swimlane SVG into bands of at most `maxHeight` drawing units (header included), each
 * an `<svg>` showing the lane header row and then its band of rows. Returns `[svg]` when the
 * diagram fits, or when it has no lane header to repeat. `firstMaxHeight` may make the first band
 * shorter (it shares its page with the document header).
 */
export function sliceSwimlaneSvg(svg: string, maxHeight: number, options: { firstMaxHeight?: number; useRef?: string } = {}): string[] {
  const vb = viewBoxOf(svg);
  const open = OPEN_TAG.exec(svg);
  const headerRect = /<rect class="fb-lane-header"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!vb || !open || !headerRect) return [svg];
  const hh = Number(headerRect[1]);
  const top = vb.y + hh;
  const bottom = vb.y + vb.height;
  if (vb.height <= maxHeight && vb.height <= (options.firstMaxHeight ?? Infinity)) return [svg];
  const obs = obstacles(svg);
  const bands: Array<[number, number]> = [];
  let s = top;
  while (s < bottom - 0.5) {
    const limit = (bands.length === 0 && options.firstMaxHeight !== undefined ? Math.min(options.firstMaxHeight, maxHeight) : maxHeight) - hh;
    const room = Math.max(limit, 40);
    if (bottom - s <= room) {
      bands.push([s, bottom]);
      break;
    }
    const candidates = gaps(obs, s, s + room).filter(([a, b]) => b > s + 1 && a < s + room);
    // The lowest gap in reach; cut in its middle (or at the limit when the gap runs past it).
    const g = candidates.filter(([a]) => a > s + 1).pop();
    const e = g ? Math.min((g[0] + g[1]) / 2, s + room) : s + room;
    bands.push([s, e]);
    s = e;
  }
  if (bands.length <= 1 || (options.useRef === undefined && bands.length * svg.length > MAX_SLICED_CHARS)) return [svg];

  const header = headerMarkup(svg, hh);
  const body = svg.slice(open[0].length).replace(/<\/svg>\s*$/, '');
  // The bands are print copies of the whole figure: no ids (they would repeat), hidden from
  // assistive technology (the whole SVG on screen and the step table carry the meaning).
  // With `useRef`, a band shows the figure by reference (`<use>`) instead of a copy: on a web page
  // that keeps the page small however tall the diagram (the referenced group is in the same page).
  const inner =
    options.useRef !== undefined
      ? `<use href="#${options.useRef}"/>`
      : body.replace(/\s(?:id|aria-labelledby|aria-describedby)="[^"]*"/g, '').replace(/<desc>[\s\S]*?<\/desc>/, '');
  const frame = /<rect class="fb-frame"[^>]*\sstroke="([^"]*)"/.exec(svg)?.[1] ?? '#1f2937';
  return bands.map(([a, b], i) => {
    const y0 = a - hh;
    const h = b - y0;
    const tag = open[0]
      .replace(/\sviewBox="[^"]*"/, ` viewBox="${num(vb.x)} ${num(y0)} ${num(vb.width)} ${num(h)}"`)
      .replace(/\swidth="[^"]*"/, ` width="${num(vb.width)}"`)
      .replace(/\sheight="[^"]*"/, ` height="${num(h)}"`)
      .replace(/\s(?:aria-labelledby|aria-describedby|role)="[^"]*"/g, '')
      .replace(/\sclass="([^"]*)"/, ` class="$1 fb-diagram-part" data-part="${i + 1}" data-parts="${bands.length}" aria-hidden="true"`);
    const repeated =
      i === 0
        ? ''
        : `<g class="fb-repeated-header">` +
          `<rect x="${num(vb.x)}" y="${num(y0 - 1)}" width="${num(vb.width)}" height="${num(hh + 1)}" fill="#fff"/>` +
          `<g transform="translate(0 ${num(y0 - vb.y)})">${header}</g></g>`;
    const frameRect = `<rect class="fb-part-frame" x="${num(vb.x + 0.75)}" y="${num(y0 + 0.75)}" width="${num(vb.width - 1.5)}" height="${num(h - 1.5)}" fill="none" stroke="${frame}" stroke-width="1.5"/>`;
    return `${tag}${inner}${repeated}${frameRect}</svg>`;
  });
}
