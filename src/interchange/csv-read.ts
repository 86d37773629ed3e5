/**
 * CSV text -> one sheet of cell texts (RFC 4180: quoted fields may hold commas, quotes doubled,
 * line breaks). Pure. A UTF-8 byte order mark (Excel writes one) is dropped; a file that is not
 * UTF-8 is refused by the caller, which decodes it.
 */
import type { Sheet } from './table-import.js';

export function readCsv(text: string, name: string): Sheet {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Excel in Chinese locales may save with semicolons or tabs; take the separator the header uses most.
  const firstLine = s.slice(0, s.search(/\r?\n|$/));
  const sep = [',', ';', '\t'].map((c) => [c, firstLine.split(c).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { name, rows };
}
