import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CalendarApiError,
  type CalendarClientOptions,
  createCalendarClient,
  retryAfterMs,
} from '../../../lib/calendar/client';

const BASE = 'http://127.0.0.1:8123/calendar/v3';
const TOKEN = 'ya29.first-token';
const FRESH = 'ya29.fresh-token';

const EVENT = {
  kind: 'calendar#event',
  id: 'abc123',
  etag: '"3485466039120702"',
  status: 'confirmed',
  start: { dateTime: '2026-11-24T16:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-24T16:45:00+01:00', timeZone: 'Europe/Berlin' },
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function googleError(code: number, reason: string, message = reason): Response {
  return json(code, { error: { code, message, errors: [{ domain: 'global', reason, message }] } });
}

interface Sent {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

/** A fake API: answers from `reply` and records what was sent. */
function fakeApi(reply: (request: Sent, index: number) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    const request = {
      url: new URL(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    return reply(request, sent.length - 1);
  });
  return { fetch, sent };
}

function tokenProvider() {
  const tokens = [TOKEN, FRESH];
  return {
    getToken: vi.fn(async (_interactive: boolean) => tokens[0] ?? null),
    dropToken: vi.fn(async (token: string) => {
      if (tokens[0] === token) tokens.shift();
    }),
  };
}

/** A client on a simulated clock: `sleep` moves time on at once and is recorded. */
function simulated(reply: Parameters<typeof fakeApi>[0], options: Partial<CalendarClientOptions> = {}) {
  const api = fakeApi(reply);
  const tokens = tokenProvider();
  const clock = { now: 0, sleeps: [] as number[] };
  const client = createCalendarClient({
    baseUrl: BASE,
    tokens,
    fetch: api.fetch,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    ...options,
  });
  return { client, tokens, clock, ...api };
}

async function failure(promise: Promise<unknown>): Promise<CalendarApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof CalendarApiError)) throw new Error(`expected a CalendarApiError, got ${String(error)}`);
  return error;
}

let consoleText: () => string;
beforeEach(() => {
  const spies = (['debug', 'warn', 'error', 'log'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => {}),
  );
  consoleText = () => spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
});
afterEach(() => {
  // Whatever happened, no token reached the console.
  expect(consoleText()).not.toContain('ya29');
});

