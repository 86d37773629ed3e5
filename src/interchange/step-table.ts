/**
 * A process as the step table HR circulates (序号, 行为实施环节, 管理行为, 下一步, 类型, 说明,
 * 关联流程) and the master-data row of the workbook; the words the table import reads back. Pure.
 */
import type { Process, Status } from '../model/types.js';
import { headerColumn, nextLabel, type Column } from './table-import.js';

export type Language = 'zh-CN' | 'en';

export const STEP_COLUMNS: readonly Column[] = ['step', 'role', 'text', 'next', 'type', 'ref', 'note'];
const STEP_TITLES: Record<Language, Record<Column, string>> = {
  'zh-CN': { step: '序号', role: '行为实施环节', text: '管理行为', next: '下一步', type: '类型', ref: '关联流程', note: '说明' },
  en: { step: 'Step', role: 'Role', text: 'Text', next: 'Next', type: 'Type', ref: 'Linked process', note: 'Note' },
};
const TYPE_TITLES: Record<Language, Record<'action' | 'decision' | 'process', string>> = {
  'zh-CN': { action: '行为', decision: '判断', process: '流程' },
  en: { action: 'action', decision: 'decision', process: 'process' },
};
const END_WORD: Record<Language, string> = { 'zh-CN': '结束', en: 'end' };

export function stepTitles(language: Language): string[] {
  return STEP_COLUMNS.map((c) => STEP_TITLES[language][c]);
}

/** One row per step; `next` is blank where the flow goes on to the next row, as the import reads it. */
export function stepRows(p: Process, language: Language): string[][] {
  const byKey = new Map(p.steps.map((s) => [s.key, s]));
  return p.steps.map((s, i) => {
    let next: string;
    if (s.next.length === 0) next = i + 1 < p.steps.length ? END_WORD[language] : '';
    else if (s.next.length === 1 && s.next[0]!.label === undefined && s.next[0]!.to === p.steps[i + 1]?.key && s.type !== 'decision') next = '';
    else next = s.next.map((e) => (e.label !== undefined ? `${nextLabel(e.label)}→${byKey.get(e.to)!.number}` : String(byKey.get(e.to)!.number))).join('; ');
    return [String(s.number), s.role, s.text, next, TYPE_TITLES[language][s.type], s.ref ?? '', s.note ?? ''];
  });
}

/** Master data: the fields of the controlled-document header, one row per process. */
export type MetaField = 'code' | 'name' | 'version' | 'status' | 'owner' | 'control' | 'category' | 'effective' | 'review' | 'roles' | 'prepared' | 'reviewed' | 'approved' | 'steps';
export const META_FIELDS: readonly MetaField[] = ['code', 'name', 'version', 'status', 'owner', 'control', 'category', 'effective', 'review', 'roles', 'prepared', 'reviewed', 'approved', 'steps'];
const META_TITLES: Record<Language, Record<MetaField, string>> = {
  'zh-CN': {
    code: '编码',
    name: '流程名称',
    version: '版本',
    status: '受控状态',
    owner: '执行核心部门',
    control: '控制部门',
    category: '分类',
    effective: '生效日期',
    review: '下次评审',
    roles: '泳道',
    prepared: '编制',
    reviewed: '审核',
    approved: '批准',
    steps: '步骤数',
  },
  en: {
    code: 'Code',
    name: 'Process name',
    version: 'Version',
    status: 'Status',
    owner: 'Owner',
    control: 'Control',
    category: 'Category',
    effective: 'Effective',
    review: 'Next review',
    roles: 'Lanes',
    prepared: 'Prepared',
    reviewed: 'Reviewed',
    approved: 'Approved',
    steps: 'Steps',
  },
};
const META_WORDS: Record<MetaField, readonly string[]> = {
  code: ['编码', '流程编码', '文件编号', 'code'],
  name: ['流程名称', '名称', 'name', 'processname'],
  version: ['版本', '版本号', 'version'],
  status: ['受控状态', '状态', 'status'],
  owner: ['执行核心部门', '执行部门', 'owner'],
  control: ['控制部门', 'control'],
  category: ['分类', '类别', 'category'],
  effective: ['生效日期', 'effective'],
  review: ['下次评审', '评审日期', 'review', 'nextreview'],
  roles: ['泳道', '行为实施环节', 'lanes', 'roles'],
  prepared: ['编制', 'prepared'],
  reviewed: ['审核', 'reviewed'],
  approved: ['批准', 'approved'],
  steps: ['步骤数', 'steps'],
};
const STATUS_TITLES: Record<Language, Record<Status, string>> = {
  'zh-CN': { controlled: '受控', uncontrolled: '非受控', draft: '草稿', obsolete: '作废' },
  en: { controlled: 'controlled', uncontrolled: 'uncontrolled', draft: 'draft', obsolete: 'obsolete' },
};

