/** The command line's messages live with the other words, in src/diagnostics/messages.ts. */
export * from '../diagnostics/messages.js';
