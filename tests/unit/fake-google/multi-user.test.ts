// @vitest-environment node
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { ALEX, client, listAll, MORGAN, reason, SAM, startFake, weeklySeries } from './helpers.ts';

let fake: FakeGoogle;
let morgan: ReturnType<typeof client>;
let alex: ReturnType<typeof client>;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
  morgan = client(fake, MORGAN);
  alex = client(fake, ALEX);
});
afterAll(() => fake?.close());

/** Morgan's weekly session with Alex as a guest. */
async function sharedSeries(overrides = {}) {
  const reply = await morgan.insert(
    weeklySeries({
      attendees: [{ email: MORGAN }, { email: ALEX }],
      conferenceData: { createRequest: { requestId: 'session-1' } },
      ...overrides,
    }),
    { conferenceDataVersion: 1 },
  );
  return reply.body;
}

describe('tokens and users', () => {
  it('acts as user:<email>, any other token as the default user, no token as 401', async () => {
    const mine = await morgan.call('GET', '/users/me/calendarList');
    expect(mine.body).toMatchObject({ items: [{ id: MORGAN, primary: true }] });
    const other = await morgan.call('GET', '/users/me/calendarList', { token: 'ya29.anything' });
    expect(other.body).toMatchObject({ items: [{ id: MORGAN }] });
    expect((await alex.call('GET', '/users/me/calendarList')).body).toMatchObject({ items: [{ id: ALEX }] });

    const none = await morgan.call('GET', '/users/me/calendarList', { token: null });
    expect([none.status, reason(none)]).toEqual([401, 'required']);
    const empty = await morgan.call('GET', '/users/me/calendarList', { token: '' });
    expect([empty.status, reason(empty)]).toEqual([401, 'required']);
    const stranger = await morgan.call('GET', '/users/me/calendarList', { token: 'user:nobody@example.com' });
    expect([stranger.status, reason(stranger)]).toEqual([401, 'authError']);
  });

  it('answers 401 authError for a revoked token until reset', async () => {
    fake.revokeToken('ya29.revoked');
    const reply = await morgan.call('GET', '/users/me/calendarList', { token: 'ya29.revoked' });
    expect([reply.status, reason(reply)]).toEqual([401, 'authError']);
    fake.reset();
    expect((await morgan.call('GET', '/users/me/calendarList', { token: 'ya29.revoked' })).status).toBe(200);
  });

  it("does not let one user read another's calendar", async () => {
    const reply = await alex.list({}, MORGAN);
    expect([reply.status, reason(reply)]).toEqual([404, 'notFound']);
    expect((await alex.list({}, 'primary')).status).toBe(200);
    expect((await alex.list({}, ALEX)).status).toBe(200);
  });
});

