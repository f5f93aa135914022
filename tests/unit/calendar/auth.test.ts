import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  chromeTokenProvider,
  createTokenProvider,
  type TokenProvider,
  webAuthFlowTokenProvider,
} from '../../../lib/calendar/auth';
import { type CalendarConfig, GOOGLE_AUTH_URL, GOOGLE_REVOKE_URL } from '../../../lib/calendar/config';
import { CALENDAR_SCOPE } from '../../../lib/calendar/scope';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const TOKEN = 'ya29.secret-token';

/** What the fake auth endpoint does: redirect at once with a token in the fragment. */
function redirectWith(fragment: string) {
  return vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async () => `${REDIRECT}#${fragment}`);
}

function revokeFetch() {
  return vi.fn(async (_input: string, _init?: RequestInit) => new Response(null, { status: 200 }));
}

/** The URL of the nth auth flow launched. */
function launchedUrl(launch: ReturnType<typeof redirectWith>, nth = 0): URL {
  const details = launch.mock.calls[nth]?.[0] as { url: string } | undefined;
  return new URL(details?.url ?? 'about:blank');
}

/** Every console line written during the test, to prove no token ever reaches one. */
function consoleLines(): () => string {
  const spies = (['debug', 'warn', 'error', 'log'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => {}),
  );
  return () => spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue(REDIRECT);
});

describe('webAuthFlowTokenProvider', () => {
  let provider: TokenProvider;
  let clock: number;
  let fetch: ReturnType<typeof revokeFetch>;

  beforeEach(() => {
    clock = Date.parse('2026-11-24T09:00:00Z');
    fetch = revokeFetch();
    provider = webAuthFlowTokenProvider({
      clientId: 'client-123.apps.googleusercontent.com',
      authUrl: GOOGLE_AUTH_URL,
      revokeUrl: GOOGLE_REVOKE_URL,
      fetch,
      now: () => clock,
    });
  });

  // The token lives in module memory: sign out so the next test starts signed out.
  afterEach(() => provider.signOut());

  it('signs in with the implicit flow, exactly our scope, and the extension redirect URL', async () => {
    const launch = redirectWith(`access_token=${TOKEN}&expires_in=3600&token_type=Bearer`);
    expect(await provider.getToken(true)).toBe(TOKEN);

    const details = launch.mock.calls[0]?.[0] as { url: string; interactive: boolean };
    expect(details.interactive).toBe(true);
    const url = new URL(details.url);
    expect(url.origin + url.pathname).toBe(GOOGLE_AUTH_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-123.apps.googleusercontent.com',
      response_type: 'token',
      redirect_uri: REDIRECT,
      scope: CALENDAR_SCOPE,
    });
    expect(CALENDAR_SCOPE).toBe('https://www.googleapis.com/auth/calendar.events.owned');
  });

  it('keeps the token in memory only, and reuses it until shortly before it expires', async () => {
    const launch = redirectWith(`access_token=${TOKEN}&expires_in=3600&token_type=Bearer`);
    await provider.getToken(true);
    clock += 3600_000 - 120_000;
    expect(await provider.getToken(false)).toBe(TOKEN);
    expect(launch).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(await fakeBrowser.storage.session.get()).toEqual({});

    clock += 90_000; // within the last minute: renewed silently
    await provider.getToken(false);
    expect(launch).toHaveBeenCalledTimes(2);
    const silent = launch.mock.calls[1]?.[0] as { url: string; interactive: boolean };
    expect(silent.interactive).toBe(false);
    expect(new URL(silent.url).searchParams.get('prompt')).toBe('none');
  });

  it('works with any auth endpoint, keeping its own query (the fake server in tests)', async () => {
    const fake = webAuthFlowTokenProvider({
      clientId: 'test-client',
      authUrl: 'http://127.0.0.1:8123/o/oauth2/v2/auth?tenant=demo',
      revokeUrl: 'http://127.0.0.1:8123/revoke',
      fetch,
    });
    const launch = redirectWith('access_token=fake-token&expires_in=3600&token_type=Bearer');
    expect(await fake.getToken(false)).toBe('fake-token');
    const url = launchedUrl(launch);
    expect(url.host).toBe('127.0.0.1:8123');
    expect(url.searchParams.get('tenant')).toBe('demo');
    expect(url.searchParams.get('client_id')).toBe('test-client');
    await fake.signOut();
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:8123/revoke', expect.objectContaining({ method: 'POST' }));
  });

  it('reads "not signed in" from an error redirect, a closed window or a missing token, and logs no token', async () => {
    const lines = consoleLines();
    redirectWith('error=interaction_required');
    expect(await provider.getToken(false)).toBeNull();
    vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async () => {
      throw new Error('The user did not approve access.');
    });
    expect(await provider.getToken(true)).toBeNull();
    vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async () => undefined);
    expect(await provider.getToken(true)).toBeNull();
    expect(lines()).toContain('interaction_required');
    expect(lines()).not.toContain('ya29');
  });

  it('forgets a dropped token and asks again', async () => {
    const launch = redirectWith(`access_token=${TOKEN}&expires_in=3600`);
    await provider.getToken(true);
    await provider.dropToken('some-other-token');
    await provider.getToken(false);
    expect(launch).toHaveBeenCalledTimes(1);
    await provider.dropToken(TOKEN);
    await provider.getToken(false);
    expect(launch).toHaveBeenCalledTimes(2);
  });

  it('signs out by revoking the grant at Google, then forgetting the token', async () => {
    const launch = redirectWith(`access_token=${TOKEN}&expires_in=3600`);
    await provider.getToken(true);
    await provider.signOut();
    expect(fetch).toHaveBeenCalledWith(GOOGLE_REVOKE_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(TOKEN)}`,
    });
    await provider.getToken(false);
    expect(launch).toHaveBeenCalledTimes(2);
  });

  it('opens one flow for concurrent callers', async () => {
    let finish: (url: string) => void = () => {};
    const launch = vi
      .spyOn(fakeBrowser.identity, 'launchWebAuthFlow')
      .mockImplementation(() => new Promise<string>((resolve) => (finish = resolve)));
    const both = Promise.all([provider.getToken(false), provider.getToken(false)]);
    await Promise.resolve();
    finish(`${REDIRECT}#access_token=${TOKEN}&expires_in=3600`);
    expect(await both).toEqual([TOKEN, TOKEN]);
    expect(launch).toHaveBeenCalledTimes(1);
  });
});

