/**
 * Run-time errors: failures of a command (a refused print, a locked register, a broken template)
 * rather than problems of a document. Like the diagnostic catalogue, one entry per permanent code
 * and the only place the words are written; domain code throws `new FlowbookError(code, args)`
 * (or a subclass that names the kind of failure), and src/cli/errors.ts maps codes to exit codes.
 * Domain code never imports from src/cli/.
 */
import { RUN_ERRORS_ZH } from './errors-zh.js';
export { lockHolderZh } from './errors-zh.js';
import type { Words } from './words.js';

export interface RunErrorEntry<A> {
  readonly title: string;
  readonly message: (args: A) => string;
}

const entry = <A = void>(e: RunErrorEntry<A>): RunErrorEntry<A> => e;

/** Why one requested process cannot be issued as a controlled copy. */
export type IssueProblem = { readonly code: string; readonly near?: string } | { readonly code: string; readonly name: string; readonly status: string };

const issueProblem = (p: IssueProblem): string =>
  'status' in p
    ? `${p.code} (${p.name}) is ${p.status}, not controlled: only controlled documents are issued as controlled copies. Approve it and set "status: controlled" first${p.status === 'obsolete' ? ', or issue the process that replaced it' : ''}.`
    : `no process has code "${p.code}"${p.near ? `; did you mean "${p.near}"?` : ''}`;

/** Why `flowbook approve` did not record a sign-off. */
export type ApproveProblem =
  | { readonly problem: 'unknown-code'; readonly code: string; readonly near?: string }
  | { readonly problem: 'errors'; readonly code: string; readonly file: string; readonly errors: readonly string[] }
  /** Changed content approved again without a new version (`same-version`, `no-version`) or without its revision entry. */
  | { readonly problem: 'no-revision'; readonly reason: 'no-version' | 'same-version' | 'no-entry'; readonly code: string; readonly file: string; readonly version?: string; readonly by: string; readonly date: string }
  | { readonly problem: 'edit'; readonly code: string; readonly file: string; readonly lines: string }
  | { readonly problem: 'write'; readonly file: string; readonly reason: string };

const approveProblem = (p: ApproveProblem): string => {
  switch (p.problem) {
    case 'unknown-code':
      return `no process has code "${p.code}"${p.near ? `; did you mean "${p.near}"?` : ''}`;
    case 'errors':
      return `${p.code} (${p.file}) has errors, so it cannot be approved as it is:\n${p.errors.map((e) => `  ${e}`).join('\n')}\nFix them (see "flowbook check"), then approve it.`;
    case 'no-revision':
      return `${p.code} (${p.file}) has changed since ${p.by} approved it on ${p.date}, ${
        p.reason === 'no-version' ? 'and it has no version' : p.reason === 'same-version' ? `but it is still version ${p.version}` : `and its revision history has no entry for version ${p.version}`
      }. Give it a new version with a revision entry (- { version: <new>, date: YYYY-MM-DD, change: <what changed> }), then approve it.`;
    case 'edit':
      return `${p.code} (${p.file}): Flowbook could not change the frontmatter without touching other lines; nothing was written. Write the sign-off by hand:\n${p.lines}`;
    case 'write':
      return `cannot write ${p.file}: ${p.reason}`;
  }
};

