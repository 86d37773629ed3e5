/**
 * The search on the page: the header's combobox (suggestions as you type, "/" to focus) and, on
 * search.html, the results with facets. Everything from the index is put into the page as text
 * nodes only (it came from documents).
 */
import { searchLabelsFor } from '../../view/search-labels.js';
import { highlights, locate, type Engine, type Filters, type Location, type Result, type Search } from './engine.js';

interface Page {
  readonly engine: Engine;
  /** This script's URL: the index is at ../search/, the site root at ../. */
  readonly scriptUrl: string;
}

type Child = Node | string | null | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean | null | undefined> | null, children?: readonly Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children ?? []) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/** Text with <mark>s, as DOM nodes only. */
function marked(text: string, ranges: ReadonlyArray<readonly [number, number]>): DocumentFragment {
  const f = document.createDocumentFragment();
  let pos = 0;
  for (const r of ranges) {
    if (r[0] > pos) f.appendChild(document.createTextNode(text.slice(pos, r[0])));
    f.appendChild(el('mark', null, [text.slice(r[0], r[1])]));
    pos = r[1];
  }
  if (pos < text.length) f.appendChild(document.createTextNode(text.slice(pos)));
  return f;
}

function isEditable(t: EventTarget | null): boolean {
  const e = t as HTMLElement | null;
  return !!e && (e.isContentEditable || /^(?:input|textarea|select)$/i.test(e.tagName || ''));
}

