/**
 * The fake's state: users, their calendars and one shared set of events, with the bookkeeping that
 * Google's semantics need (a global change sequence for sync tokens, per-calendar private
 * extended properties, which calendars an event was ever visible in).
 *
 * One event object is shared by everyone it involves, as in Google: an event whose attendees
 * include another seeded user appears in that user's calendar under the same id. Only
 * `extendedProperties.private` is per calendar ("private to the copy of the event that appears on
 * this calendar").
 */

import type { calendar_v3 } from 'googleapis';
import { errors } from './errors.ts';
import { eventEtag, parseInstanceId } from './ids.ts';
import {
  isOccurrence,
  type Occurrence,
  parseRecurrence,
  type Recurrence,
  RecurrenceError,
  type SeriesStart,
} from './recurrence.ts';
import { addDays, dateToUtcMs, formatDateTime, parseDateTime, wallOn, wallTimeToMs } from './time.ts';

export type Event = calendar_v3.Schema$Event;
export type EventDateTime = calendar_v3.Schema$EventDateTime;

export interface FakeUser {
  email: string;
  displayName?: string;
  timeZone: string;
}

export interface FakeCalendar {
  /** A user's primary calendar has the user's email as id. */
  id: string;
  owner: string;
  summary: string;
  description?: string;
  timeZone: string;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  defaultReminders: calendar_v3.Schema$EventReminder[];
  createdMs: number;
}

export interface StoredEvent {
  /** The shared event as Google stores it, render-ready (dateTimes normalised to their zone). */
  data: Event;
  /** The organizer's calendar. */
  home: string;
  /** `extendedProperties.private`, per calendar the event appears in. */
  privateProps: Map<string, Record<string, string>>;
  /** Value of the store's change sequence at this event's last write. */
  changeSeq: number;
  /** Insertion order, for Google's "unspecified, stable order". */
  order: number;
  updatedMs: number;
  /** Calendars of attendees who deleted the event from their own calendar. */
  removedFrom: Set<string>;
  /** Every calendar the event has appeared in, so one it left can be told it is gone. */
  everIn: Set<string>;
  /**
   * Cancelled by "this and following": listed as bare `{kind, etag, id, status}`, as in
   * fixture incremental-delete-this-and-following-2025.json.
   */
  bareWhenCancelled?: boolean;
}

/** A recurring series, parsed: where it starts, its rule, how long each occurrence lasts. */
export interface Series {
  start: SeriesStart;
  recurrence: Recurrence;
  /** Timed: milliseconds; all-day: days. */
  length: number;
  timeZone: string | undefined;
}

/** Without timeMax, infinite series are expanded this far past "now" (real Google stops too). */
export const EXPANSION_HORIZON_MS = 2 * 366 * 86_400_000;
/** At most this many instances of one series in one expansion. */
export const EXPANSION_MAX = 2500;

/** The rest of a paged list, kept server-side under its page token (see list.ts). */
export interface PageCursor {
  fingerprint: string;
  items: unknown[];
  offset: number;
  envelope: Record<string, unknown>;
  /** What the last page carries besides items (`nextSyncToken`). */
  tail: Record<string, unknown>;
}

export interface StoreOptions {
  now: () => number;
  random: () => number;
  /**
   * Google drops extended-property keys over 44 characters and truncates values over 1024
   * (extended properties guide). `true` answers 400 instead, to test a client's own checks.
   */
  rejectOversizedProperties: boolean;
}

/** Each store gets its own number, so tokens issued before a reset are not taken for new ones. */
let stores = 0;

export class Store {
  readonly users = new Map<string, FakeUser>();
  readonly calendars = new Map<string, FakeCalendar>();
  readonly events = new Map<string, StoredEvent>();
  readonly pages = new Map<string, PageCursor>();
  readonly options: StoreOptions;
  readonly epoch = ++stores;
  /** Global change sequence: every write takes the next value; sync tokens remember one. */
  seq = 0;
  /** Bumped to invalidate every sync token at once (the "expire sync tokens" fault). */
  syncGeneration = 0;
  defaultUser = '';
  private lastWriteMs = 0;
  private nextOrder = 0;

  constructor(options: StoreOptions) {
    this.options = options;
  }

  now(): number {
    return this.options.now();
  }

