import { beforeEach, describe, expect, it } from 'vitest';
import { tandemTags } from '../../../lib/calendar/tags';
import { addAgendaItem } from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import { relationshipForSeries } from '../../../lib/db/relationships';
import { agendaFor, agendaStore, noteStore, notesFor } from '../../../lib/db/session-lists';
import type { Session } from '../../../lib/model/session';
import { syncAll, syncCalendar } from '../../../lib/sync/sync';
import { CALENDAR, menteeRelationship, SERIES, unlinkedRelationship } from '../db/factory';
import { miniGoogle } from './mini-google';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const clock = () => NOW;

/** Weekly on Tuesdays, 15:00–15:45 UTC, since 3 November 2026. */
function master(extra: Record<string, unknown> = {}) {
  return {
    id: SERIES,
    summary: 'Mentoring',
    start: { dateTime: '2026-11-03T15:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-11-03T15:45:00Z', timeZone: 'UTC' },
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
    hangoutLink: 'https://meet.google.com/abc-defg-hij',
    ...extra,
  };
}

function instance(day: string, extra: Record<string, unknown> = {}) {
  const stamp = day.replaceAll('-', '');
  return {
    id: `${SERIES}_${stamp}T150000Z`,
    recurringEventId: SERIES,
    originalStartTime: { dateTime: `${day}T15:00:00Z`, timeZone: 'UTC' },
    start: { dateTime: `${day}T15:00:00Z` },
    end: { dateTime: `${day}T15:45:00Z` },
    ...extra,
  };
}

const eventId = (day: string) => `${SERIES}_${day.replaceAll('-', '')}T150000Z`;
const session = (day: string) =>
  db.sessions
    .where('[calendarId+eventId]')
    .equals([CALENDAR, eventId(day)])
    .first();
/** The session of `day`'s occurrence, which the test expects to exist. */
async function found(day: string): Promise<Session> {
  const existing = await session(day);
  if (!existing) throw new Error(`no session on ${day}`);
  return existing;
}
const sessions = () => db.sessions.orderBy('start').toArray();
const addNote = (sessionId: string, text: string) =>
  noteStore.add([
    {
      id: crypto.randomUUID(),
      sessionId,
      visibility: 'private',
      text,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    },
  ]);

let google: ReturnType<typeof miniGoogle>;
beforeEach(async () => {
  await db.delete();
  await db.open();
  google = miniGoogle();
});