/** Wires up every search form on the page, and search.html's results. */
export function startPage({ engine, scriptUrl }: Page): void {
  const siteRoot = new URL('../', scriptUrl);
  const zh = /^zh/i.test(document.documentElement.lang || '');
  const T = searchLabelsFor(zh ? 'zh-CN' : 'en');

  let cssAdded = false;
  function addCss() {
    if (cssAdded) return;
    cssAdded = true;
    // The layout may link it already.
    const links = document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]');
    for (const l of Array.from(links)) if (/(?:^|\/)search\.css(?:[?#]|$)/.test(l.href)) return;
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = new URL('search.css', scriptUrl).href;
    document.head.appendChild(l);
  }

  function snippetNode(loc: Location | null): HTMLElement | null {
    if (!loc || !loc.snippet) return null;
    const s = el('span', { class: 'fb-snippet' });
    const where = loc.where === 'step' ? T.step(loc.step) : loc.where === 'tags' ? T.tags : T.body;
    if (where) s.appendChild(el('span', { class: 'fb-where' }, [where]));
    if (loc.snippet.before) s.appendChild(document.createTextNode('…'));
    for (const [text, mark] of loc.snippet.parts) s.appendChild(mark ? el('mark', null, [text]) : document.createTextNode(text));
    if (loc.snippet.after) s.appendChild(document.createTextNode('…'));
    return s;
  }

  function hrefOf(r: Result, loc: Location | null): string {
    const u = new URL(r.proc.href, siteRoot);
    if (loc && loc.link) u.hash = `step-${loc.link}`;
    return u.href;
  }

  function metaNode(r: Result): HTMLElement {
    const p = r.proc;
    return el('span', { class: 'fb-meta' }, [
      el('span', { class: 'fb-code' }, [p.code]),
      ' ',
      el('span', { class: `fb-status fb-status-${p.status}` }, [T.statuses[p.status] || p.status]),
      p.owner ? ' ' : null,
      p.owner ? el('span', { class: 'fb-owner' }, [p.owner]) : null,
    ]);
  }

  /** Fill in snippets and step links once the docs shards of the shown results arrive. */
  function withDetails(search: Search, shown: readonly Result[], apply: (r: Result, loc: Location) => void): Promise<void> {
    return engine.docs(shown.map((r) => r.proc)).then((docs) => shown.forEach((r, i) => apply(r, locate(r, docs[i]!, search))));
  }

  // ---------------------------------------------------------------- combobox in the header

  const forms = Array.from(document.querySelectorAll<HTMLFormElement>('form.fb-search'));
  const form = forms[0];
  const input = form?.querySelector<HTMLInputElement>('input[type="search"], input[name="q"]') ?? null;
  const page = document.getElementById('fb-search-page');

  // "/" focuses the header search box, unless the reader is typing somewhere.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (isEditable(e.target) || !input) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  forms.forEach((f, n) => {
    const box = f.querySelector<HTMLInputElement>('input[type="search"], input[name="q"]');
    // On search.html the header box drives the results page instead of a dropdown.
    if (box && !(page && f === form)) setupCombobox(f, box, n);
  });
  if (page) setupResults(page);

  function setupCombobox(form: HTMLFormElement, input: HTMLInputElement, n: number) {
    const DROPDOWN = 8;
    const listId = 'fb-search-list' + (n ? `-${n}` : '');
    const optPrefix = `fb-opt${n ? n : ''}-`;
    // The popup holds the listbox (options only, as the pattern wants) and, outside it, the
    // "nothing found" or error message.
    const list = el('ul', { id: listId, role: 'listbox', class: 'fb-listbox', 'aria-label': T.listbox, hidden: true });
    const msg = el('p', { class: 'fb-empty', hidden: true });
    const popup = el('div', { class: 'fb-popup', hidden: true }, [list, msg]);
    const live = el('div', { class: 'fb-vh', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    form.classList.add('fb-enhanced');
    form.appendChild(popup);
    form.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    let options: HTMLLIElement[] = [];
    let active = -1;
    let seq = 0;
    let timer = 0;
    let last = '';

    function setActive(i: number) {
      if (active >= 0) options[active]?.setAttribute('aria-selected', 'false');
      active = i;
      const o = i >= 0 ? options[i] : undefined;
      if (o) {
        o.setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', o.id);
        o.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function open(yes: boolean) {
      popup.hidden = !yes;
      list.hidden = !(yes && options.length > 0);
      input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
      if (!yes) setActive(-1);
    }
    function message(text: string) {
      msg.textContent = text;
      msg.hidden = !text;
    }
    function start() {
      addCss();
      engine.ready().catch(() => undefined);
    }
    function searchUrl(q: string) {
      const u = new URL(form.action || new URL('search.html', siteRoot).href);
      u.search = '';
      u.searchParams.set('q', q);
      return u.href;
    }
    // Options are not links (an option's content is presentational; links inside would be
    // nested interactive controls): a click navigates, with Ctrl/Cmd/middle click a new tab.
    function option(id: string, href: string, children: Child[]) {
      const o = el('li', { id, role: 'option', class: 'fb-option', 'aria-selected': 'false' }, [el('span', { class: 'fb-option-body' }, children)]);
      o.dataset.href = href;
      return o;
    }
    function render(search: Search, q: string) {
      list.textContent = '';
      options = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      const shown = search.results.slice(0, DROPDOWN);
      const nodes = shown.map((r, i) => {
        const name = el('span', { class: 'fb-name' }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
        const o = option(optPrefix + i, hrefOf(r, null), [name, metaNode(r)]);
        list.appendChild(o);
        options.push(o);
        return o;
      });
      if (search.total > 0) {
        const all = option(`${optPrefix}all`, searchUrl(q), [el('span', { class: 'fb-all' }, [T.all(search.total)])]);
        list.appendChild(all);
        options.push(all);
      }
      message(search.total > 0 ? '' : T.results(0));
      open(true);
      live.textContent = (search.partial && search.total > 0 ? T.partial + ' ' : '') + T.results(search.total);
      const mySeq = seq;
      withDetails(search, shown, (r, loc) => {
        if (mySeq !== seq) return;
        const o = nodes[shown.indexOf(r)]!;
        o.dataset.href = hrefOf(r, loc);
        const sn = snippetNode(loc);
        if (sn) o.firstChild!.appendChild(sn);
      }).catch(() => undefined);
    }
    function run() {
      const q = input.value;
      if (q === last) return;
      last = q;
      const mySeq = ++seq;
      if (!q.trim()) {
        open(false);
        live.textContent = '';
        return;
      }
      engine.search(q, {}).then(
        (s) => {
          if (mySeq === seq && document.activeElement === input) render(s, q);
        },
        () => {
          if (mySeq !== seq) return;
          list.textContent = '';
          options = [];
          message(T.failed);
          open(true);
          live.textContent = T.failed;
        },
      );
    }

    input.addEventListener('focus', start);
    function schedule() {
      clearTimeout(timer);
      timer = window.setTimeout(run, 60);
    }
    input.addEventListener('input', (e) => {
      start();
      // While an input method composes (pinyin "qingjia" before it becomes 请假), wait for the text.
      if ((e as InputEvent).isComposing) return;
      schedule();
    });
    input.addEventListener('compositionend', schedule);
    input.addEventListener('keydown', (e) => {
      start();
      if (e.isComposing) return; // IME: arrows and Enter belong to the input method
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (popup.hidden) {
          if (options.length > 0) open(true);
          else run();
          // Opening with an arrow also moves to the first (or last) option, as in the APG pattern.
          if (options.length > 0) setActive(e.key === 'ArrowUp' ? options.length - 1 : 0);
          return;
        }
        if (options.length === 0) return;
        let next = e.key === 'ArrowDown' ? active + 1 : active - 1;
        if (next >= options.length) next = 0;
        if (next < -1) next = options.length - 1;
        setActive(next);
      } else if (e.key === 'Enter') {
        const o = !popup.hidden && active >= 0 ? options[active] : undefined;
        if (o) {
          e.preventDefault();
          window.location.href = o.dataset.href!;
        }
      } else if (e.key === 'Escape') {
        if (!popup.hidden) {
          e.preventDefault();
          open(false);
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
          last = '';
        }
      }
    });
    // Keep focus in the input while clicking an option.
    popup.addEventListener('mousedown', (e) => e.preventDefault());
    function follow(e: MouseEvent) {
      const t = e.target as Element | null;
      const o = t && t.closest ? t.closest<HTMLElement>('[role="option"]') : null;
      if (!o || !list.contains(o)) return;
      e.preventDefault();
      if (e.button === 1 || e.ctrlKey || e.metaKey) window.open(o.dataset.href, '_blank', 'noopener');
      else window.location.href = o.dataset.href!;
    }
    list.addEventListener('click', follow);
    list.addEventListener('auxclick', (e) => {
      if (e.button === 1) follow(e);
    });
    form.addEventListener('focusout', (e) => {
      if (!form.contains(e.relatedTarget as Node | null)) open(false);
    });
    input.addEventListener('click', () => {
      if (popup.hidden && options.length > 0 && input.value.trim()) open(true);
    });
  }

  // ---------------------------------------------------------------- results page

  function setupResults(page: HTMLElement) {
    const PAGE = 20;
    const params = new URLSearchParams(window.location.search);
    type Facet = 'category' | 'dept' | 'role' | 'status';
    const state: Record<Facet, string> & { q: string; obsolete: boolean } = {
      q: params.get('q') || '',
      category: params.get('category') || '',
      dept: params.get('dept') || '',
      role: params.get('role') || '',
      status: params.get('status') || '',
      obsolete: params.get('obsolete') === '1',
    };
    if (input) input.value = state.q;
    const summary = el('p', { class: 'fb-summary', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const facetsBox = el('form', { class: 'fb-facets', 'aria-label': T.facets });
    const listEl = el('ol', { class: 'fb-results' });
    const more = el('button', { type: 'button', class: 'fb-more', hidden: true }, [T.more]);
    page.textContent = '';
    page.appendChild(summary);
    page.appendChild(facetsBox);
    page.appendChild(listEl);
    page.appendChild(more);
    let seq = 0;
    let current: Search | null = null;
    let shownCount = 0;

    const anyFacet = () => !!(state.category || state.dept || state.role || state.status);
    function writeUrl() {
      const u = new URL(window.location.href);
      u.search = '';
      if (state.q) u.searchParams.set('q', state.q);
      for (const k of ['category', 'dept', 'role', 'status'] as const) if (state[k]) u.searchParams.set(k, state[k]);
      if (state.obsolete) u.searchParams.set('obsolete', '1');
      try {
        window.history.replaceState(null, '', u.href);
      } catch {
        // Some browsers refuse history changes on file:// pages; the results still show.
      }
    }
    function select(name: Facet, label: string, counts: Map<string, number>, value: string, labelOf?: (k: string) => string) {
      const id = `fb-facet-${name}`;
      const s = el('select', { id, name });
      const keys = Array.from(counts.keys());
      if (value && !counts.has(value)) keys.push(value);
      keys.sort((a, b) => a.localeCompare(b, zh ? 'zh-CN' : 'en'));
      s.appendChild(el('option', { value: '' }, [T.any]));
      for (const k of keys) {
        const o = el('option', { value: k }, [`${labelOf ? labelOf(k) : k} (${counts.get(k) || 0})`]);
        if (k === value) o.selected = true;
        s.appendChild(o);
      }
      s.addEventListener('change', () => {
        state[name] = s.value;
        update();
      });
      return el('div', { class: 'fb-facet' }, [el('label', { for: id }, [label]), s]);
    }
    function renderFacets(search: Search) {
      const keep = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : null;
      facetsBox.textContent = '';
      facetsBox.appendChild(select('category', T.category, search.facets.category, state.category));
      facetsBox.appendChild(select('dept', T.dept, search.facets.dept, state.dept));
      facetsBox.appendChild(select('role', T.role, search.facets.role, state.role));
      facetsBox.appendChild(select('status', T.status, search.facets.status, state.status, (k) => T.statuses[k] || k));
      const cb = el('input', { type: 'checkbox', id: 'fb-facet-obsolete', name: 'obsolete', value: '1' });
      cb.checked = state.obsolete;
      cb.addEventListener('change', () => {
        state.obsolete = cb.checked;
        update();
      });
      facetsBox.appendChild(el('div', { class: 'fb-facet fb-facet-check' }, [cb, el('label', { for: 'fb-facet-obsolete' }, [T.obsolete])]));
      if (keep) document.getElementById(keep)?.focus();
    }
    function renderMore(search: Search) {
      const slice = search.results.slice(shownCount, shownCount + PAGE);
      const items = slice.map((r) => {
        const a = el('a', { href: hrefOf(r, null) }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
        const li = el('li', { class: 'fb-result' }, [el('h2', { class: 'fb-result-title' }, [a]), el('p', { class: 'fb-result-meta' }, [metaNode(r)])]);
        listEl.appendChild(li);
        return { li, a };
      });
      shownCount += slice.length;
      more.hidden = shownCount >= search.total;
      const mySeq = seq;
      withDetails(search, slice, (r, loc) => {
        if (mySeq !== seq) return;
        const it = items[slice.indexOf(r)]!;
        it.a.setAttribute('href', hrefOf(r, loc));
        const sn = snippetNode(loc);
        if (sn) it.li.appendChild(el('p', { class: 'fb-result-snippet' }, [sn]));
      }).catch(() => undefined);
    }
    function update() {
      writeUrl();
      const mySeq = ++seq;
      if (!state.q.trim() && !anyFacet()) {
        summary.textContent = T.prompt;
        facetsBox.textContent = '';
        listEl.textContent = '';
        more.hidden = true;
        return;
      }
      addCss();
      summary.textContent = T.loading;
      const filters: Filters = state;
      engine.search(state.q, filters).then(
        (s) => {
          if (mySeq !== seq) return;
          current = s;
          shownCount = 0;
          listEl.textContent = '';
          summary.textContent = (s.partial && s.total > 0 ? T.partial + ' ' : '') + T.results(s.total);
          renderFacets(s);
          renderMore(s);
        },
        () => {
          if (mySeq === seq) summary.textContent = T.failed;
        },
      );
    }
    more.addEventListener('click', () => {
      if (current) renderMore(current);
    });
    if (form && input) {
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        state.q = input.value;
        update();
      });
      let timer = 0;
      input.addEventListener('focus', addCss);
      const later = () => {
        clearTimeout(timer);
        timer = window.setTimeout(() => {
          if (state.q === input.value) return;
          state.q = input.value;
          update();
        }, 120);
      };
      input.addEventListener('input', (e) => {
        if (!(e as InputEvent).isComposing) later();
      });
      input.addEventListener('compositionend', later);
    }
    update();
  }
}
