import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeGoogle } from '../fake-google/server.ts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/browser.ts';
import { FAKE_EXTENSION_DIR, FAKE_GOOGLE_ORIGIN } from '../harness/fake-google.ts';
import { serveGoogleFixtures } from '../harness/google-routes.ts';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PanelFrame } from './pages/panel';
import { setWorkerClock } from './service-worker';

/**
 * Issue 8's "done when": one agenda for mentor and mentee, shared through the calendar event.
 * Two browser profiles, each with its own extension instance and Google account, against one
 * fake Google. Morgan (the mentor) organizes the seeded series; Alex (the mentee) is its guest.
 *
 * Morgan uses the saved Calendar and Meet pages. The saved Calendar page is Morgan's calendar, so
 * Alex's panel is the same panel page opened for Alex's own copy of the occurrence
 * (`calendarId=alex.mentee@gmail.com`), framed by an extension page.
 */
test.use({ extensionDir: FAKE_EXTENSION_DIR });

const MORGAN = 'morgan.mentor@gmail.com';
const ALEX = 'alex.mentee@gmail.com';
const SERIES = '4mentoringseries0000000000';
const OCCURRENCE = `${SERIES}_20261124T150000Z`;
const MENTORING = 'Mentoring: Morgan / Alex';
/** Monday 23 November 2026, 10:00 UTC: the fixture week, the day before the session. */
const BEFORE = new Date('2026-11-23T10:00:00Z');
/** In the call (Tuesday 24 November, 15:00 UTC). */
const CALL_TIME = new Date('2026-11-24T15:02:00Z');
/** After the session. */
const AFTER = new Date('2026-11-24T17:00:00Z');
const QUESTIONS = ['How do I ask for a promotion?', 'Which talk should I give next?'];
const PRIVATE = 'Private: Alex seemed tired, check in about workload';
const TAKEAWAY = 'Write the promotion case as three outcomes';

interface Profile {
  browser: ExtensionBrowser;
  options: OptionsPage;
  close(): Promise<void>;
}

/**
 * A second browser profile with its own extension instance: the build copied to a directory of
 * its own, so it gets another extension id, hence another OAuth redirect URI, which the fake
 * signs in as `email`.
 */
async function secondProfile(fake: FakeGoogle, email: string, at: Date): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-second-extension-'));
  cpSync(FAKE_EXTENSION_DIR, dir, { recursive: true });
  const browser = await launchWithExtension({ extensionDir: dir });
  await serveGoogleFixtures(browser.context, { allowOrigins: [FAKE_GOOGLE_ORIGIN] });
  fake.chooseAccount(`https://${browser.extensionId}.chromiumapp.org/`, email);
  await setClock(browser, at);
  const options = new OptionsPage(await browser.context.newPage(), browser.extensionId);
  return {
    browser,
    options,
    close: async () => {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function setClock(browser: ExtensionBrowser, at: Date): Promise<void> {
  await browser.context.clock.setFixedTime(at);
  await setWorkerClock(browser.context, at);
}

/** The panel for the user's own copy of an occurrence, framed by an extension page. */
async function ownPanel(browser: ExtensionBrowser, calendarId: string, eventId: string): Promise<PanelFrame> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const query = new URLSearchParams({ kind: 'calendar', calendarId, eventId });
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.dataset.tandemPanel = '';
    frame.style.cssText = 'width: 420px; height: 1200px; border: 0';
    frame.src = src;
    document.body.replaceChildren(frame);
  }, `chrome-extension://${browser.extensionId}/panel.html?${query}`);
  return new PanelFrame(page.locator('iframe[data-tandem-panel]'));
}

/** "Share with …": the consent disclosure, then "Share". Returns the disclosure's text. */
async function consent(panel: PanelFrame, other: string): Promise<string> {
  await panel.frame.getByRole('button', { name: `Share with ${other}` }).click();
  const disclosure = panel.frame.getByRole('region', { name: `Share with ${other}?` });
  await expect(disclosure.getByRole('heading', { name: `Share with ${other}?` })).toBeFocused();
  await expect(disclosure.locator('pre')).toContainText('Who can see it: Everyone invited to this calendar event');
  const text = (await disclosure.locator('pre').textContent()) ?? '';
  await disclosure.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(disclosure).toHaveCount(0);
  return text;
}

