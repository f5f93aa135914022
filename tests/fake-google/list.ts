/**
 * events.list, events.instances and calendarList.list: filters, expansion of recurring events,
 * paging and incremental sync, following the events.list reference:
 *
 * - `singleEvents=false` (default): one-off events, recurring masters and their exceptions.
 *   Cancelled *occurrences* are listed even without `showDeleted`; deleted events are not.
 * - `singleEvents=true`: masters expanded into instances; `orderBy=startTime` needs this.
 * - `syncToken`: only what changed since the token, deletions always included (as cancelled
 *   stubs). iCalUID, orderBy, privateExtendedProperty, q, sharedExtendedProperty, timeMin,
 *   timeMax and updatedMin cannot be combined with it (400); neither can `showDeleted=false`. An
 *   unknown or expired token is 410 `fullSyncRequired`.
 * - Only the last page carries `nextSyncToken`; the others carry `nextPageToken`, which is only
 *   valid with the same parameters (maxResults may change).
 */

import { errors } from './errors.ts';
import type { Caller } from './events.ts';
import { matchesAll, parseConstraints } from './extended-properties.ts';
import { collectionEtag, instanceId } from './ids.ts';
import { expand, startMs } from './recurrence.ts';
import { type RenderOptions, renderCancelled, renderEvent } from './render.ts';
import {
  type Event,
  EXPANSION_HORIZON_MS,
  EXPANSION_MAX,
  type FakeCalendar,
  type FakeUser,
  type PageCursor,
  type Store,
  type StoredEvent,
  spanOf,
} from './store.ts';
import { isValidTimeZone, parseDateTime } from './time.ts';

const DEFAULT_MAX_RESULTS = 250;
const MAX_MAX_RESULTS = 2500;
/** Parameters a sync token cannot be combined with (events.list reference, `syncToken`). */
const NOT_WITH_SYNC_TOKEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

interface ListParams {
  singleEvents: boolean;
  showDeleted: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  orderBy?: 'startTime' | 'updated';
  q?: string;
  iCalUID?: string;
  privateConstraints: Array<[string, string]>;
  sharedConstraints: Array<[string, string]>;
  eventTypes: string[];
  maxResults: number;
  timeZone?: string;
}

interface Row {
  item: Event;
  start: number;
  updated: number;
  order: number;
}

export function listEvents(store: Store, caller: Caller, query: URLSearchParams): Record<string, unknown> {
  const continued = continuePage(store, caller, 'events', query);
  if (continued) return continued;
  const params = parseParams(query, 'list');
  const syncToken = query.get('syncToken');
  if (syncToken !== null) {
    const restricted = NOT_WITH_SYNC_TOKEN.some((name) => query.has(name)) || query.get('showDeleted') === 'false';
    if (restricted) throw errors.syncTokenWithRestrictions();
  }
  if (params.orderBy === 'startTime' && !params.singleEvents) throw errors.orderingNotAvailable();
  const since = syncToken === null ? undefined : readSyncToken(store, caller.calendar.id, syncToken);
  const rows = gather(store, caller.calendar, params, since);
  sortRows(rows, params.orderBy);
  return firstPage(store, caller, 'events', query, rows, params, {
    nextSyncToken: syncTokenFor(store, caller.calendar.id),
  });
}

/** The instances of one recurring event, exceptions included (cancelled ones with showDeleted). */
export function listInstances(
  store: Store,
  caller: Caller,
  eventId: string,
  query: URLSearchParams,
): Record<string, unknown> {
  const continued = continuePage(store, caller, `instances ${eventId}`, query);
  if (continued) return continued;
  const params = parseParams(query, 'instances');
  const target = store.resolve(caller.calendar.id, eventId);
  const rows: Row[] = [];
  const master = target.kind === 'stored' ? target.stored : null;
  if (master?.data.recurrence && master.data.status !== 'cancelled') {
    const originalStart = query.get('originalStart');
    const wanted = originalStart === null ? null : parseDateTime(originalStart);
    if (originalStart !== null && wanted === null) throw errors.invalidParameter('originalStart');
    for (const row of seriesRows(store, caller.calendar, master, params, true)) {
      const original = row.item.originalStartTime;
      if (wanted !== null && parseDateTime(original?.dateTime ?? '') !== wanted) continue;
      rows.push(row);
    }
  }
  sortRows(rows, 'startTime');
  return firstPage(store, caller, `instances ${eventId}`, query, rows, params, {});
}

