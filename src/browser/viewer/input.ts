/**
 * The reader's input to a chart viewer, wired in this order: page scroll, resize and the phone
 * breakpoint; the controls; keys and focus; the wheel; Safari's trackpad pinch; mouse (or pen)
 * drag; mouse presses; touch pinch.
 */
import type { ChartViewer } from './chart-viewer.js';

/** Safari's trackpad pinch (not in the DOM typings). */
interface GestureEvent extends UIEvent {
  readonly scale: number;
  readonly clientX: number;
  readonly clientY: number;
}

const closestIn = (t: EventTarget | null, selector: string): Element | null => (t instanceof Element ? t.closest(selector) : null);

/** Every listener of one viewer; `launch` is the phone's "show chart" button, when the page has one. */
export function listen(v: ChartViewer, launch: HTMLElement | null): void {
  listenLayout(v);
  listenControls(v, launch);
  listenKeys(v);
  listenWheel(v);
  listenGesture(v);
  listenDrag(v);
  listenPress(v);
  listenTouch(v);
}

/** Scrolling keeps the lane header strip in line; a resize or the phone breakpoint fits again (or keeps the reader's scale). */
function listenLayout(v: ChartViewer): void {
  const later = () => v.syncSoon();
  v.parts.scroller.addEventListener('scroll', later, { passive: true });
  window.addEventListener('scroll', later, { passive: true });
  window.addEventListener('resize', () => {
    if (v.mode === 'fit' || v.compact()) v.fit();
    else v.apply(v.scale);
  });
  const onMedia = () => {
    if (!v.expanded) v.fit();
  };
  const { compactQuery } = v;
  if (compactQuery.addEventListener) compactQuery.addEventListener('change', onMedia);
  else if (compactQuery.addListener) compactQuery.addListener(onMedia);
}

/** The controls' buttons (and the phone's "show chart") act by their data-act. */
function listenControls(v: ChartViewer, launch: HTMLElement | null): void {
  const onAct = (e: Event) => {
    const b = closestIn(e.target, '[data-act]') as HTMLElement | null;
    if (b) v.act(b.getAttribute('data-act'), b);
  };
  v.parts.bar.addEventListener('click', onAct);
  if (launch) launch.addEventListener('click', onAct);
}

/** Keys on the chart or its controls: + and - zoom, 0 is 100%; Escape leaves the expanded view, which keeps focus inside. */
function listenKeys(v: ChartViewer): void {
  const { viewer, scroller } = v.parts;
  viewer.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Tab' && v.expanded) return v.trapTab(e);
    if (v.compact()) return;
    const k = e.key;
    const what = k === '+' || k === '=' ? 'in' : k === '-' || k === '_' ? 'out' : k === '0' ? 'actual' : '';
    if (!what) return;
    e.preventDefault();
    v.act(what);
  });
  document.addEventListener('keydown', (e) => {
    if (v.expanded && (e.key === 'Escape' || e.key === 'Esc')) {
      e.preventDefault();
      v.close();
    }
  });
  document.addEventListener('focusin', (e) => {
    if (v.expanded && !viewer.contains(e.target as Node | null)) scroller.focus({ preventScroll: true });
  });
}

// Wheel: with ctrl or cmd (also a trackpad pinch) it zooms the chart; otherwise the browser
// scrolls as usual (the page, or the chart when expanded).
function listenWheel(v: ChartViewer): void {
  v.parts.stage.addEventListener(
    'wheel',
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || v.compact()) return;
      e.preventDefault();
      const d = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
      v.zoomAt(v.scale * Math.exp(-Math.max(-300, Math.min(300, d)) * 0.0025), e.clientX, e.clientY);
      v.announceSoon();
    },
    { passive: false },
  );
}

/** Safari's trackpad pinch. */
function listenGesture(v: ChartViewer): void {
  const { stage } = v.parts;
  let gestureStart = 1;
  stage.addEventListener('gesturestart', (e) => {
    if (v.compact()) return;
    e.preventDefault();
    gestureStart = v.scale;
  });
  stage.addEventListener('gesturechange', (ev) => {
    const e = ev as GestureEvent;
    if (v.compact()) return;
    e.preventDefault();
    v.zoomAt(gestureStart * e.scale, e.clientX, e.clientY);
    v.announceSoon();
  });
}

/**
 * Drag with the mouse (or a pen): sideways pans the chart, up and down scrolls the page (the
 * chart when expanded). A click that did not move still follows a link in the chart.
 */
function listenDrag(v: ChartViewer): void {
  const { stage, scroller, viewer } = v.parts;
  let drag: { id: number; x: number; y: number; left: number; top: number; pageY: number; moved: boolean } | null = null;
  let dragged = false;
  stage.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || e.button !== 0 || v.compact()) return;
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
    if (v.expanded) scroller.scrollTop = drag.top - dy;
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
      if (v.compact() && !closestIn(e.target, 'a')) v.open(v.parts.expandButton);
    },
    true,
  );
}

/** A mouse press on the chart starts no text selection (it would start with the drag) and focuses the chart. */
function listenPress(v: ChartViewer): void {
  const { stage, scroller } = v.parts;
  stage.addEventListener('mousedown', (e) => {
    if (e.button === 0 && !v.compact() && !closestIn(e.target, 'a')) e.preventDefault();
  });
  stage.addEventListener('mousedown', (e) => {
    if (e.button === 0 && !v.compact()) scroller.focus({ preventScroll: true });
  });
}

/** Touch: one finger scrolls as the browser does; two fingers pinch-zoom the chart. */
function listenTouch(v: ChartViewer): void {
  const { stage, svg } = v.parts;
  let pinch: { d: number; s: number; fx: number; fy: number } | null = null;
  const distance = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY) || 1;
  const middle = (t: TouchList) => ({ x: (t[0]!.clientX + t[1]!.clientX) / 2, y: (t[0]!.clientY + t[1]!.clientY) / 2 });
  stage.addEventListener(
    'touchstart',
    (e) => {
      if (e.touches.length !== 2 || v.compact()) {
        pinch = null;
        return;
      }
      const m = middle(e.touches);
      const r = svg.getBoundingClientRect();
      pinch = { d: distance(e.touches), s: v.scale, fx: (m.x - r.left) / v.scale, fy: (m.y - r.top) / v.scale };
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
      v.zoomAt(pinch.s * (distance(e.touches) / pinch.d), m.x, m.y, pinch);
    },
    { passive: false },
  );
  stage.addEventListener('touchend', (e) => {
    if (pinch && e.touches.length < 2) {
      pinch = null;
      v.announce();
    }
  });
  stage.addEventListener('touchcancel', () => {
    pinch = null;
  });
}
