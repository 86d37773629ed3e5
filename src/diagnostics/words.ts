/**
 * Words in both languages, for the command line and the domain modules whose messages it prints
 * (src/cli/ imports them through src/cli/words.ts). A command writes `words(english, chinese)` where it
 * says something (an error, a result line), and the words are chosen when printed: FLOWBOOK_LANG,
 * else the handbook's language, else English (src/cli/language.ts). Both texts are written from
 * the same values at the same place, so they cannot drift apart in what they show.
 */
import type { MessageLanguage } from './localize.js';

export interface Words {
  readonly en: string;
  readonly zh: string;
}

export const words = (en: string, zh: string): Words => ({ en, zh });

/** `w` in `language`; a plain string is the same in both. */
export const inLanguage = (w: string | Words, language: MessageLanguage): string => (typeof w === 'string' ? w : w[language]);

/** Joins words (and plain strings, the same in both languages) into one. */
export function joinWords(parts: readonly (string | Words)[], separator = ''): Words {
  return { en: parts.map((p) => inLanguage(p, 'en')).join(separator), zh: parts.map((p) => inLanguage(p, 'zh')).join(separator) };
}
