import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { addDays } from '../dates';
import { db } from '../db/database';
import { type LiveState, liveSignal } from '../db/live';
import { log } from '../log';
import type { SyncRequest } from '../messaging';
import type { Account } from '../sync/account';
import { changeCadence, scheduleSeries } from '../sync/schedule';
import { activeSeries, offRhythmOf, type SeriesStatus, seriesStatusOf } from '../sync/series-status';
import { browserTimeZone, instantAt, isTimeZone, wallClock } from '../zoned-time';
import { explain } from './explain';
import type { FieldErrors } from './form';

/** When the first session is: a day and a time on the wall clock of a zone. */
export interface SeriesDraft {
  day: string;
  time: string;
  timeZone: string;
}

export interface SeriesScheduler {
  /** The relationship's linked series with their state, live. */
  series: ReadonlySignal<LiveState<SeriesStatus[]>>;
  /** The series Tandem scheduled that still runs (no end, or one ahead), if any. */
  active: ReadonlySignal<SeriesStatus | null>;
  /** The active series when its rule no longer matches the agreement's cadence. */
  offRhythm: ReadonlySignal<SeriesStatus | null>;
  /** "Schedule recurring sessions": the first session. */
  draft: ReadonlySignal<SeriesDraft>;
  /** "Move to the new rhythm": the first session in the new rhythm (in the old series' zone). */
  moveDraft: ReadonlySignal<SeriesDraft | null>;
  errors: ReadonlySignal<FieldErrors>;
  moveErrors: ReadonlySignal<FieldErrors>;
  busy: ReadonlySignal<boolean>;
  /** What the last action came to, in words; `problem` when it failed. */
  outcome: ReadonlySignal<{ kind: 'done' | 'problem'; text: string } | null>;
  set<K extends keyof SeriesDraft>(key: K, value: SeriesDraft[K]): void;
  setMove<K extends keyof SeriesDraft>(key: K, value: SeriesDraft[K]): void;
  schedule(): Promise<boolean>;
  moveToNewRhythm(): Promise<boolean>;
  dispose(): void;
}

export interface SeriesSchedulerOptions {
  relationshipId: string;
  /** The user's day, YYYY-MM-DD. */
  today: string;
  /** The Google account, for the calendar id and what to tell the user. */
  account: ReadonlySignal<Account | null>;
  now?: () => Date;
  /** Wakes the background to send what waits (`sync/now`); fire and forget. */
  wake?: () => void;
}

/**
 * Scheduling a relationship's recurring sessions on Google Calendar from its agreement, and moving
 * them to a new rhythm when the agreement's cadence changes. Both work offline and signed out: the
 * series is linked and its sessions exist at once, and the write waits in the outbox.
 */
