import type { ReminderSettingsModel } from '../../lib/models/reminder-settings';
import type { ReminderSettings } from '../../lib/settings';
import { Field } from '../Field';
import { StoredCheckbox } from '../StoredCheckbox';

type Switch = Exclude<keyof ReminderSettings, 'prepareHours'>;

const SWITCHES: readonly [Switch, string][] = [
  ['prepare', 'Before a session, if its agenda has nothing from you yet: “add your questions”'],
  ['actionsDue', 'Action items due tomorrow'],
  ['agreementReview', 'When an agreement’s review date comes'],
  ['checkIn', 'When a private check-in is due'],
];

/** Options → Reminders: each kind on or off, and what happens when notifications are not allowed. */
export function RemindersSection({ model }: { model: ReminderSettingsModel }) {
  const settings = model.settings.value;
  return (
    <section aria-labelledby="reminders-heading" class="card">
      <h2 id="reminders-heading">Reminders</h2>
      <p class="muted">
        Tandem checks every 15 minutes, also after the browser restarts, and never reminds you twice of the same thing.
        The toolbar button counts action items due today or overdue. Paused and ended relationships stay quiet.
      </p>
      {model.notifications.value === false && (
        <p class="callout" role="status">
          Notifications are turned off for Tandem in this browser or on this computer, so reminders show as a count on
          the Tandem toolbar button instead (hover over it to read them). To get notifications, allow them for Tandem in
          your browser’s and system’s notification settings.
        </p>
      )}
      {settings === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <fieldset>
          <legend>Remind me</legend>
          <ul class="plain">
            {SWITCHES.map(([key, label]) => (
              <li key={key}>
                <label class="check">
                  <StoredCheckbox checked={settings[key]} onChange={(on) => model.change({ [key]: on })} />
                  {label}
                </label>
              </li>
            ))}
          </ul>
          <Field label="How long before a session">
            {(control) => (
              <select
                {...control}
                value={String(settings.prepareHours)}
                disabled={!settings.prepare}
                onChange={(e) => void model.change({ prepareHours: Number(e.currentTarget.value) })}
              >
                <option value="2">2 hours</option>
                <option value="12">12 hours</option>
                <option value="24">24 hours</option>
                <option value="48">2 days</option>
              </select>
            )}
          </Field>
        </fieldset>
      )}
      {model.problem.value && (
        <p class="error" role="alert">
          {model.problem.value}
        </p>
      )}
    </section>
  );
}
