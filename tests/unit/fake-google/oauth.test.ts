// @vitest-environment node
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CALENDAR_EVENTS_OWNED } from '../../fake-google/oauth.ts';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { ALEX, client, MORGAN, startFake } from './helpers.ts';

let fake: FakeGoogle;

beforeEach(async () => {
  if (!fake) fake = await startFake();
  fake.reset();
});
afterAll(() => fake?.close());

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** An authorization request as lib/calendar/auth.ts sends it, with overrides (`null` leaves one out). */
function authorizeUrl(overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    client_id: 'tandem-e2e.fake-google.invalid',
    response_type: 'token',
    redirect_uri: REDIRECT,
    scope: CALENDAR_EVENTS_OWNED,
    state: 'st4te',
    ...overrides,
  };
  const url = new URL(`${fake.url}/o/oauth2/v2/auth`);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}

/** The redirect's fragment, or the status and body of a page. */
async function authorize(overrides: Record<string, string | null> = {}) {
  const response = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location,
    fragment: Object.fromEntries(new URLSearchParams(location ? new URL(location).hash.slice(1) : '')),
    body: await response.text(),
  };
}

function revoke(token: string, how: 'query' | 'form' = 'query') {
  return how === 'query'
    ? fetch(`${fake.url}/revoke?token=${encodeURIComponent(token)}`, { method: 'POST' })
    : fetch(`${fake.url}/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
}

describe('OAuth authorization endpoint (implicit flow)', () => {
  it('redirects to redirect_uri with a token for the default user in the fragment, echoing state', async () => {
    const reply = await authorize();
    expect(reply.status).toBe(302);
    expect(reply.location?.startsWith(`${REDIRECT}#`)).toBe(true);
    expect(reply.fragment).toEqual({
      access_token: `user:${MORGAN}`,
      token_type: 'Bearer',
      expires_in: '3600',
      scope: CALENDAR_EVENTS_OWNED,
      state: 'st4te',
    });
    // The token works on the API as that user.
    const calendars = await client(fake).call<{ items: Array<{ id: string }> }>('GET', '/users/me/calendarList', {
      token: reply.fragment.access_token ?? '',
    });
    expect(calendars.body.items.map((c) => c.id)).toEqual([MORGAN]);
    expect(fake.authorizations).toMatchObject([{ outcome: 'granted', user: MORGAN, prompt: null }]);
  });

  it('signs in the user named by login_hint; an unknown one is a 400', async () => {
    expect((await authorize({ login_hint: ALEX })).fragment.access_token).toBe(`user:${ALEX}`);
    const unknown = await authorize({ login_hint: 'nobody@example.com' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('login_hint');
  });

  it.each([
    ['no client_id', { client_id: null }, 'client_id'],
    ['no redirect_uri', { redirect_uri: null }, 'redirect_uri'],
    ['an http redirect off the loopback', { redirect_uri: 'http://example.com/' }, 'redirect_uri'],
    ['the code flow', { response_type: 'code' }, 'unsupported_response_type'],
    ['no scope', { scope: null }, 'scope'],
    ['a scope that is not Calendar', { scope: `${CALENDAR_EVENTS_OWNED} https://mail.google.com/` }, 'invalid_scope'],
    ['Calendar without events.owned', { scope: 'https://www.googleapis.com/auth/calendar' }, 'invalid_scope'],
  ])('refuses %s with a 400 page, not a redirect', async (_, overrides, says) => {
    const reply = await authorize(overrides);
    expect(reply.status).toBe(400);
    expect(reply.location).toBeNull();
    expect(reply.body).toContain(says);
    expect(fake.authorizations.at(-1)?.outcome).toBe('invalid');
  });

  it('grants a silent renewal (prompt=none) only after an interactive grant', async () => {
    const before = await authorize({ prompt: 'none' });
    expect(before.status).toBe(302);
    expect(before.fragment).toEqual({ error: 'interaction_required', state: 'st4te' });
    await authorize();
    expect((await authorize({ prompt: 'none' })).fragment.access_token).toBe(`user:${MORGAN}`);
  });
});

describe('revocation', () => {
  it.each(['query', 'form'] as const)('POST /revoke (token in the %s) → 200, then the token gets 401', async (how) => {
    const token = (await authorize()).fragment.access_token ?? '';
    const api = client(fake);
    expect((await api.list({}, undefined)).status).toBe(200);
    expect((await revoke(token, how)).status).toBe(200);
    const refused = await api.call('GET', '/calendars/primary/events', { token });
    expect(refused.status).toBe(401);
    // The grant is gone too: a silent renewal needs the user again; signing in again works.
    expect((await authorize({ prompt: 'none' })).fragment.error).toBe('interaction_required');
    expect((await authorize()).fragment.access_token).toBe(token);
    expect((await api.call('GET', '/calendars/primary/events', { token })).status).toBe(200);
  });

  it('answers 400 invalid_token for a token it does not know or revoked already', async () => {
    expect((await revoke('ya29.nothing')).status).toBe(400);
    await authorize();
    expect((await revoke(`user:${MORGAN}`)).status).toBe(200);
    const again = await revoke(`user:${MORGAN}`);
    expect([again.status, await again.json()]).toEqual([
      400,
      { error: 'invalid_token', error_description: 'Token expired or revoked' },
    ]);
  });

  it('revokeToken (a Google-side revocation) ends the grant too; reset forgets it all', async () => {
    await authorize();
    fake.revokeToken(`user:${MORGAN}`);
    expect((await client(fake).list()).status).toBe(401);
    expect((await authorize({ prompt: 'none' })).fragment.error).toBe('interaction_required');
    fake.reset();
    expect((await client(fake).list()).status).toBe(200);
    expect(fake.authorizations).toEqual([]);
  });
});

describe('CORS', () => {
  it('answers a preflight for the headers the extension sends, private network access included', async () => {
    const response = await fetch(`${fake.url}/calendar/v3/calendars/primary/events/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,if-match',
        'access-control-request-private-network': 'true',
      },
    });
    expect(response.status).toBe(204);
    const allowed = (name: string) => (response.headers.get(name) ?? '').toLowerCase();
    expect(allowed('access-control-allow-origin')).toBe('*');
    for (const header of ['authorization', 'content-type', 'if-match']) {
      expect(allowed('access-control-allow-headers')).toContain(header);
    }
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      expect(response.headers.get('access-control-allow-methods')).toContain(method);
    }
    expect(allowed('access-control-allow-private-network')).toBe('true');
    expect(fake.log.entries).toEqual([]);
  });

  it.each([
    ['an API answer', (url: string) => fetch(`${url}/calendar/v3/calendars/primary/events`)],
    ['an API error', (url: string) => fetch(`${url}/calendar/v3/nothing`)],
    ['a control answer', (url: string) => fetch(`${url}/__fake/health`)],
    ['a revocation', (url: string) => fetch(`${url}/revoke?token=x`, { method: 'POST' })],
    ['an authorization', (url: string) => fetch(`${url}/o/oauth2/v2/auth`, { redirect: 'manual' })],
  ])('allows any origin on %s', async (_, request) => {
    const response = await request(fake.url);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