export function listCalendarList(store: Store, user: FakeUser, query: URLSearchParams): Record<string, unknown> {
  // Calendars never change after seeding, so a sync with a valid token has nothing to report.
  const syncToken = query.get('syncToken');
  const token = calendarListToken(store, user);
  if (syncToken !== null && syncToken !== token) throw errors.fullSyncRequired();
  const owned = [...store.calendars.values()].filter((c) => c.owner === user.email);
  return {
    kind: 'calendar#calendarList',
    etag: collectionEtag(owned.length),
    nextSyncToken: token,
    items: syncToken === null ? owned.map((c) => calendarListEntry(c, c.id === user.email)) : [],
  };
}

export function getCalendarListEntry(store: Store, user: FakeUser, calendarId: string): Record<string, unknown> {
  const calendar = store.calendarFor(user, calendarId);
  return calendarListEntry(calendar, calendar.id === user.email);
}

function calendarListEntry(calendar: FakeCalendar, primary: boolean): Record<string, unknown> {
  return {
    kind: 'calendar#calendarListEntry',
    etag: `"${calendar.createdMs * 1000}"`,
    id: calendar.id,
    summary: calendar.summary,
    ...(calendar.description && { description: calendar.description }),
    timeZone: calendar.timeZone,
    colorId: calendar.colorId,
    backgroundColor: calendar.backgroundColor,
    foregroundColor: calendar.foregroundColor,
    selected: true,
    accessRole: 'owner',
    defaultReminders: calendar.defaultReminders,
    ...(primary && {
      notificationSettings: {
        notifications: ['eventCreation', 'eventChange', 'eventCancellation', 'eventResponse'].map((type) => ({
          type,
          method: 'email',
        })),
      },
      primary: true,
    }),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}

function calendarListToken(store: Store, user: FakeUser): string {
  return Buffer.from(`calendarList ${user.email} ${store.epoch} ${store.syncGeneration}`).toString('base64');
}

// ---------------------------------------------------------------- parameters

function parseParams(query: URLSearchParams, method: 'list' | 'instances'): ListParams {
  if (query.has('fields')) throw errors.notImplemented('the `fields` parameter (partial responses)');
  const params: ListParams = {
    singleEvents: method === 'instances' || bool(query, 'singleEvents'),
    showDeleted: bool(query, 'showDeleted'),
    privateConstraints: parseConstraints(query.getAll('privateExtendedProperty'), 'privateExtendedProperty'),
    sharedConstraints: parseConstraints(query.getAll('sharedExtendedProperty'), 'sharedExtendedProperty'),
    eventTypes: query.getAll('eventTypes'),
    maxResults: maxResults(query),
  };
  for (const name of ['timeMin', 'timeMax', 'updatedMin'] as const) {
    const value = query.get(name);
    if (value === null) continue;
    const ms = parseDateTime(value);
    if (ms === null) throw errors.invalidParameter(name);
    params[name] = ms;
  }
  if (params.timeMin !== undefined && params.timeMax !== undefined && params.timeMin >= params.timeMax) {
    throw errors.timeRangeEmpty('timeMax');
  }
  const orderBy = query.get('orderBy');
  if (orderBy !== null) {
    if (orderBy !== 'startTime' && orderBy !== 'updated') throw errors.invalidParameter('orderBy');
    params.orderBy = orderBy;
  }
  const timeZone = query.get('timeZone');
  if (timeZone !== null) {
    if (!isValidTimeZone(timeZone)) throw errors.invalidParameter('timeZone');
    params.timeZone = timeZone;
  }
  const q = query.get('q');
  if (q !== null) params.q = q.toLowerCase();
  const iCalUID = query.get('iCalUID');
  if (iCalUID !== null) params.iCalUID = iCalUID;
  return params;
}

function bool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  if (value !== 'true' && value !== 'false') throw errors.invalidParameter(name);
  return value === 'true';
}

/** Default 250; the page size "can never be larger than 2500", so more is capped. */
function maxResults(query: URLSearchParams): number {
  const value = query.get('maxResults');
  if (value === null) return DEFAULT_MAX_RESULTS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw errors.invalidParameter('maxResults');
  return Math.min(n, MAX_MAX_RESULTS);
}

// ---------------------------------------------------------------- sync tokens

function syncTokenFor(store: Store, calendarId: string): string {
  return Buffer.from(JSON.stringify([calendarId, store.seq, store.syncGeneration, store.epoch])).toString('base64');
}

/** The change number a token was issued at; 410 if it is not one of ours or has expired. */
function readSyncToken(store: Store, calendarId: string, token: string): number {
  try {
    const [calendar, seq, generation, epoch] = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown[];
    const current = epoch === store.epoch && generation === store.syncGeneration;
    if (current && calendar === calendarId && typeof seq === 'number' && seq <= store.seq) return seq;
  } catch {
    // not a token we issued
  }
  throw errors.fullSyncRequired();
}

// ---------------------------------------------------------------- gathering

