/**
 * A step table (the spreadsheet HR keeps: 序号, 行为实施环节, 管理行为, 下一步, 类型, 说明) -> an
 * imported process document. Pure: sheets come in as rows of cell texts (xlsx.ts, csv.ts read them).
 *
 * The header row may be Chinese or English and its columns may come in any order; it is the first
 * row (of the first ten) that names at least the role and text columns. `下一步` lists where the
 * flow goes by step number, with branch labels: `同意→4; 不同意→2` (also `->`, `=>`, `:`, and
 * `,` `;` `、` or line breaks between items); blank means the next row, `结束`/`end` ends the
 * flow. Every text is kept exactly as the cell shows it; only the numbers and keywords in the
 * step, next and type columns are read with surrounding spaces ignored.
 */
import { STATUSES, type Status, type StepType } from '../model/types.js';
import { closest } from '../util/suggest.js';
import { words, type Words } from '../diagnostics/words.js';
import { ImportError, importNote, type ImportedDocument, type ImportedStep, type ImportNote } from './document.js';
import { isMetaHeader, metaColumn, readQuoted, readStatus, splitLines, type MetaField } from './step-table.js';

export interface Sheet {
  readonly name: string;
  /** Cell texts by row, then column (0-based); row i is the sheet's row i + 1. */
  readonly rows: readonly (readonly (string | undefined)[])[];
}

export type Column = 'step' | 'role' | 'text' | 'next' | 'type' | 'note' | 'ref';

/** Header words per column (compared without case, spaces or a trailing colon). */
export const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  step: ['序号', '步骤', '步骤号', '步骤编号', '编号', 'step', 'stepno', 'no', 'no.', '#', 'number', 'seq'],
  role: ['行为实施环节', '实施环节', '角色', '岗位', '责任岗位', '责任部门', '部门', '执行者', '责任人', '泳道', 'role', 'lane', 'swimlane', 'responsible', 'actor', 'who'],
  text: ['管理行为', '工作内容', '活动', '活动内容', '步骤描述', '内容', '描述', '工作事项', 'text', 'activity', 'action', 'task', 'description', 'what'],
  next: ['下一步', '后续步骤', '下一环节', '去向', '流向', 'next', 'nextstep', 'nextsteps', 'goesto', 'then'],
  type: ['类型', '步骤类型', '形状', 'type', 'steptype', 'shape', 'kind'],
  note: ['说明', '备注', '注释', '相关说明', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments'],
  ref: ['关联流程', '引用流程', '流程编码', '子流程', 'ref', 'linkedprocess', 'processcode', 'subprocess', 'calls'],
};

const TYPE_WORDS: Readonly<Record<string, StepType>> = {
  action: 'action', 行为: 'action', 活动: 'action', 任务: 'action', 动作: 'action', 步骤: 'action', task: 'action', box: 'action', 矩形: 'action',
  decision: 'decision', 判断: 'decision', 决策: 'decision', 决定: 'decision', 审批判断: 'decision', 条件: 'decision', gateway: 'decision', diamond: 'decision', 菱形: 'decision',
  process: 'process', 流程: 'process', 子流程: 'process', 关联流程: 'process', 其他流程: 'process', subprocess: 'process', 'call': 'process', ellipse: 'process', 椭圆: 'process',
};
const END_WORDS = new Set(['结束', '流程结束', '终止', 'end', 'stop', 'done', '-', '—', '无']);

const norm = (s: string) => s.toLowerCase().replace(/[\s:：*]/g, '');

/** Which column a header cell names: the whole cell, or one part of a bilingual "序号 / Step". */
export function headerColumn(cell: string | undefined): Column | undefined {
  if (cell === undefined) return undefined;
  const parts = [cell, ...cell.split(/[/|()（）\n]+/)].map(norm).filter((p) => p !== '');
  for (const part of parts) for (const [col, words] of Object.entries(HEADERS) as [Column, readonly string[]][]) if (words.includes(part)) return col;
  return undefined;
}

