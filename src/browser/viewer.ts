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

const SVGNS = 'http://www.w3.org/2000/svg';
const STEPS = [0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const MAX = 4;

/** Safari's trackpad pinch (not in the DOM typings). */
interface GestureEvent extends UIEvent {
  readonly scale: number;
  readonly clientX: number;
  readonly clientY: number;
}

interface LaneHeader {
  readonly box: HTMLDivElement;
  readonly svg: SVGSVGElement;
  readonly height: number;
}

const closestIn = (t: EventTarget | null, selector: string): Element | null => (t instanceof Element ? t.closest(selector) : null);

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

function part(template: HTMLTemplateElement, name: string): HTMLElement | null {
  const el = template.content.querySelector(name);
  return el ? (el.cloneNode(true) as HTMLElement) : null;
}

function setup(scroller: HTMLElement, first: boolean, template: HTMLTemplateElement, compactQuery: MediaQueryList): void {
  const svg = Array.from(scroller.querySelectorAll('svg')).find((s) => !s.closest('.fb-print-only'));
  if (!svg) return;
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const W = vb && vb.width > 0 ? vb.width : parseFloat(svg.getAttribute('width') ?? '');
  const H = vb && vb.height > 0 ? vb.height : parseFloat(svg.getAttribute('height') ?? '');
  if (!(W > 0 && H > 0)) return;

  const bar = part(template, '.fb-viewer-bar');
  if (!bar) return;
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

  // One page, one chart: the phone's "show chart" button goes before the step list, and the
  // figure's hint says how to use the viewer.
  let launch: HTMLElement | null = null;
  if (first) {
    const steps = document.querySelector('.fb-steps');
    launch = part(template, '.fb-viewer-launch');
    if (steps && launch) steps.parentNode!.insertBefore(launch, steps);
    else launch = null;
    const hint = document.querySelector('.fb-diagram-hint');
    const words = part(template, '.fb-viewer-hint');
    if (hint && words) hint.textContent = words.textContent;
  }

  let scale = 1;
  let mode: 'fit' | 'manual' = 'fit'; // 'fit': follows the width of the box; 'manual': the reader's scale
  let expanded = false;
  let saved: { scale: number; mode: 'fit' | 'manual' } | null = null;
  let opener: HTMLElement | null = null;

  const compact = () => compactQuery.matches && !expanded;
  function fitScale() {
    const cs = getComputedStyle(scroller);
    const room = scroller.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return Math.max(0.05, Math.min(1, room / W));
  }
  const minScale = () => Math.min(STEPS[0]!, fitScale());
  const clamp = (s: number) => Math.max(minScale(), Math.min(MAX, s));

  function apply(s: number) {
    scale = clamp(s);
    viewer.style.setProperty('--fb-barh', (expanded ? 0 : bar!.offsetHeight) + 'px');
    viewer.style.setProperty('--fb-vw', (W * scale).toFixed(2) + 'px');
    viewer.style.setProperty('--fb-vh', (H * scale).toFixed(2) + 'px');
    if (head) {
      head.svg.setAttribute('width', (W * scale).toFixed(2));
      head.svg.setAttribute('height', (head.height * scale).toFixed(2));
      head.box.style.height = (head.height * scale).toFixed(2) + 'px';
      head.box.style.marginBottom = (-head.height * scale).toFixed(2) + 'px';
    }
    if (pct) pct.textContent = Math.round(scale * 100) + '%';
    viewer.classList.toggle('fb-viewer-clipped', compact() && H * scale > stage.clientHeight + 1);
    sync();
  }
  function fit() {
    mode = 'fit';
    apply(fitScale());
    // A scroll bar that appeared with the new size narrows the box: fit once more.
    if (Math.abs(fitScale() - scale) > 0.001) apply(fitScale());
  }
  function announce() {
    if (!status) return;
    const text = (status.getAttribute('data-label') || '') + ' ' + Math.round(scale * 100) + '%';
    // The same words again are not read out by every screen reader: vary them invisibly.
    status.textContent = status.textContent === text ? text + '\u00a0' : text;
  }

  /** Zoom to `s`, keeping the chart point under (x, y) (client coordinates) where it is. */
  function zoomAt(s: number, x: number, y: number, from?: { fx: number; fy: number }) {
    const r = svg!.getBoundingClientRect();
    const old = scale;
    const fx = from ? from.fx : (x - r.left) / old;
    const fy = from ? from.fy : (y - r.top) / old;
    mode = 'manual';
    apply(s);
    const r2 = svg!.getBoundingClientRect();
    scroller.scrollLeft += r2.left + fx * scale - x;
    const dy = r2.top + fy * scale - y;
    if (expanded) scroller.scrollTop += dy;
    else if (Math.abs(dy) > 0.5) window.scrollBy(0, dy);
    sync();
  }
  function viewCentre() {
    const r = scroller.getBoundingClientRect();
    // Below the controls and the lane header strip when they are stuck at the top.
    const top = Math.max(r.top, expanded ? 0 : bar!.getBoundingClientRect().bottom + (head ? head.box.offsetHeight : 0));
    const bottom = Math.min(r.bottom, window.innerHeight || document.documentElement.clientHeight);
    return { x: r.left + r.width / 2, y: bottom > top ? (top + bottom) / 2 : r.top };
  }
  function zoomCentre(s: number) {
    const c = viewCentre();
    zoomAt(s, c.x, c.y);
  }
  function step(dir: 1 | -1) {
    const s = scale;
    let next = dir > 0 ? MAX : minScale();
    for (const v of STEPS) {
      if (dir > 0 && v > s * 1.001) {
        next = v;
        break;
      }
      if (dir < 0 && v < s * 0.999) next = v;
    }
    if (dir < 0 && next < minScale()) next = minScale();
    return next;
  }

  function act(what: string | null, source?: HTMLElement) {
    if (what === 'in') zoomCentre(step(1));
    else if (what === 'out') zoomCentre(step(-1));
    else if (what === 'actual') zoomCentre(1);
    else if (what === 'fit') {
      fit();
      scroller.scrollLeft = 0;
    } else if (what === 'expand') {
      if (expanded) close();
      else open(source);
      return;
    } else if (what === 'show') {
      open(source);
      return;
    } else return;
    announce();
  }

  // The lane header strip: visible when the chart's own header row has scrolled out of view,
  // lined up with the chart as it pans and zooms.
  let pending = false;
  function sync() {
    if (!head) return;
    const r = svg!.getBoundingClientRect();
    const h = head.box.getBoundingClientRect();
    head.svg.style.transform = 'translateX(' + (r.left - h.left).toFixed(2) + 'px)';
    // (The phone preview shows the top of the chart, header and all: never there.)
    viewer.classList.toggle('fb-viewer-stuck', !compact() && r.top < h.top - 0.5 && r.bottom > h.bottom);
  }
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      sync();
    });
  }
  scroller.addEventListener('scroll', later, { passive: true });
  window.addEventListener('scroll', later, { passive: true });
  window.addEventListener('resize', () => {
    if (mode === 'fit' || compact()) fit();
    else apply(scale);
  });
  const onMedia = () => {
    if (!expanded) fit();
  };
  if (compactQuery.addEventListener) compactQuery.addEventListener('change', onMedia);
  else if (compactQuery.addListener) compactQuery.addListener(onMedia);

  const onAct = (e: Event) => {
    const b = closestIn(e.target, '[data-act]') as HTMLElement | null;
    if (b) act(b.getAttribute('data-act'), b);
  };
  bar.addEventListener('click', onAct);
  if (launch) launch.addEventListener('click', onAct);

  // Keys on the chart or its controls: + and - zoom, 0 is 100%; Escape leaves the expanded view.
  viewer.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Tab' && expanded) return trapTab(e);
    if (compact()) return;
    const k = e.key;
    const what = k === '+' || k === '=' ? 'in' : k === '-' || k === '_' ? 'out' : k === '0' ? 'actual' : '';
    if (!what) return;
    e.preventDefault();
    act(what);
  });
  document.addEventListener('keydown', (e) => {
    if (expanded && (e.key === 'Escape' || e.key === 'Esc')) {
      e.preventDefault();
      close();
    }
  });
  document.addEventListener('focusin', (e) => {
    if (expanded && !viewer.contains(e.target as Node | null)) scroller.focus({ preventScroll: true });
  });
  function focusables() {
    return Array.from(viewer.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')).filter((el) => el.getClientRects().length && !el.closest('.fb-print-only'));
  }
  function trapTab(e: KeyboardEvent) {
    const f = focusables();
    if (!f.length) return;
    const a = document.activeElement;
    if (e.shiftKey && a === f[0]) {
      e.preventDefault();
      f[f.length - 1]!.focus();
    } else if (!e.shiftKey && a === f[f.length - 1]) {
      e.preventDefault();
      f[0]!.focus();
    }
  }

  function swap(button: HTMLElement, to: 'open' | 'close') {
    button.textContent = button.getAttribute('data-' + to);
    const tip = button.getAttribute('data-' + to + '-title');
    if (tip) button.setAttribute('title', tip);
    else button.removeAttribute('title');
  }
  function open(source?: HTMLElement | null) {
    if (expanded) return;
    saved = { scale, mode };
    opener = source || (document.activeElement as HTMLElement | null);
    expanded = true;
    viewer.classList.add('fb-viewer-expanded');
    viewer.setAttribute('role', 'dialog');
    viewer.setAttribute('aria-modal', 'true');
    viewer.setAttribute('aria-label', label);
    document.documentElement.classList.add('fb-viewer-lock');
    if (expandButton) swap(expandButton, 'close');
    viewer.style.setProperty('--fb-sbw', '0px');
    fit();
    viewer.style.setProperty('--fb-sbw', scroller.offsetWidth - scroller.clientWidth + 'px');
    scroller.scrollTop = 0;
    scroller.scrollLeft = 0;
    scroller.focus({ preventScroll: true });
    announce();
    sync();
  }
  function close() {
    if (!expanded) return;
    expanded = false;
    viewer.classList.remove('fb-viewer-expanded');
    viewer.removeAttribute('role');
    viewer.removeAttribute('aria-modal');
    viewer.removeAttribute('aria-label');
    document.documentElement.classList.remove('fb-viewer-lock');
    if (expandButton) swap(expandButton, 'open');
    if (saved && saved.mode === 'manual' && !compact()) {
      mode = 'manual';
      apply(saved.scale);
    } else fit();
    const back = opener && document.contains(opener) && opener.getClientRects().length ? opener : expandButton;
    if (back) back.focus();
    opener = null;
    sync();
  }

  // Wheel: with ctrl or cmd (also a trackpad pinch) it zooms the chart; otherwise the browser
  // scrolls as usual (the page, or the chart when expanded).
  stage.addEventListener(
    'wheel',
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || compact()) return;
      e.preventDefault();
      const d = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
      zoomAt(scale * Math.exp(-Math.max(-300, Math.min(300, d)) * 0.0025), e.clientX, e.clientY);
      announceSoon();
    },
    { passive: false },
  );
  let announceTimer = 0;
  function announceSoon() {
    clearTimeout(announceTimer);
    announceTimer = window.setTimeout(announce, 300);
  }

  // Safari's trackpad pinch.
  let gestureStart = 1;
  stage.addEventListener('gesturestart', (e) => {
    if (compact()) return;
    e.preventDefault();
    gestureStart = scale;
  });
  stage.addEventListener('gesturechange', (ev) => {
    const e = ev as GestureEvent;
    if (compact()) return;
    e.preventDefault();
    zoomAt(gestureStart * e.scale, e.clientX, e.clientY);
    announceSoon();
  });

  // Drag with the mouse (or a pen): sideways pans the chart, up and down scrolls the page (the
  // chart when expanded). A click that did not move still follows a link in the chart.
  let drag: { id: number; x: number; y: number; left: number; top: number; pageY: number; moved: boolean } | null = null;
  let dragged = false;
  stage.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || e.button !== 0 || compact()) return;
    const r = scroller.getBoundingClientRect();
    // Not on the scroll bars.
    if (e.clientX - r.left >= scroller.clientLeft + scroller.clientWidth || e.clientY - r.top >= scroller.clientTop + scroller.clientHeight) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, left: scroller.scrollLeft, top: scroller.scrollTop, pageY: window.pageYOffset, moved: false };
    dragged = false;
  });
  stage.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved) {
      if (Math.abs(dx) < 4 && Math.abs(dy) < 4) return;
      drag.moved = true;
      viewer.classList.add('fb-viewer-dragging');
      try {
        stage.setPointerCapture(e.pointerId);
      } catch {
        /* the pointer is gone */
      }
    }
    e.preventDefault();
    scroller.scrollLeft = drag.left - dx;
    if (expanded) scroller.scrollTop = drag.top - dy;
    else window.scrollTo(window.pageXOffset, drag.pageY - dy);
  });
  function endDrag(e: PointerEvent) {
    if (!drag || e.pointerId !== drag.id) return;
    dragged = drag.moved;
    drag = null;
    viewer.classList.remove('fb-viewer-dragging');
  }
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);
  stage.addEventListener(
    'click',
    (e) => {
      if (dragged) {
        dragged = false;
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      // The phone preview: a tap opens the chart full-window (links in it still work).
      if (compact() && !closestIn(e.target, 'a')) open(expandButton);
    },
    true,
  );
  // A text selection would start with the drag.
  stage.addEventListener('mousedown', (e) => {
    if (e.button === 0 && !compact() && !closestIn(e.target, 'a')) e.preventDefault();
  });
  stage.addEventListener('mousedown', (e) => {
    if (e.button === 0 && !compact()) scroller.focus({ preventScroll: true });
  });

  // Touch: one finger scrolls as the browser does; two fingers pinch-zoom the chart.
  let pinch: { d: number; s: number; fx: number; fy: number } | null = null;
  const distance = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY) || 1;
  const middle = (t: TouchList) => ({ x: (t[0]!.clientX + t[1]!.clientX) / 2, y: (t[0]!.clientY + t[1]!.clientY) / 2 });
  stage.addEventListener(
    'touchstart',
    (e) => {
      if (e.touches.length !== 2 || compact()) {
        pinch = null;
        return;
      }
      const m = middle(e.touches);
      const r = svg.getBoundingClientRect();
      pinch = { d: distance(e.touches), s: scale, fx: (m.x - r.left) / scale, fy: (m.y - r.top) / scale };
      if (e.cancelable) e.preventDefault();
    },
    { passive: false },
  );
  stage.addEventListener(
    'touchmove',
    (e) => {
      if (!pinch || e.touches.length !== 2) return;
      if (e.cancelable) e.preventDefault();
      const m = middle(e.touches);
      zoomAt(pinch.s * (distance(e.touches) / pinch.d), m.x, m.y, pinch);
    },
    { passive: false },
  );
  stage.addEventListener('touchend', (e) => {
    if (pinch && e.touches.length < 2) {
      pinch = null;
      announce();
    }
  });
  stage.addEventListener('touchcancel', () => {
    pinch = null;
  });

  fit();
}

/** A copy of the chart's lane header row (native renderer: rect.fb-lane-header and its titles). */
function laneHeader(svg: SVGSVGElement, W: number): LaneHeader | null {
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

export {};
