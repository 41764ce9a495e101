import { defineConfig } from '@playwright/test';
import type { WorkbenchOptions } from './e2e/fixtures/workbench';

// Debian's Chromium, never a downloaded browser. The flags keep it from
// reaching out to a network this machine does not have.
const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export default defineConfig<WorkbenchOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'web', use: { host: 'web' }, testIgnore: /electron-.*\.spec\.ts/ },
    // The same user-flow specs against the Electron build; web-host-only specs are not meaningful there.
    { name: 'electron', use: { host: 'electron' }, testIgnore: /web-host-.*\.spec\.ts/ },
  ],
});