function gather(store: Store, calendar: FakeCalendar, params: ListParams, since: number | undefined): Row[] {
  const rows: Row[] = [];
  const events = [...store.events.values()].sort((a, b) => a.order - b.order);
  for (const stored of events) {
    const presence = store.presenceIn(stored, calendar.id);
    if (presence === 'never' || (since !== undefined && stored.changeSeq <= since)) continue;
    const { data } = stored;
    const master = data.recurringEventId ? store.events.get(data.recurringEventId) : undefined;
    // A deleted series takes its exceptions with it: only the master is reported.
    if (master?.data.status === 'cancelled') continue;
    const cancelled = presence === 'gone' || data.status === 'cancelled';
    if (cancelled) {
      if (
        includeCancelled(stored, params, since, master !== undefined) &&
        passes(store, calendar, data, stored, params)
      ) {
        rows.push(row(stored, renderCancelled(stored), store, calendar));
      }
    } else if (data.recurrence && params.singleEvents) {
      rows.push(...seriesRows(store, calendar, stored, params, false));
    } else if (passes(store, calendar, data, stored, params)) {
      rows.push(row(stored, renderEvent(store, data, stored, calendar.id, renderOptions(params)), store, calendar));
    }
  }
  return rows;
}

function includeCancelled(stored: StoredEvent, params: ListParams, since: number | undefined, isOccurrence: boolean) {
  if (since !== undefined) return true;
  if (params.updatedMin !== undefined && stored.updatedMs >= params.updatedMin) return true;
  if (params.singleEvents) return params.showDeleted && !stored.data.recurrence;
  return params.showDeleted || isOccurrence;
}

/**
 * The instances of a series: unedited occurrences as virtual events, plus (for `instances`) its
 * stored exceptions. In `events.list` the exceptions are listed on their own.
 */
function seriesRows(
  store: Store,
  calendar: FakeCalendar,
  master: StoredEvent,
  params: ListParams,
  withExceptions: boolean,
): Row[] {
  const before = params.timeMax ?? store.now() + EXPANSION_HORIZON_MS;
  const series = store.series(master);
  const rows: Row[] = [];
  const length = series.start.kind === 'date' ? series.length * 86_400_000 : series.length;
  for (const occurrence of expand(series.recurrence, series.start, { before, max: EXPANSION_MAX })) {
    // Cheap early skip of occurrences that end before the window (the full check follows).
    if (params.timeMin !== undefined && startMs(occurrence) + length + 86_400_000 <= params.timeMin) continue;
    const id = instanceId(master.data.id as string, occurrence);
    if (store.events.has(id)) continue;
    const data = store.occurrenceData(master, occurrence, id, series);
    if (!passes(store, calendar, data, master, params)) continue;
    rows.push({
      item: renderEvent(store, data, master, calendar.id, renderOptions(params)),
      start: startMs(occurrence),
      updated: master.updatedMs,
      order: master.order,
    });
  }
  if (withExceptions) {
    for (const exception of store.exceptionsOf(master.data.id as string)) {
      const cancelled = exception.data.status === 'cancelled' || store.presenceIn(exception, calendar.id) !== 'visible';
      if (cancelled && !params.showDeleted) continue;
      if (!passes(store, calendar, exception.data, exception, params)) continue;
      const item = cancelled
        ? renderCancelled(exception)
        : renderEvent(store, exception.data, exception, calendar.id, renderOptions(params));
      rows.push(row(exception, item, store, calendar));
    }
  }
  return rows;
}

function renderOptions(params: ListParams): RenderOptions {
  return params.timeZone ? { timeZone: params.timeZone } : {};
}

function row(stored: StoredEvent, item: Event, store: Store, calendar: FakeCalendar): Row {
  const timing =
    stored.data.status === 'cancelled' && stored.data.originalStartTime ? stored.data.originalStartTime : null;
  const start = timing
    ? spanOf({ start: timing, end: timing }, calendar.timeZone).start
    : spanOf(stored.data, store.calendarTimeZone(stored.home)).start;
  return { item, start, updated: stored.updatedMs, order: stored.order };
}

/** The filters of a full list (a sync request cannot carry them). */
function passes(store: Store, calendar: FakeCalendar, data: Event, source: StoredEvent, params: ListParams): boolean {
  if (params.timeMin !== undefined || params.timeMax !== undefined) {
    const span = data.recurrence ? seriesSpan(store, source) : eventSpan(data, calendar.timeZone);
    if (params.timeMin !== undefined && span.end <= params.timeMin) return false;
    if (params.timeMax !== undefined && span.start >= params.timeMax) return false;
  }
  if (params.updatedMin !== undefined && source.updatedMs < params.updatedMin) return false;
  if (params.iCalUID !== undefined && data.iCalUID !== params.iCalUID) return false;
  if (params.eventTypes.length > 0 && !params.eventTypes.includes(data.eventType ?? 'default')) return false;
  if (!matchesAll(source.privateProps.get(calendar.id), params.privateConstraints)) return false;
  if (!matchesAll(data.extendedProperties?.shared ?? undefined, params.sharedConstraints)) return false;
  return params.q === undefined || searchText(data).includes(params.q);
}