/** The process holding the register lock, as named in messages. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
}
export const lockHolder = (h: LockHolder | undefined): string => (h ? `process ${h.pid} on ${h.host}` : 'another process');

export const RUN_ERRORS = {
  // -- browser --
  /** `help`: what to do, in both languages (util/browser.ts's NO_BROWSER_HELP_WORDS). */
  'mermaid-no-browser': entry<{ help: Words }>({
    title: 'The Mermaid renderer finds no browser',
    message: (a) => `${a.help.en} The Mermaid renderer needs a browser; or use --renderer native.`,
  }),
  'mermaid-browser-failed': entry<{ executable: string; reason: string }>({
    title: 'The browser for the Mermaid renderer does not start',
    message: (a) => `Chromium (${a.executable}) could not be started: ${a.reason}. The Mermaid renderer needs a browser; or use --renderer native.`,
  }),

  // -- templates --
  'template-invalid': entry<{ file: string; reason: string; line?: number }>({
    title: 'A page template does not compile or render',
    message: (a) => `template ${a.file}${a.line !== undefined ? `:${a.line}` : ''}: ${a.reason}`,
  }),
  'template-missing': entry<{ name: string }>({
    title: 'A page template is missing',
    message: (a) => `template "${a.name}.hbs" is missing`,
  }),
  'template-unreadable': entry<{ file: string; reason: string }>({
    title: 'A template folder or file cannot be read',
    message: (a) => `cannot read the templates at ${a.file}: ${a.reason}`,
  }),

  // -- approval --
  'approve-refused': entry<ApproveProblem>({
    title: 'A sign-off was not recorded',
    message: approveProblem,
  }),

  // -- controlled copies --
  'nothing-to-issue': entry({
    title: 'The handbook has no controlled processes to issue',
    message: () => 'the handbook has no controlled processes to issue.',
  }),
  'issue-refused': entry<{ problems: readonly IssueProblem[] }>({
    title: 'A requested process cannot be issued as a controlled copy',
    message: (a) => a.problems.map(issueProblem).join('\n'),
  }),
  'return-not-issued': entry<{ code: string; copy: number; version?: string }>({
    title: 'A returned copy was never issued',
    message: (a) =>
      a.version !== undefined
        ? `copy ${a.copy} of ${a.code} version ${a.version} was never issued (the register has copy ${a.copy} of other versions).`
        : `copy ${a.copy} of ${a.code} was never issued; see register/distribution.csv.`,
  }),
  'return-already-returned': entry<{ code: string; copy: number; version: string; date: string; line: number }>({
    title: 'A copy was already returned',
    message: (a) => `copy ${a.copy} of ${a.code} version ${a.version} was already returned on ${a.date} (register line ${a.line}).`,
  }),
  'return-version-needed': entry<{ code: string; copy: number; open: readonly string[]; current?: string }>({
    title: 'A copy is out in several versions',
    message: (a) => `copy ${a.copy} of ${a.code} is out in versions ${a.open.join(', ')}; say which with --version${a.current ? ` (current: ${a.current})` : ''}.`,
  }),
  'register-no-header': entry<{ file: string; header: string }>({
    title: 'The register does not start with its header',
    message: (a) => `${a.file} does not start with the header "${a.header}"; fix or move the file before issuing copies.`,
  }),
  'register-unreadable': entry<{ file: string; reason: string }>({
    title: 'The register cannot be read',
    message: (a) => `cannot read ${a.file}: ${a.reason}. Flowbook reads and appends to the register only as a regular file inside the handbook.`,
  }),
  'register-locked': entry<{ holder?: LockHolder; lockFile: string }>({
    title: 'Another print holds the register',
    message: (a) => `the register is locked by ${lockHolder(a.holder)} (${a.lockFile}). If no print is running, delete that file and try again.`,
  }),
} as const;

export type RunErrorCode = keyof typeof RUN_ERRORS;
export type RunErrorArgs<C extends RunErrorCode> = Parameters<(typeof RUN_ERRORS)[C]['message']>;

/** A failure with a permanent code; its message comes from `RUN_ERRORS`, and `zh` from errors-zh.ts. */
export class FlowbookError<C extends RunErrorCode = RunErrorCode> extends Error {
  readonly code: C;
  /** The message in Chinese (the command line shows it in a Chinese handbook or under FLOWBOOK_LANG=zh). */
  readonly zh: string;
  constructor(code: C, ...args: RunErrorArgs<C>) {
    super((RUN_ERRORS[code] as RunErrorEntry<unknown>).message(args[0]));
    this.code = code;
    this.zh = (RUN_ERRORS_ZH[code] as (a: unknown) => string)(args[0]);
  }
}

/**
 * A template that could not be read, did not compile or render, or is missing; the message names
 * the file. Here, with the other error classes, so that it exists once: the build's bundle, the
 * modules left in dist/ and the dev server all throw and catch this one (scripts/bundle.mjs).
 */
export class TemplateError<C extends RunErrorCode = RunErrorCode> extends FlowbookError<C> {}
