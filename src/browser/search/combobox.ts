/**
 * A header search box as a combobox (the ARIA APG pattern, list autocomplete): suggestions as the
 * reader types, arrows to move among them, Enter to follow one, Escape to close or clear.
 */
import { highlights, type Search } from './engine.js';
import type { SearchContext } from './context.js';
import { el, marked, type Child } from './dom.js';

/** Suggestions shown in the dropdown, before the "all results" option. */
const DROPDOWN = 8;

export class Combobox {
  private readonly listId: string;
  private readonly optPrefix: string;
  /** The popup holds the listbox (options only, as the pattern wants) and, outside it, the "nothing found" or error message. */
  private readonly list: HTMLUListElement;
  private readonly msg: HTMLParagraphElement;
  private readonly popup: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private options: HTMLLIElement[] = [];
  private active = -1;
  /** Counts searches: an answer that arrives after a newer search started is dropped. */
  private seq = 0;
  private timer = 0;
  private last = '';

  /** The `n`th search form on the page (its ids get the number from the second on). */
  constructor(
    private readonly ctx: SearchContext,
    private readonly form: HTMLFormElement,
    private readonly input: HTMLInputElement,
    n: number,
  ) {
    this.listId = 'fb-search-list' + (n ? `-${n}` : '');
    this.optPrefix = `fb-opt${n ? n : ''}-`;
    this.list = el('ul', { id: this.listId, role: 'listbox', class: 'fb-listbox', 'aria-label': ctx.T.listbox, hidden: true });
    this.msg = el('p', { class: 'fb-empty', hidden: true });
    this.popup = el('div', { class: 'fb-popup', hidden: true }, [this.list, this.msg]);
    this.live = el('div', { class: 'fb-vh', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    form.classList.add('fb-enhanced');
    form.appendChild(this.popup);
    form.appendChild(this.live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.listId);
    this.listen();
  }

  private setActive(i: number): void {
    const { options, input } = this;
    if (this.active >= 0) options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = i;
    const o = i >= 0 ? options[i] : undefined;
    if (o) {
      o.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', o.id);
      o.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  private open(yes: boolean): void {
    this.popup.hidden = !yes;
    this.list.hidden = !(yes && this.options.length > 0);
    this.input.setAttribute('aria-expanded', this.list.hidden ? 'false' : 'true');
    if (!yes) this.setActive(-1);
  }

  private message(text: string): void {
    this.msg.textContent = text;
    this.msg.hidden = !text;
  }

  /** The reader is about to search: the stylesheet and the index's manifest start loading. */
  private start(): void {
    this.ctx.addCss();
    this.ctx.engine.ready().catch(() => undefined);
  }

  private searchUrl(q: string): string {
    const u = new URL(this.form.action || new URL('search.html', this.ctx.siteRoot).href);
    u.search = '';
    u.searchParams.set('q', q);
    return u.href;
  }

  // Options are not links (an option's content is presentational; links inside would be
  // nested interactive controls): a click navigates, with Ctrl/Cmd/middle click a new tab.
  private option(id: string, href: string, children: Child[]): HTMLLIElement {
    const o = el('li', { id, role: 'option', class: 'fb-option', 'aria-selected': 'false' }, [el('span', { class: 'fb-option-body' }, children)]);
    o.dataset.href = href;
    this.list.appendChild(o);
    this.options.push(o);
    return o;
  }

  private render(search: Search, q: string): void {
    const { ctx, list } = this;
    list.textContent = '';
    this.options = [];
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    const shown = search.results.slice(0, DROPDOWN);
    const nodes = shown.map((r, i) => {
      const name = el('span', { class: 'fb-name' }, [marked(r.proc.name, highlights(r.proc.name, search.terms))]);
      return this.option(this.optPrefix + i, ctx.hrefOf(r, null), [name, ctx.metaNode(r)]);
    });
    if (search.total > 0) this.option(`${this.optPrefix}all`, this.searchUrl(q), [el('span', { class: 'fb-all' }, [ctx.T.all(search.total)])]);
    this.message(search.total > 0 ? '' : ctx.T.results(0));
    this.open(true);
    this.live.textContent = (search.partial && search.total > 0 ? ctx.T.partial + ' ' : '') + ctx.T.results(search.total);
    const mySeq = this.seq;
    ctx
      .withDetails(search, shown, (r, loc) => {
        if (mySeq !== this.seq) return;
        const o = nodes[shown.indexOf(r)]!;
        o.dataset.href = ctx.hrefOf(r, loc);
        const sn = ctx.snippetNode(loc);
        if (sn) o.firstChild!.appendChild(sn);
      })
      .catch(() => undefined);
  }

  private failed(): void {
    this.list.textContent = '';
    this.options = [];
    this.message(this.ctx.T.failed);
    this.open(true);
    this.live.textContent = this.ctx.T.failed;
  }

  private run(): void {
    const { input } = this;
    const q = input.value;
    if (q === this.last) return;
    this.last = q;
    const mySeq = ++this.seq;
    if (!q.trim()) {
      this.open(false);
      this.live.textContent = '';
      return;
    }
    this.ctx.engine.search(q, {}).then(
      (s) => {
        if (mySeq === this.seq && document.activeElement === input) this.render(s, q);
      },
      () => {
        if (mySeq === this.seq) this.failed();
      },
    );
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.run(), 60);
  }

  /** Arrow down or up: opens the list (on the first or last option, as in the APG pattern) or moves in it, wrapping. */
  private arrow(e: KeyboardEvent): void {
    const { options } = this;
    e.preventDefault();
    if (this.popup.hidden) {
      if (options.length > 0) this.open(true);
      else this.run();
      if (this.options.length > 0) this.setActive(e.key === 'ArrowUp' ? this.options.length - 1 : 0);
      return;
    }
    if (options.length === 0) return;
    let next = e.key === 'ArrowDown' ? this.active + 1 : this.active - 1;
    if (next >= options.length) next = 0;
    if (next < -1) next = options.length - 1;
    this.setActive(next);
  }

  private enter(e: KeyboardEvent): void {
    const o = !this.popup.hidden && this.active >= 0 ? this.options[this.active] : undefined;
    if (o) {
      e.preventDefault();
      window.location.href = o.dataset.href!;
    }
  }

  /** Escape closes the list, or else clears the box. */
  private escape(e: KeyboardEvent): void {
    if (!this.popup.hidden) {
      e.preventDefault();
      this.open(false);
    } else if (this.input.value) {
      e.preventDefault();
      this.input.value = '';
      this.last = '';
    }
  }

  private onKeydown(e: KeyboardEvent): void {
    this.start();
    if (e.isComposing) return; // IME: arrows and Enter belong to the input method
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') this.arrow(e);
    else if (e.key === 'Enter') this.enter(e);
    else if (e.key === 'Escape') this.escape(e);
  }

  /** A click on an option follows it (Ctrl/Cmd or the middle button: in a new tab). */
  private follow(e: MouseEvent): void {
    const t = e.target as Element | null;
    const o = t && t.closest ? t.closest<HTMLElement>('[role="option"]') : null;
    if (!o || !this.list.contains(o)) return;
    e.preventDefault();
    if (e.button === 1 || e.ctrlKey || e.metaKey) window.open(o.dataset.href, '_blank', 'noopener');
    else window.location.href = o.dataset.href!;
  }

  private listen(): void {
    const { form, input, popup, list } = this;
    input.addEventListener('focus', () => this.start());
    input.addEventListener('input', (e) => {
      this.start();
      // While an input method composes (pinyin "qingjia" before it becomes 请假), wait for the text.
      if ((e as InputEvent).isComposing) return;
      this.schedule();
    });
    input.addEventListener('compositionend', () => this.schedule());
    input.addEventListener('keydown', (e) => this.onKeydown(e));
    // Keep focus in the input while clicking an option.
    popup.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => this.follow(e));
    list.addEventListener('auxclick', (e) => {
      if (e.button === 1) this.follow(e);
    });
    form.addEventListener('focusout', (e) => {
      if (!form.contains(e.relatedTarget as Node | null)) this.open(false);
    });
    input.addEventListener('click', () => {
      if (popup.hidden && this.options.length > 0 && input.value.trim()) this.open(true);
    });
  }
}
