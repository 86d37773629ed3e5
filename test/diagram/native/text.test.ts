import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { charWidthEm, measureText, wrapText } from '../../../src/diagram/native/text.js';
import { FUZZ_RUNS } from '../../helpers/fuzz.js';

describe('measureText', () => {
  it('counts CJK and full-width characters as one em and Latin as about half', () => {
    expect(measureText('人力资源', 10)).toBe(40);
    expect(measureText('ＡＢ', 10)).toBe(20);
    const latin = measureText('review', 10) / 6;
    expect(latin).toBeGreaterThan(4.5);
    expect(latin).toBeLessThan(6.5);
  });

  it('gives narrow and wide Latin letters different widths', () => {
    expect(charWidthEm('i'.codePointAt(0)!)).toBeLessThan(charWidthEm('n'.codePointAt(0)!));
    expect(charWidthEm('M'.codePointAt(0)!)).toBeGreaterThan(charWidthEm('n'.codePointAt(0)!));
  });

  it('gives joiners, direction marks and variation selectors no width', () => {
    for (const ch of ['\u200d', '\u200f', '\u202e', '\ufe0f', '\u0301']) expect(charWidthEm(ch.codePointAt(0)!)).toBe(0);
  });
});

describe('wrapText', () => {
  it('breaks CJK text between any characters', () => {
    const w = wrapText('人力资源部负责人审核', 50, 10);
    expect(w.lines).toEqual(['人力资源部', '负责人审核']);
    expect(w.width).toBe(50);
  });

  it('breaks Latin text at spaces, never inside a word that fits', () => {
    const w = wrapText('review the budget request', 80, 10);
    expect(w.lines.join(' ')).toBe('review the budget request');
    for (const line of w.lines) expect(measureText(line, 10)).toBeLessThanOrEqual(80);
    expect(w.lines.every((l) => !l.startsWith(' ') && !l.endsWith(' '))).toBe(true);
    for (const word of ['review', 'the', 'budget', 'request']) expect(w.lines.some((l) => l.split(' ').includes(word))).toBe(true);
  });

  it('breaks a word longer than the line by characters', () => {
    const word = 'x'.repeat(500);
    const w = wrapText(word, 100, 10);
    expect(w.lines.length).toBeGreaterThan(5);
    expect(w.lines.join('')).toBe(word);
    for (const line of w.lines) expect(measureText(line, 10)).toBeLessThanOrEqual(100);
  });

  it('keeps closing CJK punctuation off the start of a line', () => {
    const w = wrapText('一二三四，五六', 40, 10);
    expect(w.lines.every((l) => !l.startsWith('，'))).toBe(true);
    expect(w.lines.join('')).toBe('一二三四，五六');
  });

  it('keeps emoji joined by ZWJ and marks with their base character', () => {
    const family = '👨\u200d👩\u200d👧';
    const w = wrapText(`${family}${family}${family}`, 14, 10);
    for (const line of w.lines) expect(line).toMatch(/^(👨\u200d👩\u200d👧)+$/u);
  });

  it('keeps the text\'s own line breaks and returns one line for empty text', () => {
    expect(wrapText('第一行\n第二行', 200, 10).lines).toEqual(['第一行', '第二行']);
    expect(wrapText('', 200, 10).lines).toEqual(['']);
  });

  it('mixes CJK and Latin, breaking between them', () => {
    const w = wrapText('提交OA申请', 30, 10);
    expect(w.lines.join('')).toBe('提交OA申请');
    expect(w.lines.some((l) => l.includes('OA'))).toBe(true);
  });
});

// --- Line breaking in boxes (issue #13, item 2) ------------------------------------------------

/** Box text as shapes.ts wraps it: 132 px of text at 13 px (diamonds 96, stadiums 124). */
const FS = 13;
const BOX = 132;
const px = (em: number) => em * FS;

