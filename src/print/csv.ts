/**
 * The CSV dialect of the distribution register: RFC 4180 fields (quoted when they hold a comma,
 * a quote or surrounding space; quotes doubled), CRLF line ends, and one record per line:
 * Flowbook refuses line breaks inside values, so a line cut short by a crash can never swallow
 * the lines after it. Values a spreadsheet would run as a formula (leading = + - @, tab, CR, and
 * their full-width forms) are written with a leading apostrophe, which reading removes again;
 * a value that itself starts with an apostrophe gets one more.
 */

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20']/;

/** Encode one field. Throws on a line break (the caller validates values first). */
export function encodeField(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('a register value cannot contain a line break');
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function encodeRecord(fields: readonly string[]): string {
  return fields.map(encodeField).join(',') + '\r\n';
}

/** Parse one line (without its line end) into fields; undefined when the quoting is broken. */
export function parseLine(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined; // unterminated quote
        const c = line[i]!;
        if (c === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (i < line.length && line[i] !== ',') return undefined; // text after a closing quote
    } else {
      const end = line.indexOf(',', i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      if (field.includes('"')) return undefined;
      i = end < 0 ? line.length : end;
    }
    out.push(decodeValue(field));
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** Undo the formula guard. */
function decodeValue(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field;
}
