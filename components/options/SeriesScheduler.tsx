import { rruleParts } from '../../lib/cadence';
import type { Relationship } from '../../lib/model/relationship';
import type { SeriesDraft, SeriesScheduler } from '../../lib/models/series-scheduler';
import type { SeriesStatus } from '../../lib/sync/series-status';
import { timeZones, wallClock } from '../../lib/zoned-time';
import { DateField, Field } from '../Field';
import { cadenceLabel, fullDayLabel } from '../format';

/**
 * The agreement's rhythm as a recurring series on the user's Google Calendar: the series linked to
 * the relationship and whether Google has them, "Schedule recurring sessions" (first day, time, zone),
 * and, when the agreement's cadence changed, moving the series Tandem scheduled to the new rhythm.
 */
export function SeriesSchedulerPart({
  model,
  relationship,
  available,
}: {
  model: SeriesScheduler | null;
  relationship: Relationship;
  /** Whether this build can sync with Google at all. */
  available: boolean;
}) {
  if (!available || !model) {
    return (
      <p class="muted" id="part-series">
        Putting these sessions on Google Calendar needs Google Calendar sync, which this copy of Tandem was built
        without (see Google account, below). You can still track a Calendar event as a mentoring session from its panel
        in Calendar.
      </p>
    );
  }
  const state = model.series.value;
  const series = state.status === 'ready' ? state.value : [];
  const outcome = model.outcome.value;
  return (
    <section class="series" aria-labelledby="part-series">
      <h4 id="part-series" tabIndex={-1}>
        Recurring sessions on Google Calendar
      </h4>
      {series.length === 0 ? (
        <p class="muted">No calendar series is linked to {relationship.other.name} yet.</p>
      ) : (
        <ul class="plain series-list" aria-label="Linked calendar series">
          {series.map((s) => (
            <SeriesItem key={`${s.calendarId} ${s.seriesId}`} series={s} />
          ))}
        </ul>
      )}
      {outcome && (
        <p
          class={outcome.kind === 'problem' ? 'error' : 'callout'}
          role={outcome.kind === 'problem' ? 'alert' : 'status'}
        >
          {outcome.text}
        </p>
      )}
      {model.offRhythm.value ? (
        <MoveForm model={model} relationship={relationship} />
      ) : model.active.value ? (
        <p class="muted">
          The series runs in the agreed rhythm. When you change the rhythm in the agreement, Tandem offers to move it.
        </p>
      ) : (
        <ScheduleForm model={model} relationship={relationship} />
      )}
    </section>
  );
}

const STATE_NAMES: Record<SeriesStatus['state'], string> = {
  waiting: 'waiting to be sent',
  'on-calendar': 'on your calendar',
  'not-synced': 'not read from Google yet',
};

function SeriesItem({ series }: { series: SeriesStatus }) {
  return (
    <li>
      <span>{describeSeries(series)}</span>
      <span class="chip" data-state={series.state}>
        {STATE_NAMES[series.state]}
      </span>
    </li>
  );
}

/** "Every 2 weeks at 16:00 (Europe/Berlin), from 1 Dec 2026, until 15 Dec 2026". */
export function describeSeries(series: SeriesStatus): string {
  if (!series.start) return series.byTandem ? 'Scheduled by Tandem' : 'Tracked from Google Calendar';
  const zone = series.timeZone ?? 'UTC';
  const wall = wallClock(new Date(series.start), zone);
  const rhythm = series.rule ? cadenceLabel({ kind: 'custom', rrule: withoutEnd(series.rule) }) : 'once';
  const parts = [
    `${rhythm.charAt(0).toUpperCase()}${rhythm.slice(1)} at ${wall.time} (${zone})`,
    `from ${fullDayLabel(wall.day)}`,
  ];
  if (series.until) parts.push(`until ${fullDayLabel(wallClock(new Date(series.until), zone).day)}`);
  return parts.join(', ');
}

function withoutEnd(rule: string): string {
  const parts = rruleParts(rule);
  parts.delete('UNTIL');
  parts.delete('COUNT');
  return [...parts].map(([name, value]) => `${name}=${value}`).join(';');
}

function ScheduleForm({ model, relationship }: { model: SeriesScheduler; relationship: Relationship }) {
  const draft = model.draft.value;
  const errors = model.errors.value;
  const email = relationship.other.email;
  return (
    <form
      class="editor"
      aria-labelledby="schedule-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void model.schedule();
      }}
    >
      <h5 id="schedule-heading">Schedule recurring sessions</h5>
      <p class="muted">
        A recurring event on your Google Calendar in the agreed rhythm and length, with a Google Meet link when the
        agreement includes video, and a note that the agenda lives in Tandem.{' '}
        {email
          ? `${relationship.other.name} (${email}) is invited.`
          : `Nobody is invited: add ${relationship.other.name}’s email in the details above so that Google sends them the invitation.`}
      </p>
      <DraftFields draft={draft} errors={errors} set={model.set} dayLabel="First session on" />
      <div class="row">
        <button type="submit" class="primary" disabled={model.busy.value}>
          Schedule recurring sessions
        </button>
      </div>
    </form>
  );
}

function MoveForm({ model, relationship }: { model: SeriesScheduler; relationship: Relationship }) {
  const draft = model.moveDraft.value;
  const off = model.offRhythm.value;
  if (!draft || !off) return null;
  return (
    <form
      class="editor"
      aria-labelledby="move-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void model.moveToNewRhythm();
      }}
    >
      <h5 id="move-heading">The agreed rhythm changed</h5>
      <p>
        The series Tandem scheduled ({describeSeries(off)}) no longer matches the agreement (
        {cadenceLabel(relationship.agreement.cadence)}). Moving it ends that series before the first session in the new
        rhythm and starts a new one from there, as Calendar’s “this and following events” does. Earlier sessions and
        their notes stay as they are.
      </p>
      <DraftFields
        draft={draft}
        errors={model.moveErrors.value}
        set={model.setMove}
        dayLabel="First session in the new rhythm"
      />
      <div class="row">
        <button type="submit" class="primary" disabled={model.busy.value}>
          Move the calendar series to the new rhythm
        </button>
      </div>
    </form>
  );
}

function DraftFields({
  draft,
  errors,
  set,
  dayLabel,
}: {
  draft: SeriesDraft;
  errors: Readonly<Record<string, string>>;
  set: <K extends keyof SeriesDraft>(key: K, value: SeriesDraft[K]) => void;
  dayLabel: string;
}) {
  return (
    <div class="grid2">
      <DateField label={dayLabel} value={draft.day} error={errors.day} onChange={(day) => set('day', day)} />
      <Field label="At" error={errors.time}>
        {(control) => (
          <input {...control} type="time" value={draft.time} onInput={(e) => set('time', e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Time zone" error={errors.timeZone}>
        {(control) => (
          <select {...control} value={draft.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)}>
            {timeZones(draft.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
