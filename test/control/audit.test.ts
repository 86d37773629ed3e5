/**
 * The audit pack: its counts match the distribution register and the documents, the period
 * selects issue/return lines and revision entries, a document changed after approval is shown
 * rather than refused, and the HTML binder says the same numbers, escaped, in the handbook's
 * language.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { auditHtml, auditPack } from '../../src/control/audit.js';
import { loadForAudit } from '../../src/control/audit-load.js';
import { approveText } from '../../src/control/approve.js';
import { outstanding, parseRegister } from '../../src/print/register.js';
import { recallList } from '../../src/print/recall.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-11-27';
const REGISTER = [
  'code,version,copy,holder,date,event',
  'HR-PM-001,A/0,1,行政部,2024-12-01,issued',
  'HR-PM-001,A/0,2,"=SUM(A1:A9)",2025-02-01,issued',
  'HR-PM-001,A/0,2,"=SUM(A1:A9)",2025-03-01,returned',
  'HR-PM-002,A/0,1,销售部,2024-02-01,issued',
  'HR-PM-002,A/1,1,<script>alert(1)</script>,2025-02-03,issued',
  'HR-PM-002,A/1,2,财务部,2025-06-03,issued',
  'HR-RC-009,A/0,4,市场部,2024-01-05,issued',
  'HR-XX-404,B/0,1,仓库,2024-01-05,issued',
  'broken line',
  '',
].join('\r\n');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The example handbook in a temp folder, with the register above and HR-PM-002 approved, then edited. */
function handbook(opts: { language?: 'en' } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fb-audit-'));
  dirs.push(root);
  cpSync(path.join(REPO, 'processes'), path.join(root, 'processes'), { recursive: true });
  const yml = readFileSync(path.join(REPO, 'flowbook.yml'), 'utf8');
  writeFileSync(path.join(root, 'flowbook.yml'), opts.language ? yml.replace(/^language:.*$/m, '') + 'language: en\n' : yml);
  mkdirSync(path.join(root, 'register'));
  writeFileSync(path.join(root, 'register', 'distribution.csv'), REGISTER);
  const file = path.join(root, 'processes/performance/employee-appraisal.md');
  const a = approveText({ file: 'processes/performance/employee-appraisal.md', text: readFileSync(file, 'utf8') }, { code: 'HR-PM-002', by: '王军', as: 'approved', date: '2025-01-15' });
  writeFileSync(file, a.text.replace(/text: (\S+)/, 'text: $1（改）'));
  const f1 = path.join(root, 'processes/performance/performance-management.md');
  writeFileSync(f1, approveText({ file: 'x.md', text: readFileSync(f1, 'utf8') }, { code: 'HR-PM-001', by: '王军', as: 'approved', date: '2025-01-15' }).text);
  return root;
}

