/** What the terminal can do: colour (respecting NO_COLOR / FORCE_COLOR) and whether it is interactive. */

import type { MessageLanguage } from './messages.js';

export interface Terminal {
  readonly color: boolean;
  readonly interactive: boolean;
  out(s: string): void;
  err(s: string): void;
  /**
   * The handbook folder the running command works on, once it knows it: an error that ends the
   * command is then told in that handbook's language (src/cli/language.ts). Else the current folder's.
   */
  handbook?: string;
  /** The handbook's message language, when the command has it already (FLOWBOOK_LANG still wins). */
  language?: MessageLanguage;
}

export function detectTerminal(env: NodeJS.ProcessEnv = process.env): Terminal {
  const tty = Boolean(process.stdout.isTTY);
  const color = env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? false : env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : tty && env.TERM !== 'dumb';
  return {
    color,
    interactive: Boolean(process.stderr.isTTY) && !env.CI,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  };
}
