import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vm from 'node:vm';
import { buildSearchIndex } from '../../src/search/index.js';
import { buildInvertedIndex, FIELD, stripMarkdown } from '../../src/search/build-index.js';
import { decodeNumbers, decodePostings, encodeNumber, encodePostings, shardOf } from '../../src/search/shard.js';
import { loadHandbook } from '../../src/load.js';
import { loadCore } from './helpers.js';
import { makeProcess } from './make.js';

const href = (c: string) => `p/${c}.html`;
const handbook = await loadHandbook(new URL('../../', import.meta.url).pathname, { today: '2026-11-27' });
const processes = handbook.handbook?.processes ?? [];

/** Runs every file in a sandbox and collects what they hand to window.__flowbookSearch.add. */
function runFiles(files: { path: string; content: string | Uint8Array }[]) {
  const calls: [string, number, unknown][] = [];
  const context = vm.createContext({
    window: { __flowbookSearch: { add: (k: string, n: number, d: unknown) => calls.push([k, n, d]) } },
  });
  for (const f of files) vm.runInContext(f.content as string, context, { timeout: 1000 });
  return calls;
}

describe('buildSearchIndex', () => {
  it('loads the example handbook', () => {
    expect(handbook.handbook, JSON.stringify(handbook.diagnostics.slice(0, 3))).toBeDefined();
    expect(processes.length).toBeGreaterThan(20);
  });

  it('writes scripts under search/: a manifest, terms and docs shards and a vocabulary', () => {
    const files = buildSearchIndex(processes, { pageHref: href, language: 'zh-CN' });
    const paths = files.map((f) => f.path);
    expect(paths).toContain('search/manifest.js');
    expect(paths).toContain('search/vocab.js');
    expect(paths).toContain('search/numbers.js');
    expect(paths.some((p) => /^search\/terms-\d+\.js$/.test(p))).toBe(true);
    expect(paths.some((p) => /^search\/docs-\d+\.js$/.test(p))).toBe(true);
    expect(paths.every((p) => p.startsWith('search/'))).toBe(true);
    expect([...paths].sort()).toEqual(paths);
    const calls = runFiles(files);
    expect(calls).toHaveLength(files.length);
    const manifest = calls.find((c) => c[0] === 'manifest')![2] as { p: unknown[][]; terms: number; hrefPattern: string[]; lang: string };
    expect(manifest.p).toHaveLength(processes.length);
    expect(manifest.hrefPattern).toEqual(['p/', '.html']);
    expect(manifest.lang).toBe('zh-CN');
    expect(calls.filter((c) => c[0] === 'terms')).toHaveLength(manifest.terms);
  });

  it('is deterministic: same input, byte-identical files, whatever the input order', () => {
    const a = buildSearchIndex(processes, { pageHref: href, language: 'zh-CN' });
    const b = buildSearchIndex([...processes].reverse(), { pageHref: href, language: 'zh-CN' });
    expect(b).toEqual(a);
  });

  it('splits terms into more shards as the target shrinks, each term in the shard its hash names', () => {
    const files = buildSearchIndex(processes, { pageHref: href, language: 'zh-CN', termsShardBytes: 4000, docsShardBytes: 2000 });
    const calls = runFiles(files);
    const shards = calls.filter((c) => c[0] === 'terms');
    expect(shards.length).toBeGreaterThan(5);
    for (const [, n, data] of shards) for (const t of Object.keys(data as object)) expect(shardOf(t, shards.length)).toBe(n);
    expect(calls.filter((c) => c[0] === 'docs').length).toBeGreaterThan(5);
  });

  it('stores per-process hrefs when they do not follow one pattern', () => {
    const ps = [makeProcess({ code: 'A-1', name: '甲' }), makeProcess({ code: 'B-2', name: '乙' })];
    const files = buildSearchIndex(ps, { pageHref: (c) => (c === 'A-1' ? 'x/a.html' : 'y/b.html'), language: 'en' });
    const m = runFiles(files).find((c) => c[0] === 'manifest')![2] as { hrefs: string[] };
    expect(m.hrefs).toEqual(['x/a.html', 'y/b.html']);
  });

  it('uses bodyText when given, else strips Markdown', () => {
    const p = makeProcess({ code: 'X-1', name: '测试', body: '## 标题\n\n见 [请假制度](http://evil.example/x) 和 **加班**。\n\n| a | b |\n| --- | --- |' });
    const crude = buildInvertedIndex([p], { pageHref: href });
    expect(crude.postings.get('请假')?.[1]).toBe(FIELD.body);
    expect(crude.postings.has('evil')).toBe(false);
    const given = buildInvertedIndex([p], { pageHref: href, bodyText: () => 'rendered text only' });
    expect(given.postings.has('请假')).toBe(false);
    expect(given.postings.get('rendered')).toEqual([0, FIELD.body]);
    expect(stripMarkdown('# T\n\n- a *b* `c`\n> q')).toBe('T\na b c\nq');
  });

  it('records the fields a term occurs in as a bit mask', () => {
    const p = makeProcess({
      code: 'HR-AT-003',
      name: '请假流程',
      category: '考勤与休假',
      tags: ['leave'],
      steps: [
        { role: '部门负责人', text: '审批请假', labels: ['同意', '不同意'], note: '核对假期余额' },
        { role: '人力资源部', text: '记录' },
      ],
      body: '请假应事先办理',
    });
    const ix = buildInvertedIndex([p], { pageHref: href });
    const mask = (t: string) => ix.postings.get(t)?.[1] ?? 0;
    expect(mask('请假')).toBe(FIELD.name | FIELD.step | FIELD.body);
    // Every field has unigrams: one character finds what contains it.
    expect(mask('请')).toBe(FIELD.name | FIELD.step | FIELD.body);
    expect(mask('余')).toBe(FIELD.step);
    expect(mask('办')).toBe(FIELD.body);
    expect(mask('hr')).toBe(FIELD.code);
    expect(mask('leave')).toBe(FIELD.tags);
    expect(mask('同意')).toBe(FIELD.step);
    expect(mask('余额')).toBe(FIELD.step);
    expect(mask('负责')).toBe(FIELD.role);
    expect(mask('考勤')).toBe(FIELD.role);
    expect(ix.words.get('leave')).toBe(1);
    // Pinyin pairs and initials of the name, marked apart from words, not in the vocabulary.
    expect(mask('~qingjia')).toBe(FIELD.name);
    expect(mask('^qj')).toBe(FIELD.name);
    expect(mask('~liucheng')).toBe(FIELD.name);
    expect([...ix.words.keys()].some((w) => /[~^]/.test(w))).toBe(false);
    // Numbers have their own list (prefix search), not the word vocabulary.
    expect(ix.numbers.get('003')).toBe(1);
    expect(ix.words.has('003')).toBe(false);
  });
});

