/**
 * Diagnostics in the reader's language. Every diagnostic is made with the English words
 * (catalogue.ts) and keeps the arguments they were made from; at the edges (check's text and JSON,
 * build, dev's terminal and overlay) `localize` makes the words again from catalogue-zh.ts.
 * Codes, files, lines and fields never change.
 */
import type { Language } from '../model/types.js';
import { CATALOGUE_ZH, type ZhEntry } from './catalogue-zh.js';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';

/** The languages of Flowbook's own messages. */
export type MessageLanguage = 'en' | 'zh';

/** A handbook language as a message language. */
export const messageLanguageOf = (language: Language): MessageLanguage => (language === 'en' ? 'en' : 'zh');

/** The diagnostic with its message and hint in `language` (English words where no translation exists yet). */
export function localize(d: Diagnostic, language: MessageLanguage): Diagnostic {
  if (language === 'en') return d;
  const e = CATALOGUE_ZH[d.code] as ZhEntry<DiagnosticCode> | undefined;
  if (!e) return d;
  const args = d.args as never;
  const message = e.message(args);
  const hint = e.hint(args);
  return { ...d, ...(message !== undefined && { message }), ...(hint !== undefined && d.hint !== undefined && { hint }) };
}

export function localizeAll(ds: readonly Diagnostic[], language: MessageLanguage): readonly Diagnostic[] {
  return language === 'en' ? ds : ds.map((d) => localize(d, language));
}
