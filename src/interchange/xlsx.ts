/**
 * Workbooks through exceljs: step tables out (one sheet per process plus the master data, the form
 * HR circulates for comments) and any workbook in as sheets of cell texts. No file I/O: bytes in,
 * bytes out. Every cell is written as text (never a formula), guarded against formula injection.
 */
import type { Process } from '../model/types.js';
import { guardCell, unguardCell } from './formula.js';
import { metaRow, metaTitles, stepRows, stepTitles, type Language } from './step-table.js';
import type { Sheet } from './table-import.js';

type ExcelJs = typeof import('exceljs');

async function excel(): Promise<ExcelJs> {
  const mod = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  return mod.default ?? mod;
}

const MASTER_SHEET: Record<Language, string> = { 'zh-CN': '流程主数据', en: 'Master data' };
/** A fixed date, so the same handbook gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Excel's sheet-name rules: at most 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  let name = base;
  for (let k = 2; taken.has(name.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

export async function toXlsx(processes: readonly Process[], language: Language): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Flowbook';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const taken = new Set<string>();
  const master = wb.addWorksheet(sheetName(MASTER_SHEET[language], taken));
  addTable(master, metaTitles(language), processes.map((p) => metaRow(p, language)));
  for (const p of processes) {
    const ws = wb.addWorksheet(sheetName(p.code, taken));
    addTable(ws, stepTitles(language), stepRows(p, language));
  }
  const buffer = await wb.xlsx.writeBuffer();
  return fixZipDates(new Uint8Array(buffer as ArrayBuffer));
}

/**
 * exceljs stamps every file in the .xlsx (a zip) with the current time; set them all to
 * 2000-01-01 00:00 so the same handbook gives the same bytes. Walks the zip's central directory.
 */
export function fixZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return zip;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const TIME = 0;
  const DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
  for (let n = 0; n < count && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; n++) {
    view.setUint16(at + 12, TIME, true);
    view.setUint16(at + 14, DATE, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 <= zip.length && view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, TIME, true);
      view.setUint16(local + 12, DATE, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

function addTable(ws: import('exceljs').Worksheet, titles: readonly string[], rows: readonly (readonly string[])[]): void {
  ws.addRow([...titles]).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => guardCell(xlsxSafe(v))));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  titles.forEach((t, i) => {
    const longest = Math.max(t.length, ...rows.map((r) => Math.max(...(r[i] ?? '').split('\n').map((l) => l.length))));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest * 2));
  });
}

/**
 * An .xlsx is XML inside: characters XML cannot hold are left out, and so is DEL (U+007F), which
 * exceljs does not read back; the text stays whole in the handbook.
 */
export function xlsxSafe(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Every worksheet as cell texts, as the sheet shows them (merged cells repeat their value). */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    const rows: (string | undefined)[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: (string | undefined)[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) {
        const text = cellText(row.getCell(c));
        cells.push(text === '' ? undefined : unguardCell(text));
      }
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

function cellText(cell: import('exceljs').Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // A date typed into a cell: the day as written (Excel stores it as UTC midnight).
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return cell.text ?? '';
}
