import { test as base, expect } from '@playwright/test';
import { type ExtensionBrowser, launchWithExtension } from '../harness/browser.ts';
import { serveGoogleFixtures } from '../harness/google-routes.ts';
import { CalendarPage } from './pages/calendar';
import { MeetPage } from './pages/meet';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

interface Fixtures {
  /** A fresh Chromium profile with the built extension and Google's pages served from fixtures. */
  browserWithExtension: ExtensionBrowser;
  calendar: CalendarPage;
  meet: MeetPage;
  popup: PopupPage;
  options: OptionsPage;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  browserWithExtension: async ({}, use) => {
    const browser = await launchWithExtension();
    await serveGoogleFixtures(browser.context);
    await use(browser);
    await browser.close();
  },
  calendar: async ({ browserWithExtension }, use) => {
    await use(new CalendarPage(await browserWithExtension.context.newPage()));
  },
  meet: async ({ browserWithExtension }, use) => {
    await use(new MeetPage(await browserWithExtension.context.newPage()));
  },
  popup: async ({ browserWithExtension }, use) => {
    const { context, extensionId } = browserWithExtension;
    await use(new PopupPage(await context.newPage(), extensionId));
  },
  options: async ({ browserWithExtension }, use) => {
    const { context, extensionId } = browserWithExtension;
    await use(new OptionsPage(await context.newPage(), extensionId));
  },
});

export { expect };
