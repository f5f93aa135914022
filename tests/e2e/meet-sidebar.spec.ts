import { URLS } from '../harness/google-routes.ts';
import { expect, test } from './fixtures';
import type { MeetPage } from './pages/meet';

const MENTORING = 'Mentoring: Morgan / Alex';
/** The fixture's mentoring series meets on Tuesdays at 15:00 UTC with Meet code abc-defg-hij. */
const CALL_TIME = new Date('2026-11-24T15:02:00Z');

async function openSidebar(meet: MeetPage): Promise<void> {
  await meet.toggle.click();
  await expect(meet.toggle).toHaveAttribute('aria-expanded', 'true');
}

async function leave(meet: MeetPage): Promise<void> {
  await meet.page.locator('[data-should-confirm-hangup] button').click();
}

test('a call of a tracked series opens its session: agenda, capture, wrap-up on leaving, next occurrence', async ({
  calendar,
  meet,
  browserWithExtension,
}) => {
  await browserWithExtension.context.clock.setFixedTime(new Date('2026-11-23T10:00:00Z'));
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem('Promotion conversation');
  await calendar.panel.addItem('Reading list');
  await calendar.closeDialog();

  // In the call: the occurrence is found from its Meet code, learned from the event's video link.
  await browserWithExtension.context.clock.setFixedTime(CALL_TIME);
  await meet.open();
  await meet.join();
  await openSidebar(meet);
  const panel = meet.panel;
  await expect(panel.heading).toHaveText('Mentoring Alex Mentee');
  await expect(panel.frame.locator('.chip')).toHaveText('In the call');
  await expect(panel.frame.getByRole('timer')).toContainText('of 45 min');
  await expect(panel.agendaTexts).toHaveText(['Promotion conversation', 'Reading list']);

  await panel.item('Promotion conversation').getByRole('checkbox').check();
  await expect(panel.frame.getByRole('timer')).toContainText('Now: Reading list');

  // Keyboard shortcuts reach the capture fields.
  await panel.notes.focus();
  await panel.notes.press('Alt+t');
  const takeaway = panel.frame.getByRole('textbox', { name: 'New takeaway' }).first();
  await expect(takeaway).toBeFocused();
  await takeaway.fill('Ask for scope, not titles');
  await takeaway.press('Enter');
  await takeaway.press('Alt+i');
  const action = panel.frame.getByRole('form', { name: 'New action item' }).first();
  await expect(action.getByRole('textbox', { name: 'New action item' })).toBeFocused();
  await action.getByRole('textbox', { name: 'New action item' }).fill('Draft the self-review');
  await action.getByLabel('Due').fill('2026-11-30');
  await action.getByRole('button', { name: 'Add' }).click();
  await expect(panel.section('Takeaways and action items')).toContainText('Draft the self-review');
  await expect(panel.section('Takeaways and action items')).toContainText('Alex Mentee · due 30 Nov');
  const win = panel.frame.getByRole('textbox', { name: 'New win' }).first();
  await win.fill('First design review led solo');
  await win.press('Enter');
  await expect(panel.frame.locator('[aria-live="polite"]').last()).toHaveText(
    'Win logged: First design review led solo',
  );
  await panel.writeNote('Alex is ready for the conversation.');

  // Leaving the call (the leave control, found by structure) brings up the wrap-up.
  await leave(meet);
  const wrapUp = panel.frame.locator('#wrap-up');
  await expect(wrapUp).toContainText('You left the call. Before you go:');
  await expect(wrapUp).toContainText('Ask for scope, not titles');
  await expect(wrapUp).toContainText('1 agenda item not discussed will move to the next session.');
  await wrapUp.getByRole('button', { name: 'Finish session' }).click();
  await expect(panel.frame.locator('.chip')).toHaveText('Past session');

  // Next week in Calendar: the undiscussed item, last time's takeaway, the open action item.
  await calendar.page.locator('[data-fixture-nav="next"]').click();
  await calendar.openEvent(MENTORING);
  await expect(calendar.panel.agendaTexts).toHaveText(['Reading list']);
  await expect(calendar.panel.item('Reading list')).toContainText('carried over');
  await expect(calendar.panel.section('Open action items')).toContainText('Draft the self-review');
  await calendar.panel.showMore();
  await expect(calendar.panel.section('Takeaways from 24 Nov')).toContainText('Ask for scope, not titles');
});

