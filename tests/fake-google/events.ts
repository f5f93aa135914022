/**
 * events.get / insert / patch / update / delete with Google's semantics:
 * - an occurrence id that was never edited is materialised into an exception on its first write
 *   (it keeps the id of its *original* start);
 * - `If-Match` with a stale etag is 412 `conditionNotMet`;
 * - patch merges objects, replaces arrays, deletes on `null`; update replaces the writable fields;
 * - a non-organizer may only change their own copy (private extended properties, their own
 *   response) unless `guestsCanModify`; anything else is 403 `forbiddenForNonOrganizer`;
 * - deleting twice is 410 `deleted`; an attendee "deleting" declines and drops it from their
 *   calendar only.
 */

import { errors } from './errors.ts';
import { checkTotals, cleanProperties, mergeProperties, type Properties } from './extended-properties.ts';
import { isValidClientEventId, randomDigits, randomEventId, randomMeetCode } from './ids.ts';
import { type RenderOptions, renderEvent } from './render.ts';
import { type Event, type EventDateTime, type FakeCalendar, type FakeUser, type Store, seriesOf } from './store.ts';
import { formatDateTime, isDate, isValidTimeZone, parseDateTime } from './time.ts';

/** Who is calling, and which of their calendars the URL names. */
export interface Caller {
  user: FakeUser;
  calendar: FakeCalendar;
}

export interface WriteOptions {
  /** The `If-Match` header. */
  ifMatch?: string | undefined;
  /** `conferenceDataVersion`: 0 (default) ignores conference data in the body, 1 handles it. */
  conferenceDataVersion?: number;
  /** Google's own ids (`<id>_R…` of a split series) are not base32hex; only Google-side edits set this. */
  anyId?: boolean;
}

/** Fields Google sets itself; in a request body they are ignored. */
const READ_ONLY = new Set([
  'kind',
  'etag',
  'id',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'organizer',
  'iCalUID',
  'recurringEventId',
  'originalStartTime',
  'hangoutLink',
  'privateCopy',
  'locked',
]);

/** The only fields an attendee who is not the organizer may change (on their own copy). */
const PER_COPY = new Set(['extendedProperties', 'attendees', 'updated', 'etag']);

const MEET_ICON =
  'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png';

export function getEvent(store: Store, caller: Caller, eventId: string, options: RenderOptions = {}): Event {
  const target = store.resolve(caller.calendar.id, eventId);
  if (target.kind === 'stored')
    return renderEvent(store, target.stored.data, target.stored, caller.calendar.id, options);
  const data = store.occurrenceData(target.master, target.original, target.id);
  return renderEvent(store, data, target.master, caller.calendar.id, options);
}

export function insertEvent(store: Store, caller: Caller, body: unknown, options: WriteOptions = {}): Event {
  const input = requestObject(body);
  const id = input.id === undefined || input.id === null ? undefined : String(input.id);
  if (id !== undefined && !options.anyId && !isValidClientEventId(id)) throw errors.invalidResourceId();
  // Ids stay taken after deletion: re-inserting a deleted id is still a 409.
  if (id !== undefined && store.events.has(id)) throw errors.duplicate();
  const eventId = id ?? uniqueId(store);
  const { user, calendar } = caller;
  const owner = store.users.get(calendar.owner) ?? user;
  const data: Event = {
    ...writable(input),
    id: eventId,
    status: typeof input.status === 'string' ? input.status : 'confirmed',
    creator: person(user),
    organizer: person(owner),
    iCalUID: `${eventId}@google.com`,
    sequence: typeof input.sequence === 'number' ? input.sequence : 0,
    reminders: (input.reminders as Event['reminders']) ?? { useDefault: true },
    eventType: typeof input.eventType === 'string' ? input.eventType : 'default',
  };
  normalizeTimes(data, calendar.timeZone);
  normalizeAttendees(data, owner.email);
  applyConference(store, data, undefined, options.conferenceDataVersion ?? 0);
  const { shared, own } = writeProperties(store, input.extendedProperties, {}, {}, 'replace');
  setShared(data, shared);
  const privateProps = new Map<string, Properties>();
  if (Object.keys(own).length > 0) privateProps.set(calendar.id, own);
  const stored = store.add(data, calendar.id, privateProps);
  return renderEvent(store, stored.data, stored, calendar.id);
}

