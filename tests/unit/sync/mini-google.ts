/**
 * A scripted, in-memory stand-in for the Calendar API behind the `CalendarClient` interface, for the
 * sync and outbox unit tests: a change log with sync tokens and pages, etags with `If-Match`, 409 on
 * a duplicate id, and failures queued per method. (The HTTP fake in tests/fake-google is the faithful
 * one; this one is small enough to read next to a test.)
 */
import type { calendar_v3 } from 'googleapis';
import { CalendarApiError, type CalendarClient, type CalendarErrorKind } from '../../../lib/calendar/client';
import { ApiEvent, EventsPage } from '../../../lib/calendar/schemas';

type Method = 'listEvents' | 'getEvent' | 'insertEvent' | 'patchEvent';

interface Stored {
  event: ApiEvent;
  version: number;
}

export function miniGoogle() {
  const events = new Map<string, Stored>();
  let version = 0;
  const failures: Array<{ method: Method; kind: CalendarErrorKind; retryAt?: number }> = [];
  const requests: Array<{ method: Method; params?: unknown }> = [];
  let expired = false;
  let pageSize: number | null = null;
  let meet = 0;

  function store(event: Record<string, unknown>): ApiEvent {
    version += 1;
    const parsed = ApiEvent.parse({
      ...event,
      etag: `"${version}"`,
      updated: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
    });
    events.set(parsed.id, { event: parsed, version });
    return parsed;
  }

  function failIfScripted(method: Method) {
    const index = failures.findIndex((f) => f.method === method);
    const failure = failures[index];
    if (!failure) return;
    failures.splice(index, 1);
    throw new CalendarApiError({
      kind: failure.kind,
      operation: method,
      status: null,
      reason: null,
      message: `scripted ${failure.kind}`,
      retryAt: failure.retryAt ?? null,
    });
  }

  const client: CalendarClient = {
    async listCalendars() {
      return { items: [] };
    },
    async listEvents(_calendarId, params = {}) {
      requests.push({ method: 'listEvents', params });
      failIfScripted('listEvents');
      if (params.syncToken && expired) {
        throw new CalendarApiError({
          kind: 'gone',
          operation: 'events.list',
          status: 410,
          reason: 'fullSyncRequired',
          message: 'Sync token is no longer valid',
        });
      }
      const [offset, snapshot, since] = params.pageToken
        ? params.pageToken.split(':').map(Number)
        : [0, version, params.syncToken ? Number(params.syncToken.slice(1)) : -1];
      const changed = [...events.values()]
        .filter((s) => s.version > (since ?? -1) && s.version <= (snapshot ?? version))
        .filter((s) => params.syncToken || params.showDeleted || s.event.status !== 'cancelled')
        .sort((a, b) => a.version - b.version);
      const size = pageSize ?? params.maxResults ?? 250;
      const items = changed.slice(offset, (offset ?? 0) + size).map((s) => s.event);
      const more = (offset ?? 0) + size < changed.length;
      return EventsPage.parse({
        items,
        ...(more
          ? { nextPageToken: `${(offset ?? 0) + size}:${snapshot}:${since}` }
          : { nextSyncToken: `v${snapshot}` }),
      });
    },
    async getEvent(_calendarId, eventId) {
      requests.push({ method: 'getEvent' });
      failIfScripted('getEvent');
      const stored = events.get(eventId);
      if (!stored)
        throw new CalendarApiError({
          kind: 'notFound',
          operation: 'events.get',
          status: 404,
          reason: 'notFound',
          message: 'Not Found',
        });
      return stored.event;
    },
    async insertEvent(_calendarId, body) {
      requests.push({ method: 'insertEvent', params: body });
      failIfScripted('insertEvent');
      if (body.id && events.has(body.id)) {
        throw new CalendarApiError({
          kind: 'conflict',
          operation: 'events.insert',
          status: 409,
          reason: 'duplicate',
          message: 'The requested identifier already exists.',
        });
      }
      const code = `abc-defg-${String.fromCharCode(97 + (meet++ % 26))}${'xy'}`;
      return store({
        ...body,
        id: body.id ?? `gen${version}`,
        status: 'confirmed',
        ...(body.conferenceData?.createRequest
          ? { conferenceData: { conferenceId: code }, hangoutLink: `https://meet.google.com/${code}` }
          : {}),
      });
    },
    async patchEvent(_calendarId, eventId, body, options = {}) {
      requests.push({ method: 'patchEvent', params: { body, ifMatch: options.ifMatch } });
      failIfScripted('patchEvent');
      const stored = events.get(eventId);
      if (!stored)
        throw new CalendarApiError({
          kind: 'notFound',
          operation: 'events.patch',
          status: 404,
          reason: 'notFound',
          message: 'Not Found',
        });
      if (options.ifMatch && options.ifMatch !== stored.event.etag) {
        throw new CalendarApiError({
          kind: 'precondition',
          operation: 'events.patch',
          status: 412,
          reason: 'conditionNotMet',
          message: 'Precondition Failed',
        });
      }
      return store({ ...stored.event, ...body });
    },
    async deleteEvent() {},
    async instances() {
      return { items: [] };
    },
  };

  return {
    client,
    requests,
    /** Google's side: create or replace an event (a new version, a new etag). */
    put(event: calendar_v3.Schema$Event & { id: string; status?: string }): ApiEvent {
      return store({ status: 'confirmed', ...event });
    },
    /** Google's side: delete a series or event (`{id, status: 'cancelled'}` in the next sync). */
    remove(id: string): void {
      const stored = events.get(id);
      if (stored) store({ id, status: 'cancelled' });
    },
    get(id: string): ApiEvent | undefined {
      return events.get(id)?.event;
    },
    fail(method: Method, kind: CalendarErrorKind, retryAt?: number) {
      failures.push({ method, kind, ...(retryAt ? { retryAt } : {}) });
    },
    expireTokens() {
      expired = true;
    },
    renewTokens() {
      expired = false;
    },
    setPageSize(size: number) {
      pageSize = size;
    },
    countOf(method: Method) {
      return requests.filter((r) => r.method === method).length;
    },
  };
}
