/* Flowbook: the copy check on process pages.
 *
 * A printed copy's QR code opens its process page with the printed version and copy number:
 * p/<code>.html?v=A/1&copy=003. This script compares them with the page's own data (the
 * #fb-copy-check element: current version, when it took effect, the control department, the
 * versions it replaced, and the messages in the handbook's language) and says whether the copy is
 * current or superseded and where to return it. No network, no server: it works from file:// too.
 * Without ?v= it does nothing.
 */
(function () {
  'use strict';
  var box = document.getElementById('fb-copy-check');
  if (!box) return;
  var params;
  try {
    params = new URLSearchParams(window.location.search);
  } catch (e) {
    return;
  }
  if (!params.has('v')) return;
  var printed = String(params.get('v') || '').slice(0, 60);
  var copy = String(params.get('copy') || '');
  if (!/^[0-9]{1,6}$/.test(copy)) copy = '';
  var d = box.dataset;
  var current = d.version || '';
  var known = (d.known || '').split('\n').filter(Boolean);
  var fill = function (template) {
    return template.replace(/\{(version|copy|current|date|control)\}/g, function (_, k) {
      return { version: printed || '—', copy: copy, current: current || '—', date: d.since || '—', control: d.control || '' }[k];
    });
  };
  var state;
  var message;
  if (d.obsolete === 'true') {
    state = 'superseded';
    message = fill(d.copyObsolete);
  } else if (printed === current) {
    state = 'current';
    message = fill(copy ? d.copyCurrent : d.printCurrent);
  } else if (known.indexOf(printed) >= 0) {
    state = 'superseded';
    message = fill(copy ? d.copySuperseded : d.printSuperseded);
  } else {
    state = 'unknown';
    message = fill(d.copyUnknown);
  }
  var text = box.querySelector('.fb-copy-check-text') || box;
  text.textContent = message;
  box.setAttribute('data-state', state);
  box.className += ' fb-copy-check-' + state;
  box.hidden = false;
})();
