import { CALENDAR_VARIANTS } from '../harness/google-routes.ts';
import { expect, test } from './fixtures';
import { CalendarEditPage } from './pages/calendar-edit';
import { panelFrameHistory, watchPanelFrames } from './panel-frames';

// issue 4, point 1: the panel on the event editor (/r/eventedit/<eid>), which Calendar shows in-app.

const MENTORING = 'Mentoring: Morgan / Alex';
const MENTORING_EID = 'NG1lbnRvcmluZ3NlcmllczAwMDAwMDAwMDBfMjAyNjExMjRUMTUwMDAwWiBtb3JnYW4ubWVudG9yQG0';
const MENTORING_EVENT = 'eventId=4mentoringseries0000000000_20261124T150000Z';
const COFFEE_EVENT = 'eventId=7coffeesam0000000000000000';

test('the editor shows the panel for its event, last in the "Event details" tab, and keeps it through re-renders', async ({
  browserWithExtension,
}) => {
  const editor = new CalendarEditPage(await browserWithExtension.context.newPage());
  await editor.open(MENTORING_EID);
  await expect(editor.panels).toHaveCount(1);
  await expect(editor.panels).toHaveAttribute('src', new RegExp(MENTORING_EVENT));
  await expect(editor.detailsTab.locator(':scope > :last-child')).toHaveAttribute('data-tandem-panel', /.+/);
  await expect(editor.panel.heading).toBeVisible();

  await watchPanelFrames(editor.page);
  await editor.simulateGoogleRerender();
  await editor.simulateGoogleRerender();
  await editor.page.waitForTimeout(700); // past the fixture's own re-renders
  expect(await panelFrameHistory(editor.page)).toMatchObject({ added: 0, removed: 0, present: 1 });
});

test('in-app navigation between the week and the editor: the panel comes and goes with the editor, never twice', async ({
  calendar,
}) => {
  const page = calendar.page;
  const editor = new CalendarEditPage(page);
  const frames = page.locator('iframe[data-tandem-panel]');
  await calendar.open();
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });

  // The bubble's edit button opens the editor in-app (no page load).
  await calendar.openEvent(MENTORING);
  await expect(calendar.panels).toHaveCount(1);
  await calendar.dialog.getByRole('button', { name: 'Edit event' }).click();
  await editor.shown();
  await expect(page).toHaveURL(new RegExp(`/r/eventedit/${MENTORING_EID}$`));
  await expect(editor.panels).toHaveCount(1);
  await expect(frames).toHaveCount(1);
  await expect(editor.panels).toHaveAttribute('src', new RegExp(MENTORING_EVENT));

  // Save: back to the week, in-app; the editor's panel leaves with it.
  await editor.save();
  await page.locator('html[data-fixture-view="week"]').waitFor();
  await expect(frames).toHaveCount(0);

  // Another event, then Back and Forward through the browser's history.
  await calendar.openEvent('Coffee with Sam');
  await calendar.dialog.getByRole('button', { name: 'Edit event' }).click();
  await editor.shown();
  await expect(editor.panels).toHaveAttribute('src', new RegExp(COFFEE_EVENT));
  await page.goBack();
  await page.locator('html[data-fixture-view="week"]').waitFor();
  await expect(frames).toHaveCount(0);
  await page.goForward();
  await editor.shown();
  await expect(frames).toHaveCount(1);
  await expect(editor.panels).toHaveAttribute('src', new RegExp(COFFEE_EVENT));

  // From one editor straight to another event's: the panel follows the eid.
  await page.evaluate(
    (eid) =>
      (window as unknown as { __gcal: { navigate(path: string): Promise<void> } }).__gcal.navigate(
        `/calendar/u/0/r/eventedit/${eid}`,
      ),
    MENTORING_EID,
  );
  await expect(frames).toHaveCount(1);
  await expect(editor.panels).toHaveAttribute('src', new RegExp(MENTORING_EVENT));

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('a German editor with renamed ids still gets exactly one panel', async ({ browserWithExtension }) => {
  const editor = new CalendarEditPage(await browserWithExtension.context.newPage());
  await editor.open(MENTORING_EID, `${CALENDAR_VARIANTS.german}&${CALENDAR_VARIANTS.renamed.slice(1)}`);
  await expect(editor.page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(editor.page.locator('#tabEventDetails')).toHaveCount(0); // really renamed
  await expect(editor.panels).toHaveCount(1);
  await expect(editor.panels).toHaveAttribute('src', new RegExp(MENTORING_EVENT));
  await expect(editor.panel.heading).toBeVisible();
});
