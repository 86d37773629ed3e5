/**
 * The PDF's document information (Title, Subject, Keywords, Author, Creator, CreationDate,
 * ModDate), written as an incremental update: the bytes Chromium wrote stay as they are, and a new
 * information dictionary, a one-entry cross-reference section and a trailer pointing back to the
 * old one (`/Prev`) are appended (PDF 1.7, 7.5.6). Readers use the newest trailer, so they see
 * the new information; page objects are untouched, so `countPdfPages` still counts them.
 *
 * Chromium only takes the Title (from `<title>`) and sets CreationDate to the clock; it has no
 * way to set the others from the HTML. Pure.
 */

export interface PdfInfo {
  readonly title: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
  readonly author?: string;
  readonly creator?: string;
  /** The print date, YYYY-MM-DD: CreationDate and ModDate. */
  readonly date?: string;
}

/** A PDF text string: UTF-16BE with its byte-order mark, as hex (any text, no escaping). */
export function pdfText(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** `2026-11-27` -> `(D:20261127)`; undefined for anything else. */
export function pdfDate(date: string | undefined): string | undefined {
  const m = date && /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `(D:${m[1]}${m[2]}${m[3]})` : undefined;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * Set the document information of a PDF with a classic cross-reference table (as Chromium's Skia
 * writes). A PDF it cannot update safely (a cross-reference stream, no trailer) comes back as it was.
 */
export function setPdfInfo(bytes: Uint8Array, info: PdfInfo): Uint8Array {
  const text = latin1(bytes);
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!sx) return bytes;
  const prev = Number(sx[1]);
  if (text.slice(prev, prev + 4) !== 'xref') return bytes;
  const tr = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+\d+\s+%%EOF\s*$/.exec(text);
  if (!tr) return bytes;
  const trailer = tr[1]!;
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!Number.isInteger(size) || size < 1 || !root) return bytes;
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];
  // Keep the producer (Skia/PDF mNNN) from the old information dictionary.
  const oldInfo = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  const oldDict = oldInfo ? new RegExp(`(?:^|[\\s>])${oldInfo[1]}\\s+${oldInfo[2]}\\s+obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(text)?.[1] : undefined;
  const producer = oldDict && /\/Producer\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(oldDict)?.[1];

  const entries: string[] = [`/Title ${pdfText(info.title)}`];
  if (info.subject) entries.push(`/Subject ${pdfText(info.subject)}`);
  if (info.keywords?.length) entries.push(`/Keywords ${pdfText(info.keywords.join(', '))}`);
  if (info.author) entries.push(`/Author ${pdfText(info.author)}`);
  if (info.creator) entries.push(`/Creator ${pdfText(info.creator)}`);
  if (producer) entries.push(`/Producer ${producer}`);
  const date = pdfDate(info.date);
  if (date) entries.push(`/CreationDate ${date}`, `/ModDate ${date}`);

  const lead = text.endsWith('\n') ? '' : '\n';
  const objOffset = bytes.byteLength + lead.length;
  const obj = `${size} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const xrefOffset = objOffset + obj.length; // obj is ASCII (hex strings), so characters are bytes
  const tail =
    `${lead}${obj}xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size + 1}\n/Root ${root}\n/Info ${size} 0 R${id ? `\n/ID ${id}` : ''}\n/Prev ${prev}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(bytes.byteLength + tail.length);
  out.set(bytes, 0);
  out.set(Buffer.from(tail, 'latin1'), bytes.byteLength);
  return out;
}
