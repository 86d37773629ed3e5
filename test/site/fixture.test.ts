/** A small English fixture handbook: drafts, obsolete, review dates, body links, Mermaid blocks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { allLinks, buildInto, clearPageCache, FIXTURES, listFiles, page, removeDir, tempDir, text } from './helpers.js';

const ROOT = path.join(FIXTURES, 'site-basic');
let dir: string;
let site: string;
let withDrafts: string;

describe('fixture handbook', () => {
  beforeAll(async () => {
    dir = await tempDir();
    site = path.join(dir, 'site');
    withDrafts = path.join(dir, 'drafts');
    clearPageCache();
    expect((await buildInto(ROOT, site)).ok).toBe(true);
    expect((await buildInto(ROOT, withDrafts, { drafts: true })).ok).toBe(true);
  });
  afterAll(() => removeDir(dir));

  it('uses English labels', async () => {
    const doc = await page(site, 'p/FX-001.html');
    expect(doc.documentElement.lang).toBe('en');
    expect(text(doc.querySelector('.fb-docheader'))).toContain('Process name');
    expect(text(doc.querySelector('.fb-signoff'))).toContain('Approved by');
    expect(text(doc.querySelector('.fb-signoff'))).toContain('Carol White');
    expect(text(doc.querySelector('.fb-signoff'))).toContain('2025-12-10');
  });

  it('leaves drafts out: no page, and links to them become plain text', async () => {
    expect(existsSync(path.join(site, 'p/FX-003.html'))).toBe(false);
    const doc = await page(site, 'p/FX-001.html');
    const row = doc.querySelector('#step-6')!;
    expect(row.querySelector('.fb-step-text a')).toBeNull();
    expect(text(row)).toContain('Remote work');
    expect(text(row)).toContain('not published');
    // The body's link to the draft document is plain text too; the unknown link as well.
    expect(doc.querySelector('.fb-markdown a[href*="draft"]')).toBeNull();
    expect(doc.querySelector('.fb-markdown a[href*="missing"]')).toBeNull();
    expect(text(doc.querySelector('.fb-markdown'))).toContain('here');
    const index = await page(site, 'index.html');
    expect(index.querySelector('a[href="p/FX-003.html"]')).toBeNull();
    const { local } = await allLinks(site);
    const files = new Set(await listFiles(site));
    for (const l of local) expect(files.has(l.target), `${l.from} -> ${l.href}`).toBe(true);
  });

  it('with --drafts, publishes drafts marked as drafts', async () => {
    const doc = await page(withDrafts, 'p/FX-003.html');
    expect(text(doc.querySelector('.fb-banner-draft'))).toContain('Draft');
    const from = await page(withDrafts, 'p/FX-001.html');
    expect(from.querySelector('#step-6 .fb-step-text a')?.getAttribute('href')).toBe('FX-003.html');
    expect(from.querySelector('.fb-markdown a[href="FX-003.html"]')).not.toBeNull();
    const index = await page(withDrafts, 'index.html');
    const item = index.querySelector('a[href="p/FX-003.html"]')!.parentElement!;
    expect(text(item)).toContain('Draft');
    // The draft's link back shows on FX-001 as "referenced by".
    expect(from.querySelector('.fb-related-grid > div:nth-child(2) a[href="FX-003.html"]')).not.toBeNull();
    expect((await page(site, 'p/FX-001.html')).querySelector('.fb-related-grid a[href="FX-003.html"]')).toBeNull();
  });

  it('rewrites links between documents to page links', async () => {
    const a = await page(site, 'p/FX-001.html');
    expect(a.querySelector('.fb-markdown a[href="FX-002.html#steps"]')).not.toBeNull();
    const b = await page(site, 'p/FX-002.html');
    expect(b.querySelector('.fb-markdown a[href="FX-001.html"]')).not.toBeNull();
  });

  it('draws Mermaid blocks with the site copy of Mermaid, only where needed', async () => {
    const a = await page(site, 'p/FX-001.html');
    const pre = a.querySelector('pre.mermaid')!;
    expect(pre.textContent).toContain('A[Start] --> B[End]');
    expect(a.querySelector('script[src="../assets/mermaid.min.js"]')).not.toBeNull();
    expect(existsSync(path.join(site, 'assets/mermaid.min.js'))).toBe(true);
    const b = await page(site, 'p/FX-002.html');
    expect(b.querySelector('script[src*="mermaid"]')).toBeNull();
  });

  it('names what replaced an obsolete process and keeps it off the main lists', async () => {
    const doc = await page(site, 'p/FX-004.html');
    const banner = doc.querySelector('.fb-banner-obsolete')!;
    expect([...banner.querySelectorAll('a')].map((x) => x.getAttribute('href'))).toEqual(['FX-002.html']);
    const index = await page(site, 'index.html');
    expect(index.querySelector('.fb-categories a[href="p/FX-004.html"]')).toBeNull();
    expect(index.querySelector('.fb-obsolete a[href="p/FX-004.html"]')).not.toBeNull();
    const map = await page(site, 'map.html');
    expect(map.querySelector('a[href="p/FX-004.html"]')).toBeNull();
  });

  it('lists processes due for review within 30 days, overdue first, and recent versions', async () => {
    const index = await page(site, 'index.html');
    const due = [...index.querySelectorAll('.fb-due li')];
    expect(due.map((li) => li.querySelector('a')!.getAttribute('href'))).toEqual(['p/FX-002.html', 'p/FX-001.html']);
    expect(due[0]!.className).toContain('fb-overdue');
    expect(text(due[0])).toContain('overdue 22d');
    expect(due[1]!.className).not.toContain('fb-overdue');
    const recent = [...index.querySelectorAll('.fb-recent a')].map((a) => a.getAttribute('href'));
    expect(recent).toEqual(['p/FX-001.html', 'p/FX-002.html']);
    const cats = [...index.querySelectorAll('.fb-category h3')].map((h) => text(h));
    expect(cats).toEqual(['Attendance 1', 'Pay 1']);
  });

  it('role and department pages', async () => {
    const role = await page(site, 'role/Human-Resources-' + (await import('../../src/view/slug.js')).shortHash('Human Resources') + '.html');
    expect(text(role.querySelector('h1'))).toBe('Human Resources');
    expect([...role.querySelectorAll('.fb-role-steps a')].map((a) => a.getAttribute('href'))).toEqual([
      '../p/FX-001.html#step-4',
      '../p/FX-001.html#step-5',
      '../p/FX-001.html#step-6',
      '../p/FX-002.html#step-1',
    ]);
    const files = await listFiles(site);
    const dept = files.find((f) => f.startsWith('dept/Finance'))!;
    const doc = await page(site, dept);
    // Finance owns FX-002 and the obsolete FX-004 (listed last, marked).
    expect([...doc.querySelectorAll('main section:first-of-type a')].map((a) => a.getAttribute('href'))).toEqual(['../p/FX-002.html', '../p/FX-004.html']);
    expect(text(doc.querySelector('main section:first-of-type'))).toContain('Obsolete');
  });
});
