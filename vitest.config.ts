import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects (docs/testing.md):
 *  - unit: everything in-process (no browser, no child process), no retries; `npm run test:unit`.
 *  - e2e: `*.e2e.test.ts`, the files that drive Chromium or run the `flowbook` command (or
 *    pdftotext); `npm run test:e2e`. The only place a retry is allowed.
 * `npm test` runs both.
 */
const E2E = 'test/**/*.e2e.test.ts';

const shared = {
  setupFiles: ['test/setup/fast-check.ts'],
  // Flowbook's messages follow the handbook's language; tests read them in English unless they
  // set FLOWBOOK_LANG themselves (test/messages/).
  env: { FLOWBOOK_LANG: 'en' },
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Two cores: two workers between both projects.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, E2E],
          // A unit test that starts a process fails and says to name the file *.e2e.test.ts.
          setupFiles: [...shared.setupFiles, 'test/setup/no-processes.ts'],
          retry: 0,
          // The files of a worker share its loaded modules: each file no longer starts a fresh
          // process that loads Flowbook, jsdom, Mermaid and exceljs again (about a third of the
          // unit project's time). So a unit file restores what it changes (environment, spies,
          // node built-ins, as test/setup/no-processes.ts does) and does not vi.mock a module
          // (another file may have loaded it first; swap a built-in's function instead, as
          // test/check/same-diagnostics.test.ts does). docs/testing.md.
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: [E2E],
          // CI=true without Chromium or poppler fails here; elsewhere the run ends with one line
          // saying how many tests were skipped and what to install.
          globalSetup: ['test/setup/e2e-tools.ts'],
          // Chromium and child processes share two cores with the other worker: one retry keeps a
          // timing hiccup from failing a run (a real failure fails twice and is reported).
          retry: 1,
        },
      },
    ],
  },
});
