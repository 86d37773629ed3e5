/**
 * Formula injection guard for spreadsheets (OWASP "CSV injection"). Pure.
 *
 * A cell text starting with = + - @ (or a tab or carriage return) could be taken for a formula by
 * a spreadsheet, or by the next program the sheet is saved to CSV for. Such text is written with
 * a leading apostrophe, which spreadsheets show as text; the import takes one apostrophe off again,
 * so texts come back exactly. Text that already starts with apostrophes before such a character
 * gets one more, so the rule can be undone without doubt.
 */
const RISKY = /^'*[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && RISKY.test(text.slice(1)) ? text.slice(1) : text;
}