/** A1-style column letters of a 0-based index. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface HeaderRow {
  readonly row: number; // 0-based
  readonly columns: ReadonlyMap<Column, number>;
  readonly titles: ReadonlyMap<Column, string>;
}

/** The header row of a step table, or undefined when the sheet has none. */
export function findHeader(sheet: Sheet): HeaderRow | undefined {
  for (let r = 0; r < Math.min(10, sheet.rows.length); r++) {
    const columns = new Map<Column, number>();
    const titles = new Map<Column, string>();
    sheet.rows[r]!.forEach((cell, c) => {
      const col = headerColumn(cell);
      if (col !== undefined && !columns.has(col)) {
        columns.set(col, c);
        titles.set(col, cell!.trim());
      }
    });
    if (columns.has('role') && columns.has('text')) return { row: r, columns, titles };
  }
  return undefined;
}

export interface TableMeta {
  readonly code: string;
  readonly name: string;
  readonly version?: string;
  readonly status?: Status;
  readonly owner?: string;
  readonly control?: string;
  readonly category?: string;
  readonly effective?: string;
  readonly review?: string;
  /** Roles in lane order (steps' roles not listed here are added in order of appearance). */
  readonly roles?: readonly string[];
}

export interface TableImportOptions {
  readonly meta: TableMeta;
  /** The handbook's processes, code -> name, for `type: process` steps. */
  readonly processes: ReadonlyMap<string, string>;
  readonly language: 'zh-CN' | 'en';
  /** Used in messages ("steps.xlsx, sheet ..."). */
  readonly file: string;
}

interface Row {
  readonly at: number; // sheet row (1-based)
  readonly cells: readonly (string | undefined)[];
}

/** The step rows of a sheet under its header: where each is and how to read and name its cells. */
class StepTable {
  readonly rows: Row[] = [];
  /** Step number as written -> row index. */
  readonly numberOf = new Map<string, number>();
  /** Each row's step number. */
  readonly numbers: string[];

  constructor(
    sheet: Sheet,
    readonly header: HeaderRow,
    readonly where: Words,
  ) {
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]!;
      if (cells.every((c) => c === undefined || c.trim() === '')) continue;
      this.rows.push({ at: r + 1, cells });
    }
    if (this.rows.length === 0) throw new ImportError(where, words('the table has a header row but no steps below it.', '表格有表头行，但下面没有步骤。'));
    this.numbers = this.stepNumbers();
  }

  /** Where a cell is, for messages: file, sheet, row, column letter and title. */
  at(row: Row, col: Column): Words {
    const [letters, title] = [columnLetters(this.header.columns.get(col)!), this.header.titles.get(col)];
    return words(`${this.where.en}, row ${row.at}, column ${letters} (${title})`, `${this.where.zh}，第 ${row.at} 行，${letters} 列（${title}）`);
  }

  /** A cell's text, undefined when blank or when the table has no such column. */
  cell(row: Row, col: Column): string | undefined {
    const c = this.header.columns.get(col);
    const v = c === undefined ? undefined : row.cells[c];
    return v === undefined || v.trim() === '' ? undefined : v;
  }

  /** Step numbers: as written (blank: the row's position), unique. */
  private stepNumbers(): string[] {
    return this.rows.map((row, i) => {
      const n = this.cell(row, 'step')?.trim() ?? String(i + 1);
      const first = this.numberOf.get(n);
      if (first !== undefined) {
        const also = this.rows[first]!.at;
        throw new ImportError(
          this.at(row, 'step'),
          words(`step number "${n}" is used twice (also row ${also}); give every step its own number.`, `步骤号 "${n}" 用了两次（第 ${also} 行也用了）；每个步骤须有自己的编号。`),
        );
      }
      this.numberOf.set(n, i);
      return n;
    });
  }
}

/** The type column: action, decision or process in either language; undefined when blank. */
function rowType(t: StepTable, row: Row): StepType | undefined {
  const typeText = t.cell(row, 'type')?.trim();
  if (typeText === undefined) return undefined;
  const type = TYPE_WORDS[norm(typeText)];
  if (type !== undefined) return type;
  const near = closest(norm(typeText), Object.keys(TYPE_WORDS));
  throw new ImportError(
    t.at(row, 'type'),
    words(
      `unknown step type "${typeText}"${near ? ` (did you mean "${near}"?)` : ''}; write action/行为, decision/判断 or process/流程, or leave it blank.`,
      `未知的步骤类型 "${typeText}"${near ? `（是否要写 "${near}"？）` : ''}；请写 action/行为、decision/判断 或 process/流程，或留空。`,
    ),
  );
}

