// @vitest-environment node
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { ALEX, client, listAll, MORGAN, PEOPLE, reason, single, startFake, weeklySeries } from './helpers.ts';

let fake: FakeGoogle;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
  api = client(fake);
});
afterAll(() => fake?.close());

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake.url}/__fake/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('faults', () => {
  it.each([
    ['rateLimit429', 429, 'rateLimitExceeded', 'usageLimits'],
    ['rateLimit403', 403, 'rateLimitExceeded', 'usageLimits'],
    ['userRateLimit403', 403, 'userRateLimitExceeded', 'usageLimits'],
    ['quotaExceeded403', 403, 'quotaExceeded', 'usageLimits'],
    ['backendError500', 500, 'backendError', 'global'],
    ['unavailable503', 503, 'backendError', 'global'],
    ['unauthorized401', 401, 'authError', 'global'],
  ] as const)('%s answers %i %s', async (kind, status, why, domain) => {
    fake.faults.next(kind);
    const reply = await api.list();
    expect([reply.status, reason(reply)]).toEqual([status, why]);
    expect(reply.body).toMatchObject({ error: { code: status, errors: [{ domain }] } });
    expect((await api.list()).status).toBe(200);
  });

  it('answers the next N matching requests only', async () => {
    fake.faults.next('rateLimit429', 2, { method: 'PATCH' });
    const id = (await api.insert(single())).body.id as string;
    expect((await api.get(id)).status).toBe(200);
    expect((await api.patch(id, { summary: 'a' })).status).toBe(429);
    expect((await api.patch(id, { summary: 'b' })).status).toBe(429);
    expect((await api.patch(id, { summary: 'c' })).status).toBe(200);
    fake.faults.next('backendError500', 1, { pathIncludes: '/instances' });
    expect((await api.list()).status).toBe(200);
    expect((await api.instances(id)).status).toBe(500);
    expect(fake.faults.pending()).toEqual([]);
  });

  it('delays requests', async () => {
    fake.faults.delay(150, 1);
    const started = performance.now();
    expect((await api.list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const again = performance.now();
    await api.list();
    expect(performance.now() - again).toBeLessThan(140);
  });

  it('drops the connection without an answer', async () => {
    fake.faults.next('drop');
    await expect(api.list()).rejects.toThrow();
    expect(fake.log.last()?.status).toBe(0);
    expect(fake.log.last()?.fault).toBe('drop');
    expect((await api.list()).status).toBe(200);
  });

  it('sends an HTML error page', async () => {
    fake.faults.add({ kind: 'html', status: 502 });
    const reply = await api.list();
    expect(reply.status).toBe(502);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(reply.body)).toContain('<title>Error 502 (Server Error)!!1</title>');
  });

  it('never touches the control endpoints', async () => {
    fake.faults.next('backendError500', 5);
    expect((await control('GET', 'health')).status).toBe(200);
    expect(fake.faults.pending()).toEqual([expect.objectContaining({ kind: 'backendError500', times: 5 })]);
  });
});

describe('request log', () => {
  it('records method, path, query, headers, body and status of API requests', async () => {
    const created = (await api.insert(single({ summary: 'Logged' }), { conferenceDataVersion: 1 })).body;
    await api.patch(created.id as string, { summary: 'x' }, { ifMatch: '"stale"' });
    await api.list({ privateExtendedProperty: ['a=1', 'b=2'] });
    const [insert, patch, list] = fake.log.entries;
    expect(insert).toMatchObject({
      method: 'POST',
      path: `/calendar/v3/calendars/primary/events`,
      query: { conferenceDataVersion: '1' },
      body: { summary: 'Logged' },
      status: 200,
    });
    expect(insert?.headers.authorization).toBe(`Bearer user:${MORGAN}`);
    expect(patch).toMatchObject({ method: 'PATCH', status: 412, headers: { 'if-match': '"stale"' } });
    expect(list?.query).toEqual({ privateExtendedProperty: ['a=1', 'b=2'] });
    expect(fake.log.count({ method: 'PATCH' })).toBe(1);
    expect(fake.log.count({ pathIncludes: created.id as string })).toBe(1);
  });

  it('decodes ids in paths', async () => {
    await client(fake, ALEX).list({}, ALEX);
    expect(fake.log.last()?.path).toBe(`/calendar/v3/calendars/${ALEX}/events`);
  });
});

describe('control endpoints over HTTP', () => {
  it('adds and clears faults, reads and clears the log', async () => {
    expect((await control('POST', 'faults', { kind: 'rateLimit429', times: 1 })).status).toBe(200);
    expect((await api.list()).status).toBe(429);
    await control('POST', 'faults', [
      { kind: 'delay', delayMs: 1 },
      { kind: 'backendError500', method: 'POST' },
    ]);
    expect((await control('GET', 'faults')).body).toEqual([
      { kind: 'delay', delayMs: 1, times: null },
      { kind: 'backendError500', method: 'POST', times: 1 },
    ]);
    await control('DELETE', 'faults');
    expect((await control('GET', 'faults')).body).toEqual([]);
    const log = (await control('GET', 'log')).body as Array<{ status: number }>;
    expect(log.map((e) => e.status)).toEqual([429]);
    await control('DELETE', 'log');
    expect((await control('GET', 'log')).body).toEqual([]);
    expect((await control('POST', 'faults', { kind: 'nonsense' })).status).toBe(400);
  });

  it('expires sync tokens, resets, loads a seed and moves the clock', async () => {
    await api.insert(single());
    const { nextSyncToken } = await listAll(api);
    await control('POST', 'expire-sync-tokens');
    expect((await api.list({ syncToken: nextSyncToken })).status).toBe(410);
    await control('POST', 'reset');
    expect((await api.list()).body.items).toEqual([]);
    expect((await control('POST', 'clock', { advanceMs: 60_000 })).body).toEqual({ now: '2026-11-01T09:01:00.000Z' });
    await control('POST', 'seed', {
      users: [{ email: 'solo@example.com', timeZone: 'Asia/Tokyo' }],
      events: [{ calendarId: 'solo@example.com', event: single({ summary: 'Seeded' }) }],
    });
    const solo = client(fake, 'solo@example.com');
    expect((await solo.list()).body).toMatchObject({ timeZone: 'Asia/Tokyo', items: [{ summary: 'Seeded' }] });
    expect((await control('POST', 'seed', { users: [] })).status).toBe(400);
    fake.loadSeed(PEOPLE);
  });

  it('makes Google-side edits', async () => {
    const series = (await api.insert(weeklySeries())).body;
    const moved = await control('POST', 'google/moveOccurrence', {
      eventId: `${series.id}_20261110T140000Z`,
      start: '2026-11-11T15:00:00+01:00',
    });
    expect(moved.body).toMatchObject({ start: { dateTime: '2026-11-11T15:00:00+01:00' }, sequence: 1 });
    await control('POST', 'google/cancelOccurrence', { eventId: `${series.id}_20261117T140000Z` });
    const events = (await control('GET', `events?calendarId=${MORGAN}`)).body as Array<{ id: string; status: string }>;
    expect(events.map((e) => [e.id, e.status])).toEqual([
      [series.id, 'confirmed'],
      [`${series.id}_20261110T140000Z`, 'confirmed'],
      [`${series.id}_20261117T140000Z`, 'cancelled'],
    ]);
    expect((await control('POST', 'google/nonsense', {})).status).toBe(400);
  });
});