  /** A write's change number and `updated` time; times strictly increase so etags always change. */
  tick(): { seq: number; ms: number } {
    this.seq += 1;
    this.lastWriteMs = Math.max(this.now(), this.lastWriteMs + 1);
    return { seq: this.seq, ms: this.lastWriteMs };
  }

  addUser(user: FakeUser, calendar: Partial<FakeCalendar> = {}): FakeCalendar {
    this.users.set(user.email, user);
    const primary: FakeCalendar = {
      id: user.email,
      owner: user.email,
      summary: user.email,
      timeZone: user.timeZone,
      colorId: '14',
      backgroundColor: '#9fe1e7',
      foregroundColor: '#000000',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      createdMs: this.now(),
      ...calendar,
    };
    this.calendars.set(primary.id, primary);
    if (!this.defaultUser) this.defaultUser = user.email;
    return primary;
  }

  /** The calendar a user addresses: `primary` is their own. Others' calendars are not found. */
  calendarFor(user: FakeUser, calendarId: string): FakeCalendar {
    const calendar = this.calendars.get(calendarId === 'primary' ? user.email : calendarId);
    if (!calendar || calendar.owner !== user.email) throw errors.notFound();
    return calendar;
  }

  add(data: Event, home: string, privateProps = new Map<string, Record<string, string>>()): StoredEvent {
    const { seq, ms } = this.tick();
    const stored: StoredEvent = {
      data: { ...data, updated: new Date(ms).toISOString(), etag: eventEtag(ms) },
      home,
      privateProps,
      changeSeq: seq,
      order: this.nextOrder++,
      updatedMs: ms,
      removedFrom: new Set(),
      everIn: new Set(),
    };
    if (!stored.data.created) stored.data.created = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    this.events.set(data.id as string, stored);
    this.noteVisibility(stored);
    return stored;
  }

  /** Records a write to `stored` (already modified in place): new `updated`, etag, change number. */
  touch(stored: StoredEvent): void {
    const { seq, ms } = this.tick();
    stored.changeSeq = seq;
    stored.updatedMs = ms;
    stored.data.updated = new Date(ms).toISOString();
    stored.data.etag = eventEtag(ms);
    this.noteVisibility(stored);
  }

  /** Calendars the event appears in now: the organizer's and those of seeded attendees. */
  calendarsOf(stored: StoredEvent): Set<string> {
    const out = new Set([stored.home]);
    for (const attendee of stored.data.attendees ?? []) {
      const calendar = attendee.email && this.calendars.get(attendee.email);
      if (calendar) out.add(calendar.id);
    }
    for (const gone of stored.removedFrom) out.delete(gone);
    return out;
  }

  /** `visible`, `gone` (it appeared in this calendar once, not any more) or `never`. */
  presenceIn(stored: StoredEvent, calendarId: string): 'visible' | 'gone' | 'never' {
    if (this.calendarsOf(stored).has(calendarId)) return 'visible';
    return stored.everIn.has(calendarId) ? 'gone' : 'never';
  }

  private noteVisibility(stored: StoredEvent): void {
    for (const calendar of this.calendarsOf(stored)) stored.everIn.add(calendar);
  }

