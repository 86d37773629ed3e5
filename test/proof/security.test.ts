/**
 * Proof: the handbook never runs what a document smuggles in, and never writes or reads outside
 * its folders.
 *  - test/fixtures/security: every field (settings, name, code-adjacent text, roles, steps, notes,
 *    branch labels, category, owner/control, tags, sign-off, revisions, version, body Markdown with
 *    raw HTML, script, event handlers, javascript:/data:/vbscript: links, iframe, style, CSS
 *    expression, Handlebars, Mermaid init directives and click callbacks) carries payloads that
 *    call alert(1) and set window.__pwned.
 *    Static: no page has an element or attribute from document text, no foreign script, no
 *    dangerous URL; the Mermaid sources have no directive or click line; the search index files
 *    run in a sandbox without side effects.
 *    Chromium (security.e2e.test.ts): no dialog opens and __pwned stays undefined after load,
 *    after hovering and clicking every diagram node, after searching, after Mermaid draws the
 *    body's diagrams.
 *  - Codes and output paths cannot leave the output folder (checker and checkOutputPath).
 *  - Symbolic links in processes/ (to /etc/passwd, to a file or folder outside) are not followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from '../../src/build.js';
import { checkOutputPath, SiteWriter } from '../../src/output/write-site.js';
import { markdownToHtml } from '../../src/view/markdown.js';
import { check, doc } from '../helpers/handbook.js';
import { REPO } from '../helpers/cli.js';
import { dom, injected } from './inject.js';
import { listFiles, removeDir, tempDir, TODAY } from '../helpers/browser.js';

const FIXTURE = path.join(REPO, 'test/fixtures/security');
describe('the security fixture handbook', () => {
  let tmp: string;
  let site: string;

  beforeAll(async () => {
    tmp = tempDir('fb-proof-sec-');
    site = path.join(tmp, 'site');
    const r = await build({ root: FIXTURE, out: site, today: TODAY, force: true, cache: false, threads: 0 });
    expect(r.ok, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
  });
  afterAll(() => {
    removeDir(tmp);
  });

  it('the fixture carries the payloads in every field it claims to', () => {
    const all = readdirSync(path.join(FIXTURE, 'processes')).map((f) => readFileSync(path.join(FIXTURE, 'processes', f), 'utf8')).join('\n') + readFileSync(path.join(FIXTURE, 'flowbook.yml'), 'utf8');
    for (const field of ['title', 'organisation', 'controlledText', 'name', 'version', 'owner', 'control', 'category', 'roles', 'text', 'note', 'by', 'change', 'tags'])
      expect(all, field).toMatch(new RegExp(`${field}:[^\\n]*(<script|onerror|onmouseover|onfocus|onload|javascript:|\\{\\{)|${field}:\\n\\s+- "<script`));
    for (const p of ['<script>', 'onerror=', '<svg onload', 'javascript:', 'data:text/html', 'vbscript:', '<iframe', '<style>', 'expression(', '{{', '%%{init', 'click A call', 'securityLevel', '<x-pwn data-pwn', '" onmouseover=']) expect(all, p).toContain(p);
  });

  it('no page has an element, attribute, script or URL from document text (jsdom, every HTML file)', () => {
    const pages = listFiles(site).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(15);
    const found = pages.flatMap((rel) => injected(readFileSync(path.join(site, rel), 'utf8'), rel));
    expect(found).toEqual([]);
  });

  it('payload text is shown literally, not dropped', () => {
    const d = dom(readFileSync(path.join(site, 'p/SEC-1.html'), 'utf8'));
    expect(d.querySelector('h1')!.textContent).toContain(`<script>window.__pwned='name';alert(1)</script><x-pwn data-pwn>{{name}}`);
    expect(d.querySelector('#step-1 .fb-step-text')!.textContent).toContain(`<img src=x onerror="window.__pwned='step';alert(1)"> 请假 申请`);
    expect(d.querySelector('.fb-signoff')!.textContent).toContain('{{#each this}}{{this}}{{/each}}');
  });

  it('images and links in a body never point outside the site (absolute, climbing, file:)', () => {
    const d = dom(readFileSync(path.join(site, 'p/SEC-2.html'), 'utf8'));
    const srcs = [...d.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(srcs.filter((s) => s !== null && (s.startsWith('/') || s.startsWith('../../') || /^file:/i.test(s)))).toEqual([]);
    // The pure function, with spellings a browser reads as ".." or "/".
    for (const src of ['/etc/passwd', '../../etc/passwd', '../x/../../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd', '.%2E/.%2e/etc/passwd', 'file:///etc/passwd', '//evil.example/x.png', 'https://evil.example/x.png'])
      expect(markdownToHtml(`![a](${src})`, 'en'), src).not.toMatch(/<img[^>]* src=/);
    // Backslashes are Markdown escapes or percent-encoded (%5C), which no browser reads as a separator.
    for (const src of ['..\\..\\etc\\passwd', '..\\\\..\\\\etc', '\\\\server\\share\\x.png'])
      expect(markdownToHtml(`![a](${src})`, 'en'), src).not.toMatch(/src="(\/|\\|(\.\.[/\\]){2})/);
    // Images inside the site stay images.
    expect(markdownToHtml('![a](../assets/x.png) ![b](x.png)', 'en')).toBe('<p><img src="../assets/x.png" alt="a"> <img src="x.png" alt="b"></p>');
  });

  it('the Mermaid sources (.mmd) have no directive, init, click or style line from document text', () => {
    const files = new Set(listFiles(site));
    const mmd = [...files].filter((f) => f.endsWith('.mmd'));
    expect(mmd.length).toBe(2);
    for (const rel of mmd) {
      const lines = readFileSync(path.join(site, rel), 'utf8').split('\n');
      const bad = lines.filter((l) => /%%|<|>"|javascript:/i.test(l));
      // click lines are Flowbook's own: a link to a sibling page that exists, nothing else.
      for (const l of lines.filter((x) => /^\s*click\b/.test(x))) {
        const m = /^ {2}click s\d+ href "([^"]+\.html)"$/.exec(l);
        if (!m || !files.has(`p/${m[1]}`)) bad.push(l);
      }
      for (const l of lines.filter((x) => /^\s*(classDef|class|style|linkStyle)\b/.test(x))) if (!/^ {2}(classDef fbStart stroke-width:3px|class (s\d+,?)+ fbStart)$/.test(l)) bad.push(l);
      expect(bad, rel).toEqual([]);
    }
  });

  it('the search index files (loaded as <script>) only define data: run in a sandbox, they call nothing', () => {
    const files = listFiles(site).filter((f) => f.startsWith('search/') && f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const calls: string[] = [];
      const added: unknown[] = [];
      const trap = (name: string) => () => calls.push(name);
      const win: Record<string, unknown> = { __flowbookSearch: { add: (...args: unknown[]) => added.push(args) }, alert: trap('alert'), confirm: trap('confirm'), prompt: trap('prompt'), eval: trap('eval'), Function: trap('Function'), setTimeout: trap('setTimeout'), fetch: trap('fetch') };
      win.window = win;
      win.self = win;
      win.globalThis = win;
      win.document = { currentScript: { src: 'file:///site/search/x.js' }, createElement: trap('createElement'), write: trap('document.write') };
      const ctx = vm.createContext(win);
      vm.runInContext(readFileSync(path.join(site, f), 'utf8'), ctx, { timeout: 2000 });
      expect(calls, f).toEqual([]);
      expect(win.__pwned, f).toBeUndefined();
      // Exactly one call: add(kind, number, plain JSON data).
      expect(added, f).toHaveLength(1);
      const [kind, n, data] = added[0] as [unknown, unknown, unknown];
      expect(typeof kind).toBe('string');
      expect(typeof n).toBe('number');
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    }
  });
});

describe('codes and output paths cannot leave the output folder', () => {
  const BAD_CODES = ['../x', '..', '.', 'a/b', 'a\\b', '/abs', '../../etc/passwd', '.hidden', '-x', '%2e%2e', 'x\u0000y', ' x', 'CON', 'con', 'Nul', 'AUX.1', 'COM1', 'lpt9', 'a'.repeat(101), '流'.repeat(100), '流'.repeat(67), '😀'.repeat(30)];

  it.each(BAD_CODES.map((c) => [c.length > 20 ? `${c.slice(0, 8)}… (${c.length})` : JSON.stringify(c), c]))('the checker rejects code %s', (_, code) => {
    const r = check({ 'processes/x.md': doc({ code: JSON.stringify(code) }) });
    expect(r.handbook).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'invalid-code' || x.code === 'invalid-yaml');
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d!.file).toBe('processes/x.md');
  });

  it('accepts the longest codes that still name a file: 100 ASCII characters, 66 CJK characters (198 bytes)', async () => {
    for (const code of ['A'.repeat(100), '流'.repeat(66), 'CONTROL-1', 'con1', 'NULL-1', 'COM10', 'x.', 'A..B']) {
      const r = check({ 'processes/x.md': doc({ code: JSON.stringify(code) }) });
      expect(r.diagnostics.filter((d) => d.severity === 'error'), code).toEqual([]);
    }
    const tmp = tempDir('fb-proof-code-');
    try {
      mkdirSync(path.join(tmp, 'hb/processes'), { recursive: true });
      writeFileSync(path.join(tmp, 'hb/processes/a.md'), doc({ code: '流'.repeat(66) }));
      writeFileSync(path.join(tmp, 'hb/processes/b.md'), doc({ code: 'B'.repeat(100), name: '其他' }));
      const r = await build({ root: path.join(tmp, 'hb'), out: path.join(tmp, 'site'), today: TODAY, cache: false, threads: 0 });
      expect(r.ok).toBe(true);
      expect(listFiles(path.join(tmp, 'site'))).toContain(`p/${'流'.repeat(66)}.html`);
    } finally {
      removeDir(tmp);
    }
  });

  it('a build of a handbook with a device-name or over-long code is refused with a message, writing nothing', async () => {
    const tmp = tempDir('fb-proof-code-');
    try {
      for (const code of ['CON', '流'.repeat(100)]) {
        mkdirSync(path.join(tmp, 'hb/processes'), { recursive: true });
        writeFileSync(path.join(tmp, 'hb/processes/a.md'), doc({ code }));
        const r = await build({ root: path.join(tmp, 'hb'), out: path.join(tmp, 'site'), today: TODAY, cache: false, threads: 0 });
        expect(r.ok).toBe(false);
        expect(r.diagnostics.map((d) => d.code)).toContain('invalid-code');
        expect(readdirSync(tmp).sort()).toEqual(['hb']);
      }
    } finally {
      removeDir(tmp);
    }
  });

  it('checkOutputPath refuses every path that could leave the folder and accepts site paths', () => {
    for (const p of ['', '/', '/etc/passwd', '../x', '..', '.', 'a/../../b', 'a/..', './a', 'a/./b', 'a//b', 'a/', '/a', 'a\\b', '..\\x', 'a\0b', 'p/../../x.html'])
      expect(() => checkOutputPath(p), JSON.stringify(p)).toThrow(/unsafe output path/);
    for (const p of ['index.html', 'p/HR-1.html', 'p/流程.html', 'role/x-1a2b3c.html', 'assets/fonts/a.woff2', 'search/terms-0.js', '...', 'a..b', '.flowbook-site'])
      expect(() => checkOutputPath(p), p).not.toThrow();
  });

  it('the site writer refuses an unsafe path and writes nothing outside its folder', async () => {
    const tmp = tempDir('fb-proof-writer-');
    try {
      const w = await SiteWriter.open(path.join(tmp, 'site'));
      await expect(w.write([{ path: 'ok.html', content: 'ok' }, { path: '../escaped.html', content: 'x' }])).rejects.toThrow(/unsafe output path/);
      await expect(w.write([{ path: 'A.html', content: 'a' }, { path: 'a.html', content: 'b' }])).rejects.toThrow(/letter case/);
      await w.abort();
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      removeDir(tmp);
    }
  });
});

describe('symbolic links in processes/ are not followed', () => {
  it('links to /etc/passwd, to a document and to a folder outside the handbook never reach the site', async () => {
    const tmp = tempDir('fb-proof-link-');
    try {
      const root = path.join(tmp, 'handbook');
      cpSync(FIXTURE, root, { recursive: true });
      const outside = path.join(tmp, 'outside');
      mkdirSync(path.join(outside, 'folder'), { recursive: true });
      const secret = 'SECRET-OUTSIDE-7f3a9c';
      writeFileSync(path.join(outside, 'doc.md'), doc({ code: 'OUT-1', name: secret, body: `${secret}\n` }));
      writeFileSync(path.join(outside, 'folder', 'inner.md'), doc({ code: 'OUT-2', name: `${secret}-folder`, body: `${secret}\n` }));
      const P = path.join(root, 'processes');
      symlinkSync('/etc/passwd', path.join(P, 'passwd.md'));
      symlinkSync('/etc/passwd', path.join(P, 'passwd'));
      symlinkSync('/etc', path.join(P, 'etc'));
      symlinkSync(path.join(outside, 'doc.md'), path.join(P, 'outside.md'));
      symlinkSync('../../outside/doc.md', path.join(P, 'relative.md'));
      symlinkSync(path.join(outside, 'folder'), path.join(P, 'folder'));
      symlinkSync(path.join(outside, 'missing.md'), path.join(P, 'dangling.md'));
      const site = path.join(tmp, 'site');
      const r = await build({ root, out: site, today: TODAY, force: true, cache: false, threads: 0 });
      expect(r.ok, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
      expect(r.processes).toBe(2);
      const ignored = r.diagnostics.filter((d) => d.code === 'symlink-ignored').map((d) => d.file).sort();
      expect(ignored).toEqual(expect.arrayContaining(['processes/dangling.md', 'processes/outside.md', 'processes/passwd.md', 'processes/relative.md']));
      const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
      for (const rel of listFiles(site)) {
        const text = readFileSync(path.join(site, rel)).toString('utf8');
        expect(text.includes(secret), rel).toBe(false);
        expect(passwd.length > 5 && text.includes(passwd), rel).toBe(false);
        expect(text.includes('root:x:0:0'), rel).toBe(false);
      }
    } finally {
      removeDir(tmp);
    }
  });
});
