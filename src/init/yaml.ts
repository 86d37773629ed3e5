/**
 * Writing YAML scalars safely for generated frontmatter. Pure.
 *
 * A value is written plain only when it is obviously plain (starts with a letter, then letters,
 * digits, spaces and a few harmless marks) and cannot be read as anything but that text by any
 * YAML parser (not true/false/null/yes/no/...). Everything else is written as a YAML double-quoted
 * string, escaping what YAML does not allow raw, so names with `:`, `#`, `[`, quotes, `---`,
 * newlines or emoji read back exactly as given.
 */

const PLAIN = /^\p{L}[\p{L}\p{M}\p{N} _./()（）、，。·-]*$/u;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A YAML scalar for `s`, usable both in block context and inside flow collections (`[a, b]`). */
export function yamlScalar(s: string): string {
  if (PLAIN.test(s) && !RESERVED.test(s) && !/\s$/.test(s) && !/ {2}/.test(s)) return s;
  return yamlQuoted(s);
}

/** Always double-quoted, with JSON-compatible escapes (a JSON string is a valid YAML 1.2 double-quoted scalar). */
export function yamlQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (!printable(c)) out += c > 0xffff ? surrogates(c) : `\\u${hex4(c)}`;
    else out += ch;
  }
  return out + '"';
}

/** YAML 1.2 c-printable, minus characters some readers treat specially (BOM, NEL, LS, PS): those are escaped. */
function printable(c: number): boolean {
  if (c === 0xfeff || c === 0x2028 || c === 0x2029) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false; // a lone surrogate
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

function surrogates(c: number): string {
  const v = c - 0x10000;
  return `\\u${hex4(0xd800 + (v >> 10))}\\u${hex4(0xdc00 + (v & 0x3ff))}`;
}

/** `[a, b, c]` with each item as a safe scalar. */
export function yamlFlowList(items: readonly string[]): string {
  return `[${items.map(yamlScalar).join(', ')}]`;
}

/** Text that YAML cannot hold faithfully (lone surrogates): the caller should refuse it. */
export function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
