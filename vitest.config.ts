import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two test files at a time on two cores (vitest's default leaves one core idle): many tests
    // wait on child processes (the CLI, queue workers, redis-server) more than they compute.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
