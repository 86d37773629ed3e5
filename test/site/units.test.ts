/** Slugs, paths, Markdown, replacements. */
import { describe, expect, it } from 'vitest';
import { baseSlug, slugMap } from '../../src/view/slug.js';
import { relative, rootOf } from '../../src/view/paths.js';
import { markdownToHtml, rewriteLinks } from '../../src/view/markdown.js';
import { htmlToText } from '../../src/site/text.js';
import { check, doc } from '../helpers/handbook.js';
import { replacements } from '../../src/view/model.js';
import { defaultThreads } from '../../src/site/process-pool.js';

describe('slugs', () => {
  it('keeps letters and digits of any script, marks changed names with a hash', () => {
    expect(baseSlug('人力资源部')).toBe('人力资源部');
    expect(baseSlug('Line Manager')).toMatch(/^Line-Manager-[0-9a-f]{6}$/);
    expect(baseSlug('人力资源部(工资主管)')).toMatch(/^人力资源部-工资主管-[0-9a-f]{6}$/);
    expect(baseSlug('مدير')).toBe('مدير');
    expect(baseSlug('हिन्दी')).toBe('हिन्दी');
  });

  it('is never empty, ".." or a device name, and never leaves its folder', () => {
    for (const name of ['', '..', '.', '/', '../../etc/passwd', '<script>', '   ', 'CON', 'nul', '__proto__', '\u0000', '💼']) {
      const s = baseSlug(name);
      expect(s, name).toMatch(/^[\p{L}\p{M}\p{N}-]+$/u);
      expect(s).not.toMatch(/^(con|nul)$/i);
    }
    expect(baseSlug('CON')).not.toBe('CON');
  });

  it('separates names that differ only in case or punctuation, deterministically', () => {
    const names = ['HR', 'hr', 'a b', 'a-b', 'a_b', 'x'];
    const m = slugMap(names);
    const slugs = [...m.values()].map((s) => s.toLowerCase());
    expect(new Set(slugs).size).toBe(names.length);
    expect(slugMap([...names].reverse())).toEqual(m);
    expect(m.get('x')).toBe('x');
  });

  it('cuts very long names', () => {
    expect([...baseSlug('很'.repeat(300))].length).toBeLessThanOrEqual(60);
  });
});

describe('paths', () => {
  it('computes root prefixes and relative links', () => {
    expect(rootOf('index.html')).toBe('');
    expect(rootOf('p/A.html')).toBe('../');
    expect(relative('p/A.html', 'p/B.html')).toBe('B.html');
    expect(relative('p/A.html', 'role/x.html')).toBe('../role/x.html');
    expect(relative('index.html', 'p/B.html')).toBe('p/B.html');
    expect(relative('p/A.html', 'index.html')).toBe('../index.html');
    expect(relative('a/b/c.html', 'a/x.html')).toBe('../x.html');
    expect(relative('a/b/c.html', 'a/b/d.html')).toBe('d.html');
    expect(relative('a/b/c.html', 'q.html')).toBe('../../q.html');
    expect(relative('a/b/c.html', 'ab/q.html')).toBe('../../ab/q.html');
  });
});

describe('markdown', () => {
  it('sanitises: no raw HTML, scripts or javascript: links', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick="x()">b</b>\n\n<img src=x onerror=alert(1)>', 'en');
    expect(html).not.toMatch(/script|onclick|onerror|javascript/i);
  });

  it('demotes headings so the page keeps one h1', () => {
    expect(markdownToHtml('# A\n\n## B', 'en')).toBe('<h2>A</h2>\n<h3>B</h3>');
    expect(markdownToHtml('## B', 'en')).toBe('<h2>B</h2>');
  });

  it('keeps mermaid code escaped in pre.mermaid; remote images become links', () => {
    expect(markdownToHtml('```mermaid\nA-->B<x>\n```', 'en')).toBe('<pre class="mermaid">A-->B&#x3C;x>\n</pre>');
    expect(markdownToHtml('![a](https://x.test/i.png)', 'en')).toBe('<p><a href="https://x.test/i.png">a</a></p>');
  });

  it('footnotes link to their targets', () => {
    const html = markdownToHtml('a[^1]\n\n[^1]: n', 'zh-CN');
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
    expect(html).toContain('脚注');
  });

  it('rewrites document links and unwraps unknown ones', () => {
    const html = '<p><a href="../b/x.md#s">x</a> <a href="HR-1.md">c</a> <a href="nope.md">n</a> <a href="https://a.md">e</a> <a href="f.pdf">f</a></p>';
    const out = rewriteLinks(html, 'processes/a/y.md', (p, f) => (p === 'processes/b/x.md' ? 'X-1' : f === 'HR-1.md' ? 'HR-1' : undefined));
    expect(out).toBe('<p><a href="X-1.html#s">x</a> <a href="HR-1.html">c</a> <span class="fb-unpublished-link">n</span> <a href="https://a.md">e</a> <a href="f.pdf">f</a></p>');
  });

  it('turns HTML into search text', () => {
    expect(htmlToText('<p>a &amp; b</p>\n<p>&#x3C;c&#62;</p>')).toBe('a & b <c>');
  });
});

describe('replacements of obsolete processes', () => {
  it('uses revision texts in both directions, not bodies', () => {
    const r = check({
      'processes/a.md': doc({ code: 'OLD-1', status: 'obsolete', signoff: null, extra: 'revisions:\n  - { version: "1", change: "withdrawn, see NEW-1." }\n', body: 'NEW-3 mentioned in body' }),
      'processes/b.md': doc({ code: 'NEW-1' }),
      'processes/c.md': doc({ code: 'NEW-2', extra: 'revisions:\n  - { version: "1", change: "replaces OLD-1" }\n' }),
      'processes/d.md': doc({ code: 'NEW-3' }),
      'processes/e.md': doc({ code: 'NEW-4', extra: 'revisions:\n  - { version: "1", change: "replaces OLD-10" }\n' }),
    });
    const hb = r.handbook!;
    const old = hb.byCode.get('OLD-1')!;
    const current = hb.processes.filter((p) => p.status !== 'obsolete');
    expect(replacements(old, current, hb.byCode)).toEqual(['NEW-1', 'NEW-2']);
  });
});

describe('worker threads by default', () => {
  it('none on two cores below 4,000 processes (a worker costs more than it saves there), cores - 1 up to 3 otherwise', () => {
    expect(defaultThreads(1000, 2)).toBe(0);
    expect(defaultThreads(3999, 2)).toBe(0);
    expect(defaultThreads(4000, 2)).toBe(1);
    expect(defaultThreads(10000, 2)).toBe(1);
    expect(defaultThreads(10000, 1)).toBe(0);
    expect(defaultThreads(1000, 4)).toBe(3);
    expect(defaultThreads(1000, 16)).toBe(3);
  });
});
