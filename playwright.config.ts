import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (tests/e2e/fixtures.ts); two cores
// here and in CI, so one worker keeps timings honest.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous for a loaded 2-core machine: a panel is an extension iframe reading IndexedDB.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
