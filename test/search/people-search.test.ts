/**
 * Search as people search elsewhere: one character finds what contains it, synonyms from
 * flowbook.yml, pinyin and its initials, numbers by prefix. Through the real browser engine
 * (assets/search.js in a vm) over index files from buildSearchIndex.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/index.js';
import { pinyinTable, pinyinTerms, rememberPinyin } from '../../src/search/pinyin.js';
import { stripMarkdown } from '../../src/search/build-index.js';
import { loadHandbook } from '../../src/load.js';
import type { Process } from '../../src/model/types.js';
import { codes, engineFor, loadCore } from './helpers.js';
import { makeProcess } from './make.js';

const href = (c: string) => `p/${c}.html`;
const handbook = await loadHandbook(new URL('../../', import.meta.url).pathname, { today: '2026-11-27' });
const published = (handbook.handbook?.processes ?? []).filter((p) => p.status !== 'draft');
const SYNONYMS = [
  ['年假', '年休假'],
  ['离职', '辞职'],
  ['leave', 'vacation', 'time off'],
];
const engineOf = (ps: readonly Process[], synonyms: string[][] = SYNONYMS) => engineFor(buildSearchIndex(ps, { pageHref: href, language: 'zh-CN', synonyms }));

/** Every text of a process the index reads. */
function textOf(p: Process): string {
  return [p.name, p.code, ...p.tags, ...p.steps.flatMap((s) => [s.text, s.note ?? '', ...s.next.map((e) => e.label ?? '')]), ...p.roles, p.owner, p.control, p.category ?? '', stripMarkdown(p.body)].join('\n');
}

describe('one character finds what contains it', () => {
  const engine = engineOf(published);
  const live = published.filter((p) => p.status !== 'obsolete');

  it.each(['假', '调', '职', '薪'])('%s finds every process whose text holds it', async (ch) => {
    const want = live.filter((p) => textOf(p).includes(ch)).map((p) => p.code);
    const r = await engine.search(ch);
    expect(want.length).toBeGreaterThan(0);
    expect([...codes(r)].sort()).toEqual([...want].sort());
  });

  it('假 finds more than 请假, and the process named for it first', async () => {
    const one = await engine.search('假');
    const two = await engine.search('请假');
    expect(one.total).toBeGreaterThan(two.total);
    expect(codes(one)).toEqual(expect.arrayContaining(codes(two)));
    expect(one.results[0]!.proc.name).toBe('请假流程');
  });
});

