/**
 * Setup file of the unit project: unit tests start no process. A test that runs the `flowbook`
 * command, Chromium or any other program belongs in a `*.e2e.test.ts` file (the e2e project);
 * here every child_process call fails and says so. Restored after each file, so a worker that
 * later runs an e2e file gets the real functions.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll } from 'vitest';

const NAMES = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const cp = childProcess as unknown as Record<string, unknown>;
const real = new Map(NAMES.map((name) => [name, cp[name]]));

for (const name of NAMES) {
  cp[name] = (command: unknown) => {
    throw new Error(
      `child_process.${name}(${JSON.stringify(command)}) in a unit test: unit tests run in process, with no browser and no child process. ` +
        'Call the function under test directly, or, if the test is about the command line or a browser, name the file *.e2e.test.ts (docs/testing.md).',
    );
  };
}
syncBuiltinESMExports();

afterAll(() => {
  for (const [name, fn] of real) cp[name] = fn;
  syncBuiltinESMExports();
});
