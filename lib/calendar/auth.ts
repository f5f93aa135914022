/**
 * Google sign-in for the Calendar API behind one interface (design.md §4), with two implementations:
 *
 * - Chrome: `identity.getAuthToken`. Chrome keeps and refreshes the token; it needs the manifest's
 *   `oauth2.client_id` (a "Chrome extension" OAuth client) and works only against Google's own
 *   endpoint.
 * - Everywhere else (Firefox, Edge, Chromium without a Google account, test builds with a fake
 *   endpoint): `identity.launchWebAuthFlow` with the implicit flow. The token is held in this
 *   module's memory only, never in storage; it is gone when the background restarts, and a silent
 *   (`prompt=none`) flow fetches a new one.
 *
 * Tokens are never logged. Every failure to get one reads as "not signed in" (`null`).
 */
import { browser } from 'wxt/browser';
import { log } from '../log';
import { type CalendarConfig, GOOGLE_AUTH_URL } from './config';
import { CALENDAR_SCOPE } from './scope';

export interface TokenProvider {
  /** A valid access token, or `null` if there is none. `interactive` may show Google's consent window. */
  getToken(interactive: boolean): Promise<string | null>;
  /** Forgets a token the API refused (401), so that the next `getToken` fetches a fresh one. */
  dropToken(token: string): Promise<void>;
  /** Revokes Tandem's access at Google and forgets every token. */
  signOut(): Promise<void>;
}

/** The parts of `browser.identity` we use; Firefox has no `getAuthToken`. */
export interface IdentityApi {
  getAuthToken?(details: {
    interactive?: boolean;
    scopes?: string[];
  }): Promise<{ token?: string; grantedScopes?: string[] } | undefined>;
  removeCachedAuthToken?(details: { token: string }): Promise<void>;
  clearAllCachedAuthTokens?(): Promise<void>;
  launchWebAuthFlow(details: { url: string; interactive?: boolean }): Promise<string | undefined>;
  getRedirectURL(path?: string): string;
}

/** `fetch` as the Calendar code calls it (tests and the demo pass their own); every call passes `init`. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Where our log lines say they come from. */
const LOG_SCOPE = 'calendar';

interface Dependencies {
  identity?: IdentityApi;
  fetch?: Fetch;
}

/**
 * The provider this browser and build can use, or `null` when the build has no client id
 * (local-only). `getAuthToken` is chosen only where it can work: it exists, the manifest declares an
 * OAuth client for it, the browser is not Edge (which has the function but always fails it), and the
 * build talks to Google's own auth endpoint.
 */
export function createTokenProvider(
  config: CalendarConfig,
  environment: Dependencies & {
    /** The manifest's `oauth2.client_id` (`null`: none); read from the manifest when not given. */
    manifestClientId?: string | null;
    userAgent?: string;
  } = {},
): TokenProvider | null {
  if (config.clientId === null) return null;
  const identity = environment.identity ?? browser.identity;
  const manifestClientId =
    environment.manifestClientId === undefined
      ? (browser.runtime.getManifest().oauth2?.client_id ?? null)
      : environment.manifestClientId;
  const userAgent = environment.userAgent ?? globalThis.navigator?.userAgent ?? '';
  const usable =
    typeof identity.getAuthToken === 'function' &&
    Boolean(manifestClientId) &&
    !/\bEdg\//.test(userAgent) &&
    config.authUrl === GOOGLE_AUTH_URL;
  const fetchImpl = environment.fetch;
  return usable
    ? chromeTokenProvider({ revokeUrl: config.revokeUrl, identity, fetch: fetchImpl })
    : webAuthFlowTokenProvider({
        clientId: config.clientId,
        authUrl: config.authUrl,
        revokeUrl: config.revokeUrl,
        identity,
        fetch: fetchImpl,
      });
}