describe('requests', () => {
  it('lists events with repeated extended-property filters, booleans and dates', async () => {
    const { client, sent } = simulated(() =>
      json(200, { kind: 'calendar#events', items: [EVENT], nextSyncToken: 's1' }),
    );
    const page = await client.listEvents('p#weather@group.v.calendar.google.com', {
      singleEvents: false,
      showDeleted: true,
      maxResults: 250,
      timeMin: new Date('2026-11-01T00:00:00Z'),
      privateExtendedProperty: { tandemVersion: '1', tandemRelationship: 'r1' },
      sharedExtendedProperty: { tandemShared: 'yes' },
    });
    expect(page.items.map((e) => e.id)).toEqual(['abc123']);
    expect(page.nextSyncToken).toBe('s1');

    const [request] = sent;
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe('/calendar/v3/calendars/p%23weather%40group.v.calendar.google.com/events');
    expect(request?.url.searchParams.getAll('privateExtendedProperty')).toEqual([
      'tandemVersion=1',
      'tandemRelationship=r1',
    ]);
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toMatchObject({
      singleEvents: 'false',
      showDeleted: 'true',
      maxResults: '250',
      timeMin: '2026-11-01T00:00:00.000Z',
      sharedExtendedProperty: 'tandemShared=yes',
    });
    expect(request?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('inserts with conferenceDataVersion and sendUpdates, sending the body as JSON', async () => {
    const { client, sent } = simulated(() => json(200, EVENT));
    const body = { summary: 'Mentoring with Ben', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'] };
    const created = await client.insertEvent('primary', body, { conferenceDataVersion: 1, sendUpdates: 'all' });
    expect(created.etag).toBe('"3485466039120702"');
    expect(sent[0]).toMatchObject({ method: 'POST', body });
    expect(sent[0]?.url.href).toBe(`${BASE}/calendars/primary/events?conferenceDataVersion=1&sendUpdates=all`);
    expect(sent[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('patches and deletes with If-Match', async () => {
    const { client, sent } = simulated((request) =>
      request.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, EVENT),
    );
    await client.patchEvent('primary', 'abc123', { description: 'x' }, { ifMatch: '"1"' });
    await expect(client.deleteEvent('primary', 'abc123_20261124T150000Z', { ifMatch: '"2"' })).resolves.toBeUndefined();
    expect(sent.map((r) => [r.method, r.url.pathname, r.headers.get('If-Match')])).toEqual([
      ['PATCH', '/calendar/v3/calendars/primary/events/abc123', '"1"'],
      ['DELETE', '/calendar/v3/calendars/primary/events/abc123_20261124T150000Z', '"2"'],
    ]);
  });

  it('reads calendar lists, single events and instances', async () => {
    const { client, sent } = simulated((request) =>
      request.url.pathname.endsWith('/calendarList')
        ? json(200, { items: [{ id: 'primary@example.com', accessRole: 'owner', primary: true }] })
        : request.url.pathname.endsWith('/instances')
          ? json(200, { items: [EVENT], nextPageToken: 'p2' })
          : json(200, EVENT),
    );
    expect((await client.listCalendars({ minAccessRole: 'writer' })).items[0]?.id).toBe('primary@example.com');
    expect((await client.getEvent('primary', 'abc123')).id).toBe('abc123');
    expect((await client.instances('primary', 'abc123', { maxResults: 10 })).nextPageToken).toBe('p2');
    expect(sent.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/calendar/v3/users/me/calendarList?minAccessRole=writer',
      '/calendar/v3/calendars/primary/events/abc123',
      '/calendar/v3/calendars/primary/events/abc123/instances?maxResults=10',
    ]);
  });

  it('uses Google’s API by default', async () => {
    const api = fakeApi(() => json(200, { items: [] }));
    await createCalendarClient({ tokens: tokenProvider(), fetch: api.fetch }).listEvents('primary');
    expect(api.sent[0]?.url.href).toBe('https://www.googleapis.com/calendar/v3/calendars/primary/events');
  });
});

describe('errors', () => {
  it.each([
    [410, 'fullSyncRequired', 'gone'],
    [410, 'deleted', 'notFound'],
    [412, 'conditionNotMet', 'precondition'],
    [409, 'duplicate', 'conflict'],
    [404, 'notFound', 'notFound'],
    [403, 'forbiddenForNonOrganizer', 'forbidden'],
    [403, 'insufficientPermissions', 'forbidden'],
    [400, 'timeRangeEmpty', 'invalid'],
  ])('%i %s is %s, not retried', async (status, reason, kind) => {
    const { client, fetch } = simulated(() => googleError(status, reason, `Google says ${reason}`));
    const error = await failure(client.listEvents('primary', { syncToken: 'old' }));
    expect(error).toMatchObject({ kind, status, reason, message: `Google says ${reason}`, operation: 'events.list' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('drops a refused token and retries once with a fresh one', async () => {
    const { client, tokens, sent } = simulated((request) =>
      request.headers.get('Authorization') === `Bearer ${FRESH}` ? json(200, EVENT) : googleError(401, 'authError'),
    );
    expect((await client.getEvent('primary', 'abc123')).id).toBe('abc123');
    expect(tokens.dropToken).toHaveBeenCalledWith(TOKEN);
    expect(sent.map((r) => r.headers.get('Authorization'))).toEqual([`Bearer ${TOKEN}`, `Bearer ${FRESH}`]);
  });

  it('is an auth error when the fresh token is refused too, or when there is no token', async () => {
    const { client, tokens, fetch } = simulated(() => googleError(401, 'authError', 'Invalid Credentials'));
    expect(await failure(client.getEvent('primary', 'abc123'))).toMatchObject({ kind: 'auth', status: 401 });
    expect(tokens.dropToken.mock.calls).toEqual([[TOKEN], [FRESH]]);
    expect(fetch).toHaveBeenCalledTimes(2);

    const signedOut = simulated(() => json(200, EVENT), {
      tokens: { getToken: async () => null, dropToken: async () => {} },
    });
    expect(await failure(signedOut.client.getEvent('primary', 'abc123'))).toMatchObject({ kind: 'auth', status: null });
    expect(signedOut.fetch).not.toHaveBeenCalled();
  });

  it('retries 5xx with full-jitter backoff, then gives up as a server error (HTML pages too)', async () => {
    const { client, fetch, clock } = simulated(
      () =>
        new Response('<html><body>502 Bad Gateway</body></html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const error = await failure(client.listEvents('primary'));
    expect(error).toMatchObject({ kind: 'server', status: 502, reason: null, message: 'HTTP 502', retryAt: null });
    expect(fetch).toHaveBeenCalledTimes(4);
    // random() = 0.5 of a ceiling doubling from 1 s.
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('draws each backoff anywhere below its ceiling', async () => {
    const draws = [0, 0.999];
    const { client, clock } = simulated(
      (_r, index) => (index < 2 ? googleError(500, 'backendError') : json(200, EVENT)),
      {
        random: () => draws.shift() ?? 0,
      },
    );
    await client.getEvent('primary', 'abc123');
    expect(clock.sleeps).toEqual([0, 1998]);
  });

  it('retries a network failure, and reports one that lasts', async () => {
    const flaky = simulated((_r, index) => {
      if (index === 0) throw new TypeError('Failed to fetch');
      return json(200, EVENT);
    });
    expect((await flaky.client.getEvent('primary', 'abc123')).id).toBe('abc123');

    const offline = simulated(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failure(offline.client.getEvent('primary', 'abc123'))).toMatchObject({
      kind: 'network',
      status: null,
      message: 'TypeError: Failed to fetch',
    });
    expect(offline.fetch).toHaveBeenCalledTimes(4);
  });

  it('waits at least as long as Retry-After', async () => {
    const { client, clock } = simulated((_r, index) =>
      index === 0 ? new Response('busy', { status: 503, headers: { 'Retry-After': '7' } }) : json(200, EVENT),
    );
    await client.getEvent('primary', 'abc123');
    expect(clock.sleeps).toEqual([7000]);
  });

  it('gives up with retryAt instead of waiting longer than maxWaitMs', async () => {
    const { client, fetch, clock } = simulated(
      () => new Response('', { status: 503, headers: { 'Retry-After': '3600' } }),
    );
    const error = await failure(client.getEvent('primary', 'abc123'));
    expect(error).toMatchObject({ kind: 'server', status: 503, retryAt: 3_600_000 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    [
      'an HTML page',
      () => new Response('<html>Sign in to Wi-Fi</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      'not JSON (text/html)',
    ],
    ['a missing etag', () => json(200, { ...EVENT, etag: undefined }), 'etag'],
    ['a wrong type', () => json(200, { ...EVENT, start: { dateTime: 20261124 } }), 'start.dateTime'],
  ])('reports %s in a success as malformed, logged without the body or token, once', async (_name, reply, detail) => {
    const { client, fetch } = simulated(reply);
    const error = await failure(client.getEvent('primary', 'abc123'));
    expect(error).toMatchObject({ kind: 'malformed', status: 200 });
    expect(error.message).toContain(detail);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(consoleText()).toContain(`events.get: malformed response (${detail}`);
  });
});

describe('rate limits', () => {
  it.each([
    ['429', () => googleError(429, 'rateLimitExceeded')],
    ['403 rateLimitExceeded', () => googleError(403, 'rateLimitExceeded')],
    ['403 userRateLimitExceeded', () => googleError(403, 'userRateLimitExceeded')],
  ])('backs off over 30 s after a %s, by handing the wait back as retryAt, then carries on', async (_name, limited) => {
    const { client, clock, fetch } = simulated((_r, index) => (index === 0 ? limited() : json(200, EVENT)));
    // The 31 s cooldown is longer than the service worker may idle (maxWaitMs, 25 s): the caller
    // (the outbox, through its stored nextAttemptAt) waits instead.
    expect(await failure(client.getEvent('primary', 'abc123'))).toMatchObject({ kind: 'rateLimited', retryAt: 31_000 });
    expect(Math.max(0, ...clock.sleeps)).toBeLessThanOrEqual(25_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    clock.now = 31_000;
    expect((await client.getEvent('primary', 'abc123')).id).toBe('abc123');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('waits a cooldown out itself when maxWaitMs allows, and reports a lasting rate limit with its retryAt', async () => {
    const { client, fetch, clock } = simulated(() => googleError(429, 'rateLimitExceeded'), { maxWaitMs: 45_000 });
    const error = await failure(client.listEvents('primary'));
    // 0 s: limited (cooldown 31 s, waited); 31 s: limited again (62 s): more than maxWaitMs, so stop.
    expect(error).toMatchObject({ kind: 'rateLimited', status: 429, reason: 'rateLimitExceeded', retryAt: 93_000 });
    expect(fetch).toHaveBeenCalledTimes(2);
    // Backoff, then the rest of the cooldown (the second request goes at 31 s), then backoff again.
    expect(clock.sleeps).toEqual([500, 30_500, 1000]);
  });

  it('makes at most one request per 30 s under 10 minutes of sustained 429s, however hard it is asked', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const times: number[] = [];
      const api = fakeApi(() => {
        times.push(Date.now());
        return googleError(429, 'rateLimitExceeded');
      });
      const client = createCalendarClient({ baseUrl: BASE, tokens: tokenProvider(), fetch: api.fetch });
      const END = 10 * 60_000;
      const outcomes: string[] = [];
      // Three impatient callers: one asks again every second, one every 7 s, one right at retryAt.
      const caller = async (pause: (error: CalendarApiError) => number) => {
        while (Date.now() < END) {
          try {
            await client.listEvents('primary');
          } catch (error) {
            if (!(error instanceof CalendarApiError)) throw error;
            outcomes.push(error.kind);
            await new Promise((resolve) => setTimeout(resolve, pause(error)));
          }
        }
      };
      const done = Promise.all([
        caller(() => 1000),
        caller(() => 7000),
        caller((error) => Math.max(1, (error.retryAt ?? 0) - Date.now())),
      ]);
      await vi.advanceTimersByTimeAsync(END + 5 * 60_000);
      await done;

      expect(new Set(outcomes)).toEqual(new Set(['rateLimited']));
      // The callers started together, before anything told the client to slow down.
      const [first, ...rest] = times;
      expect(first).toBe(0);
      const afterBurst = rest.filter((t) => t > 0);
      expect(rest.length - afterBurst.length).toBeLessThanOrEqual(2);
      // From then on, any 30-second window holds at most one request.
      const gaps = afterBurst.map((t, i) => t - (i === 0 ? 0 : (afterBurst[i - 1] as number)));
      expect(Math.min(...gaps)).toBeGreaterThan(30_000);
      // Three answers to one burst are one signal: the cooldown starts at 31 s, not 124 s.
      expect(afterBurst[0]).toBe(31_000);
      // …and the client keeps probing, so it notices when the limit lifts.
      expect(afterBurst.filter((t) => t <= END).length).toBeGreaterThanOrEqual(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds a lone caller to one request per 30 s from its very first 429', async () => {
    const { client, clock, fetch } = simulated(() => googleError(429, 'rateLimitExceeded'));
    const times: number[] = [];
    fetch.mockImplementation(async () => {
      times.push(clock.now);
      return googleError(429, 'rateLimitExceeded');
    });
    while (clock.now < 10 * 60_000) {
      const error = await failure(client.listEvents('primary'));
      clock.now = Math.max(clock.now + 1000, error.retryAt ?? 0);
    }
    const windows = times.map((start) => times.filter((t) => t >= start && t <= start + 30_000).length);
    expect(Math.max(...windows)).toBe(1);
    // The cooldown doubles from 31 s up to 120 s.
    expect(times).toEqual([0, 31_000, 93_000, 213_000, 333_000, 453_000, 573_000]);
  });

  it('lifts the cooldown at the first success', async () => {
    let limited = true;
    const { client, clock, fetch } = simulated(() =>
      limited ? googleError(429, 'rateLimitExceeded') : json(200, EVENT),
    );
    // One request: the cooldown it starts (31 s) is longer than a call waits.
    await failure(client.getEvent('primary', 'abc123'));
    limited = false;
    clock.now += 60_000;
    await client.getEvent('primary', 'abc123');
    const before = clock.now;
    await client.getEvent('primary', 'abc123');
    await client.getEvent('primary', 'abc123');
    expect(clock.now).toBe(before);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('lifts the cooldown at an answer that is no rate limit: the read a 412 needs goes out at once', async () => {
    const answers = [googleError(429, 'rateLimitExceeded'), googleError(412, 'conditionNotMet'), json(200, EVENT)];
    const { client, clock, fetch } = simulated(() => answers.shift() ?? json(200, EVENT));
    // 0 s: limited; the cooldown is now 31 s, longer than a call waits. Past it, the next request
    // would still hold the one after it back by a full cooldown, unless the 412 lifts it.
    await failure(client.patchEvent('primary', 'abc123', { summary: 'x' }, { ifMatch: '"1"' }));
    clock.now += 120_000;
    expect(await failure(client.patchEvent('primary', 'abc123', { summary: 'x' }, { ifMatch: '"1"' }))).toMatchObject({
      kind: 'precondition',
    });
    const before = clock.now;
    await client.getEvent('primary', 'abc123');
    expect(clock.now).toBe(before);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('does not send while cooling down: callers get retryAt without a request', async () => {
    const { client, fetch } = simulated(() => googleError(429, 'rateLimitExceeded'), { maxWaitMs: 10_000 });
    expect(await failure(client.listEvents('primary'))).toMatchObject({ status: 429, retryAt: 31_000 });
    expect(await failure(client.listEvents('primary'))).toMatchObject({
      kind: 'rateLimited',
      status: null,
      reason: 'cooldown',
      retryAt: 31_000,
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-24T15:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 15:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
