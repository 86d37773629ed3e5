import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one machine with two cores: keep parallelism modest.
    maxWorkers: 2,
    // Browser tests drive a real Chromium next to the other test workers on two cores; one retry
    // keeps a timing hiccup from failing a run (a real failure fails twice and is reported).
    retry: 1,
  },
});
