import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Spawned CLIs and the browser share 2 cores; keep parallelism modest.
    maxWorkers: 2,
    restoreMocks: true,
  },
});