export function patchEvent(store: Store, caller: Caller, eventId: string, body: unknown, options: WriteOptions = {}) {
  return write(store, caller, eventId, requestObject(body), options, 'patch');
}

export function updateEvent(store: Store, caller: Caller, eventId: string, body: unknown, options: WriteOptions = {}) {
  return write(store, caller, eventId, requestObject(body), options, 'update');
}

export function deleteEvent(store: Store, caller: Caller, eventId: string, options: WriteOptions = {}): void {
  const target = store.resolve(caller.calendar.id, eventId);
  const current = target.kind === 'stored' ? target.stored.data : target.master.data;
  checkIfMatch(options.ifMatch, current.etag);
  if (current.status === 'cancelled') throw errors.deleted();
  const stored = store.materialize(target);
  if (caller.calendar.id === stored.home) {
    stored.data.status = 'cancelled';
  } else {
    // An attendee cannot delete the organizer's event: Google declines it for them and drops it
    // from their calendar; everyone else keeps it.
    stored.data.attendees = (stored.data.attendees ?? []).map((a) =>
      a.email === caller.calendar.owner ? { ...a, responseStatus: 'declined' } : a,
    );
    stored.removedFrom.add(caller.calendar.id);
  }
  store.touch(stored);
}

function write(
  store: Store,
  caller: Caller,
  eventId: string,
  input: Record<string, unknown>,
  options: WriteOptions,
  mode: 'patch' | 'update',
): Event {
  const calendarId = caller.calendar.id;
  const target = store.resolve(calendarId, eventId);
  const before =
    target.kind === 'stored' ? target.stored.data : store.occurrenceData(target.master, target.original, target.id);
  checkIfMatch(options.ifMatch, before.etag);
  const source = target.kind === 'stored' ? target.stored : target.master;
  const ownBefore = source.privateProps.get(calendarId) ?? {};

  const { extendedProperties, ...rest } = writable(input);
  let next: Event;
  if (mode === 'patch') {
    next = mergePatch(structuredClone(before), rest);
  } else {
    next = { ...keptOnUpdate(structuredClone(before)), ...rest };
    if (!('status' in rest) && before.status) next.status = before.status;
    if (!('reminders' in rest)) next.reminders = { useDefault: true };
  }
  const props = writeProperties(
    store,
    extendedProperties,
    before.extendedProperties?.shared ?? {},
    ownBefore,
    mode === 'patch' ? 'merge' : 'replace',
  );
  setShared(next, props.shared);
  const tz = store.calendarTimeZone(source.home);
  normalizeTimes(next, tz);
  normalizeAttendees(next, before.organizer?.email ?? caller.calendar.owner);
  applyConference(store, next, before, options.conferenceDataVersion ?? 0);
  assertMayChange(caller, source.home, before, next);
  if (changedTiming(before, next)) next.sequence = (before.sequence ?? 0) + 1;

  const stored = store.materialize(target);
  stored.data = next;
  if (Object.keys(props.own).length > 0) stored.privateProps.set(calendarId, props.own);
  else stored.privateProps.delete(calendarId);
  store.touch(stored);
  return renderEvent(store, stored.data, stored, calendarId);
}

// ---------------------------------------------------------------- request bodies

function requestObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.parseError();
  return body as Record<string, unknown>;
}

/** The body without the fields Google sets itself. */
function writable(input: Record<string, unknown>): Event & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!READ_ONLY.has(key)) out[key] = value;
  return out as Event & Record<string, unknown>;
}

/** What an update (PUT) keeps from the stored event: the fields a client cannot set. */
function keptOnUpdate(before: Event): Event {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) if (READ_ONLY.has(key)) out[key] = value;
  // Without conferenceDataVersion=1 the body's conference data is ignored, so keep the old one.
  if (before.conferenceData) out.conferenceData = before.conferenceData;
  if (before.eventType) out.eventType = before.eventType;
  if (before.sequence !== undefined) out.sequence = before.sequence;
  return out as Event;
}

