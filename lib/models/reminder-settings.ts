import { type ReadonlySignal, signal } from '@preact/signals';
import { requestReminderCheck } from '../reminders';
import {
  notificationsAllowed,
  type ReminderSettings,
  readReminderSettings,
  reminderSettingsItem,
  saveReminderSettings,
} from '../settings';
import { explain } from './explain';

export interface ReminderSettingsModel {
  /** `null` until read. */
  settings: ReadonlySignal<ReminderSettings | null>;
  /** Whether notifications can be shown; `null` until known. When not, reminders go to the badge. */
  notifications: ReadonlySignal<boolean | null>;
  problem: ReadonlySignal<string | null>;
  /** Saves at once (a switch needs no save button) and has the background check again. */
  change(patch: Partial<ReminderSettings>): Promise<boolean>;
  dispose(): void;
}

/** Options → Reminders: each kind on or off, how long before a session, and whether notifications work. */
export function createReminderSettings(): ReminderSettingsModel {
  const settings = signal<ReminderSettings | null>(null);
  const notifications = signal<boolean | null>(null);
  const problem = signal<string | null>(null);
  void readReminderSettings().then((value) => {
    settings.value = value;
  });
  void notificationsAllowed().then(
    (allowed) => {
      notifications.value = allowed;
    },
    () => {
      notifications.value = false;
    },
  );
  // Another options tab may change them too.
  const unwatch = reminderSettingsItem.watch(() => {
    void readReminderSettings().then((value) => {
      settings.value = value;
    });
  });

  return {
    settings,
    notifications,
    problem,
    async change(patch) {
      const current = settings.value;
      if (!current) return false;
      try {
        const next = { ...current, ...patch };
        await saveReminderSettings(next);
        settings.value = next;
        problem.value = null;
        requestReminderCheck();
        return true;
      } catch (error) {
        problem.value = `Could not save the reminder settings: ${explain(error)}`;
        return false;
      }
    },
    dispose: unwatch,
  };
}
