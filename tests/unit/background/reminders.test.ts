import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CHECK_EVERY_MINUTES,
  checkReminders,
  ensureAlarm,
  reminderLogItem,
  startReminders,
  updateBadge,
} from '../../../lib/background/reminders';
import { addDays, localDay } from '../../../lib/dates';
import { addActionItem } from '../../../lib/db/actions';
import { db } from '../../../lib/db/database';
import { encodeEid } from '../../../lib/hosts/calendar/eid';
import { CHECK_NOW_ALARM, REMINDER_ALARM } from '../../../lib/reminders';
import { reminderSettingsItem } from '../../../lib/settings';
import { CALENDAR, menteeRelationship, occurrence } from '../db/factory';

// "Now": the day before the factory's session on 24 Nov 15:00 UTC, late enough in the user's day
// for reminders about days (they wait for 9:00), and within 24 hours of the session.
const NOW = new Date('2026-11-23T16:00:00.000Z');
const TODAY = localDay(NOW);
const TOMORROW = addDays(TODAY, 1);

let permission: 'granted' | 'denied' = 'granted';

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete({ disableAutoOpen: false });
  permission = 'granted';
  // The fake browser has no notion of the permission level: the test decides it.
  Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => permission });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A relationship with a session tomorrow to prepare, items due tomorrow and overdue, and its review date passed. */
async function dueThings() {
  const r = await menteeRelationship();
  await db.relationships.update(r.id, { agreement: { ...r.agreement, reviewOn: TODAY } });
  const session = await occurrence('2026-11-24');
  const due = await addActionItem(r.id, session.id, {
    text: 'Draft the self-review',
    owner: 'mentee',
    dueOn: TOMORROW,
  });
  await addActionItem(r.id, undefined, { text: 'Overdue', owner: 'mentee', dueOn: addDays(TODAY, -3) });
  return { r, session, due };
}

const shown = () => fakeBrowser.notifications.getAllCreateOptions();

