// @vitest-environment node
/**
 * The sync engine end to end against the real fake Google server (HTTP, Google's semantics): the
 * extension's own client, Dexie on fake-indexeddb, one virtual clock. Request counts come from the
 * fake's log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountItem, createSyncService } from '../../../lib/background/sync';
import { BLOCK_END, BLOCK_START } from '../../../lib/calendar/series';
import { RELATIONSHIP_KEY } from '../../../lib/calendar/tags';
import { addAgendaItem, agendaFor } from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import { linkSeries, relationshipForSeries } from '../../../lib/db/relationships';
import { noteStore, notesFor } from '../../../lib/db/session-lists';
import type { Session } from '../../../lib/model/session';
import { drainOutbox, enqueue } from '../../../lib/sync/outbox';
import { changeCadence, scheduleSeries } from '../../../lib/sync/schedule';
import { syncAll } from '../../../lib/sync/sync';
import type { FakeGoogle } from '../../fake-google/server.ts';
import {
  clientFor,
  MEET_CODE,
  MORGAN,
  mentorRelationship,
  SERIES,
  START,
  startFake,
  staticTokens,
  type VirtualClock,
  virtualClock,
  worldSeed,
} from './fake-world';

let clock: VirtualClock;
let fake: FakeGoogle;

beforeAll(async () => {
  clock = virtualClock();
  fake = await startFake(clock);
});
afterAll(() => fake.close());

beforeEach(async () => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  fake.loadSeed(worldSeed());
  clock.advance(START - clock.now());
});

/** The occurrence of the seeded series on `day` (YYYY-MM-DD) at 15:00 Berlin (14:00 UTC in winter). */
const occurrenceId = (day: string) => `${SERIES}_${day.replaceAll('-', '')}T140000Z`;
const sessions = () => db.sessions.orderBy('start').toArray();
const sessionOf = (eventId: string) => db.sessions.where('[calendarId+eventId]').equals([MORGAN, eventId]).first();
async function found(eventId: string): Promise<Session> {
  const session = await sessionOf(eventId);
  if (!session) throw new Error(`no session for ${eventId}`);
  return session;
}
const sync = (client = clientFor(fake, clock)) => syncAll(client, { now: clock.date, primaryId: MORGAN });
const drain = (client = clientFor(fake, clock)) => drainOutbox(client, { now: clock.date, random: () => 0.5 });
const eventOnFake = (id: string) => fake.eventsIn(MORGAN).find((e) => e.id === id);
const addNote = (sessionId: string, text: string) =>
  noteStore.add([
    {
      id: crypto.randomUUID(),
      sessionId,
      visibility: 'private',
      text,
      createdAt: clock.date().toISOString(),
      updatedAt: clock.date().toISOString(),
    },
  ]);

/** The seeded series linked to a relationship (as "Track as mentoring session" does), then synced. */
async function linkedAndSynced() {
  const relationship = await mentorRelationship();
  await linkSeries(relationship.id, { calendarId: MORGAN, seriesId: SERIES });
  const { errors } = await sync();
  expect(errors).toEqual([]);
  return relationship;
}

