import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { EXTENSION_DIR } from '../harness/browser.ts';
import { URLS } from '../harness/google-routes.ts';
import { expect, test } from './fixtures';
import { CalendarPage } from './pages/calendar';

const MENTORING = 'Mentoring: Morgan / Alex';

test.describe('Google Calendar', () => {
  test('the panel opens for a recurring occurrence, survives Google re-rendering, and its note reaches the popup', async ({
    calendar,
    popup,
  }) => {
    await calendar.open();
    await calendar.openEvent(MENTORING);

    await expect(calendar.panels).toHaveCount(1);
    const panel = calendar.panel;
    // The occurrence's start comes from its id (…_20261124T150000Z), in the browser's locale and zone.
    await expect(panel.heading).toHaveText('Tue 24 Nov, 15:00');

    // Google's data-bound sections drop foreign children when they finish loading: ours is not in them.
    await calendar.panels.evaluate((frame) => {
      frame.dataset.probe = 'same-element';
    });
    await calendar.simulateGoogleRerender();
    await calendar.simulateGoogleRerender();
    await calendar.page.waitForTimeout(700); // past the fixture's own scheduled re-renders
    await expect(calendar.panels).toHaveCount(1);
    await expect(calendar.panels).toHaveAttribute('data-probe', 'same-element');

    await panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
    await panel.writeNote('Alex wants to practise the promotion conversation.');
    await expect(calendar.panels).toHaveAttribute('data-probe', 'same-element');

    await popup.open();
    await expect(popup.recentNotes).toHaveCount(1);
    await expect(popup.recentNotes.first()).toContainText('Alex wants to practise the promotion conversation.');
    await expect(popup.recentNotes.first()).toContainText('recurring');
  });

  test('the fixture really strips foreign children from data-bound sections', async ({ calendar }) => {
    // Guards the test above: if the fixture stopped re-rendering, "survives" would prove nothing.
    await calendar.open();
    await calendar.openEvent(MENTORING);
    await calendar.page
      .locator('[role="dialog"] .ibJzMe')
      .first()
      .evaluate((bound) => {
        const intruder = document.createElement('div');
        intruder.id = 'intruder';
        bound.append(intruder);
      });
    await calendar.simulateGoogleRerender();
    await expect(calendar.page.locator('#intruder')).toHaveCount(0);
  });

  test('opening another event replaces the panel, and each occurrence keeps its own note', async ({ calendar }) => {
    await calendar.open();
    await calendar.openEvent(MENTORING);
    await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
    await calendar.panel.writeNote('first occurrence');
    const firstSrc = await calendar.panels.getAttribute('src');

    // Not a mentoring event: the panel only offers to track it.
    await calendar.openEvent('Team standup');
    await expect(calendar.panels).toHaveCount(1);
    await expect(calendar.panels).not.toHaveAttribute('src', firstSrc ?? '');
    await expect(calendar.panel.trackButton).toBeVisible();
    await expect(calendar.panel.notes).toHaveCount(0);

    await calendar.closeDialog(); // the open bubble covers the mentoring chip
    await calendar.openEvent(MENTORING);
    await expect(calendar.panel.notes).toHaveValue('first occurrence');
  });

  test('a panel opened below the fold still takes its content’s height before it is scrolled to', async ({
    calendar,
  }) => {
    await calendar.open();
    await calendar.openEvent(MENTORING);
    await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
    await calendar.panel.addItem('Promotion conversation');
    await calendar.closeDialog();

    await calendar.openEvent(MENTORING);
    await expect(calendar.panel.agendaTexts).toHaveText(['Promotion conversation']);
    // The case under test: Chromium does not render a cross-origin frame outside the viewport.
    const viewport = calendar.page.viewportSize();
    const box = await calendar.panel.element.boundingBox();
    expect(box && viewport && box.y).toBeGreaterThan(viewport?.height ?? 0);
    const content = await calendar.panel.frame.locator('body').evaluate((body) => body.getBoundingClientRect().height);
    await expect
      .poll(async () => (await calendar.panel.element.boundingBox())?.height)
      .toBeCloseTo(Math.ceil(content), 0);
  });

  test('tasks and undecodable eids get no panel and no error', async ({ calendar }) => {
    const errors: string[] = [];
    calendar.page.on('pageerror', (error) => errors.push(error.message));
    const debugLines: string[] = [];
    calendar.page.on('console', (message) => {
      if (message.text().includes('[Tandem]')) debugLines.push(message.text());
    });
    await calendar.open();

    const linesWith = (text: string) => debugLines.filter((line) => line.includes(text)).length;

    // The content script's debug line proves it looked at the dialog and decided; only then is "no panel" meaningful.
    await calendar.openEvent('Broken event');
    await expect.poll(() => linesWith('not base64')).toBe(1);
    await expect(calendar.panels).toHaveCount(0);

    await calendar.openEvent(/task/i);
    await expect.poll(() => linesWith('not an event (tasks_…)')).toBe(1);
    await expect(calendar.panels).toHaveCount(0);

    expect(errors).toEqual([]);
  });

  test('in-app navigation to the next week keeps working without a reload', async ({ calendar }) => {
    await calendar.open();
    await calendar.page.locator('[data-fixture-nav="next"]').click();
    await expect(calendar.page).toHaveURL(/\/r\/week\/2026\/11\/30$/);
    await calendar.openEvent(MENTORING);
    await expect(calendar.panels).toHaveCount(1);
    await expect(calendar.panel.heading).toHaveText('Tue 1 Dec, 15:00');
  });

  test('after an update the re-injected content script takes over: exactly one working panel', async ({
    calendar,
    browserWithExtension,
  }) => {
    // What the service worker does for open tabs on install/update (lib/background/reinject.ts).
    // chrome.runtime.reload() itself cannot be used: under Playwright it unloads the extension.
    await calendar.open();
    await calendar.openEvent(MENTORING);
    await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
    await calendar.panel.writeNote('before the update');
    const oldPanel = await calendar.panels.elementHandle();

    const [worker] = browserWithExtension.context.serviceWorkers();
    await worker?.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          tabs: { query(q: object): Promise<{ id: number }[]> };
          scripting: { executeScript(o: object): Promise<unknown> };
        };
      };
      const [tab] = await chrome.tabs.query({ url: ['https://calendar.google.com/*'] });
      await chrome.scripting.executeScript({ target: { tabId: tab?.id }, files: ['content-scripts/calendar.js'] });
    });

    await expect.poll(() => oldPanel?.evaluate((frame) => frame.isConnected)).toBe(false);
    await expect(calendar.panels).toHaveCount(1);
    await expect(calendar.panel.notes).toHaveValue('before the update');

    await calendar.closeDialog();
    await calendar.openEvent(MENTORING);
    await expect(calendar.panels).toHaveCount(1);
    await expect(calendar.panel.notes).toHaveValue('before the update');
  });
});

