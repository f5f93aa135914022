// @vitest-environment node
/**
 * Contract test: Google's own Node client (googleapis) drives the fake unchanged, only `rootUrl`
 * points at it. What the client returns and throws is what our code will see from Google.
 */
import { GaxiosError } from 'gaxios';
import { type calendar_v3, google } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, tokenFor } from '../../fake-google/server.ts';
import { ALEX, MORGAN, startFake } from './helpers.ts';

let fake: FakeGoogle;
let calendar: calendar_v3.Calendar;

function clientFor(email: string): calendar_v3.Calendar {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: tokenFor(email) });
  return google.calendar({ version: 'v3', auth, rootUrl: `${fake.url}/` });
}

/** The GaxiosError a call rejects with. */
async function failure(call: Promise<unknown>): Promise<GaxiosError> {
  try {
    await call;
  } catch (e) {
    if (e instanceof GaxiosError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function reasonOf(error: GaxiosError): string | undefined {
  return (error.response?.data as { error?: { errors?: Array<{ reason?: string }> } })?.error?.errors?.[0]?.reason;
}

const session = {
  summary: 'Mentoring: Morgan / Alex',
  start: { dateTime: '2026-11-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-03T16:00:00+01:00', timeZone: 'Europe/Berlin' },
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8'],
  attendees: [{ email: MORGAN }, { email: ALEX }],
  extendedProperties: { private: { tandemRelationship: 'r-1' }, shared: { tandemAgenda: 'v1' } },
  conferenceData: { createRequest: { requestId: 'tandem-r-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
};

beforeAll(async () => {
  fake = await startFake();
  calendar = clientFor(MORGAN);
});
afterAll(() => fake?.close());

describe('googleapis against the fake', () => {
  let seriesId: string;
  let syncToken: string;

  it('lists calendars', async () => {
    const { data, status } = await calendar.calendarList.list();
    expect(status).toBe(200);
    expect(data.items?.map((c) => [c.id, c.primary, c.accessRole])).toEqual([[MORGAN, true, 'owner']]);
    expect(data.nextSyncToken).toEqual(expect.any(String));
  });

  it('inserts a recurring event with a Meet link', async () => {
    const { data } = await calendar.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      requestBody: session,
    });
    seriesId = data.id as string;
    expect(data.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(data.conferenceData?.conferenceId).toBe(data.hangoutLink?.slice('https://meet.google.com/'.length));
    expect(data.extendedProperties).toEqual(session.extendedProperties);
    expect(fake.log.last()?.query).toEqual({ conferenceDataVersion: '1' });
  });

  it('pages through a full sync and gets a sync token on the last page', async () => {
    for (const summary of ['one', 'two', 'three']) {
      await calendar.events.insert({
        calendarId: MORGAN,
        requestBody: {
          summary,
          start: { dateTime: '2026-11-05T10:00:00Z' },
          end: { dateTime: '2026-11-05T11:00:00Z' },
        },
      });
    }
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken });
      pages += 1;
      seen.push(...(data.items ?? []).map((e) => e.summary as string));
      pageToken = data.nextPageToken ?? undefined;
      if (!pageToken) syncToken = data.nextSyncToken as string;
      else expect(data.nextSyncToken).toBeUndefined();
    } while (pageToken);
    expect(pages).toBe(2);
    expect(seen).toEqual(['Mentoring: Morgan / Alex', 'one', 'two', 'three']);
    expect(syncToken).toEqual(expect.any(String));
  });

  it('syncs incrementally: a patched occurrence and a deletion', async () => {
    const occurrence = `${seriesId}_20261110T140000Z`;
    const { data: moved } = await calendar.events.patch({
      calendarId: 'primary',
      eventId: occurrence,
      requestBody: { start: { dateTime: '2026-11-11T15:00:00+01:00' }, end: { dateTime: '2026-11-11T16:00:00+01:00' } },
    });
    expect(moved).toMatchObject({ id: occurrence, recurringEventId: seriesId, sequence: 1 });
    const { data: all } = await calendar.events.list({ calendarId: 'primary', q: 'one' });
    const one = all.items?.[0]?.id as string;
    const deleted = await calendar.events.delete({ calendarId: 'primary', eventId: one });
    expect(deleted.status).toBe(204);

    const { data } = await calendar.events.list({ calendarId: 'primary', syncToken });
    expect(data.items?.map((e) => [e.id, e.status])).toEqual([
      [one, 'cancelled'],
      [occurrence, 'confirmed'],
    ]);
    syncToken = data.nextSyncToken as string;
  });

  it('rejects a stale If-Match with 412 conditionNotMet', async () => {
    const { data: current } = await calendar.events.get({ calendarId: 'primary', eventId: seriesId });
    await calendar.events.patch(
      { calendarId: 'primary', eventId: seriesId, requestBody: { description: 'Agenda v2' } },
      { headers: { 'If-Match': current.etag as string } },
    );
    const error = await failure(
      calendar.events.patch(
        { calendarId: 'primary', eventId: seriesId, requestBody: { description: 'lost update' } },
        { headers: { 'If-Match': current.etag as string } },
      ),
    );
    expect([error.status, error.code, reasonOf(error)]).toEqual([412, 412, 'conditionNotMet']);
    expect(fake.log.last()?.headers['if-match']).toBe(current.etag);
  });

  it('refuses a sync token with timeMin (400) and an expired one (410)', async () => {
    const restricted = await failure(
      calendar.events.list({ calendarId: 'primary', syncToken, timeMin: '2026-11-01T00:00:00Z' }),
    );
    expect([restricted.status, reasonOf(restricted)]).toEqual([400, 'syncTokenWithRequestRestrictions']);
    fake.expireSyncTokens();
    const gone = await failure(calendar.events.list({ calendarId: 'primary', syncToken }));
    expect([gone.status, gone.code, reasonOf(gone)]).toEqual([410, 410, 'fullSyncRequired']);
    expect(gone.message).toBe('Sync token is no longer valid, a full sync is required.');
  });

  it('answers 404 for an unknown event and 409 for a taken id', async () => {
    const missing = await failure(calendar.events.get({ calendarId: 'primary', eventId: 'nosuchevent' }));
    expect([missing.status, reasonOf(missing)]).toEqual([404, 'notFound']);
    const taken = await failure(
      calendar.events.insert({ calendarId: 'primary', requestBody: { ...session, id: seriesId, recurrence: [] } }),
    );
    expect([taken.status, reasonOf(taken)]).toEqual([409, 'duplicate']);
  });

  it('lists the instances of the series', async () => {
    const { data } = await calendar.events.instances({ calendarId: 'primary', eventId: seriesId });
    expect(data.items).toHaveLength(8);
    expect(data.items?.[1]).toMatchObject({
      id: `${seriesId}_20261110T140000Z`,
      start: { dateTime: '2026-11-11T15:00:00+01:00' },
    });
  });

  it("finds the session through the mentee's own token and calendar, read-only for her", async () => {
    const alex = clientFor(ALEX);
    const { data } = await alex.events.list({
      calendarId: 'primary',
      privateExtendedProperty: ['tandemRelationship=r-1'],
    });
    expect(data.items).toEqual([]);
    const { data: shared } = await alex.events.list({
      calendarId: 'primary',
      sharedExtendedProperty: ['tandemAgenda=v1'],
    });
    // The series and its edited occurrence, which carries the series' shared properties.
    expect(shared.items?.map((e) => e.id)).toEqual([seriesId, `${seriesId}_20261110T140000Z`]);
    const denied = await failure(
      alex.events.patch({ calendarId: 'primary', eventId: seriesId, requestBody: { summary: 'x' } }),
    );
    expect([denied.status, reasonOf(denied)]).toEqual([403, 'forbiddenForNonOrganizer']);
  });

  it('is retried by the client after a 429, and surfaces a 403 rate limit', async () => {
    fake.faults.next('rateLimit429');
    const before = fake.log.count();
    const { status } = await calendar.events.list({ calendarId: 'primary' });
    expect(status).toBe(200);
    expect(fake.log.count() - before).toBe(2);
    fake.faults.next('userRateLimit403');
    const limited = await failure(calendar.events.list({ calendarId: 'primary' }));
    expect([limited.status, reasonOf(limited)]).toEqual([403, 'userRateLimitExceeded']);
  });

  it('deletes the series, which then lists as a bare cancelled master', async () => {
    await calendar.events.delete({ calendarId: 'primary', eventId: seriesId });
    const { data } = await calendar.events.list({ calendarId: 'primary', showDeleted: true });
    expect(data.items?.find((e) => e.id === seriesId)).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: seriesId,
      status: 'cancelled',
    });
    const again = await failure(calendar.events.delete({ calendarId: 'primary', eventId: seriesId }));
    expect([again.status, reasonOf(again)]).toEqual([410, 'deleted']);
  });
});
