/** What the terminal can do: colour (respecting NO_COLOR / FORCE_COLOR) and whether it is interactive. */

export interface Terminal {
  readonly color: boolean;
  readonly interactive: boolean;
  out(s: string): void;
  err(s: string): void;
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