describe('checkReminders', () => {
  it('notifies each kind that is due, with words and a target to open', async () => {
    const { r, session } = await dueThings();
    const result = await checkReminders(NOW);

    expect(result.notified.sort()).toEqual(
      [
        `actions-due:${r.id}:${TOMORROW}`,
        `agreement-review:${r.id}:${TODAY}`,
        `prepare:${session.id}:2026-11-24`,
      ].sort(),
    );
    expect(shown()[`prepare:${session.id}:2026-11-24`]).toMatchObject({
      type: 'basic',
      title: 'Prepare for your session with Morgan Mentor',
      message: expect.stringContaining('Add your questions to the agenda.'),
    });
    expect(shown()[`actions-due:${r.id}:${TOMORROW}`]).toMatchObject({
      title: 'Due tomorrow with Morgan Mentor: 1 action item',
      message: 'Draft the self-review',
    });
    const { targets } = await reminderLogItem.getValue();
    const eventUrl = `https://calendar.google.com/calendar/r/eventedit/${encodeEid({ calendarId: CALENDAR, eventId: session.eventId ?? '' })}`;
    expect(targets[`prepare:${session.id}:2026-11-24`]?.url).toBe(eventUrl);
    expect(targets[`actions-due:${r.id}:${TOMORROW}`]?.url).toBe(eventUrl);
    expect(targets[`agreement-review:${r.id}:${TODAY}`]?.url).toMatch(
      new RegExp(`/options\\.html#relationship=${r.id}&part=agreement$`),
    );
  });

  it('never notifies the same thing twice, also after the service worker was stopped', async () => {
    await dueThings();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await checkReminders(NOW);
    const first = create.mock.calls.length;
    expect(first).toBe(3);

    for (const id of Object.keys(shown())) await fakeBrowser.notifications.clear(id);
    await checkReminders(new Date(NOW.getTime() + 15 * 60_000));
    // A new worker: fresh module state, the same storage and database.
    vi.resetModules();
    const restarted = await import('../../../lib/background/reminders');
    await restarted.checkReminders(new Date(NOW.getTime() + 30 * 60_000));
    expect(create.mock.calls.length).toBe(first);
    expect(shown()).toEqual({});
  });

  it('runs one check at a time, so two at once cannot both notify', async () => {
    await dueThings();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await Promise.all([checkReminders(NOW), checkReminders(NOW), checkReminders(NOW)]);
    expect(create.mock.calls.length).toBe(3);
  });

  it('notifies again for a new item due tomorrow, listing all of them, under the same notification', async () => {
    const { r } = await dueThings();
    await checkReminders(NOW);
    await addActionItem(r.id, undefined, { text: 'Book the room', owner: 'mentor', dueOn: TOMORROW });
    const result = await checkReminders(new Date(NOW.getTime() + 60_000));
    expect(result.notified).toEqual([`actions-due:${r.id}:${TOMORROW}`]);
    expect(shown()[`actions-due:${r.id}:${TOMORROW}`]?.message.split(' · ').sort()).toEqual([
      'Book the room',
      'Draft the self-review',
    ]);
  });

  it('leaves out the kinds switched off in options', async () => {
    const { session } = await dueThings();
    await reminderSettingsItem.setValue({
      prepare: true,
      prepareHours: 24,
      actionsDue: false,
      agreementReview: false,
      checkIn: false,
    });
    expect((await checkReminders(NOW)).notified).toEqual([`prepare:${session.id}:2026-11-24`]);
  });

  it('keeps reminders about a day until 9:00 in the morning; a session to prepare does not wait', async () => {
    const { session } = await dueThings();
    await reminderSettingsItem.setValue({ ...(await reminderSettingsItem.getValue()), prepareHours: 48 });
    const early = new Date(NOW);
    early.setHours(7, 30);
    expect((await checkReminders(early)).notified).toEqual([`prepare:${session.id}:2026-11-24`]);
    const nine = new Date(NOW);
    nine.setHours(9, 0);
    expect((await checkReminders(nine)).notified).toHaveLength(2);
  });

  it('without permission to notify, shows what is due on the badge and in its tooltip instead', async () => {
    const { r } = await dueThings();
    permission = 'denied';
    const result = await checkReminders(NOW);
    expect(result.notified).toEqual([]);
    expect(result.pending).toHaveLength(3);
    expect(shown()).toEqual({});
    // One overdue action item, plus three reminders.
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    const title = await fakeBrowser.action.getTitle({});
    expect(title).toContain('1 action item due or overdue');
    expect(title).toContain(`Time to review your agreement with ${r.other.name}`);

    // Allowed again: the reminders are notified then, and leave the badge.
    permission = 'granted';
    expect((await checkReminders(NOW)).notified).toHaveLength(3);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('puts a reminder whose notification fails on the badge', async () => {
    await dueThings();
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('not supported'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await checkReminders(NOW);
    expect(result.pending).toHaveLength(3);
    expect(result.badge).toBe('4');
  });
});

describe('updateBadge', () => {
  it('counts open action items due today or overdue, and is empty when there are none', async () => {
    const r = await menteeRelationship();
    expect(await updateBadge(NOW)).toBe('');
    await addActionItem(r.id, undefined, { text: 'Today', owner: 'mentee', dueOn: TODAY });
    await addActionItem(r.id, undefined, { text: 'Overdue', owner: 'mentor', dueOn: addDays(TODAY, -1) });
    await addActionItem(r.id, undefined, { text: 'Tomorrow', owner: 'mentee', dueOn: TOMORROW });
    expect(await updateBadge(NOW)).toBe('2');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toBe('Tandem\n2 action items due or overdue');
  });
});

describe('startReminders', () => {
  it('creates the periodic alarm once; starting again keeps its schedule', async () => {
    startReminders();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeDefined());
    const alarm = await fakeBrowser.alarms.get(REMINDER_ALARM);
    expect(alarm?.periodInMinutes).toBe(CHECK_EVERY_MINUTES);
    await ensureAlarm();
    await ensureAlarm();
    expect(await fakeBrowser.alarms.getAll()).toEqual([alarm]);
  });

  it('checks on its alarms and on a check asked for by a page; a click opens the target and closes the notification', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { session } = await dueThings();
    startReminders();
    await fakeBrowser.alarms.onAlarm.trigger({
      name: CHECK_NOW_ALARM,
      scheduledTime: NOW.getTime(),
      persistAcrossSessions: true,
    });
    const id = `prepare:${session.id}:2026-11-24`;
    await vi.waitFor(() => expect(shown()[id]).toBeDefined());

    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(async () =>
      expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain(
        `https://calendar.google.com/calendar/r/eventedit/${encodeEid({ calendarId: CALENDAR, eventId: session.eventId ?? '' })}`,
      ),
    );
    expect(shown()[id]).toBeUndefined();
  });

  it('ignores clicks on notifications it does not know, and alarms that are not its own', async () => {
    await dueThings();
    const tabs = (await fakeBrowser.tabs.query({})).length;
    startReminders();
    await fakeBrowser.notifications.onClicked.trigger('someone-else');
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'other', scheduledTime: 0, persistAcrossSessions: true });
    expect(await fakeBrowser.tabs.query({})).toHaveLength(tabs);
    expect(shown()).toEqual({});
  });
});
