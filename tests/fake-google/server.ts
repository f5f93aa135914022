/**
 * The fake Google Calendar API v3 as a real HTTP server (node:http), for unit and contract tests,
 * e2e tests, the bench and the demo. See README.md.
 *
 *   const fake = await createFakeGoogle({ seed: 'tests/fake-google/seeds/mentoring.json' });
 *   google.calendar({ version: 'v3', auth, rootUrl: `${fake.url}/` });
 *   fake.faults.next('rateLimit429');
 *   await fake.close();
 *
 * Calendar API paths live under `/calendar/v3/`; the control endpoints under `/__fake/`; OAuth's
 * authorization and revocation endpoints at Google's paths (`/o/oauth2/v2/auth`, `/revoke`, see
 * oauth.ts). Every response allows any origin (CORS), so extension pages can call it.
 */

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, GoogleApiError } from './errors.ts';
import { type Caller, deleteEvent, getEvent, insertEvent, patchEvent, updateEvent } from './events.ts';
import { FAULT_KINDS, type FaultSpec, Faults, faultError, htmlErrorPage, type LogEntry, RequestLog } from './faults.ts';
import { GoogleSide } from './google-edits.ts';
import { createRandom } from './ids.ts';
import { getCalendarListEntry, listCalendarList, listEvents, listInstances } from './list.ts';
import { type AuthorizationEntry, OAuth } from './oauth.ts';
import { renderCancelled, renderEvent } from './render.ts';
import { applySeed, parseSeed, type Seed } from './seed.ts';
import { type Event, type FakeUser, Store } from './store.ts';

export type { FaultKind, FaultSpec, LogEntry } from './faults.ts';
export type { AuthorizationEntry } from './oauth.ts';
export type { Seed } from './seed.ts';

export interface FakeGoogleOptions {
  /** The seed: an object, or the path of a JSON file. Default: one user, `me@example.com`, no events. */
  seed?: Seed | string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The fake's clock. A time (ISO string, Date, ms) starts a clock that only moves with
   * `clock.advance()`; a function is called for every write. Default: the real time.
   */
  now?: string | number | Date | (() => number);
  /** Seed of the generator for event ids and Meet codes (default 1): runs are reproducible. */
  randomSeed?: number;
  /** Answer 400 for extended-property keys/values over Google's limits instead of dropping/truncating. */
  rejectOversizedProperties?: boolean;
}

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
  set(time: string | number | Date): void;
}

export interface FakeGoogle {
  /** `http://127.0.0.1:<port>`; pass `${url}/` as googleapis' `rootUrl`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Calendar API requests received (method, path, query, headers incl. If-Match, body, status). */
  log: RequestLog;
  /** Switchable faults: `faults.next('rateLimit429', 2)`, `faults.delay(500)`, `faults.clear()`. */
  faults: Faults;
  /** Changes made as if in the Calendar web app (move/cancel an occurrence, split a series …). */
  readonly google: GoogleSide;
  clock: FakeClock;
  /** The state itself, for assertions the API cannot make. Replaced by `reset` and `loadSeed`. */
  readonly store: Store;
  /** Every sync token issued so far answers 410 from now on. */
  expireSyncTokens(): void;
  /**
   * This bearer token answers 401 `authError` from now on, and its user's grant ends (a silent
   * sign-in fails), until they sign in interactively again or `reset`.
   */
  revokeToken(token: string): void;
  /**
   * The account a browser profile picks at sign-in: authorizations redirecting to this URI's
   * origin (`https://<extension id>.chromiumapp.org/`) sign in as `email` unless `login_hint` says
   * otherwise. Until `reset`.
   */
  chooseAccount(redirectUri: string, email: string): void;
  /** The OAuth authorization requests received (`GET /o/oauth2/v2/auth`), oldest first. */
  readonly authorizations: readonly AuthorizationEntry[];
  /** Back to the seed: events, sync tokens, log, faults, OAuth grants, revoked tokens. */
  reset(): void;
  /** Replaces the state with a new seed (which `reset` then returns to). */
  loadSeed(seed: Seed | string): void;
  /** Every event in a calendar as its owner would get it (cancelled ones as stored), for inspection. */
  eventsIn(calendarId: string): Event[];
}

