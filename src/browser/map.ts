/* Flowbook (assets/map.js): the process map.
   - Pointing at or focusing a process shows its links and the processes at their other ends;
     the other arrows fade.
   - The category filter (buttons with aria-pressed) hides the other categories' boxes and every
     link with an end among them, and crops the map to what is left. With all categories shown a
     button shows only its category; after that each button toggles its own.
   - "Actual size" shows the map at 100% (it is fitted to the width otherwise).
   Without scripts the map is as drawn: every category, fitted to the width. */

const svgEl = document.querySelector<SVGSVGElement>('svg.fb-map');
if (svgEl) setupMap(svgEl);

interface MapParts {
  readonly svg: SVGSVGElement;
  readonly paths: readonly SVGPathElement[];
  readonly nodes: readonly SVGAElement[];
  /** Shows a process's links (null: none). */
  readonly show: (code: string | null) => void;
}

function setupMap(svg: SVGSVGElement): void {
  const paths = Array.from(svg.querySelectorAll<SVGPathElement>('.fb-map-links path'));
  const nodes = Array.from(svg.querySelectorAll<SVGAElement>('a.fb-map-node'));
  const show = highlightLinks(svg, paths, nodes);
  const tools = document.querySelector<HTMLElement>('.fb-map-tools');
  if (!tools) return;
  setupCategoryFilter({ svg, paths, nodes, show }, tools);
  setupActualSize(svg, tools);
  tools.hidden = false;
}

/** Pointing at or focusing a process shows its links and their other ends; returns the function that does it. */
function highlightLinks(svg: SVGSVGElement, paths: readonly SVGPathElement[], nodes: readonly SVGAElement[]): (code: string | null) => void {
  let current: string | null = null;
  // Codes and categories are author text ("__proto__" is a valid code): maps, not objects.
  function show(code: string | null) {
    if (code === current) return;
    current = code;
    svg.classList.toggle('fb-map-focus', code !== null);
    const linked = new Set<string | null>();
    for (const p of paths) {
      const from = p.getAttribute('data-from');
      const to = p.getAttribute('data-to');
      const on = code !== null && (from === code || to === code);
      p.classList.toggle('fb-map-on', on);
      if (on) linked.add(from).add(to);
    }
    for (const n of nodes) n.classList.toggle('fb-map-linked', code !== null && linked.has(n.getAttribute('data-code')));
  }
  function nodeOf(target: EventTarget | null): Element | null {
    for (let n = target as Node | null; n && n !== svg; n = n.parentNode) if (n instanceof Element && n.classList.contains('fb-map-node')) return n;
    return null;
  }
  svg.addEventListener('mouseover', (e) => {
    const n = nodeOf(e.target);
    show(n ? n.getAttribute('data-code') : null);
  });
  svg.addEventListener('mouseleave', () => show(null));
  svg.addEventListener('focusin', (e) => {
    const n = nodeOf(e.target);
    if (n) show(n.getAttribute('data-code'));
  });
  svg.addEventListener('focusout', () => show(null));
  return show;
}

