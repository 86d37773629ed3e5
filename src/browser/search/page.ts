/**
 * The search on the page: the header's combobox (suggestions as you type, "/" to focus) and, on
 * search.html, the results with facets. Everything from the index is put into the page as text
 * nodes only (it came from documents).
 */
import { Combobox } from './combobox.js';
import { SearchContext } from './context.js';
import { isEditable } from './dom.js';
import type { Engine } from './engine.js';
import { ResultsPage } from './results.js';

interface Page {
  readonly engine: Engine;
  /** This script's URL: the index is at ../search/, the site root at ../. */
  readonly scriptUrl: string;
}

const BOX = 'input[type="search"], input[name="q"]';

/** Wires up every search form on the page, and search.html's results. */
export function startPage({ engine, scriptUrl }: Page): void {
  const ctx = new SearchContext(engine, scriptUrl);
  const forms = Array.from(document.querySelectorAll<HTMLFormElement>('form.fb-search'));
  const form = forms[0];
  const input = form?.querySelector<HTMLInputElement>(BOX) ?? null;
  const page = document.getElementById('fb-search-page');
  focusOnSlash(input);
  forms.forEach((f, n) => {
    const box = f.querySelector<HTMLInputElement>(BOX);
    // On search.html the header box drives the results page instead of a dropdown.
    if (box && !(page && f === form)) new Combobox(ctx, f, box, n);
  });
  if (page) new ResultsPage(ctx, page, form, input);
}

/** "/" focuses the header search box, unless the reader is typing somewhere. */
function focusOnSlash(input: HTMLInputElement | null): void {
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (isEditable(e.target) || !input) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}
