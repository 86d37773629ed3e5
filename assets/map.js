/* Flowbook: the process map.
   - Pointing at or focusing a process shows its links and the processes at their other ends;
     the other arrows fade.
   - The category filter (buttons with aria-pressed) hides the other categories' boxes and every
     link with an end among them, and crops the map to what is left. With all categories shown a
     button shows only its category; after that each button toggles its own.
   - "Actual size" shows the map at 100% (it is fitted to the width otherwise).
   Without scripts the map is as drawn: every category, fitted to the width. */
(function () {
  var svg = document.querySelector('svg.fb-map');
  if (!svg) return;
  var paths = svg.querySelectorAll('.fb-map-links path');
  var nodes = svg.querySelectorAll('a.fb-map-node');
  var current = null;
  function show(code) {
    if (code === current) return;
    current = code;
    svg.classList.toggle('fb-map-focus', code !== null);
    var linked = Object.create(null); // codes are author text ("__proto__" is a valid code)
    for (var i = 0; i < paths.length; i++) {
      var from = paths[i].getAttribute('data-from');
      var to = paths[i].getAttribute('data-to');
      var on = code !== null && (from === code || to === code);
      paths[i].classList.toggle('fb-map-on', on);
      if (on) linked[from] = linked[to] = true;
    }
    for (var j = 0; j < nodes.length; j++) nodes[j].classList.toggle('fb-map-linked', code !== null && linked[nodes[j].getAttribute('data-code')] === true);
  }
  function nodeOf(target) {
    for (var n = target; n && n !== svg; n = n.parentNode) if (n.classList && n.classList.contains('fb-map-node')) return n;
    return null;
  }
  svg.addEventListener('mouseover', function (e) {
    var n = nodeOf(e.target);
    show(n ? n.getAttribute('data-code') : null);
  });
  svg.addEventListener('mouseleave', function () {
    show(null);
  });
  svg.addEventListener('focusin', function (e) {
    var n = nodeOf(e.target);
    if (n) show(n.getAttribute('data-code'));
  });
  svg.addEventListener('focusout', function () {
    show(null);
  });

  var tools = document.querySelector('.fb-map-tools');
  if (!tools) return;
  var scroll = svg.parentNode;
  var all = tools.querySelector('.fb-map-all');
  var zoom = tools.querySelector('.fb-map-zoom');
  var status = tools.querySelector('.fb-map-status');
  var buttons = tools.querySelectorAll('button[data-cat]');
  var panels = svg.querySelectorAll('.fb-map-panel');
  var full = { box: svg.getAttribute('viewBox'), w: svg.getAttribute('width'), h: svg.getAttribute('height') };
  var catOf = Object.create(null);
  for (var k = 0; k < nodes.length; k++) catOf[nodes[k].getAttribute('data-code')] = nodes[k].getAttribute('data-cat');
  var on = Object.create(null);
  for (var b = 0; b < buttons.length; b++) on[buttons[b].getAttribute('data-cat')] = true;
  function count() {
    var n = 0;
    for (var c in on) if (on[c]) n++;
    return n;
  }
  function apply(announce) {
    var every = count() === buttons.length;
    all.setAttribute('aria-pressed', every ? 'true' : 'false');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', on[buttons[i].getAttribute('data-cat')] ? 'true' : 'false');
    var shown = 0;
    for (var j = 0; j < nodes.length; j++) {
      var vis = on[nodes[j].getAttribute('data-cat')] === true;
      nodes[j].classList.toggle('fb-map-hidden', !vis);
      if (vis) shown++;
    }
    for (var p = 0; p < panels.length; p++) panels[p].classList.toggle('fb-map-hidden', on[panels[p].getAttribute('data-cat')] !== true);
    for (var q = 0; q < paths.length; q++) paths[q].classList.toggle('fb-map-hidden', !(on[catOf[paths[q].getAttribute('data-from')]] && on[catOf[paths[q].getAttribute('data-to')]]));
    show(null);
    if (every) {
      svg.setAttribute('viewBox', full.box);
      svg.setAttribute('width', full.w);
      svg.setAttribute('height', full.h);
    } else {
      // Crop to the categories shown and their links.
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      var parts = svg.querySelectorAll('.fb-map-panel:not(.fb-map-hidden), .fb-map-links path:not(.fb-map-hidden)');
      for (var r = 0; r < parts.length; r++) {
        var bb = parts[r].getBBox();
        x0 = Math.min(x0, bb.x);
        y0 = Math.min(y0, bb.y);
        x1 = Math.max(x1, bb.x + bb.width);
        y1 = Math.max(y1, bb.y + bb.height);
      }
      if (x1 > x0) {
        x0 = Math.floor(x0 - 6);
        y0 = Math.floor(y0 - 6);
        x1 = Math.ceil(x1 + 6);
        y1 = Math.ceil(y1 + 6);
        svg.setAttribute('viewBox', x0 + ' ' + y0 + ' ' + (x1 - x0) + ' ' + (y1 - y0));
        svg.setAttribute('width', String(x1 - x0));
        svg.setAttribute('height', String(y1 - y0));
      }
    }
    if (announce) status.textContent = tools.getAttribute('data-shown').replace('{shown}', String(shown)).replace('{total}', String(nodes.length));
  }
  all.addEventListener('click', function () {
    for (var c in on) on[c] = true;
    apply(true);
  });
  function pick(e) {
    var c = e.currentTarget.getAttribute('data-cat');
    if (count() === buttons.length) {
      for (var d in on) on[d] = d === c;
    } else {
      on[c] = !on[c];
      if (count() === 0) for (var f in on) on[f] = true;
    }
    apply(true);
  }
  for (var i = 0; i < buttons.length; i++) buttons[i].addEventListener('click', pick);
  zoom.addEventListener('click', function () {
    var actual = zoom.getAttribute('aria-pressed') !== 'true';
    zoom.setAttribute('aria-pressed', actual ? 'true' : 'false');
    scroll.classList.toggle('fb-map-actual', actual);
  });
  tools.hidden = false;
})();
