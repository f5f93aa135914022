/**
 * Changes made "on Google's side" — what a user does in the Calendar web app — so tests can make
 * the world move under a client: move or cancel one occurrence, split a series ("this and
 * following"), delete a series. They act as the event's organizer and produce what the real
 * incremental-sync fixtures show.
 */

import { errors } from './errors.ts';
import { type Caller, deleteEvent, insertEvent, patchEvent } from './events.ts';
import { instanceId, parseInstanceId } from './ids.ts';
import { continuedFrom, expand, type Occurrence, startMs, untilBefore, withUntil } from './recurrence.ts';
import { renderEvent } from './render.ts';
import type { Event, Store, StoredEvent } from './store.ts';
import { basicUtc, formatDateTime, localDate, parseDateTime } from './time.ts';

export class GoogleSide {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /**
   * Creates an event in a calendar as its owner would in the web app (conference requests are
   * honoured, as with `conferenceDataVersion=1`).
   */
  insert(calendarId: string, event: Event): Event {
    return insertEvent(this.store, this.ownerOf(calendarId), event, { conferenceDataVersion: 1 });
  }

  /** Patches an event or one occurrence (which becomes an exception) as its organizer. */
  patch(eventId: string, patch: Event): Event {
    return patchEvent(this.store, this.organizerOf(eventId), eventId, patch, { conferenceDataVersion: 1 });
  }

  /**
   * Moves one occurrence: it keeps its id (from its original start) and gets `sequence` + 1.
   * `end` defaults to keeping the occurrence's length.
   */
  moveOccurrence(eventId: string, start: string, end?: string): Event {
    const caller = this.organizerOf(eventId);
    const target = this.store.resolve(caller.calendar.id, eventId);
    const current =
      target.kind === 'stored'
        ? target.stored.data
        : this.store.occurrenceData(target.master, target.original, target.id);
    const timeZone = current.start?.timeZone ?? undefined;
    const from = parseDateTime(current.start?.dateTime ?? '');
    const to = parseDateTime(current.end?.dateTime ?? '');
    const newStart = parseDateTime(start);
    if (from === null || to === null || newStart === null) {
      throw errors.invalid('moveOccurrence needs timed events and an RFC 3339 start');
    }
    const newEnd =
      end ?? formatDateTime(newStart + (to - from), timeZone ?? this.store.calendarTimeZone(caller.calendar.id));
    return this.patch(eventId, {
      start: { dateTime: start, ...(timeZone && { timeZone }) },
      end: { dateTime: newEnd, ...(current.end?.timeZone && { timeZone: current.end.timeZone }) },
    });
  }

  /** Cancels one occurrence: a cancelled exception with `recurringEventId` and `originalStartTime`. */
  cancelOccurrence(eventId: string): void {
    deleteEvent(this.store, this.organizerOf(eventId), eventId);
  }

  /** Deletes an event; for a series, the master becomes `{kind, etag, id, status: "cancelled"}`. */
  deleteEvent(eventId: string): void {
    deleteEvent(this.store, this.organizerOf(eventId), eventId);
  }

  /**
   * "This and following events": the old series ends before the occurrence (`UNTIL` one second
   * before that local midnight), and a new series `<id>_R<YYYYMMDDTHHMMSS>` starts at it with the
   * changes (fixture incremental-edit-this-and-following-2025.json). Returns the new series.
   */
  editThisAndFollowing(eventId: string, patch: Event): Event {
    const { master, original } = this.splitPoint(eventId);
    const caller = this.organizerOf(master.data.id as string);
    const occurrence = this.store.occurrenceData(master, original, eventId);
    const suffix = original.kind === 'date' ? original.date.replace(/-/g, '') : basicUtc(original.ms).slice(0, -1);
    const newId = `${master.data.id}_R${suffix}`;
    const { recurringEventId: _, originalStartTime: __, ...fields } = occurrence;
    insertEvent(
      this.store,
      caller,
      {
        ...fields,
        ...patch,
        id: newId,
        sequence: 0,
        recurrence: continuedFrom(master.data.recurrence ?? [], this.usedBefore(master, original)),
      },
      { conferenceDataVersion: 1, anyId: true },
    );
    const created = this.store.events.get(newId) as StoredEvent;
    created.data.created = master.data.created;
    for (const [calendar, props] of master.privateProps) {
      if (!created.privateProps.has(calendar)) created.privateProps.set(calendar, { ...props });
    }
    this.endBefore(master, original);
    return renderEvent(this.store, created.data, created, caller.calendar.id);
  }

  /** "Delete this and following": the series ends before the occurrence (the whole series if first). */
  deleteThisAndFollowing(eventId: string): void {
    const { master, original } = this.splitPoint(eventId);
    if (this.usedBefore(master, original) === 0) this.deleteEvent(master.data.id as string);
    else this.endBefore(master, original);
  }

  private splitPoint(eventId: string): { master: StoredEvent; original: Occurrence } {
    const parsed = parseInstanceId(eventId);
    const master = parsed && this.store.events.get(parsed.seriesId);
    if (!parsed || !master?.data.recurrence) throw errors.notFound();
    this.store.resolve(master.home, eventId);
    return { master, original: parsed.original };
  }

  /** Occurrences of the rule before `original`, EXDATEs counted (they count against COUNT). */
  private usedBefore(master: StoredEvent, original: Occurrence): number {
    const series = this.store.series(master);
    const all = expand({ ...series.recurrence, exdates: [] }, series.start, {
      before: startMs(original),
      max: Number.MAX_SAFE_INTEGER,
    });
    return all.length;
  }

  /**
   * Ends `master` before `original` without touching its `sequence` (Google leaves it, see the
   * fixtures); exceptions from `original` on are cancelled and listed bare.
   */
  private endBefore(master: StoredEvent, original: Occurrence): void {
    const timeZone = master.data.start?.timeZone ?? undefined;
    const cutDate = original.kind === 'date' ? original.date : localDate(original.ms, timeZone ?? 'UTC');
    master.data.recurrence = withUntil(master.data.recurrence ?? [], untilBefore(cutDate, timeZone));
    this.store.touch(master);
    for (const exception of this.store.exceptionsOf(master.data.id as string)) {
      const start = exception.data.originalStartTime;
      const at = start?.date ? Date.parse(start.date) : parseDateTime(start?.dateTime ?? '');
      if (at === null || at < startMs(original) || exception.data.status === 'cancelled') continue;
      exception.data.status = 'cancelled';
      exception.bareWhenCancelled = true;
      this.store.touch(exception);
    }
  }

  private ownerOf(calendarId: string): Caller {
    const calendar = this.store.calendars.get(calendarId);
    const user = calendar && this.store.users.get(calendar.owner);
    if (!calendar || !user) throw errors.notFound();
    return { user, calendar };
  }

  /** The organizer of an event or of the series an occurrence id belongs to. */
  private organizerOf(eventId: string): Caller {
    const stored = this.store.events.get(eventId) ?? this.store.events.get(parseInstanceId(eventId)?.seriesId ?? '');
    if (!stored) throw errors.notFound();
    return this.ownerOf(stored.home);
  }
}

/** The id an occurrence of `seriesId` starting at `start` (RFC 3339 or a date) has. */
export function occurrenceId(seriesId: string, start: string): string {
  const ms = parseDateTime(start);
  return instanceId(seriesId, ms === null ? { kind: 'date', date: start } : { kind: 'dateTime', ms });
}
