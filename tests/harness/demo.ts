import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { createFakeGoogle } from '../fake-google/server.ts';
import { launchWithExtension } from './browser.ts';
import { FAKE_EXTENSION_DIR, FAKE_GOOGLE_ORIGIN, FAKE_GOOGLE_PORT, MENTORING_SEED } from './fake-google.ts';
import { serveGoogleFixtures, URLS } from './google-routes.ts';

/**
 * `npm run demo`: the whole flow without a Google account. The fake Google Calendar API
 * (tests/fake-google) starts on the port the fake-mode build expects, seeded with a mentoring
 * relationship's weekly series (Morgan mentors Alex, Tuesdays 15:00 UTC, with a Meet link); the
 * extension built against it (`wxt build --mode fake`) opens in Chromium on the saved Calendar and
 * Meet pages. With a display it is yours to try; without one it walks through connecting the
 * calendar, tracking the series, syncing and the call, and saves screenshots.
 */
const SHOTS = resolve(import.meta.dirname, '../../artifacts/demo');
const MENTORING = 'Mentoring: Morgan / Alex';
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const fake = await createFakeGoogle({ seed: MENTORING_SEED, port: FAKE_GOOGLE_PORT });
const browser = await launchWithExtension({ headless: !hasDisplay, extensionDir: FAKE_EXTENSION_DIR });
await serveGoogleFixtures(browser.context, { allowOrigins: [FAKE_GOOGLE_ORIGIN] });
const optionsUrl = `chrome-extension://${browser.extensionId}/options.html`;
const stop = async (): Promise<void> => {
  await browser.close().catch(() => undefined);
  await fake.close();
};

try {
  if (hasDisplay) {
    await (await browser.context.newPage()).goto(URLS.calendarWeek);
    await (await browser.context.newPage()).goto(URLS.meetCall());
    const options = await browser.context.newPage();
    await options.goto(`${optionsUrl}#account`);
    await options.bringToFront();
    console.log(`Tandem is running against a fake Google Calendar at ${fake.url} (no Google account involved).
1. Options → Google account: "Connect Google Calendar" signs in to the fake as morgan.mentor@gmail.com.
2. Calendar tab: open "${MENTORING}" and track it; "Sync now" brings its occurrences and Meet code.
3. Meet tab: join the call and open the Tandem toggle: the sidebar finds the session by its code.
The fake's request log: ${fake.url}/__fake/log. Close the browser window to stop.`);
    await new Promise((done) => browser.context.on('close', done));
  } else {
    mkdirSync(SHOTS, { recursive: true });
    const shots = await walkThrough(await browser.context.newPage());
    const requests = fake.log.entries.map((entry) => `${entry.method} ${entry.path}`);
    console.log(
      `No display: ran the demo in headless Chromium against the fake Google Calendar (${requests.length} API requests, e.g. ${[
        ...new Set(requests),
      ]
        .slice(0, 4)
        .join(', ')}). Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`,
    );
  }
} finally {
  await stop();
}

async function walkThrough(page: Page): Promise<string[]> {
  const saved: string[] = [];
  const shoot = async (name: string, target: Page | ReturnType<Page['locator']>): Promise<void> => {
    const path = resolve(SHOTS, `${name}.png`);
    await target.screenshot({ path });
    saved.push(path);
  };

  // The saved pages are the week of 23 November 2026: the pages' clock is set in it (the service
  // worker keeps the real one).
  await page.context().clock.setFixedTime(new Date('2026-11-23T10:00:00Z'));
  // Connect the calendar: the fake's OAuth endpoint signs in at once, then the first sync runs.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`${optionsUrl}#account`);
  const account = page.getByRole('region', { name: 'Google account' });
  await account.getByRole('button', { name: 'Connect Google Calendar' }).click();
  await account
    .getByRole('status')
    .getByText(/^Last synced /)
    .waitFor();
  await shoot('account', account);

  // Track the seeded series in Calendar and prepare its next session.
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.goto(URLS.calendarWeek);
  await page.locator('html[data-fixture-ready="1"]').waitFor();
  const openMentoring = async (): Promise<FrameLocator> => {
    await page.locator('[data-eventchip]').filter({ hasText: MENTORING }).first().click();
    return page.locator('[role="dialog"] iframe[data-tandem-panel]').contentFrame();
  };
  const panel = await openMentoring();
  await panel.getByRole('button', { name: 'Track as mentoring session' }).click();
  await panel.getByLabel('Their name').fill('Alex Mentee');
  await panel.getByRole('radio', { name: 'mentor' }).check();
  await panel.getByRole('button', { name: 'Track', exact: true }).click();
  await panel.getByRole('heading', { level: 1 }).filter({ hasText: 'Alex Mentee' }).waitFor();
  const newItem = panel.getByRole('textbox', { name: 'New agenda item' });
  for (const item of ['Promotion conversation: practise it', 'Reading list for the quarter']) {
    await newItem.fill(item);
    await newItem.press('Enter');
    await panel.locator('.item-text', { hasText: item }).waitFor();
  }
  const dialog = page.locator('[role="dialog"]');
  await dialog.evaluate((bubble) => bubble.scrollTo(0, bubble.scrollHeight));
  await shoot('calendar-panel', dialog);

  // Sync: the series' occurrences and its Meet code come from the (fake) API.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`${optionsUrl}#account`);
  await account.getByRole('button', { name: 'Sync now' }).click();
  await account.getByRole('button', { name: 'Sync now' }).and(page.locator(':enabled')).waitFor();

  // Tuesday, five minutes into the call: the sidebar finds the session by its Meet code.
  await page.context().clock.setFixedTime(new Date('2026-11-24T15:05:00Z'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(URLS.meetCall());
  await page.locator('button[data-fixture="join"]').click();
  await page.locator('tandem-meet-sidebar').getByRole('button', { name: 'Tandem' }).click();
  const sidebar = page.locator('tandem-meet-sidebar iframe[data-tandem-panel]').contentFrame();
  await sidebar.locator('.item-text', { hasText: 'Promotion conversation' }).waitFor();
  await shoot('meet-sidebar', page);
  return saved;
}