/** The next column: where the flow goes (step numbers, with branch labels), the end word, or blank for the next row. */
function rowNext(t: StepTable, row: Row, i: number, language: TableImportOptions['language']): { to: number; label?: string }[] {
  const nextText = t.cell(row, 'next');
  const next: { to: number; label?: string }[] = [];
  if (nextText === undefined) {
    if (i + 1 < t.rows.length) next.push({ to: i + 1 });
    return next;
  }
  let ends = false;
  for (const { item, label, target } of parseNext(nextText)) {
    if (label === undefined && END_WORDS.has(norm(target))) {
      ends = true;
      continue;
    }
    if (END_WORDS.has(norm(target))) {
      throw new ImportError(
        t.at(row, 'next'),
        words(
          `"${item}": a branch must lead to a step number; to end the flow on that branch, add a step that ends it.`,
          `分支 "${item}" 必须指向一个步骤号；要在这个分支上结束流程，请加一个结束流程的步骤。`,
        ),
      );
    }
    const to = t.numberOf.get(target);
    if (to === undefined) {
      // A near number is no hint (9 is as near 1 as 8 is); a near word may be a typo.
      const near = /^\d+$/.test(target) ? undefined : closest(target, t.numberOf.keys());
      const stepTitle = t.header.titles.get('step');
      throw new ImportError(
        t.at(row, 'next'),
        words(
          `"${item}" leads to step "${target}", which is not in the table${near ? ` (did you mean "${near}"?)` : ''}. Write step numbers from the ${stepTitle ?? 'step'} column, e.g. 同意→4; 不同意→2.`,
          `"${item}" 指向步骤 "${target}"，但表中没有这个步骤${near ? `（是否要写 "${near}"？）` : ''}。请写 ${stepTitle ?? '序号'} 列中的步骤号，例如 同意→4; 不同意→2。`,
        ),
      );
    }
    if (label !== undefined && label === '')
      throw new ImportError(
        t.at(row, 'next'),
        words(`"${item}" has an arrow but no label before it; write the label (同意→4) or just the number (4).`, `"${item}" 有箭头，但箭头前没有标签；请写上标签（同意→4），或只写步骤号（4）。`),
      );
    if (label !== undefined && next.some((e) => e.label === label))
      throw new ImportError(t.at(row, 'next'), words(`the label "${label}" is used twice; each branch needs its own label.`, `标签 "${label}" 用了两次；每个分支须有自己的标签。`));
    next.push(label !== undefined ? { to, label } : { to });
  }
  if (ends && next.length > 0) {
    const end = language === 'en' ? 'end' : '结束';
    throw new ImportError(
      t.at(row, 'next'),
      words(`"${nextText}" both ends the flow and goes on; write either the next steps or ${end}.`, `"${nextText}" 既结束流程又继续往下；请只写下一步，或只写 ${end}。`),
    );
  }
  const labelled = next.filter((e) => e.label !== undefined).length;
  if (labelled > 0 && labelled < next.length)
    throw new ImportError(
      t.at(row, 'next'),
      words(
        `"${nextText}" labels some branches and not others; label every branch (同意→4; 不同意→2) or none.`,
        `"${nextText}" 只给部分分支写了标签；请给每个分支都写上标签（同意→4; 不同意→2），或都不写。`,
      ),
    );
  return next;
}