/**
 * Google's patch: given fields replace stored ones, objects merge key by key, arrays replace,
 * `null` deletes. One exception: a start or end switching between `date` and `dateTime` drops
 * the other form (merging both would give an event that is all-day and timed at once).
 */
export function mergePatch(target: Event, patch: Record<string, unknown>): Event {
  const merged = mergeValue(target, patch) as Event;
  for (const key of ['start', 'end'] as const) {
    const given = patch[key] as EventDateTime | null | undefined;
    const value = merged[key];
    if (!given || !value) continue;
    if (given.date) {
      delete value.dateTime;
      delete value.timeZone;
    } else if (given.dateTime) {
      delete value.date;
    }
  }
  return merged;
}

function mergeValue(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergeValue(out[key], value);
  }
  return out;
}

// ---------------------------------------------------------------- validation and normalisation

function uniqueId(store: Store): string {
  let id = randomEventId(store.options.random);
  while (store.events.has(id)) id = randomEventId(store.options.random);
  return id;
}

function person(user: FakeUser): { email: string; displayName?: string } {
  return { email: user.email, ...(user.displayName && { displayName: user.displayName }) };
}

function checkIfMatch(ifMatch: string | undefined, etag: string | null | undefined): void {
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== etag) throw errors.conditionNotMet();
}

/**
 * Checks start and end like Google and writes `dateTime` in the event's zone (a client may send
 * `…Z`; Google answers with the zone's offset). Recurring timed events need a time zone.
 */
function normalizeTimes(data: Event, calendarTimeZone: string): void {
  const start = checkTime(data.start, 'start', calendarTimeZone);
  const end = checkTime(data.end, 'end', calendarTimeZone);
  if (start.allDay !== end.allDay) throw errors.invalid('Invalid start time.');
  if (end.at < start.at || (start.allDay && end.at === start.at)) throw errors.timeRangeEmpty();
  if (data.recurrence && data.recurrence.length > 0) {
    if (!start.allDay && !data.start?.timeZone) throw errors.required('Missing time zone definition for start time.');
    seriesOf(data, calendarTimeZone);
  } else {
    delete data.recurrence;
  }
}

function checkTime(
  time: EventDateTime | undefined,
  which: 'start' | 'end',
  calendarTimeZone: string,
): { allDay: boolean; at: number } {
  if (!time || (!time.date && !time.dateTime)) throw errors.required(`Missing ${which} time.`);
  if (time.timeZone && !isValidTimeZone(time.timeZone)) {
    throw errors.invalid(`Invalid time zone definition for ${which} time.`);
  }
  if (time.date) {
    if (!isDate(time.date)) throw errors.invalid(`Invalid ${which} time.`);
    return { allDay: true, at: Date.parse(time.date) };
  }
  const ms = parseDateTime(time.dateTime ?? '');
  if (ms === null) throw errors.invalid(`Invalid ${which} time.`);
  time.dateTime = formatDateTime(ms, time.timeZone ?? calendarTimeZone);
  return { allDay: false, at: ms };
}

/** Attendees need an email; responses default to `needsAction`, the organizer's to `accepted`. */
function normalizeAttendees(data: Event, organizerEmail: string): void {
  if (!data.attendees) return;
  if (!Array.isArray(data.attendees)) throw errors.invalid('Invalid value for: attendees');
  data.attendees = data.attendees.map((attendee) => {
    if (!attendee?.email) throw errors.required('Missing attendee email.');
    const { self: _, organizer: __, ...rest } = attendee;
    const isOrganizer = rest.email === organizerEmail;
    return {
      ...rest,
      ...(isOrganizer && { organizer: true }),
      responseStatus: rest.responseStatus ?? (isOrganizer ? 'accepted' : 'needsAction'),
    };
  });
}

/**
 * Conference data is only read from the body with `conferenceDataVersion=1`; then a
 * `createRequest` for `hangoutsMeet` gets a Meet link, shaped like the real fixtures.
 */