  /** Stored exceptions (modified or cancelled occurrences) of a series. */
  exceptionsOf(seriesId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.data.recurringEventId === seriesId);
  }

  calendarTimeZone(calendarId: string): string {
    return this.calendars.get(calendarId)?.timeZone ?? 'UTC';
  }

  /** The parsed series of a recurring master; throws Google's 400 for a rule it cannot read. */
  series(master: StoredEvent): Series {
    return seriesOf(master.data, this.calendarTimeZone(master.home));
  }

  /** The event an id names in a calendar: stored, or an occurrence not yet materialised. */
  resolve(calendarId: string, eventId: string): Resolved {
    const stored = this.events.get(eventId);
    if (stored && this.presenceIn(stored, calendarId) === 'visible') return { kind: 'stored', stored };
    const parsed = parseInstanceId(eventId);
    const master = parsed && this.events.get(parsed.seriesId);
    if (
      parsed &&
      master?.data.recurrence &&
      master.data.status !== 'cancelled' &&
      this.presenceIn(master, calendarId) === 'visible' &&
      !stored
    ) {
      const series = this.series(master);
      if (isOccurrence(series.recurrence, series.start, parsed.original)) {
        return { kind: 'occurrence', master, original: parsed.original, id: eventId };
      }
    }
    throw errors.notFound();
  }

  /** The event data of an occurrence as Google shows it before anyone edits it. */
  occurrenceData(master: StoredEvent, original: Occurrence, id: string, series = this.series(master)): Event {
    const { recurrence: _, ...shared } = master.data;
    const start = occurrenceTime(original, series.timeZone);
    const end =
      original.kind === 'date'
        ? { date: addDays(original.date, series.length) }
        : {
            dateTime: formatDateTime(
              original.ms + series.length,
              master.data.end?.timeZone ?? series.timeZone ?? 'UTC',
            ),
            ...(master.data.end?.timeZone && { timeZone: master.data.end.timeZone }),
          };
    return {
      ...shared,
      id,
      start,
      end,
      recurringEventId: master.data.id as string,
      originalStartTime: start,
    };
  }

  /**
   * Turns an occurrence into a stored exception (Google does this on the first edit of "this
   * event"). Not a write by itself: the caller modifies and touches it.
   */
  materialize(target: Resolved): StoredEvent {
    if (target.kind === 'stored') return target.stored;
    const { master, original, id } = target;
    const stored: StoredEvent = {
      data: this.occurrenceData(master, original, id),
      home: master.home,
      privateProps: new Map([...master.privateProps].map(([k, v]) => [k, { ...v }])),
      changeSeq: master.changeSeq,
      order: this.nextOrder++,
      updatedMs: master.updatedMs,
      removedFrom: new Set(master.removedFrom),
      everIn: new Set(master.everIn),
    };
    this.events.set(id, stored);
    return stored;
  }
}

export type Resolved =
  | { kind: 'stored'; stored: StoredEvent }
  | { kind: 'occurrence'; master: StoredEvent; original: Occurrence; id: string };

/** `start`/`originalStartTime` of an occurrence. */
export function occurrenceTime(original: Occurrence, timeZone: string | undefined): EventDateTime {
  if (original.kind === 'date') return { date: original.date };
  return { dateTime: formatDateTime(original.ms, timeZone ?? 'UTC'), ...(timeZone && { timeZone }) };
}

/** Parses a recurring event's start and rule (400 `invalid` when Google would refuse it). */
export function seriesOf(data: Event, calendarTimeZone: string): Series {
  const start = data.start ?? {};
  const timeZone = start.timeZone ?? undefined;
  let recurrence: Recurrence;
  try {
    recurrence = parseRecurrence(data.recurrence ?? [], timeZone ?? calendarTimeZone);
  } catch (e) {
    if (e instanceof RecurrenceError) {
      throw e.unsupported
        ? errors.notImplemented(`recurrence (${e.message})`)
        : errors.invalid('Invalid recurrence rule.');
    }
    throw e;
  }
  if (start.date) {
    const endDate = data.end?.date ?? addDays(start.date, 1);
    return {
      start: { kind: 'date', date: start.date },
      recurrence,
      length: Math.round((dateToUtcMs(endDate) - dateToUtcMs(start.date)) / 86_400_000),
      timeZone,
    };
  }
  const startMs = parseDateTime(start.dateTime ?? '') ?? 0;
  const endMs = parseDateTime(data.end?.dateTime ?? '') ?? startMs;
  return {
    start: { kind: 'dateTime', ms: startMs, timeZone: timeZone ?? calendarTimeZone },
    recurrence,
    length: endMs - startMs,
    timeZone,
  };
}

/**
 * An event's time span in ms for timeMin/timeMax filters. All-day dates count from midnight in the
 * calendar's time zone; an end that is missing or earlier than the start counts as the start.
 */
export function spanOf(data: Event, calendarTimeZone: string): { start: number; end: number } {
  const at = (t: EventDateTime | undefined): number | null => {
    if (!t) return null;
    if (t.date) return wallTimeToMs(wallOn(t.date, { hour: 0, minute: 0, second: 0 }), calendarTimeZone);
    return parseDateTime(t.dateTime ?? '');
  };
  const start = at(data.start) ?? 0;
  return { start, end: Math.max(start, at(data.end) ?? start) };
}
