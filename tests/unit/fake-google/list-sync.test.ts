// @vitest-environment node
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { client, listAll, reason, single, startFake, weeklySeries } from './helpers.ts';

let fake: FakeGoogle;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
  api = client(fake);
});
afterAll(() => fake?.close());

const ids = (items: Array<{ id?: string | null }> | undefined) => (items ?? []).map((e) => e.id);

describe('events.list: what is listed', () => {
  it('lists masters and exceptions with singleEvents=false, instances with singleEvents=true', async () => {
    const series = (await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3'] }))).body;
    const coffee = (await api.insert(single())).body;
    await api.patch(`${series.id}_20261110T140000Z`, { summary: 'Moved' });

    const masters = await api.list();
    expect(ids(masters.body.items)).toEqual([series.id, coffee.id, `${series.id}_20261110T140000Z`]);

    const expanded = await api.list({ singleEvents: true, orderBy: 'startTime' });
    expect(ids(expanded.body.items)).toEqual([
      `${series.id}_20261103T140000Z`,
      coffee.id,
      `${series.id}_20261110T140000Z`,
      `${series.id}_20261117T140000Z`,
    ]);
    expect(expanded.body.items?.[2]?.summary).toBe('Moved');
  });

  it('shows cancelled occurrences without showDeleted (singleEvents=false), deleted events only with it', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const coffee = (await api.insert(single())).body;
    await api.remove(`${series.id}_20261110T140000Z`);
    await api.remove(coffee.id as string);

    expect(ids((await api.list()).body.items)).toEqual([series.id, `${series.id}_20261110T140000Z`]);
    expect(ids((await api.list({ showDeleted: true })).body.items)).toEqual([
      series.id,
      coffee.id,
      `${series.id}_20261110T140000Z`,
    ]);
    const expanded = await api.list({ singleEvents: true });
    expect(ids(expanded.body.items)).not.toContain(`${series.id}_20261110T140000Z`);
    expect(ids(expanded.body.items)).not.toContain(coffee.id);
    const expandedDeleted = await api.list({ singleEvents: true, showDeleted: true });
    expect(expandedDeleted.body.items?.filter((e) => e.status === 'cancelled').map((e) => e.id)).toEqual([
      coffee.id,
      `${series.id}_20261110T140000Z`,
    ]);
  });

  it('filters by time: end after timeMin, start before timeMax', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const window = { timeMin: '2026-11-10T15:30:00+01:00', timeMax: '2026-11-24T15:00:00+01:00' };
    const expanded = await api.list({ singleEvents: true, ...window });
    // The 10 Nov session ends at 16:00, after timeMin; the 24 Nov one starts at timeMax (excluded).
    expect(ids(expanded.body.items)).toEqual([`${series.id}_20261110T140000Z`, `${series.id}_20261117T140000Z`]);
    // A finished series is outside a later window; an unfinished one inside.
    expect(ids((await api.list({ timeMin: '2027-06-01T00:00:00Z' })).body.items)).toEqual([]);
    expect(ids((await api.list({ timeMin: '2026-12-01T00:00:00Z' })).body.items)).toEqual([series.id]);
  });

  it('expands open-ended series only so far without timeMax', async () => {
    await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=DAILY'] }));
    const { items } = await listAll(api, { singleEvents: true, maxResults: 2500 });
    // About two years of days from "now" (2026-11-01), not forever.
    expect(items.length).toBeGreaterThan(700);
    expect(items.length).toBeLessThan(740);
  });

  it('searches with q, finds by iCalUID, and filters by event type', async () => {
    const one = (await api.insert(single({ summary: 'Mentoring', description: 'Goals' }))).body;
    const two = (await api.insert(single({ summary: 'Dentist', attendees: [{ email: 'dr.who@example.com' }] }))).body;
    expect(ids((await api.list({ q: 'goals' })).body.items)).toEqual([one.id]);
    expect(ids((await api.list({ q: 'DR.WHO' })).body.items)).toEqual([two.id]);
    expect(ids((await api.list({ iCalUID: two.iCalUID as string })).body.items)).toEqual([two.id]);
    expect(ids((await api.list({ eventTypes: 'focusTime' })).body.items)).toEqual([]);
  });

  it('filters on extended properties, every constraint at once (private ones per calendar)', async () => {
    const both = (
      await api.insert(
        single({ extendedProperties: { private: { app: 'tandem', kind: 'session' }, shared: { rel: 'r1' } } }),
      )
    ).body;
    await api.insert(single({ extendedProperties: { private: { app: 'tandem', kind: 'note' } } }));
    await api.insert(single({ extendedProperties: { shared: { app: 'tandem' } } }));
    const query = { privateExtendedProperty: ['app=tandem', 'kind=session'] };
    expect(ids((await api.list(query)).body.items)).toEqual([both.id]);
    expect((await api.list({ privateExtendedProperty: 'app=tandem' })).body.items).toHaveLength(2);
    expect(
      ids((await api.list({ sharedExtendedProperty: 'rel=r1', privateExtendedProperty: 'app=tandem' })).body.items),
    ).toEqual([both.id]);
    // Shared properties are not private ones.
    expect(ids((await api.list({ privateExtendedProperty: 'rel=r1' })).body.items)).toEqual([]);
    expect((await api.list({ privateExtendedProperty: 'novalue' })).status).toBe(400);
  });

  it('writes the envelope like Google', async () => {
    await api.insert(single());
    const reply = await api.list({ timeZone: 'America/New_York' });
    expect(Object.keys(reply.body)).toEqual([
      'kind',
      'etag',
      'summary',
      'description',
      'updated',
      'timeZone',
      'accessRole',
      'defaultReminders',
      'nextSyncToken',
      'items',
    ]);
    expect(reply.body).toMatchObject({ kind: 'calendar#events', timeZone: 'America/New_York', accessRole: 'owner' });
    expect(reply.body.items?.[0]?.start?.dateTime).toBe('2026-11-05T04:00:00-05:00');
  });
});

