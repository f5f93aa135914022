/**
 * Events as one calendar sees them: `self` flags relative to the calendar's owner, that calendar's
 * private extended properties, Google's field order, and the short forms Google uses for
 * cancelled events in lists.
 */

import { htmlLink, instanceId } from './ids.ts';
import { expand } from './recurrence.ts';
import type { Event, EventDateTime, Store, StoredEvent } from './store.ts';
import { formatDateTime, parseDateTime } from './time.ts';

/** The order Google writes event fields in (fixtures); anything else follows. */
const FIELD_ORDER = [
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'summary',
  'description',
  'location',
  'colorId',
  'creator',
  'organizer',
  'start',
  'end',
  'endTimeUnspecified',
  'recurrence',
  'recurringEventId',
  'originalStartTime',
  'transparency',
  'visibility',
  'iCalUID',
  'sequence',
  'attendees',
  'attendeesOmitted',
  'extendedProperties',
  'hangoutLink',
  'conferenceData',
  'anyoneCanAddSelf',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'privateCopy',
  'locked',
  'reminders',
  'source',
  'attachments',
  'eventType',
];

export interface RenderOptions {
  /** The request's `timeZone`: used for events that have no time zone of their own. */
  timeZone?: string;
}

/**
 * `data` as calendar `calendarId` sees it. `source` is the stored event the data belongs to (for
 * an unedited occurrence, its series), which holds the per-calendar private properties.
 */
export function renderEvent(
  store: Store,
  data: Event,
  source: StoredEvent,
  calendarId: string,
  options: RenderOptions = {},
): Event {
  const owner = store.calendars.get(calendarId)?.owner;
  const out: Event = { ...data, kind: 'calendar#event' };
  out.htmlLink = htmlLinkFor(store, data, source, calendarId);
  if (data.creator) out.creator = withSelf(data.creator, data.creator.email === owner);
  if (data.organizer) out.organizer = withSelf(data.organizer, data.organizer.email === owner);
  if (data.attendees) out.attendees = data.attendees.map((a) => orderedAttendee(withSelf(a, a.email === owner)));
  const shared = data.extendedProperties?.shared;
  const own = source.privateProps.get(calendarId);
  const extended = {
    ...(own && Object.keys(own).length > 0 && { private: { ...own } }),
    ...(shared && Object.keys(shared).length > 0 && { shared: { ...shared } }),
  };
  if (Object.keys(extended).length > 0) out.extendedProperties = extended;
  else delete out.extendedProperties;
  if (options.timeZone) {
    if (data.start) out.start = inZone(data.start, options.timeZone);
    if (data.end) out.end = inZone(data.end, options.timeZone);
  }
  return ordered(out);
}

/**
 * A cancelled event in a list: `{kind, etag, id, status}`, plus `recurringEventId` and
 * `originalStartTime` for a cancelled occurrence (fixtures incremental-delete-*-2025.json).
 */
export function renderCancelled(stored: StoredEvent): Event {
  const { data } = stored;
  const stub: Event = { kind: 'calendar#event', etag: data.etag, id: data.id, status: 'cancelled' };
  if (data.recurringEventId && !stored.bareWhenCancelled) {
    stub.recurringEventId = data.recurringEventId;
    stub.originalStartTime = data.originalStartTime;
  }
  return stub;
}

function withSelf<T extends { email?: string | null; self?: boolean | null }>(person: T, self: boolean): T {
  const { self: _, ...rest } = person;
  return (self ? { ...rest, self: true } : rest) as T;
}

/**
 * Google's `htmlLink` names the event's *first occurrence* for a recurring series (every master in
 * events-list-masters-exception-nextsynctoken-2024.json does), the event itself otherwise.
 */
function htmlLinkFor(store: Store, data: Event, source: StoredEvent, calendarId: string): string {
  let id = data.id as string;
  if (data.recurrence && source.data.id === data.id) {
    const series = store.series(source);
    const [first] = expand(series.recurrence, series.start, { before: Number.POSITIVE_INFINITY, max: 1 });
    if (first) id = instanceId(id, first);
  }
  return htmlLink(id, calendarId);
}

/** A start/end without its own time zone, written in the response's zone. */
function inZone(time: EventDateTime, timeZone: string): EventDateTime {
  if (!time.dateTime || time.timeZone) return time;
  const ms = parseDateTime(time.dateTime);
  return ms === null ? time : { ...time, dateTime: formatDateTime(ms, timeZone) };
}

const ATTENDEE_ORDER = ['email', 'displayName', 'organizer', 'self', 'resource', 'optional', 'responseStatus'];

function orderedAttendee<T extends object>(attendee: T): T {
  return ordered(attendee, ATTENDEE_ORDER);
}

export function ordered<T extends object>(value: T, order: readonly string[] = FIELD_ORDER): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, v] of Object.entries(source)) if (!(key in out) && v !== undefined) out[key] = v;
  return out as T;
}
