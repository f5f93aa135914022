// @vitest-environment node
import { resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSeed } from '../../fake-google/seed.ts';
import { createFakeGoogle, type FakeGoogle } from '../../fake-google/server.ts';
import { ALEX, client, listAll, MORGAN, startFake, weeklySeries } from './helpers.ts';

let fake: FakeGoogle;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
  api = client(fake);
});
afterAll(() => fake?.close());

/** A daily 08:15 Chicago series, like the one in the real "this and following" captures. */
async function journal(rule = 'RRULE:FREQ=DAILY') {
  return (
    await api.insert({
      summary: 'journal',
      start: { dateTime: '2026-11-02T08:15:00-06:00', timeZone: 'America/Chicago' },
      end: { dateTime: '2026-11-02T09:00:00-06:00', timeZone: 'America/Chicago' },
      recurrence: [rule],
    })
  ).body;
}

describe('Google-side edits', () => {
  it('moves an occurrence: same id, new start, sequence 1, reported by sync', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const { nextSyncToken } = await listAll(api);
    const id = `${series.id}_20261117T140000Z`;
    fake.google.moveOccurrence(id, '2026-11-19T10:00:00+01:00');
    const changes = await api.list({ syncToken: nextSyncToken });
    expect(changes.body.items).toEqual([
      expect.objectContaining({
        id,
        start: { dateTime: '2026-11-19T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-11-19T11:00:00+01:00', timeZone: 'Europe/Berlin' },
        originalStartTime: { dateTime: '2026-11-17T15:00:00+01:00', timeZone: 'Europe/Berlin' },
        sequence: 1,
      }),
    ]);
  });

  it('cancels an occurrence and deletes a series the way the sync fixtures show', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const { nextSyncToken } = await listAll(api);
    fake.google.cancelOccurrence(`${series.id}_20261124T140000Z`);
    const cancelled = await api.list({ syncToken: nextSyncToken });
    expect(cancelled.body.items).toEqual([
      {
        kind: 'calendar#event',
        etag: expect.any(String),
        id: `${series.id}_20261124T140000Z`,
        status: 'cancelled',
        recurringEventId: series.id,
        originalStartTime: { dateTime: '2026-11-24T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      },
    ]);
    fake.google.deleteEvent(series.id as string);
    const deleted = await api.list({ syncToken: cancelled.body.nextSyncToken as string });
    expect(deleted.body.items).toEqual([
      { kind: 'calendar#event', etag: expect.any(String), id: series.id, status: 'cancelled' },
    ]);
  });

  it('splits a series for "edit this and following"', async () => {
    const series = await journal();
    fake.google.moveOccurrence(`${series.id}_20261105T141500Z`, '2026-11-05T16:00:00-06:00');
    fake.google.moveOccurrence(`${series.id}_20261107T141500Z`, '2026-11-07T16:00:00-06:00');
    const { nextSyncToken } = await listAll(api);
    const created = fake.google.editThisAndFollowing(`${series.id}_20261106T141500Z`, { summary: 'Journal, new time' });

    const newId = `${series.id}_R20261106T141500`;
    expect(created).toMatchObject({
      id: newId,
      iCalUID: `${newId}@google.com`,
      summary: 'Journal, new time',
      start: { dateTime: '2026-11-06T08:15:00-06:00', timeZone: 'America/Chicago' },
      recurrence: ['RRULE:FREQ=DAILY'],
      created: series.created,
      sequence: 0,
    });
    const changes = await api.list({ syncToken: nextSyncToken });
    const byId = new Map(changes.body.items?.map((e) => [e.id, e]));
    // The old series ends one second before local midnight of the split day, in UTC; sequence untouched.
    expect(byId.get(series.id)).toMatchObject({ recurrence: ['RRULE:FREQ=DAILY;UNTIL=20261106T055959Z'], sequence: 0 });
    expect(byId.get(newId)?.summary).toBe('Journal, new time');
    // An exception after the split goes, bare; the one before it stays.
    expect(byId.get(`${series.id}_20261107T141500Z`)).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: `${series.id}_20261107T141500Z`,
      status: 'cancelled',
    });
    expect(byId.has(`${series.id}_20261105T141500Z`)).toBe(false);

    const instances = await api.list({ singleEvents: true, orderBy: 'startTime', timeMax: '2026-11-09T00:00:00Z' });
    expect(instances.body.items?.map((e) => e.id)).toEqual([
      `${series.id}_20261102T141500Z`,
      `${series.id}_20261103T141500Z`,
      `${series.id}_20261104T141500Z`,
      `${series.id}_20261105T141500Z`,
      `${newId}_20261106T141500Z`,
      `${newId}_20261107T141500Z`,
      `${newId}_20261108T141500Z`,
    ]);
  });

  it('keeps the count of a counted series across a split', async () => {
    const series = await journal('RRULE:FREQ=DAILY;COUNT=5');
    const created = fake.google.editThisAndFollowing(`${series.id}_20261104T141500Z`, {});
    expect(created.recurrence).toEqual(['RRULE:FREQ=DAILY;COUNT=3']);
    const { items } = await listAll(api, { singleEvents: true });
    expect(items).toHaveLength(5);
  });

  it('deletes this and following, or the whole series from its first occurrence', async () => {
    const series = await journal('RRULE:FREQ=DAILY;COUNT=5');
    fake.google.deleteThisAndFollowing(`${series.id}_20261104T141500Z`);
    expect((await listAll(api, { singleEvents: true })).items).toHaveLength(2);
    fake.google.deleteThisAndFollowing(`${series.id}_20261102T141500Z`);
    expect((await api.get(series.id as string)).body.status).toBe('cancelled');
  });
});

