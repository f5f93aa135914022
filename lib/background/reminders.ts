import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import { localDay } from '../dates';
import { type DueReminder, dueActionCount, dueReminders, type ReminderKind } from '../db/reminders';
import { log } from '../log';
import { Instant } from '../model/common';
import { CHECK_NOW_ALARM, REMINDER_ALARM } from '../reminders';
import { optionsUrl, sessionUrl } from '../session-url';
import { notificationsAllowed, type ReminderSettings, readReminderSettings } from '../settings';

/** The periodic check: a reminder is at most this late. */
export const CHECK_EVERY_MINUTES = 15;
/** Reminders about a day (due tomorrow, review, check-in) wait for this local hour: no 6 a.m. pings. */
export const DAY_REMINDERS_FROM_HOUR = 9;
/** What was notified is forgotten after this long, once it is no longer due (`prune`). */
const KEEP_DAYS = 90;

const ReminderLog = z.object({
  /** The key of every thing notified (kind, record id, due day), with when. */
  notified: z.record(z.string(), Instant),
  /** What each notification opens when clicked; kept after a restart of the service worker. */
  targets: z.record(z.string(), z.object({ url: z.string(), at: Instant })),
  /** Reminders due while notifications were not allowed: the badge shows them instead. */
  pending: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type ReminderLog = z.infer<typeof ReminderLog>;

const EMPTY_LOG: ReminderLog = { notified: {}, targets: {}, pending: [] };

/** In `storage.local`, so it outlives the service worker (MV3 stops it whenever it is idle). */
export const reminderLogItem = storage.defineItem<ReminderLog>('local:reminderLog', {
  fallback: EMPTY_LOG,
  version: 1,
});

const KIND_SETTING: Record<ReminderKind, keyof ReminderSettings> = {
  prepare: 'prepare',
  'actions-due': 'actionsDue',
  'agreement-review': 'agreementReview',
  'check-in': 'checkIn',
};

/** What a check did: the reminders notified now, and those left on the badge. */
export interface CheckResult {
  notified: string[];
  pending: string[];
  badge: string;
}

/**
 * Starts reminders in the service worker. Call once, synchronously at startup: MV3 only delivers an
 * event to listeners registered in the worker's first turn. Makes sure the periodic alarm exists
 * (idempotent: alarms usually survive restarts, but not always a browser restart), and keeps the
 * badge in step with the database while the worker is awake.
 */
export function startReminders(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM || alarm.name === CHECK_NOW_ALARM) void safely(checkReminders());
  });
  browser.notifications?.onClicked.addListener((id) => void safely(openReminder(id)));
  const onStart = (): void => void safely(checkReminders());
  browser.runtime.onStartup.addListener(onStart);
  browser.runtime.onInstalled.addListener(onStart);
  void safely(ensureAlarm());
  liveQuery(() => dueActionCount(localDay())).subscribe({
    next: () => void safely(updateBadge()),
    error: (error: unknown) => log.error('reminders', error),
  });
}

/** Creates the periodic alarm unless it is there already (re-creating would push its next run back). */
export async function ensureAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REMINDER_ALARM);
  if (existing?.periodInMinutes === CHECK_EVERY_MINUTES) return;
  await browser.alarms.create(REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: CHECK_EVERY_MINUTES });
}

// Checks run one at a time: two at once (an alarm and startup) could both find a thing not yet notified.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Notifies what is due and not notified before, then refreshes the badge. A thing is recorded as
 * notified before its notification is shown, so it is never shown twice, even if the worker is
 * stopped in between. When notifications are not allowed, what is due goes on the badge instead.
 */
export function checkReminders(now: Date = new Date()): Promise<CheckResult> {
  const run = queue.then(() => check(now));
  queue = run.catch(() => undefined);
  return run;
}

async function check(now: Date): Promise<CheckResult> {
  const settings = await readReminderSettings();
  const kinds = new Set((Object.keys(KIND_SETTING) as ReminderKind[]).filter((kind) => settings[KIND_SETTING[kind]]));
  if (now.getHours() < DAY_REMINDERS_FROM_HOUR) {
    kinds.delete('actions-due');
    kinds.delete('agreement-review');
    kinds.delete('check-in');
  }
  const due = await dueReminders({ now, today: localDay(now), kinds, prepareHours: settings.prepareHours });
  const record = prune(await readLog(), due, now);
  const stamp = now.toISOString();
  const notified: string[] = [];
  const pendingOf = (reminder: DueReminder) => ({ id: reminder.id, title: reminderText(reminder, now).title });
  if (await notificationsAllowed()) {
    const fresh = due.filter((reminder) => reminder.keys.some((key) => !record.notified[key]));
    for (const reminder of fresh) {
      for (const key of reminder.keys) record.notified[key] = stamp;
      record.targets[reminder.id] = { url: reminderUrl(reminder), at: stamp };
    }
    record.pending = [];
    await reminderLogItem.setValue(record);
    for (const reminder of fresh) {
      if (await notify(reminder, now)) notified.push(reminder.id);
      else record.pending.push(pendingOf(reminder));
    }
    if (record.pending.length > 0) await reminderLogItem.setValue(record);
  } else {
    record.pending = due.map(pendingOf);
    await reminderLogItem.setValue(record);
  }
  const badge = await updateBadge(now);
  return { notified, pending: record.pending.map((p) => p.id), badge };
}