describe('syncCalendar: occurrences become sessions', () => {
  it('a linked series: every occurrence from a day ago to eight weeks ahead, with start, end and Meet code', async () => {
    const relationship = await menteeRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
    const all = await sessions();
    expect(all.map((s) => s.start?.slice(0, 10))).toEqual([
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
      '2027-01-05',
      '2027-01-12',
    ]);
    expect(all[0]).toMatchObject({
      relationshipId: relationship.id,
      calendarId: CALENDAR,
      eventId: eventId('2026-11-24'),
      seriesId: SERIES,
      end: '2026-11-24T15:45:00.000Z',
      status: 'scheduled',
      meetCode: 'abc-defg-hij',
    });
    expect(await db.syncState.get(CALENDAR)).toMatchObject({
      syncToken: expect.any(String),
      lastSyncAt: NOW.toISOString(),
    });
  });

  it('a series tagged by Tandem is linked to its relationship; other events are not kept', async () => {
    const relationship = await unlinkedRelationship();
    google.put(master({ extendedProperties: { private: tandemTags(relationship.id) } }));
    google.put({
      id: 'dentist',
      start: { dateTime: '2026-11-25T09:00:00Z' },
      end: { dateTime: '2026-11-25T10:00:00Z' },
    });
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect((await relationshipForSeries(CALENDAR, SERIES))?.id).toBe(relationship.id);
    expect(await db.sessions.count()).toBe(8);
    expect(await db.remoteEvents.count()).toBe(1);
  });

  it('a page with hundreds of other events is applied in one transaction (no premature commit)', async () => {
    // Each of them used to cost an await of a native promise inside the page's transaction, until
    // Dexie lost the transaction's zone: the rest of the page ran outside it, and the transaction
    // committed before the page was done.
    await menteeRelationship();
    for (let i = 0; i < 300; i++) {
      google.put({
        id: `other${i}`,
        start: { dateTime: '2026-11-25T09:00:00Z' },
        end: { dateTime: '2026-11-25T10:00:00Z' },
      });
    }
    google.put(master());
    await expect(syncCalendar(google.client, CALENDAR, { now: clock })).resolves.toMatchObject({ events: 301 });
    expect(await db.sessions.count()).toBe(8);
  });

  it('quiet incremental sync is exactly one request, and changes nothing', async () => {
    await menteeRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
    const before = await sessions();
    const requests = google.requests.length;
    const result = await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(result).toMatchObject({ requests: 1, full: false, events: 0 });
    expect(google.requests.length - requests).toBe(1);
    expect(google.requests.at(-1)?.params).toMatchObject({ singleEvents: false, showDeleted: true, maxResults: 2500 });
    expect(await sessions()).toEqual(before);
  });

  it('as time passes, new occurrences appear without a request for them', async () => {
    await menteeRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
    await syncCalendar(google.client, CALENDAR, { now: () => new Date('2026-12-04T12:00:00.000Z') });
    expect((await sessions()).at(-1)?.start).toBe('2027-01-26T15:00:00.000Z');
    expect(await db.sessions.count()).toBe(10);
  });

  it('follows pages, records first-sync progress, and stores the token only after the last page', async () => {
    await menteeRelationship();
    for (let i = 0; i < 5; i++)
      google.put({ id: `other${i}`, start: { date: '2026-11-25' }, end: { date: '2026-11-26' } });
    google.put(master());
    google.setPageSize(2);
    google.fail('listEvents', 'server');
    await expect(syncCalendar(google.client, CALENDAR, { now: clock })).rejects.toThrow();
    // Page 1 fails: nothing stored, no token.
    expect((await db.syncState.get(CALENDAR))?.syncToken).toBeUndefined();
    const result = await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(result).toMatchObject({ requests: 3, full: true, events: 6 });
    const state = await db.syncState.get(CALENDAR);
    expect(state?.syncToken).toBeDefined();
    expect(state?.fullSync).toBeUndefined();
    expect(state?.lastError).toBeUndefined();
    expect(await db.sessions.count()).toBe(8);
  });

  it('a failure on a later page keeps the old token; applying the same pages again makes no duplicates', async () => {
    await menteeRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
    const token = (await db.syncState.get(CALENDAR))?.syncToken;
    google.put(
      instance('2026-12-01', {
        start: { dateTime: '2026-12-02T15:00:00Z' },
        end: { dateTime: '2026-12-02T15:45:00Z' },
      }),
    );
    google.put(instance('2026-12-08', { status: 'cancelled' }));
    google.put({ id: 'x1', start: { date: '2026-11-25' }, end: { date: '2026-11-26' } });
    google.setPageSize(1);
    const original = google.client.listEvents;
    let calls = 0;
    google.client.listEvents = async (...args) => {
      calls += 1;
      if (calls === 3) throw new Error('connection reset');
      return original(...args);
    };
    await expect(syncCalendar(google.client, CALENDAR, { now: clock })).rejects.toThrow('connection reset');
    expect((await db.syncState.get(CALENDAR))?.syncToken).toBe(token);
    expect((await db.syncState.get(CALENDAR))?.lastError?.message).toBe('connection reset');
    google.client.listEvents = original;
    await syncCalendar(google.client, CALENDAR, { now: clock });
    await syncCalendar(google.client, CALENDAR, { now: clock });
    const all = await sessions();
    expect(all).toHaveLength(8);
    expect(new Set(all.map((s) => s.eventId)).size).toBe(8);
    expect((await session('2026-12-01'))?.status).toBe('moved');
    expect((await session('2026-12-08'))?.status).toBe('cancelled');
  });
});

