/* Flowbook (assets/copy-check.js): the copy check on process pages.
 *
 * A printed copy's QR code opens its process page with the printed version and copy number:
 * p/<code>.html?v=A/1&copy=003. This script compares them with the page's own data (the
 * #fb-copy-check element: current version, when it took effect, the control department, the
 * versions it replaced, and the messages in the handbook's language) and says whether the copy is
 * current or superseded and where to return it. No network, no server: it works from file:// too.
 * Without ?v= it does nothing.
 */

function params(): URLSearchParams | null {
  try {
    return new URLSearchParams(window.location.search);
  } catch {
    return null;
  }
}

const box = document.getElementById('fb-copy-check');
const query = box ? params() : null;
if (box && query && query.has('v')) {
  const printed = String(query.get('v') || '').slice(0, 60);
  let copy = String(query.get('copy') || '');
  if (!/^[0-9]{1,6}$/.test(copy)) copy = '';
  const d = box.dataset;
  const current = d.version || '';
  const known = (d.known || '').split('\n').filter(Boolean);
  const fill = (template: string | undefined) =>
    (template ?? '').replace(/\{(version|copy|current|date|control)\}/g, (_, k: 'version' | 'copy' | 'current' | 'date' | 'control') => {
      return { version: printed || '—', copy, current: current || '—', date: d.since || '—', control: d.control || '' }[k];
    });
  let state: 'current' | 'superseded' | 'unknown';
  let message: string;
  if (d.obsolete === 'true') {
    state = 'superseded';
    message = fill(d.copyObsolete);
  } else if (printed === current) {
    state = 'current';
    message = fill(copy ? d.copyCurrent : d.printCurrent);
  } else if (known.includes(printed)) {
    state = 'superseded';
    message = fill(copy ? d.copySuperseded : d.printSuperseded);
  } else {
    state = 'unknown';
    message = fill(d.copyUnknown);
  }
  const text = box.querySelector('.fb-copy-check-text') || box;
  text.textContent = message;
  box.setAttribute('data-state', state);
  box.className += ' fb-copy-check-' + state;
  box.hidden = false;
}

export {};
