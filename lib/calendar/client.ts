/**
 * The extension's Google Calendar API v3 client: a small `fetch` wrapper for the background
 * (design.md §4). It validates every response body, retries what is worth retrying, and turns every
 * failure into one `CalendarApiError` with a `kind` the caller can act on.
 *
 * Retries: network errors, 5xx, 429 and 403 rate limits, up to `maxAttempts` attempts per call,
 * with exponential backoff and full jitter, and never sooner than `Retry-After`. On top of that a
 * cooldown shared by every call of the client: each rate-limited answer doubles it (31 s, 62 s, then
 * 120 s at most), no request starts before it has passed, and only one request at a time may test
 * whether it has; the next success (or 4xx that is no rate limit) lifts it. So under sustained rate limiting the client sends at
 * most one request per 30 s, however many callers there are.
 *
 * A call never waits longer than `maxWaitMs` (25 s) at once: it fails with `retryAt` instead,
 * because the client runs in the MV3 background (a service worker in Chrome), which the browser
 * stops after about 30 s without an event or extension API call; a pending timer does not count.
 * So the client only sleeps through the backoff's jitter (at most 16 s) and a short `Retry-After`;
 * every cooldown (31 s at least) goes back to the caller as `retryAt`. The outbox
 * (lib/sync/outbox.ts) stores that as the op's `nextAttemptAt`, which survives the worker
 * stopping, and the sync alarm (every SYNC_EVERY_MINUTES, lib/sync/account.ts) drains it again
 * once it has passed; a failed read is simply tried again at the next alarm. The cooldown itself
 * lives in memory only.
 *
 * Tokens come from the `TokenProvider` and go only into the Authorization header: never logged,
 * never stored. A 401 drops the token at the provider and retries once with a fresh one.
 */
import type { calendar_v3 } from 'googleapis';
import type { z } from 'zod/mini';
import { log } from '../log';
import type { Fetch, TokenProvider } from './auth';
import { GOOGLE_API_BASE } from './config';
import { ApiErrorBody, ApiEvent, CalendarListPage, EventsPage, errorReason } from './schemas';

export type CalendarErrorKind =
  /** No token, or 401 again after one retry with a fresh token. */
  | 'auth'
  /** 410 on a sync token or `updatedMin` (`fullSyncRequired`): list again without it. */
  | 'gone'
  /** 409: an id that exists already (`duplicate`), or a conflicting change. */
  | 'conflict'
  /** 412: the `If-Match` etag is stale; fetch, merge, write again. */
  | 'precondition'
  /** 404, or 410 `deleted`. */
  | 'notFound'
  /** 403 that is no rate limit (`forbiddenForNonOrganizer`, `insufficientPermissions`, …). */
  | 'forbidden'
  /** 400 and any other 4xx: the request itself is wrong. */
  | 'invalid'
  /** 429 or 403 usage limits, after the retries (or when the shared cooldown is longer than `maxWaitMs`). */
  | 'rateLimited'
  /** 5xx after the retries. */
  | 'server'
  /** fetch failed (offline, DNS, reset, timeout) after the retries. */
  | 'network'
  /** A success whose body is not what the API promises (not JSON, an HTML page, missing fields). */
  | 'malformed';

export class CalendarApiError extends Error {
  override readonly name = 'CalendarApiError';
  readonly kind: CalendarErrorKind;
  /** The API method, e.g. `events.list`. */
  readonly operation: string;
  /** HTTP status; `null` when no response was received (or none was sent). */
  readonly status: number | null;
  /** Google's reason (`fullSyncRequired`, `rateLimitExceeded`, `conditionNotMet`, …) when given. */
  readonly reason: string | null;
  /** When a retry may be sent (ms since the epoch), for rate limits and `Retry-After`. */
  readonly retryAt: number | null;

  constructor(init: {
    kind: CalendarErrorKind;
    operation: string;
    status: number | null;
    reason: string | null;
    /** Google's message when it sent one, else ours. */
    message: string;
    retryAt?: number | null;
  }) {
    super(init.message);
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.reason = init.reason;
    this.retryAt = init.retryAt ?? null;
  }
}

export interface CalendarClientOptions {
  /** Default Google's; tests and the demo use the fake server. */
  baseUrl?: string;
  tokens: Pick<TokenProvider, 'getToken' | 'dropToken'>;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the jitter. */
  random?: () => number;
  /** ms since the epoch. */
  now?: () => number;
  /** Attempts per call for retryable failures. Default 4. */
  maxAttempts?: number;
  /**
   * The longest a call waits before one attempt (backoff, Retry-After or cooldown). Default 25 s:
   * well inside the ~30 s an idle MV3 service worker lives (see the top of this file).
   */
  maxWaitMs?: number;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
}

export type SendUpdates = 'all' | 'externalOnly' | 'none';

