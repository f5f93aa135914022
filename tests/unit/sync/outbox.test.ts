import { beforeEach, describe, expect, it } from 'vitest';
import { CalendarApiError } from '../../../lib/calendar/client';
import { BLOCK_END, BLOCK_START } from '../../../lib/calendar/series';
import { db } from '../../../lib/db/database';
import { relationshipForSeries } from '../../../lib/db/relationships';
import { BACKOFF_BASE_MS, drainOutbox, enqueue, liveWaitingCount } from '../../../lib/sync/outbox';
import { changeCadence, newEventId, scheduleSeries } from '../../../lib/sync/schedule';
import { syncCalendar } from '../../../lib/sync/sync';
import { CALENDAR, unlinkedRelationship } from '../db/factory';
import { miniGoogle } from './mini-google';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const FIRST = new Date('2026-11-24T15:00:00.000Z');
const at = (ms: number) => () => new Date(NOW.getTime() + ms);

let google: ReturnType<typeof miniGoogle>;
beforeEach(async () => {
  await db.delete();
  await db.open();
  google = miniGoogle();
});

const schedule = async () => {
  const relationship = await unlinkedRelationship();
  const seriesId = await scheduleSeries(relationship.id, {
    firstStart: FIRST,
    timeZone: 'UTC',
    calendarId: CALENDAR,
    at: NOW,
  });
  return { relationship, seriesId };
};

describe('scheduleSeries', () => {
  it('links the series and creates its sessions at once, offline, with one insert waiting', async () => {
    const { relationship, seriesId } = await schedule();
    expect(seriesId).toMatch(/^[0-9a-v]{32}$/);
    expect((await relationshipForSeries(CALENDAR, seriesId))?.id).toBe(relationship.id);
    expect(await db.sessions.count()).toBe(8);
    const ops = await db.outbox.toArray();
    expect(ops).toMatchObject([{ kind: 'insert-series', calendarId: CALENDAR, eventId: seriesId, attempts: 0 }]);
    expect(ops[0]?.kind === 'insert-series' && ops[0].body).toMatchObject({
      id: seriesId,
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
      extendedProperties: { private: { tandemRelationship: relationship.id } },
      conferenceData: { createRequest: { requestId: seriesId } },
    });
  });

  it('the insert reaches Google; the sessions learn the Meet code; syncing it back changes nothing', async () => {
    const { seriesId } = await schedule();
    const before = await db.sessions.orderBy('start').primaryKeys();
    expect(await drainOutbox(google.client, { now: at(0) })).toEqual({ done: 1, failed: 0, stopped: false });
    expect(await db.outbox.count()).toBe(0);
    expect(google.get(seriesId)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU']);
    const sessions = await db.sessions.orderBy('start').toArray();
    expect(sessions.map((s) => s.id)).toEqual(before);
    expect(sessions.every((s) => s.meetCode === 'abc-defg-axy')).toBe(true);
    expect((await db.remoteEvents.get([CALENDAR, seriesId]))?.etag).toBeDefined();
    await syncCalendar(google.client, CALENDAR, { now: at(0) });
    expect(await db.sessions.orderBy('start').primaryKeys()).toEqual(before);
  });

  it('409 on the insert (an earlier attempt landed, its answer was lost) is success after a get', async () => {
    const { seriesId } = await schedule();
    const op = await db.outbox.toCollection().first();
    if (op?.kind !== 'insert-series') throw new Error('no insert');
    await google.client.insertEvent(CALENDAR, op.body);
    expect(await drainOutbox(google.client, { now: at(0) })).toMatchObject({ done: 1, failed: 0 });
    expect(google.countOf('getEvent')).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.remoteEvents.get([CALENDAR, seriesId]))?.etag).toBe(google.get(seriesId)?.etag);
  });
});

