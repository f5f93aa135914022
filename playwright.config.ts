import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (tests/e2e/fixtures.ts); two cores
// here and in CI, so one worker keeps timings honest.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
