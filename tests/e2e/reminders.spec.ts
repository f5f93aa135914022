import { resolve } from 'node:path';
import type { Worker } from '@playwright/test';
import { encodeEid } from '../../lib/hosts/calendar/eid.ts';
import { expect, test } from './fixtures';

/** Morgan (active: a session tomorrow, items overdue, due today and tomorrow, review date passed) and Riley (paused). */
const REVIEW = resolve(import.meta.dirname, '../fixtures/backups/goals-review.json');
const MORGAN = '00000000-0000-4000-8000-000000000001';
const NEXT_SESSION = '00000000-0000-4000-8000-000000000008';
const NEXT_EVENT = { calendarId: 'morgan.mentor@gmail.com', eventId: '4mentoringseries0000000000_20261124T150000Z' };
/** Monday 23 Nov 2026, 16:00 UTC (the browser runs in UTC): after 9:00, within 24 hours of the session. */
const NOW = Date.parse('2026-11-23T16:00:00Z');

// The extension's service worker, driven as Chrome would: its own alarm, its own listeners.
type Chrome = {
  alarms: {
    create(name: string, info: { when: number }): Promise<void>;
    get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
    onClicked: { dispatch(id: string): void };
  };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, { notified: Record<string, string> }>> } };
};

/** Fakes the worker's clock: `Date` says `now` and moves on from there. Gone when the worker stops. */
function fakeClock(worker: Worker, now: number): Promise<void> {
  return worker.evaluate((at) => {
    const Real = Date;
    const offset = at - Real.now();
    class FakeDate extends Real {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(Real.now() + offset);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return Real.now() + offset;
      }
    }
    globalThis.Date = FakeDate as DateConstructor;
  }, now);
}

/** Fires the background's "check now" alarm (its `when` in real time: the alarm clock is the browser's). */
function fireAlarm(worker: Worker): Promise<void> {
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create('tandem-reminders-now', {
      when: performance.timeOrigin + performance.now(),
    }),
  );
}

const notifications = (worker: Worker) =>
  worker.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()).sort(),
  );
const notified = (worker: Worker) =>
  worker.evaluate(async () =>
    Object.keys(
      (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('reminderLog')).reminderLog
        ?.notified ?? {},
    ),
  );

test('the alarm checks in the service worker: notifications once, the badge, and a click opens the session', async ({
  options,
  browserWithExtension,
}) => {
  const { context } = browserWithExtension;
  await options.seed(REVIEW);
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  await fakeClock(worker, NOW);
  const expected = [
    `actions-due:${MORGAN}:2026-11-24`,
    `agreement-review:${MORGAN}:2026-11-20`,
    `check-in:${MORGAN}:2026-09-01`,
    `prepare:${NEXT_SESSION}:2026-11-24`,
  ];

  await fireAlarm(worker);
  await expect.poll(() => notifications(worker)).toEqual(expected);
  // Due today or overdue, of the active relationship: the self-review (20 Nov) and the ladder doc (today).
  await expect
    .poll(() => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({})))
    .toBe('2');
  expect(await worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getTitle({}))).toBe(
    'Tandem\n2 action items due or overdue',
  );

  // Clicking "prepare" opens the session's event in Calendar, and the notification goes.
  const opened = context.waitForEvent('page');
  await worker.evaluate(
    (id) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.onClicked.dispatch(id),
    `prepare:${NEXT_SESSION}:2026-11-24`,
  );
  await expect(await opened).toHaveURL(`https://calendar.google.com/calendar/r/eventedit/${encodeEid(NEXT_EVENT)}`);
  await expect.poll(() => notifications(worker)).toHaveLength(3);

  // The review reminder opens the agreement in options.
  const agreement = context.waitForEvent('page');
  await worker.evaluate(
    (id) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.onClicked.dispatch(id),
    `agreement-review:${MORGAN}:2026-11-20`,
  );
  const page = await agreement;
  await expect(page).toHaveURL(new RegExp(`/options\\.html#relationship=${MORGAN}&part=agreement$`));
  await expect(page.getByRole('heading', { name: 'Agreement' })).toBeFocused();

  // Never twice: gone from the screen, checked again, not shown again.
  for (const id of await notifications(worker)) {
    await worker.evaluate((n) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.clear(n), id);
  }
  await fireAlarm(worker);
  // What was notified is remembered by thing (kind, record id, due day): the four of them.
  await expect.poll(() => notified(worker)).toHaveLength(4);
  await options.page.waitForTimeout(1000);
  expect(await notifications(worker)).toEqual([]);

  // The worker is stopped, as MV3 does whenever it is idle; a page's "check now" wakes it.
  const cdp = await context.newCDPSession(options.page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await options.page.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create('tandem-reminders-now', { when: Date.now() }),
  );
  await expect
    .poll(() =>
      worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get('tandem-reminders')),
    )
    .toMatchObject({ periodInMinutes: 15 });
  await fakeClock(worker, NOW + 15 * 60_000);
  await fireAlarm(worker);
  await options.page.waitForTimeout(1000);
  expect(await notifications(worker)).toEqual([]);

  // Ticking the overdue item off in the popup brings the badge down.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
  await popup.getByRole('checkbox', { name: /^Done: Draft the self-review/ }).click();
  await expect
    .poll(() => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({})))
    .toBe('1');
});