describe('syncCalendar: changes from Google', () => {
  beforeEach(async () => {
    await menteeRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
  });

  it('a moved occurrence keeps its session and agenda; moved back it is scheduled again', async () => {
    const before = await found('2026-12-01');
    await addAgendaItem(before.id, { text: 'Promotion case', addedBy: 'me' });
    google.put(
      instance('2026-12-01', {
        start: { dateTime: '2026-12-03T10:00:00Z' },
        end: { dateTime: '2026-12-03T10:45:00Z' },
      }),
    );
    await syncCalendar(google.client, CALENDAR, { now: clock });
    const moved = await found('2026-12-01');
    expect(moved).toMatchObject({
      id: before.id,
      status: 'moved',
      start: '2026-12-03T10:00:00.000Z',
      end: '2026-12-03T10:45:00.000Z',
    });
    expect((await agendaFor(before.id)).length).toBe(1);
    google.put(instance('2026-12-01'));
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(await session('2026-12-01')).toMatchObject({
      id: before.id,
      status: 'scheduled',
      start: '2026-12-01T15:00:00.000Z',
    });
  });

  it('a cancelled occurrence is closed as cancelled and hands its open items to the next, once', async () => {
    const cancelled = await found('2026-12-01');
    await addAgendaItem(cancelled.id, { text: 'Promotion case', addedBy: 'me' });
    google.put(instance('2026-12-01', { status: 'cancelled' }));
    await syncCalendar(google.client, CALENDAR, { now: clock });
    google.put({ id: 'unrelated', start: { date: '2026-11-25' }, end: { date: '2026-11-26' } });
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect((await session('2026-12-01'))?.status).toBe('cancelled');
    const next = await found('2026-12-08');
    const carried = (await agendaStore.all()).filter((i) => i.carriedFrom);
    expect(carried.map((i) => [i.sessionId, i.text])).toEqual([[next.id, 'Promotion case']]);
  });

  it('a cancelled stub without originalStartTime or recurringEventId (delete this and following) still cancels', async () => {
    google.put({ id: eventId('2026-12-15'), status: 'cancelled' });
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect((await session('2026-12-15'))?.status).toBe('cancelled');
  });

  it('a deleted series ends the link, keeps history, cancels written sessions and removes empty ones', async () => {
    const past = await db.sessions.add({
      id: crypto.randomUUID(),
      relationshipId: (await relationshipForSeries(CALENDAR, SERIES))?.id ?? '',
      calendarId: CALENDAR,
      eventId: eventId('2026-11-10'),
      seriesId: SERIES,
      start: '2026-11-10T15:00:00.000Z',
      status: 'held',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const written = await found('2026-12-01');
    await addNote(written.id, 'Ideas for the talk');
    google.remove(SERIES);
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(await relationshipForSeries(CALENDAR, SERIES)).toBeUndefined();
    const left = await sessions();
    expect(left.map((s) => [s.id, s.status])).toEqual([
      [past, 'held'],
      [written.id, 'cancelled'],
    ]);
    expect(left.every((s) => s.relationshipId)).toBe(true);
    expect(await db.remoteEvents.count()).toBe(0);
  });

  it('"this and following": the new master joins the relationship; old occurrences after the split move their items over', async () => {
    const relationship = await relationshipForSeries(CALENDAR, SERIES);
    const later = await found('2026-12-15');
    await addAgendaItem(later.id, { text: 'Salary talk', addedBy: 'me' });
    const next = `${SERIES}_R20261215T150000`;
    google.put(master({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261214T235959Z'] }));
    google.put(
      master({
        id: next,
        start: { dateTime: '2026-12-17T09:00:00Z', timeZone: 'UTC' },
        end: { dateTime: '2026-12-17T09:45:00Z', timeZone: 'UTC' },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TH'],
      }),
    );
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect((await relationshipForSeries(CALENDAR, next))?.id).toBe(relationship?.id);
    const all = await sessions();
    expect(all.filter((s) => s.seriesId === SERIES).map((s) => [s.start?.slice(0, 10), s.status])).toEqual([
      ['2026-11-24', 'scheduled'],
      ['2026-12-01', 'scheduled'],
      ['2026-12-08', 'scheduled'],
      ['2026-12-15', 'cancelled'],
    ]);
    const first = all.find((s) => s.seriesId === next);
    expect(first?.start).toBe('2026-12-17T09:00:00.000Z');
    const carried = (await agendaStore.all()).filter((i) => i.carriedFrom);
    expect(carried.map((i) => [i.sessionId, i.text])).toEqual([[first?.id, 'Salary talk']]);
  });

  it('410: the token is dropped, the calendar read in full, notes kept, events gone meanwhile treated as deleted', async () => {
    const kept = await found('2026-11-24');
    await addNote(kept.id, 'Bring the draft');
    google.expireTokens();
    google.put(instance('2026-12-01', { status: 'cancelled' }));
    const result = await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(result.full).toBe(true);
    expect((await notesFor(kept.id)).length).toBe(1);
    expect((await session('2026-11-24'))?.id).toBe(kept.id);
    expect((await session('2026-12-01'))?.status).toBe('cancelled');
    expect(await db.sessions.count()).toBe(8);

    // The series was deleted while the token was expired: a full read no longer lists it.
    const full = google.client.listEvents;
    google.client.listEvents = async (id, params) => ({ ...(await full(id, params)), items: [] });
    google.expireTokens();
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(await relationshipForSeries(CALENDAR, SERIES)).toBeUndefined();
    expect((await session('2026-11-24'))?.status).toBe('cancelled');
    expect((await noteStore.all()).length).toBe(1);
  });
});

describe('syncAll', () => {
  it('syncs the primary calendar (by its real id) and every calendar a relationship has a series on; auth stops the run', async () => {
    await menteeRelationship();
    google.put(master());
    const { results } = await syncAll(google.client, { now: clock, primaryId: 'me@example.com' });
    expect(results.map((r) => r.calendarId)).toEqual(['me@example.com', CALENDAR]);
    google.fail('listEvents', 'auth');
    const failed = await syncAll(google.client, { now: clock, primaryId: 'me@example.com' });
    expect(failed.errors.map((e) => e.kind)).toEqual(['auth']);
    expect(failed.results).toEqual([]);
    expect((await db.syncState.get('me@example.com'))?.lastError?.kind).toBe('auth');
    expect(await db.sessions.count()).toBe(8);
  });

  it('a series linked locally since the last sync, never kept, makes the next sync a full one', async () => {
    const relationship = await unlinkedRelationship();
    google.put(master());
    await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(await db.sessions.count()).toBe(0);
    const { linkSeries } = await import('../../../lib/db/relationships');
    await linkSeries(relationship.id, { calendarId: CALENDAR, seriesId: SERIES });
    const result = await syncCalendar(google.client, CALENDAR, { now: clock });
    expect(result.full).toBe(true);
    expect(await db.sessions.count()).toBe(8);
    expect((await syncCalendar(google.client, CALENDAR, { now: clock })).full).toBe(false);
  });
});
