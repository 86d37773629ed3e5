/**
 * Queries through the real browser engine (assets/search.js in a vm) over index files from
 * buildSearchIndex: the example handbook, hand-made processes for ranking, hostile input.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/index.js';
import { loadHandbook } from '../../src/load.js';
import type { Process } from '../../src/model/types.js';
import { codes, engineFor, loadCore } from './helpers.js';
import { makeProcess } from './make.js';

const href = (c: string) => `p/${c}.html`;
const handbook = await loadHandbook(new URL('../../', import.meta.url).pathname, { today: '2026-11-27' });
const published = (handbook.handbook?.processes ?? []).filter((p) => p.status !== 'draft');
const byName = (name: string) => published.find((p) => p.name === name)?.code;
const engineOf = (ps: readonly Process[], extra: object = {}) =>
  engineFor(buildSearchIndex(ps, { pageHref: href, language: 'zh-CN', ...extra }));

describe('the example handbook', () => {
  const engine = engineOf(published);

  it.each([
    ['调动', '员工工作调动流程'],
    ['转正', '新员工试用期满转正流程'],
    ['试用期满', '新员工试用期满转正流程'],
    ['请假', '请假流程'],
    ['加班', '加班管理流程'],
    ['加班工资', '加班管理流程'],
    ['怎么请假', '请假流程'],
    ['调', '员工工作调动流程'],
    ['leave', '请假流程'],
    ['overtime', '加班管理流程'],
    ['Overtime', '加班管理流程'],
    ['ＯＶＥＲＴＩＭＥ', '加班管理流程'],
    ['overt', '加班管理流程'],
    ['transfr', '员工工作调动流程'],
    ['payslips', '工资发放流程'],
    ['hr-at-003', '请假流程'],
  ])('%s finds %s first', async (q, name) => {
    const r = await engine.search(q);
    expect(r.results[0]?.proc.name, codes(r).join(' ')).toBe(name);
    expect(byName(name)).toBe(r.results[0]!.proc.code);
  });

  it('lists the codes under a prefix, in code order', async () => {
    const all = await engine.search('HR-');
    expect(all.total).toBe(published.filter((p) => p.status !== 'obsolete').length);
    expect(codes(all)).toEqual([...codes(all)].sort());
    const at = await engine.search('HR-AT');
    expect(codes(at)).toEqual(published.filter((p) => p.code.startsWith('HR-AT')).map((p) => p.code));
  });

  it('leaves obsolete processes out unless asked', async () => {
    const obsolete = published.filter((p) => p.status === 'obsolete');
    expect(obsolete.length).toBeGreaterThan(0);
    const name = obsolete[0]!.name;
    const without = await engine.search(name);
    expect(codes(without)).not.toContain(obsolete[0]!.code);
    const withObsolete = await engine.search(name, { obsolete: true });
    expect(codes(withObsolete)[0]).toBe(obsolete[0]!.code);
    const onlyObsolete = await engine.search('HR-', { status: 'obsolete' });
    expect(codes(onlyObsolete)).toEqual(obsolete.map((p) => p.code));
  });

  it('filters by category, department and role, counting each facet without its own filter', async () => {
    const r = await engine.search('审批');
    expect(r.total).toBeGreaterThan(5);
    const cats = [...r.facets.category.keys()];
    expect(cats).toContain('考勤与休假');
    const f = await engine.search('审批', { category: '考勤与休假' });
    expect(f.total).toBe(r.facets.category.get('考勤与休假'));
    expect(f.results.every((x) => x.proc.code.startsWith('HR-AT'))).toBe(true);
    // The category facet still offers the other categories.
    expect([...f.facets.category.keys()]).toEqual(cats);
    const role = await engine.search('审批', { role: '请假人员' });
    expect(codes(role)).toEqual([byName('请假流程')]);
    const dept = await engine.search('', { dept: '各用人部门' });
    expect(dept.total).toBe(published.filter((p) => p.status !== 'obsolete' && (p.owner === '各用人部门' || p.control === '各用人部门')).length);
  });

  it('answers nothing for words nobody wrote, ignoring question words', async () => {
    const r = await engine.search('how do I get a refund');
    expect(r.total).toBe(0);
    expect(r.groups.map((g) => g.raw)).toEqual(['refund']);
  });

  it('loads only the shards a query needs', async () => {
    const files = buildSearchIndex(published, { pageHref: href, language: 'zh-CN', termsShardBytes: 2000 });
    const e = engineFor(files);
    await e.search('请假');
    const shards = files.filter((f) => f.path.startsWith('search/terms-')).length;
    expect(shards).toBeGreaterThan(10);
    expect(e.loaded).toEqual(['manifest.js', expect.stringMatching(/^terms-\d+\.js$/)]);
    await e.search('leave');
    expect(e.loaded).toContain('vocab.js');
    expect(e.loaded.filter((p) => p.startsWith('terms-')).length).toBeLessThan(shards / 2);
  });

  it('points at the matching step, with the match highlighted', async () => {
    const { core } = loadCore();
    const r = await engine.search('核对');
    expect(r.total).toBeGreaterThan(0);
    const docs = await engine.docs(r.results.map((x) => x.proc));
    const loc = core.locate(r.results[0], docs[0], r);
    expect(loc.where).toBe('step');
    expect(loc.step).toBeGreaterThan(0);
    expect(loc.link).toBe(loc.step);
    const step = docs[0]!.steps[loc.step - 1]!;
    expect(step.join(' ')).toContain('核对');
    expect(loc.snippet!.parts.filter((p) => p[1]).map((p) => p[0])).toContain('核对');
    // A name match links to the page itself.
    const leave = await engine.search('请假');
    const ld = await engine.docs([leave.results[0]!.proc]);
    expect(core.locate(leave.results[0], ld[0], leave).link).toBe(0);
  });
});

describe('ranking', () => {
  const ps = [
    makeProcess({ code: 'Z-BODY', name: '甲流程', body: '员工请假应事先办理' }),
    makeProcess({ code: 'Y-ROLE', name: '乙流程', steps: [{ role: '请假人员', text: '办理' }] }),
    makeProcess({ code: 'X-STEP', name: '丙流程', steps: [{ role: '员工', text: '填写请假条' }] }),
    makeProcess({ code: 'W-CONTAINS', name: '请假流程' }),
    makeProcess({ code: 'V-EXACT', name: '请假' }),
    makeProcess({ code: 'HR-001', name: '丁流程' }),
    makeProcess({ code: 'U-HRSTEP', name: '戊流程', steps: [{ role: 'HR', text: 'HR review' }] }),
    makeProcess({ code: 'T-HRNAME', name: 'HR 流程' }),
    makeProcess({ code: 'S-TIE', name: '己流程', steps: [{ role: '员工', text: '填写请假条' }] }),
  ];
  const engine = engineOf(ps);

  it('exact name > name contains > steps > roles > body, ties in code order', async () => {
    expect(codes(await engine.search('请假'))).toEqual(['V-EXACT', 'W-CONTAINS', 'S-TIE', 'X-STEP', 'Y-ROLE', 'Z-BODY']);
  });

  it('name contains > code > steps', async () => {
    expect(codes(await engine.search('hr'))).toEqual(['T-HRNAME', 'HR-001', 'U-HRSTEP']);
  });

  it('is the same every time', async () => {
    const a = codes(await engine.search('请假'));
    const b = codes(await engineOf([...ps].reverse()).search('请假'));
    expect(b).toEqual(a);
  });
});

describe('English words', () => {
  const ps = [
    makeProcess({ code: 'EN-1', name: 'Annual leave request', owner: 'People Team', steps: [{ role: 'Employee', text: 'Submit the leave form' }] }),
    makeProcess({ code: 'EN-2', name: 'Overtime approval', steps: [{ role: 'Manager', text: 'Approve overtime hours' }] }),
    makeProcess({ code: 'EN-3', name: 'Staff transfer', steps: [{ role: 'HR', text: 'Arrange the transfer', note: 'Update payroll records' }] }),
    makeProcess({ code: 'EN-4', name: 'Customer refunds', tags: ['money back'], body: 'How a customer gets a refund.' }),
    makeProcess({ code: 'EN-5', name: 'Sick-leave reporting' }),
  ];
  const engine = engineOf(ps, { language: 'en' });
  const first = async (q: string) => (await engine.search(q)).results[0]?.proc.code;

  it('matches case-insensitively, by prefix and across plural and singular', async () => {
    expect(await first('LEAVE')).toBe('EN-1');
    expect(await first('leaves')).toBe('EN-1');
    expect(await first('refund')).toBe('EN-4');
    expect(await first('how do I get a refund')).toBe('EN-4');
    expect(await first('transf')).toBe('EN-3');
    expect(await first('records')).toBe('EN-3');
    expect(await first('sick-leave')).toBe('EN-5');
  });

  it('forgives one typo from 4 letters and two from 8', async () => {
    expect(await first('leavr')).toBe('EN-1'); // 5 letters, 1 edit
    expect(await first('lxavr')).toBeUndefined(); // 2 edits is too many under 8 letters
    expect(await first('transfr')).toBe('EN-3');
    expect(await first('ovretmie')).toBe('EN-2'); // 8 letters, two swaps
    expect(await first('lve')).toBeUndefined(); // too short for typos
  });

  it('requires every word that something knows', async () => {
    expect(codes(await engine.search('leave form'))).toEqual(['EN-1']);
    expect((await engine.search('leave form')).partial).toBe(false);
    expect(codes(await engine.search('transfer payroll'))).toEqual(['EN-3']);
    // Nothing has every word: the partial matches are offered, flagged.
    const partial = await engine.search('overtime refund');
    expect(partial.partial).toBe(true);
    expect(codes(partial).sort()).toEqual(['EN-2', 'EN-4']);
  });
});

describe('hostile queries', () => {
  const engine = engineOf(published);
  it.each(['(', '[', '*', '\\', '.*', '__proto__', 'constructor', 'toString', '\uD800', '-', '--', 'HR-(', '\u0000', '🙂', 'a'.repeat(5000), '请'.repeat(3000)])(
    '%s does not throw',
    async (q) => {
      const r = await engine.search(q);
      expect(r.total).toBeGreaterThanOrEqual(0);
    },
  );
});
