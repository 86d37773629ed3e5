/** One place that turns failures into messages and exit codes. */
import { FlowbookError, type RunErrorCode } from '../diagnostics/errors.js';
import { envLanguage, say, type MessageLanguage } from './messages.js';

/** Exit codes: 0 success, 1 the handbook has errors (or the task failed), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called. */
export class UsageError extends Error {}

/** A failure the user can act on (missing browser, unwritable folder, ...): message only, no stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_PROBLEMS,
  ) {
    super(message);
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

/** `language`: of the lines around the message (FLOWBOOK_LANG's; no handbook is known here). */
export function handleError(e: unknown, stderr: (s: string) => void, language: MessageLanguage = envLanguage() ?? 'en'): number {
  if (e instanceof UsageError) {
    stderr(`flowbook: ${e.message}\n${say(language, 'usageHelp')}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UserError) {
    stderr(`flowbook: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof FlowbookError) {
    stderr(`flowbook: ${e.message}\n`);
    return EXIT_FOR[(e as FlowbookError).code];
  }
  const err = e as Error;
  stderr(
    `flowbook: internal error: ${err?.message ?? String(e)}\n` +
      (process.env.FLOWBOOK_DEBUG ? `${err?.stack ?? ''}\n` : say(language, 'internalError') + '\n'),
  );
  return EXIT_PROBLEMS;
}
