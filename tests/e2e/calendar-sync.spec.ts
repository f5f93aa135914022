import { CALENDAR_EVENTS_OWNED } from '../fake-google/oauth.ts';
import type { FakeGoogle } from '../fake-google/server.ts';
import { EXTENSION_DIR } from '../harness/browser.ts';
import { buildHasClientId, FAKE_EXTENSION_DIR } from '../harness/fake-google.ts';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import type { CalendarPage } from './pages/calendar';
import type { OptionsPage } from './pages/options';
import { advanceWorkerClock, setWorkerClock } from './service-worker';

/**
 * Google Calendar sync end to end: the extension built with `wxt build --mode fake` signs in
 * through the fake Google's OAuth endpoint (`identity.launchWebAuthFlow`, as against Google) and
 * syncs with the fake Calendar API, seeded with the fixture Calendar page's mentoring series.
 */
test.use({ extensionDir: FAKE_EXTENSION_DIR });

const MORGAN = 'morgan.mentor@gmail.com';
const ALEX = 'alex.mentee@gmail.com';
const SERIES = '4mentoringseries0000000000';
const MENTORING = 'Mentoring: Morgan / Alex';
/** Monday 23 November 2026, 10:00 UTC (the fixture Calendar's week; the browser runs in UTC). */
const NOW = new Date('2026-11-23T10:00:00Z');

test.beforeEach(async ({ browserWithExtension }) => {
  // Pages and the service worker (where sync runs) live in the fixture week, whatever today is.
  await browserWithExtension.context.clock.setFixedTime(NOW);
  await setWorkerClock(browserWithExtension.context, NOW);
});