/** A cancelled occurrence is placed by its original start; everything else by start and end. */
function eventSpan(data: Event, timeZone: string): { start: number; end: number } {
  if (data.status === 'cancelled' && data.originalStartTime) {
    return spanOf({ start: data.originalStartTime, end: data.originalStartTime }, timeZone);
  }
  return spanOf(data, timeZone);
}

/** From the first occurrence's start to the last one's end (open-ended without COUNT/UNTIL). */
function seriesSpan(store: Store, master: StoredEvent): { start: number; end: number } {
  const series = store.series(master);
  const first = spanOf(master.data, store.calendarTimeZone(master.home)).start;
  const { rule } = series.recurrence;
  if (rule.count === undefined && rule.until === undefined) return { start: first, end: Number.POSITIVE_INFINITY };
  const all = expand(series.recurrence, series.start, { before: Number.POSITIVE_INFINITY, max: EXPANSION_MAX });
  const last = all.at(-1);
  if (!last) return { start: first, end: first };
  const length = series.start.kind === 'date' ? series.length * 86_400_000 : series.length;
  return { start: first, end: startMs(last) + length };
}

/** The fields `q` searches (events.list reference). */
function searchText(data: Event): string {
  const people = [data.organizer, ...(data.attendees ?? [])].flatMap((p) => [p?.email, p?.displayName]);
  return [data.summary, data.description, data.location, ...people]
    .filter((v): v is string => typeof v === 'string')
    .join('\n')
    .toLowerCase();
}

function sortRows(rows: Row[], orderBy: 'startTime' | 'updated' | undefined): void {
  rows.sort((a, b) => {
    if (orderBy === 'startTime') return a.start - b.start || a.order - b.order;
    if (orderBy === 'updated') return a.updated - b.updated || a.order - b.order;
    return a.order - b.order || a.start - b.start;
  });
}

// ---------------------------------------------------------------- pages

function fingerprint(caller: Caller, method: string, query: URLSearchParams): string {
  const kept = [...query.entries()].filter(([key]) => key !== 'pageToken' && key !== 'maxResults').sort();
  return JSON.stringify([caller.user.email, caller.calendar.id, method, kept]);
}

function envelope(store: Store, calendar: FakeCalendar, timeZone: string | undefined): Record<string, unknown> {
  let updated = calendar.createdMs;
  for (const stored of store.events.values()) {
    if (store.presenceIn(stored, calendar.id) !== 'never') updated = Math.max(updated, stored.updatedMs);
  }
  return {
    kind: 'calendar#events',
    etag: collectionEtag(store.seq),
    summary: calendar.summary,
    description: calendar.description ?? '',
    updated: new Date(updated).toISOString(),
    timeZone: timeZone ?? calendar.timeZone,
    accessRole: 'owner',
    defaultReminders: calendar.defaultReminders,
  };
}

function firstPage(
  store: Store,
  caller: Caller,
  method: string,
  query: URLSearchParams,
  rows: Row[],
  params: ListParams,
  tail: Record<string, unknown>,
): Record<string, unknown> {
  const cursor: PageCursor = {
    fingerprint: fingerprint(caller, method, query),
    items: rows.map((r) => r.item),
    offset: 0,
    envelope: envelope(store, caller.calendar, params.timeZone),
    tail,
  };
  return pageAt(store, cursor, params.maxResults);
}

/** The next page for a `pageToken`, or null without one; 400 when the token is not for this query. */
function continuePage(
  store: Store,
  caller: Caller,
  method: string,
  query: URLSearchParams,
): Record<string, unknown> | null {
  const token = query.get('pageToken');
  if (token === null) return null;
  const cursor = store.pages.get(token);
  if (!cursor || cursor.fingerprint !== fingerprint(caller, method, query)) throw errors.invalidParameter('pageToken');
  return pageAt(store, cursor, maxResults(query));
}

function pageAt(store: Store, cursor: PageCursor, size: number): Record<string, unknown> {
  const items = cursor.items.slice(cursor.offset, cursor.offset + size);
  const rest = cursor.offset + size;
  if (rest < cursor.items.length) {
    const token = Buffer.from(`page ${store.pages.size + 1} ${store.seq}`).toString('base64url');
    store.pages.set(token, { ...cursor, offset: rest });
    return { ...cursor.envelope, nextPageToken: token, items };
  }
  return { ...cursor.envelope, ...cursor.tail, items };
}
