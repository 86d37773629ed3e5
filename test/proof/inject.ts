/**
 * Finding author markup in built pages (shared by the security proof and the page-rendering fuzz).
 * Not a test file: vitest collects only *.test.ts.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

/** The site's own scripts: nothing else may appear in a <script>. */
const OUR_SCRIPTS = new Set(['assets/search.js', 'assets/mermaid.min.js', 'assets/site.js', 'assets/print.js', 'assets/map.js', 'assets/viewer.js', 'assets/copy-check.js']);
const DANGEROUS_URL = /^(?:javascript|vbscript|data|file):/i;
/** jsdom without its console noise (it cannot parse the nested @page margin rules of print CSS). */
export const dom = (html: string) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'cite']);

/**
 * Every way a page could carry author markup: returns one line per finding. Browsers ignore
 * whitespace and control characters inside a URL scheme, so they are removed before the test.
 */
export function injected(html: string, where: string): string[] {
  const out: string[] = [];
  const d = dom(html);
  for (const el of d.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'x-pwn' || tag.includes('pwn')) out.push(`${where}: <${tag}> element`);
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet', 'frameset', 'portal'].includes(tag)) out.push(`${where}: <${tag}> element`);
    if (tag === 'meta' && el.getAttribute('http-equiv')) out.push(`${where}: <meta http-equiv>`);
    if (tag === 'script') {
      const src = (el.getAttribute('src') ?? '').replace(/^(\.\.\/)*/, '');
      if (!OUR_SCRIPTS.has(src) || (el.textContent ?? '') !== '') out.push(`${where}: script ${el.outerHTML.slice(0, 80)}`);
    }
    if (tag === 'style') {
      // Document text may only appear inside CSS strings ("..."), escaped; outside them, nothing of it.
      const css = el.textContent ?? '';
      const outside = css.replace(/"(?:\\[\s\S]|[^"\\\n])*"/g, '""');
      if (/expression|javascript|url\(|@import|behavior|pwned|alert|[<>]/i.test(outside)) out.push(`${where}: <style> breaks out: ${outside.slice(0, 120)}`);
      if (/[<>]/.test(css)) out.push(`${where}: <style> holds < or >`);
    }
    for (const a of el.getAttributeNames()) {
      const v = el.getAttribute(a) ?? '';
      if (/^on/i.test(a)) out.push(`${where}: <${tag} ${a}>`);
      if (a.includes('pwn') || a === 'autofocus') out.push(`${where}: <${tag} ${a}>`);
      if (URL_ATTRS.has(a.toLowerCase()) && DANGEROUS_URL.test(v.replace(/[\u0000-\u0020\u007f]+/g, ''))) out.push(`${where}: <${tag} ${a}="${v.slice(0, 60)}">`);
      if (a === 'style' && /expression|javascript|url\(/i.test(v)) out.push(`${where}: <${tag} style="${v.slice(0, 60)}">`);
    }
  }
  return out;
}
