/**
 * Build-time configuration of the Google Calendar connection: the only module that reads these
 * WXT environment variables (`.env`, `.env.local`, `.env.[mode]`, …; WXT exposes `WXT_`-prefixed
 * variables as `import.meta.env.*`, replaced at build time):
 *
 * - `WXT_GOOGLE_CLIENT_ID`   OAuth client id (a "Web application" client whose redirect URI is the
 *                            extension's `identity.getRedirectURL()`). Unset → local-only: no sync.
 * - `WXT_GOOGLE_AUTH_URL`    authorization endpoint (default Google's); tests point it at the fake.
 * - `WXT_GOOGLE_API_BASE`    Calendar API base URL (default Google's); tests point it at the fake.
 * - `WXT_GOOGLE_REVOKE_URL`  token revocation endpoint (default Google's).
 */
import { z } from 'zod/mini';
import '../model/common'; // jitless zod (MV3 CSP forbids eval)
import { log } from '../log';

declare global {
  interface ImportMetaEnv {
    readonly WXT_GOOGLE_CLIENT_ID?: string;
    readonly WXT_GOOGLE_AUTH_URL?: string;
    readonly WXT_GOOGLE_API_BASE?: string;
    readonly WXT_GOOGLE_REVOKE_URL?: string;
  }
}

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_API_BASE = 'https://www.googleapis.com/calendar/v3';
export const GOOGLE_REVOKE_URL = 'https://oauth2.googleapis.com/revoke';

export interface CalendarConfig {
  /** `null`: no client id was built in, so Tandem stays local-only (no sign-in, no sync). */
  clientId: string | null;
  authUrl: string;
  /** Without a trailing slash. */
  apiBase: string;
  revokeUrl: string;
}

export interface CalendarEnv {
  WXT_GOOGLE_CLIENT_ID?: string | undefined;
  WXT_GOOGLE_AUTH_URL?: string | undefined;
  WXT_GOOGLE_API_BASE?: string | undefined;
  WXT_GOOGLE_REVOKE_URL?: string | undefined;
}

const HttpUrl = z.url({ protocol: /^https?$/ });

/**
 * The configuration from raw variables. Empty means unset. A URL that does not parse makes the build
 * local-only (with one logged reason) rather than sending tokens somewhere unintended.
 */
export function readCalendarConfig(env: CalendarEnv, options: { googleOnly?: boolean } = {}): CalendarConfig {
  const clientId = env.WXT_GOOGLE_CLIENT_ID?.trim() || null;
  const authUrl = env.WXT_GOOGLE_AUTH_URL?.trim() || GOOGLE_AUTH_URL;
  const apiBase = (env.WXT_GOOGLE_API_BASE?.trim() || GOOGLE_API_BASE).replace(/\/+$/, '');
  const revokeUrl = env.WXT_GOOGLE_REVOKE_URL?.trim() || GOOGLE_REVOKE_URL;
  const invalid = Object.entries({ authUrl, apiBase, revokeUrl }).find(
    ([, url]) => !HttpUrl.safeParse(url).success || (options.googleOnly === true && !isGoogleUrl(url)),
  );
  if (clientId !== null && invalid) {
    log.warnOnce('calendar-config', 'calendar', `${invalid[0]} is not an http(s) URL; Google sync is off`);
    return { clientId: null, authUrl, apiBase, revokeUrl };
  }
  return { clientId, authUrl, apiBase, revokeUrl };
}

/** Google's own endpoints: https on the hosts that serve OAuth and the Calendar API. */
const GOOGLE_HOSTS = new Set(['accounts.google.com', 'www.googleapis.com', 'oauth2.googleapis.com']);
function isGoogleUrl(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return parsed?.protocol === 'https:' && GOOGLE_HOSTS.has(parsed.hostname);
}

/**
 * This build's configuration. Each variable is named in full so that Vite can replace it. Only the
 * fake-mode build (`.env.fake`, for tests and the demo) may point elsewhere than Google: any other
 * build with foreign endpoints (say, `.env.fake` values copied into `.env.local`) is local-only
 * rather than sending tokens there.
 */
export const calendarConfig: CalendarConfig = readCalendarConfig(
  {
    WXT_GOOGLE_CLIENT_ID: import.meta.env.WXT_GOOGLE_CLIENT_ID,
    WXT_GOOGLE_AUTH_URL: import.meta.env.WXT_GOOGLE_AUTH_URL,
    WXT_GOOGLE_API_BASE: import.meta.env.WXT_GOOGLE_API_BASE,
    WXT_GOOGLE_REVOKE_URL: import.meta.env.WXT_GOOGLE_REVOKE_URL,
  },
  { googleOnly: import.meta.env.MODE !== 'fake' },
);

/** Whether this build can sign in to Google and sync at all. */
export function syncAvailable(config: CalendarConfig = calendarConfig): boolean {
  return config.clientId !== null;
}
