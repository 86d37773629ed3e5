/* Flowbook: on the process map, pointing at or focusing a process shows its links and the
   processes at their other ends; the other arrows fade. Without scripts the map is as drawn. */
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
})();