function status(panel: PanelFrame) {
  return panel.frame.locator('.share-status');
}

/** Writes of a shared payload (PATCH of the occurrence) by `email`. */
function sharedWrites(fake: FakeGoogle, email: string) {
  return fake.log.filter({ method: 'PATCH', pathIncludes: `/calendars/${email}/events/${OCCURRENCE}` });
}

function payloadBytes(body: unknown): number {
  const shared =
    (body as { extendedProperties?: { shared?: Record<string, string> } }).extendedProperties?.shared ?? {};
  return Object.entries(shared).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
}

test('mentor and mentee share one agenda through the event; private notes never leave the device', async ({
  browserWithExtension,
  options,
  calendar,
  meet,
  fakeGoogle,
}) => {
  test.slow();
  // Guests may modify the event, so the mentee can publish too.
  fakeGoogle.google.patch(SERIES, { guestsCanModify: true });

  // Morgan: signs in, tracks the series, agrees to share.
  await setClock(browserWithExtension, BEFORE);
  await options.open();
  await options.connectGoogle();
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await options.syncNow();
  const disclosure = await consent(calendar.panel, 'Alex Mentee');
  expect(disclosure).toContain('Never written: private notes');
  await calendar.closeDialog();

  // Alex, in a profile of their own: signs in as Alex, tracks the occurrence, shares, adds two questions.
  const alex = await secondProfile(fakeGoogle, ALEX, BEFORE);
  try {
    await alex.options.open();
    await alex.options.connectGoogle();
    await expect(alex.options.account).toContainText(`Connected to Google Calendar as ${ALEX}`);
    const mentee = await ownPanel(alex.browser, ALEX, OCCURRENCE);
    await mentee.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
    await alex.options.syncNow();
    const menteeDisclosure = await consent(mentee, 'Morgan Mentor');
    expect(menteeDisclosure).toContain('Morgan Mentor');
    for (const question of QUESTIONS) await mentee.addItem(question);
    await expect(status(mentee)).toHaveText('Shared on the calendar event.', { timeout: 15_000 });
    const alexWrites = sharedWrites(fakeGoogle, ALEX);
    expect(alexWrites.length).toBeGreaterThan(0);
    expect(alexWrites.every((e) => e.status === 200)).toBe(true);

    // Morgan syncs: the questions are in the Calendar panel, marked as Alex's.
    await options.syncNow();
    await calendar.open();
    await calendar.openEvent(MENTORING);
    await expect(calendar.panel.agendaTexts).toHaveText(QUESTIONS);
    for (const question of QUESTIONS) {
      await expect(calendar.panel.item(question).locator('.item-meta')).toContainText('from Alex Mentee');
    }
    await calendar.closeDialog();

    // In the call, Morgan's Meet sidebar: the same two, ticked; a takeaway; a private note.
    await setClock(browserWithExtension, CALL_TIME);
    await meet.open();
    await meet.join();
    await meet.toggle.click();
    const sidebar = meet.panel;
    await expect(sidebar.agendaTexts).toHaveText(QUESTIONS);
    await expect(sidebar.item(QUESTIONS[0] as string).locator('.item-meta')).toContainText('from Alex Mentee');
    for (const question of QUESTIONS) await sidebar.item(question).getByRole('checkbox').check();
    const takeaway = sidebar.frame.getByRole('textbox', { name: 'New takeaway' }).first();
    await takeaway.fill(TAKEAWAY);
    await takeaway.press('Enter');
    await sidebar.notes.fill(PRIVATE);
    await sidebar.saveStatus.filter({ hasText: 'Saved on this device' }).waitFor();
    await expect(sidebar.frame.locator('#private-notes-hint')).toHaveText(
      'Private: kept only in this browser, never written to the calendar event.',
    );
    const morganBefore = sharedWrites(fakeGoogle, MORGAN).length;
    await expect.poll(() => sharedWrites(fakeGoogle, MORGAN).length, { timeout: 15_000 }).toBeGreaterThan(morganBefore);
    await expect(status(sidebar)).toHaveText('Shared on the calendar event.', { timeout: 15_000 });

    // The event's description has the readable block, for people without Tandem.
    const event = fakeGoogle.eventsIn(MORGAN).find((e) => e.id === OCCURRENCE);
    expect(event?.description).toContain('--- Tandem ---');
    for (const text of [...QUESTIONS, TAKEAWAY]) expect(event?.description).toContain(text);
    // Who wrote the takeaway down, as for agenda items, for Alex reading the event on a phone.
    expect(event?.description).toContain(`- ${TAKEAWAY} (mentor)`);
    expect(event?.description).not.toContain(PRIVATE);

    // Alex syncs after the session: the questions ticked, the takeaway, never the private note.
    await setClock(alex.browser, AFTER);
    await alex.options.syncNow();
    const after = await ownPanel(alex.browser, ALEX, OCCURRENCE);
    await expect(after.agendaTexts).toHaveText(QUESTIONS);
    for (const question of QUESTIONS) await expect(after.item(question).getByRole('checkbox')).toBeChecked();
    await expect(after.section('What happened')).toContainText(TAKEAWAY);
    // Morgan wrote the takeaway down: Alex's panel says so, as it does for agenda items.
    const theirTakeaway = after.section('What happened').getByRole('listitem').filter({ hasText: TAKEAWAY });
    await expect(theirTakeaway.locator('.item-meta')).toHaveText('from Morgan Mentor');
    await expect(after.frame.locator('body')).not.toContainText(PRIVATE);

    // Every request either Tandem made: the private note's text is in none.
    const everything = JSON.stringify(fakeGoogle.log.entries);
    expect(everything).not.toContain(PRIVATE);
    expect(everything).not.toContain('Alex seemed tired');

    // Figures for the closing note.
    const writes = [...sharedWrites(fakeGoogle, ALEX), ...sharedWrites(fakeGoogle, MORGAN)];
    test.info().annotations.push({
      type: 'figures',
      description: JSON.stringify({
        sharedWrites: writes.map((e) => ({ by: e.path.split('/')[4], status: e.status, bytes: payloadBytes(e.body) })),
        requests: fakeGoogle.log.entries.map((e) => `${e.method} ${e.path.replace('/calendar/v3', '')} ${e.status}`),
      }),
    });
  } finally {
    await alex.close();
  }
});