/** A linked process step's code (the ref column, else the text as a code or a process name) and its text (the process's name when blank). */
function processLink(t: StepTable, row: Row, text: string | undefined, processes: ReadonlyMap<string, string>): { ref: string; text: string } {
  const refText = t.cell(row, 'ref')?.trim();
  const byName = [...processes].find(([, name]) => name === text?.trim())?.[0];
  const ref = refText ?? (text !== undefined && processes.has(text.trim()) ? text.trim() : byName);
  if (ref === undefined || !processes.has(ref)) {
    const near = closest(ref ?? text ?? '', processes.keys());
    throw new ImportError(
      t.at(row, refText !== undefined ? 'ref' : 'text'),
      words(
        `a linked process step needs the code of a process in the handbook${ref !== undefined ? `; "${ref}" is none` : ''}${near ? ` (did you mean "${near}"?)` : ''}. Write the code in a 关联流程 / ref column or as the text.`,
        `关联流程步骤需要填写手册中已有流程的编码${ref !== undefined ? `；"${ref}" 不是手册中的流程` : ''}${near ? `（是否要写 "${near}"？）` : ''}。请把编码写在 关联流程 / ref 列，或直接写作步骤内容。`,
      ),
    );
  }
  return { ref, text: text ?? processes.get(ref)! };
}

/** One row as a step (its role added to `roles` when new). */
function rowStep(t: StepTable, row: Row, i: number, roles: string[], options: TableImportOptions): ImportedStep {
  const role = t.cell(row, 'role');
  if (role === undefined) throw new ImportError(t.at(row, 'role'), words('the step has no role; write who does it (one of the swimlanes).', '该步骤没有角色；请写明由谁来做（泳道之一）。'));
  if (!roles.includes(role)) roles.push(role);
  let type = rowType(t, row);
  const next = rowNext(t, row, i, options.language);
  if (type === undefined && next.length >= 2 && next.every((e) => e.label !== undefined)) type = 'decision';
  type ??= 'action';
  if (type === 'decision' && (next.length < 2 || next.some((e) => e.label === undefined)))
    throw new ImportError(
      t.at(row, t.cell(row, 'next') !== undefined ? 'next' : 'type'),
      words('a decision needs two or more labelled branches in the next column, e.g. 同意→4; 不同意→2.', '判断步骤需要在下一步列中写出两个或更多带标签的分支，例如 同意→4; 不同意→2。'),
    );

  let text = t.cell(row, 'text');
  let ref: string | undefined;
  if (type === 'process') ({ ref, text } = processLink(t, row, text, options.processes));
  if (text === undefined) throw new ImportError(t.at(row, 'text'), words('the step has no text; write what is done.', '该步骤没有内容；请写明做什么。'));
  const note = t.cell(row, 'note');
  return { idHint: t.numbers[i]!, role, text, type, ...(ref !== undefined ? { ref } : {}), next, ...(note !== undefined ? { note } : {}) };
}

/** The document around the steps: the master data given, placeholders for what is missing, and a controlled status made draft (with notes). */
function tableDocument(m: TableMeta, roles: string[], steps: ImportedStep[], options: TableImportOptions, where: Words, notes: ImportNote[]): ImportedDocument {
  const placeholders = options.language === 'en' ? { owner: 'TODO owning department', control: 'TODO controlling department' } : { owner: 'TODO 执行部门', control: 'TODO 控制部门' };
  if (m.owner === undefined)
    notes.push(importNote(where, words(`no owner (执行核心部门) given; written as "${placeholders.owner}".`, `未给出执行部门（执行核心部门）；已暂写为 "${placeholders.owner}"。`)));
  const status = m.status !== undefined && (STATUSES as readonly string[]).includes(m.status) ? m.status : 'draft';
  const document: ImportedDocument = {
    code: m.code,
    name: m.name,
    ...(m.version !== undefined ? { version: m.version } : {}),
    // A controlled document needs a sign-off a step table does not have.
    status: status === 'controlled' ? 'draft' : status,
    owner: m.owner ?? placeholders.owner,
    control: m.control ?? placeholders.control,
    ...(m.category !== undefined ? { category: m.category } : {}),
    ...(m.effective !== undefined ? { effective: m.effective } : {}),
    ...(m.review !== undefined ? { review: m.review } : {}),
    roles,
    steps,
    starts: [],
    body: '',
  };
  if (status === 'controlled')
    notes.push(
      importNote(
        where,
        words(
          'imported as status draft: a controlled document needs its sign-off (编制/审核/批准), which the table does not hold.',
          '已按 draft（草稿）状态导入，因为受控文件需要签署（编制/审核/批准），而表格中没有签署。',
        ),
      ),
    );
  return document;
}