describe('chromeTokenProvider', () => {
  it('asks Chrome for a token of exactly our scope, interactively or not', async () => {
    const getAuthToken = vi
      .spyOn(fakeBrowser.identity, 'getAuthToken')
      .mockImplementation(async () => ({ token: TOKEN, grantedScopes: [CALENDAR_SCOPE] }));
    const provider = chromeTokenProvider({ revokeUrl: GOOGLE_REVOKE_URL, fetch: revokeFetch() });
    expect(await provider.getToken(true)).toBe(TOKEN);
    expect(await provider.getToken(false)).toBe(TOKEN);
    expect(getAuthToken.mock.calls.map((call) => call[0])).toEqual([
      { interactive: true, scopes: [CALENDAR_SCOPE] },
      { interactive: false, scopes: [CALENDAR_SCOPE] },
    ]);
  });

  it('reads a refusal, or consent without calendar access, as not signed in', async () => {
    const lines = consoleLines();
    const provider = chromeTokenProvider({ revokeUrl: GOOGLE_REVOKE_URL, fetch: revokeFetch() });
    vi.spyOn(fakeBrowser.identity, 'getAuthToken').mockImplementation(async () => {
      throw new Error('OAuth2 not granted or revoked.');
    });
    expect(await provider.getToken(false)).toBeNull();
    vi.spyOn(fakeBrowser.identity, 'getAuthToken').mockImplementation(async () => ({
      token: TOKEN,
      grantedScopes: [],
    }));
    expect(await provider.getToken(true)).toBeNull();
    expect(lines()).not.toContain(TOKEN);
  });

  it('drops a refused token from Chrome’s cache', async () => {
    const remove = vi.spyOn(fakeBrowser.identity, 'removeCachedAuthToken').mockImplementation(async () => {});
    await chromeTokenProvider({ revokeUrl: GOOGLE_REVOKE_URL }).dropToken(TOKEN);
    expect(remove).toHaveBeenCalledWith({ token: TOKEN });
  });

  it('signs out: revoke at Google, then clear Chrome’s cache', async () => {
    const order: string[] = [];
    vi.spyOn(fakeBrowser.identity, 'getAuthToken').mockImplementation(async () => ({ token: TOKEN }));
    vi.spyOn(fakeBrowser.identity, 'removeCachedAuthToken').mockImplementation(async () => {
      order.push('remove');
    });
    vi.spyOn(fakeBrowser.identity, 'clearAllCachedAuthTokens').mockImplementation(async () => {
      order.push('clear');
    });
    const fetch = vi.fn(async (_input: string, _init?: RequestInit) => {
      order.push('revoke');
      return new Response(null, { status: 400 }); // already revoked elsewhere: still signed out here
    });
    await chromeTokenProvider({ revokeUrl: GOOGLE_REVOKE_URL, fetch }).signOut();
    expect(order).toEqual(['revoke', 'remove', 'clear']);
    expect(fetch.mock.calls[0]?.[1]?.body).toBe(`token=${encodeURIComponent(TOKEN)}`);
  });
});