describe('pinyin and initials', () => {
  const engine = engineOf(published);

  it.each([
    ['qingjia', '请假流程'],
    ['qj', '请假流程'],
    ['qjlc', '请假流程'],
    ['QingJia', '请假流程'],
    ['qingjialiucheng', '请假流程'],
    ['jiaban', '加班管理流程'],
    ['diaodong', '员工工作调动流程'],
    ['zhuanzheng', '新员工试用期满转正流程'],
    ['zz', '新员工试用期满转正流程'],
  ])('%s finds %s first', async (q, name) => {
    const r = await engine.search(q);
    expect(r.results[0]?.proc.name, codes(r).join(' ')).toBe(name);
  });

  it('reads characters in context (银行 is yin hang) and from tags', async () => {
    const e = engineOf([
      makeProcess({ code: 'A-1', name: '银行账户开立' }),
      makeProcess({ code: 'A-2', name: '出行安排', tags: ['差旅报销'] }),
    ]);
    expect(codes(await e.search('yinhang'))).toEqual(['A-1']);
    expect(codes(await e.search('chaLv'))).toEqual(['A-2']);
    expect(codes(await e.search('bx'))).toEqual(['A-2']);
  });

  it('makes pinyin terms from odd text without throwing: astral characters, lone surrogates, markup, very long runs', () => {
    expect(pinyinTerms('')).toEqual([]);
    expect(pinyinTerms('Leave request')).toEqual([]);
    expect(pinyinTerms('请假<script>流程')).toEqual(expect.arrayContaining(['~qingjia', '^qj', '~liucheng']));
    expect(pinyinTerms('𠀀𠀁请假')).toEqual(['~qingjia', '^qj']);
    expect(() => pinyinTerms('\uD800请\uDC00假')).not.toThrow();
    const long = pinyinTerms('请假流程'.repeat(1000));
    expect(long.every((t) => /^[~^][a-z]+$/.test(t))).toBe(true);
    expect(long.length).toBeLessThan(20);
  });

  it('keeps the pinyin of names and tags for the next build, which then gets the same terms without the dictionary', () => {
    const table = pinyinTable(['请假流程', 'Leave request', '请假流程', '年休假']);
    // Only texts with Han characters, once each, with exactly the terms pinyinTerms makes.
    expect([...table.keys()]).toEqual(['请假流程', '年休假']);
    expect(table.get('请假流程')).toEqual(pinyinTerms('请假流程'));
    // What the cache hands back is what is used (here a made-up term, to tell it from the dictionary's).
    rememberPinyin([['测试缓存用的名字', ['~cached']]]);
    expect(pinyinTerms('测试缓存用的名字')).toEqual(['~cached']);
  });

  it('does not turn English words into pinyin matches', async () => {
    const e = engineOf([makeProcess({ code: 'E-1', name: '员工手册' }), makeProcess({ code: 'E-2', name: 'Leave request', body: 'Approve the leave.' })]);
    expect(codes(await e.search('leave'))).toEqual(['E-2']);
    expect(codes(await e.search('approve'))).toEqual(['E-2']);
  });

  it('the browser cuts pinyin into the syllables pinyin-pro writes, and finds what the build indexed', () => {
    const { core } = loadCore();
    const c = core as unknown as { syllables(w: string): string[][]; pinyinReadings(w: string): string[][] };
    const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as { pinyin: (t: string, o: object) => string[] };
    const readings = new Set<string>();
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 7) for (const r of pinyin(String.fromCodePoint(cp), { toneType: 'none', v: true, multiple: true, type: 'array' })) readings.add(r);
    const interjections = new Set(['m', 'n', 'ng', 'hng', 'hm']);
    for (const r of readings) if (/^[a-z]+$/.test(r) && !interjections.has(r)) expect(c.syllables(r), r).toContainEqual([r]);
    expect(c.syllables('xian')).toEqual(expect.arrayContaining([['xian'], ['xi', 'an']]));
    // Every name of the example: its full pinyin and its initials, as typed, reach terms the build made.
    for (const p of published) {
      const built = new Set(pinyinTerms(p.name));
      for (const run of p.name.match(/\p{Script=Han}{2,}/gu) ?? []) {
        const syl = pinyin(run, { toneType: 'none', v: true, type: 'array' });
        const typed = [syl.join(''), syl.map((s) => s[0]).join('').slice(0, 6)];
        for (const t of typed) {
          if (t.length < 2 || (t === typed[1] && /[iuv]/.test(t))) continue;
          const ok = c.pinyinReadings(t).some((terms) => terms.every((x) => built.has(x)));
          expect(ok, `${p.name}: ${t}`).toBe(true);
        }
      }
    }
  });
});