/** A new relationship from the options page; returns its id. */
async function newRelationship(options: OptionsPage, name: string, email = ''): Promise<string> {
  const list = options.relationships;
  await list.getByRole('button', { name: 'New relationship' }).click();
  const form = list.getByRole('form', { name: 'New relationship' });
  await form.getByLabel('Their name').fill(name);
  await form.getByLabel('Their email (optional)').fill(email);
  await form.getByLabel('You are the').selectOption('mentor');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(options.page).toHaveURL(/#relationship=[0-9a-f-]{36}&part=agreement$/);
  return /#relationship=([0-9a-f-]{36})/.exec(options.page.url())?.[1] ?? '';
}

/** "Schedule recurring sessions" with a first session. */
async function schedule(options: OptionsPage, day: string, time: string, zone: string): Promise<void> {
  const form = options.series.getByRole('form', { name: 'Schedule recurring sessions' });
  await form.getByLabel('First session on').fill(day);
  await form.getByLabel('At', { exact: true }).fill(time);
  await form.getByLabel('Time zone').selectOption(zone);
  await form.getByRole('button', { name: 'Schedule recurring sessions' }).click();
}

/** The one linked series' line, and its state chip. */
function seriesLine(options: OptionsPage, text: string | RegExp) {
  return options.series
    .getByRole('list', { name: 'Linked calendar series' })
    .getByRole('listitem')
    .filter({ hasText: text });
}

function inserts(fake: FakeGoogle) {
  return fake.log
    .filter({ method: 'POST', pathIncludes: `/calendars/${MORGAN}/events` })
    .filter((e) => e.status === 200);
}

test('sign in through the fake OAuth endpoint, first sync, then a series scheduled from the agreement', async ({
  options,
  fakeGoogle,
}) => {
  await options.open();
  const account = options.account;
  await expect(account).toContainText('Not connected');
  await expect(account).toContainText('calendar.events.owned');
  await expect(account).toContainText('never leave this device');

  await options.connectGoogle();
  await expect(account).toContainText(`Connected to Google Calendar as ${MORGAN} (your primary calendar).`);
  await expect(options.accountActivity).toHaveText('Last synced 10:00.');
  // launchWebAuthFlow went through the fake's authorization endpoint, asking for the one scope.
  expect(fakeGoogle.authorizations).toEqual([
    expect.objectContaining({
      clientId: 'tandem-e2e.fake-google.invalid',
      scope: CALENDAR_EVENTS_OWNED,
      prompt: null,
      outcome: 'granted',
      user: MORGAN,
    }),
  ]);
  expect(fakeGoogle.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
    'GET /calendar/v3/users/me/calendarList 200',
    `GET /calendar/v3/calendars/${MORGAN}/events 200`,
  ]);
  expect(fakeGoogle.log.entries[1]?.query).toMatchObject({ singleEvents: 'false', showDeleted: 'true' });

  // Scheduling from the agreement: the invitation needs the other person's email.
  const relationshipId = await newRelationship(options, 'Alex Mentee');
  await expect(options.series).toContainText('No calendar series is linked to Alex Mentee yet.');
  await expect(options.series).toContainText('Nobody is invited: add Alex Mentee’s email in the details above');
  const details = options.relationship.getByRole('form', { name: 'Details' });
  await details.getByLabel('Their email (optional)').fill(ALEX);
  await details.getByRole('button', { name: 'Save the details' }).click();
  await expect(options.series).toContainText(`Alex Mentee (${ALEX}) is invited.`);

  await schedule(options, '2026-12-01', '16:00', 'Europe/Berlin');
  await expect(options.series.getByRole('status')).toContainText('Recurring sessions scheduled.');
  const line = seriesLine(options, 'Every 2 weeks at 16:00 (Europe/Berlin), from 1 Dec 2026');
  await expect(line).toBeVisible();
  // The background was woken: Google has it now.
  await expect(line.locator('.chip')).toHaveText('on your calendar');

  const [insert] = inserts(fakeGoogle);
  expect(inserts(fakeGoogle)).toHaveLength(1);
  expect(insert?.query).toEqual({ conferenceDataVersion: '1' });
  expect(insert?.body).toMatchObject({
    start: { dateTime: '2026-12-01T16:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-12-01T16:45:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
    attendees: [{ email: ALEX }],
    conferenceData: { createRequest: { conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    extendedProperties: { private: { tandemRelationship: relationshipId, tandemVersion: '1' } },
  });
  const id = (insert?.body as { id?: string } | undefined)?.id;
  const created = fakeGoogle.eventsIn(MORGAN).find((event) => event.id === id);
  expect(created?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  expect(created?.description).toContain('kept in Tandem');
});

/** Opens the mentoring occurrence `weeks` weeks after the fixture's week (24 Nov), from the week view. */
async function openOccurrence(calendar: CalendarPage, weeks: number): Promise<void> {
  await calendar.open();
  for (let i = 0; i < weeks; i++) await calendar.page.locator('[data-fixture-nav="next"]').click();
  await calendar.openEvent(MENTORING);
}

test('moves and cancellations made in Google Calendar reach the Calendar panels and the popup', async ({
  options,
  calendar,
  popup,
  fakeGoogle,
}) => {
  await options.open();
  await options.connectGoogle();

  // Track the series from the fixture page, and prepare two sessions.
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem('Promotion plan');
  await calendar.closeDialog();
  await openOccurrence(calendar, 1);
  await expect(calendar.panel.subtitle).toContainText('Tue 1 Dec, 15:00');
  await calendar.panel.addItem('Reading list');
  await calendar.closeDialog();

  await popup.open();
  await expect(popup.relationship('Alex Mentee').nextSession).toContainText('Next session: Tue 24 Nov, 15:00');

  // The sync after tracking reads the series (the seed already moved 1 Dec to Thu 3 Dec).
  await options.syncNow();
  await openOccurrence(calendar, 1);
  await expect(calendar.panel.subtitle).toContainText('Thu 3 Dec, 15:00');
  await expect(calendar.panel.frame.locator('.chip', { hasText: 'Moved' })).toBeVisible();
  await calendar.closeDialog();

  // In Google Calendar: 24 Nov moves to Wednesday 17:00, the (moved) 1 Dec one is cancelled.
  fakeGoogle.google.moveOccurrence(`${SERIES}_20261124T150000Z`, '2026-11-25T17:00:00Z');
  fakeGoogle.google.cancelOccurrence(`${SERIES}_20261201T150000Z`);
  await options.syncNow();

  // The moved session keeps its id, so its agenda, and shows its new time.
  await calendar.open();
  await calendar.openEvent(MENTORING);
  const moved = calendar.panel;
  await expect(moved.subtitle).toContainText('Wed 25 Nov, 17:00');
  await expect(moved.frame.locator('.chip', { hasText: 'Moved' })).toBeVisible();
  await expect(moved.agendaTexts).toHaveText(['Promotion plan']);
  await calendar.closeDialog();

  // The cancelled one says so, and what was open in it went on to the next session (8 Dec).
  await openOccurrence(calendar, 1);
  await expect(calendar.panel.frame.locator('.chip', { hasText: 'Cancelled' })).toBeVisible();
  await expect(calendar.panel.frame.locator('.callout')).toContainText(
    'This session was cancelled. What was still open moved to Tue 8 Dec, 15:00.',
  );
  await calendar.closeDialog();
  await openOccurrence(calendar, 2);
  await expect(calendar.panel.subtitle).toContainText('Tue 8 Dec, 15:00');
  await expect(calendar.panel.agendaTexts).toHaveText(['Reading list']);

  await popup.open();
  await expect(popup.relationship('Alex Mentee').nextSession).toContainText('Next session: Wed 25 Nov, 17:00');
});

test('offline: local changes still work and wait ("n changes waiting"), then go out when Google is back', async ({
  options,
  popup,
  fakeGoogle,
  browserWithExtension,
}) => {
  await options.open();
  await options.connectGoogle();
  await newRelationship(options, 'Alex Mentee', ALEX);

  // Every Calendar API request now fails as if the network were down.
  fakeGoogle.faults.add({ kind: 'drop', times: Number.POSITIVE_INFINITY });
  await schedule(options, '2026-11-26', '09:00', 'UTC');
  const line = seriesLine(options, 'Every 2 weeks at 09:00 (UTC), from 26 Nov 2026');
  await expect(line.locator('.chip')).toHaveText('waiting to be sent');
  // The wake-up sync tried to send it, then to sync, and says why neither worked (the client retries
  // each request a few times first, so this takes a while).
  await expect(options.accountActivity).toContainText(
    '1 change waiting to be sent to Google Calendar. The last attempt failed: Offline: Google Calendar could not be reached. Retrying at',
    { timeout: 30_000 },
  );
  await expect(
    options.accountActivity.getByText(/^Offline: Google Calendar could not be reached\. Retrying at/),
  ).toBeVisible({ timeout: 30_000 });

  // Local-first: the sessions exist already.
  await popup.open();
  await expect(popup.relationship('Alex Mentee').nextSession).toContainText('Next session: Thu 26 Nov, 9:00');

  // Back online; the outbox's backoff has passed.
  fakeGoogle.faults.clear();
  await advanceWorkerClock(browserWithExtension.context, 5 * 60_000);
  await options.syncNow();
  await expect(line.locator('.chip')).toHaveText('on your calendar');
  await expect(options.accountActivity).not.toContainText('waiting');
  await expect(options.accountActivity).not.toContainText('Offline');
  expect(inserts(fakeGoogle)).toHaveLength(1);
  expect(fakeGoogle.log.filter({ method: 'POST' }).filter((e) => e.status === 0).length).toBeGreaterThan(0);
});

test('a token revoked mid-way asks to sign in again; nothing is lost, and the new rhythm goes out after', async ({
  options,
  fakeGoogle,
}) => {
  await options.open();
  await options.connectGoogle();
  await newRelationship(options, 'Alex Mentee', ALEX);
  await schedule(options, '2026-12-01', '16:00', 'Europe/Berlin');
  const first = seriesLine(options, 'Every 2 weeks at 16:00 (Europe/Berlin), from 1 Dec 2026');
  await expect(first.locator('.chip')).toHaveText('on your calendar');
  const oldId = (inserts(fakeGoogle)[0]?.body as { id?: string } | undefined)?.id;

  // The user removes Tandem's access in their Google account.
  fakeGoogle.revokeToken(`user:${MORGAN}`);
  // Meanwhile the agreement moves to weekly: Tandem offers to move the series.
  const agreement = options.relationship.getByRole('form', { name: 'Agreement' });
  await agreement.getByLabel('How often you meet').selectOption({ label: 'every week' });
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  const move = options.series.getByRole('form', { name: 'The agreed rhythm changed' });
  await expect(move).toContainText('no longer matches the agreement (every week)');
  await move.getByLabel('First session in the new rhythm').fill('2026-12-15');
  await expect(move.getByLabel('At', { exact: true })).toHaveValue('16:00');
  await move.getByRole('button', { name: 'Move the calendar series to the new rhythm' }).click();

  // The wake-up sync meets the revoked token: sign in again, and nothing is lost.
  const again = options.account.getByRole('button', { name: 'Sign in again' });
  await expect(again).toBeVisible();
  await expect(options.account).toContainText('Connected, but Google no longer accepts Tandem’s access');
  await expect(options.accountActivity).toContainText(
    '2 changes waiting to be sent to Google Calendar. They are sent once you sign in again.',
  );
  await expect(seriesLine(options, 'until 15 Dec 2026').locator('.chip')).toHaveText('waiting to be sent');
  await expect(seriesLine(options, 'Every week at 16:00 (Europe/Berlin), from 15 Dec 2026')).toBeVisible();
  expect(fakeGoogle.authorizations.map((a) => [a.prompt, a.outcome])).toEqual([
    [null, 'granted'],
    ['none', 'interaction_required'],
  ]);
  expect(await axeViolations(options.page)).toEqual([]);

  await again.click();
  await expect(options.account.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(options.accountActivity).not.toContainText('waiting');
  await expect(seriesLine(options, 'Every week').locator('.chip')).toHaveText('on your calendar');
  await expect(seriesLine(options, 'until 15 Dec 2026').locator('.chip')).toHaveText('on your calendar');

  // Google has both: the old series ends before the first weekly session, which starts a new one.
  const events = fakeGoogle.eventsIn(MORGAN);
  expect(events.find((e) => e.id === oldId)?.recurrence).toEqual([
    'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261215T145959Z',
  ]);
  const [, second] = inserts(fakeGoogle);
  expect(second?.body).toMatchObject({
    start: { dateTime: '2026-12-15T16:00:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
  });
  expect(fakeGoogle.log.filter({ method: 'PATCH' }).at(-1)?.headers['if-match']).toBeTruthy();
});

test('the Google account section is accessible: labelled, keyboard usable, its status announced', async ({
  options,
  fakeGoogle,
}) => {
  await options.open();
  expect(await axeViolations(options.page)).toEqual([]);
  // Keyboard only: Tab to the button, Enter signs in.
  const connect = options.account.getByRole('button', { name: 'Connect Google Calendar' });
  await connect.focus();
  await options.page.keyboard.press('Enter');
  await expect(options.accountActivity).toHaveText('Last synced 10:00.');
  await expect(options.accountActivity).toHaveAttribute('role', 'status');
  await expect(options.account.getByRole('button', { name: 'Disconnect' })).toHaveAccessibleDescription(
    /revokes Tandem’s access at Google .* Your relationships, sessions and notes stay here/,
  );
  expect(await axeViolations(options.page)).toEqual([]);

  await options.account.getByRole('button', { name: 'Disconnect' }).click();
  await expect(options.account.getByRole('button', { name: 'Connect Google Calendar' })).toBeVisible();
  await expect(options.accountActivity).toContainText('Disconnected.');
  // Revoked at Google: the token no longer works there.
  const after = await fetch(`${fakeGoogle.url}/calendar/v3/calendars/primary/events`, {
    headers: { authorization: `Bearer user:${MORGAN}` },
  });
  expect(after.status).toBe(401);
});

test.describe('a build without an OAuth client id', () => {
  test.use({ extensionDir: EXTENSION_DIR });
  test.skip(buildHasClientId('production'), 'this machine builds with a client id (.env.local)');

  test('says it is local-only and where to read how to connect; nothing to schedule', async ({ options }) => {
    await options.open();
    await expect(options.account).toContainText('This copy of Tandem is local-only');
    await expect(options.account).toContainText('the README’s section “Google Calendar sync”');
    await expect(options.account.getByRole('button')).toHaveCount(0);
    await newRelationship(options, 'Alex Mentee', ALEX);
    await expect(options.relationship).toContainText(
      'Putting these sessions on Google Calendar needs Google Calendar sync',
    );
    await expect(options.relationship.getByRole('form', { name: 'Schedule recurring sessions' })).toHaveCount(0);
  });
});
