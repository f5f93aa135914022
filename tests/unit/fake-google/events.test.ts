// @vitest-environment node
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { client, MORGAN, reason, single, startFake, weeklySeries } from './helpers.ts';

let fake: FakeGoogle;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
  api = client(fake);
});
afterAll(() => fake?.close());

const eid = (link: string | null | undefined) =>
  Buffer.from(new URL(link ?? '').searchParams.get('eid') ?? '', 'base64url').toString('utf8');

describe('events.insert', () => {
  it('creates an event the way Google fills it in', async () => {
    const reply = await api.insert(single({ start: { dateTime: '2026-11-05T09:00:00Z' } }));
    expect(reply.status).toBe(200);
    const event = reply.body;
    expect(event).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      summary: 'Coffee',
      creator: { email: MORGAN, displayName: 'Morgan Mentor', self: true },
      organizer: { email: MORGAN, displayName: 'Morgan Mentor', self: true },
      // Sent as UTC, answered in the calendar's zone.
      start: { dateTime: '2026-11-05T10:00:00+01:00' },
      sequence: 0,
      reminders: { useDefault: true },
      eventType: 'default',
    });
    expect(event.id).toMatch(/^[a-v0-9]{26}$/);
    expect(event.iCalUID).toBe(`${event.id}@google.com`);
    expect(event.etag).toMatch(/^"\d+"$/);
    expect(event.created).toBe('2026-11-01T09:00:00.000Z');
    expect(eid(event.htmlLink)).toBe(`${event.id} morgan.mentor@m`);
  });

  it('accepts a client id in base32hex, and refuses it twice (even once deleted)', async () => {
    const first = await api.insert(single({ id: 'tandem0session1' }));
    expect(first.body.id).toBe('tandem0session1');
    const again = await api.insert(single({ id: 'tandem0session1' }));
    expect(again.status).toBe(409);
    expect(reason(again)).toBe('duplicate');
    await api.remove('tandem0session1');
    expect((await api.insert(single({ id: 'tandem0session1' }))).status).toBe(409);
  });

  it.each(['abc', 'has-dash-in-it', 'UPPERCASE123', 'wxyz12345'])('refuses the id %s', async (id) => {
    const reply = await api.insert(single({ id }));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { message: 'Invalid resource id value.' } });
  });

  it('validates times like Google', async () => {
    const noEnd = await api.insert({ summary: 'x', start: { dateTime: '2026-11-05T10:00:00Z' } });
    expect([noEnd.status, reason(noEnd)]).toEqual([400, 'required']);
    const backwards = await api.insert(single({ end: { dateTime: '2026-11-05T09:00:00+01:00' } }));
    expect([backwards.status, reason(backwards)]).toEqual([400, 'timeRangeEmpty']);
    const floatingSeries = await api.insert(
      weeklySeries({
        start: { dateTime: '2026-11-03T15:00:00+01:00' },
        end: { dateTime: '2026-11-03T16:00:00+01:00' },
      }),
    );
    expect(floatingSeries.status).toBe(400);
    expect(floatingSeries.body).toMatchObject({ error: { message: 'Missing time zone definition for start time.' } });
    const badRule = await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=0'] }));
    expect([badRule.status, reason(badRule)]).toEqual([400, 'invalid']);
  });

  it('ignores conference data unless conferenceDataVersion=1', async () => {
    const request = { conferenceData: { createRequest: { requestId: 'req-1' } } };
    const ignored = await api.insert(single(request));
    expect(ignored.body.conferenceData).toBeUndefined();
    expect(ignored.body.hangoutLink).toBeUndefined();

    const created = await api.insert(single(request), { conferenceDataVersion: 1 });
    const code = created.body.conferenceData?.conferenceId as string;
    expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(created.body.hangoutLink).toBe(`https://meet.google.com/${code}`);
    expect(created.body.conferenceData).toMatchObject({
      createRequest: {
        requestId: 'req-1',
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'success' },
      },
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    });
    expect(created.body.conferenceData?.entryPoints?.map((e) => e.entryPointType)).toEqual(['video', 'more', 'phone']);
  });

  it('writes attendees with responses and marks the organizer', async () => {
    const reply = await api.insert(single({ attendees: [{ email: MORGAN }, { email: 'guest@example.com' }] }));
    expect(reply.body.attendees).toEqual([
      { email: MORGAN, organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'guest@example.com', responseStatus: 'needsAction' },
    ]);
    const missing = await api.insert(single({ attendees: [{ displayName: 'No Mail' }] }));
    expect([missing.status, reason(missing)]).toEqual([400, 'required']);
  });
});