describe('one shared event in two calendars', () => {
  it('shows the same event under the same id in the guest calendar, with self flags for that calendar', async () => {
    const series = await sharedSeries();
    const hers = await alex.get(series.id as string);
    expect(hers.status).toBe(200);
    expect(hers.body).toMatchObject({
      id: series.id,
      etag: series.etag,
      hangoutLink: expect.stringMatching(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/),
      conferenceData: series.conferenceData,
      organizer: { email: MORGAN },
      creator: { email: MORGAN },
    });
    expect(hers.body.organizer?.self).toBeUndefined();
    expect(hers.body.attendees?.find((a) => a.email === ALEX)?.self).toBe(true);
    expect(hers.body.attendees?.find((a) => a.email === MORGAN)?.self).toBeUndefined();
    expect(
      Buffer.from(new URL(hers.body.htmlLink as string).searchParams.get('eid') as string, 'base64url').toString(),
    ).toBe(`${series.id}_20261103T140000Z alex.mentee@m`);
    const sams = client(fake, SAM);
    expect((await sams.get(series.id as string)).status).toBe(404);
  });

  it('keeps private extended properties per calendar and shares the shared ones', async () => {
    const series = await sharedSeries({
      extendedProperties: { private: { tandem: 'morgan' }, shared: { agenda: 'v1' } },
    });
    const patched = await alex.patch(series.id as string, { extendedProperties: { private: { tandem: 'alex' } } });
    expect(patched.status).toBe(200);
    expect(patched.body.extendedProperties).toEqual({ private: { tandem: 'alex' }, shared: { agenda: 'v1' } });
    expect((await morgan.get(series.id as string)).body.extendedProperties).toEqual({
      private: { tandem: 'morgan' },
      shared: { agenda: 'v1' },
    });
    expect((await alex.list({ privateExtendedProperty: 'tandem=alex' })).body.items).toHaveLength(1);
    expect((await morgan.list({ privateExtendedProperty: 'tandem=alex' })).body.items).toHaveLength(0);
  });

  it('lets a guest answer the invitation but not change what the organizer owns', async () => {
    const series = await sharedSeries();
    const accepted = await alex.patch(series.id as string, {
      attendees: [{ email: MORGAN }, { email: ALEX, responseStatus: 'accepted' }],
    });
    expect(accepted.status).toBe(200);
    expect((await morgan.get(series.id as string)).body.attendees?.find((a) => a.email === ALEX)?.responseStatus).toBe(
      'accepted',
    );
    for (const change of [
      { summary: 'Mine now' },
      { extendedProperties: { shared: { agenda: 'v2' } } },
      { start: { dateTime: '2026-11-03T16:00:00+01:00', timeZone: 'Europe/Berlin' } },
    ]) {
      const reply = await alex.patch(series.id as string, change);
      expect([reply.status, reason(reply)], JSON.stringify(change)).toEqual([403, 'forbiddenForNonOrganizer']);
    }
    const occurrence = await alex.patch(`${series.id}_20261110T140000Z`, { summary: 'x' });
    expect(occurrence.status).toBe(403);
  });

  it('lets guests change shared fields when guestsCanModify is set', async () => {
    const series = await sharedSeries({ guestsCanModify: true });
    const reply = await alex.patch(series.id as string, { extendedProperties: { shared: { agenda: 'from alex' } } });
    expect(reply.status).toBe(200);
    expect((await morgan.get(series.id as string)).body.extendedProperties?.shared).toEqual({ agenda: 'from alex' });
  });

  it("shows the organizer's changes in the guest's incremental sync", async () => {
    const series = await sharedSeries();
    const { nextSyncToken } = await listAll(alex);
    await morgan.patch(series.id as string, { description: 'Agenda: goals' });
    const changes = await alex.list({ syncToken: nextSyncToken });
    expect(changes.body.items?.map((e) => [e.id, e.description])).toEqual([[series.id, 'Agenda: goals']]);
  });

  it('a guest deleting the event declines it and drops it from their calendar only', async () => {
    const series = await sharedSeries();
    const alexSync = await listAll(alex);
    expect((await alex.remove(series.id as string)).status).toBe(204);
    expect((await alex.get(series.id as string)).status).toBe(404);
    const theirs = await alex.list({ syncToken: alexSync.nextSyncToken });
    expect(theirs.body.items).toEqual([
      { kind: 'calendar#event', etag: expect.any(String), id: series.id, status: 'cancelled' },
    ]);
    const organizers = await morgan.get(series.id as string);
    expect(organizers.body.status).toBe('confirmed');
    expect(organizers.body.attendees?.find((a) => a.email === ALEX)?.responseStatus).toBe('declined');
  });

  it('an event reaches a calendar when its owner is invited, and leaves it when uninvited', async () => {
    const series = (await morgan.insert(weeklySeries())).body;
    expect((await alex.get(series.id as string)).status).toBe(404);
    const { nextSyncToken } = await listAll(alex);
    await morgan.patch(series.id as string, { attendees: [{ email: ALEX }] });
    const invited = await alex.list({ syncToken: nextSyncToken });
    expect(invited.body.items?.map((e) => [e.id, e.status])).toEqual([[series.id, 'confirmed']]);
    await morgan.patch(series.id as string, { attendees: [] });
    const uninvited = await alex.list({ syncToken: invited.body.nextSyncToken as string });
    expect(uninvited.body.items?.map((e) => [e.id, e.status])).toEqual([[series.id, 'cancelled']]);
  });
});
