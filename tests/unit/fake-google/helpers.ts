/** Small HTTP helpers for the fake-google tests: plain fetch, so the tests see exactly what a client sees. */

import type { calendar_v3 } from 'googleapis';
import type { Seed } from '../../fake-google/seed.ts';
import { createFakeGoogle, type FakeGoogle, type FakeGoogleOptions, tokenFor } from '../../fake-google/server.ts';

export type Event = calendar_v3.Schema$Event;
export type Events = calendar_v3.Schema$Events;

export const MORGAN = 'morgan.mentor@gmail.com';
export const ALEX = 'alex.mentee@gmail.com';
export const SAM = 'sam.guest@gmail.com';

/** Three users in Berlin, no events; a fixed clock so times in assertions are known. */
export const PEOPLE: Seed = {
  users: [
    { email: MORGAN, displayName: 'Morgan Mentor', timeZone: 'Europe/Berlin' },
    { email: ALEX, displayName: 'Alex Mentee', timeZone: 'Europe/Berlin' },
    { email: SAM, timeZone: 'UTC' },
  ],
};

export const NOW = '2026-11-01T09:00:00Z';

export function startFake(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  return createFakeGoogle({ seed: PEOPLE, now: NOW, ...options });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  query?: Record<string, string | string[] | number | boolean>;
  body?: unknown;
  ifMatch?: string;
  /** Default: `user:<email>` of the client; `null` sends no Authorization header. */
  token?: string | null;
}

/** A client acting as one user, with the path relative to `/calendar/v3`. */
export function client(fake: FakeGoogle, email = MORGAN) {
  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const url = new URL(`${fake.url}/calendar/v3${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    }
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? tokenFor(email) : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML or empty bodies stay text
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }
  const events = (calendar = 'primary') => `/calendars/${encodeURIComponent(calendar)}/events`;
  const event = (id: string, calendar = 'primary') => `${events(calendar)}/${encodeURIComponent(id)}`;
  return {
    call,
    list: (query: CallOptions['query'] = {}, calendar?: string) => call<Events>('GET', events(calendar), { query }),
    insert: (body: Event, query: CallOptions['query'] = {}, calendar?: string) =>
      call<Event>('POST', events(calendar), { body, query }),
    get: (id: string, query: CallOptions['query'] = {}) => call<Event>('GET', event(id), { query }),
    patch: (id: string, body: Event, options: Omit<CallOptions, 'body'> = {}) =>
      call<Event>('PATCH', event(id), { ...options, body }),
    update: (id: string, body: Event, options: Omit<CallOptions, 'body'> = {}) =>
      call<Event>('PUT', event(id), { ...options, body }),
    remove: (id: string, options: CallOptions = {}) => call<undefined>('DELETE', event(id), options),
    instances: (id: string, query: CallOptions['query'] = {}) =>
      call<Events>('GET', `${event(id)}/instances`, { query }),
  };
}

/** Every page of a list, following nextPageToken; returns the items and the final sync token. */
export async function listAll(
  api: ReturnType<typeof client>,
  query: CallOptions['query'] = {},
): Promise<{ items: Event[]; nextSyncToken: string; pages: number }> {
  const items: Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const reply = await api.list({ ...query, ...(pageToken && { pageToken }) });
    if (reply.status !== 200) throw new Error(`list failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    pages += 1;
    items.push(...(reply.body.items ?? []));
    if (reply.body.nextPageToken) {
      pageToken = reply.body.nextPageToken;
      continue;
    }
    return { items, nextSyncToken: reply.body.nextSyncToken as string, pages };
  }
}

/** The first error reason of a Google error body. */
export function reason(reply: Reply): string | undefined {
  return (reply.body as { error?: { errors?: Array<{ reason?: string }> } }).error?.errors?.[0]?.reason;
}

/** A weekly Tuesday 15:00 Berlin series, as a client would insert it. */
export function weeklySeries(overrides: Event = {}): Event {
  return {
    summary: 'Mentoring: Morgan / Alex',
    start: { dateTime: '2026-11-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-11-03T16:00:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8'],
    ...overrides,
  };
}

export function single(overrides: Event = {}): Event {
  return {
    summary: 'Coffee',
    start: { dateTime: '2026-11-05T10:00:00+01:00' },
    end: { dateTime: '2026-11-05T10:30:00+01:00' },
    ...overrides,
  };
}
