import { signal } from '@preact/signals';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../lib/db/database';
import { updateAgreement } from '../../../lib/db/relationships';
import type { Relationship } from '../../../lib/model/relationship';
import { createSeriesScheduler, validate } from '../../../lib/models/series-scheduler';
import type { Account } from '../../../lib/sync/account';
import { drainOutbox } from '../../../lib/sync/outbox';
import { activeSeries, offRhythmOf, type SeriesStatus, seriesStatusOf } from '../../../lib/sync/series-status';
import { CALENDAR, menteeRelationship, unlinkedRelationship } from '../db/factory';
import { miniGoogle } from '../sync/mini-google';

const NOW = new Date('2026-11-23T10:00:00Z');
const now = () => NOW;

beforeEach(async () => {
  await db.delete();
  await db.open();
});

function scheduler(relationship: Relationship, account: Account | null = { status: 'signed-in', primaryId: CALENDAR }) {
  const wake = vi.fn();
  const model = createSeriesScheduler({
    relationshipId: relationship.id,
    today: '2026-11-23',
    account: signal(account),
    now,
    wake,
  });
  return { model, wake };
}

async function ready(model: ReturnType<typeof scheduler>['model']) {
  await vi.waitFor(() => expect(model.series.value.status).toBe('ready'));
}

describe('validate the first session', () => {
  it.each([
    [{ day: '2026-12-01', time: '16:00', timeZone: 'Europe/Berlin' }, '2026-12-01T15:00:00.000Z', {}],
    [{ day: '', time: '16:00', timeZone: 'UTC' }, null, { day: 'Choose a day' }],
    [{ day: '2026-12-01', time: '', timeZone: 'UTC' }, null, { time: 'Choose a time' }],
    [
      { day: '2026-12-01', time: '16:00', timeZone: 'Mars/Olympus' },
      null,
      { timeZone: 'Choose a time zone this browser knows' },
    ],
    [{ day: '2026-02-30', time: '16:00', timeZone: 'UTC' }, null, { day: 'Choose a day that exists' }],
    [
      { day: '2026-11-23', time: '09:00', timeZone: 'UTC' },
      null,
      { day: 'That time has passed: choose a later day or time' },
    ],
  ])('%j', (draft, firstStart, errors) => {
    const result = validate(draft, NOW);
    expect([result.firstStart?.toISOString() ?? null, result.errors]).toEqual([firstStart, errors]);
  });
});