export function fromTable(sheet: Sheet, options: TableImportOptions): { document: ImportedDocument; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const header = findHeader(sheet);
  const sheetWhere = words(`${options.file}, sheet "${sheet.name}"`, `${options.file}，工作表 "${sheet.name}"`);
  if (!header)
    throw new ImportError(
      sheetWhere,
      words(
        'no header row naming the columns: the first rows need at least a role column (行为实施环节 / role) and a text column (管理行为 / text); step (序号), next (下一步), type (类型) and note (说明) are optional.',
        '没有写明各列名称的表头行。前几行中至少要有角色列（行为实施环节 / role）和内容列（管理行为 / text）；序号（step）、下一步（next）、类型（type）和说明（note）列可有可无。',
      ),
    );
  const table = new StepTable(sheet, header, sheetWhere);
  const roles: string[] = [...(options.meta.roles ?? [])];
  const steps = table.rows.map((row, i) => rowStep(table, row, i, roles, options));
  return { document: tableDocument(options.meta, roles, steps, options, sheetWhere, notes), notes };
}

/** Master data rows of a workbook (the sheet whose header names code and name), by code. */
export function readMasterData(sheets: readonly Sheet[]): Map<string, Partial<TableMeta> & { code: string }> {
  const out = new Map<string, Partial<TableMeta> & { code: string }>();
  for (const sheet of sheets) {
    const h = sheet.rows.slice(0, 10).findIndex((r) => isMetaHeader(r));
    if (h < 0) continue;
    const fields = sheet.rows[h]!.map(metaColumn);
    for (const row of sheet.rows.slice(h + 1)) {
      const get = (f: MetaField) => {
        const i = fields.indexOf(f);
        const v = i < 0 ? undefined : row[i];
        return v === undefined || v.trim() === '' ? undefined : v;
      };
      const code = get('code')?.trim();
      if (code === undefined) continue;
      const status = get('status');
      const rolesCell = get('roles');
      const roles = rolesCell === undefined ? undefined : splitLines(rolesCell);
      const meta: Partial<TableMeta> & { code: string } = {
        code,
        ...(get('name') !== undefined ? { name: get('name')! } : {}),
        ...(get('version') !== undefined ? { version: get('version')! } : {}),
        ...(status !== undefined && readStatus(status) !== undefined ? { status: readStatus(status)! } : {}),
        ...(get('owner') !== undefined ? { owner: get('owner')! } : {}),
        ...(get('control') !== undefined ? { control: get('control')! } : {}),
        ...(get('category') !== undefined ? { category: get('category')! } : {}),
        ...(get('effective') !== undefined ? { effective: get('effective')!.trim() } : {}),
        ...(get('review') !== undefined ? { review: get('review')!.trim() } : {}),
        ...(roles !== undefined ? { roles } : {}),
      };
      out.set(code, meta);
    }
  }
  return out;
}

export interface WorkbookImportOptions {
  /** The code to import (selects the sheet named so, and its master-data row). */
  readonly code?: string;
  readonly name?: string;
  readonly processes: ReadonlyMap<string, string>;
  readonly language: 'zh-CN' | 'en';
  readonly file: string;
}

/**
 * The step sheet to import and its document fields: the sheet named by the code, else the only
 * sheet with a step table; code and name from the options, else the master data, else the sheet.
 */
