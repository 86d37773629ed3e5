/* Flowbook: the chart viewer on process pages.
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
(function () {
  'use strict';
  var tools = document.getElementById('fb-viewer-tools');
  if (!tools || !('content' in tools) || !window.matchMedia) return;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var STEPS = [0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
  var MAX = 4;
  var compactQuery = window.matchMedia('(max-width: 600px)');
  setupAll();
  // The dev server's live reload swaps <main> in place; the new chart gets its controls too.
  document.addEventListener('flowbook:swapped', setupAll);

  function setupAll() {
    var boxes = document.querySelectorAll('[data-fb-viewer]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].hasAttribute('data-fb-viewer-ready')) continue;
      boxes[i].setAttribute('data-fb-viewer-ready', '');
      setup(boxes[i], i === 0);
    }
  }

  function part(name) {
    var el = tools.content.querySelector(name);
    return el ? el.cloneNode(true) : null;
  }

  function setup(scroller, first) {
    var svg = null;
    var all = scroller.querySelectorAll('svg');
    for (var k = 0; k < all.length; k++) {
      if (!all[k].closest('.fb-print-only')) {
        svg = all[k];
        break;
      }
    }
    if (!svg) return;
    var vb = svg.viewBox && svg.viewBox.baseVal;
    var W = vb && vb.width > 0 ? vb.width : parseFloat(svg.getAttribute('width'));
    var H = vb && vb.height > 0 ? vb.height : parseFloat(svg.getAttribute('height'));
    if (!(W > 0 && H > 0)) return;

    var bar = part('.fb-viewer-bar');
    if (!bar) return;
    var viewer = document.createElement('div');
    viewer.className = 'fb-viewer';
    var stage = document.createElement('div');
    stage.className = 'fb-viewer-stage';
    scroller.parentNode.insertBefore(viewer, scroller);
    var head = laneHeader(svg, W);
    if (head) stage.appendChild(head.box);
    stage.appendChild(scroller);
    viewer.appendChild(bar);
    viewer.appendChild(stage);
    svg.classList.add('fb-viewer-svg');
    viewer.classList.add('fb-viewer-on');

    var label = scroller.getAttribute('aria-label') || '';
    var title = bar.querySelector('.fb-viewer-title');
    if (title) title.textContent = label;
    var pct = bar.querySelector('.fb-viewer-pct');
    var status = bar.querySelector('[role="status"]');
    var expandButton = bar.querySelector('[data-act="expand"]');

    // One page, one chart: the phone's "show chart" button goes before the step list, and the
    // figure's hint says how to use the viewer.
    var launch = null;
    if (first) {
      var steps = document.querySelector('.fb-steps');
      launch = part('.fb-viewer-launch');
      if (steps && launch) steps.parentNode.insertBefore(launch, steps);
      else launch = null;
      var hint = document.querySelector('.fb-diagram-hint');
      var words = part('.fb-viewer-hint');
      if (hint && words) hint.textContent = words.textContent;
    }

    var scale = 1;
    var mode = 'fit'; // 'fit': follows the width of the box; 'manual': the reader's scale
    var expanded = false;
    var saved = null;
    var opener = null;

    function compact() {
      return compactQuery.matches && !expanded;
    }
    function fitScale() {
      var cs = getComputedStyle(scroller);
      var room = scroller.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return Math.max(0.05, Math.min(1, room / W));
    }
    function minScale() {
      return Math.min(STEPS[0], fitScale());
    }
    function clamp(s) {
      return Math.max(minScale(), Math.min(MAX, s));
    }

    function apply(s) {
      scale = clamp(s);
      viewer.style.setProperty('--fb-barh', (expanded ? 0 : bar.offsetHeight) + 'px');
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
      var text = (status.getAttribute('data-label') || '') + ' ' + Math.round(scale * 100) + '%';
      // The same words again are not read out by every screen reader: vary them invisibly.
      status.textContent = status.textContent === text ? text + '\u00a0' : text;
    }

    /** Zoom to `s`, keeping the chart point under (x, y) (client coordinates) where it is. */
    function zoomAt(s, x, y, from) {
      var r = svg.getBoundingClientRect();
      var old = scale;
      var fx = from ? from.fx : (x - r.left) / old;
      var fy = from ? from.fy : (y - r.top) / old;
      mode = 'manual';
      apply(s);
      var r2 = svg.getBoundingClientRect();
      scroller.scrollLeft += r2.left + fx * scale - x;
      var dy = r2.top + fy * scale - y;
      if (expanded) scroller.scrollTop += dy;
      else if (Math.abs(dy) > 0.5) window.scrollBy(0, dy);
      sync();
    }
    function viewCentre() {
      var r = scroller.getBoundingClientRect();
      // Below the controls and the lane header strip when they are stuck at the top.
      var top = Math.max(r.top, expanded ? 0 : bar.getBoundingClientRect().bottom + (head ? head.box.offsetHeight : 0));
      var bottom = Math.min(r.bottom, window.innerHeight || document.documentElement.clientHeight);
      return { x: r.left + r.width / 2, y: bottom > top ? (top + bottom) / 2 : r.top };
    }
    function zoomCentre(s) {
      var c = viewCentre();
      zoomAt(s, c.x, c.y);
    }
    function step(dir) {
      var s = scale;
      var next = dir > 0 ? MAX : minScale();
      for (var j = 0; j < STEPS.length; j++) {
        var v = STEPS[j];
        if (dir > 0 && v > s * 1.001) {
          next = v;
          break;
        }
        if (dir < 0 && v < s * 0.999) next = v;
      }
      if (dir < 0 && next < minScale()) next = minScale();
      return next;
    }

    function act(what, source) {
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
    var pending = false;
    function sync() {
      if (!head) return;
      var r = svg.getBoundingClientRect();
      var h = head.box.getBoundingClientRect();
      head.svg.style.transform = 'translateX(' + (r.left - h.left).toFixed(2) + 'px)';
      // (The phone preview shows the top of the chart, header and all: never there.)
      viewer.classList.toggle('fb-viewer-stuck', !compact() && r.top < h.top - 0.5 && r.bottom > h.bottom);
    }
    function later() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        sync();
      });
    }
    scroller.addEventListener('scroll', later, { passive: true });
    window.addEventListener('scroll', later, { passive: true });
    window.addEventListener('resize', function () {
      if (mode === 'fit' || compact()) fit();
      else apply(scale);
    });
    var onMedia = function () {
      if (!expanded) fit();
    };
    if (compactQuery.addEventListener) compactQuery.addEventListener('change', onMedia);
    else if (compactQuery.addListener) compactQuery.addListener(onMedia);

    bar.addEventListener('click', function (e) {
      var b = e.target.closest('[data-act]');
      if (b) act(b.getAttribute('data-act'), b);
    });
    if (launch) {
      launch.addEventListener('click', function (e) {
        var b = e.target.closest('[data-act]');
        if (b) act(b.getAttribute('data-act'), b);
      });
    }

    // Keys on the chart or its controls: + and - zoom, 0 is 100%; Escape leaves the expanded view.
    viewer.addEventListener('keydown', function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Tab' && expanded) return trapTab(e);
      if (compact()) return;
      var k = e.key;
      var what = k === '+' || k === '=' ? 'in' : k === '-' || k === '_' ? 'out' : k === '0' ? 'actual' : '';
      if (!what) return;
      e.preventDefault();
      act(what);
    });
    document.addEventListener('keydown', function (e) {
      if (expanded && (e.key === 'Escape' || e.key === 'Esc')) {
        e.preventDefault();
        close();
      }
    });
    document.addEventListener('focusin', function (e) {
      if (expanded && !viewer.contains(e.target)) scroller.focus({ preventScroll: true });
    });
    function focusables() {
      var list = viewer.querySelectorAll('button, a[href], [tabindex="0"]');
      var out = [];
      for (var j = 0; j < list.length; j++) if (list[j].getClientRects().length && !list[j].closest('.fb-print-only')) out.push(list[j]);
      return out;
    }
    function trapTab(e) {
      var f = focusables();
      if (!f.length) return;
      var a = document.activeElement;
      if (e.shiftKey && a === f[0]) {
        e.preventDefault();
        f[f.length - 1].focus();
      } else if (!e.shiftKey && a === f[f.length - 1]) {
        e.preventDefault();
        f[0].focus();
      }
    }

    function swap(button, to) {
      button.textContent = button.getAttribute('data-' + to);
      var tip = button.getAttribute('data-' + to + '-title');
      if (tip) button.setAttribute('title', tip);
      else button.removeAttribute('title');
    }
    function open(source) {
      if (expanded) return;
      saved = { scale: scale, mode: mode };
      opener = source || document.activeElement;
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
      var back = opener && document.contains(opener) && opener.getClientRects().length ? opener : expandButton;
      if (back) back.focus();
      opener = null;
      sync();
    }

    // Wheel: with ctrl or cmd (also a trackpad pinch) it zooms the chart; otherwise the browser
    // scrolls as usual (the page, or the chart when expanded).
    stage.addEventListener(
      'wheel',
      function (e) {
        if (!(e.ctrlKey || e.metaKey) || compact()) return;
        e.preventDefault();
        var d = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
        zoomAt(scale * Math.exp(-Math.max(-300, Math.min(300, d)) * 0.0025), e.clientX, e.clientY);
        announceSoon();
      },
      { passive: false },
    );
    var announceTimer = 0;
    function announceSoon() {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(announce, 300);
    }

    // Safari's trackpad pinch.
    var gestureStart = 1;
    stage.addEventListener('gesturestart', function (e) {
      if (compact()) return;
      e.preventDefault();
      gestureStart = scale;
    });
    stage.addEventListener('gesturechange', function (e) {
      if (compact()) return;
      e.preventDefault();
      zoomAt(gestureStart * e.scale, e.clientX, e.clientY);
      announceSoon();
    });

    // Drag with the mouse (or a pen): sideways pans the chart, up and down scrolls the page (the
    // chart when expanded). A click that did not move still follows a link in the chart.
    var drag = null;
    var dragged = false;
    stage.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'touch' || e.button !== 0 || compact()) return;
      var r = scroller.getBoundingClientRect();
      // Not on the scroll bars.
      if (e.clientX - r.left >= scroller.clientLeft + scroller.clientWidth || e.clientY - r.top >= scroller.clientTop + scroller.clientHeight) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY, left: scroller.scrollLeft, top: scroller.scrollTop, pageY: window.pageYOffset, moved: false };
      dragged = false;
    });
    stage.addEventListener('pointermove', function (e) {
      if (!drag || e.pointerId !== drag.id) return;
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      if (!drag.moved) {
        if (Math.abs(dx) < 4 && Math.abs(dy) < 4) return;
        drag.moved = true;
        viewer.classList.add('fb-viewer-dragging');
        try {
          stage.setPointerCapture(e.pointerId);
        } catch (err) {
          /* the pointer is gone */
        }
      }
      e.preventDefault();
      scroller.scrollLeft = drag.left - dx;
      if (expanded) scroller.scrollTop = drag.top - dy;
      else window.scrollTo(window.pageXOffset, drag.pageY - dy);
    });
    function endDrag(e) {
      if (!drag || e.pointerId !== drag.id) return;
      dragged = drag.moved;
      drag = null;
      viewer.classList.remove('fb-viewer-dragging');
    }
    stage.addEventListener('pointerup', endDrag);
    stage.addEventListener('pointercancel', endDrag);
    stage.addEventListener(
      'click',
      function (e) {
        if (dragged) {
          dragged = false;
          e.preventDefault();
          e.stopPropagation();
          return;
        }
        // The phone preview: a tap opens the chart full-window (links in it still work).
        if (compact() && !e.target.closest('a')) open(expandButton);
      },
      true,
    );
    // A text selection would start with the drag.
    stage.addEventListener('mousedown', function (e) {
      if (e.button === 0 && !compact() && !e.target.closest('a')) e.preventDefault();
    });
    stage.addEventListener('mousedown', function (e) {
      if (e.button === 0 && !compact()) scroller.focus({ preventScroll: true });
    });

    // Touch: one finger scrolls as the browser does; two fingers pinch-zoom the chart.
    var pinch = null;
    function distance(t) {
      return Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY) || 1;
    }
    function middle(t) {
      return { x: (t[0].clientX + t[1].clientX) / 2, y: (t[0].clientY + t[1].clientY) / 2 };
    }
    stage.addEventListener(
      'touchstart',
      function (e) {
        if (e.touches.length !== 2 || compact()) {
          pinch = null;
          return;
        }
        var m = middle(e.touches);
        var r = svg.getBoundingClientRect();
        pinch = { d: distance(e.touches), s: scale, fx: (m.x - r.left) / scale, fy: (m.y - r.top) / scale };
        if (e.cancelable) e.preventDefault();
      },
      { passive: false },
    );
    stage.addEventListener(
      'touchmove',
      function (e) {
        if (!pinch || e.touches.length !== 2) return;
        if (e.cancelable) e.preventDefault();
        var m = middle(e.touches);
        zoomAt(pinch.s * (distance(e.touches) / pinch.d), m.x, m.y, pinch);
      },
      { passive: false },
    );
    stage.addEventListener('touchend', function (e) {
      if (pinch && e.touches.length < 2) {
        pinch = null;
        announce();
      }
    });
    stage.addEventListener('touchcancel', function () {
      pinch = null;
    });

    fit();
  }

  /** A copy of the chart's lane header row (native renderer: rect.fb-lane-header and its titles). */
  function laneHeader(svg, W) {
    var rect = svg.querySelector('rect.fb-lane-header');
    var h = rect ? parseFloat(rect.getAttribute('height')) : NaN;
    if (!(h > 0)) return null;
    var vb = svg.viewBox && svg.viewBox.baseVal;
    var x0 = vb ? vb.x : 0;
    var y0 = vb ? vb.y : 0;
    var height = h + 1;
    var strip = document.createElementNS(SVGNS, 'svg');
    strip.setAttribute('viewBox', x0 + ' ' + y0 + ' ' + W + ' ' + height);
    strip.setAttribute('preserveAspectRatio', 'none');
    strip.setAttribute('aria-hidden', 'true');
    strip.setAttribute('focusable', 'false');
    ['font-family', 'font-size'].forEach(function (a) {
      if (svg.hasAttribute(a)) strip.setAttribute(a, svg.getAttribute(a));
    });
    var parts = svg.querySelectorAll('rect.fb-lane-header, text.fb-lane-title, line.fb-lane-divider, line.fb-header-rule, rect.fb-frame');
    for (var i = 0; i < parts.length; i++) {
      var c = parts[i].cloneNode(true);
      c.removeAttribute('id');
      strip.appendChild(c);
    }
    var box = document.createElement('div');
    box.className = 'fb-viewer-head';
    box.setAttribute('aria-hidden', 'true');
    box.appendChild(strip);
    return { box: box, svg: strip, height: height };
  }
})();
