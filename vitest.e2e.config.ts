import { defineConfig } from 'vitest/config';

// End-to-end tests drive a real Chromium against the built site (./dist). The machine may have two
// cores: run one test file at a time in one fork, with generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
