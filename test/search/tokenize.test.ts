import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, normalise, scan, stem, terms, tokenize } from '../../src/search/tokenize.js';
import { loadCore } from './helpers.js';

describe('tokenize', () => {
  it('cuts CJK runs into overlapping bigrams, so every 2+ character substring has its bigrams', () => {
    expect(terms('员工工作调动流程')).toEqual(['员工', '工工', '工作', '作调', '调动', '动流', '流程']);
    // 转正 is a bigram of the name, 试用期满 is three.
    expect(terms('新员工试用期满转正流程')).toContain('转正');
    expect(terms('新员工试用期满转正流程')).toEqual(expect.arrayContaining(['试用', '用期', '期满']));
  });

  it('adds unigrams only when asked (names), and drops lone CJK characters otherwise', () => {
    expect(terms('请假流程', { unigrams: true })).toEqual(['请', '请假', '假', '假流', '流', '流程', '程']);
    expect(terms('按 A 处理')).toEqual(['a', '处理']);
    expect(terms('按 A 处理', { unigrams: true })).toEqual(['按', 'a', '处', '处理', '理']);
  });

  it('splits mixed text into words and CJK runs, lower-cased and stemmed', () => {
    expect(terms('填写OA请假单Leave Requests')).toEqual(['填写', 'oa', '请假', '假单', 'leave', 'request']);
    expect(terms('HR-ER-012')).toEqual(['hr', 'er', '012']);
  });

  it('NFKC-normalises full-width letters, digits and compatibility forms', () => {
    expect(terms('ＨＲ－ＥＲ　００１')).toEqual(['hr', 'er', '001']);
    expect(terms('Ｌｅａｖｅ')).toEqual(['leave']);
    expect(fold('ﬁle ①')).toBe('file 1');
    // Decomposed accents match composed ones.
    expect(terms('cafe\u0301')).toEqual(terms('café'));
    // CJK compatibility ideograph U+F92C folds to U+90CE.
    expect(terms('\uF92C\u90CE')).toEqual(['\u90CE\u90CE']);
  });

  it('maps every token back to the span of the original text it came from', () => {
    const text = '请 ＬＥＡＶＥＳ 加班';
    for (const t of tokenize(text)) {
      expect(fold(text.slice(t.start, t.end)).length).toBeGreaterThan(0);
    }
    const leave = tokenize(text).find((t) => t.term === 'leave')!;
    expect(text.slice(leave.start, leave.end)).toBe('ＬＥＡＶＥＳ');
    const ot = tokenize(text).find((t) => t.term === '加班')!;
    expect(text.slice(ot.start, ot.end)).toBe('加班');
  });

  it('stems plurals and possessives only', () => {
    expect(['leaves', 'policies', 'processes', 'boxes', 'payslips', 'status', 'analysis', 'class'].map(stem)).toEqual([
      'leave',
      'policy',
      'process',
      'box',
      'payslip',
      'status',
      'analysis',
      'class',
    ]);
    expect(stem('training')).toBe('training');
    expect(stem('bus')).toBe('bus');
  });

  it('handles astral characters and lone surrogates without throwing', () => {
    expect(terms('𠀀𠀁')).toEqual(['𠀀𠀁']);
    expect(() => tokenize('\uD800abc\uDC00')).not.toThrow();
    expect(normalise('').text).toBe('');
  });
});

describe('scan (the build fast path)', () => {
  it('yields the same terms as tokenize', () => {
    const sample = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'员工调动请假加班ＡＢｃ１２ -_éé\u0301ﬁ𠀀\uD800 leaves'.split('')), maxLength: 30 }),
    );
    fc.assert(
      fc.property(sample, fc.boolean(), (s, unigrams) => {
        const got: string[] = [];
        const cjk: boolean[] = [];
        scan(s, unigrams, (t, c) => {
          got.push(t);
          cjk.push(c);
        });
        const want = tokenize(s, { unigrams });
        const key = (t: string, c: boolean) => `${c ? 1 : 0}${t}`;
        expect(got.map((t, i) => key(t, cjk[i]!)).sort()).toEqual(want.map((t) => key(t.term, t.cjk)).sort());
      }),
      { numRuns: 2000 },
    );
  });
});

// The browser runs this same module, bundled (minified) into assets/search.js by esbuild;
// one-tokenizer.test.ts holds it to one implementation. What can still differ is the bundling
// itself (a minifier or a down-levelling that changes a regular expression, the Unicode data of
// another engine): the bundle, run in a sandbox of its own, must cut hostile strings the same.
describe('the bundled tokenizer (assets/search.js)', () => {
  const { core } = loadCore();
  const sample = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'员工调动请假加班ＡＢｃ１２ -_éé\u0301ﬁ𠀀\uD800 leaves policies'.split('')), maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );

  it('cuts every string exactly like the build does', () => {
    fc.assert(
      fc.property(sample, fc.boolean(), (s, unigrams) => {
        expect(core.tokenize(s, { unigrams })).toEqual(tokenize(s, { unigrams }));
      }),
      { numRuns: 500 },
    );
  });

  it('normalises and stems like the build', () => {
    fc.assert(
      fc.property(sample, (s) => {
        expect(core.fold(s)).toBe(fold(s));
      }),
    );
    for (const w of ['leaves', 'policies', 'boxes', 'status', 'class', 'is', 'processes']) expect(core.stem(w)).toBe(stem(w));
  });
});