test('the call still finds its session when Calendar shows the video link after the panel opened', async ({
  calendar,
  meet,
  browserWithExtension,
}) => {
  await browserWithExtension.context.clock.setFixedTime(new Date('2026-11-23T10:00:00Z'));
  await calendar.open(`${URLS.calendarWeek}?fixture-meet-late=1`);
  await calendar.openEvent(MENTORING);
  await expect(calendar.dialog.getByRole('link', { name: /Join with Google Meet/ })).toHaveCount(0);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem('Promotion conversation');
  // Google's Meet row finishes loading: the open panel learns the code from the link now shown.
  expect(
    await calendar.page.evaluate(() =>
      (window as unknown as { __gcal: { loadMeetRow(): boolean } }).__gcal.loadMeetRow(),
    ),
  ).toBe(true);
  await expect(calendar.dialog.getByRole('link', { name: /Join with Google Meet/ })).toHaveCount(1);
  await expect
    .poll(() => calendar.panel.frame.locator('html').evaluate(() => location.hash))
    .toContain('meet=abc-defg-hij');
  await calendar.closeDialog();

  await browserWithExtension.context.clock.setFixedTime(CALL_TIME);
  await meet.open();
  await meet.join();
  await openSidebar(meet);
  await expect(meet.panel.heading).toHaveText('Mentoring Alex Mentee');
  await expect(meet.panel.agendaTexts).toHaveText(['Promotion conversation']);
});

test('five minutes before the agreed end the wrap-up is prompted (fake clock)', async ({
  meet,
  browserWithExtension,
}) => {
  await browserWithExtension.context.clock.install({ time: CALL_TIME });
  await meet.open(URLS.meetCall('pqr-stuv-wxy'));
  await meet.join();
  await openSidebar(meet);
  await meet.panel.trackNew({ name: 'Sam Mentee', role: 'mentor' });
  await expect(meet.panel.frame.getByRole('timer')).toContainText('0:00 of 45 min');
  await expect(meet.panel.frame.locator('#wrap-up')).toHaveCount(0);

  await browserWithExtension.context.clock.runFor('39:30');
  await expect(meet.panel.frame.locator('#wrap-up')).toHaveCount(0);
  await browserWithExtension.context.clock.runFor('01:00');
  await expect(meet.panel.frame.locator('#wrap-up')).toContainText('Five minutes to go');

  // "Not yet" dismisses it for good; asking by hand still works.
  await meet.panel.frame.getByRole('button', { name: 'Not yet' }).click();
  await browserWithExtension.context.clock.runFor('00:05');
  await expect(meet.panel.frame.locator('#wrap-up')).toHaveCount(0);
  await meet.panel.frame.getByRole('button', { name: 'Wrap up the session' }).click();
  await expect(meet.panel.frame.locator('#wrap-up')).toContainText('Before you finish:');
});

test('an unknown code asks which relationship, or remembers that it is not a mentoring call', async ({ meet }) => {
  await meet.open(URLS.meetCall('aaa-bbbb-ccc'));
  await openSidebar(meet);
  await expect(meet.panel.frame.getByText('Which mentoring relationship is this call for?')).toBeVisible();
  await meet.panel.frame.getByRole('button', { name: 'Not a mentoring call' }).click();
  await expect(meet.panel.frame.getByText('Not a mentoring call: Tandem will not ask again')).toBeVisible();
  await meet.panel.writeNote('Just a chat');

  await meet.page.reload();
  await openSidebar(meet);
  await expect(meet.panel.frame.getByText('Not a mentoring call: Tandem will not ask again')).toBeVisible();
  await expect(meet.panel.notes).toHaveValue('Just a chat');
  await meet.panel.frame.getByRole('button', { name: 'It is one after all' }).click();
  await meet.panel.trackNew({ name: 'Jordan Peer', role: 'mentee' });
  await expect(meet.panel.heading).toHaveText('Mentored by Jordan Peer');
});

test('a redesigned call page without the known leave button: sidebar opens, wrap-up by hand', async ({ meet }) => {
  const errors: string[] = [];
  meet.page.on('pageerror', (error) => errors.push(error.message));
  await meet.open(URLS.meetRedesign('pqr-stuv-wxy'));
  await openSidebar(meet);
  await meet.panel.trackNew({ name: 'Sam Mentee', role: 'mentor' });
  await meet.panel.frame.getByRole('button', { name: 'Wrap up the session' }).click();
  await meet.panel.frame.getByRole('button', { name: 'Finish session' }).click();
  await expect(meet.panel.frame.locator('.chip')).toHaveText('Past session');
  expect(errors).toEqual([]);
});

