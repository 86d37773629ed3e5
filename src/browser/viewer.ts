/* Flowbook: the chart viewer on process pages (assets/viewer.js).
 *
 * The chart stays a plain inline SVG in the page (it shows without scripts, from file://, and in
 * print). This script adds, on screen only:
 *  - the chart at its natural size when it fits, else fitted to the width;
 *  - controls (zoom out, zoom in, fit width, 100%, expand) from the page's
 *    <template id="fb-viewer-tools">, so the words follow the handbook's language;
 *  - drag to pan; ctrl/cmd + wheel, a trackpad pinch or a touch pinch zooms; a plain wheel
 *    scrolls the page (never trapped in the chart), except in the expanded view;
 *  - an expanded (full-window) view that Escape closes, focus kept inside while it is open and
 *    returned to the button that opened it;
 *  - the lane header row kept in view while a tall chart scrolls (a copy in a small strip);
 *  - on phones (<= 600 px) a fitted preview after the step list and a "show chart" button before
 *    it that opens the expanded view fitted to the width;
 *  - the scale announced to screen readers ("缩放 150%" / "Zoom 150%").
 * Sizes are CSS variables used by @media screen rules only, so printing is as without the script.
 */

import { ChartViewer } from './viewer/chart-viewer.js';
import { listen } from './viewer/input.js';
import { mountPageParts, mountViewer } from './viewer/mount.js';

const tools = document.getElementById('fb-viewer-tools');
if (tools instanceof HTMLTemplateElement && window.matchMedia) {
  const template = tools;
  const compactQuery = window.matchMedia('(max-width: 600px)');
  const setupAll = () => {
    const boxes = document.querySelectorAll<HTMLElement>('[data-fb-viewer]');
    boxes.forEach((box, i) => {
      if (box.hasAttribute('data-fb-viewer-ready')) return;
      box.setAttribute('data-fb-viewer-ready', '');
      setup(box, i === 0, template, compactQuery);
    });
  };
  setupAll();
  // The dev server's live reload swaps <main> in place; the new chart gets its controls too.
  document.addEventListener('flowbook:swapped', setupAll);
}

/** One chart's viewer: its parts (src/browser/viewer/mount.ts), its state (chart-viewer.ts), the reader's input (input.ts). */
function setup(scroller: HTMLElement, first: boolean, template: HTMLTemplateElement, compactQuery: MediaQueryList): void {
  const parts = mountViewer(scroller, template);
  if (!parts) return;
  const launch = first ? mountPageParts(template) : null;
  const viewer = new ChartViewer(parts, compactQuery);
  listen(viewer, launch);
  viewer.fit();
}
