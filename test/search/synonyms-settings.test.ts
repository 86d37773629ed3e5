/** `synonyms:` in flowbook.yml: groups of words search treats as the same. */
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config/settings.js';

describe('synonyms in flowbook.yml', () => {
  it('reads groups of words, trimmed, repeats dropped', () => {
    const { settings, diagnostics } = parseSettings('synonyms: [[年假, 年休假], [离职, 辞职, " 辞职 "], [leave, vacation]]\n');
    expect(diagnostics).toEqual([]);
    expect(settings.synonyms).toEqual([
      ['年假', '年休假'],
      ['离职', '辞职'],
      ['leave', 'vacation'],
    ]);
  });

  it('has none unless written', () => {
    expect(parseSettings('title: x\n').settings.synonyms).toBeUndefined();
  });

  it('reports a bad shape at its line and keeps the good groups', () => {
    const { settings, diagnostics } = parseSettings('title: x\nsynonyms:\n  - [年假, 年休假]\n  - 离职\n  - [加班]\n');
    expect(settings.synonyms).toEqual([['年假', '年休假']]);
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['invalid-settings', 4, 'synonyms: group 2 must be a list of words, e.g. [年假, 年休假]'],
      ['invalid-settings', 5, 'synonyms: group 3 needs at least two different words'],
    ]);
    const flat = parseSettings('synonyms: 年假\n').diagnostics;
    expect(flat[0]?.message).toMatch(/must be a list of groups/);
    expect(flat[0]?.hint).toMatch(/synonyms: \[\[年假, 年休假\]/);
  });
});