test('a shared note too big for the event says so, with its size; nothing is written', async ({
  browserWithExtension,
  options,
  calendar,
  meet,
  fakeGoogle,
}) => {
  await setClock(browserWithExtension, BEFORE);
  await options.open();
  await options.connectGoogle();
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await options.syncNow();
  await consent(calendar.panel, 'Alex Mentee');
  await calendar.closeDialog();

  await setClock(browserWithExtension, CALL_TIME);
  await meet.open();
  await meet.join();
  await meet.toggle.click();
  const sidebar = meet.panel;
  await sidebar.frame.getByRole('button', { name: 'Add notes to share with Alex Mentee' }).click();
  const shared = sidebar.frame.getByRole('textbox', { name: 'Shared notes' });
  await expect(sidebar.frame.locator('#shared-notes-hint')).toHaveText(
    'Shared: written to the calendar event once you share this session, for both of you and any other guest to read.',
  );
  await shared.fill('A long shared note. '.repeat(1600));
  await expect(status(sidebar)).toContainText(
    /Only you can see these: they do not fit in the calendar event \(\d+\.\d KB of at most 24\.0 KB\)\./,
    { timeout: 15_000 },
  );
  expect(sharedWrites(fakeGoogle, MORGAN)).toEqual([]);

  // Stopping is one key press away, and asks again next time: focus moves to "Share with …", which
  // replaces the button pressed.
  const stop = sidebar.frame.getByRole('button', { name: 'Stop sharing with Alex Mentee' });
  await stop.focus();
  await stop.press('Enter');
  await expect(stop).toHaveCount(0);
  await expect(sidebar.frame.getByRole('button', { name: 'Share with Alex Mentee' })).toBeFocused();
  expect(sharedWrites(fakeGoogle, MORGAN)).toEqual([]);
});