describe('synonyms from flowbook.yml', () => {
  const engine = engineOf([
    makeProcess({ code: 'S-1', name: '年假申请', body: '员工申请年假' }),
    makeProcess({ code: 'S-2', name: '休假管理', body: '年休假按工龄计算' }),
    makeProcess({ code: 'S-3', name: '员工辞职', body: '提交辞职信' }),
    makeProcess({ code: 'S-4', name: 'Leave policy' }),
    makeProcess({ code: 'S-5', name: 'Vacation plan', body: 'Leaves and time off.' }),
    makeProcess({ code: 'S-6', name: '其他流程', body: '假期' }),
  ]);

  it('a word finds its synonyms, the word itself first', async () => {
    expect(codes(await engine.search('年假'))).toEqual(['S-1', 'S-2']);
    // The synonym in a name outranks the word itself in a body.
    expect(codes(await engine.search('年休假')).sort()).toEqual(['S-1', 'S-2']);
    expect(codes(await engine.search('离职'))).toEqual(['S-3']);
    expect(codes(await engine.search('vacation')).sort()).toEqual(['S-4', 'S-5']);
    expect(codes(await engine.search('time off')).sort()).toEqual(['S-4', 'S-5']);
  });

  it('inside a longer query, with the rest still required', async () => {
    expect(codes(await engine.search('年假申请'))).toEqual(['S-1']);
    expect(codes(await engine.search('年休假 工龄'))).toEqual(['S-2']);
  });

  it('a word of letters is a synonym only on its own (leave, not leaves)', async () => {
    const r = await engine.search('leaves');
    expect(r.groups.map((g) => g.kind)).toEqual(['word']);
  });

  it('highlights the synonym that matched', () => {
    const { core } = loadCore();
    expect(core.highlights('年休假按工龄计算', new Set(['年休', '休假']))).toEqual([[0, 3]]);
  });

  it('hostile synonyms stay data: markup, punctuation only, regex characters, very long words', async () => {
    const long = '假'.repeat(500);
    const e = engineOf(
      [makeProcess({ code: 'H-1', name: '<img src=y onerror=alert(1)> 请假' }), makeProcess({ code: 'H-2', name: 'a.*b 流程', body: long })],
      [['<img src=y onerror=alert(1)>', '请假'], ['***', '!!!'], ['a.*b', '(?:x)'], [long, '长文']],
    );
    expect(codes(await e.search('请假'))).toEqual(['H-1']);
    expect(codes(await e.search('img'))).toEqual(['H-1']);
    // Punctuation alone means nothing, with or without a synonym for it.
    const plain = engineOf([makeProcess({ code: 'H-1', name: '请假' }), makeProcess({ code: 'H-2', name: '流程' })], []);
    expect((await e.search('***')).total).toBe((await plain.search('***')).total);
    expect(codes(await e.search('(?:x)'))).toEqual(['H-2']);
    expect(codes(await e.search('长文'))).toEqual(['H-2']);
  });

  it('without synonyms, 年假 does not find 年休假', async () => {
    const plain = engineOf([makeProcess({ code: 'S-1', name: '年假申请' }), makeProcess({ code: 'S-2', name: '休假管理', body: '年休假' })], []);
    expect(codes(await plain.search('年假'))).toEqual(['S-1']);
  });
});

describe('numbers by prefix', () => {
  const ps = [
    makeProcess({ code: 'N-001', name: '报销', body: '2024 年起执行,限额 3000 元' }),
    makeProcess({ code: 'N-002', name: '采购', body: '2025 年修订,30 天内' }),
    makeProcess({ code: 'N-003', name: '差旅', body: '第 3 条' }),
  ];

  it('a number finds the numbers it begins, itself first', async () => {
    const e = engineOf(ps);
    expect(codes(await e.search('202')).sort()).toEqual(['N-001', 'N-002']);
    expect(codes(await e.search('2025'))).toEqual(['N-002']);
    const r = await e.search('30');
    expect(codes(r)).toEqual(['N-002', 'N-001']);
    // Code numbers too: 00 begins 001, 002, 003.
    expect(codes(await e.search('00'))).toEqual(['N-001', 'N-002', 'N-003']);
  });

  it('without the numbers list (an older or partly copied index), numbers are still found exactly', async () => {
    const files = buildSearchIndex(ps, { pageHref: href, language: 'zh-CN' }).filter((f) => f.path !== 'search/numbers.js');
    const e = engineFor(files);
    expect(codes(await e.search('2025'))).toEqual(['N-002']);
    expect(codes(await e.search('202'))).toEqual([]);
  });

  it('one digit is taken exactly, and only a number query loads the numbers list', async () => {
    const e = engineOf(ps);
    expect(codes(await e.search('3'))).toEqual(['N-003']);
    await e.search('报销');
    expect(e.loaded).not.toContain('numbers.js');
    await e.search('20');
    expect(e.loaded).toContain('numbers.js');
    expect(e.loaded).not.toContain('vocab.js');
  });
});
