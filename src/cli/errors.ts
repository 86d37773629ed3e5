/** One place that turns failures into messages and exit codes. */
import type { FlowbookError, RunErrorCode } from '../diagnostics/errors.js';
import { envLanguage, say, type MessageLanguage } from './messages.js';
import { inLanguage, type Words } from './words.js';

/** Exit codes: 0 success, 1 the handbook has errors (or the task failed), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called; `message` is the English words. */
export class UsageError extends Error {
  readonly words: string | Words;
  constructor(words: string | Words) {
    super(inLanguage(words, 'en'));
    this.words = words;
  }
}

/** A failure the user can act on (missing browser, unwritable folder, ...): message only, no stack. */
export class UserError extends Error {
  readonly words: string | Words;
  constructor(
    words: string | Words,
    readonly exitCode = EXIT_PROBLEMS,
  ) {
    super(inLanguage(words, 'en'));
    this.words = words;
  }
}

/**
 * Exit code of each run-time error code (src/diagnostics/errors.ts): a refused print, return or
 * locked register and a broken template are problems to fix (1); none is bad usage.
 */
export const EXIT_FOR: Readonly<Record<RunErrorCode, number>> = {
  'mermaid-no-browser': EXIT_PROBLEMS,
  'mermaid-browser-failed': EXIT_PROBLEMS,
  'template-invalid': EXIT_PROBLEMS,
  'template-missing': EXIT_PROBLEMS,
  'template-unreadable': EXIT_PROBLEMS,
  'approve-refused': EXIT_PROBLEMS,
  'nothing-to-issue': EXIT_PROBLEMS,
  'issue-refused': EXIT_PROBLEMS,
  'return-not-issued': EXIT_PROBLEMS,
  'return-already-returned': EXIT_PROBLEMS,
  'return-version-needed': EXIT_PROBLEMS,
  'register-no-header': EXIT_PROBLEMS,
  'register-locked': EXIT_PROBLEMS,
  'register-unreadable': EXIT_PROBLEMS,
};

/**
 * A run-time error of Flowbook's (src/diagnostics/errors.ts), told by its code: the command line
 * is bundled apart from the code that throws them (scripts/bundle.mjs), so the class it would
 * compare with instanceof is not the one they were made with.
 */
export function isFlowbookError(e: unknown): e is FlowbookError {
  const code: unknown = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && Object.hasOwn(EXIT_FOR, code);
}

/** `language`: the command line's (src/cli/language.ts); FLOWBOOK_LANG's, else English, when not given. */
export function handleError(e: unknown, stderr: (s: string) => void, language: MessageLanguage = envLanguage() ?? 'en'): number {
  if (e instanceof UsageError) {
    stderr(`flowbook: ${inLanguage(e.words, language)}\n${say(language, 'usageHelp')}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UserError) {
    stderr(`flowbook: ${inLanguage(e.words, language)}\n`);
    return e.exitCode;
  }
  if (isFlowbookError(e)) {
    stderr(`flowbook: ${language === 'zh' ? e.zh : e.message}\n`);
    return EXIT_FOR[e.code];
  }
  const err = e as Error;
  stderr(
    `flowbook: internal error: ${err?.message ?? String(e)}\n` +
      (process.env.FLOWBOOK_DEBUG ? `${err?.stack ?? ''}\n` : say(language, 'internalError') + '\n'),
  );
  return EXIT_PROBLEMS;
}
