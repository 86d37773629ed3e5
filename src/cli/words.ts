/** The command line's words in both languages: see src/diagnostics/words.ts (domain modules use it too). */
export * from '../diagnostics/words.js';