test('a guest who may not modify the event: "only you can see these — ask Morgan Mentor", at most one refused write', async ({
  fakeGoogle,
}) => {
  const alex = await secondProfile(fakeGoogle, ALEX, BEFORE);
  try {
    await alex.options.open();
    await alex.options.connectGoogle();
    const mentee = await ownPanel(alex.browser, ALEX, OCCURRENCE);
    await mentee.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
    await alex.options.syncNow();
    await consent(mentee, 'Morgan Mentor');
    for (const question of QUESTIONS) await mentee.addItem(question);
    await expect(status(mentee)).toHaveText(
      'Only you can see these — ask Morgan Mentor to allow guests to modify the event.',
      { timeout: 15_000 },
    );
    await expect(mentee.agendaTexts).toHaveText(QUESTIONS);
    // Another sync and another edit: still no loop against Google's refusal.
    await alex.options.syncNow();
    await mentee.addItem('One more question');
    await alex.options.syncNow();
    const writes = fakeGoogle.log.filter({ method: 'PATCH', pathIncludes: `/calendars/${ALEX}/events/` });
    expect(writes.length).toBeLessThanOrEqual(1);
    expect(writes.every((e) => e.status === 403)).toBe(true);
    expect(fakeGoogle.eventsIn(MORGAN).find((e) => e.id === OCCURRENCE)?.description ?? '').not.toContain(QUESTIONS[0]);
  } finally {
    await alex.close();
  }
});

test('Google refuses a write the kept event allowed (403): said once, with whom to ask; keyboard and axe clean', async ({
  fakeGoogle,
}) => {
  fakeGoogle.google.patch(SERIES, { guestsCanModify: true });
  const alex = await secondProfile(fakeGoogle, ALEX, BEFORE);
  try {
    await alex.options.open();
    await alex.options.connectGoogle();
    const mentee = await ownPanel(alex.browser, ALEX, OCCURRENCE);
    await mentee.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
    await alex.options.syncNow();

    // Consent with the keyboard only: focus moves into the disclosure, back out, and to "Stop sharing".
    const share = mentee.frame.getByRole('button', { name: 'Share with Morgan Mentor' });
    await expect(share).toHaveAccessibleDescription('Shows what would be written to the calendar event first.');
    await share.focus();
    await share.press('Enter');
    const disclosure = mentee.frame.getByRole('region', { name: 'Share with Morgan Mentor?' });
    await expect(disclosure.getByRole('heading')).toBeFocused();
    const frame = alex.browser.context
      .pages()
      .flatMap((page) => page.frames())
      .find((f) => f.url().includes('panel.html'));
    expect(frame && (await axeViolations(frame))).toEqual([]);
    await disclosure.getByRole('heading').press('Escape');
    await expect(disclosure).toHaveCount(0);
    await expect(share).toBeFocused();
    await share.press('Enter');
    // "Share" is enabled once the disclosure has loaded what would be written (a key pressed on a
    // disabled button does nothing, for a user as for this test).
    const agree = disclosure.getByRole('button', { name: 'Share', exact: true });
    await expect(agree).toBeEnabled();
    await agree.press('Enter');
    await expect(disclosure).toHaveCount(0);
    // The button pressed is gone: focus is on "Stop sharing", which replaces "Share with …".
    await expect(mentee.frame.getByRole('button', { name: 'Stop sharing with Morgan Mentor' })).toBeFocused();

    // Morgan no longer lets guests modify the event; Alex's Tandem has not seen that yet.
    fakeGoogle.google.patch(SERIES, { guestsCanModify: false });
    for (const question of QUESTIONS) await mentee.addItem(question);
    await expect(status(mentee)).toHaveText(
      'Only you can see these — ask Morgan Mentor to allow guests to modify the event.',
      { timeout: 15_000 },
    );
    await expect(status(mentee)).toHaveAttribute('aria-live', 'polite');
    // Later syncs and edits do not knock again.
    await alex.options.syncNow();
    await mentee.addItem('One more question');
    await alex.options.syncNow();
    await expect(status(mentee)).toContainText('Only you can see these');
    const writes = fakeGoogle.log.filter({ method: 'PATCH', pathIncludes: `/calendars/${ALEX}/events/` });
    expect(writes.map((e) => e.status)).toEqual([403]);
    expect(frame && (await axeViolations(frame))).toEqual([]);
  } finally {
    await alex.close();
  }
});
