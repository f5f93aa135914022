import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from './browser.ts';
import { serveGoogleFixtures, URLS } from './google-routes.ts';

/**
 * `npm start`: Chromium with the freshly built extension on the saved Google pages. With a display
 * it opens a window to try it by hand; without one (CI, SSH) it walks through the same pages
 * headless and saves screenshots of the panel.
 */
const SCREENSHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
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

  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(URLS.calendarWeek);
  await page.locator('html[data-fixture-ready="1"]').waitFor();
  await page.locator('[data-eventchip]').filter({ hasText: 'Mentoring: Morgan / Alex' }).first().click();
  const panel = page.locator('[role="dialog"] iframe[data-tandem-panel]');
  const notes = panel.contentFrame().getByRole('textbox', { name: 'Session notes' });
  await notes.fill('Alex wants to practise the promotion conversation.\nBring the draft self-review next time.');
  await panel.contentFrame().getByText('Saved on this device').waitFor();
  // The bubble scrolls like Google's; show its end, where the panel sits.
  await page.locator('[role="dialog"]').evaluate((dialog) => dialog.scrollTo(0, dialog.scrollHeight));
  await shoot('calendar-panel', page.locator('[role="dialog"]'));

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(URLS.meetCall());
  await page.locator('tandem-meet-sidebar').getByRole('button', { name: 'Tandem' }).click();
  await page.locator('tandem-meet-sidebar iframe[data-tandem-panel]').contentFrame().getByRole('textbox').waitFor();
  await shoot('meet-sidebar', page);

  await page.setViewportSize({ width: 360, height: 420 });
  await page.goto(popupUrl);
  await page.getByRole('listitem').first().waitFor();
  await shoot('popup', page);
  return saved;
}