describe('events.get', () => {
  it('finds events, unedited occurrences, and nothing else', async () => {
    const series = (await api.insert(weeklySeries())).body;
    expect((await api.get(series.id as string)).body.summary).toBe('Mentoring: Morgan / Alex');
    // Before anyone edits it, an occurrence shares the series' etag (as real instances do).
    const occurrence = await api.get(`${series.id}_20261110T140000Z`);
    expect(occurrence.status).toBe(200);
    expect(occurrence.body).toMatchObject({
      id: `${series.id}_20261110T140000Z`,
      recurringEventId: series.id,
      originalStartTime: { dateTime: '2026-11-10T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2026-11-10T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      etag: series.etag,
    });
    expect(occurrence.body.recurrence).toBeUndefined();
    for (const missing of ['nosuchevent1', `${series.id}_20261111T140000Z`, `${series.id}_20261229T140000Z`]) {
      const reply = await api.get(missing);
      expect([reply.status, reason(reply)]).toEqual([404, 'notFound']);
    }
  });

  it('links a series to its first occurrence, as Google does', async () => {
    const series = (await api.insert(weeklySeries())).body;
    expect(eid(series.htmlLink)).toBe(`${series.id}_20261103T140000Z morgan.mentor@m`);
  });

  it('writes times in the requested time zone for events without their own', async () => {
    const id = (await api.insert(single())).body.id as string;
    expect((await api.get(id, { timeZone: 'America/New_York' })).body.start?.dateTime).toBe(
      '2026-11-05T04:00:00-05:00',
    );
  });
});

describe('events.patch and events.update', () => {
  it('changes the etag and updated time on every write, and checks If-Match', async () => {
    const created = (await api.insert(single())).body;
    fake.clock.advance(60_000);
    const patched = await api.patch(
      created.id as string,
      { summary: 'Coffee, again' },
      { ifMatch: created.etag as string },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.etag).not.toBe(created.etag);
    expect(patched.body.updated).toBe('2026-11-01T09:01:00.000Z');
    const stale = await api.patch(created.id as string, { summary: 'lost' }, { ifMatch: created.etag as string });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      error: { errors: [{ reason: 'conditionNotMet', location: 'If-Match', locationType: 'header' }] },
    });
    expect((await api.get(created.id as string)).body.summary).toBe('Coffee, again');
    const staleDelete = await api.remove(created.id as string, { ifMatch: created.etag as string });
    expect(staleDelete.status).toBe(412);
    // Even with a frozen clock two writes never share an etag.
    const a = await api.patch(created.id as string, { description: 'a' });
    const b = await api.patch(created.id as string, { description: 'b' });
    expect(a.body.etag).not.toBe(b.body.etag);
  });

  it('merges objects, replaces arrays and deletes nulls on patch', async () => {
    const created = (
      await api.insert(
        single({
          description: 'keep me',
          attendees: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
          extendedProperties: { private: { mine: '1', other: '2' }, shared: { agenda: 'v1' } },
        }),
      )
    ).body;
    const patched = await api.patch(created.id as string, {
      attendees: [{ email: 'c@example.com' }],
      extendedProperties: { private: { mine: null, added: '3' } as unknown as Record<string, string> },
      location: 'Room 1',
    });
    expect(patched.body.description).toBe('keep me');
    expect(patched.body.location).toBe('Room 1');
    expect(patched.body.attendees?.map((a) => a.email)).toEqual(['c@example.com']);
    expect(patched.body.extendedProperties).toEqual({ private: { other: '2', added: '3' }, shared: { agenda: 'v1' } });
    const cleared = await api.patch(created.id as string, { description: null } as unknown as Record<string, never>);
    expect(cleared.body.description).toBeUndefined();
  });

  it('replaces the writable fields on update: what the body leaves out is gone', async () => {
    const created = (await api.insert(single({ description: 'old', extendedProperties: { private: { mine: '1' } } })))
      .body;
    const updated = await api.update(created.id as string, single({ summary: 'Renamed' }));
    expect(updated.body).toMatchObject({ summary: 'Renamed', id: created.id, created: created.created });
    expect(updated.body.description).toBeUndefined();
    expect(updated.body.extendedProperties).toBeUndefined();
  });

  it('bumps sequence when the time changes, not for a new title', async () => {
    const created = (await api.insert(single())).body;
    const renamed = await api.patch(created.id as string, { summary: 'Tea' });
    expect(renamed.body.sequence).toBe(0);
    const moved = await api.patch(created.id as string, {
      start: { dateTime: '2026-11-05T11:00:00+01:00' },
      end: { dateTime: '2026-11-05T11:30:00+01:00' },
    });
    expect(moved.body.sequence).toBe(1);
  });

  it('turns a patched occurrence into an exception that keeps its original id', async () => {
    const series = (await api.insert(weeklySeries({ extendedProperties: { private: { tandem: 'r1' } } }))).body;
    const id = `${series.id}_20261117T140000Z`;
    const moved = await api.patch(id, {
      start: { dateTime: '2026-11-18T15:00:00+01:00' },
      end: { dateTime: '2026-11-18T16:00:00+01:00' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id,
      recurringEventId: series.id,
      originalStartTime: { dateTime: '2026-11-17T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2026-11-18T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      iCalUID: series.iCalUID,
      sequence: 1,
      extendedProperties: { private: { tandem: 'r1' } },
    });
    expect(moved.body.etag).not.toBe(series.etag);
    expect((await api.get(series.id as string)).body.etag).toBe(series.etag);
    // The exception is now an event of its own: the next write needs its etag.
    expect((await api.patch(id, { summary: 'x' }, { ifMatch: series.etag as string })).status).toBe(412);
  });

  it('restores a deleted event when its status is patched back', async () => {
    const id = (await api.insert(single())).body.id as string;
    await api.remove(id);
    const restored = await api.patch(id, { status: 'confirmed' });
    expect(restored.body.status).toBe('confirmed');
  });
});

describe('events.delete', () => {
  it('deletes once (204), then answers 410 deleted; get still shows the cancelled event', async () => {
    const id = (await api.insert(single())).body.id as string;
    const first = await api.remove(id);
    expect(first.status).toBe(204);
    expect(first.body).toBeUndefined();
    const second = await api.remove(id);
    expect([second.status, reason(second)]).toEqual([410, 'deleted']);
    expect((await api.get(id)).body).toMatchObject({ id, status: 'cancelled', summary: 'Coffee' });
  });

  it('cancels one occurrence as an exception, and the series as a bare cancelled master', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const occurrence = `${series.id}_20261110T140000Z`;
    expect((await api.remove(occurrence)).status).toBe(204);
    const listed = await api.list({ showDeleted: true });
    expect(listed.body.items?.find((e) => e.id === occurrence)).toEqual({
      kind: 'calendar#event',
      etag: expect.stringMatching(/^"\d+"$/),
      id: occurrence,
      status: 'cancelled',
      recurringEventId: series.id,
      originalStartTime: { dateTime: '2026-11-10T15:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    expect((await api.remove(occurrence)).status).toBe(410);

    await api.remove(series.id as string);
    const after = await api.list({ showDeleted: true });
    expect(after.body.items).toEqual([
      { kind: 'calendar#event', etag: expect.any(String), id: series.id, status: 'cancelled' },
    ]);
    expect((await api.get(`${series.id}_20261117T140000Z`)).status).toBe(404);
  });
});