test.describe('Google Meet', () => {
  test('a call page shows the toggle, which opens the panel for that meeting', async ({ meet }) => {
    await meet.open();
    await expect(meet.toggle).toBeVisible();
    await expect(meet.toggle).toHaveAttribute('aria-expanded', 'false');

    await meet.toggle.click();
    await expect(meet.toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(meet.panel.heading).toHaveText('Meet call abc-defg-hij');
    await meet.panel.writeNote('Talked through the roadmap.');

    await meet.toggle.click();
    await expect(meet.panel.element).toBeHidden();
  });

  test('pages without a meeting code get no toggle', async ({ meet }) => {
    const errors: string[] = [];
    meet.page.on('pageerror', (error) => errors.push(error.message));
    const decided = meet.page.waitForEvent('console', (message) => message.text().includes('no meeting code in /'));
    await meet.open(URLS.meetLanding);
    await decided;
    await expect(meet.page.locator('tandem-meet-sidebar')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test('two Calendar tabs on the same event stay in step', async ({ calendar, browserWithExtension }) => {
  const other = new CalendarPage(await browserWithExtension.context.newPage());
  await calendar.open();
  await other.open();
  await calendar.openEvent(MENTORING);
  await other.openEvent(MENTORING);

  // Dexie's liveQuery tells every extension context about each write; the other panel is not focused.
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await expect(other.panel.heading).toHaveText('Mentoring Alex Mentee');
  await calendar.panel.addItem('Added in the first tab');
  await expect(other.panel.agendaTexts).toHaveText(['Added in the first tab']);
  await other.panel.addItem('Added in the second tab');
  await expect(calendar.panel.agendaTexts).toHaveText(['Added in the first tab', 'Added in the second tab']);

  await calendar.panel.writeNote('Typed in the first tab');
  await other.panel.showMore();
  await expect(other.panel.notes).toHaveValue('Typed in the first tab');
});

test('markup typed into a note is stored and shown as text, never run', async ({ calendar, popup }) => {
  const payload =
    '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> **bold** 🚀 مرحبا';
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem(payload);
  await expect(calendar.panel.agendaTexts).toHaveText([payload]);
  await calendar.panel.writeNote(payload);

  await popup.open();
  await expect(popup.recentNotes.first().locator('.note-text')).toHaveText(payload);
  await expect(popup.page.locator('.note-list img, .note-list script')).toHaveCount(0);
  await expect(popup.page).not.toHaveTitle('pwned');
});

test('the shipped build has no bench page, nothing of the fake Google, and asks only for the permissions wxt.config.ts explains', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  expect(readdirSync(EXTENSION_DIR).filter((name) => name.startsWith('bench'))).toEqual([]);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const manifest = await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }
    ).chrome.runtime.getManifest(),
  );
  // No `tabs`: the side panel reads Calendar and Meet tabs' URLs through the host permissions.
  // `identity`: the optional Google sign-in (no install warning).
  expect(manifest.permissions).toEqual(['scripting', 'sidePanel', 'storage', 'alarms', 'notifications', 'identity']);
  expect(manifest.host_permissions).toEqual(['https://calendar.google.com/*', 'https://meet.google.com/*']);
  // Only with a Chrome extension OAuth client (WXT_GOOGLE_CHROME_CLIENT_ID), and only the one scope.
  if (manifest.oauth2 !== undefined) {
    expect(manifest.oauth2).toEqual({
      client_id: expect.any(String),
      scopes: ['https://www.googleapis.com/auth/calendar.events.owned'],
    });
  }
  expect(manifest.web_accessible_resources).toEqual([
    { resources: ['panel.html'], matches: ['https://calendar.google.com/*', 'https://meet.google.com/*'] },
  ]);

  // `wxt build --mode fake` points at the fake Google; the shipped build must carry none of it.
  const fake = parseEnv(readFileSync(resolve(import.meta.dirname, '../../.env.fake'), 'utf8'));
  const traces = [fake.WXT_GOOGLE_CLIENT_ID, new URL(fake.WXT_GOOGLE_API_BASE ?? '').host, 'fake-google'];
  const files = readdirSync(EXTENSION_DIR, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.(js|html|json)$/.test(f),
  );
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(resolve(EXTENSION_DIR, file), 'utf8');
    expect(traces.filter((trace) => trace && text.includes(trace)).map((trace) => `${file}: ${trace}`)).toEqual([]);
  }
});
