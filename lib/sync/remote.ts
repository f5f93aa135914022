/**
 * The remote events Tandem keeps (`db.remoteEvents`), built from validated API items.
 */
import { type RemoteOccurrence, toOccurrence } from '../calendar/occurrences';
import type { ApiEvent } from '../calendar/schemas';
import { RemoteEvent } from '../model/sync';

/** Calendar's "edit this and following" names the new master `<old id>_R<YYYYMMDDTHHMMSS>`. */
const SPLIT_SUFFIX = /^(.+)_R\d{8}T\d{6}Z?$/;

/** The series a "this and following" master was split from, or `null`. */
export function splitFrom(seriesId: string): string | null {
  return SPLIT_SUFFIX.exec(seriesId)?.[1] ?? null;
}

/** What one API item is to sync: its occurrence reading, and the row to keep unless it is a deletion. */
export interface Item {
  occurrence: RemoteOccurrence;
  /** `null` for a deleted series or single event (`{id, status: 'cancelled'}`). */
  row: RemoteEvent | null;
}

export function readItem(calendarId: string, event: ApiEvent, syncedAt: string): Item {
  const occurrence = toOccurrence(event);
  if (occurrence.kind === 'deleted') return { occurrence, row: null };
  const row = RemoteEvent.parse({
    calendarId,
    eventId: event.id,
    seriesId: occurrence.seriesId,
    kind: occurrence.kind,
    status: event.status,
    etag: event.etag,
    updated: event.updated,
    start: event.start,
    end: event.end,
    originalStart: occurrence.originalStart,
    recurrence: occurrence.kind === 'master' ? event.recurrence : undefined,
    description: event.description,
    extendedProperties: event.extendedProperties,
    meetCode: occurrence.meetCode,
    organizer: event.organizer && withoutUndefined(event.organizer),
    guestsCanModify: event.guestsCanModify,
    relationshipId: occurrence.relationshipId,
    syncedAt,
  });
  return { occurrence, row: withoutUndefined(row) };
}

/** IndexedDB stores `undefined` fields as present; rows compare and back up cleaner without them. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