function applyConference(store: Store, next: Event, before: Event | undefined, version: number): void {
  if (version < 1) {
    if (before?.conferenceData) next.conferenceData = before.conferenceData;
    else delete next.conferenceData;
    if (before?.hangoutLink) next.hangoutLink = before.hangoutLink;
    return;
  }
  const conference = next.conferenceData;
  if (!conference) {
    delete next.hangoutLink;
    return;
  }
  if (conference.conferenceId || !conference.createRequest) {
    // Ready-made Meet data (copied from another event, or seeded): the link follows it.
    const video = conference.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
    if (video && conference.conferenceSolution?.key?.type === 'hangoutsMeet') next.hangoutLink = video;
    return;
  }
  const type = conference.createRequest.conferenceSolutionKey?.type ?? 'hangoutsMeet';
  if (type !== 'hangoutsMeet') throw errors.invalid('Invalid conference type value.');
  const random = store.options.random;
  const code = randomMeetCode(random);
  const pin = randomDigits(random, 13);
  const video = `https://meet.google.com/${code}`;
  next.hangoutLink = video;
  next.conferenceData = {
    createRequest: {
      requestId: conference.createRequest.requestId ?? randomEventId(random),
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'success' },
    },
    entryPoints: [
      { entryPointType: 'video', uri: video, label: `meet.google.com/${code}` },
      { entryPointType: 'more', uri: `https://tel.meet/${code}?pin=${pin}`, pin },
      {
        regionCode: 'DE',
        entryPointType: 'phone',
        uri: 'tel:+49-30-5550100',
        label: '+49 30 5550100',
        pin: randomDigits(random, 9),
      },
    ],
    conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: MEET_ICON },
    conferenceId: code,
    signature: `AGirE/${Buffer.from(randomEventId(random)).toString('base64').slice(0, 22)}`,
  };
}

/**
 * Shared properties live on the event; private ones on the caller's copy. A patch merges each
 * given object (a `null` value deletes that key, a `null` object clears it); an update replaces
 * both, so properties it leaves out are deleted (extended properties guide).
 */
function writeProperties(
  store: Store,
  input: unknown,
  sharedBefore: Properties,
  ownBefore: Properties,
  mode: 'merge' | 'replace',
): { shared: Properties; own: Properties } {
  if (input === null) return { shared: {}, own: {} };
  if (input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    throw errors.invalid('Invalid value for: extendedProperties');
  }
  const given = (input ?? {}) as { shared?: unknown; private?: unknown };
  const apply = (before: Properties, value: unknown): Properties => {
    if (mode === 'merge' && value === undefined) return before;
    const start = mode === 'merge' && value !== null ? before : {};
    return mergeProperties(start, cleanProperties(value, store.options.rejectOversizedProperties));
  };
  const shared = apply(sharedBefore, given.shared);
  const own = apply(ownBefore, given.private);
  checkTotals(shared, own);
  return { shared, own };
}

function setShared(data: Event, shared: Properties): void {
  if (Object.keys(shared).length > 0) data.extendedProperties = { shared };
  else delete data.extendedProperties;
}

/** 403 unless the caller organizes the event, guests may modify it, or only their copy changed. */
function assertMayChange(caller: Caller, home: string, before: Event, after: Event): void {
  if (caller.calendar.id === home || before.guestsCanModify) return;
  const me = caller.calendar.owner;
  const view = (event: Event) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(event)) if (!PER_COPY.has(key)) out[key] = value;
    out.attendees = (event.attendees ?? []).map((a) =>
      a.email === me ? { email: a.email } : { ...a, responseStatus: a.responseStatus },
    );
    out.shared = event.extendedProperties?.shared ?? {};
    return stableJson(out);
  };
  if (view(before) !== view(after)) throw errors.forbiddenForNonOrganizer();
}

/** Google increments `sequence` when the time changes (moved exceptions in the fixtures: 1). */
function changedTiming(before: Event, after: Event): boolean {
  return ['start', 'end', 'recurrence'].some(
    (key) => stableJson(before[key as keyof Event]) !== stableJson(after[key as keyof Event]),
  );
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