/** Spaces a line break may replace (a run counts as one); hard line breaks end a paragraph. */
const SPACE_RUN = /[\t \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/gu;
const HARD_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/u;
/** From the issue and the usual kinsoku tables: never at the start of a line, never at the end. */
const NO_START = [...'，。、；：？！）》」』】〉…%,.;:!?)]}”’'];
const NO_END = [...'（《「『【〈([{“‘'];
const CJK_LETTER = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

/** One CJK character with nothing else on the line but punctuation and invisible characters. */
function isLone(line: string): boolean {
  const rest = [...line.replace(/[\p{P}\p{Z}\p{Cf}\p{M}\p{Cc}]/gu, '')];
  return rest.length === 1 && CJK_LETTER.test(rest[0]!);
}

/**
 * What wrapText must give back, exactly: the text split at hard line breaks, each paragraph with
 * every run of spaces made one space and none at either end, blank paragraphs dropped. The lines,
 * in order, spell each paragraph with only the space at a break left out (a break not at a space
 * drops nothing). Returns, per paragraph, the offsets at which a new line starts.
 */
function rejoin(text: string, lines: readonly string[]): Array<{ paragraph: string; starts: number[] }> {
  const paragraphs = text
    .split(HARD_BREAK)
    .map((p) => p.replace(SPACE_RUN, ' ').replace(/^ | $/g, ''))
    .filter((p) => p !== '');
  if (paragraphs.length === 0) {
    expect(lines).toEqual(['']);
    return [];
  }
  const out = paragraphs.map((paragraph) => ({ paragraph, starts: [] as number[] }));
  let pi = 0;
  let pos = 0;
  for (const line of lines) {
    expect(line).not.toBe('');
    expect(line).not.toMatch(/^ | $/);
    const p = out[pi];
    expect(p, `line ${JSON.stringify(line)} after the last paragraph`).toBeDefined();
    if (pos > 0) p!.starts.push(pos);
    expect(p!.paragraph.startsWith(line, pos), `${JSON.stringify(line)} at ${pos} of ${JSON.stringify(p!.paragraph)}`).toBe(true);
    pos += line.length;
    if (pos === p!.paragraph.length) {
      pi++;
      pos = 0;
    } else if (p!.paragraph[pos] === ' ') pos++;
  }
  expect(pi).toBe(paragraphs.length);
  return out;
}

/** At every break (not the text's own start and end): the next line starts, the line before ends, with an allowed character. */
function expectKinsoku(lines: readonly string[]): void {
  for (let i = 1; i < lines.length; i++) {
    expect(NO_START, `line starts with ${lines[i]![0]}: ${JSON.stringify(lines)}`).not.toContain(lines[i]![0]);
    expect(NO_END, `line ends with ${lines[i - 1]!.at(-1)}: ${JSON.stringify(lines)}`).not.toContain(lines[i - 1]!.at(-1));
  }
}

const widthOf = (line: string) => measureText(line, FS);

describe('wrapText: Chinese box text', () => {
  // Step texts where greedy filling left one character on the last line (issue #13).
  const reported = [
    ['制定晋升制度及任职资格', '格'],
    ['组织设计院会审施工图纸', '纸'],
    ['按评审意见组织修改设计', '计'],
    ['办理转正,合同继续履行', '行'],
    ['送达解除劳动合同通知书', '书'],
  ] as const;

  it.each(reported)('never leaves one character alone: %s', (text, last) => {
    for (const width of [BOX, 124, 96]) {
      const w = wrapText(text, width, FS);
      expect(w.lines.join('')).toBe(text);
      expect(w.lines).toHaveLength(2);
      expect(w.lines.at(-1)).not.toBe(last);
      for (const line of w.lines) expect(isLone(line), JSON.stringify(w.lines)).toBe(false);
    }
  });

  it('balances the lines instead of filling the first', () => {
    expect(wrapText('制定晋升制度及任职资格', BOX, FS).lines).toEqual(['制定晋升制度', '及任职资格']);
    // 21 characters in 10-character lines: 7 + 7 + 7, not 10 + 10 + 1
    const w = wrapText('人力资源部根据年度计划组织开展员工培训工作', px(10), FS);
    expect(w.lines.map((l) => [...l].length)).toEqual([7, 7, 7]);
    expect(w.width).toBe(px(7));
  });

  it('prefers a break after a comma when the lines stay about as even', () => {
    expect(wrapText('办理转正,合同继续履行', BOX, FS).lines).toEqual(['办理转正,', '合同继续履行']);
    expect(wrapText('审批通过后，（附件）提交给人力资源部负责人。', px(8), FS).lines).toEqual(['审批通过后，', '（附件）提交给人', '力资源部负责人。']);
  });

  it('balances any run of CJK text: the fewest lines, lengths differing by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 80 }), fc.integer({ min: 3, max: 15 }), (n, perLine) => {
        const text = Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 37) % 2000))).join('');
        const lengths = wrapText(text, px(perLine), FS).lines.map((l) => [...l].length);
        expect(lengths).toHaveLength(Math.ceil(n / perLine));
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
        expect(Math.max(...lengths)).toBeLessThanOrEqual(perLine);
        expect(lengths.reduce((a, b) => a + b, 0)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps closing punctuation off the start of a line and opening punctuation off the end', () => {
    const texts = [
      '请在三个工作日内完成审批，并通知申请人。',
      '提交《员工入职登记表》和「身份证明」复印件',
      '核对考勤记录（含加班、请假、出差）后汇总',
      '部门负责人审核：是否同意？同意则转人事部！',
      '完成率达到95%以上的（优秀）员工……予以奖励',
      'He said (in the meeting) that it was fine, right?',
    ];
    for (const text of texts) {
      for (let em = 2; em <= 16; em += 0.5) {
        const w = wrapText(text, px(em), FS);
        expectKinsoku(w.lines);
        rejoin(text, w.lines);
      }
    }
  });

  it('breaks before an opening bracket and after a closing one, keeping the bracket with its text', () => {
    const w = wrapText('提交申请表（附件一）并等待审批结果通知', px(7), FS);
    expect(w.lines.join('')).toBe('提交申请表（附件一）并等待审批结果通知');
    expectKinsoku(w.lines);
    expect(w.lines.some((l) => l.endsWith('（'))).toBe(false);
  });
});

