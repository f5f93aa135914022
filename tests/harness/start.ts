import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from './browser.ts';
import { serveGoogleFixtures, URLS } from './google-routes.ts';

/**
 * `npm start`: Chromium with the freshly built extension on the saved Google pages. With a display
 * it opens a window to try it by hand; without one (CI, SSH) it walks through the same pages
 * headless and saves screenshots of the panel.
 */
const SCREENSHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
const GOALS_REVIEW = resolve(import.meta.dirname, '../fixtures/backups/goals-review.json');
const GOALS_REVIEW_MORGAN = '00000000-0000-4000-8000-000000000001';
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const browser = await launchWithExtension({ headless: !hasDisplay });
await serveGoogleFixtures(browser.context);
const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;

if (hasDisplay) {
  const calendar = await browser.context.newPage();
  await calendar.goto(URLS.calendarWeek);
  await (await browser.context.newPage()).goto(URLS.meetCall());
  await (await browser.context.newPage()).goto(popupUrl);
  await calendar.bringToFront();
  console.log(`Tandem is running in Chromium on saved Google pages (extension ${browser.extensionId}).
Open "Mentoring: Morgan / Alex" in the Calendar tab, or the Tandem toggle in the Meet tab.
To use it on the real Google Calendar, load ${EXTENSION_DIR} as an unpacked extension in your browser.
Close the browser window to stop.`);
  await new Promise((done) => browser.context.on('close', done));
} else {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shots = await walkThrough(await browser.context.newPage());
  await browser.close();
  console.log(
    `No display: ran Tandem in headless Chromium on the saved Google pages. Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`,
  );
}

async function walkThrough(page: Page): Promise<string[]> {
  const saved: string[] = [];
  const shoot = async (name: string, target: Page | ReturnType<Page['locator']>): Promise<void> => {
    const path = resolve(SCREENSHOTS, `${name}.png`);
    await target.screenshot({ path });
    saved.push(path);
  };

  // The fixture week's Monday morning: tomorrow's mentoring session is one to prepare for.
  await page.context().clock.setFixedTime(new Date('2026-11-23T10:00:00Z'));
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.goto(URLS.calendarWeek);
  await page.locator('html[data-fixture-ready="1"]').waitFor();
  const dialog = page.locator('[role="dialog"]');
  const openMentoring = async (): Promise<FrameLocator> => {
    await page.locator('[data-eventchip]').filter({ hasText: 'Mentoring: Morgan / Alex' }).first().click();
    return page.locator('[role="dialog"] iframe[data-tandem-panel]').contentFrame();
  };
  let panel = await openMentoring();
  await panel.getByRole('button', { name: 'Track as mentoring session' }).click();
  await panel.getByLabel('Their name').fill('Morgan Mentor');
  await panel.getByRole('button', { name: 'Track', exact: true }).click();
  await panel.getByRole('button', { name: /^Show more/ }).click();
  await panel.getByRole('button', { name: 'Add a goal' }).click();
  await panel.getByLabel('Goal', { exact: true }).fill('Lead a cross-team project');
  await panel.getByLabel('Target date').fill('2027-03-31');
  await panel.getByRole('button', { name: 'Add goal' }).click();
  await panel.getByRole('textbox', { name: 'Session notes' }).fill('Bring the migration plan draft.');
  await panel.getByText('Saved on this device').waitFor();
  await panel.getByRole('button', { name: 'Show less' }).click();
  const newItem = panel.getByRole('textbox', { name: 'New agenda item' });
  for (const question of ['How do I ask for more scope on the migration?', 'Feedback on my design doc']) {
    await newItem.fill(question);
    await newItem.press('Enter');
    await panel.locator('.item-text', { hasText: question }).waitFor();
  }
  // The bubble scrolls like Google's; show its end, where the panel sits.
  const showPanel = () => dialog.evaluate((bubble) => bubble.scrollTo(0, bubble.scrollHeight));
  await showPanel();
  await shoot('calendar-panel', dialog);

  await page.locator('[role="dialog"] #xDetDlgCloseBu').click();
  await page.evaluate(() => document.documentElement.classList.add('fixture-dark'));
  panel = await openMentoring();
  await panel.locator('.item-text').first().waitFor();
  await showPanel();
  await shoot('calendar-panel-dark', dialog);

  await page.setViewportSize({ width: 1280, height: 800 });
  // Tuesday, five minutes into the call: the sidebar finds the occurrence by its Meet code.
  await page.context().clock.setFixedTime(new Date('2026-11-24T15:05:00Z'));
  await page.goto(URLS.meetCall());
  await page.locator('button[data-fixture="join"]').click();
  await page.locator('tandem-meet-sidebar').getByRole('button', { name: 'Tandem' }).click();
  const sidebar = page.locator('tandem-meet-sidebar iframe[data-tandem-panel]').contentFrame();
  await sidebar.getByRole('checkbox', { name: /^Discussed: How do I ask/ }).check();
  const takeaway = sidebar.getByRole('textbox', { name: 'New takeaway' });
  await takeaway.fill('Scope is negotiated: bring a proposal, not a request');
  await takeaway.press('Enter');
  await sidebar.getByText('Scope is negotiated: bring a proposal, not a request').waitFor();
  await shoot('meet-sidebar', page);

  // The popup and options shots show two relationships a few months in, the afternoon before a session.
  await page.context().clock.setFixedTime(new Date('2026-11-23T16:00:00Z'));
  await page.goto(popupUrl.replace('popup.html', 'options.html'));
  await page.getByLabel('Restore from a backup…').setInputFiles(GOALS_REVIEW);
  await page.locator('.status').filter({ hasText: 'Restored' }).waitFor();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(popupUrl);
  await page.locator('.goal').first().waitFor();
  await shoot('popup', page);

  await page.setViewportSize({ width: 900, height: 1100 });
  await page.goto(`${popupUrl.replace('popup.html', 'options.html')}#relationship=${GOALS_REVIEW_MORGAN}&part=goals`);
  await page.getByRole('heading', { name: 'Goals' }).waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await shoot('options', page);
  return saved;
}