describe('drainOutbox', () => {
  it('backs off exponentially with jitter, persisted in nextAttemptAt; not retried before it', async () => {
    await schedule();
    google.fail('insertEvent', 'server');
    expect(await drainOutbox(google.client, { now: at(0), random: () => 0.5 })).toMatchObject({ failed: 1 });
    let op = await db.outbox.toCollection().first();
    expect(op).toMatchObject({ attempts: 1, lastError: { kind: 'server' } });
    expect(Date.parse(op?.nextAttemptAt ?? '') - NOW.getTime()).toBe(0.75 * BACKOFF_BASE_MS);

    // Not due yet: nothing is sent.
    const sent = google.requests.length;
    expect(await drainOutbox(google.client, { now: at(1000) })).toMatchObject({ done: 0, failed: 0 });
    expect(google.requests.length).toBe(sent);

    google.fail('insertEvent', 'network');
    await drainOutbox(google.client, { now: at(BACKOFF_BASE_MS), random: () => 0 });
    op = await db.outbox.toCollection().first();
    expect(op?.attempts).toBe(2);
    expect(Date.parse(op?.nextAttemptAt ?? '') - (NOW.getTime() + BACKOFF_BASE_MS)).toBe(BACKOFF_BASE_MS);

    expect(await drainOutbox(google.client, { now: at(3 * BACKOFF_BASE_MS) })).toMatchObject({ done: 1 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a request Google rejects (400) is dropped with the reason recorded, not retried forever', async () => {
    await schedule();
    google.fail('insertEvent', 'invalid');
    expect(await drainOutbox(google.client, { now: at(0), random: () => 0 })).toMatchObject({ failed: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.syncState.toArray()).map((state) => state.lastError?.kind)).toContain('invalid');
    expect(await drainOutbox(google.client, { now: at(BACKOFF_BASE_MS) })).toMatchObject({ done: 0, failed: 0 });
    expect(google.countOf('insertEvent')).toBe(1);
  });

  it('an error that is not Google’s answer holds back that op only, with the reason recorded', async () => {
    await schedule();
    await schedule();
    const insert = google.client.insertEvent;
    let calls = 0;
    google.client.insertEvent = async (...args) => {
      calls += 1;
      if (calls === 1) throw new TypeError('a record that no longer fits');
      return insert(...args);
    };
    expect(await drainOutbox(google.client, { now: at(0), random: () => 0 })).toMatchObject({ done: 1, failed: 1 });
    expect((await db.outbox.toArray()).map((op) => op.lastError?.message)).toEqual(['a record that no longer fits']);
  });

  it('a newer version of a write queued while the old one was on its way is kept and sent next', async () => {
    await schedule();
    const insert = google.client.insertEvent;
    google.client.insertEvent = async (...args) => {
      const op = await db.outbox.toCollection().first();
      if (op?.kind === 'insert-series') await db.outbox.put({ ...op, body: { ...op.body, summary: 'Renamed' } });
      return insert(...args);
    };
    expect(await drainOutbox(google.client, { now: at(0), random: () => 0 })).toMatchObject({ done: 1 });
    const left = await db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]?.kind === 'insert-series' && left[0].body.summary).toBe('Renamed');
  });

  it('a rate limit is retried no sooner than its retryAt', async () => {
    await schedule();
    const retryAt = NOW.getTime() + 3600_000;
    google.fail('insertEvent', 'rateLimited', retryAt);
    await drainOutbox(google.client, { now: at(0), random: () => 0 });
    expect((await db.outbox.toCollection().first())?.nextAttemptAt).toBe(new Date(retryAt).toISOString());
  });

  it('a rate limit ends the drain: the ops after it are not tried, and keep their attempt count', async () => {
    await schedule();
    await schedule();
    google.fail('insertEvent', 'rateLimited', NOW.getTime() + 31_000);
    expect(await drainOutbox(google.client, { now: at(0), random: () => 0 })).toEqual({
      done: 0,
      failed: 1,
      stopped: false,
    });
    expect(google.countOf('insertEvent')).toBe(1);
    expect((await db.outbox.orderBy('seq').toArray()).map((op) => op.attempts)).toEqual([1, 0]);
    expect(await drainOutbox(google.client, { now: at(31_000) })).toMatchObject({ done: 2 });
  });

  it('an op the client did not send (still cooling down) waits for the cooldown without counting an attempt', async () => {
    await schedule();
    const retryAt = NOW.getTime() + 20_000;
    const insert = google.client.insertEvent;
    google.client.insertEvent = async () => {
      throw new CalendarApiError({
        kind: 'rateLimited',
        operation: 'events.insert',
        status: null,
        reason: 'cooldown',
        message: 'not sent: the Calendar API asked to slow down',
        retryAt,
      });
    };
    await drainOutbox(google.client, { now: at(0), random: () => 0.9 });
    expect(await db.outbox.toCollection().first()).toMatchObject({
      attempts: 0,
      nextAttemptAt: new Date(retryAt).toISOString(),
      lastError: { kind: 'rateLimited' },
    });
    google.client.insertEvent = insert;
    expect(await drainOutbox(google.client, { now: at(20_000) })).toMatchObject({ done: 1 });
  });

  it('auth stops the drain, marks "sign in again", and keeps every op', async () => {
    await schedule();
    await schedule();
    google.fail('insertEvent', 'auth');
    expect(await drainOutbox(google.client, { now: at(0) })).toEqual({ done: 0, failed: 1, stopped: true });
    expect(google.countOf('insertEvent')).toBe(1);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.syncState.get(CALENDAR))?.lastError?.kind).toBe('auth');
    expect(await drainOutbox(google.client, { now: at(0) })).toMatchObject({ done: 2 });
  });

  it('ops for one event go in order: an end-series waits for the insert of its series', async () => {
    const { relationship, seriesId } = await schedule();
    await changeCadence(
      relationship.id,
      { ...relationship.agreement, cadence: { kind: 'biweekly' } },
      {
        from: new Date('2026-12-08T15:00:00.000Z'),
        at: NOW,
      },
    );
    const kinds = (await db.outbox.orderBy('seq').toArray()).map((op) => [op.kind, op.eventId === seriesId]);
    expect(kinds).toEqual([
      ['insert-series', true],
      ['insert-series', false],
      ['end-series', true],
    ]);
    google.fail('insertEvent', 'server');
    expect(await drainOutbox(google.client, { now: at(0) })).toMatchObject({ done: 1, failed: 1 });
    expect(google.countOf('patchEvent')).toBe(0);
    await drainOutbox(google.client, { now: at(BACKOFF_BASE_MS) });
    expect(await db.outbox.count()).toBe(0);
    expect(google.get(seriesId)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261208T145959Z']);
  });

  it('412: re-reads, merges our fields over theirs, and retries with the fresh etag', async () => {
    const { seriesId } = await schedule();
    await drainOutbox(google.client, { now: at(0) });
    const base = google.get(seriesId);
    // Someone edits the event in Calendar: their notes around our block, their own property.
    google.put({
      ...(base as object),
      id: seriesId,
      description: `Bring snacks\n\n${BLOCK_START}\nold\n${BLOCK_END}`,
      extendedProperties: { private: { tandemRelationship: 'x', theirs: '1' } },
    } as Parameters<typeof google.put>[0]);
    await db.transaction('rw', db.outbox, () =>
      enqueue(
        {
          kind: 'patch-event',
          calendarId: CALENDAR,
          eventId: seriesId,
          fields: {
            descriptionBlock: `${BLOCK_START}\nShared agenda: 1. Promotion\n${BLOCK_END}`,
            privateProperties: { tandemAgenda: '1' },
          },
          baseEtag: base?.etag,
        },
        NOW,
      ),
    );
    expect(await drainOutbox(google.client, { now: at(0) })).toMatchObject({ done: 1 });
    const patched = google.get(seriesId);
    expect(patched?.description).toBe(`Bring snacks\n\n${BLOCK_START}\nShared agenda: 1. Promotion\n${BLOCK_END}`);
    expect(patched?.extendedProperties?.private).toEqual({ tandemRelationship: 'x', theirs: '1', tandemAgenda: '1' });
    const patches = google.requests.filter((r) => r.method === 'patchEvent');
    expect(patches).toHaveLength(2);
    expect(patches.map((p) => (p.params as { ifMatch: string }).ifMatch)).toEqual([base?.etag, expect.any(String)]);
  });

  it('counts waiting changes live', async () => {
    const counts: number[] = [];
    const subscription = liveWaitingCount().subscribe((n) => counts.push(n));
    await schedule();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await drainOutbox(google.client, { now: at(0) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    subscription.unsubscribe();
    expect(counts.at(-1)).toBe(0);
    expect(counts).toContain(1);
  });
});

describe('newEventId', () => {
  it('is a valid Google event id and never repeats', () => {
    const ids = new Set(Array.from({ length: 100 }, newEventId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{5,1024}$/);
  });
});
