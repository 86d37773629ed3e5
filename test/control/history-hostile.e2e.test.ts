/**
 * Changes pages of hostile documents (markup, template syntax, prototype names in every field,
 * changed between versions) and of a 120-step, 25-lane chart: text stays text, every link stays
 * inside the site, and the changed boxes are marked.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto, clearPageCache, FIXTURES, allLinks, listFiles, page, removeDir, tempDir } from '../site/helpers.js';
import { doc } from '../helpers/handbook.js';
import { longSteps } from '../print/helpers.js';
import { Repo } from './history-repo.js';

const ALLOWED_SCRIPTS = new Set(['assets/search.js', 'assets/mermaid.min.js', 'assets/site.js', 'assets/print.js', 'assets/map.js', 'assets/viewer.js', 'assets/copy-check.js']);
const LANES = Array.from({ length: 25 }, (_, i) => `角色${i + 1}`);
const big = (edit: boolean, version: string) => {
  let steps = longSteps(120, LANES);
  if (edit) steps = steps.replace(/text: 第(\d*0)步 处理申请材料并登记/g, 'text: 第$1步 <b>复核</b>申请材料');
  return doc({ code: 'BIG-1', name: '大流程', roles: `[${LANES.join(', ')}]`, steps, extra: `version: ${version}\n` });
};

let dir: string;
let site: string;

beforeAll(async () => {
  dir = await tempDir('fb-history-hostile-');
  const root = path.join(dir, 'handbook');
  cpSync(path.join(FIXTURES, 'hostile'), root, { recursive: true });
  const repo = new Repo(root);
  repo.write('processes/big.md', big(false, 'A/0')).commit('<script>alert("commit")</script> {{root}}', '2025-01-01T09:00:00+08:00');
  const evil = readFileSync(path.join(root, 'processes/evil.md'), 'utf8');
  writeFileSync(
    path.join(root, 'processes/evil.md'),
    evil
      .replace('version: "<b>v</b>"', 'version: "<b>v2</b>\\"onload=alert(1)"')
      .replace('text: "<script>alert(3)</script>"', 'text: "<script>alert(13)</script><img src=x onerror=alert(14)>"')
      .replace('owner: "<script>alert(\'owner\')</script>"', 'owner: "</td><script>alert(15)</script>"')
      .replace('<script>alert(7)</script>', '<script>alert(16)</script> {{{bodyHtml}}}'),
  );
  repo.write('processes/big.md', big(true, 'A/1')).commit('second', '2025-06-01T09:00:00+08:00');
  site = path.join(dir, 'site');
  clearPageCache();
  const r = await buildInto(root, site, { threads: 0, cache: false });
  expect(r.ok).toBe(true);
});

afterAll(() => removeDir(dir));

describe('changes pages of hostile documents', () => {
  it('have no script, handler, frame or javascript: URL of the author', async () => {
    const pages = (await listFiles(site)).filter((f) => f.startsWith('changes/') || f === 'whats-new.html');
    expect(pages).toEqual(expect.arrayContaining(['changes/X-1.html', 'changes/BIG-1.html', 'whats-new.html']));
    for (const rel of pages) {
      const d = await page(site, rel);
      for (const s of d.querySelectorAll('script')) {
        expect(ALLOWED_SCRIPTS.has((s.getAttribute('src') ?? '').replace(/^(\.\.\/)*/, '')), `${rel}: script`).toBe(true);
        expect(s.textContent, rel).toBe('');
      }
      for (const el of d.querySelectorAll('*'))
        for (const a of el.getAttributeNames()) {
          expect(/^on/i.test(a), `${rel}: ${el.tagName} ${a}`).toBe(false);
          if (/^(href|src|action|xlink:href)$/i.test(a)) expect(/^\s*(javascript|data|vbscript):/i.test(el.getAttribute(a) ?? ''), `${rel}: ${a}`).toBe(false);
        }
      expect(d.querySelector('iframe, object, embed, img'), rel).toBeNull();
      for (const a of d.querySelectorAll('a[href]')) expect(/^[a-z][a-z0-9+.-]*:|^\/\//i.test(a.getAttribute('href')!), `${rel}: ${a.getAttribute('href')}`).toBe(false);
    }
  });

  it('show the hostile changes as text', async () => {
    const d = await page(site, 'changes/X-1.html');
    const text = d.body.textContent ?? '';
    expect(text).toContain('<script>alert(13)</script><img src=x onerror=alert(14)>');
    const inserted = [...d.querySelectorAll('ins')].map((e) => e.textContent).join('|');
    expect(inserted).toContain('/td>');
    expect(inserted).toContain('15');
    expect(text).toContain('<script>alert(716)</script> {{{bodyHtml}}}'); // 7 deleted, 16 and the rest inserted
    expect(text).toContain('<script>alert("commit")</script> {{root}}');
    expect(text).toContain('<b>v2</b>"onload=alert(1)');
    // Inserted and deleted text are marked as such.
    expect(inserted, inserted).toContain('><img src=x onerror=alert(14)');
  });

  it('keep every link inside the site', async () => {
    const { local } = await allLinks(site);
    const fromChanges = local.filter((l) => l.from.startsWith('changes/'));
    expect(fromChanges.length).toBeGreaterThan(0);
    for (const l of fromChanges) expect(l.target.startsWith('..'), `${l.from} -> ${l.href}`).toBe(false);
  });

  it('mark the twelve changed boxes of a 120-step, 25-lane chart', async () => {
    const html = readFileSync(path.join(site, 'changes/BIG-1.html'), 'utf8');
    const marked = [...html.matchAll(/data-step="(s\d+)" data-change="changed"/g)].map((m) => m[1]);
    expect(marked).toEqual(Array.from({ length: 12 }, (_, i) => `s${(i + 1) * 10}`));
    expect(html).toContain('第10步 <del>处理</del><ins>&lt;b&gt;复核&lt;/b&gt;</ins>申请材料<del>并登记</del>');
    expect(html).toContain('其余 108 个步骤未变。');
  });
});
