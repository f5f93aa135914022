import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReminderSettings } from '../../../lib/models/reminder-settings';
import { CHECK_NOW_ALARM } from '../../../lib/reminders';
import { DEFAULT_REMINDER_SETTINGS, readReminderSettings, reminderSettingsItem } from '../../../lib/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

async function loaded() {
  const model = createReminderSettings();
  await expect.poll(() => model.settings.value).not.toBeNull();
  return model;
}

describe('reminder settings', () => {
  it('start from the defaults, save each switch at once and ask for a check', async () => {
    Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => 'granted' });
    const model = await loaded();
    expect(model.settings.value).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(await model.change({ checkIn: false, prepareHours: 2 })).toBe(true);
    expect(await readReminderSettings()).toEqual({ ...DEFAULT_REMINDER_SETTINGS, checkIn: false, prepareHours: 2 });
    expect(await fakeBrowser.alarms.get(CHECK_NOW_ALARM)).toBeDefined();
    await expect.poll(() => model.notifications.value).toBe(true);
    model.dispose();
  });

  it('refuse what is not a setting, and read anything unreadable as the defaults', async () => {
    Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => 'denied' });
    const model = await loaded();
    expect(await model.change({ prepareHours: 0 })).toBe(false);
    expect(model.problem.value).toBe('Could not save the reminder settings: prepareHours at least 1 hour');
    await expect.poll(() => model.notifications.value).toBe(false);
    model.dispose();

    await reminderSettingsItem.setValue({ prepare: 'yes' } as never);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await readReminderSettings()).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(logged).toHaveBeenCalledOnce();
  });
});