async function notify(reminder: DueReminder, now: Date): Promise<boolean> {
  const { title, message } = reminderText(reminder, now);
  try {
    await browser.notifications.create(reminder.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
    });
    return true;
  } catch (error) {
    // Turned off between the permission check and now, or not supported here: the badge shows it.
    log.error('reminders', error);
    return false;
  }
}

/**
 * The toolbar badge: open action items due today or overdue, plus reminders that could not be
 * shown as notifications; its tooltip says what they are. Empty when there is nothing.
 */
export async function updateBadge(now: Date = new Date()): Promise<string> {
  const [count, record] = await Promise.all([dueActionCount(localDay(now)), readLog()]);
  const total = count + record.pending.length;
  const text = total === 0 ? '' : total > 99 ? '99+' : String(total);
  const lines = [
    ...(count > 0 ? [`${count} action item${count === 1 ? '' : 's'} due or overdue`] : []),
    ...record.pending.map((p) => p.title),
  ];
  // Firefox's MV2 build has browserAction where Chrome has action.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ text });
  await action.setBadgeBackgroundColor({ color: '#1a4d3a' });
  await action.setTitle({ title: lines.length > 0 ? `Tandem\n${lines.join('\n')}` : 'Tandem' });
  return text;
}

/** A reminder's notification was clicked: open what it is about, and close it. Other notifications are left alone. */
export async function openReminder(notificationId: string): Promise<void> {
  if (!Object.keys(KIND_SETTING).some((kind) => notificationId.startsWith(`${kind}:`))) return;
  const target = (await readLog()).targets[notificationId];
  await browser.notifications.clear(notificationId);
  if (target) await browser.tabs.create({ url: target.url });
}

/** The words of a reminder's notification. */
export function reminderText(reminder: DueReminder, now: Date): { title: string; message: string } {
  const name = reminder.relationship.other.name;
  switch (reminder.kind) {
    case 'prepare': {
      const start = reminder.session?.start;
      return {
        title: `Prepare for your session with ${name}`,
        message: `${start ? `${when(start, now)}. ` : ''}Add your questions to the agenda.`,
      };
    }
    case 'actions-due': {
      const items = reminder.items ?? [];
      return {
        title: `Due tomorrow with ${name}: ${items.length} action item${items.length === 1 ? '' : 's'}`,
        message: items.map((item) => item.text).join(' · '),
      };
    }
    case 'agreement-review':
      return {
        title: `Time to review your agreement with ${name}`,
        message: 'Cadence, length, roles, expectations and boundaries: are they still right for you both?',
      };
    case 'check-in':
      return {
        title: `How is mentoring with ${name} going?`,
        message: 'A private check-in takes a minute: progress toward your goals, and how you work together.',
      };
  }
}

/** What clicking the reminder opens: the session's agenda, or the part of the options page it is about. */
export function reminderUrl(reminder: DueReminder): string {
  const id = reminder.relationship.id;
  switch (reminder.kind) {
    case 'prepare':
    case 'actions-due':
      return (reminder.session && sessionUrl(reminder.session)) ?? optionsUrl(id, 'actions');
    case 'agreement-review':
      return optionsUrl(id, 'agreement');
    case 'check-in':
      return optionsUrl(id, 'check-in');
  }
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' });

/** "Today at 15:00", "Tomorrow at 9:30", else "Thursday 15:00" (all-day sessions: the day). */
function when(start: string, now: Date): string {
  if (start.length === 10) return start === localDay(now) ? 'Today' : start;
  const at = new Date(start);
  const day = localDay(at);
  if (day === localDay(now)) return `Today at ${timeOfDay.format(at)}`;
  if (day === localDay(new Date(now.getTime() + 86_400_000))) return `Tomorrow at ${timeOfDay.format(at)}`;
  return dayAndTime.format(at);
}

async function readLog(): Promise<ReminderLog> {
  const parsed = ReminderLog.safeParse(await reminderLogItem.getValue());
  if (parsed.success) return parsed.data;
  // Unreadable: start over. The worst case is a reminder shown once more, never one lost.
  log.error('reminders', parsed.error);
  return structuredClone(EMPTY_LOG);
}

/**
 * Forgets, after `KEEP_DAYS`, what was notified for things no longer due: those cannot come due
 * again (a key names its due day), while one still due (a review date never moved) stays known.
 */
function prune(current: ReminderLog, due: readonly DueReminder[], now: Date): ReminderLog {
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
  const stillDue = new Set(due.flatMap((reminder) => reminder.keys));
  return {
    notified: Object.fromEntries(
      Object.entries(current.notified).filter(([key, at]) => at >= cutoff || stillDue.has(key)),
    ),
    targets: Object.fromEntries(Object.entries(current.targets).filter(([, target]) => target.at >= cutoff)),
    pending: current.pending,
  };
}

async function safely(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    log.error('reminders', error);
  }
}