describe('series scheduler', () => {
  it('schedules from the agreement on the primary calendar, at once and offline, and wakes the background', async () => {
    const relationship = await unlinkedRelationship();
    const { model, wake } = scheduler(relationship);
    await ready(model);
    expect(model.series.value).toEqual({ status: 'ready', value: [] });
    expect(model.draft.value).toMatchObject({ day: '2026-11-24', time: '10:00' });

    model.set('day', '2026-11-23');
    expect(await model.schedule()).toBe(false);
    expect(model.errors.value).toEqual({ day: 'That time has passed: choose a later day or time' });
    expect(await db.outbox.count()).toBe(0);

    model.set('day', '2026-12-01');
    model.set('time', '16:00');
    model.set('timeZone', 'Europe/Berlin');
    expect(await model.schedule()).toBe(true);
    expect(model.errors.value).toEqual({});
    expect(model.outcome.value?.text).toMatch(
      /^Recurring sessions scheduled\. It is on its way to your Google Calendar/,
    );
    expect(wake).toHaveBeenCalledOnce();
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ kind: 'insert-series', calendarId: CALENDAR, relationshipId: relationship.id });
    await vi.waitFor(() =>
      expect(model.series.value).toMatchObject({
        status: 'ready',
        value: [
          {
            calendarId: CALENDAR,
            state: 'waiting',
            byTandem: true,
            start: '2026-12-01T16:00:00+01:00',
            timeZone: 'Europe/Berlin',
            rule: 'RRULE:FREQ=WEEKLY;BYDAY=TU',
          },
        ],
      }),
    );
    // Running in the agreed rhythm: nothing to move, and no second series offered.
    expect(model.active.value?.seriesId).toBe(op?.eventId);
    expect(model.offRhythm.value).toBeNull();

    // Google takes it: on the calendar.
    const google = miniGoogle();
    await drainOutbox(google.client, { now });
    await vi.waitFor(() => expect(model.series.value).toMatchObject({ value: [{ state: 'on-calendar' }] }));
    model.dispose();
  });

  it('signed out, it says the series waits until Google Calendar is connected; a failed write is explained', async () => {
    const relationship = await unlinkedRelationship();
    const { model } = scheduler(relationship, { status: 'signed-out' });
    await ready(model);
    model.set('day', '2026-12-01');
    expect(await model.schedule()).toBe(true);
    expect(model.outcome.value?.text).toContain('goes to your Google Calendar once you connect it');
    // Scheduled under `primary` until the real id is known.
    expect((await db.outbox.toArray())[0]?.calendarId).toBe('primary');

    await db.relationships.delete(relationship.id);
    model.set('day', '2026-12-02');
    expect(await model.schedule()).toBe(false);
    expect(model.outcome.value).toEqual({
      kind: 'problem',
      text: `Could not schedule the sessions: no relationship ${relationship.id}`,
    });
    model.dispose();
  });

  it('a new cadence offers to move the series Tandem scheduled: the old one ends, a new one starts', async () => {
    const relationship = await unlinkedRelationship();
    const { model, wake } = scheduler(relationship);
    await ready(model);
    model.set('day', '2026-12-01');
    model.set('time', '16:00');
    model.set('timeZone', 'Europe/Berlin');
    await model.schedule();
    const [insert] = await db.outbox.toArray();
    await vi.waitFor(() => expect(model.active.value).not.toBeNull());
    expect(model.moveDraft.value).toBeNull();

    await updateAgreement(relationship.id, { ...relationship.agreement, cadence: { kind: 'biweekly' } });
    await vi.waitFor(() => expect(model.offRhythm.value?.seriesId).toBe(insert?.eventId));
    expect(model.moveDraft.value).toEqual({ day: '2026-11-24', time: '16:00', timeZone: 'Europe/Berlin' });

    model.setMove('day', '2026-12-15');
    expect(await model.moveToNewRhythm()).toBe(true);
    expect(wake).toHaveBeenCalledTimes(2);
    const ops = await db.outbox.toArray();
    expect(ops.map((op) => op.kind)).toEqual(['insert-series', 'insert-series', 'end-series']);
    expect(ops[2]).toMatchObject({ eventId: insert?.eventId, before: '2026-12-15T15:00:00.000Z' });
    await vi.waitFor(() =>
      expect(model.series.value).toMatchObject({
        value: [
          { seriesId: insert?.eventId, until: '2026-12-15T14:59:59.000Z', state: 'waiting' },
          { rule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', start: '2026-12-15T16:00:00+01:00', state: 'waiting' },
        ],
      }),
    );
    expect(model.offRhythm.value).toBeNull();
    model.dispose();
  });
});

describe('series status', () => {
  it('a series tracked in Calendar but never read is "not read from Google yet", not Tandem’s', async () => {
    const { id } = await menteeRelationship();
    const relationship = (await db.relationships.get(id)) as Relationship;
    expect(await seriesStatusOf(relationship)).toEqual([
      { calendarId: CALENDAR, seriesId: '4mentoringseries0000000000', state: 'not-synced', byTandem: false },
    ]);
  });

  const base: SeriesStatus = {
    calendarId: CALENDAR,
    seriesId: 'a',
    state: 'on-calendar',
    byTandem: true,
    start: '2026-12-01T16:00:00+01:00',
    timeZone: 'Europe/Berlin',
    rule: 'RRULE:FREQ=WEEKLY;BYDAY=TU',
  };

  it('the active series is the latest of Tandem’s that has not ended', () => {
    const ended = { ...base, seriesId: 'old', until: '2026-11-20T00:00:00.000Z' };
    const tracked = { ...base, seriesId: 'tracked', byTandem: false };
    expect(activeSeries([base, ended, tracked], NOW)?.seriesId).toBe('a');
    expect(activeSeries([ended, tracked], NOW)).toBeNull();
    expect(activeSeries([{ ...base, until: '2027-01-01T00:00:00.000Z' }], NOW)?.seriesId).toBe('a');
  });

  it.each([
    [{ kind: 'weekly' }, 'RRULE:FREQ=WEEKLY;BYDAY=TU', false],
    [{ kind: 'weekly' }, 'RRULE:BYDAY=TU;FREQ=WEEKLY;INTERVAL=1;UNTIL=20270101T000000Z', false],
    [{ kind: 'biweekly' }, 'RRULE:FREQ=WEEKLY;BYDAY=TU', true],
    [{ kind: 'monthly' }, 'RRULE:FREQ=MONTHLY;BYDAY=1TU', false],
    [{ kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU' }, 'RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU', false],
    [{ kind: 'weekly' }, 'RRULE:FREQ=WEEKLY;BYDAY=WE', true],
  ] as const)('cadence %j against %s: off rhythm %s', async (cadence, rule, off) => {
    const relationship = await unlinkedRelationship();
    const changed = { ...relationship, agreement: { ...relationship.agreement, cadence } };
    expect(offRhythmOf(changed, { ...base, rule })).toBe(off);
  });
});