export function fromWorkbook(sheets: readonly Sheet[], options: WorkbookImportOptions): { document: ImportedDocument; notes: ImportNote[] } {
  const master = readMasterData(sheets);
  const stepSheets = sheets.filter((s) => findHeader(s) !== undefined && !s.rows.slice(0, 10).some((r) => isMetaHeader(r)));
  if (stepSheets.length === 0) {
    const names = sheets.map((s) => `"${s.name}"`);
    throw new ImportError(
      options.file,
      words(
        `no sheet has a step table: a header row needs at least a role column (行为实施环节 / role) and a text column (管理行为 / text)${sheets.length > 1 ? ` (sheets: ${names.join(', ')})` : ''}.`,
        `没有哪个工作表含有步骤表${sheets.length > 1 ? `（工作表：${names.join('、')}）` : ''}。步骤表的表头行中至少要有角色列（行为实施环节 / role）和内容列（管理行为 / text）。`,
      ),
    );
  }
  // Excel cuts sheet names at 31 characters: a longer code names its sheet by its first 31.
  const code0 = options.code;
  let sheet = code0 !== undefined ? stepSheets.find((s) => s.name.trim() === code0 || (code0.length > 31 && s.name === code0.slice(0, 31))) : undefined;
  if (!sheet) {
    if (stepSheets.length > 1) {
      const names = stepSheets.map((s) => `"${s.name}"`);
      throw new ImportError(
        options.file,
        words(
          `${stepSheets.length} sheets hold step tables (${names.join(', ')}); choose one with --code <sheet name>.`,
          `有 ${stepSheets.length} 个工作表含有步骤表（${names.join('、')}）；请用 --code <工作表名> 选择其中一个。`,
        ),
      );
    }
    sheet = stepSheets[0]!;
  }
  const code = options.code ?? (master.has(sheet.name.trim()) ? sheet.name.trim() : master.size === 1 ? [...master.keys()][0] : undefined);
  if (code === undefined)
    throw new ImportError(
      options.file,
      words('the table does not say which code the process has: give it with --code (e.g. --code HR-AT-009).', '表格中没有写明流程编码，请用 --code 给出（例如 --code HR-AT-009）。'),
    );
  const m = master.get(code);
  const name = options.name ?? m?.name ?? (sheet.name.trim() !== '' && !/^sheet\d*$/i.test(sheet.name.trim()) ? sheet.name : code);
  return fromTable(sheet, { ...options, meta: { ...m, code, name } });
}

const SEPARATORS = new Set([';', '；', ',', '，', '、', '\n']);
const ARROWS = ['→', '->', '=>', '⇒', '➔', '➜'];

/**
 * The items of a 下一步 cell: `label→target` or `target`, separated by ; , 、 or line breaks. A
 * label (or target) in double quotes is taken exactly, "" standing for one quote: that is how the
 * export writes labels holding separators, arrows, colons or outer spaces.
 */
export function parseNext(cell: string): { item: string; label?: string; target: string }[] {
  type Token = { kind: 'text' | 'quoted' | 'arrow' | 'colon'; text: string };
  const groups: Token[][] = [[]];
  let i = 0;
  while (i < cell.length) {
    const c = cell[i]!;
    const group = groups[groups.length - 1]!;
    if (SEPARATORS.has(c)) {
      groups.push([]);
      i++;
    } else if (c === '"') {
      const { text, end } = readQuoted(cell, i);
      group.push({ kind: 'quoted', text });
      i = end;
    } else {
      const arrow = ARROWS.find((a) => cell.startsWith(a, i));
      if (arrow) {
        group.push({ kind: 'arrow', text: arrow });
        i += arrow.length;
      } else if (c === ':' || c === '：') {
        group.push({ kind: 'colon', text: c });
        i++;
      } else {
        const last = group[group.length - 1];
        if (last?.kind === 'text') last.text += c;
        else group.push({ kind: 'text', text: c });
        i++;
      }
    }
  }
  const join = (tokens: Token[]) => {
    const quoted = tokens.filter((t) => t.kind !== 'text' || t.text.trim() !== '');
    if (quoted.length === 1 && quoted[0]!.kind === 'quoted') return quoted[0]!.text;
    return tokens.map((t) => t.text).join('').trim();
  };
  const out: { item: string; label?: string; target: string }[] = [];
  for (const g of groups) {
    const item = g.map((t) => (t.kind === 'quoted' ? `"${t.text}"` : t.text)).join('').trim();
    if (item === '') continue;
    let split = g.findIndex((t) => t.kind === 'arrow');
    if (split < 0) split = g.map((t) => t.kind).lastIndexOf('colon');
    if (split < 0) out.push({ item, target: join(g) });
    else out.push({ item, label: join(g.slice(0, split)), target: join(g.slice(split + 1)) });
  }
  return out;
}

/** A branch label as the export writes it in 下一步: quoted when it would not read back as itself. */
export function nextLabel(label: string): string {
  const plain = label.trim() === label && label !== '' && !/["→:：;；,，、\n]|->|=>|⇒|➔|➜/.test(label);
  return plain ? label : `"${label.replace(/"/g, '""')}"`;
}
