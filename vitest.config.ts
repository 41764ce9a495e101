import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,shared,renderer,preload,scripts,e2e/fixtures}/**/*.test.ts'],
    environment: 'node',
    // node-pty and sshd-backed tests spawn processes: forks isolate them best.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
