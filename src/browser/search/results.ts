/**
 * search.html's results: the query and facets from the address (and written back to it), a
 * summary read out to screen readers, the facet filters, and the results twenty at a time.
 */
import { highlights, type Filters, type Search } from './engine.js';
import type { SearchContext } from './context.js';
import { el, marked } from './dom.js';

/** Results shown at first and added by each "more". */
const PAGE = 20;

type Facet = 'category' | 'dept' | 'role' | 'status';
const FACETS = ['category', 'dept', 'role', 'status'] as const;

type State = Record<Facet, string> & { q: string; obsolete: boolean };

function stateFromUrl(): State {
  const params = new URLSearchParams(window.location.search);
  return {
    q: params.get('q') || '',
    category: params.get('category') || '',
    dept: params.get('dept') || '',
    role: params.get('role') || '',
    status: params.get('status') || '',
    obsolete: params.get('obsolete') === '1',
  };
}

/** The address shows the search, so that it can be shared and comes back with the Back button. */
function writeUrl(state: State): void {
  const u = new URL(window.location.href);
  u.search = '';
  if (state.q) u.searchParams.set('q', state.q);
  for (const k of FACETS) if (state[k]) u.searchParams.set(k, state[k]);
  if (state.obsolete) u.searchParams.set('obsolete', '1');
  try {
    window.history.replaceState(null, '', u.href);
  } catch {
    // Some browsers refuse history changes on file:// pages; the results still show.
  }
}

export class ResultsPage {
  private readonly state = stateFromUrl();
  private readonly summary: HTMLParagraphElement;
  private readonly facetsBox: HTMLFormElement;
  private readonly listEl: HTMLOListElement;
  private readonly more: HTMLButtonElement;
  /** Counts searches: an answer that arrives after a newer search started is dropped. */
  private seq = 0;
  private current: Search | null = null;
  private shownCount = 0;

