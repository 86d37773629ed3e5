/**
 * The master list (受控文件清单): rows, copies out against the distribution register, the CSV
 * (formula injection, one row per document, Excel's BOM) and the site page, counted against
 * each other, for the example handbook and the hostile one.
 */
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/load.js';
import { masterList, masterListCsv } from '../../src/control/master-list.js';
import { masterListPages } from '../../src/control/master-list-page.js';
import { parseRegister, outstanding } from '../../src/print/register.js';
import { parseLine } from '../../src/print/csv.js';
import { buildSiteModel } from '../../src/view/model.js';
import { compileTemplates, readTemplateSources } from '../../src/site/templates.js';
import { approveText } from '../../src/control/approve.js';
import { check, doc } from '../helpers/handbook.js';
import type { Handbook } from '../../src/model/types.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-11-27';
const ASSETS = { customCss: false, searchCss: true, searchJs: true, printCss: true };

const REGISTER = parseRegister(
  [
    'code,version,copy,holder,date,event',
    'HR-PM-001,A/0,1,行政部,2025-02-01,issued',
    'HR-PM-001,A/0,2,"=HYPERLINK(""http://x"")",2025-02-01,issued',
    'HR-PM-001,A/0,2,"=HYPERLINK(""http://x"")",2025-03-01,returned',
    'HR-PM-002,A/0,1,销售部,2024-02-01,issued', // superseded by A/1: to recall
    'HR-PM-002,A/1,1,销售部,2025-02-03,issued',
    'HR-PM-002,A/1,2,财务部,2025-02-03,issued',
    'HR-RC-009,A/0,4,市场部,2024-01-05,issued', // obsolete: to recall
    '',
  ].join('\r\n'),
);

async function handbookAt(root: string): Promise<Handbook> {
  const r = await loadHandbook(root, { today: TODAY });
  if (!r.handbook) throw new Error(JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 2)));
  return r.handbook;
}

const csvRows = (csv: string) => csv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean).map((l) => parseLine(l)!);

describe('the master list', () => {
  it('lists every current document and the obsolete ones apart, with copies out from the register', async () => {
    const hb = await handbookAt(REPO);
    const list = masterList({ processes: hb.processes, register: REGISTER.entries, today: TODAY });
    expect(list.rows.length + list.obsolete.length).toBe(hb.processes.length);
    expect(list.obsolete.map((r) => r.code)).toEqual(hb.processes.filter((p) => p.status === 'obsolete').map((p) => p.code));
    expect(list.rows.map((r) => r.code)).toEqual([...list.rows.map((r) => r.code)].sort());
    const row = (c: string) => list.rows.find((r) => r.code === c)!;
    expect([row('HR-PM-001').copiesOut, row('HR-PM-001').toRecall]).toEqual([1, 0]);
    expect([row('HR-PM-002').copiesOut, row('HR-PM-002').toRecall]).toEqual([2, 1]);
    expect(list.obsolete.find((r) => r.code === 'HR-RC-009')!.copiesOut).toBe(1);
    // Every copy out is counted once, somewhere.
    expect(list.totals.copiesOut + list.totals.toRecall + list.totals.obsoleteCopiesOut).toBe(outstanding(REGISTER).length);
    expect(list.totals.verified + list.totals.changed + list.totals.unrecorded).toBe(list.rows.length);
    expect(row('HR-AT-003')).toMatchObject({ approver: '王军', approval: 'unrecorded', status: 'controlled' });
  });

  it('says which approvals are verified and which content changed', () => {
    const F = 'processes/a.md';
    const a = approveText({ file: F, text: doc({ status: 'uncontrolled' }) }, { code: 'HR-AT-003', by: '王军', as: 'approved', date: '2026-01-01' });
    const b = approveText({ file: 'processes/b.md', text: doc({ code: 'HR-AT-004', status: 'uncontrolled' }) }, { code: 'HR-AT-004', by: '李强', as: 'approved', date: '2026-01-02' });
    const hb = check({ [F]: a.text, 'processes/b.md': b.text.replace('text: 审批', 'text: 复核') }).handbook!;
    const list = masterList({ processes: hb.processes, register: [], today: TODAY });
    expect(list.rows.map((r) => [r.code, r.approval, r.approver, r.approvedOn, r.sha256])).toEqual([
      ['HR-AT-003', 'verified', '王军', '2026-01-01', a.sha256],
      ['HR-AT-004', 'changed', '李强', '2026-01-02', b.sha256],
    ]);
    expect(list.totals).toMatchObject({ verified: 1, changed: 1, unrecorded: 0 });
  });

  it('CSV: a BOM, a header, one row per document, formulas guarded, line breaks flattened', async () => {
    const hb = await handbookAt(path.join(REPO, 'test/fixtures/hostile'));
    const list = masterList({ processes: hb.processes, register: REGISTER.entries, today: TODAY });
    const csv = masterListCsv(list, 'zh-CN');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = csvRows(csv);
    expect(rows.length).toBe(1 + list.rows.length + list.obsolete.length);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    // No written cell starts a formula; reading removes the guard again.
    for (const line of csv.replace(/^\ufeff/, '').split('\r\n'))
      for (const field of line.split(',')) expect(field.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/);
    const names = new Set(hb.processes.map((p) => p.name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')));
    for (const r of rows.slice(1)) expect(names.has(r[2]!)).toBe(true);
    // English headers for an English handbook.
    expect(csvRows(masterListCsv(list, 'en'))[0]!.slice(0, 4)).toEqual(['Current documents', 'Code', 'Process name', 'Version']);
  });

  it('the site page and its CSV count the same documents as the list, hostile text escaped', async () => {
    for (const root of [REPO, path.join(REPO, 'test/fixtures/hostile')]) {
      const hb = await handbookAt(root);
      const site = buildSiteModel(hb, { today: TODAY });
      const templates = compileTemplates(await readTemplateSources(path.join(root, 'templates')));
      const [html, csv] = masterListPages(site, templates, ASSETS, REGISTER.entries);
      expect(html!.path).toBe('master-list.html');
      expect(csv!.path).toBe('master-list.csv');
      const dom = new JSDOM(html!.content as string).window.document;
      const current = dom.querySelectorAll('.fb-master-list tbody tr');
      const obsolete = dom.querySelectorAll('.fb-obsolete-register tbody tr');
      expect(current.length).toBe(site.current.length);
      expect(obsolete.length).toBe(site.obsolete.length);
      expect(csvRows(csv!.content as string).length).toBe(1 + current.length + obsolete.length);
      expect(dom.querySelector('script:not([src])')?.textContent ?? '').not.toContain('alert');
      expect(html!.content).not.toMatch(/<script>alert/);
      // Each code links to its page; the navigation marks this page.
      for (const tr of current) expect(tr.querySelector('a')!.getAttribute('href')).toBe(`p/${tr.id.slice(3)}.html`);
      expect(dom.querySelector('.fb-nav a[aria-current="page"]')!.getAttribute('href')).toBe('master-list.html');
      expect(dom.querySelector('a.fb-ml-csv')!.getAttribute('href')).toBe('master-list.csv');
    }
  });
});
