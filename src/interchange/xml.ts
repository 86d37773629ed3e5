/**
 * XML text for the interchange writers (BPMN, draw.io). Pure.
 *
 * A document's text may hold characters XML 1.0 cannot carry at all (control characters, lone
 * surrogates, U+FFFE/U+FFFF). Those are dropped from what tools show, and the writer keeps the
 * exact text beside it as a JSON string (`exactJson`), which uses only characters XML allows, so
 * an import restores it exactly.
 */

/** Characters XML 1.0 does not allow (controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const HAS_NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The text without the characters XML cannot carry. */
export function xmlSafe(text: string): string {
  return HAS_NOT_XML.test(text) ? text.replace(NOT_XML, '') : text;
}

/** True when `xmlSafe` would change the text (so the exact text must travel beside it). */
export function needsExact(text: string): boolean {
  return HAS_NOT_XML.test(text);
}

/**
 * Escape for a double-quoted attribute value. Tab, LF and CR become character references, since
 * an XML parser turns them into spaces in attributes otherwise.
 */
export function attr(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTR[c]!);
}

/** Escape for element content (CR as a reference: a parser would turn CRLF into LF). */
export function content(text: string): string {
  return xmlSafe(text).replace(/[&<>\r]/g, (c) => ATTR[c]!);
}

const ATTR: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** The text as a JSON string literal whose characters XML allows (the rest as \uXXXX escapes). */
export function exactJson(text: string): string {
  return JSON.stringify(text).replace(NOT_XML, (c) => {
    // JSON.stringify already escapes lone surrogates and C0 controls; U+FFFE/U+FFFF remain.
    return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  });
}

/** Numbers in coordinates: at most two decimals, no "-0". */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
