/** Hostile text in every field is shown as text: no markup, no scripts, no template evaluation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildInto, clearPageCache, FIXTURES, listFiles, page, removeDir, tempDir, text } from './helpers.js';
import { buildSiteModel } from '../../src/view/model.js';
import { loadHandbook } from '../../src/load.js';

const ROOT = path.join(FIXTURES, 'hostile');
let dir: string;
let site: string;

const ALLOWED_SCRIPTS = new Set(['assets/search.js', 'assets/mermaid.min.js', 'assets/site.js', 'assets/print.js', 'assets/map.js', 'assets/viewer.js', 'assets/copy-check.js']);

describe('hostile handbook', () => {
  beforeAll(async () => {
    dir = await tempDir();
    site = path.join(dir, 'site');
    clearPageCache();
    const r = await buildInto(ROOT, site);
    expect(r.ok).toBe(true);
  });
  afterAll(() => removeDir(dir));

  it('no page has a script, handler, frame or javascript: URL of the author', async () => {
    for (const rel of (await listFiles(site)).filter((f) => f.endsWith('.html'))) {
      const doc = await page(site, rel);
      for (const s of doc.querySelectorAll('script')) {
        const src = s.getAttribute('src') ?? '';
        expect(ALLOWED_SCRIPTS.has(src.replace(/^(\.\.\/)*/, '')), `${rel}: script ${src}`).toBe(true);
        expect(s.textContent, rel).toBe('');
      }
      for (const el of doc.querySelectorAll('*')) {
        for (const a of el.getAttributeNames()) {
          expect(/^on/i.test(a), `${rel}: ${el.tagName} ${a}`).toBe(false);
          const v = el.getAttribute(a) ?? '';
          if (/^(href|src|action|xlink:href|formaction)$/i.test(a)) expect(/^\s*(javascript|data|vbscript):/i.test(v), `${rel}: ${a}=${v}`).toBe(false);
        }
      }
      expect(doc.querySelector('iframe, object, embed, img[src^="http"]'), rel).toBeNull();
    }
  });

  it('shows hostile names, roles and categories literally', async () => {
    const doc = await page(site, 'p/X-1.html');
    expect(text(doc.querySelector('h1'))).toContain('<img src=x onerror=alert(1)> {{name}} __proto__');
    expect(doc.title).toContain("<script>alert('title')</script> {{title}}");
    expect(text(doc.querySelector('.fb-brand-org'))).toBe(`Evil & Co "quoted" 'single'`);
    const roles = [...doc.querySelectorAll('#steps .fb-step-role')].map((td) => text(td));
    expect(roles).toEqual(['__proto__', 'constructor', '{{#each this}}x{{/each}}', '<script>alert(2)</script>', `a"b'c`]);
    expect(text(doc.querySelector('#step-1 .fb-step-text'))).toContain('<script>alert(3)</script>');
    expect(text(doc.querySelector('#step-1 .fb-step-note'))).toBe('{{{labels}}} javascript:alert(4)');
    expect(text(doc.querySelector('#step-2 .fb-step-text'))).toContain('{{> layout}}');
    expect(text(doc.querySelector('#step-2 .fb-step-next'))).toContain('<b>yes</b> → 3');
    expect(text(doc.querySelector('.fb-signoff'))).toContain('{{root}}');
    expect(text(doc.querySelector('.fb-revisions'))).toContain('<script>alert(6)</script>');
    const header = text(doc.querySelector('.fb-docheader'));
    expect(header).toContain("<script>alert('owner')</script>");
    expect(header).toContain('<b>v</b>');
    expect(header).toContain('__proto__');
  });

  it('the body is sanitised Markdown; template syntax in it stays text', async () => {
    const doc = await page(site, 'p/X-1.html');
    const body = doc.querySelector('.fb-markdown')!;
    expect(text(body)).toContain('{{handlebars}} {{{triple}}}');
    expect(body.querySelector('h1')).toBeNull();
    expect(text(body.querySelector('h2'))).toBe('Hostile body');
    expect(body.querySelector('[onclick], script, iframe')).toBeNull();
    expect(body.querySelector('a[href="https://evil.example/x.png"]')).not.toBeNull();
    expect(body.querySelector('pre.mermaid')!.textContent).toContain('<img src=x onerror=alert(11)>');
  });

  it('gives __proto__, constructor and markup roles and departments their own safe pages', async () => {
    const loaded = await loadHandbook(ROOT, { today: '2026-02-01' });
    const model = buildSiteModel(loaded.handbook!, { today: '2026-02-01' });
    const files = await listFiles(site);
    for (const [role, slug] of model.roleSlug) {
      expect(slug).toMatch(/^[\p{L}\p{M}\p{N}-]+$/u);
      expect(files).toContain(`role/${slug}.html`);
      expect(text((await page(site, `role/${slug}.html`)).querySelector('h1'))).toBe(role);
    }
    for (const [dept, slug] of model.deptSlug) {
      expect(files).toContain(`dept/${slug}.html`);
      expect(text((await page(site, `dept/${slug}.html`)).querySelector('h1'))).toBe(dept);
    }
    const index = await page(site, 'index.html');
    // Collation order (util/collate.ts): punctuation (_) before symbols (<).
    expect([...index.querySelectorAll('.fb-category h3')].map((h) => text(h))).toEqual(['__proto__ 1', '<b>cat</b> 1']);
  });
});