test('a 1 MB note with emoji and right-to-left text is saved and shown intact', async ({ meet }) => {
  test.setTimeout(120_000); // laying out a megabyte of bidirectional text takes Chromium a while
  const line = 'Notes 🚀 مرحبا بالعالم — שלום 👩🏽‍💻\n';
  const big = line.repeat(Math.ceil(1_000_000 / line.length));
  await meet.open(URLS.meetCall('aaa-bbbb-ccc'));
  await openSidebar(meet);
  // Typing a megabyte key by key would take minutes: paste it in one input event, as a paste does.
  await meet.panel.notes.evaluate((area, text) => {
    (area as HTMLTextAreaElement).value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, big);
  await expect(meet.panel.saveStatus).toHaveText('Saved on this device');
  await meet.page.reload();
  await openSidebar(meet);
  await expect(meet.panel.saveStatus).toHaveText('Saved on this device');
  expect(await meet.panel.notes.inputValue()).toBe(big);
});

test('the call ending without our click (e.g. removed by the host) also brings the wrap-up', async ({ meet }) => {
  await meet.open(URLS.meetCall('pqr-stuv-wxy'));
  await meet.join();
  await openSidebar(meet);
  await meet.panel.trackNew({ name: 'Sam Mentee', role: 'mentor' });
  await meet.toggle.click(); // closed: the sidebar must reopen by itself
  await expect(meet.toggle).toHaveAttribute('aria-expanded', 'false');
  await meet.page.evaluate(() => (window as unknown as { __meet: { leave(): void } }).__meet.leave());
  await expect(meet.toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(meet.panel.frame.locator('#wrap-up')).toContainText('You left the call');
});

test('a tab closed in the middle of the call offers the wrap-up, and the popup shows what was agreed', async ({
  meet,
  popup,
  browserWithExtension,
}) => {
  const { context } = browserWithExtension;
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  type Chrome = {
    notifications: { getAll(): Promise<Record<string, boolean>>; onClicked: { dispatch(id: string): void } };
  };
  const notifications = () =>
    worker.evaluate(async () =>
      Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()),
    );
  // The service worker runs on the real clock: the call happens now, and its action is due today.
  const today = new Date().toISOString().slice(0, 10);

  await meet.open(URLS.meetCall('pqr-stuv-wxy'));
  await meet.join();
  await openSidebar(meet);
  await meet.panel.trackNew({ name: 'Sam Mentee', role: 'mentor' });
  const action = meet.panel.frame.getByRole('form', { name: 'New action item' }).first();
  await action.getByRole('textbox', { name: 'New action item' }).fill('Send the talk outline');
  await action.getByLabel('Owner').selectOption({ label: 'Sam Mentee' });
  await action.getByLabel('Due').fill(today);
  await action.getByRole('button', { name: 'Add' }).click();
  await expect(meet.panel.section('Takeaways and action items')).toContainText('Send the talk outline');

  // Closing the tab is leaving without a goodbye: the background offers the wrap-up.
  await meet.page.close();
  await expect.poll(notifications).toEqual(['tandem-wrap-up:pqr-stuv-wxy']);
  const opened = context.waitForEvent('page');
  await worker.evaluate(
    (id) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.onClicked.dispatch(id),
    'tandem-wrap-up:pqr-stuv-wxy',
  );
  const wrapUpPage = await opened;
  await expect(wrapUpPage).toHaveURL(/\/panel\.html\?kind=meet&code=pqr-stuv-wxy#wrapup=left$/);
  const wrapUp = wrapUpPage.locator('#wrap-up');
  await expect(wrapUp).toContainText('You left the call');
  await expect(wrapUp).toContainText('Send the talk outline');
  await wrapUp.getByRole('button', { name: 'Finish session' }).click();
  await expect(wrapUpPage.locator('.chip')).toHaveText('Past session');
  await expect.poll(notifications).toEqual([]);

  // The popup's review: the action item agreed in the call, due today, under Sam's name.
  await popup.open();
  const sam = popup.relationship('Sam Mentee');
  await expect(sam.dueItem('Send the talk outline')).toBeVisible();
  await expect(sam.owners).toContainText(['Sam Mentee']);
});
