import { test as base, expect } from '@playwright/test';
import { createFakeGoogle, type FakeGoogle } from '../fake-google/server.ts';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from '../harness/browser.ts';
import { FAKE_EXTENSION_DIR, FAKE_GOOGLE_ORIGIN, FAKE_GOOGLE_PORT, MENTORING_SEED } from '../harness/fake-google.ts';
import { serveGoogleFixtures } from '../harness/google-routes.ts';
import { CalendarPage } from './pages/calendar';
import { MeetPage } from './pages/meet';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

interface Options {
  /**
   * The built extension to load: the shipped build by default; a spec that talks to the fake Google
   * uses `test.use({ extensionDir: FAKE_EXTENSION_DIR })`.
   */
  extensionDir: string;
}

interface WorkerFixtures {
  /** The fake Google on the port the fake build expects, started once per worker when a test needs it. */
  fakeGoogleServer: FakeGoogle;
}

interface Fixtures {
  /** A fresh Chromium profile with the built extension and Google's pages served from fixtures. */
  browserWithExtension: ExtensionBrowser;
  calendar: CalendarPage;
  meet: MeetPage;
  popup: PopupPage;
  options: OptionsPage;
  /** The fake Google, back at the mentoring seed for each test (events, log, faults, grants). */
  fakeGoogle: FakeGoogle;
}

export const test = base.extend<Fixtures & Options, WorkerFixtures>({
  extensionDir: [EXTENSION_DIR, { option: true }],
  fakeGoogleServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
    async ({}, use) => {
      const fake = await createFakeGoogle({ port: FAKE_GOOGLE_PORT, seed: MENTORING_SEED });
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],
  fakeGoogle: async ({ fakeGoogleServer }, use) => {
    fakeGoogleServer.reset();
    await use(fakeGoogleServer);
    fakeGoogleServer.faults.clear();
  },
  browserWithExtension: async ({ extensionDir }, use) => {
    const browser = await launchWithExtension({ extensionDir });
    await serveGoogleFixtures(browser.context, {
      allowOrigins: extensionDir === FAKE_EXTENSION_DIR ? [FAKE_GOOGLE_ORIGIN] : [],
    });
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
