/**
 * The handbook's language when flowbook.yml does not say: read from what its documents are written
 * in (process names, roles, step texts, bodies), by the share of Han characters among the letters.
 * Pure. A Chinese document that names codes and systems in Latin letters ("HR-AT-003", "OA 系统")
 * is still mostly Han; an English one with a Chinese name or two is almost none.
 */
import type { Language } from '../model/types.js';

/** What the documents' text is made of. */
export interface TextLanguage {
  /** Han characters counted. */
  readonly han: number;
  /** Latin letters counted. */
  readonly latin: number;
  /** han / (han + latin); undefined when there is no letter at all. */
  readonly share: number | undefined;
}

/** How the handbook's language was decided. */
export interface LanguageChoice {
  readonly language: Language;
  /** `settings`: flowbook.yml sets it; `documents`: read from their text; `default`: nothing to go by (zh-CN). */
  readonly from: 'settings' | 'documents' | 'default';
  /** The documents' share of Han characters (0..1), where there was text to measure. */
  readonly hanShare?: number;
}

/** At or above this share of Han characters, documents are Chinese. */
export const CHINESE_FROM = 0.3;
/** Each text counts up to this many characters, and all of them together up to TOTAL: enough to tell, cheap at 10,000 documents. */
const PER_TEXT = 2000;
const TOTAL = 400_000;

const isHan = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
const isLatin = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** Counts Han characters and Latin letters in the texts (each cut at PER_TEXT characters, all at TOTAL). */
export function measureText(texts: Iterable<string>): TextLanguage {
  let han = 0;
  let latin = 0;
  let budget = TOTAL;
  for (const text of texts) {
    if (budget <= 0) break;
    const n = Math.min(text.length, PER_TEXT, budget);
    budget -= n;
    for (let i = 0; i < n; i++) {
      const c = text.codePointAt(i)!;
      if (c > 0xffff) i++;
      if (isHan(c)) han++;
      else if (isLatin(c)) latin++;
    }
  }
  return { han, latin, share: han + latin === 0 ? undefined : han / (han + latin) };
}

/** The texts of a document that say what language it is written in (not its codes, ids or keys). */
export function documentTexts(doc: { readonly name: string; readonly roles: readonly string[]; readonly steps: readonly { readonly text?: string }[]; readonly body: string }): string[] {
  return [doc.name, ...doc.roles, ...doc.steps.map((s) => s.text ?? ''), doc.body];
}

/** The language of text measured by `measureText`, or undefined when it has no letters. */
export function languageOf(measured: TextLanguage): Language | undefined {
  if (measured.share === undefined) return undefined;
  return measured.share >= CHINESE_FROM ? 'zh-CN' : 'en';
}

/** flowbook.yml's language when it sets one, else the documents', else zh-CN. */
export function chooseLanguage(set: Language | undefined, measured: TextLanguage): LanguageChoice {
  const hanShare = measured.share;
  const share = hanShare === undefined ? {} : { hanShare };
  if (set !== undefined) return { language: set, from: 'settings', ...share };
  const read = languageOf(measured);
  return read === undefined ? { language: 'zh-CN', from: 'default' } : { language: read, from: 'documents', ...share };
}

/**
 * The documents' language when it clearly differs from the one set: enough text to tell (200
 * letters), and almost no Han characters under zh-CN (under 5%), or mostly Han under en (over 60%).
 * Undefined when they agree or it is not clear.
 */
export function clearlyOtherLanguage(set: Language, measured: TextLanguage): Language | undefined {
  if (measured.share === undefined || measured.han + measured.latin < 200) return undefined;
  if (set === 'zh-CN' && measured.share < 0.05) return 'en';
  if (set === 'en' && measured.share > 0.6) return 'zh-CN';
  return undefined;
}