export interface ListCalendarsParams {
  pageToken?: string;
  syncToken?: string;
  maxResults?: number;
  minAccessRole?: 'freeBusyReader' | 'reader' | 'writer' | 'owner';
  showDeleted?: boolean;
  showHidden?: boolean;
}

/**
 * `events.list` parameters. Google refuses (400) a `syncToken` together with `timeMin`, `timeMax`
 * and other filters; the extended-property filters it keeps are the ones the token was made with.
 */
export interface ListEventsParams {
  syncToken?: string;
  pageToken?: string;
  maxResults?: number;
  singleEvents?: boolean;
  showDeleted?: boolean;
  timeMin?: Date | string;
  timeMax?: Date | string;
  /** Each entry becomes one `privateExtendedProperty=name=value` (all must match). */
  privateExtendedProperty?: Readonly<Record<string, string>>;
  sharedExtendedProperty?: Readonly<Record<string, string>>;
}

export interface InstancesParams {
  pageToken?: string;
  maxResults?: number;
  showDeleted?: boolean;
  timeMin?: Date | string;
  timeMax?: Date | string;
  /** One instance by its original start (RFC 3339). */
  originalStart?: string;
}

export interface CalendarClient {
  listCalendars(params?: ListCalendarsParams): Promise<CalendarListPage>;
  listEvents(calendarId: string, params?: ListEventsParams): Promise<EventsPage>;
  getEvent(calendarId: string, eventId: string): Promise<ApiEvent>;
  /**
   * Retried like every call, so a lost response could otherwise create the event twice: give the
   * body a client-chosen `id` (base32hex: `a-v`, `0-9`, e.g. a UUID without dashes), and a repeated
   * insert fails as `conflict` (`duplicate`) instead. A Meet `createRequest` needs
   * `conferenceDataVersion: 1`.
   */
  insertEvent(
    calendarId: string,
    body: calendar_v3.Schema$Event,
    options?: { conferenceDataVersion?: 0 | 1; sendUpdates?: SendUpdates },
  ): Promise<ApiEvent>;
  /** Only the fields in `body` change. With `ifMatch`, a stale etag fails as `precondition`. */
  patchEvent(
    calendarId: string,
    eventId: string,
    body: calendar_v3.Schema$Event,
    options?: { ifMatch?: string; conferenceDataVersion?: 0 | 1; sendUpdates?: SendUpdates },
  ): Promise<ApiEvent>;
  deleteEvent(
    calendarId: string,
    eventId: string,
    options?: { ifMatch?: string; sendUpdates?: SendUpdates },
  ): Promise<void>;
  /** The occurrences of a recurring event, expanded by Google. */
  instances(calendarId: string, eventId: string, params?: InstancesParams): Promise<EventsPage>;
}

const RETRYABLE: ReadonlySet<CalendarErrorKind> = new Set(['rateLimited', 'server', 'network']);
/** 403 reasons that mean "slow down" rather than "not allowed". */
const RATE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
  'RATE_LIMIT_EXCEEDED',
]);

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 16_000;
/** Just over 30 s, so that two requests are never within one 30-second window, even on a tie. */
const FIRST_COOLDOWN_MS = 31_000;
const MAX_COOLDOWN_MS = 120_000;
/** A wait the service worker outlives: it is stopped after ~30 s without an event or API call. */
const MAX_WAIT_MS = 25_000;

interface ApiRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: URLSearchParams;
  body?: calendar_v3.Schema$Event;
  ifMatch?: string | undefined;
}

