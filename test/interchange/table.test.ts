/**
 * Step tables: the xlsx export (master data + one sheet per process, formula injection guarded) and
 * the table import (Chinese or English headers in any order, 下一步 with branch labels, errors that
 * name sheet, row and column), from xlsx and CSV.
 */
import { describe, expect, it } from 'vitest';
import { toXlsx, readXlsx, xlsxSafe } from '../../src/interchange/xlsx.js';
import { readCsv } from '../../src/interchange/csv-read.js';
import { fromTable, fromWorkbook, columnLetters, type Sheet } from '../../src/interchange/table-import.js';
import { writeDocument, ImportError } from '../../src/interchange/document.js';
import { guardCell, unguardCell } from '../../src/interchange/formula.js';
import { checkWith, folderDocuments, HANDBOOKS, linkedDocuments, loadFolder } from './helpers.js';
import { REPO } from '../helpers/cli.js';
import path from 'node:path';
import type { Process } from '../../src/model/types.js';
import fc from 'fast-check';
import { graph, REF, toProcess } from '../fuzz/native-gen.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';

/** What a step table keeps of a process: the flow and every text of the steps. */
function flowOf(p: Process) {
  return {
    code: p.code,
    name: p.name,
    version: p.version,
    owner: p.owner,
    control: p.control,
    roles: p.roles.filter((r) => p.steps.some((s) => s.role === r)),
    steps: p.steps.map((s) => ({ role: s.role, text: s.text, type: s.type, ref: s.ref, note: s.note, start: s.start, end: s.end, next: s.next.map((e) => ({ to: e.to, label: e.label })) })),
  };
}

const processNames = (ps: readonly Process[]) => new Map(ps.map((p) => [p.code, p.name]));

describe('step tables out and in', () => {
  for (const folder of HANDBOOKS) {
    it(`${folder}: every process exports to the workbook and imports back with the same flow and texts`, async () => {
      const handbook = loadFolder(folder);
      const documents = folderDocuments(path.join(REPO, folder));
      const language = handbook.settings.language;
      const bytes = await toXlsx(handbook.processes, language);
      expect(Buffer.from(bytes).subarray(0, 2).toString()).toBe('PK');
      // Same handbook, same bytes.
      expect(Buffer.from(await toXlsx(handbook.processes, language)).equals(Buffer.from(bytes))).toBe(true);
      const sheets = await readXlsx(bytes);
      expect(sheets.length).toBe(handbook.processes.length + 1);
      for (const p of handbook.processes) {
        // A sheet per process, named by its code; fields a table does not hold are compared aside.
        const { document } = fromWorkbook(sheets, { code: p.code, processes: processNames(handbook.processes), language, file: 'x.xlsx' });
        const back = checkWith(linkedDocuments(handbook, documents, p), p.file, writeDocument({ ...document, status: p.status === 'controlled' ? 'draft' : p.status }), p.code);
        const starts = p.steps.filter((s) => s.start).map((s) => s.number);
        // A table has no start column: its flow starts at the first row.
        if (starts.length === 1 && starts[0] === 1) expect(flowOf(back)).toEqual(flowOf(p));
      }
    });
  }

  it('guards every cell that a spreadsheet could take for a formula, and the import takes the guard off', async () => {
    for (const t of ['=1+1', '+cmd', '-2', '@SUM(A1)', '\t=x', "'=x", "''@y"]) {
      expect(guardCell(t).startsWith("'")).toBe(true);
      expect(unguardCell(guardCell(t))).toBe(t);
    }
    for (const t of ["'plain", 'plain', '', "'"]) expect(unguardCell(guardCell(t))).toBe(t);
    const handbook = loadFolder('test/fixtures/security');
    const bytes = await toXlsx(handbook.processes, 'zh-CN');
    const raw = await readRawCells(bytes);
    for (const v of raw) expect(typeof v === 'string' && /^[=+\-@\t\r]/.test(v), String(v)).toBe(false);
  });
});

/** Cell values exactly as stored (no unguarding), and no formula cells. */
async function readRawCells(bytes: Uint8Array): Promise<unknown[]> {
  const mod = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
  const wb = new mod.default.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const out: unknown[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(mod.default.ValueType.Formula);
        out.push(c.value);
      }),
    ),
  );
  return out;
}

const known = new Map([['HR-CB-003', '工资发放流程']]);
const opts = { meta: { code: 'HR-T-1', name: '测试流程' }, processes: known, language: 'zh-CN' as const, file: 'steps.csv' };

function sheet(text: string, name = 'steps'): Sheet {
  return readCsv(text, name);
}