/** `identity.getAuthToken`: Chrome caches and refreshes the token; we only ask and tell. */
export function chromeTokenProvider({
  revokeUrl,
  identity = browser.identity,
  fetch: fetchImpl = (input, init) => fetch(input, init),
}: Dependencies & { revokeUrl: string }): TokenProvider {
  if (!identity.getAuthToken) throw new Error('identity.getAuthToken is not available');

  async function cachedToken(interactive: boolean): Promise<string | null> {
    try {
      const result = await identity.getAuthToken?.({ interactive, scopes: [CALENDAR_SCOPE] });
      // With granular consent the user may untick calendar access: then we have no usable token.
      if (result?.grantedScopes && !result.grantedScopes.includes(CALENDAR_SCOPE)) {
        log.debug(LOG_SCOPE, 'sign-in granted no calendar access');
        return null;
      }
      return result?.token ?? null;
    } catch (error) {
      log.debug(LOG_SCOPE, `no token (${interactive ? 'interactive' : 'silent'}): ${reasonOf(error)}`);
      return null;
    }
  }

  return {
    getToken: cachedToken,
    async dropToken(token) {
      await identity.removeCachedAuthToken?.({ token });
    },
    async signOut() {
      const token = await cachedToken(false);
      if (token) {
        await revoke(fetchImpl, revokeUrl, token);
        await identity.removeCachedAuthToken?.({ token });
      }
      await identity.clearAllCachedAuthTokens?.();
    },
  };
}

interface HeldToken {
  token: string;
  /** ms since the epoch */
  expiresAt: number;
}

/**
 * The launchWebAuthFlow token, in this module's memory only (shared by every provider instance of
 * the background, and never written anywhere).
 */
let held: HeldToken | null = null;
/** One flow at a time: concurrent callers share it instead of opening two windows. */
let pending: Promise<string | null> | null = null;

/** Tokens are renewed this long before Google says they expire, so a request never starts with a dying one. */
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_S = 3600;

/**
 * `identity.launchWebAuthFlow` with the OAuth implicit flow (`response_type=token`), against any
 * authorization endpoint that redirects to `identity.getRedirectURL()` with
 * `#access_token=…&expires_in=…` (Google's, or the fake server's in tests).
 */
export function webAuthFlowTokenProvider({
  clientId,
  authUrl,
  revokeUrl,
  identity = browser.identity,
  fetch: fetchImpl = (input, init) => fetch(input, init),
  now = Date.now,
}: Dependencies & { clientId: string; authUrl: string; revokeUrl: string; now?: () => number }): TokenProvider {
  async function launch(interactive: boolean): Promise<string | null> {
    const url = new URL(authUrl);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('response_type', 'token');
    url.searchParams.set('redirect_uri', identity.getRedirectURL());
    url.searchParams.set('scope', CALENDAR_SCOPE);
    // Without a window the flow must finish by redirects alone: Google answers at once, with a token
    // or `error=interaction_required`, instead of showing a page nobody can see.
    if (!interactive) url.searchParams.set('prompt', 'none');

    let responseUrl: string | undefined;
    try {
      responseUrl = await identity.launchWebAuthFlow({ url: url.href, interactive });
    } catch (error) {
      log.debug(LOG_SCOPE, `no token (${interactive ? 'interactive' : 'silent'}): ${reasonOf(error)}`);
      return null;
    }
    const fragment = new URLSearchParams(responseUrl ? new URL(responseUrl).hash.slice(1) : '');
    const token = fragment.get('access_token');
    if (!token) {
      log.debug(LOG_SCOPE, `sign-in returned no token (${fragment.get('error') ?? 'no error given'})`);
      return null;
    }
    const lifetime = Number(fragment.get('expires_in'));
    held = {
      token,
      expiresAt: now() + (Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S) * 1000,
    };
    return token;
  }

  return {
    async getToken(interactive) {
      if (held && held.expiresAt - EXPIRY_MARGIN_MS > now()) return held.token;
      held = null;
      if (pending) {
        const shared = await pending;
        if (shared || !interactive) return shared;
      }
      const flow = launch(interactive);
      pending = flow;
      try {
        return await flow;
      } finally {
        if (pending === flow) pending = null;
      }
    },
    async dropToken(token) {
      if (held?.token === token) held = null;
    },
    async signOut() {
      const token = held?.token;
      held = null;
      if (token) await revoke(fetchImpl, revokeUrl, token);
    },
  };
}

/** Asks Google to revoke Tandem's grant. Failure is logged and otherwise ignored: we forget the token anyway. */
async function revoke(fetchImpl: Fetch, revokeUrl: string, token: string): Promise<void> {
  try {
    const response = await fetchImpl(revokeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    if (!response.ok) log.debug(LOG_SCOPE, `revoke answered HTTP ${response.status}`);
  } catch (error) {
    log.debug(LOG_SCOPE, `revoke failed: ${reasonOf(error)}`);
  }
}

/** An error's message for the log. Browser identity errors name the problem, never the token. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