describe('sync against the fake Google', () => {
  it('a linked seeded series becomes sessions in the window, with Meet codes; a quiet sync is 1 request', async () => {
    const relationship = await linkedAndSynced();
    const all = await sessions();
    expect(all.map((s) => s.eventId)).toEqual(
      [
        '2026-11-24',
        '2026-12-01',
        '2026-12-08',
        '2026-12-15',
        '2026-12-22',
        '2026-12-29',
        '2027-01-05',
        '2027-01-12',
      ].map(occurrenceId),
    );
    expect(all[0]).toMatchObject({
      relationshipId: relationship.id,
      seriesId: SERIES,
      start: '2026-11-24T14:00:00.000Z',
      end: '2026-11-24T15:00:00.000Z',
      status: 'scheduled',
    });
    expect(all.every((s) => s.meetCode === MEET_CODE)).toBe(true);
    // Only the series is kept, not the dentist.
    expect((await db.remoteEvents.toArray()).map((e) => e.eventId)).toEqual([SERIES]);

    fake.log.clear();
    const quiet = await sync();
    expect(quiet.results).toMatchObject([{ calendarId: MORGAN, requests: 1, full: false, events: 0 }]);
    expect(fake.log.count()).toBe(1);
    expect(fake.log.entries[0]?.query).toMatchObject({ syncToken: expect.any(String), singleEvents: 'false' });
    expect(await sessions()).toEqual(all);
  });

  it('scheduleSeries → drainOutbox: the fake holds the series with its rule, Meet code and our tags; sync maps it', async () => {
    const relationship = await mentorRelationship();
    const seriesId = await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-26T10:00:00.000Z'),
      timeZone: 'Europe/Berlin',
      calendarId: MORGAN,
      at: clock.date(),
    });
    const local = (await sessions()).map((s) => s.id);
    expect(local).toHaveLength(8);

    expect(await drain()).toEqual({ done: 1, failed: 0, stopped: false });
    const inserted = fake.log.last({ method: 'POST' });
    expect(inserted?.query).toMatchObject({ conferenceDataVersion: '1' });
    const event = eventOnFake(seriesId);
    expect(event).toMatchObject({
      id: seriesId,
      status: 'confirmed',
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TH'],
      start: { dateTime: '2026-11-26T11:00:00+01:00', timeZone: 'Europe/Berlin' },
      extendedProperties: { private: { [RELATIONSHIP_KEY]: relationship.id, tandemVersion: '1' } },
      attendees: [expect.objectContaining({ email: 'alex.mentee@gmail.com' })],
    });
    const code = event?.conferenceData?.conferenceId;
    expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(event?.description).toContain(BLOCK_START);
    // The answer already taught every session the Meet code.
    expect((await sessions()).every((s) => s.meetCode === code)).toBe(true);

    const { results } = await sync();
    expect(results).toMatchObject([{ full: true }]);
    const after = await sessions();
    expect(after.map((s) => s.id)).toEqual(local);
    expect(after.map((s) => s.eventId?.slice(-16))).toEqual(
      ['20261126', '20261203', '20261210', '20261217', '20261224', '20261231', '20270107', '20270114'].map(
        (day) => `${day}T100000Z`,
      ),
    );
    expect((await db.remoteEvents.get([MORGAN, seriesId]))?.etag).toBe(event?.etag);
    expect(await db.outbox.count()).toBe(0);
    expect(fake.eventsIn(MORGAN).filter((e) => e.id === seriesId)).toHaveLength(1);
  });

  it('moves, cancellations, "this and following" and deletions on the fake are followed', async () => {
    const relationship = await linkedAndSynced();
    const moved = await found(occurrenceId('2026-12-01'));
    await addAgendaItem(moved.id, { text: 'Promotion case', addedBy: 'me' });
    fake.google.moveOccurrence(occurrenceId('2026-12-01'), '2026-12-03T10:00:00+01:00');
    const cancelled = await found(occurrenceId('2026-12-08'));
    await addAgendaItem(cancelled.id, { text: 'Conference talk', addedBy: 'them' });
    fake.google.cancelOccurrence(occurrenceId('2026-12-08'));
    expect((await sync()).errors).toEqual([]);

    expect(await found(occurrenceId('2026-12-01'))).toMatchObject({
      id: moved.id,
      status: 'moved',
      start: '2026-12-03T09:00:00.000Z',
      end: '2026-12-03T10:00:00.000Z',
    });
    expect((await agendaFor(moved.id)).map((i) => i.text)).toEqual(['Promotion case']);
    expect((await found(occurrenceId('2026-12-08'))).status).toBe('cancelled');
    const next = await found(occurrenceId('2026-12-15'));
    expect((await agendaFor(next.id)).map((i) => i.text)).toEqual(['Conference talk']);

    // From 22 December on: 17:00 instead, as a new series (the fake keeps the rule on a split).
    const later = await found(occurrenceId('2026-12-29'));
    await addNote(later.id, 'Ask about the new team');
    const split = fake.google.editThisAndFollowing(occurrenceId('2026-12-22'), {
      start: { dateTime: '2026-12-22T17:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-22T18:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    expect(split.id).toBe(`${SERIES}_R20261222T140000`);
    expect((await sync()).errors).toEqual([]);
    expect((await relationshipForSeries(MORGAN, split.id as string))?.id).toBe(relationship.id);
    const all = await sessions();
    expect(all.filter((s) => s.seriesId === SERIES).map((s) => [s.start?.slice(0, 10), s.status])).toEqual([
      ['2026-11-24', 'scheduled'],
      ['2026-12-03', 'moved'],
      ['2026-12-08', 'cancelled'],
      ['2026-12-15', 'scheduled'],
      // 22 Dec was an empty placeholder: removed. 29 Dec had a note: kept, cancelled.
      ['2026-12-29', 'cancelled'],
    ]);
    expect(all.filter((s) => s.seriesId === split.id).map((s) => s.start)).toEqual([
      '2026-12-22T16:00:00.000Z',
      '2026-12-29T16:00:00.000Z',
      '2027-01-05T16:00:00.000Z',
      '2027-01-12T16:00:00.000Z',
    ]);
    expect(all.every((s) => s.relationshipId === relationship.id)).toBe(true);

    // The new series is deleted in Calendar: its link ends, its empty sessions go, history stays.
    fake.google.deleteEvent(split.id as string);
    expect((await sync()).errors).toEqual([]);
    expect(await relationshipForSeries(MORGAN, split.id as string)).toBeUndefined();
    expect((await sessions()).filter((s) => s.seriesId === split.id)).toEqual([]);
    expect((await notesFor(later.id)).length).toBe(1);
    expect(await relationshipForSeries(MORGAN, SERIES)).toBeDefined();
  });

  it('412: an edit on the fake between enqueue and drain is merged, and our write lands', async () => {
    await linkedAndSynced();
    const kept = await db.remoteEvents.get([MORGAN, SERIES]);
    const block = `${BLOCK_START}\nShared agenda: 1. Promotion\n${BLOCK_END}`;
    await db.transaction('rw', db.outbox, () =>
      enqueue(
        {
          kind: 'patch-event',
          calendarId: MORGAN,
          eventId: SERIES,
          fields: { descriptionBlock: block, privateProperties: { tandemAgenda: '1' } },
          ...(kept?.etag ? { baseEtag: kept.etag } : {}),
        },
        clock.date(),
      ),
    );
    fake.google.patch(SERIES, { description: 'Bring the quarterly numbers' });
    fake.log.clear();
    expect(await drain()).toMatchObject({ done: 1, failed: 0 });
    expect(fake.log.entries.map((e) => [e.method, e.status])).toEqual([
      ['PATCH', 412],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    expect(fake.log.entries[0]?.headers['if-match']).toBe(kept?.etag);
    const event = eventOnFake(SERIES);
    expect(event?.description).toBe(`Bring the quarterly numbers\n\n${block}`);
    expect(event?.extendedProperties?.private).toMatchObject({ tandemAgenda: '1' });
    expect((await db.remoteEvents.get([MORGAN, SERIES]))?.etag).toBe(event?.etag);

    // The same for ending the series on a cadence change while Calendar edits it too.
    const relationship = await relationshipForSeries(MORGAN, SERIES);
    if (!relationship) throw new Error('not linked');
    const next = await changeCadence(
      relationship.id,
      { ...relationship.agreement, cadence: { kind: 'biweekly' } },
      { from: new Date('2026-12-15T14:00:00.000Z'), at: clock.date() },
    );
    fake.google.patch(SERIES, { location: 'Room 4' });
    expect(await drain()).toMatchObject({ done: 2, failed: 0 });
    expect(eventOnFake(SERIES)).toMatchObject({
      location: 'Room 4',
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T135959Z'],
    });
    expect(eventOnFake(next)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU']);
    expect((await sync()).errors).toEqual([]);
    expect((await sessions()).map((s) => [s.seriesId === SERIES ? 'old' : 'new', s.start?.slice(0, 10)])).toEqual([
      ['old', '2026-11-24'],
      ['old', '2026-12-01'],
      ['old', '2026-12-08'],
      ['new', '2026-12-15'],
      ['new', '2026-12-29'],
      ['new', '2027-01-12'],
    ]);
  });

  it('a cadence change waits in the outbox while Calendar moves a later occurrence: that one ends with the series', async () => {
    const relationship = await linkedAndSynced();
    await changeCadence(
      relationship.id,
      { ...relationship.agreement, cadence: { kind: 'biweekly' } },
      { from: new Date('2026-12-15T14:00:00.000Z'), at: clock.date() },
    );
    fake.google.moveOccurrence(occurrenceId('2026-12-22'), '2026-12-23T10:00:00+01:00');
    expect(await drain()).toMatchObject({ done: 2, failed: 0 });
    expect(eventOnFake(occurrenceId('2026-12-22'))?.status).toBe('cancelled');
    expect((await sync()).errors).toEqual([]);
    const old = (await sessions()).filter((s) => s.seriesId === SERIES);
    expect(old.map((s) => [s.start?.slice(0, 10), s.status])).toEqual([
      ['2026-11-24', 'scheduled'],
      ['2026-12-01', 'scheduled'],
      ['2026-12-08', 'scheduled'],
    ]);
  });

  it('a cadence change waits in the outbox while Calendar splits the series earlier: ours never brings occurrences back', async () => {
    const relationship = await linkedAndSynced();
    await changeCadence(
      relationship.id,
      { ...relationship.agreement, cadence: { kind: 'biweekly' } },
      { from: new Date('2026-12-29T14:00:00.000Z'), at: clock.date() },
    );
    const split = fake.google.editThisAndFollowing(occurrenceId('2026-12-15'), {
      start: { dateTime: '2026-12-15T16:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-15T17:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    const ended = eventOnFake(SERIES)?.recurrence;
    expect(ended).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261214T225959Z']);
    expect(await drain()).toMatchObject({ done: 2, failed: 0 });
    expect(eventOnFake(SERIES)?.recurrence).toEqual(ended);
    expect((await sync()).errors).toEqual([]);
    const all = await sessions();
    expect(all.filter((s) => s.seriesId === SERIES).map((s) => s.start?.slice(0, 10))).toEqual([
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
    ]);
    expect(all.filter((s) => s.seriesId === split.id).map((s) => s.start?.slice(0, 10))).toEqual([
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
      '2027-01-05',
      '2027-01-12',
    ]);
  });

  it('410: the expired token makes a full resync that keeps notes and follows what changed meanwhile', async () => {
    await linkedAndSynced();
    const kept = await found(occurrenceId('2026-11-24'));
    await addNote(kept.id, 'Bring the draft');
    const ids = (await sessions()).map((s) => s.id);
    fake.expireSyncTokens();
    fake.google.cancelOccurrence(occurrenceId('2026-12-01'));
    fake.log.clear();
    const { results, errors } = await sync();
    expect(errors).toEqual([]);
    expect(results).toMatchObject([{ full: true }]);
    expect(fake.log.entries.map((e) => [e.status, 'syncToken' in e.query])).toEqual([
      [410, true],
      [200, false],
    ]);
    expect((await sessions()).map((s) => s.id)).toEqual(ids);
    expect((await notesFor(kept.id)).length).toBe(1);
    expect((await found(occurrenceId('2026-12-01'))).status).toBe('cancelled');
    fake.log.clear();
    await sync();
    expect(fake.log.count()).toBe(1);
  });

  it('a revoked token: the run stops with "sign in again", nothing is lost; signing in again sends the write', async () => {
    const tokens = staticTokens(undefined, 'a-fresh-token');
    const service = createSyncService({
      tokens: tokens.provider,
      client: (t) => clientFor(fake, clock, t),
      now: clock.date,
    });
    await accountItem.setValue({ status: 'signed-in', primaryId: MORGAN });
    const relationship = await linkedAndSynced();
    const before = await sessions();
    await addNote(before[0]?.id ?? '', 'Private thoughts');
    const seriesId = await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-26T10:00:00.000Z'),
      timeZone: 'Europe/Berlin',
      calendarId: MORGAN,
      at: clock.date(),
    });
    fake.revokeToken('user:morgan.mentor@gmail.com');
    fake.log.clear();

    expect(await service.run()).toEqual({ account: 'sign-in-again' });
    // The insert was tried, refused, retried once after dropping the token, refused again; no list.
    expect(fake.log.entries.map((e) => [e.method, e.status])).toEqual([
      ['POST', 401],
      ['POST', 401],
    ]);
    expect(tokens.dropped).toEqual(['user:morgan.mentor@gmail.com', 'user:morgan.mentor@gmail.com']);
    expect((await accountItem.getValue()).status).toBe('sign-in-again');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.sessions.count()).toBe(before.length + 8);
    expect((await noteStore.all()).length).toBe(1);
    expect(eventOnFake(seriesId)).toBeUndefined();

    expect(await service.signIn()).toEqual({ account: 'signed-in' });
    expect(await db.outbox.count()).toBe(0);
    expect(eventOnFake(seriesId)?.extendedProperties?.private?.[RELATIONSHIP_KEY]).toBe(relationship.id);
    expect(await db.sessions.count()).toBe(before.length + 8);
    expect((await noteStore.all()).length).toBe(1);
  });
});
