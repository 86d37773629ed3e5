/** The lane header strip: a copy of the chart's lane header row, kept in view while a tall chart scrolls. */

const SVGNS = 'http://www.w3.org/2000/svg';

export interface LaneHeader {
  readonly box: HTMLDivElement;
  readonly svg: SVGSVGElement;
  readonly height: number;
}

/** A copy of the chart's lane header row (native renderer: rect.fb-lane-header and its titles). */
export function laneHeader(svg: SVGSVGElement, W: number): LaneHeader | null {
  const rect = svg.querySelector('rect.fb-lane-header');
  const h = rect ? parseFloat(rect.getAttribute('height') ?? '') : NaN;
  if (!(h > 0)) return null;
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const x0 = vb ? vb.x : 0;
  const y0 = vb ? vb.y : 0;
  const height = h + 1;
  const strip = document.createElementNS(SVGNS, 'svg');
  strip.setAttribute('viewBox', x0 + ' ' + y0 + ' ' + W + ' ' + height);
  strip.setAttribute('preserveAspectRatio', 'none');
  strip.setAttribute('aria-hidden', 'true');
  strip.setAttribute('focusable', 'false');
  for (const a of ['font-family', 'font-size']) {
    const v = svg.getAttribute(a);
    if (v !== null) strip.setAttribute(a, v);
  }
  for (const p of Array.from(svg.querySelectorAll('rect.fb-lane-header, text.fb-lane-title, line.fb-lane-divider, line.fb-header-rule, rect.fb-frame'))) {
    const c = p.cloneNode(true) as Element;
    c.removeAttribute('id');
    strip.appendChild(c);
  }
  const box = document.createElement('div');
  box.className = 'fb-viewer-head';
  box.setAttribute('aria-hidden', 'true');
  box.appendChild(strip);
  return { box, svg: strip, height };
}