/** The bearer token that acts as `email` (any other token acts as the seed's default user). */
export function tokenFor(email: string): string {
  return `user:${email}`;
}

const DEFAULT_SEED: Seed = { users: [{ email: 'me@example.com', timeZone: 'UTC' }] };

export async function createFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const clock = createClock(options.now);
  const log = new RequestLog();
  const faults = new Faults();
  let seed = readSeed(options.seed ?? DEFAULT_SEED);
  let store = freshStore(seed, clock, options);
  let google = new GoogleSide(store);
  const oauth = new OAuth({
    has: (email) => store.users.has(email),
    defaultUser: () => store.defaultUser,
    tokenFor,
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('fake-google: unexpected error', e);
      if (!res.headersSent) sendJson(res, 500, errors.backendError().body());
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, if-match, x-goog-api-client');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('access-control-expose-headers', 'etag');
    if (req.method === 'OPTIONS') {
      // Extension pages and the service worker call the fake cross-origin, and it is on the loopback:
      // Chromium's private/local network access checks ask for this in the preflight.
      if (req.headers['access-control-request-private-network'] === 'true') {
        res.setHeader('access-control-allow-private-network', 'true');
      }
      res.setHeader('access-control-max-age', '600');
      res.writeHead(204).end();
      return;
    }
    const text = await readBody(req);
    if (url.pathname.startsWith('/__fake/')) return control(req.method ?? 'GET', url, text, res);
    if (url.pathname === '/o/oauth2/v2/auth' && req.method === 'GET') return authorize(url, res);
    if (url.pathname === '/revoke' && req.method === 'POST') {
      const answer = oauth.revokeRequest(url.searchParams, text);
      sendJson(res, answer.status, answer.body);
      return;
    }
    return api(req, url, text, res);
  }

  /** The OAuth authorization endpoint: a redirect with the token, or Google's 400 page. */
  function authorize(url: URL, res: ServerResponse): void {
    const answer = oauth.authorize(url.searchParams);
    if (answer.kind === 'redirect') res.writeHead(302, { location: answer.location }).end();
    else res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
  }

  async function api(req: IncomingMessage, url: URL, text: string, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = safeDecode(url.pathname);
    const entry: LogEntry = {
      at: new Date().toISOString(),
      method,
      path,
      query: queryObject(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      ...(text && { body: parseMaybe(text) }),
      status: 0,
    };
    log.add(entry);
    const { delayMs, answer } = faults.take(method, path);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (answer) {
      entry.fault = answer.kind;
      if (answer.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (answer.kind === 'html') {
        entry.status = answer.status ?? 502;
        res.writeHead(entry.status, { 'content-type': 'text/html; charset=UTF-8' }).end(htmlErrorPage(entry.status));
        return;
      }
      const error = faultError(answer.kind) ?? errors.backendError();
      entry.status = error.code;
      sendJson(res, error.code, error.body());
      return;
    }
    try {
      const result = route(method, url, text, req.headers);
      entry.status = result === undefined ? 204 : 200;
      if (result === undefined) res.writeHead(204).end();
      else sendJson(res, 200, result);
    } catch (e) {
      // A bug in the fake answers 500 (and says so on stderr) rather than hanging the client.
      if (!(e instanceof GoogleApiError)) console.error('fake-google: unexpected error', e);
      const error = e instanceof GoogleApiError ? e : errors.backendError();
      entry.status = error.code;
      sendJson(res, error.code, error.body());
    }
  }

  /** Calendar API v3 routes. Returns the response body, or undefined for 204. */
  function route(method: string, url: URL, text: string, headers: IncomingMessage['headers']): unknown {
    const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
    if (segments[0] !== 'calendar' || segments[1] !== 'v3') throw errors.notFound();
    const user = authenticate(headers.authorization, url);
    const ifMatch = headers['if-match'];
    const [resource, calendarId, sub, eventId, tail, ...more] = segments.slice(2);
    const query = url.searchParams;
    if (resource === 'users' && calendarId === 'me' && sub === 'calendarList' && eventId === undefined) {
      if (method === 'GET') return listCalendarList(store, user, query);
    } else if (resource === 'users' && calendarId === 'me' && sub === 'calendarList' && tail === undefined) {
      if (method === 'GET') return getCalendarListEntry(store, user, eventId as string);
    } else if (resource === 'calendars' && calendarId !== undefined && sub === 'events' && more.length === 0) {
      const caller: Caller = { user, calendar: store.calendarFor(user, calendarId) };
      const body = () => parseBody(text);
      const options = { ifMatch: Array.isArray(ifMatch) ? ifMatch[0] : ifMatch, conferenceDataVersion: version(query) };
      if (eventId === undefined) {
        if (method === 'GET') return listEvents(store, caller, query);
        if (method === 'POST') return insertEvent(store, caller, body(), options);
      } else if (tail === 'instances') {
        if (method === 'GET') return listInstances(store, caller, eventId, query);
      } else if (tail === undefined) {
        const timeZone = query.get('timeZone');
        if (method === 'GET') return getEvent(store, caller, eventId, timeZone ? { timeZone } : {});
        if (method === 'PATCH') return patchEvent(store, caller, eventId, body(), options);
        if (method === 'PUT') return updateEvent(store, caller, eventId, body(), options);
        if (method === 'DELETE') return deleteEvent(store, caller, eventId, options);
      }
    }
    if (resource === 'calendars' || resource === 'users') {
      throw errors.notImplemented(`${method} ${url.pathname}`);
    }
    throw errors.notFound();
  }

  /**
   * Any bearer token is accepted: `user:<email>` acts as that seeded user, anything else as the
   * default user. No token (or an empty one) is Google's 401 `required`.
   */
  function authenticate(authorization: string | undefined, url: URL): FakeUser {
    const bearer = /^Bearer\s*(.*)$/i.exec(authorization ?? '');
    const token = (bearer ? bearer[1]?.trim() : url.searchParams.get('access_token')) ?? '';
    if (!token) throw errors.loginRequired();
    if (oauth.isRevoked(token)) throw errors.invalidCredentials();
    const email = token.startsWith('user:') ? token.slice(5) : store.defaultUser;
    const user = store.users.get(email);
    if (!user) throw errors.invalidCredentials();
    return user;
  }

  function control(method: string, url: URL, text: string, res: ServerResponse): void {
    try {
      const result = controlRoute(method, url, text ? JSON.parse(text) : undefined);
      sendJson(res, 200, result ?? { ok: true });
    } catch (e) {
      sendJson(res, 400, { error: (e as Error).message });
    }
  }

  function controlRoute(method: string, url: URL, body: unknown): unknown {
    const path = url.pathname.slice('/__fake/'.length);
    const args = (body ?? {}) as Record<string, unknown>;
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET health':
        return { ok: true };
      case 'GET log':
        return log.entries;
      case 'DELETE log':
        log.clear();
        return;
      case 'GET faults':
        return faults.pending();
      case 'POST faults':
        for (const spec of Array.isArray(body) ? body : [body]) faults.add(faultSpec(spec));
        return faults.pending();
      case 'DELETE faults':
        faults.clear();
        return;
      case 'POST expire-sync-tokens':
        fake.expireSyncTokens();
        return;
      case 'POST revoke-token':
        fake.revokeToken(String(args.token));
        return;
      case 'GET authorizations':
        return oauth.log;
      case 'POST reset':
        fake.reset();
        return;
      case 'POST seed':
        fake.loadSeed(body as Seed);
        return;
      case 'POST clock':
        if (args.now !== undefined) clock.set(args.now as string);
        if (args.advanceMs !== undefined) clock.advance(Number(args.advanceMs));
        return { now: new Date(clock.now()).toISOString() };
      case 'GET events':
        return fake.eventsIn(url.searchParams.get('calendarId') ?? store.defaultUser);
    }
    if (method === 'POST' && path.startsWith('google/')) return googleEdit(path.slice('google/'.length), args);
    throw new Error(`unknown control endpoint: ${route}`);
  }

  function googleEdit(op: string, args: Record<string, unknown>): unknown {
    const id = String(args.eventId);
    switch (op) {
      case 'insert':
        return google.insert(String(args.calendarId), args.event as Event);
      case 'patch':
        return google.patch(id, args.patch as Event);
      case 'moveOccurrence':
        return google.moveOccurrence(id, String(args.start), args.end === undefined ? undefined : String(args.end));
      case 'cancelOccurrence':
        return google.cancelOccurrence(id);
      case 'editThisAndFollowing':
        return google.editThisAndFollowing(id, args.patch as Event);
      case 'deleteThisAndFollowing':
        return google.deleteThisAndFollowing(id);
      case 'deleteEvent':
        return google.deleteEvent(id);
    }
    throw new Error(`unknown Google-side edit: ${op}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeGoogle = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    log,
    faults,
    clock,
    get google() {
      return google;
    },
    get store() {
      return store;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
    expireSyncTokens() {
      store.syncGeneration += 1;
    },
    revokeToken(token) {
      oauth.revoke(token);
    },
    chooseAccount(redirectUri, email) {
      oauth.chooseAccount(redirectUri, email);
    },
    get authorizations() {
      return oauth.log;
    },
    reset() {
      store = freshStore(seed, clock, options);
      google = new GoogleSide(store);
      log.clear();
      faults.clear();
      oauth.reset();
    },
    loadSeed(next) {
      seed = readSeed(next);
      fake.reset();
    },
    eventsIn(calendarId) {
      return [...store.events.values()]
        .filter((e) => store.presenceIn(e, calendarId) !== 'never')
        .sort((a, b) => a.order - b.order)
        .map((e) =>
          store.presenceIn(e, calendarId) === 'gone' ? renderCancelled(e) : renderEvent(store, e.data, e, calendarId),
        );
    },
  };
  return fake;
}

function freshStore(seed: Seed, clock: FakeClock, options: FakeGoogleOptions): Store {
  const store = new Store({
    now: () => clock.now(),
    random: createRandom(options.randomSeed ?? 1),
    rejectOversizedProperties: options.rejectOversizedProperties ?? false,
  });
  applySeed(store, seed);
  return store;
}

function readSeed(seed: Seed | string): Seed {
  return parseSeed(typeof seed === 'string' ? JSON.parse(readFileSync(seed, 'utf8')) : seed);
}

function createClock(now: FakeGoogleOptions['now']): FakeClock {
  if (typeof now === 'function') {
    let offset = 0;
    return { now: () => now() + offset, advance: (ms) => (offset += ms), set: (t) => (offset = toMs(t) - now()) };
  }
  if (now === undefined) {
    let offset = 0;
    return {
      now: () => Date.now() + offset,
      advance: (ms) => (offset += ms),
      set: (t) => (offset = toMs(t) - Date.now()),
    };
  }
  let current = toMs(now);
  return { now: () => current, advance: (ms) => (current += ms), set: (t) => (current = toMs(t)) };
}

function toMs(time: string | number | Date): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${String(time)}`);
  return ms;
}

function faultSpec(value: unknown): FaultSpec {
  const spec = value as FaultSpec;
  if (!spec || !FAULT_KINDS.includes(spec.kind)) {
    throw new Error(`a fault needs a kind, one of ${FAULT_KINDS.join(', ')}`);
  }
  // JSON has no Infinity: a missing or null `times` on a delay means "until cleared".
  if (spec.kind === 'delay' && (spec.times === undefined || spec.times === null)) {
    return { ...spec, times: Number.POSITIVE_INFINITY };
  }
  return spec;
}

function version(query: URLSearchParams): number {
  const value = query.get('conferenceDataVersion');
  if (value === null) return 0;
  if (value !== '0' && value !== '1') throw errors.invalidParameter('conferenceDataVersion');
  return Number(value);
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw errors.parseError();
  }
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}
