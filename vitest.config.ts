import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real Chromium, EPUBCheck and poppler run in these tests: give them time, and do not run
    // more browser-heavy files at once than this 2-core machine can carry.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
  },
});
