import { browser } from 'wxt/browser';
import { log } from './log';

/** The background's periodic reminder check (lib/background/reminders.ts). */
export const REMINDER_ALARM = 'tandem-reminders';
/** A one-off check, soon: what extension pages ask for after a change that the badge or reminders depend on. */
export const CHECK_NOW_ALARM = 'tandem-reminders-now';

/**
 * Asks the background to check reminders and refresh the toolbar badge now. An alarm rather than a
 * message: it also wakes a stopped service worker, and needs no reply. (Chrome fires an installed
 * extension's alarm 30 s later at the soonest; unpacked, at once.)
 */
export function requestReminderCheck(): void {
  browser.alarms.create(CHECK_NOW_ALARM, { when: Date.now() }).catch((error: unknown) => log.error('reminders', error));
}
