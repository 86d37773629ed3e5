/**
 * One chart's viewer: its scale (fitted to the width, or the reader's), zooming about a point,
 * the expanded (full-window) view, the lane header strip lined up with the chart, and the scale
 * announced to screen readers. The reader's input (keys, wheel, drag, pinch) is wired in input.ts.
 */
import type { ViewerParts } from './mount.js';

/** The scales the zoom buttons and keys step through. */
const STEPS = [0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const MAX = 4;

type Mode = 'fit' | 'manual';

/** The expand button's words for what it does next. */
function swap(button: HTMLElement, to: 'open' | 'close'): void {
  button.textContent = button.getAttribute('data-' + to);
  const tip = button.getAttribute('data-' + to + '-title');
  if (tip) button.setAttribute('title', tip);
  else button.removeAttribute('title');
}

export class ChartViewer {
  scale = 1;
  /** 'fit': follows the width of the box; 'manual': the reader's scale. */
  mode: Mode = 'fit';
  expanded = false;
  /** The scale before the expanded view opened, back when it closes. */
  private saved: { scale: number; mode: Mode } | null = null;
  /** What had focus when the expanded view opened: it gets it back. */
  private opener: HTMLElement | null = null;
  private pending = false;
  private announceTimer = 0;

  constructor(
    readonly parts: ViewerParts,
    /** The phone breakpoint (<= 600 px). */
    readonly compactQuery: MediaQueryList,
  ) {}

  /** The phone preview (<= 600 px, not expanded): a fitted picture that a tap opens. */
  compact(): boolean {
    return this.compactQuery.matches && !this.expanded;
  }

  private fitScale(): number {
    const { scroller, W } = this.parts;
    const cs = getComputedStyle(scroller);
    const room = scroller.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return Math.max(0.05, Math.min(1, room / W));
  }

  private minScale(): number {
    return Math.min(STEPS[0]!, this.fitScale());
  }

  /** Shows the chart at scale `s` (within bounds): sizes as CSS variables, the strip, the percentage. */
  apply(s: number): void {
    const { viewer, bar, head, pct, stage, W, H } = this.parts;
    const scale = (this.scale = Math.max(this.minScale(), Math.min(MAX, s)));
    viewer.style.setProperty('--fb-barh', (this.expanded ? 0 : bar.offsetHeight) + 'px');
    viewer.style.setProperty('--fb-vw', (W * scale).toFixed(2) + 'px');
    viewer.style.setProperty('--fb-vh', (H * scale).toFixed(2) + 'px');
    if (head) {
      head.svg.setAttribute('width', (W * scale).toFixed(2));
      head.svg.setAttribute('height', (head.height * scale).toFixed(2));
      head.box.style.height = (head.height * scale).toFixed(2) + 'px';
      head.box.style.marginBottom = (-head.height * scale).toFixed(2) + 'px';
    }
    if (pct) pct.textContent = Math.round(scale * 100) + '%';
    viewer.classList.toggle('fb-viewer-clipped', this.compact() && H * scale > stage.clientHeight + 1);
    this.sync();
  }

  fit(): void {
    this.mode = 'fit';
    this.apply(this.fitScale());
    // A scroll bar that appeared with the new size narrows the box: fit once more.
    if (Math.abs(this.fitScale() - this.scale) > 0.001) this.apply(this.fitScale());
  }

  announce(): void {
    const { status } = this.parts;
    if (!status) return;
    const text = (status.getAttribute('data-label') || '') + ' ' + Math.round(this.scale * 100) + '%';
    // The same words again are not read out by every screen reader: vary them invisibly.
    status.textContent = status.textContent === text ? text + '\u00a0' : text;
  }

  /** Announces the scale once the reader pauses (wheel and pinch zoom in many small steps). */
  announceSoon(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => this.announce(), 300);
  }

  /** Zoom to `s`, keeping the chart point under (x, y) (client coordinates) where it is. */
  zoomAt(s: number, x: number, y: number, from?: { fx: number; fy: number }): void {
    const { svg, scroller } = this.parts;
    const r = svg.getBoundingClientRect();
    const old = this.scale;
    const fx = from ? from.fx : (x - r.left) / old;
    const fy = from ? from.fy : (y - r.top) / old;
    this.mode = 'manual';
    this.apply(s);
    const r2 = svg.getBoundingClientRect();
    scroller.scrollLeft += r2.left + fx * this.scale - x;
    const dy = r2.top + fy * this.scale - y;
    if (this.expanded) scroller.scrollTop += dy;
    else if (Math.abs(dy) > 0.5) window.scrollBy(0, dy);
    this.sync();
  }

  /** The middle of the part of the chart in view. */
  private viewCentre(): { x: number; y: number } {
    const { scroller, bar, head } = this.parts;
    const r = scroller.getBoundingClientRect();
    // Below the controls and the lane header strip when they are stuck at the top.
    const top = Math.max(r.top, this.expanded ? 0 : bar.getBoundingClientRect().bottom + (head ? head.box.offsetHeight : 0));
    const bottom = Math.min(r.bottom, window.innerHeight || document.documentElement.clientHeight);
    return { x: r.left + r.width / 2, y: bottom > top ? (top + bottom) / 2 : r.top };
  }

  private zoomCentre(s: number): void {
    const c = this.viewCentre();
    this.zoomAt(s, c.x, c.y);
  }

  /** The next scale of STEPS up (1) or down (-1) from the current one. */
  private step(dir: 1 | -1): number {
    const s = this.scale;
    let next = dir > 0 ? MAX : this.minScale();
    for (const v of STEPS) {
      if (dir > 0 && v > s * 1.001) {
        next = v;
        break;
      }
      if (dir < 0 && v < s * 0.999) next = v;
    }
    if (dir < 0 && next < this.minScale()) next = this.minScale();
    return next;
  }

  /** A control's action (its data-act): in, out, actual, fit, expand, show; `source` is the button. */
  act(what: string | null, source?: HTMLElement): void {
    if (what === 'in') this.zoomCentre(this.step(1));
    else if (what === 'out') this.zoomCentre(this.step(-1));
    else if (what === 'actual') this.zoomCentre(1);
    else if (what === 'fit') {
      this.fit();
      this.parts.scroller.scrollLeft = 0;
    } else if (what === 'expand') {
      if (this.expanded) this.close();
      else this.open(source);
      return;
    } else if (what === 'show') {
      this.open(source);
      return;
    } else return;
    this.announce();
  }

  // The lane header strip: visible when the chart's own header row has scrolled out of view,
  // lined up with the chart as it pans and zooms.
  sync(): void {
    const { head, svg, viewer } = this.parts;
    if (!head) return;
    const r = svg.getBoundingClientRect();
    const h = head.box.getBoundingClientRect();
    head.svg.style.transform = 'translateX(' + (r.left - h.left).toFixed(2) + 'px)';
    // (The phone preview shows the top of the chart, header and all: never there.)
    viewer.classList.toggle('fb-viewer-stuck', !this.compact() && r.top < h.top - 0.5 && r.bottom > h.bottom);
  }

  /** sync() at the next frame, once however many scroll events come before it. */
  syncSoon(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.sync();
    });
  }

  /** Opens the expanded view (a modal dialog), fitted to the window; `source` gets focus back when it closes. */
  open(source?: HTMLElement | null): void {
    if (this.expanded) return;
    const { viewer, scroller, label, expandButton } = this.parts;
    this.saved = { scale: this.scale, mode: this.mode };
    this.opener = source || (document.activeElement as HTMLElement | null);
    this.expanded = true;
    viewer.classList.add('fb-viewer-expanded');
    viewer.setAttribute('role', 'dialog');
    viewer.setAttribute('aria-modal', 'true');
    viewer.setAttribute('aria-label', label);
    document.documentElement.classList.add('fb-viewer-lock');
    if (expandButton) swap(expandButton, 'close');
    viewer.style.setProperty('--fb-sbw', '0px');
    this.fit();
    viewer.style.setProperty('--fb-sbw', scroller.offsetWidth - scroller.clientWidth + 'px');
    scroller.scrollTop = 0;
    scroller.scrollLeft = 0;
    scroller.focus({ preventScroll: true });
    this.announce();
    this.sync();
  }

  /** Closes the expanded view: the reader's scale back (or fitted), focus back where it was. */
  close(): void {
    if (!this.expanded) return;
    const { viewer, expandButton } = this.parts;
    this.expanded = false;
    viewer.classList.remove('fb-viewer-expanded');
    viewer.removeAttribute('role');
    viewer.removeAttribute('aria-modal');
    viewer.removeAttribute('aria-label');
    document.documentElement.classList.remove('fb-viewer-lock');
    if (expandButton) swap(expandButton, 'open');
    if (this.saved && this.saved.mode === 'manual' && !this.compact()) {
      this.mode = 'manual';
      this.apply(this.saved.scale);
    } else this.fit();
    const opener = this.opener;
    const back = opener && document.contains(opener) && opener.getClientRects().length ? opener : expandButton;
    if (back) back.focus();
    this.opener = null;
    this.sync();
  }

  /** Tab and Shift+Tab go round the expanded view's controls and links, never out of it. */
  trapTab(e: KeyboardEvent): void {
    const f = Array.from(this.parts.viewer.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')).filter((el) => el.getClientRects().length && !el.closest('.fb-print-only'));
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
}
