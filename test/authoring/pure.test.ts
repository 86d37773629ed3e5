/** The pure parts: YAML quoting (property test), the review window, display width, CSV cells. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { yamlFlowList, yamlScalar, hasLoneSurrogate } from '../../src/init/yaml.js';
import { newDocument, splitRoles } from '../../src/init/template.js';
import { handbookFiles } from '../../src/init/handbook.js';
import { loadYaml } from '../../src/parse/yaml.js';
import { addMonths, parseWindow, windowEnd } from '../../src/review/window.js';
import { csvField, displayWidth, safeCell } from '../../src/review/format.js';
import { check } from '../helpers/handbook.js';

const runs = Number(process.env.FLOWBOOK_FUZZ_RUNS ?? 500);
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !hasLoneSurrogate(s));

describe('yamlScalar', () => {
  it('reads back exactly, alone and in a flow list', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(loadYaml(`k: ${yamlScalar(a)}`)).toEqual({ k: a });
        expect(loadYaml(`k: ${yamlFlowList([a, b])}  # comment`)).toEqual({ k: [a, b] });
      }),
      { numRuns: runs },
    );
  });

  it('writes ordinary names plain and quotes the rest', () => {
    expect(yamlScalar('请假流程')).toBe('请假流程');
    expect(yamlScalar('Leave request')).toBe('Leave request');
    for (const s of ['a: b', 'a #b', '[x', '---', 'yes', 'null', '123', ' x', 'x ', 'a\nb', "it's"]) expect(yamlScalar(s)).toMatch(/^".*"$/);
  });

  it('any name makes a document that passes the checker with that name', () => {
    const name = text.filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(name, (n) => {
        const r = check({ 'processes/x.md': newDocument({ code: 'HR-1', name: n, language: 'zh-CN', today: '2026-11-27' }) }, { strict: true });
        expect(r.diagnostics).toEqual([]);
        expect(r.handbook!.processes[0]!.name).toBe(n);
      }),
      { numRuns: Math.min(runs, 200) },
    );
  });
});

describe('templates', () => {
  it('splits roles on ASCII and Chinese commas', () => {
    expect(splitRoles('员工, 部门负责人，人力资源部、总经理,,')).toEqual(['员工', '部门负责人', '人力资源部', '总经理']);
  });

  it('init examples pass check --strict in both languages, on a leap day too', () => {
    for (const language of ['zh-CN', 'en'] as const)
      for (const today of ['2028-02-29', '2026-01-05', '2026-12-31']) {
        const files = handbookFiles({ language, today, schemaText: '{}' });
        const docs = Object.fromEntries(files.filter((f) => f.path.startsWith('processes/')).map((f) => [f.path, f.content]));
        const settings = files.find((f) => f.path === 'flowbook.yml')!.content;
        const r = check(docs, { strict: true, today, settings });
        expect(r.diagnostics, `${language} ${today}`).toEqual([]);
        expect(r.handbook!.processes.map((p) => p.review)).toEqual([addMonths(today, 12), addMonths(today, 12)]);
      }
  });
});

describe('review window', () => {
  it('parses days, weeks, months and plain numbers; rejects the rest', () => {
    expect(parseWindow('30d')).toEqual({ amount: 30, unit: 'd', text: '30d' });
    expect(parseWindow('8W')).toEqual({ amount: 8, unit: 'w', text: '8w' });
    expect(parseWindow('3m')).toEqual({ amount: 3, unit: 'm', text: '3m' });
    expect(parseWindow('45')).toEqual({ amount: 45, unit: 'd', text: '45d' });
    for (const bad of ['', 'd', '-1', '1.5', '3y', '30 days', '1e3']) expect(parseWindow(bad), bad).toEqual({ error: 'not-a-window' });
    for (const long of ['99999999999999999999', '36501d', '1201m']) expect(parseWindow(long), long).toEqual({ error: 'too-long' });
    expect(parseWindow('1200m')).toEqual({ amount: 1200, unit: 'm', text: '1200m' });
  });

  it('counts calendar months, clamping to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(windowEnd('2026-11-27', { amount: 2, unit: 'w', text: '2w' })).toBe('2026-12-11');
  });
});

describe('formatting helpers', () => {
  it('display width: CJK and emoji count two, combining marks none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('请假流程')).toBe(8);
    expect(displayWidth('（示例）')).toBe(8);
    expect(displayWidth('🎉')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('CSV cells: formula injection neutralised, RFC 4180 quoting', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(safeCell(s)).toBe(`'${s}`);
    expect(safeCell('a=b')).toBe('a=b');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain')).toBe('plain');
  });
});