describe('encoding', () => {
  it('round-trips numbers and postings, and the browser decodes the same', () => {
    const { core } = loadCore();
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 40 })), (ns) => {
        expect(decodeNumbers(ns.map(encodeNumber).join(''))).toEqual(ns);
      }),
    );
    const postings = fc
      .uniqueArray(fc.nat({ max: 100_000 }))
      .chain((ids) => fc.tuple(fc.constant(ids.sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 63 }), { minLength: ids.length, maxLength: ids.length })))
      .map(([ids, masks]) => ids.flatMap((id, i) => [id, masks[i]!]));
    fc.assert(
      fc.property(postings, (list) => {
        const s = encodePostings(list);
        expect(decodePostings(s)).toEqual(list);
        expect(core.decodePostings(s)).toEqual(list);
        expect(s).toMatch(/^[0-9a-zA-Z_$]*$/);
      }),
    );
  });

  it('hashes terms to the same shard in the browser', () => {
    const { core } = loadCore();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 5000 }), (t, n) => {
        expect(core.shardOf(t, n)).toBe(shardOf(t, n));
      }),
    );
  });
});

describe('hostile documents', () => {
  const evil = [
    '</script><script>alert(1)</script>',
    '"); window.pwned = 1; ("',
    '\u2028\u2029 line separators',
    '\uD800 lone surrogate \uDFFF',
    '__proto__ constructor prototype toString hasOwnProperty',
    '<img src=x onerror=alert(1)>',
    '${window.pwned=1}',
    '\\u0022 backslash \\',
  ].join(' ');
  const ps = [
    makeProcess({ code: 'EV-001', name: evil, owner: evil, category: evil, tags: [evil], steps: [{ role: evil, text: evil, note: evil, labels: [evil] }], body: evil }),
    makeProcess({ code: 'EV-"002', name: '普通流程' }),
  ];

  it('produces files that only ever call add() with data', () => {
    const files = buildSearchIndex(ps, { pageHref: (c) => `p/${encodeURIComponent(c)}.html`, language: 'en' });
    const context = vm.createContext({
      window: { __flowbookSearch: { add: () => undefined } },
      alert: () => {
        throw new Error('script ran');
      },
    });
    for (const f of files) {
      vm.runInContext(f.content as string, context);
      // One statement: the add call.
      expect((f.content as string).startsWith('window.__flowbookSearch.add(')).toBe(true);
      expect((f.content as string).trimEnd().endsWith(');')).toBe(true);
    }
    expect((context.window as Record<string, unknown>).pwned).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'pwned')).toBe(false);
  });

  it('keeps the hostile text as data, exactly', () => {
    const files = buildSearchIndex(ps, { pageHref: (c) => `p/${c}.html`, language: 'en' });
    const calls = runFiles(files);
    const m = calls.find((c) => c[0] === 'manifest')![2] as { p: [string, string][] };
    // Sorted by code: '"' sorts before '0'. Lone surrogates survive as JSON escapes.
    expect(m.p.map((r) => r[0])).toEqual(['EV-"002', 'EV-001']);
    expect(m.p[1]![1]).toBe(evil);
  });
});