describe('createTokenProvider', () => {
  const google: CalendarConfig = {
    clientId: 'web-client',
    authUrl: GOOGLE_AUTH_URL,
    apiBase: 'https://www.googleapis.com/calendar/v3',
    revokeUrl: GOOGLE_REVOKE_URL,
  };
  const CHROME_UA =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

  /** Which identity API a provider uses, found by asking it for a token. */
  async function flavour(provider: TokenProvider | null): Promise<string> {
    if (!provider) return 'local-only';
    const chrome = vi.spyOn(fakeBrowser.identity, 'getAuthToken').mockImplementation(async () => ({ token: 'c' }));
    vi.spyOn(fakeBrowser.identity, 'removeCachedAuthToken').mockImplementation(async () => {});
    vi.spyOn(fakeBrowser.identity, 'clearAllCachedAuthTokens').mockImplementation(async () => {});
    const web = redirectWith('access_token=w&expires_in=3600');
    await provider.getToken(false);
    await provider.signOut();
    return chrome.mock.calls.length ? 'getAuthToken' : web.mock.calls.length ? 'launchWebAuthFlow' : 'none';
  }

  const fetch = revokeFetch();

  it('is local-only without a client id', async () => {
    expect(await flavour(createTokenProvider({ ...google, clientId: null }, { fetch }))).toBe('local-only');
  });

  it('uses getAuthToken in Chrome with a manifest OAuth client and Google’s endpoint', async () => {
    expect(
      await flavour(createTokenProvider(google, { fetch, manifestClientId: 'chrome-client', userAgent: CHROME_UA })),
    ).toBe('getAuthToken');
  });

  it.each([
    [
      'Edge (getAuthToken exists but always fails)',
      { manifestClientId: 'chrome-client', userAgent: `${CHROME_UA} Edg/131.0.0.0` },
      google,
    ],
    ['a build without a manifest OAuth client', { manifestClientId: null, userAgent: CHROME_UA }, google],
    [
      'a fake auth endpoint',
      { manifestClientId: 'chrome-client', userAgent: CHROME_UA },
      { ...google, authUrl: 'http://127.0.0.1:8123/auth' },
    ],
  ])('uses launchWebAuthFlow in %s', async (_name, environment, config) => {
    expect(await flavour(createTokenProvider(config, { fetch, ...environment }))).toBe('launchWebAuthFlow');
  });

  it('uses launchWebAuthFlow in Firefox, which has no getAuthToken', async () => {
    const launch = redirectWith('access_token=w&expires_in=3600');
    const { getAuthToken: _absent, ...firefox } = fakeBrowser.identity;
    const provider = createTokenProvider(google, {
      identity: firefox,
      fetch,
      manifestClientId: 'x',
      userAgent: 'Firefox/128.0',
    });
    expect(await provider?.getToken(false)).toBe('w');
    expect(launch).toHaveBeenCalledTimes(1);
    await provider?.signOut();
  });
});
