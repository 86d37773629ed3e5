import { describe, expect, it } from 'vitest';
import { charWidthEm, measureText, wrapText } from '../../../src/diagram/native/text.js';

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