describe('seeds', () => {
  it("loads the mentoring demo seed: the fixture Calendar page's weekly Tuesday series with Meet, shared with the mentee", async () => {
    const demo = await createFakeGoogle({
      seed: resolve(import.meta.dirname, '../../fake-google/seeds/mentoring.json'),
    });
    try {
      const morgan = client(demo, MORGAN);
      const alex = client(demo, ALEX);
      const sessions = await listAll(morgan, { singleEvents: true, orderBy: 'startTime', q: 'Mentoring' });
      expect(sessions.items.map((e) => e.start?.dateTime)).toEqual([
        '2026-11-03T15:00:00Z',
        '2026-11-10T15:00:00Z',
        '2026-11-17T15:00:00Z',
        '2026-11-24T15:00:00Z',
        '2026-12-03T15:00:00Z',
        '2026-12-08T15:00:00Z',
        '2026-12-15T15:00:00Z',
      ]);
      expect(sessions.items[3]).toMatchObject({
        id: '4mentoringseries0000000000_20261124T150000Z',
        hangoutLink: 'https://meet.google.com/abc-defg-hij',
        conferenceData: { conferenceId: 'abc-defg-hij' },
      });
      const hers = await listAll(alex, { singleEvents: true, orderBy: 'startTime', q: 'Mentoring' });
      expect(hers.items.map((e) => e.id)).toEqual(sessions.items.map((e) => e.id));
      expect((await listAll(alex)).items.map((e) => e.summary)).toContain('Study group');
    } finally {
      await demo.close();
    }
  });

  it('explains what is wrong with a seed', () => {
    expect(() => parseSeed({ users: [] })).toThrow(/needs at least one user/);
    expect(() => parseSeed({ users: [{ email: 'a@example.com', timeZone: 'Nowhere/Land' }] })).toThrow(
      /IANA time zone/,
    );
    expect(() =>
      parseSeed({ users: [{ email: 'a@example.com' }], events: [{ calendarId: 'b@example.com', event: {} }] }),
    ).toThrow(/events\[0\]\.calendarId b@example.com is not a user's calendar/);
  });

  it('names the seeded event a problem is in', async () => {
    await expect(
      createFakeGoogle({
        seed: {
          users: [{ email: 'a@example.com' }],
          events: [{ calendarId: 'a@example.com', event: { summary: 'No times' } }],
        },
      }),
    ).rejects.toThrow(/events\[0\] \(No times\): Missing start time/);
  });
});
