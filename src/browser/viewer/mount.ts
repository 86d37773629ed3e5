/** Puts the viewer around a chart: the controls from the page's template, the stage, the lane header strip. */
import { laneHeader, type LaneHeader } from './lane-header.js';

/** The viewer's elements and the chart's natural size. */
export interface ViewerParts {
  /** The chart's scrolling box (the page's [data-fb-viewer]). */
  readonly scroller: HTMLElement;
  readonly svg: SVGSVGElement;
  /** The chart's natural width and height (its viewBox, else its width and height). */
  readonly W: number;
  readonly H: number;
  readonly viewer: HTMLDivElement;
  readonly stage: HTMLDivElement;
  readonly bar: HTMLElement;
  readonly head: LaneHeader | null;
  /** The chart's name (the scroller's aria-label), also the expanded view's. */
  readonly label: string;
  readonly pct: Element | null;
  readonly status: Element | null;
  readonly expandButton: HTMLElement | null;
}

/** A copy of one part of the page's <template id="fb-viewer-tools">. */
export function part(template: HTMLTemplateElement, name: string): HTMLElement | null {
  const el = template.content.querySelector(name);
  return el ? (el.cloneNode(true) as HTMLElement) : null;
}

/** The chart on screen (not the print-only copy) and its natural size; null when there is none or it has no size. */
function chartOf(scroller: HTMLElement): { svg: SVGSVGElement; W: number; H: number } | null {
  const svg = Array.from(scroller.querySelectorAll('svg')).find((s) => !s.closest('.fb-print-only'));
  if (!svg) return null;
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const W = vb && vb.width > 0 ? vb.width : parseFloat(svg.getAttribute('width') ?? '');
  const H = vb && vb.height > 0 ? vb.height : parseFloat(svg.getAttribute('height') ?? '');
  return W > 0 && H > 0 ? { svg, W, H } : null;
}

/** Wraps the scroller in the viewer (controls above, lane header strip over the stage); null, and nothing changed, when there is no chart or no controls. */
export function mountViewer(scroller: HTMLElement, template: HTMLTemplateElement): ViewerParts | null {
  const chart = chartOf(scroller);
  if (!chart) return null;
  const { svg, W, H } = chart;
  const bar = part(template, '.fb-viewer-bar');
  if (!bar) return null;
  const viewer = document.createElement('div');
  viewer.className = 'fb-viewer';
  const stage = document.createElement('div');
  stage.className = 'fb-viewer-stage';
  scroller.parentNode!.insertBefore(viewer, scroller);
  const head = laneHeader(svg, W);
  if (head) stage.appendChild(head.box);
  stage.appendChild(scroller);
  viewer.appendChild(bar);
  viewer.appendChild(stage);
  svg.classList.add('fb-viewer-svg');
  viewer.classList.add('fb-viewer-on');

  const label = scroller.getAttribute('aria-label') || '';
  const title = bar.querySelector('.fb-viewer-title');
  if (title) title.textContent = label;
  const pct = bar.querySelector('.fb-viewer-pct');
  const status = bar.querySelector('[role="status"]');
  const expandButton = bar.querySelector<HTMLElement>('[data-act="expand"]');
  return { scroller, svg, W, H, viewer, stage, bar, head, label, pct, status, expandButton };
}

/**
 * One page, one chart: the phone's "show chart" button goes before the step list (returned, or
 * null when the page has no step list), and the figure's hint says how to use the viewer.
 */
export function mountPageParts(template: HTMLTemplateElement): HTMLElement | null {
  const steps = document.querySelector('.fb-steps');
  let launch = part(template, '.fb-viewer-launch');
  if (steps && launch) steps.parentNode!.insertBefore(launch, steps);
  else launch = null;
  const hint = document.querySelector('.fb-diagram-hint');
  const words = part(template, '.fb-viewer-hint');
  if (hint && words) hint.textContent = words.textContent;
  return launch;
}