  /** Fills `page`; the header's search box (when there is one) drives it instead of a dropdown. */
  constructor(
    private readonly ctx: SearchContext,
    page: HTMLElement,
    form: HTMLFormElement | undefined,
    input: HTMLInputElement | null,
  ) {
    const T = ctx.T;
    if (input) input.value = this.state.q;
    this.summary = el('p', { class: 'fb-summary', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.facetsBox = el('form', { class: 'fb-facets', 'aria-label': T.facets });
    this.listEl = el('ol', { class: 'fb-results' });
    this.more = el('button', { type: 'button', class: 'fb-more', hidden: true }, [T.more]);
    page.textContent = '';
    page.appendChild(this.summary);
    page.appendChild(this.facetsBox);
    page.appendChild(this.listEl);
    page.appendChild(this.more);
    this.more.addEventListener('click', () => {
      if (this.current) this.renderMore(this.current);
    });
    if (form && input) this.followHeaderBox(form, input);
    this.update();
  }

  /** The header box: submitting searches at once, typing after a pause (not while an input method composes). */
  private followHeaderBox(form: HTMLFormElement, input: HTMLInputElement): void {
    const { state } = this;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      state.q = input.value;
      this.update();
    });
    let timer = 0;
    input.addEventListener('focus', () => this.ctx.addCss());
    const later = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (state.q === input.value) return;
        state.q = input.value;
        this.update();
      }, 120);
    };
    input.addEventListener('input', (e) => {
      if (!(e as InputEvent).isComposing) later();
    });
    input.addEventListener('compositionend', later);
  }

  /** A facet's select: its values with their counts (the chosen one kept even at no results). */
  private select(name: Facet, label: string, counts: Map<string, number>, value: string, labelOf?: (k: string) => string): HTMLDivElement {
    const id = `fb-facet-${name}`;
    const s = el('select', { id, name });
    const keys = Array.from(counts.keys());
    if (value && !counts.has(value)) keys.push(value);
    keys.sort((a, b) => a.localeCompare(b, this.ctx.zh ? 'zh-CN' : 'en'));
    s.appendChild(el('option', { value: '' }, [this.ctx.T.any]));
    for (const k of keys) {
      const o = el('option', { value: k }, [`${labelOf ? labelOf(k) : k} (${counts.get(k) || 0})`]);
      if (k === value) o.selected = true;
      s.appendChild(o);
    }
    s.addEventListener('change', () => {
      this.state[name] = s.value;
      this.update();
    });
    return el('div', { class: 'fb-facet' }, [el('label', { for: id }, [label]), s]);
  }

  private renderFacets(search: Search): void {
    const { facetsBox, state } = this;
    const T = this.ctx.T;
    const keep = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : null;
    facetsBox.textContent = '';
    facetsBox.appendChild(this.select('category', T.category, search.facets.category, state.category));
    facetsBox.appendChild(this.select('dept', T.dept, search.facets.dept, state.dept));
    facetsBox.appendChild(this.select('role', T.role, search.facets.role, state.role));
    facetsBox.appendChild(this.select('status', T.status, search.facets.status, state.status, (k) => T.statuses[k] || k));
    const cb = el('input', { type: 'checkbox', id: 'fb-facet-obsolete', name: 'obsolete', value: '1' });
    cb.checked = state.obsolete;
    cb.addEventListener('change', () => {
      state.obsolete = cb.checked;
      this.update();
    });
    facetsBox.appendChild(el('div', { class: 'fb-facet fb-facet-check' }, [cb, el('label', { for: 'fb-facet-obsolete' }, [T.obsolete])]));
    if (keep) document.getElementById(keep)?.focus();
  }

  /** The next page of results; their snippets and step links follow when the docs shards arrive. */
  private renderMore(search: Search): void {
    const { ctx } = this;
    const slice = search.results.slice(this.shownCount, this.shownCount + PAGE);
    const items = slice.map((r) => {
      const a = el('a', { href: ctx.hrefOf(r, null) }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
      const li = el('li', { class: 'fb-result' }, [el('h2', { class: 'fb-result-title' }, [a]), el('p', { class: 'fb-result-meta' }, [ctx.metaNode(r)])]);
      this.listEl.appendChild(li);
      return { li, a };
    });
    this.shownCount += slice.length;
    this.more.hidden = this.shownCount >= search.total;
    const mySeq = this.seq;
    ctx
      .withDetails(search, slice, (r, loc) => {
        if (mySeq !== this.seq) return;
        const it = items[slice.indexOf(r)]!;
        it.a.setAttribute('href', ctx.hrefOf(r, loc));
        const sn = ctx.snippetNode(loc);
        if (sn) it.li.appendChild(el('p', { class: 'fb-result-snippet' }, [sn]));
      })
      .catch(() => undefined);
  }

  private show(s: Search): void {
    const T = this.ctx.T;
    this.current = s;
    this.shownCount = 0;
    this.listEl.textContent = '';
    this.summary.textContent = (s.partial && s.total > 0 ? T.partial + ' ' : '') + T.results(s.total);
    this.renderFacets(s);
    this.renderMore(s);
  }

  /** Searches again with the state (the address follows); with no query and no facet, asks for one. */
  private update(): void {
    const { state, ctx } = this;
    writeUrl(state);
    const mySeq = ++this.seq;
    if (!state.q.trim() && !(state.category || state.dept || state.role || state.status)) {
      this.summary.textContent = ctx.T.prompt;
      this.facetsBox.textContent = '';
      this.listEl.textContent = '';
      this.more.hidden = true;
      return;
    }
    ctx.addCss();
    this.summary.textContent = ctx.T.loading;
    const filters: Filters = state;
    ctx.engine.search(state.q, filters).then(
      (s) => {
        if (mySeq === this.seq) this.show(s);
      },
      () => {
        if (mySeq === this.seq) this.summary.textContent = ctx.T.failed;
      },
    );
  }
}
