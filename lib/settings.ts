import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import { log } from './log';

/** Which reminders the user wants (options → Reminders). Each kind can be switched off on its own. */
export const ReminderSettings = z.object({
  /** "Add your questions" before a session whose agenda has nothing from you yet. */
  prepare: z.boolean(),
  /** How long before the session. */
  prepareHours: z.number().check(z.int(), z.gte(1, 'at least 1 hour'), z.lte(168, 'at most a week')),
  /** Action items due tomorrow. */
  actionsDue: z.boolean(),
  /** The agreement's review date has come. */
  agreementReview: z.boolean(),
  /** A private check-in four weeks after the last one. */
  checkIn: z.boolean(),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  prepare: true,
  prepareHours: 24,
  actionsDue: true,
  agreementReview: true,
  checkIn: true,
};

/**
 * Stored in `storage.local`: a small setting, versioned so a later shape can migrate it
 * (style.md). Version 1 is the first.
 */
export const reminderSettingsItem = storage.defineItem<ReminderSettings>('local:reminderSettings', {
  fallback: DEFAULT_REMINDER_SETTINGS,
  version: 1,
});

/** The stored settings, validated; anything unreadable falls back to the defaults (and is logged). */
export async function readReminderSettings(): Promise<ReminderSettings> {
  const stored = await reminderSettingsItem.getValue();
  const parsed = ReminderSettings.safeParse(stored);
  if (parsed.success) return parsed.data;
  log.error('settings', parsed.error);
  return DEFAULT_REMINDER_SETTINGS;
}

/** Validates and stores the settings; invalid settings throw and nothing is stored. */
export async function saveReminderSettings(settings: ReminderSettings): Promise<void> {
  await reminderSettingsItem.setValue(ReminderSettings.parse(settings));
}

/**
 * Whether this browser lets Tandem show notifications: the API is there and, where the browser can
 * tell (Chrome), they are not turned off for Tandem. When not, reminders show on the toolbar badge.
 */
export async function notificationsAllowed(): Promise<boolean> {
  const api = browser.notifications;
  if (!api?.create) return false;
  if (typeof api.getPermissionLevel !== 'function') return true;
  return (await api.getPermissionLevel()) === 'granted';
}