describe('wrapText: Latin words and numbers', () => {
  const breaksInside = (text: string, lines: readonly string[], word: string) => {
    const { paragraph, starts } = rejoin(text, lines)[0]!;
    const at = paragraph.indexOf(word);
    expect(at).toBeGreaterThanOrEqual(0);
    return starts.some((s) => s > at && s < at + word.length);
  };

  it('keeps "ISO 9001" and a date together at every width they fit in', () => {
    const text = '依据ISO 9001标准于2026-12-06前完成内部审核';
    for (let em = 4.5; em <= 20; em += 0.25) {
      const w = wrapText(text, px(em), FS);
      expect(breaksInside(text, w.lines, 'ISO 9001'), `${em} em: ${JSON.stringify(w.lines)}`).toBe(false);
      expect(breaksInside(text, w.lines, '2026-12-06'), `${em} em: ${JSON.stringify(w.lines)}`).toBe(false);
      expectKinsoku(w.lines);
    }
  });

  it('breaks English at spaces only, keeping "ISO 9001" and dates whole', () => {
    const text = 'Review the ISO 9001 certificate before 2026-12-06 and file it';
    const w = wrapText(text, BOX, FS);
    expect(w.lines).toEqual(['Review the', 'ISO 9001 certificate', 'before 2026-12-06', 'and file it']);
    for (let em = 5; em <= 30; em += 0.5) {
      const lines = wrapText(text, px(em), FS).lines;
      for (const word of text.split(' ')) expect(lines.some((l) => l.split(' ').includes(word)), `${em} em`).toBe(true);
    }
  });

  it('widens the lines for a word a little too long rather than breaking it', () => {
    const w = wrapText('Internationalisation committee review', 110, FS);
    expect(w.lines).toContain('Internationalisation');
    expect(w.width).toBeGreaterThan(110);
    expect(w.width).toBeLessThanOrEqual(110 * 1.25);
    expect(wrapText('截止2026-12-06', 60, FS).lines).toEqual(['截止', '2026-12-06']);
  });

  it('breaks a 300-character URL, after / - . ? & = first, into lines that fit', () => {
    const base = 'https://intranet.example.com/hr/handbook/processes/';
    const tail = '?lang=zh-CN&view=print#step-12';
    let path = '';
    for (let i = 0; base.length + path.length + tail.length < 300; i++) path += `recruitment-and-onboarding-${i}/`;
    const url = (base + path + tail).slice(0, 300);
    expect(url).toHaveLength(300);
    const text = `请参阅${url}中的说明`;
    const w = wrapText(text, BOX, FS);
    expect(w.lines.join('')).toBe(text);
    expect(w.lines.length).toBeGreaterThan(10);
    for (const line of w.lines) expect(widthOf(line)).toBeLessThanOrEqual(BOX);
    // each break inside the URL comes after a separator, none inside a path segment's word
    for (const line of w.lines.slice(0, -1)) if (/[\x21-\x7e]$/u.test(line)) expect(line).toMatch(/[/\-.?&=#]$/u);
    expect(w.lines.at(-1)).toMatch(/说明$/u);
  });

  it('keeps numbers whole at any width they fit in', () => {
    for (const n of ['1234567', '3.1415926', '1,000,000', '12:30']) {
      const text = `预算为${n}元整`;
      for (let em = 3; em <= 12; em += 0.5) {
        const w = wrapText(text, px(em), FS);
        if (measureText(n, FS) <= px(em)) expect(breaksInside(text, w.lines, n), `${n} at ${em} em`).toBe(false);
      }
    }
  });
});

describe('wrapText: properties', () => {
  const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
  const cjk = fc.array(han, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const latin = fc.stringMatching(/^[A-Za-z]{1,10}$/);
  const number = fc.oneof(fc.integer({ min: 0, max: 999_999 }).map(String), fc.constantFrom('2026-12-06', '9001', '3.14', '1,000', '12:30', '95%'));
  const stop = fc.constantFrom('，', '。', '、', '；', '：', '？', '！', '……', ',', '.', ';', ':', '!', '?');
  const brackets = fc.constantFrom(['（', '）'], ['《', '》'], ['「', '」'], ['『', '』'], ['【', '】'], ['〈', '〉'], ['(', ')'], ['“', '”']);
  type Part = { text: string; kind: 'cjk' | 'word' | 'stop' | 'bracket' };
  const part: fc.Arbitrary<Part> = fc.oneof(
    { weight: 5, arbitrary: cjk.map((text) => ({ text, kind: 'cjk' as const })) },
    { weight: 2, arbitrary: latin.map((text) => ({ text, kind: 'word' as const })) },
    { weight: 2, arbitrary: number.map((text) => ({ text, kind: 'word' as const })) },
    { weight: 2, arbitrary: stop.map((text) => ({ text, kind: 'stop' as const })) },
    { weight: 2, arbitrary: fc.tuple(brackets, cjk).map(([[o, c], t]) => ({ text: `${o}${t}${c}`, kind: 'bracket' as const })) },
  );
  /** Realistic step text, with the offsets of its Latin words and numbers. */
  const stepText = fc.tuple(fc.array(part, { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })).map(([parts, spaces]) => {
    let text = '';
    const words: Array<[number, number]> = [];
    parts.forEach((p, i) => {
      const prev = parts[i - 1];
      // a word needs a space after anything but CJK (or it would run into it), and before a bracket;
      // elsewhere a space at random, but never before a stop
      const needed = prev !== undefined && ((p.kind === 'word' && prev.kind !== 'cjk') || (prev.kind === 'word' && p.kind === 'bracket'));
      if (needed || (prev !== undefined && spaces[i]! && p.kind !== 'stop')) text += ' ';
      if (p.kind === 'word') words.push([text.length, text.length + p.text.length]);
      text += p.text;
    });
    return { text, words };
  });

  it('no lone CJK character, no forbidden line start or end, the text given back, words and numbers whole', () => {
    fc.assert(
      fc.property(stepText, fc.double({ min: 2, max: 20, noNaN: true }), ({ text, words }, em) => {
        const w = wrapText(text, px(em), FS);
        expect(wrapText(text, px(em), FS)).toEqual(w); // deterministic
        const starts = rejoin(text, w.lines)[0]!.starts;
        // (narrower than 5 em, a row of one-character brackets such as "（一）……（二）……" may leave
        // no way but a lone character, short of lines three times as wide)
        if (w.lines.length > 1 && em >= 5) for (const line of w.lines) expect(isLone(line), JSON.stringify(w.lines)).toBe(false);
        expectKinsoku(w.lines);
        for (const line of w.lines) expect(widthOf(line)).toBeLessThanOrEqual(w.width + 1e-6);
        expect(w.width).toBeLessThanOrEqual(px(Math.max(em * 3, em + 4)) + 1e-6);
        // a word or number no wider than the lines may widen to stays whole (in lines under 4 em,
        // punctuation glued to it and the lone-character rule may leave no other place to break)
        if (em < 4) return;
        for (const [a, b] of words) {
          if (measureText(text.slice(a, b), FS) > px(em) * 1.25) continue;
          expect(starts.some((s) => s > a && s < b), `${JSON.stringify(text.slice(a, b))} broken: ${JSON.stringify(w.lines)} at ${em} em`).toBe(false);
        }
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('gives back any text (emoji, marks, RTL, controls, lone surrogates) without throwing', () => {
    const hard = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc
        .array(
          fc.constantFrom('😀', '👩‍👩‍👧', '🇨🇳', '❤️', '🧑🏽‍💻', 'e\u0301', '\u202Eevil\u202C', 'שלום', 'مرحبا', '\u200b', '\u2060', '\u00a0', '\ud800', '\udfff', '\u0000', '\u0085', '\u2028', '\t', '  ', '流程', 'word', '（', '）', '，', '"'),
          { maxLength: 30 },
        )
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(hard, fc.integer({ min: 1, max: 300 }), (text, width) => {
        const w = wrapText(text, width, FS);
        expect(w.lines.length).toBeGreaterThan(0);
        expect(Number.isFinite(w.width)).toBe(true);
        rejoin(text, w.lines);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('keeps flags, ZWJ sequences and marks whole', () => {
    expect(wrapText('🇨🇳🇨🇳🇨🇳🇨🇳', 16, FS).lines).toEqual(['🇨🇳', '🇨🇳', '🇨🇳', '🇨🇳']);
    for (const line of wrapText('e\u0301'.repeat(30), 40, FS).lines) expect(line).toMatch(/^(e\u0301)+$/u);
    expect(wrapText('שלום עולם ומה נשמע', 50, FS).lines.join(' ')).toBe('שלום עולם ומה נשמע');
  });

  it('is fast on long and hostile text', () => {
    const texts = ['（'.repeat(3000), '流'.repeat(5000), 'W'.repeat(5000), '审批ISO 9001（附件）， '.repeat(300), `${'W'.repeat(30)}表`.repeat(100)];
    const t0 = performance.now();
    for (const t of texts) for (const width of [16, 72, 132]) wrapText(t, width, FS);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
