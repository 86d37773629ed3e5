/** Small DOM helpers for the search page: elements and text nodes only, never HTML strings (the text came from documents). */

export type Child = Node | string | null | undefined;

/** An element with attributes (`class` as className; true: present and empty; null, undefined, false: absent) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean | null | undefined> | null, children?: readonly Child[]): HTMLElementTagNameMap[K] {
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
export function marked(text: string, ranges: ReadonlyArray<readonly [number, number]>): DocumentFragment {
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

/** Whether a key pressed there is typing (an input, a text area, a select, editable content). */
export function isEditable(t: EventTarget | null): boolean {
  const e = t as HTMLElement | null;
  return !!e && (e.isContentEditable || /^(?:input|textarea|select)$/i.test(e.tagName || ''));
}