describe('flowbook audit (the pack)', () => {
  it('counts match the register: issued, returned, out, to recall; the period selects lines and revisions', async () => {
    const root = handbook();
    const loaded = await loadForAudit(root, TODAY);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['changed-after-approval']);
    if (!loaded.handbook) throw new Error('not loaded');
    const hb = loaded.handbook;
    const reg = loaded.register;
    expect(reg.problems.map((p) => p.line)).toEqual([10]);
    const all = auditPack(hb, reg.entries, { today: TODAY });
    const issuedLines = reg.entries.filter((e) => e.event === 'issued').length;
    const returnedLines = reg.entries.filter((e) => e.event === 'returned').length;
    expect([all.counts.issued, all.counts.returned]).toEqual([issuedLines, returnedLines]);
    expect([all.counts.issuedInPeriod, all.counts.returnedInPeriod]).toEqual([issuedLines, returnedLines]);
    // Out now = current-version copies + copies to recall = every outstanding copy.
    expect(all.counts.out + all.counts.toRecall).toBe(outstanding(reg).length);
    expect(all.recall).toEqual(recallList(reg, hb));
    expect(all.recall.map((r) => [r.code, r.version, r.copy, r.reason])).toEqual([
      ['HR-XX-404', 'B/0', 1, 'removed'],
      ['HR-RC-009', 'A/0', 4, 'obsolete'],
      ['HR-PM-002', 'A/0', 1, 'superseded'],
    ]);
    expect(all.counts.toRecall).toBe(all.recall.length);
    // Approvals: HR-PM-001 verified, HR-PM-002 changed after its approval, the rest signed by hand.
    const state = (c: string) => all.approvals.find((a) => a.code === c)!.state;
    expect([state('HR-PM-001'), state('HR-PM-002'), state('HR-AT-003')]).toEqual(['verified', 'changed', 'unrecorded']);
    expect(all.counts).toMatchObject({ verified: 1, changed: 1, documents: all.list.rows.length, obsolete: 1 });
    expect(all.list.rows.length + all.list.obsolete.length).toBe(hb.processes.filter((p) => p.status !== 'draft').length);
    // Every revision entry with a date is a change when no period is given.
    expect(all.counts.changes).toBe(hb.processes.filter((p) => p.status !== 'draft').flatMap((p) => p.revisions.filter((r) => r.date)).length);

    const since = auditPack(hb, reg.entries, { today: TODAY, since: '2025-02-01' });
    expect([since.counts.issuedInPeriod, since.counts.returnedInPeriod]).toEqual([3, 1]);
    expect(since.counts.issued).toBe(all.counts.issued);
    expect(since.changes.every((c) => c.date >= '2025-02-01' && c.date <= TODAY)).toBe(true);
    expect(since.changes.length).toBeLessThan(all.changes.length);
    expect(since.changes.map((c) => c.date)).toEqual([...since.changes.map((c) => c.date)].sort().reverse());
    // Overdue reviews: controlled and uncontrolled documents past their review date.
    const later = auditPack(hb, reg.entries, { today: '2027-06-02' });
    expect(later.overdue.length).toBe(hb.processes.filter((p) => (p.status === 'controlled' || p.status === 'uncontrolled') && p.review !== undefined && p.review < '2027-06-02').length);
    expect(later.overdue.length).toBeGreaterThan(0);
  });

  it('the binder shows the same numbers, escaped, with a section per point, in the handbook language', async () => {
    for (const language of [undefined, 'en'] as const) {
      const root = handbook(language ? { language } : {});
      const loaded = await loadForAudit(root, TODAY);
      if (!loaded.handbook) throw new Error('not loaded');
      const pack = auditPack(loaded.handbook, loaded.register.entries, { today: TODAY, since: '2025-01-01' });
      const html = auditHtml(pack, loaded.handbook, { root, problems: loaded.register.problems });
      expect(html).not.toContain('<script>alert');
      expect(html).not.toMatch(/<script/);
      const dom = new JSDOM(html).window.document;
      const count = (k: string) => dom.querySelector(`[data-count="${k}"]`)!.textContent;
      expect(count('documents')).toBe(String(pack.counts.documents));
      expect(count('out')).toBe(`${pack.counts.out} / ${pack.counts.toRecall}`);
      expect(count('period-copies')).toBe(`${pack.counts.issuedInPeriod} / ${pack.counts.returnedInPeriod}`);
      expect(dom.querySelectorAll('#master-list tbody tr').length).toBe(pack.counts.documents);
      expect(dom.querySelectorAll('#approvals tbody tr').length).toBe(pack.approvals.length);
      expect(dom.querySelectorAll('#recall tbody tr').length).toBe(pack.recall.length);
      expect(dom.querySelectorAll('#obsolete tbody tr').length).toBe(pack.counts.obsolete);
      expect(dom.querySelectorAll('#changes tbody tr').length).toBe(pack.counts.changes);
      expect([...dom.querySelectorAll('h2')].map((h) => h.parentElement!.id)).toEqual(['summary', 'master-list', 'approvals', 'copies', 'recall', 'obsolete', 'overdue', 'changes']);
      expect(dom.documentElement.lang).toBe(language ?? 'zh-CN');
      expect(dom.querySelector('h1')!.textContent).toBe(language ? 'Document control audit pack' : '文件控制审核证据');
      const problem = loaded.register.problems[0]!;
      expect(dom.querySelector('#copies')!.textContent).toContain(language ? problem.message : problem.reason.zh);
    }
  });
});
