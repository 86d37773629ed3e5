/** One place that turns failures into messages and exit codes. */

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

export function handleError(e: unknown, stderr: (s: string) => void): number {
  if (e instanceof UsageError) {
    stderr(`flowbook: ${e.message}\nRun "flowbook --help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UserError) {
    stderr(`flowbook: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  stderr(
    `flowbook: internal error: ${err?.message ?? String(e)}\n` +
      (process.env.FLOWBOOK_DEBUG ? `${err?.stack ?? ''}\n` : 'This is a bug in Flowbook, not in your handbook. Set FLOWBOOK_DEBUG=1 for details, and please report it.\n'),
  );
  return EXIT_PROBLEMS;
}