export function createSeriesScheduler(options: SeriesSchedulerOptions): SeriesScheduler {
  const { relationshipId, today } = options;
  const now = options.now ?? (() => new Date());
  const wake = options.wake ?? wakeBackground;
  const live = liveSignal(async () => {
    const relationship = await db.relationships.get(relationshipId);
    if (!relationship) return { relationship, series: [] };
    return { relationship, series: await seriesStatusOf(relationship) };
  });
  const series = computed<LiveState<SeriesStatus[]>>(() => {
    const state = live.state.value;
    return state.status === 'ready' ? { status: 'ready', value: state.value.series } : state;
  });
  const active = computed(() => {
    const state = live.state.value;
    return state.status === 'ready' ? activeSeries(state.value.series, now()) : null;
  });
  const offRhythm = computed(() => {
    const state = live.state.value;
    const current = active.value;
    if (state.status !== 'ready' || !state.value.relationship || !current) return null;
    return offRhythmOf(state.value.relationship, current) ? current : null;
  });

  const draft = signal<SeriesDraft>({ day: addDays(today, 1), time: '10:00', timeZone: browserTimeZone() });
  const moveOverride = signal<Partial<SeriesDraft> | null>(null);
  const moveDraft = computed<SeriesDraft | null>(() => {
    const off = offRhythm.value;
    if (!off?.start) return null;
    const timeZone = off.timeZone ?? 'UTC';
    const wall = wallClock(new Date(off.start), timeZone);
    return { day: addDays(today, 1), time: wall.time, timeZone, ...moveOverride.value };
  });
  const submitted = signal<'schedule' | 'move' | null>(null);
  const errors = computed(() => (submitted.value === 'schedule' ? validate(draft.value, now()).errors : {}));
  const moveErrors = computed(() =>
    submitted.value === 'move' && moveDraft.value ? validate(moveDraft.value, now()).errors : {},
  );
  const busy = signal(false);
  const outcome = signal<{ kind: 'done' | 'problem'; text: string } | null>(null);

  const whereItGoes = () =>
    options.account.value?.status === 'signed-in'
      ? 'It is on its way to your Google Calendar; until Google has it, it waits on this device.'
      : 'It waits on this device and goes to your Google Calendar once you connect it (Google account, below).';

  async function run(what: 'schedule' | 'move', action: () => Promise<string>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    outcome.value = null;
    try {
      outcome.value = { kind: 'done', text: await action() };
      submitted.value = null;
      wake();
      return true;
    } catch (error) {
      outcome.value = {
        kind: 'problem',
        text: `Could not ${what === 'schedule' ? 'schedule the sessions' : 'move the series'}: ${explain(error)}`,
      };
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    series,
    active,
    offRhythm,
    draft,
    moveDraft,
    errors,
    moveErrors,
    busy,
    outcome,
    set(key, value) {
      draft.value = { ...draft.value, [key]: value };
    },
    setMove(key, value) {
      moveOverride.value = { ...moveOverride.value, [key]: value };
    },
    async schedule() {
      submitted.value = 'schedule';
      const checked = validate(draft.value, now());
      if (!checked.firstStart) return false;
      const firstStart = checked.firstStart;
      const calendarId = options.account.value?.primaryId;
      return run('schedule', async () => {
        await scheduleSeries(relationshipId, {
          firstStart,
          timeZone: draft.value.timeZone,
          ...(calendarId ? { calendarId } : {}),
          at: now(),
        });
        return `Recurring sessions scheduled. ${whereItGoes()}`;
      });
    },
    async moveToNewRhythm() {
      submitted.value = 'move';
      const move = moveDraft.value;
      const checked = move ? validate(move, now()) : null;
      if (!move || !checked?.firstStart) return false;
      const from = checked.firstStart;
      return run('move', async () => {
        const relationship = await db.relationships.get(relationshipId);
        if (!relationship) throw new Error('the relationship was deleted');
        await changeCadence(relationshipId, relationship.agreement, { from, timeZone: move.timeZone, at: now() });
        moveOverride.value = null;
        return `The calendar series moves to the new rhythm: the old one ends before the first new session. ${whereItGoes()}`;
      });
    },
    dispose: live.dispose,
  };
}

/** The first start, or what is wrong with the draft (by field). */
export function validate(draft: SeriesDraft, now: Date): { firstStart: Date | null; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day) || Number.isNaN(Date.parse(`${draft.day}T00:00:00Z`))) {
    errors.day = 'Choose a day';
  }
  if (!/^\d{2}:\d{2}$/.test(draft.time)) errors.time = 'Choose a time';
  if (!isTimeZone(draft.timeZone)) errors.timeZone = 'Choose a time zone this browser knows';
  if (Object.keys(errors).length > 0) return { firstStart: null, errors };
  const firstStart = instantAt(draft.day, draft.time, draft.timeZone);
  if (!firstStart) return { firstStart: null, errors: { day: 'Choose a day that exists' } };
  if (firstStart.getTime() <= now.getTime()) {
    return { firstStart: null, errors: { day: 'That time has passed: choose a later day or time' } };
  }
  return { firstStart, errors: {} };
}

function wakeBackground(): void {
  const request: SyncRequest = { ns: 'tandem', type: 'sync/now' };
  browser.runtime.sendMessage(request).catch((error: unknown) => log.debug('options', `sync/now: ${explain(error)}`));
}
