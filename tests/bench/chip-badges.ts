import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { BENCH_EXTENSION_DIR, launchWithExtension } from '../harness/browser.ts';
import { serveGoogleFixtures, URLS } from '../harness/google-routes.ts';
import { type BenchRow, percentile } from './report.ts';

const EVENTS = 200;
const RERENDERS = 60;
const BUDGET_MS = 16;
/** A relationship linking the fixture's mentoring series (every 4th generated event is one of its occurrences). */
const BACKUP = resolve(import.meta.dirname, '../fixtures/backups/chip-badges.json');

interface Pass {
  ms: number;
  chips: number;
  writes: number;
}

/**
 * The badge pass on a week with 200 events, in real Chromium with the bench build (whose content
 * script marks each pass with `performance.measure`, see lib/hosts/calendar/chip-badges.ts). The
 * fixture re-renders the whole grid as Google does, so every pass finds 200 new chip nodes and
 * re-applies every badge: the worst case, repeated.
 */
export async function chipBadgeRows(): Promise<BenchRow[]> {
  const browser = await launchWithExtension({ extensionDir: BENCH_EXTENSION_DIR });
  try {
    await serveGoogleFixtures(browser.context);
    // Seeded through the options page's restore, as a user would (tests/e2e/pages/options.ts does the
    // same; Node's type stripping cannot load that class here).
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Restore from a backup…').setInputFiles(BACKUP);
    await options.locator('.status').filter({ hasText: 'Restored' }).waitFor();

    const page = await browser.context.newPage();
    await page.goto(`${URLS.calendarWeek}?fixture-events=${EVENTS}`);
    await page.locator('html[data-fixture-ready="1"]').waitFor();
    const chips = await page.locator('[data-eventchip]').count();
    const mentoring = await page.evaluate(
      () =>
        (window as unknown as { __gcal: { events: { seriesId: string | null }[] } }).__gcal.events.filter(
          (e) => e.seriesId === '4mentoringseries0000000000',
        ).length,
    );
    // The real Tuesday occurrence and the cancelled check-in come on top of the generated ones.
    const expected = mentoring + 1;
    await page.waitForFunction((n) => document.querySelectorAll('span[data-tandem-badge]').length === n, expected);
    const first = (await passes(page)).find((pass) => pass.writes > 0);

    const before = (await passes(page)).length;
    for (let i = 0; i < RERENDERS; i++) {
      await page.evaluate(() => (window as unknown as { __gcal: { rerenderGrid(): void } }).__gcal.rerenderGrid());
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('span[data-tandem-badge]').length === n &&
          // Two frames later, so a pass still queued would have run (our own badge writes start none).
          new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))),
        expected,
      );
    }
    const all = (await passes(page)).slice(before);
    const rerendered = all.filter((pass) => pass.writes > 0);
    if (rerendered.length < RERENDERS) {
      throw new Error(`expected ${RERENDERS} badge passes with writes, measured ${rerendered.length}`);
    }
    const detail = `${chips} chips (${expected} mentoring), grid re-rendered ×${RERENDERS}: each pass re-badges every chip; headless Chromium`;
    return [
      {
        id: 'calendar.badges.week200.ms',
        value: percentile(
          rerendered.map((pass) => pass.ms),
          95,
        ),
        unit: 'ms',
        budget: BUDGET_MS,
        detail: `p95 per pass; ${detail}`,
      },
      {
        id: 'calendar.badges.week200.first.ms',
        value: first?.ms ?? Number.NaN,
        unit: 'ms',
        budget: null,
        detail: 'the first pass with markers after the page loaded (badges appear)',
      },
    ];
  } finally {
    await browser.close();
  }
}

/** The content script's badge passes so far (its measures are in the page's performance timeline). */
async function passes(page: Page): Promise<Pass[]> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('tandem:chip-badges '))
      .map((entry) => ({ name: entry.name, ms: entry.duration })),
  );
  return entries.map(({ name, ms }) => ({
    ms,
    chips: Number(/chips=(\d+)/.exec(name)?.[1]),
    writes: Number(/writes=(\d+)/.exec(name)?.[1]),
  }));
}