function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('table import', () => {
  it('reads Chinese headers in any order, labels in 下一步, types, notes; keeps texts exactly', () => {
    const csv = [
      '说明,下一步,管理行为,序号,行为实施环节,类型',
      ',, 提交 "申请" ,1,员工,',
      '看制度,同意→4; 不同意→3,审批,2,部门负责人,判断',
      '"多行\n说明",结束,退回,3,员工,',
      ',,HR-CB-003,4,人力资源部,流程',
    ].join('\r\n');
    const { document } = fromTable(sheet(csv), opts);
    const text = writeDocument(document);
    const p = checkWith([{ file: 'processes/cb.md', text: CB }], 'processes/t.md', text, 'HR-T-1');
    expect(p.roles).toEqual(['员工', '部门负责人', '人力资源部']);
    expect(p.steps.map((s) => s.text)).toEqual([' 提交 "申请" ', '审批', '退回', 'HR-CB-003']);
    expect(p.steps[1]!.type).toBe('decision');
    expect(p.steps[1]!.next.map((e) => [e.label, e.to])).toEqual([
      ['同意', 's4'],
      ['不同意', 's3'],
    ]);
    expect(p.steps[2]!.end).toBe(true);
    expect(p.steps[2]!.note).toBe('多行\n说明');
    expect(p.steps[3]!.ref).toBe('HR-CB-003');
    expect(p.steps[0]!.note).toBeUndefined();
  });

  it('reads English headers, semicolon files, ->/: labels, and a decision found from its labels', () => {
    const csv = ['Role;Step;Next;Text', 'Applicant;a;;Apply', 'Manager;b;yes -> c, no: a;Approve?', 'HR;c;;File it'].join('\n');
    const { document } = fromTable(sheet(csv), { ...opts, language: 'en' });
    const p = checkWith([], 'processes/t.md', writeDocument(document), 'HR-T-1');
    expect(p.steps[1]!.type).toBe('decision');
    expect(p.steps[1]!.next.map((e) => e.label)).toEqual(['yes', 'no']);
    expect(p.owner).toBe('TODO owning department');
  });

  it('names sheet, row and column in every error, with the fix', () => {
    const head = '序号,行为实施环节,管理行为,下一步,类型';
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,a,9\n2,员工,b,`), opts)).message).toMatch(/^steps.csv, sheet "steps", row 2, column D \(下一步\): "9" leads to step "9", which is not in the table/);
    expect(importError(() => fromTable(sheet(`${head}\n1,,a,\n`), opts)).message).toMatch(/row 2, column B \(行为实施环节\): the step has no role/);
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,a,,菱\n`), opts)).message).toMatch(/row 2, column E \(类型\): unknown step type "菱"/);
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,a,\n1,员工,b,`), opts)).message).toMatch(/row 3, column A \(序号\): step number "1" is used twice \(also row 2\)/);
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,a,同意→2,判断\n2,员工,b,`), opts)).message).toMatch(/row 2, column D \(下一步\): a decision needs two or more labelled branches/);
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,a,同意→2; 2\n2,员工,b,`), opts)).message).toMatch(/labels some branches and not others/);
    expect(importError(() => fromTable(sheet(`${head}\n1,员工,X-9,,流程\n`), opts)).message).toMatch(/row 2, column C \(管理行为\): a linked process step needs the code/);
    expect(importError(() => fromTable(sheet('a,b\n1,2'), opts)).message).toMatch(/no header row naming the columns/);
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(27)).toBe('AB');
  });

  it('hostile texts come back exactly (injection, markup, odd Unicode, long text)', () => {
    const texts = ['=HYPERLINK("http://x")', '<script>alert(1)</script>', '"quoted", with comma', '__proto__', '👩‍👩‍👧 שלום \u202Eevil', '流'.repeat(500), 'yes', 'null', '- list', '#comment', 'a: b'];
    const rows = texts.map((t, i) => `${i + 1},"角色${i % 3}","${t.replace(/"/g, '""')}",`);
    const { document } = fromTable(sheet(['序号,行为实施环节,管理行为,下一步', ...rows].join('\n')), opts);
    const p = checkWith([], 'processes/t.md', writeDocument(document), 'HR-T-1');
    expect(p.steps.map((s) => s.text)).toEqual(texts);
  });
});

const CB = `---
name: 工资发放流程
code: HR-CB-003
status: draft
owner: 人力资源部
control: 财务部
roles: [人力资源部]
steps:
  - role: 人力资源部
    text: 发放
---
`;

describe('step tables round trip (property)', () => {
  /** Text as a workbook can hold it (no XML-forbidden characters, no lone CR), never blank. */
  const clean = (s: string) => {
    const t = xlsxSafe(s).replace(/\r/g, '');
    return t.trim() === '' ? `空${t}` : t;
  };

  it('gives the flow and every text of a generated document back through xlsx', async () => {
    await fc.assert(
      fc.asyncProperty(graph, async (g0) => {
        const g = {
          ...g0,
          roles: g0.roles.map(clean),
          // A table has no start column: the flow starts at its first row.
          steps: g0.steps.map((s) => ({ ...s, start: false, text: clean(s.text), labels: s.labels.map(clean), ...(s.note !== undefined ? { note: clean(s.note) } : {}) })),
        };
        fc.pre(new Set(g.roles).size === g.roles.length && g.steps.every((s) => new Set(s.labels).size === s.labels.length));
        const p = toProcess(g);
        const sheets = await readXlsx(await toXlsx([p], g.language));
        const { document } = fromWorkbook(sheets, { code: 'FZ-1', processes: new Map([['REF-1', '被引用的流程'], ['FZ-1', p.name]]), language: g.language, file: 'fz.xlsx' });
        const back = checkWith([{ file: 'processes/ref.md', text: REF }], 'processes/fz.md', writeDocument({ ...document, status: 'draft' }), 'FZ-1');
        // The generator cuts the name at 200 UTF-16 units, which may split an emoji: a workbook cannot hold the half.
        expect({ ...flowOf(back), name: back.name }).toEqual({ ...flowOf(p), name: xlsxSafe(p.name) });
      }),
      { numRuns: process.env.FLOWBOOK_FUZZ_RUNS === undefined ? 15 : FUZZ_RUNS },
    );
  }, 120_000 + FUZZ_RUNS * 2_000);
});
