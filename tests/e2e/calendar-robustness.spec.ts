import type { ConsoleMessage, Page } from '@playwright/test';
import { CALENDAR_VARIANTS, URLS } from '../harness/google-routes.ts';
import { expect, test } from './fixtures';
import type { CalendarPage } from './pages/calendar';
import { panelFrameHistory, watchPanelFrames } from './panel-frames';

// issue 4, "Robustness" and "Bad input and failure": Google's UI language, renamed ids, a bubble
// with nothing we know in it, and Google re-rendering the bubble (fixture variants: SOURCES.md).

const MENTORING = 'Mentoring: Morgan / Alex';
const ORDINARY = 'Coffee with Sam';

/** Collects what would tell a user or an engineer something went wrong: page errors and Tandem's warnings. */
function trouble(page: Page): { errors: string[]; warnings: string[] } {
  const seen = { errors: [] as string[], warnings: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'warning' && message.text().startsWith('[Tandem]')) seen.warnings.push(message.text());
  });
  return seen;
}

/** What the panel shows for an event: where it points and its heading, once loaded. */
async function panelFor(calendar: CalendarPage, title: string): Promise<{ query: string; heading: string }> {
  await calendar.openEvent(title);
  await expect(calendar.panels).toHaveCount(1);
  const src = (await calendar.panels.getAttribute('src')) ?? '';
  await expect(calendar.panel.heading).toBeVisible();
  const heading = (await calendar.panel.heading.textContent()) ?? '';
  await calendar.page.keyboard.press('Escape');
  await calendar.dialog.waitFor({ state: 'detached' });
  return { query: new URL(src).search, heading };
}

test('in German, the panel appears on the mentoring event and on an ordinary event exactly as in English', async ({
  calendar,
}) => {
  const seen = trouble(calendar.page);
  await calendar.open();
  const english = [await panelFor(calendar, MENTORING), await panelFor(calendar, ORDINARY)];

  await calendar.open(`${URLS.calendarWeek}${CALENDAR_VARIANTS.german}`);
  await expect(calendar.page.locator('html')).toHaveAttribute('lang', 'de');
  await calendar.openEvent(MENTORING);
  // The variant is really in effect: Google's labels are German.
  await expect(calendar.dialog.getByRole('button', { name: 'Schließen' })).toBeVisible();
  await calendar.page.keyboard.press('Escape');
  const german = [await panelFor(calendar, MENTORING), await panelFor(calendar, ORDINARY)];

  expect(german).toEqual(english);
  expect(english[0]?.query).toContain('eventId=4mentoringseries0000000000_20261124T150000Z');
  expect(english[1]?.query).toContain('eventId=7coffeesam0000000000000000');
  expect(seen).toEqual({ errors: [], warnings: [] });
});

test('when Google renames its ids, the fallback selectors still find the bubble: the panel appears and stays', async ({
  calendar,
}) => {
  const seen = trouble(calendar.page);
  await calendar.open(`${URLS.calendarWeek}${CALENDAR_VARIANTS.renamed}`);
  await calendar.openEvent(MENTORING);
  await expect(calendar.page.locator('#xDetDlg, [jsname="ssXDle"]')).toHaveCount(0); // really renamed
  await expect(calendar.panels).toHaveCount(1);
  await expect(calendar.panels).toHaveAttribute('src', /eventId=4mentoringseries0000000000_20261124T150000Z/);
  await expect(calendar.panel.heading).toBeVisible();

  await watchPanelFrames(calendar.page);
  await calendar.simulateGoogleRerender();
  await calendar.page.waitForTimeout(700); // past the fixture's own re-renders
  expect(await panelFrameHistory(calendar.page)).toMatchObject({ added: 0, removed: 0, present: 1 });

  // Another event: the old bubble goes, the new one gets its own panel.
  await calendar.page.keyboard.press('Escape');
  await calendar.openEvent(ORDINARY);
  await expect(calendar.panels).toHaveAttribute('src', /eventId=7coffeesam0000000000000000/);
  expect(seen).toEqual({ errors: [], warnings: [] });
});

test('a bubble with nothing we know in it: Calendar works, no panel, one warning naming the selector, popup and options still work', async ({
  calendar,
  popup,
  options,
}) => {
  test.setTimeout(60_000); // tracking a series, then a whole session with the broken page
  const seen = trouble(calendar.page);
  // A series tracked while Google's bubble was as we know it…
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
  // …then Google changes the bubble.
  await calendar.open(`${URLS.calendarWeek}${CALENDAR_VARIANTS.broken}`);

  // The bubble still opens, with no panel in it; one line names what broke.
  await calendar.openEvent(MENTORING);
  await expect(calendar.dialog.locator('[data-eventid]')).toHaveCount(0); // really broken
  await expect(calendar.dialog.getByRole('heading', { name: MENTORING })).toBeVisible();
  await expect.poll(() => seen.warnings).toHaveLength(1);
  expect(seen.warnings[0]).toContain('selector "eventDetails" found nothing');

  // Chips still open and close Google's bubble, by mouse and by keyboard…
  await calendar.page.keyboard.press('Escape');
  await calendar.dialog.waitFor({ state: 'detached' });
  await calendar.chip(ORDINARY).focus();
  await calendar.page.keyboard.press('Enter');
  await expect(calendar.dialog.getByRole('heading', { name: ORDINARY })).toBeVisible();
  await calendar.dialog.getByRole('button', { name: 'Close' }).click();
  await calendar.dialog.waitFor({ state: 'detached' });
  // …and however often the bubble opens, that stays one line.
  await calendar.openEvent(MENTORING);
  await calendar.page.waitForTimeout(1000); // past the fallback interval and the fixture's re-renders
  await expect(calendar.page.locator('iframe[data-tandem-panel]')).toHaveCount(0);
  expect(seen.warnings).toHaveLength(1);
  expect(seen.errors).toEqual([]);

  // The popup still reaches the tracked sessions, and the options page works.
  await popup.open();
  await expect(popup.page.getByRole('heading', { name: 'Tandem', level: 1 })).toBeVisible();
  await expect(popup.relationship('Morgan Mentor').region).toBeVisible();
  await options.open();
  await expect(options.data).toBeVisible();
});

test('Google re-rendering the bubble never removes, moves or reloads the panel: one element, loaded once', async ({
  calendar,
}) => {
  await calendar.open();
  await calendar.page.evaluate(() => {
    // More of the fixture's own "section finished loading" re-renders than Google's usual two.
    (window as unknown as { __gcal: { autoRerenderDelays: number[] } }).__gcal.autoRerenderDelays = [
      0, 50, 150, 300, 600, 900,
    ];
  });
  await watchPanelFrames(calendar.page);
  await calendar.openEvent(MENTORING);
  await expect.poll(async () => (await panelFrameHistory(calendar.page)).loads).toEqual([1]);

  for (const section of ['meet', 'guests', 'content', undefined]) {
    await calendar.page.evaluate(
      (part) => (window as unknown as { __gcal: { rerender(section?: string): boolean } }).__gcal.rerender(part),
      section,
    );
    await calendar.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  }
  await calendar.page.waitForTimeout(1000); // past the last scheduled re-render
  const rerenders = await calendar.page.evaluate(
    () => (window as unknown as { __gcal: { rerenderCount: number } }).__gcal.rerenderCount,
  );
  expect(rerenders).toBeGreaterThanOrEqual(10);
  expect(await panelFrameHistory(calendar.page)).toEqual({
    added: 1,
    removed: 0,
    loads: [1],
    present: 1,
    sameElement: true,
  });
});
