/**
 * What the header's combobox and search.html's results share: the engine, the site's root, the
 * handbook's words, the stylesheet (added once) and the parts of a result both show.
 */
import { searchLabelsFor, type SearchLabels } from '../../view/search-labels.js';
import { locate, type Engine, type Location, type Result, type Search } from './engine.js';
import { el } from './dom.js';

export class SearchContext {
  /** The site root: this script is at assets/, the root at ../. */
  readonly siteRoot: URL;
  readonly zh: boolean;
  readonly T: SearchLabels;
  private cssAdded = false;

  constructor(
    readonly engine: Engine,
    /** This script's URL: the index is at ../search/, search.css next to it. */
    private readonly scriptUrl: string,
  ) {
    this.siteRoot = new URL('../', scriptUrl);
    this.zh = /^zh/i.test(document.documentElement.lang || '');
    this.T = searchLabelsFor(this.zh ? 'zh-CN' : 'en');
  }

  /** Links search.css once, when the reader first searches. */
  addCss(): void {
    if (this.cssAdded) return;
    this.cssAdded = true;
    // The layout may link it already.
    const links = document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]');
    for (const l of Array.from(links)) if (/(?:^|\/)search\.css(?:[?#]|$)/.test(l.href)) return;
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = new URL('search.css', this.scriptUrl).href;
    document.head.appendChild(l);
  }

  /** Where a result matched, with its words marked; null when there is no snippet. */
  snippetNode(loc: Location | null): HTMLElement | null {
    if (!loc || !loc.snippet) return null;
    const T = this.T;
    const s = el('span', { class: 'fb-snippet' });
    const where = loc.where === 'step' ? T.step(loc.step) : loc.where === 'tags' ? T.tags : T.body;
    if (where) s.appendChild(el('span', { class: 'fb-where' }, [where]));
    if (loc.snippet.before) s.appendChild(document.createTextNode('…'));
    for (const [text, mark] of loc.snippet.parts) s.appendChild(mark ? el('mark', null, [text]) : document.createTextNode(text));
    if (loc.snippet.after) s.appendChild(document.createTextNode('…'));
    return s;
  }

  /** The result's page, at the step that matched when it is known. */
  hrefOf(r: Result, loc: Location | null): string {
    const u = new URL(r.proc.href, this.siteRoot);
    if (loc && loc.link) u.hash = `step-${loc.link}`;
    return u.href;
  }

  /** Code, status and owner of a result's process. */
  metaNode(r: Result): HTMLElement {
    const p = r.proc;
    return el('span', { class: 'fb-meta' }, [
      el('span', { class: 'fb-code' }, [p.code]),
      ' ',
      el('span', { class: `fb-status fb-status-${p.status}` }, [this.T.statuses[p.status] || p.status]),
      p.owner ? ' ' : null,
      p.owner ? el('span', { class: 'fb-owner' }, [p.owner]) : null,
    ]);
  }

  /** Fill in snippets and step links once the docs shards of the shown results arrive. */
  withDetails(search: Search, shown: readonly Result[], apply: (r: Result, loc: Location) => void): Promise<void> {
    return this.engine.docs(shown.map((r) => r.proc)).then((docs) => shown.forEach((r, i) => apply(r, locate(r, docs[i]!, search))));
  }
}