export function createCalendarClient(options: CalendarClientOptions): CalendarClient {
  const baseUrl = (options.baseUrl ?? GOOGLE_API_BASE).replace(/\/+$/, '');
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 4;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cooldown = createCooldown(now);

  async function token(operation: string): Promise<string> {
    const value = await options.tokens.getToken(false);
    if (value) return value;
    throw new CalendarApiError({ kind: 'auth', operation, status: null, reason: null, message: 'not signed in' });
  }

  /** The validated body of the call's successful response. */
  async function call<T>(request: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
    return parseBody(request.operation, await send(request), schema);
  }

  /** The successful response, after the retries; or the call's `CalendarApiError`. */
  async function send(request: ApiRequest): Promise<Response> {
    const url = `${baseUrl}${request.path}${request.query?.size ? `?${request.query}` : ''}`;
    let bearer = await token(request.operation);
    let refreshed = false;
    let failures = 0;
    let last: CalendarApiError | null = null;
    for (;;) {
      // Wait out the shared cooldown, then take the next slot before any other caller can.
      for (let wait = cooldown.waitMs(); wait > 0; wait = cooldown.waitMs()) {
        if (wait > maxWaitMs) throw cooledDown(request.operation, last, cooldown.notBefore());
        await sleep(wait);
      }
      const ticket = cooldown.take();

      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${bearer}`,
            Accept: 'application/json',
            ...(request.body ? { 'Content-Type': 'application/json' } : {}),
            ...(request.ifMatch ? { 'If-Match': request.ifMatch } : {}),
          },
          ...(request.body ? { body: JSON.stringify(request.body) } : {}),
          ...(typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
        });
      } catch (error) {
        last = new CalendarApiError({
          kind: 'network',
          operation: request.operation,
          status: null,
          reason: null,
          message: error instanceof Error ? `${error.name}: ${error.message}` : 'fetch failed',
        });
        failures += 1;
        if (failures >= maxAttempts) throw last;
        await backoff(request.operation, failures, null, last);
        continue;
      }

      if (response.ok) {
        cooldown.lift();
        return response;
      }

      const failure = await errorOf(request.operation, response);
      const retryAfter = retryAfterMs(response.headers.get('Retry-After'), now());
      // A 4xx that is no rate limit (412, 404, 409, 401 …) is the API answering normally again: the
      // cooldown ends, or the read a 412 needs (or the retry a 401 needs) would be refused unsent.
      if (failure.kind !== 'rateLimited' && response.status < 500) cooldown.lift();
      if (failure.kind === 'auth') {
        await options.tokens.dropToken(bearer);
        if (refreshed) throw failure;
        refreshed = true;
        bearer = await token(request.operation);
        continue;
      }
      if (failure.kind === 'rateLimited') cooldown.rateLimited(ticket, retryAfter);
      else if (retryAfter !== null) cooldown.hold(now() + retryAfter);
      last = failure;
      if (!RETRYABLE.has(failure.kind)) throw failure;
      failures += 1;
      if (failures >= maxAttempts) {
        throw cooldown.waitMs() > 0 ? withRetryAt(failure, cooldown.notBefore()) : failure;
      }
      await backoff(request.operation, failures, retryAfter, failure);
    }
  }

  /** Full jitter: a random wait up to 1 s, 2 s, 4 s … (at most 16 s), and at least `Retry-After`. */
  async function backoff(
    operation: string,
    failures: number,
    retryAfter: number | null,
    failure: CalendarApiError,
  ): Promise<void> {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
    const delay = Math.max(Math.floor(random() * ceiling), retryAfter ?? 0);
    if (delay > maxWaitMs) throw withRetryAt(failure, now() + delay);
    log.debug('calendar', `${operation}: ${failure.kind} (${failure.status ?? 'no response'}), retry in ${delay} ms`);
    await sleep(delay);
  }

  const events = (calendarId: string) => `/calendars/${encodeURIComponent(calendarId)}/events`;
  const event = (calendarId: string, eventId: string) => `${events(calendarId)}/${encodeURIComponent(eventId)}`;

  return {
    async listCalendars(params = {}) {
      const query = new URLSearchParams();
      setParams(query, { ...params });
      return call(
        { operation: 'calendarList.list', method: 'GET', path: '/users/me/calendarList', query },
        CalendarListPage,
      );
    },

    async listEvents(calendarId, params = {}) {
      const { privateExtendedProperty, sharedExtendedProperty, ...plain } = params;
      const query = new URLSearchParams();
      setParams(query, plain);
      appendProperties(query, 'privateExtendedProperty', privateExtendedProperty);
      appendProperties(query, 'sharedExtendedProperty', sharedExtendedProperty);
      return call({ operation: 'events.list', method: 'GET', path: events(calendarId), query }, EventsPage);
    },

    async getEvent(calendarId, eventId) {
      return call({ operation: 'events.get', method: 'GET', path: event(calendarId, eventId) }, ApiEvent);
    },

    async insertEvent(calendarId, body, { conferenceDataVersion, sendUpdates } = {}) {
      const query = new URLSearchParams();
      setParams(query, { conferenceDataVersion, sendUpdates });
      return call({ operation: 'events.insert', method: 'POST', path: events(calendarId), query, body }, ApiEvent);
    },

    async patchEvent(calendarId, eventId, body, { ifMatch, conferenceDataVersion, sendUpdates } = {}) {
      const query = new URLSearchParams();
      setParams(query, { conferenceDataVersion, sendUpdates });
      return call(
        { operation: 'events.patch', method: 'PATCH', path: event(calendarId, eventId), query, body, ifMatch },
        ApiEvent,
      );
    },

    async deleteEvent(calendarId, eventId, { ifMatch, sendUpdates } = {}) {
      const query = new URLSearchParams();
      setParams(query, { sendUpdates });
      await send({ operation: 'events.delete', method: 'DELETE', path: event(calendarId, eventId), query, ifMatch });
    },

    async instances(calendarId, eventId, params = {}) {
      const query = new URLSearchParams();
      setParams(query, { ...params });
      return call(
        { operation: 'events.instances', method: 'GET', path: `${event(calendarId, eventId)}/instances`, query },
        EventsPage,
      );
    },
  };
}

/**
 * The cooldown shared by all calls of one client. A rate-limited answer doubles it only if no other
 * rate limit was noted since its request was sent: requests that were in flight together hit one
 * limit, which is one signal. A success ends it, and so does any other 4xx answer (the API is
 * answering normally again).
 */
function createCooldown(now: () => number) {
  let cooldownMs = 0;
  let notBefore = 0;
  /** How many rate limits were noted; a request remembers the count it was sent at. */
  let noted = 0;
  return {
    notBefore: () => notBefore,
    waitMs: () => Math.max(0, notBefore - now()),
    /**
     * A request is about to start: while cooling down, the next one must wait a full cooldown after
     * it. Returns the request's ticket for `rateLimited`.
     */
    take(): number {
      if (cooldownMs > 0) notBefore = Math.max(notBefore, now() + cooldownMs);
      return noted;
    },
    rateLimited(ticket: number, retryAfter: number | null) {
      if (cooldownMs === 0) cooldownMs = FIRST_COOLDOWN_MS;
      else if (ticket === noted) cooldownMs = Math.min(MAX_COOLDOWN_MS, cooldownMs * 2);
      noted += 1;
      notBefore = Math.max(notBefore, now() + Math.max(cooldownMs, retryAfter ?? 0));
    },
    /** The server asked us to wait (`Retry-After` on a 5xx). */
    hold(until: number) {
      notBefore = Math.max(notBefore, until);
    },
    /** The API answered without asking to slow down. */
    lift() {
      cooldownMs = 0;
      notBefore = 0;
    },
  };
}

function cooledDown(operation: string, last: CalendarApiError | null, retryAt: number): CalendarApiError {
  if (last) return withRetryAt(last, retryAt);
  return new CalendarApiError({
    kind: 'rateLimited',
    operation,
    status: null,
    reason: 'cooldown',
    message: 'not sent: the Calendar API asked to slow down',
    retryAt,
  });
}

function withRetryAt(error: CalendarApiError, retryAt: number): CalendarApiError {
  return new CalendarApiError({
    kind: error.kind,
    operation: error.operation,
    status: error.status,
    reason: error.reason,
    message: error.message,
    retryAt,
  });
}

/** The error for a non-2xx response, from Google's error body when there is one (either generation). */
async function errorOf(operation: string, response: Response): Promise<CalendarApiError> {
  let body: ApiErrorBody | null = null;
  try {
    const parsed = ApiErrorBody.safeParse(JSON.parse(await response.text()));
    if (parsed.success) body = parsed.data;
  } catch {
    // An HTML error page from a proxy or load balancer: the status alone has to do.
  }
  const reason = body ? errorReason(body) : null;
  return new CalendarApiError({
    kind: kindOf(response.status, reason),
    operation,
    status: response.status,
    reason,
    message: body?.error.message ?? `HTTP ${response.status}`,
  });
}

export function kindOf(status: number, reason: string | null): CalendarErrorKind {
  if (status === 401) return 'auth';
  if (status === 429) return 'rateLimited';
  if (status === 403) return reason !== null && RATE_LIMIT_REASONS.has(reason) ? 'rateLimited' : 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  // 410 `deleted` answers a request for a deleted event; the others a sync token or updatedMin.
  if (status === 410) return reason === 'deleted' ? 'notFound' : 'gone';
  if (status === 412) return 'precondition';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** The validated body of a success, or a logged `malformed` error. */
async function parseBody<T>(operation: string, response: Response, schema: z.ZodMiniType<T>): Promise<T> {
  const malformed = (detail: string) => {
    // Only the shape is logged: no body (the user's events), no headers (the token).
    log.error('calendar', `${operation}: malformed response (${detail})`);
    return new CalendarApiError({
      kind: 'malformed',
      operation,
      status: response.status,
      reason: null,
      message: `unexpected response: ${detail}`,
    });
  };
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The connection dropped mid-body. Not retried: the request may well have taken effect.
    throw new CalendarApiError({
      kind: 'network',
      operation,
      status: response.status,
      reason: null,
      message: error instanceof Error ? `${error.name}: ${error.message}` : 'body not received',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed(`not JSON (${response.headers.get('Content-Type') ?? 'no content type'})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid');
  }
  return parsed.data;
}

/** `Retry-After` in ms: delta seconds or an HTTP date; `null` when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

type QueryValue = string | number | boolean | Date | undefined;

function setParams(query: URLSearchParams, params: Record<string, QueryValue>): void {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    query.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
}

function appendProperties(
  query: URLSearchParams,
  name: 'privateExtendedProperty' | 'sharedExtendedProperty',
  properties: Readonly<Record<string, string>> | undefined,
): void {
  for (const [key, value] of Object.entries(properties ?? {})) query.append(name, `${key}=${value}`);
}