/** The category buttons: which categories are on, their aria-pressed, and the map showing only them. */
function setupCategoryFilter(map: MapParts, tools: HTMLElement): void {
  const { svg, nodes } = map;
  const all = tools.querySelector('.fb-map-all')!;
  const status = tools.querySelector('.fb-map-status')!;
  const buttons = Array.from(tools.querySelectorAll<HTMLButtonElement>('button[data-cat]'));
  const full = { box: svg.getAttribute('viewBox') ?? '', w: svg.getAttribute('width') ?? '', h: svg.getAttribute('height') ?? '' };
  const on = new Map<string | null, boolean>();
  for (const b of buttons) on.set(b.getAttribute('data-cat'), true);
  const isOn = (cat: string | null | undefined) => cat !== undefined && on.get(cat) === true;
  const count = () => [...on.values()].filter(Boolean).length;
  const shownCategories = categoryShower(map);

  function apply() {
    const every = count() === buttons.length;
    all.setAttribute('aria-pressed', every ? 'true' : 'false');
    for (const b of buttons) b.setAttribute('aria-pressed', isOn(b.getAttribute('data-cat')) ? 'true' : 'false');
    const shown = shownCategories(isOn);
    if (every) {
      svg.setAttribute('viewBox', full.box);
      svg.setAttribute('width', full.w);
      svg.setAttribute('height', full.h);
    } else cropToShown(svg);
    status.textContent = (tools.getAttribute('data-shown') ?? '').replace('{shown}', String(shown)).replace('{total}', String(nodes.length));
  }
  all.addEventListener('click', () => {
    for (const c of on.keys()) on.set(c, true);
    apply();
  });
  // With every category shown a button shows only its own; after that each button toggles its own.
  function pick(e: Event) {
    const c = (e.currentTarget as Element).getAttribute('data-cat');
    if (count() === buttons.length) {
      for (const d of on.keys()) on.set(d, d === c);
    } else {
      on.set(c, !on.get(c));
      if (count() === 0) for (const f of on.keys()) on.set(f, true);
    }
    apply();
  }
  for (const b of buttons) b.addEventListener('click', pick);
}

/**
 * A function that hides the boxes, panels and links of the categories that are off (a link with
 * either end among them) and returns how many processes are shown.
 */
function categoryShower({ svg, paths, nodes, show }: MapParts): (isOn: (cat: string | null | undefined) => boolean) => number {
  const panels = Array.from(svg.querySelectorAll('.fb-map-panel'));
  const catOf = new Map<string | null, string | null>();
  for (const n of nodes) catOf.set(n.getAttribute('data-code'), n.getAttribute('data-cat'));
  return (isOn) => {
    let shown = 0;
    for (const n of nodes) {
      const vis = isOn(n.getAttribute('data-cat'));
      n.classList.toggle('fb-map-hidden', !vis);
      if (vis) shown++;
    }
    for (const p of panels) p.classList.toggle('fb-map-hidden', !isOn(p.getAttribute('data-cat')));
    for (const p of paths) p.classList.toggle('fb-map-hidden', !(isOn(catOf.get(p.getAttribute('data-from'))) && isOn(catOf.get(p.getAttribute('data-to')))));
    show(null);
    return shown;
  };
}

/** Crops the map to the categories shown and their links. */
function cropToShown(svg: SVGSVGElement): void {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const part of Array.from(svg.querySelectorAll<SVGGraphicsElement>('.fb-map-panel:not(.fb-map-hidden), .fb-map-links path:not(.fb-map-hidden)'))) {
    const bb = part.getBBox();
    x0 = Math.min(x0, bb.x);
    y0 = Math.min(y0, bb.y);
    x1 = Math.max(x1, bb.x + bb.width);
    y1 = Math.max(y1, bb.y + bb.height);
  }
  if (!(x1 > x0)) return;
  x0 = Math.floor(x0 - 6);
  y0 = Math.floor(y0 - 6);
  x1 = Math.ceil(x1 + 6);
  y1 = Math.ceil(y1 + 6);
  svg.setAttribute('viewBox', x0 + ' ' + y0 + ' ' + (x1 - x0) + ' ' + (y1 - y0));
  svg.setAttribute('width', String(x1 - x0));
  svg.setAttribute('height', String(y1 - y0));
}

/** "Actual size": the map at 100% instead of fitted to the width. */
function setupActualSize(svg: SVGSVGElement, tools: HTMLElement): void {
  const scroll = svg.parentNode as Element;
  const zoom = tools.querySelector('.fb-map-zoom')!;
  zoom.addEventListener('click', () => {
    const actual = zoom.getAttribute('aria-pressed') !== 'true';
    zoom.setAttribute('aria-pressed', actual ? 'true' : 'false');
    scroll.classList.toggle('fb-map-actual', actual);
  });
}

export {};