export function metaTitles(language: Language): string[] {
  return META_FIELDS.map((f) => META_TITLES[language][f]);
}

export function metaRow(p: Process, language: Language): string[] {
  const sign = (k: 'prepared' | 'reviewed' | 'approved') => (p.signoff?.[k] ? `${p.signoff[k]!.by} ${p.signoff[k]!.date}` : '');
  const values: Record<MetaField, string> = {
    code: p.code,
    name: p.name,
    version: p.version ?? '',
    status: STATUS_TITLES[language][p.status],
    owner: p.owner,
    control: p.control,
    category: p.category ?? '',
    effective: p.effective ?? '',
    review: p.review ?? '',
    roles: joinLines(p.roles),
    prepared: sign('prepared'),
    reviewed: sign('reviewed'),
    approved: sign('approved'),
    steps: String(p.steps.length),
  };
  return META_FIELDS.map((f) => values[f]);
}

/** A status as written in a table (受控 or controlled), or undefined. */
export function readStatus(text: string): Status | undefined {
  const t = text.trim().toLowerCase();
  for (const lang of ['zh-CN', 'en'] as const) for (const [s, w] of Object.entries(STATUS_TITLES[lang])) if (w === t) return s as Status;
  return undefined;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s:：*]/g, '');

/** Which master-data field a header cell names. */
export function metaColumn(cell: string | undefined): MetaField | undefined {
  if (cell === undefined) return undefined;
  const parts = [cell, ...cell.split(/[/|()（）\n]+/)].map(norm).filter((p) => p !== '');
  for (const part of parts) for (const f of META_FIELDS) if (META_WORDS[f].includes(part)) return f;
  return undefined;
}

/** A header row is master data (not steps) when it names the code and the name and no step text column. */
export function isMetaHeader(cells: readonly (string | undefined)[]): boolean {
  const fields = new Set(cells.map(metaColumn));
  return fields.has('code') && fields.has('name') && !cells.some((c) => headerColumn(c) === 'text');
}


/** Items one per line; an item holding a line break (or starting with a quote) is written in double quotes, "" for a quote. */
export function joinLines(items: readonly string[]): string {
  return items.map((r) => (r.includes('\n') || r.startsWith('"') ? `"${r.replace(/"/g, '""')}"` : r)).join('\n');
}

/**
 * The quoted text that starts at `cell[start]` (a `"`), "" standing for one quote, and where
 * reading stopped (after the closing quote, or at the end when there is none).
 */
export function readQuoted(cell: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < cell.length) {
    if (cell[i] === '"') {
      if (cell[i + 1] !== '"') return { text, end: i + 1 };
      text += '"';
      i += 2;
    } else text += cell[i++];
  }
  return { text, end: i };
}

/** The items of a `joinLines` cell (blank lines skipped). */
export function splitLines(cell: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= cell.length) {
    if (cell[i] === '"') {
      const quoted = readQuoted(cell, i);
      let text = quoted.text;
      i = quoted.end;
      // Anything after the closing quote up to the line end belongs to the item too.
      const end = cell.indexOf('\n', i);
      text += cell.slice(i, end < 0 ? cell.length : end);
      out.push(text);
      i = end < 0 ? cell.length + 1 : end + 1;
    } else {
      const end = cell.indexOf('\n', i);
      const line = cell.slice(i, end < 0 ? cell.length : end);
      if (line.trim() !== '') out.push(line);
      i = end < 0 ? cell.length + 1 : end + 1;
    }
  }
  return out;
}
