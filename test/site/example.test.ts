/** The example handbook (processes/ + flowbook.yml at the repository root), built into a temp folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadHandbook } from '../../src/load.js';
import type { Handbook } from '../../src/model/types.js';
import { buildSiteModel, type SiteModel } from '../../src/view/model.js';
import { labelsFor } from '../../src/view/labels.js';
import { allLinks, buildInto, listFiles, page, REPO, removeDir, tempDir, text } from './helpers.js';

const TODAY = '2026-02-01';
let dir: string;
let site: string;
let handbook: Handbook;
let model: SiteModel;
const L = labelsFor('zh-CN');
const hasExample = existsSync(path.join(REPO, 'processes'));

describe.skipIf(!hasExample)('example handbook site', () => {
  beforeAll(async () => {
    dir = await tempDir();
    site = path.join(dir, 'site');
    const loaded = await loadHandbook(REPO, { today: TODAY });
    if (!loaded.handbook) throw new Error('the example handbook has errors');
    handbook = loaded.handbook;
    model = buildSiteModel(handbook, { today: TODAY });
    const r = await buildInto(REPO, site, { today: TODAY });
    expect(r.ok).toBe(true);
  });
  afterAll(() => removeDir(dir));

  it('has the fixed pages and one page per published process', async () => {
    const files = await listFiles(site);
    for (const f of ['index.html', 'map.html', 'search.html', 'roles.html', 'departments.html', 'assets/site.css', '.flowbook-site']) expect(files).toContain(f);
    for (const p of model.published) expect(files).toContain(`p/${p.code}.html`);
    for (const p of handbook.processes.filter((x) => x.status === 'draft')) expect(files).not.toContain(`p/${p.code}.html`);
  });

  it('every page is a complete HTML document with one h1 and unique ids', async () => {
    for (const rel of (await listFiles(site)).filter((f) => f.endsWith('.html'))) {
      const html = await readFile(path.join(site, rel), 'utf8');
      expect(html.startsWith('<!doctype html>'), rel).toBe(true);
      const doc = await page(site, rel);
      expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
      expect(doc.querySelector('meta[charset="utf-8"]'), rel).not.toBeNull();
      expect(doc.querySelectorAll('h1').length, rel).toBe(1);
      expect(doc.querySelector('header nav'), rel).not.toBeNull();
      expect(doc.querySelector('main'), rel).not.toBeNull();
      expect(doc.querySelector('form.fb-search[role="search"] input#fb-q[name="q"]'), rel).not.toBeNull();
      const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
      expect(ids.length, rel).toBe(new Set(ids).size);
    }
  });

  it('process pages carry the controlled-document header, every step, sign-off and revisions', async () => {
    for (const p of model.published) {
      const doc = await page(site, `p/${p.code}.html`);
      expect(text(doc.querySelector('h1'))).toContain(p.name);
      const header = new Map([...doc.querySelectorAll('.fb-docheader > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]));
      expect(header.get(L.processName)).toBe(p.name);
      expect(header.get(L.code)).toBe(p.code);
      expect(header.get(L.version)).toBe(p.version ?? '—');
      expect(header.get(L.status)).toContain(L.statuses[p.status]);
      expect(header.get(L.owner)).toBe(p.owner);
      expect(header.get(L.control)).toBe(p.control);
      expect(header.get(L.effective)).toBe(p.effective ?? '—');
      expect(header.get(L.review)).toBe(p.review ?? '—');

      const rows = [...doc.querySelectorAll('table#steps tbody tr')];
      expect(rows.length).toBe(p.steps.length);
      p.steps.forEach((s, i) => {
        const row = rows[i]!;
        expect(row.id).toBe(`step-${s.number}`);
        expect(text(row.querySelector('.fb-step-no'))).toBe(String(s.number));
        expect(text(row.querySelector('.fb-step-role'))).toBe(s.role);
        expect(text(row.querySelector('.fb-step-text'))).toContain(s.text);
        const next = [...row.querySelectorAll('.fb-step-next a')].map((a) => a.getAttribute('href'));
        expect(next).toEqual(s.next.map((e) => `#step-${p.steps.find((t) => t.key === e.to)!.number}`));
        for (const e of s.next) if (e.label) expect(text(row.querySelector('.fb-step-next'))).toContain(e.label);
        if (s.note) expect(text(row.querySelector('.fb-step-note'))).toBe(s.note.replace(/\s+/g, ' ').trim());
      });
      expect(doc.querySelector('.fb-diagram-scroll svg'), p.code).not.toBeNull();

      if (p.signoff) {
        const so = text(doc.querySelector('.fb-signoff'));
        for (const e of [p.signoff.prepared, p.signoff.reviewed, p.signoff.approved]) if (e) expect(so).toContain(e.by), expect(so).toContain(e.date);
        for (const l of [L.prepared, L.reviewed, L.approved, L.preparedDate]) expect(so).toContain(l);
      }
      const revs = [...doc.querySelectorAll('.fb-revisions tbody tr')];
      expect(revs.length).toBe(p.revisions.length);
      p.revisions.forEach((r, i) => expect(text(revs[i])).toContain(r.change.replace(/\s+/g, ' ').trim()));

      const related = doc.querySelectorAll('.fb-related-grid > div');
      const linksTo = [...related[0]!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(linksTo).toEqual(p.linksTo.filter((c) => model.byCode.has(c)).map((c) => `${c}.html`));
      const linkedFrom = [...related[1]!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(linkedFrom).toEqual(p.linkedFrom.filter((c) => model.byCode.has(c)).map((c) => `${c}.html`));
    }
  });

  it('every internal link resolves to a file, and every fragment to an id', async () => {
    const { local, external } = await allLinks(site);
    expect(external).toEqual([]);
    const files = new Set(await listFiles(site));
    for (const l of local) {
      expect(files.has(l.target), `${l.from}: ${l.href}`).toBe(true);
      if (l.fragment && l.target.endsWith('.html')) {
        const doc = await page(site, l.target);
        expect(doc.getElementById(decodeURIComponent(l.fragment)), `${l.from}: ${l.href}`).not.toBeNull();
      }
    }
  });

  it('role pages list every step each role performs, linking to the step', async () => {
    const roles = await page(site, 'roles.html');
    expect(roles.querySelectorAll('main li a').length).toBe(model.roles.size);
    for (const [role, groups] of model.roles) {
      const doc = await page(site, `role/${model.roleSlug.get(role)}.html`);
      expect(text(doc.querySelector('h1'))).toBe(role);
      const hrefs = [...doc.querySelectorAll('.fb-role-steps a')].map((a) => a.getAttribute('href'));
      expect(hrefs).toEqual(groups.flatMap((g) => g.steps.map((s) => `../p/${g.process.code}.html#step-${s.number}`)));
    }
    // Every step of every published process is on its role's page.
    const total = model.published.reduce((n, p) => n + p.steps.length, 0);
    expect([...model.roles.values()].flat().reduce((n, g) => n + g.steps.length, 0)).toBe(total);
  });

  it('department pages list the processes each department owns or controls', async () => {
    for (const [name, d] of model.departments) {
      const doc = await page(site, `dept/${model.deptSlug.get(name)}.html`);
      expect(text(doc.querySelector('h1'))).toBe(name);
      const lists = doc.querySelectorAll('main section');
      expect([...lists[0]!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(d.owns.map((p) => `../p/${p.code}.html`));
      expect([...lists[1]!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(d.controls.map((p) => `../p/${p.code}.html`));
    }
    for (const p of model.published) {
      const doc = await page(site, `p/${p.code}.html`);
      const owner = [...doc.querySelectorAll('.fb-docheader a')].find((a) => text(a) === p.owner);
      expect(owner?.getAttribute('href')).toBe(`../dept/${model.deptSlug.get(p.owner)}.html`);
    }
  });

  it('the map has a node for every current process and lists every link', async () => {
    const doc = await page(site, 'map.html');
    const nodes = [...doc.querySelectorAll('svg.fb-map a')].map((a) => a.getAttribute('href'));
    expect([...nodes].sort()).toEqual(model.current.map((p) => `p/${p.code}.html`).sort());
    const listed = doc.querySelectorAll('.fb-map-list > ul > li').length;
    expect(listed).toBe(model.current.filter((p) => p.linksTo.some((c) => model.current.some((q) => q.code === c))).length);
    const arrows = doc.querySelectorAll('svg.fb-map .fb-map-links path').length;
    expect(arrows).toBeGreaterThan(0);
  });

  it('home page: categories with counts, obsolete ones apart, recent versions', async () => {
    const doc = await page(site, 'index.html');
    expect(text(doc.querySelector('h1'))).toContain(handbook.settings.title);
    const main = [...doc.querySelectorAll('.fb-categories a[href^="p/"]')].map((a) => a.getAttribute('href'));
    expect(main.length).toBe(model.current.length);
    for (const o of model.obsolete) {
      expect(main).not.toContain(`p/${o.code}.html`);
      expect([...doc.querySelectorAll('.fb-obsolete a')].map((a) => a.getAttribute('href'))).toContain(`p/${o.code}.html`);
    }
    const counts = [...doc.querySelectorAll('.fb-category')].map((s) => Number(text(s.querySelector('h3 .fb-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(model.current.length);
    expect(doc.querySelectorAll('.fb-recent li').length).toBeLessThanOrEqual(10);
  });

  it('obsolete processes carry a banner naming their replacements', async () => {
    expect(model.obsolete.length).toBeGreaterThan(0);
    for (const o of model.obsolete) {
      const doc = await page(site, `p/${o.code}.html`);
      const banner = doc.querySelector('.fb-banner-obsolete');
      expect(text(banner)).toContain(L.obsoleteBanner);
      const repl = model.replacedBy.get(o.code)!;
      expect([...banner!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(repl.map((c) => `${c}.html`));
    }
    const legacy = model.obsolete.find((p) => p.code === 'HR-RC-009');
    if (legacy) expect(model.replacedBy.get('HR-RC-009')).toEqual(['HR-RC-001', 'HR-RC-002', 'HR-RC-003']);
  });

  it('rebuilding gives byte-identical output', async () => {
    const again = path.join(dir, 'again');
    await buildInto(REPO, again, { today: TODAY });
    const a = await listFiles(site);
    expect(await listFiles(again)).toEqual(a);
    for (const f of a) expect((await readFile(path.join(again, f))).equals(await readFile(path.join(site, f))), f).toBe(true);
  });
});
