/**
 * Markdown bodies -> safe HTML, through one frozen unified processor:
 * remark-parse, remark-gfm, (headings demoted), remark-rehype, rehype-sanitize (GitHub schema),
 * (mermaid blocks, remote images), rehype-stringify.
 *
 * - Raw HTML in a body is dropped (remark-rehype without allowDangerousHtml); whatever reaches the
 *   tree is then sanitised, so scripts, event handlers and `javascript:` URLs never survive.
 * - A body's `# heading` becomes `<h2>` (the page has one `<h1>`, the process name).
 * - ```mermaid blocks become `<pre class="mermaid">` with the code as escaped text; the page loads
 *   the site's own copy of Mermaid to draw them.
 * - Images with a remote address, or a local one outside the site (`/etc/x`, `../../x`), become
 *   links (no request leaves the site).
 * The result depends on the body text alone, so it can be cached by content hash; links between
 * documents are rewritten afterwards by `rewriteLinks`.
 */
import { createHash } from 'node:crypto';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Language } from '../model/types.js';

/** Bump when the pipeline's output changes, so cached HTML is not reused. */
export const MARKDOWN_PIPELINE_VERSION = 'fb-md-2';

interface Node {
  type: string;
  depth?: number;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
  value?: string;
  alt?: string;
}

function walk(node: Node, fn: (n: Node) => void): void {
  fn(node);
  if (node.children) for (const c of node.children) walk(c, fn);
}

/** Shift headings so the shallowest is level 2. */
function demoteHeadings() {
  return (tree: Node) => {
    let min = 7;
    walk(tree, (n) => {
      if (n.type === 'heading' && n.depth !== undefined) min = Math.min(min, n.depth);
    });
    if (min >= 2 || min === 7) return;
    walk(tree, (n) => {
      if (n.type === 'heading' && n.depth !== undefined) n.depth = Math.min(6, n.depth + 1);
    });
  };
}

const classes = (n: Node): string[] => {
  const c = n.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Whether an image address from a page in p/ points outside the site: root-absolute (`/etc/passwd`),
 * or climbing above the site's folder (`../../x`, also spelt `%2e%2e` or with `\`, which browsers
 * read as `..` and `/`). Such an image would make the page fetch a file outside the site.
 */
function leavesSite(src: string): boolean {
  let p = src.split(/[?#]/)[0]!.replace(/\\/g, '/');
  try {
    p = decodeURIComponent(p);
  } catch {
    /* keep it as written */
  }
  if (p.startsWith('/')) return true;
  let depth = 1; // pages are in p/
  for (const seg of p.split('/')) {
    if (seg === '..') depth--;
    else if (seg !== '.' && seg !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** After sanitising: mermaid code blocks to `<pre class="mermaid">`, remote images to links. */
function siteElements() {
  return (tree: Node) => {
    walk(tree, (n) => {
      // remark-rehype prefixes footnote ids and rehype-sanitize prefixes them again: undo the second.
      const id = n.properties?.id;
      if (typeof id === 'string' && id.startsWith('user-content-user-content-')) n.properties!.id = id.slice('user-content-'.length);
      if (!n.children) return;
      n.children = n.children.map((c) => {
        if (c.type !== 'element') return c;
        if (c.tagName === 'pre' && c.children?.length === 1) {
          const code = c.children[0]!;
          if (code.type === 'element' && code.tagName === 'code' && classes(code).includes('language-mermaid')) {
            const text = (code.children ?? []).map((t) => (t.type === 'text' ? (t.value ?? '') : '')).join('');
            return { type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: [{ type: 'text', value: text }] };
          }
        }
        if (c.tagName === 'img') {
          const src = String(c.properties?.src ?? '');
          if (REMOTE.test(src) || leavesSite(src)) {
            const alt = String(c.properties?.alt ?? '') || src;
            return { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: alt }] };
          }
        }
        return c;
      });
    });
  };
}

const FOOTNOTES: Record<Language, { footnoteLabel: string; footnoteBackLabel: (i: number) => string }> = {
  'zh-CN': { footnoteLabel: '脚注', footnoteBackLabel: (i) => `返回引用 ${i + 1}` },
  en: { footnoteLabel: 'Footnotes', footnoteBackLabel: (i) => `Back to reference ${i + 1}` },
};

const makeProcessor = (language: Language) =>
  unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(demoteHeadings)
    .use(remarkRehype, FOOTNOTES[language])
    .use(rehypeSanitize)
    .use(siteElements)
    .use(rehypeStringify)
    .freeze();

const processors = new Map<Language, ReturnType<typeof makeProcessor>>();

/** One body to sanitised HTML. Pure; ~0.5-1 ms for a few paragraphs. */
export function markdownToHtml(body: string, language: Language): string {
  if (body.trim() === '') return '';
  let p = processors.get(language);
  if (!p) processors.set(language, (p = makeProcessor(language)));
  return String(p.processSync(body));
}

/** The cache key of a body: the pipeline version, the language (footnote labels) and the text. */
export function bodyHash(body: string, language: Language): string {
  return createHash('sha256').update(`${MARKDOWN_PIPELINE_VERSION}\0${language}\0`).update(body, 'utf8').digest('hex').slice(0, 32);
}

/** Whether converted HTML holds a Mermaid block (only our plugin can make this class; sanitising strips authors' classes). */
export const hasMermaid = (html: string) => html.includes('<pre class="mermaid">');

/**
 * Rewrite relative links to other process documents (`../leave.md`, `HR-AT-003.md#x`) to their page
 * (`HR-AT-003.html#x`, pages are siblings in p/). `resolve` gets the link path resolved against the
 * document's folder (handbook-relative, "/" separators) and the bare file name, and returns the
 * target's code when it is published. A link to a `.md` file that is no published process (a draft
 * left out, a missing file) becomes its plain text, as a `type: process` step to it does. Other
 * links are left as written.
 */
export function rewriteLinks(html: string, fromFile: string, resolve: (handbookPath: string, fileName: string) => string | undefined): string {
  if (!html.includes('.md')) return html;
  // Sanitised output: anchors never nest and attributes are always double-quoted.
  return html.replace(/<a href="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (whole, href: string, rest: string, inner: string) => {
    if (REMOTE.test(href) || href.startsWith('/') || href.startsWith('#')) return whole;
    const m = /^([^?#]*\.md)([?#].*)?$/i.exec(href);
    if (!m) return whole;
    let target: string;
    try {
      target = decodeURI(m[1]!);
    } catch {
      return whole;
    }
    const dir = fromFile.split('/').slice(0, -1);
    for (const part of target.split('/')) {
      if (part === '..') dir.pop();
      else if (part !== '.' && part !== '') dir.push(part);
    }
    const code = resolve(dir.join('/'), target.split('/').pop()!);
    if (code === undefined) return `<span class="fb-unpublished-link">${inner}</span>`;
    const hash = m[2]?.includes('#') ? m[2].slice(m[2].indexOf('#')) : '';
    return `<a href="${encodeURI(code)}.html${hash}"${rest}>${inner}</a>`;
  });
}