describe('events.list: parameters Google refuses', () => {
  it('needs singleEvents for orderBy=startTime', async () => {
    const reply = await api.list({ orderBy: 'startTime' });
    expect([reply.status, reason(reply)]).toEqual([400, 'invalid']);
    expect(reply.body).toMatchObject({
      error: { message: 'The requested ordering is not available for the particular query.' },
    });
    expect((await api.list({ orderBy: 'updated' })).status).toBe(200);
  });

  it('refuses an empty time range and malformed values', async () => {
    const empty = await api.list({ timeMin: '2026-11-10T00:00:00Z', timeMax: '2026-11-10T00:00:00Z' });
    expect([empty.status, reason(empty)]).toEqual([400, 'timeRangeEmpty']);
    const malformed: Array<Record<string, string | number>> = [
      { timeMin: '2026-11-10' },
      { timeMax: '2026-11-10T00:00:00' },
      { maxResults: 0 },
      { singleEvents: 'yes' },
      { orderBy: 'summary' },
      { timeZone: 'Mars/Olympus' },
    ];
    for (const query of malformed) {
      const reply = await api.list(query);
      expect([reply.status, reason(reply)], JSON.stringify(query)).toEqual([400, 'invalid']);
    }
  });
});

describe('paging', () => {
  it('pages with maxResults; only the last page carries nextSyncToken', async () => {
    for (let i = 0; i < 5; i += 1) await api.insert(single({ summary: `e${i}` }));
    const first = await api.list({ maxResults: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    expect(first.body.nextSyncToken).toBeUndefined();
    const all = await listAll(api, { maxResults: 2 });
    expect(all.pages).toBe(3);
    expect(all.items.map((e) => e.summary)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(all.nextSyncToken).toEqual(expect.any(String));
  });

  it('defaults to 250 a page and never gives more than 2500', async () => {
    await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=DAILY;COUNT=1300'] }));
    await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=DAILY;COUNT=1300'] }));
    const query = { singleEvents: true, timeMax: '2031-01-01T00:00:00Z' };
    expect((await api.list(query)).body.items).toHaveLength(250);
    const big = await api.list({ ...query, maxResults: 5000 });
    expect(big.body.items).toHaveLength(2500);
    expect(big.body.nextPageToken).toEqual(expect.any(String));
  });

  it('refuses a page token with other parameters, or one it never gave', async () => {
    for (let i = 0; i < 3; i += 1) await api.insert(single());
    const first = await api.list({ maxResults: 1, q: 'coffee' });
    const token = first.body.nextPageToken as string;
    expect((await api.list({ pageToken: token, q: 'coffee', maxResults: 1 })).status).toBe(200);
    const other = await api.list({ pageToken: token, q: 'tea' });
    expect([other.status, reason(other)]).toEqual([400, 'invalid']);
    expect((await api.list({ pageToken: 'bm9wZQ' })).status).toBe(400);
  });

  it('keeps a snapshot: writes between pages do not shift them', async () => {
    for (let i = 0; i < 4; i += 1) await api.insert(single({ summary: `e${i}` }));
    const first = await api.list({ maxResults: 2 });
    await api.insert(single({ summary: 'late' }));
    const second = await api.list({ maxResults: 2, pageToken: first.body.nextPageToken as string });
    expect(second.body.items?.map((e) => e.summary)).toEqual(['e2', 'e3']);
    // …and the late event arrives with the next sync.
    const next = await api.list({ syncToken: second.body.nextSyncToken as string });
    expect(next.body.items?.map((e) => e.summary)).toEqual(['late']);
  });
});

describe('incremental sync', () => {
  it('returns only what changed since the token, deletions as cancelled stubs', async () => {
    const keep = (await api.insert(single({ summary: 'keep' }))).body;
    const edit = (await api.insert(single({ summary: 'edit' }))).body;
    const gone = (await api.insert(single({ summary: 'gone' }))).body;
    const { nextSyncToken } = await listAll(api);

    const nothing = await api.list({ syncToken: nextSyncToken });
    expect(nothing.body.items).toEqual([]);
    // Nothing changed: the same token comes back.
    expect(nothing.body.nextSyncToken).toBe(nextSyncToken);

    await api.patch(edit.id as string, { summary: 'edited' });
    await api.remove(gone.id as string);
    const added = (await api.insert(single({ summary: 'new' }))).body;
    const changes = await api.list({ syncToken: nextSyncToken });
    expect(changes.body.items?.map((e) => [e.id, e.status, e.summary])).toEqual([
      [edit.id, 'confirmed', 'edited'],
      [gone.id, 'cancelled', undefined],
      [added.id, 'confirmed', 'new'],
    ]);
    expect(ids(changes.body.items)).not.toContain(keep.id);
    expect(changes.body.items?.[1]).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: gone.id,
      status: 'cancelled',
    });
    expect(changes.body.nextSyncToken).not.toBe(nextSyncToken);
  });

  it('expands a changed series with singleEvents=true', async () => {
    const series = (await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3'] }))).body;
    const { nextSyncToken } = await listAll(api, { singleEvents: true });
    await api.patch(series.id as string, { summary: 'Renamed series' });
    const changes = await api.list({ singleEvents: true, syncToken: nextSyncToken });
    expect(changes.body.items?.map((e) => e.summary)).toEqual(['Renamed series', 'Renamed series', 'Renamed series']);
    await api.remove(`${series.id}_20261117T140000Z`);
    const cancelled = await api.list({ singleEvents: true, syncToken: changes.body.nextSyncToken as string });
    expect(cancelled.body.items?.map((e) => [e.id, e.status])).toEqual([
      [`${series.id}_20261117T140000Z`, 'cancelled'],
    ]);
  });

  it.each([
    ['timeMin', '2026-11-01T00:00:00Z'],
    ['timeMax', '2026-12-01T00:00:00Z'],
    ['q', 'x'],
    ['orderBy', 'updated'],
    ['iCalUID', 'x@google.com'],
    ['privateExtendedProperty', 'a=b'],
    ['sharedExtendedProperty', 'a=b'],
    ['updatedMin', '2026-11-01T00:00:00Z'],
    ['showDeleted', 'false'],
  ])('refuses syncToken with %s', async (name, value) => {
    const { nextSyncToken } = await listAll(api);
    const reply = await api.list({ syncToken: nextSyncToken, [name]: value });
    expect([reply.status, reason(reply)]).toEqual([400, 'syncTokenWithRequestRestrictions']);
  });

  it('answers 410 fullSyncRequired for unknown, foreign and expired tokens', async () => {
    const { nextSyncToken } = await listAll(api);
    for (const token of ['bm90IGEgdG9rZW4=', 'garbage!']) {
      const reply = await api.list({ syncToken: token });
      expect([reply.status, reason(reply)]).toEqual([410, 'fullSyncRequired']);
    }
    const alex = client(fake, 'alex.mentee@gmail.com');
    expect((await alex.list({ syncToken: nextSyncToken })).status).toBe(410);
    expect((await api.list({ syncToken: nextSyncToken })).status).toBe(200);
    fake.expireSyncTokens();
    const expired = await api.list({ syncToken: nextSyncToken });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({
      error: { code: 410, errors: [{ domain: 'calendar', location: 'syncToken', locationType: 'parameter' }] },
    });
    const fresh = await listAll(api);
    expect((await api.list({ syncToken: fresh.nextSyncToken })).status).toBe(200);
    // A reset starts a new world: tokens from before it are unknown.
    fake.reset();
    expect((await api.list({ syncToken: fresh.nextSyncToken })).status).toBe(410);
  });

  it('includes events deleted since updatedMin even without showDeleted', async () => {
    const early = (await api.insert(single({ summary: 'early' }))).body;
    fake.clock.advance(3_600_000);
    await api.remove(early.id as string);
    const reply = await api.list({ updatedMin: '2026-11-01T09:30:00Z' });
    expect(reply.body.items?.map((e) => [e.id, e.status])).toEqual([[early.id, 'cancelled']]);
  });
});

describe('events.instances', () => {
  it('lists one series, exceptions in place, cancelled ones only with showDeleted', async () => {
    const series = (await api.insert(weeklySeries({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4'] }))).body;
    await api.insert(single());
    await api.patch(`${series.id}_20261110T140000Z`, {
      start: { dateTime: '2026-11-12T15:00:00+01:00' },
      end: { dateTime: '2026-11-12T16:00:00+01:00' },
    });
    await api.remove(`${series.id}_20261117T140000Z`);
    const reply = await api.instances(series.id as string);
    expect(reply.status).toBe(200);
    expect(ids(reply.body.items)).toEqual([
      `${series.id}_20261103T140000Z`,
      `${series.id}_20261110T140000Z`,
      `${series.id}_20261124T140000Z`,
    ]);
    expect(reply.body.nextSyncToken).toBeUndefined();
    const withDeleted = await api.instances(series.id as string, { showDeleted: true });
    expect(withDeleted.body.items).toHaveLength(4);
    const window = await api.instances(series.id as string, { timeMin: '2026-11-20T00:00:00Z', maxResults: 1 });
    expect(ids(window.body.items)).toEqual([`${series.id}_20261124T140000Z`]);
    const one = await api.instances(series.id as string, { originalStart: '2026-11-10T15:00:00+01:00' });
    expect(ids(one.body.items)).toEqual([`${series.id}_20261110T140000Z`]);
    expect((await api.instances('nosuchseries')).status).toBe(404);
  });

  it('pages instances', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const first = await api.instances(series.id as string, { maxResults: 5 });
    expect(first.body.items).toHaveLength(5);
    const rest = await api.instances(series.id as string, {
      maxResults: 5,
      pageToken: first.body.nextPageToken as string,
    });
    expect(rest.body.items).toHaveLength(3);
  });
});
