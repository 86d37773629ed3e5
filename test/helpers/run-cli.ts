/**
 * Run the command line in this process (unit tests): its exit code and what it wrote. `env` is set
 * for the run and unset after it (other stubbed variables are left to the caller).
 */
import { vi } from 'vitest';
import { run } from '../../src/cli/main.js';

export async function runInProcess(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(['node', 'flowbook', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    if (Object.keys(env).length) vi.unstubAllEnvs();
  }
}
