import type { Page } from '@playwright/test';
import { URLS } from '../harness/google-routes.ts';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { CalendarPage } from './pages/calendar';
import { SidePanelPage, sidePanelOptions, tabIdOf } from './pages/side-panel';

/** "Mentoring: Morgan / Alex", Tue 24 Nov 2026 15:00 UTC (tests/fixtures/google/SOURCES.md). */
const MENTORING_EID = 'NG1lbnRvcmluZ3NlcmllczAwMDAwMDAwMDBfMjAyNjExMjRUMTUwMDAwWiBtb3JnYW4ubWVudG9yQG0';
const TASK_EID = 'tasks_Vq3-Nm8sT_2kLx0Z';
const ELSEWHERE = 'https://example.org/';

/** Uncaught errors and console errors of a page, e.g. a panel posting to a host that is not there. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test.describe('the browser side panel', () => {
  test.beforeEach(async ({ browserWithExtension }) => {
    // A page outside Google, served like the fixtures (registered last, so it wins for this host).
    await browserWithExtension.context.route(`${ELSEWHERE}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><p>Not Google</p>' }),
    );
  });

  test('follows the active tab: a Meet call, a Calendar event, any other page', async ({
    browserWithExtension,
    meet,
  }) => {
    const { context, extensionId } = browserWithExtension;
    const sidePanel = new SidePanelPage(await context.newPage(), extensionId);
    const errors = collectErrors(sidePanel.page);
    await sidePanel.open();
    // Its own tab is the active one: an extension page, not a session.
    await expect(sidePanel.emptyState).toBeVisible();
    await expect(sidePanel.heading).toHaveText('No mentoring session in this tab');

    await meet.open();
    await meet.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('Meet call abc-defg-hij');
    await sidePanel.writeNote('Written in the side panel');
    // The same session as the panel docked in the call.
    await meet.toggle.click();
    await expect(meet.panel.notes).toHaveValue('Written in the side panel');

    const calendar = new CalendarPage(await context.newPage());
    await calendar.open(URLS.calendarEdit(MENTORING_EID));
    await calendar.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('Tue 24 Nov, 15:00');
    await expect(sidePanel.trackButton).toBeVisible();

    const elsewhere = await context.newPage();
    await elsewhere.goto(ELSEWHERE);
    await elsewhere.bringToFront();
    await expect(sidePanel.heading).toHaveText('No mentoring session in this tab');

    await meet.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('Meet call abc-defg-hij');
    await expect(sidePanel.notes).toHaveValue('Written in the side panel');
    // The panel is not framed here: it must not try to talk to a host page.
    expect(errors).toEqual([]);
  });

  test('follows navigation inside the active tab', async ({ browserWithExtension, calendar, meet }) => {
    const { context, extensionId } = browserWithExtension;
    const sidePanel = new SidePanelPage(await context.newPage(), extensionId);
    await sidePanel.open();

    await calendar.open();
    await calendar.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('No event open');
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await calendar.dialog.locator('button[jsname="DyVDA"]').click(); // Edit event: loads /r/eventedit/<eid>
    await expect(calendar.page).toHaveURL(/\/r\/eventedit\//);
    await expect(sidePanel.heading).toHaveText('Tue 24 Nov, 15:00');
    await calendar.page.goto(URLS.calendarEdit(TASK_EID));
    await expect(sidePanel.heading).toHaveText('Not a calendar event');

    await meet.open(URLS.meetLanding);
    await meet.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('Not in a call yet');
    // Meet moves from its landing page into a call without loading a page.
    await meet.page.evaluate(() => history.pushState(null, '', '/xyz-abcd-efg'));
    await expect(sidePanel.heading).toHaveText('Meet call xyz-abcd-efg');
    // …and the background notices the call too.
    const tabId = await tabIdOf(context, meet.page);
    await expect
      .poll(() => sidePanelOptions(context, tabId))
      .toMatchObject({ enabled: true, path: `sidepanel.html?tab=${tabId}` });
  });

  test('Chrome: a Meet call gets a side panel pinned to its tab; other tabs keep the global one', async ({
    browserWithExtension,
    meet,
  }) => {
    const { context, extensionId } = browserWithExtension;
    await meet.open();
    const meetTab = await tabIdOf(context, meet.page);
    // Asked of the real service worker: what Chrome shows when the user opens the side panel in that tab.
    await expect
      .poll(() => sidePanelOptions(context, meetTab))
      .toMatchObject({ enabled: true, path: `sidepanel.html?tab=${meetTab}` });

    const calendar = new CalendarPage(await context.newPage());
    await calendar.open();
    expect(await sidePanelOptions(context, await tabIdOf(context, calendar.page))).toMatchObject({
      enabled: true,
      path: 'sidepanel.html',
    });

    const pinned = new SidePanelPage(await context.newPage(), extensionId);
    const errors = collectErrors(pinned.page);
    await pinned.open(`sidepanel.html?tab=${meetTab}`);
    await expect(pinned.heading).toHaveText('Meet call abc-defg-hij');
    // Chrome shows this instance only in the call's tab; it never switches to another tab's session.
    await calendar.page.bringToFront();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await expect(pinned.heading).toHaveText('Meet call abc-defg-hij');

    await meet.page.close();
    await expect(pinned.heading).toHaveText("This call's tab is closed");
    expect(errors).toEqual([]);
  });

  test('a redesigned Meet call without the usual leave button still reaches its session', async ({
    browserWithExtension,
    meet,
  }) => {
    const { context, extensionId } = browserWithExtension;
    await meet.open(URLS.meetRedesign());
    await meet.join();
    await expect(meet.page.locator('[data-fixture-state="call"]')).toBeVisible();
    // Guards the fixture: nothing Tandem knows of the leave button is on the page.
    await expect(meet.page.getByText('call_end')).toHaveCount(0);
    await expect(meet.page.locator('[data-should-confirm-hangup], .google-symbols, [jsname="CQylAd"]')).toHaveCount(0);

    const sidePanel = new SidePanelPage(await context.newPage(), extensionId);
    await sidePanel.open(`sidepanel.html?tab=${await tabIdOf(context, meet.page)}`);
    await expect(sidePanel.heading).toHaveText('Meet call abc-defg-hij');
    await expect(meet.toggle).toBeVisible();

    await meet.page.getByRole('button', { name: 'End call' }).click();
    await expect(meet.page.locator('[data-fixture-state="left"]')).toBeVisible();
    await expect(sidePanel.heading).toHaveText('Meet call abc-defg-hij');
  });

  test('has no WCAG A/AA violations, empty or showing a session', async ({ browserWithExtension, meet }) => {
    const { context, extensionId } = browserWithExtension;
    const sidePanel = new SidePanelPage(await context.newPage(), extensionId);
    await sidePanel.open();
    await expect(sidePanel.emptyState).toBeVisible();
    expect(await axeViolations(sidePanel.page)).toEqual([]);

    await meet.open();
    await meet.page.bringToFront();
    await expect(sidePanel.heading).toHaveText('Meet call abc-defg-hij');
    await expect(sidePanel.notes).toBeVisible();
    expect(await axeViolations(sidePanel.page)).toEqual([]);
  });
});
