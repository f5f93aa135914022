/**
 * What sync needs from one validated event item (design.md §3): which occurrence of which series it
 * is, whether it still happens, when, and its Meet code. Sync lists with `singleEvents=false`, so a
 * series arrives as its master plus only the instances that differ from the rule (moved, edited,
 * cancelled); everything else is recognised from ids, and nothing is expanded here.
 */
import { splitInstanceId } from '../hosts/calendar/eid';
import { isMeetingCode, meetingCodeFromPath } from '../hosts/meet/meeting-code';
import { Id } from '../model/common';
import type { ApiEvent, EventDateTime } from './schemas';
import { RELATIONSHIP_KEY } from './tags';

export type OccurrenceKind =
  /** A recurring series' master (it has `recurrence`). Its own start is the series' first occurrence. */
  | 'master'
  /** One instance of a series that differs from the rule: moved, edited or cancelled. */
  | 'exception'
  /** A one-off event. */
  | 'single'
  /** A cancelled master or single event: the whole series (or the event) was deleted. */
  | 'deleted';

export interface RemoteOccurrence {
  /** The API id; for an instance `<seriesId>_<original start, basic UTC>` (all-day: `_<YYYYMMDD>`). */
  eventId: string;
  /** `recurringEventId` for instances, the own id for masters, single and deleted events. */
  seriesId: string;
  kind: OccurrenceKind;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /**
   * Instances only: where the rule put this occurrence (ISO instant, or `YYYY-MM-DD` all-day), from
   * `originalStartTime`, or from the id when Google left that out.
   */
  originalStart?: string;
  /** ISO instant in UTC, or `YYYY-MM-DD` for all-day events; absent on cancelled stubs. */
  start?: string;
  /** Like `start`; all-day ends are exclusive (the day after). */
  end?: string;
  /** The Meet code (`abc-defg-hij`) from `conferenceData` or `hangoutLink`. */
  meetCode?: string;
  /** The relationship our private tag links the event to. */
  relationshipId?: string;
  /** For `If-Match`. Instances share the master's etag until they are edited themselves. */
  etag: string;
  updated?: string;
  /** Masters only: the `RRULE`/`EXDATE`/`RDATE` lines. */
  recurrence?: string[];
}

export function toOccurrence(event: ApiEvent): RemoteOccurrence {
  const fromId = splitInstanceId(event.id);
  // Cancelled instances from "delete this and following" may lack `recurringEventId`; their id still
  // says which series and occurrence they were. Live instances always name their series. A master
  // never has such an id: a series split by "edit this and following" gets
  // `<old id>_R<YYYYMMDDTHHMMSS>`, which is no instance suffix.
  const seriesOfInstance =
    event.recurringEventId ?? (event.status === 'cancelled' && !event.recurrence ? fromId.seriesId : null);
  const kind: OccurrenceKind = seriesOfInstance
    ? 'exception'
    : event.status === 'cancelled'
      ? 'deleted'
      : event.recurrence
        ? 'master'
        : 'single';

  const occurrence: RemoteOccurrence = {
    eventId: event.id,
    seriesId: seriesOfInstance ?? event.id,
    kind,
    status: event.status,
    etag: event.etag,
  };
  if (kind === 'exception') {
    const originalStart = event.originalStartTime ? timeOf(event.originalStartTime) : fromId.originalStart;
    if (originalStart) occurrence.originalStart = originalStart;
  }
  if (event.start) occurrence.start = timeOf(event.start);
  if (event.end) occurrence.end = timeOf(event.end);
  const meetCode = meetCodeOf(event);
  if (meetCode) occurrence.meetCode = meetCode;
  const tagged = Id.safeParse(event.extendedProperties?.private?.[RELATIONSHIP_KEY]);
  if (tagged.success) occurrence.relationshipId = tagged.data;
  if (event.updated) occurrence.updated = event.updated;
  if (kind === 'master' && event.recurrence) occurrence.recurrence = event.recurrence;
  return occurrence;
}

/** An instant in UTC (`2025-03-26T12:30:00.000Z`), or the date of an all-day time. */
function timeOf(time: EventDateTime): string {
  return time.dateTime ? new Date(time.dateTime).toISOString() : (time.date ?? '');
}

/**
 * The Meet code: `conferenceId` when the conference is a Meet call, else the code in `hangoutLink`
 * or in a Meet video entry point (older events have only the link).
 */
export function meetCodeOf(event: Pick<ApiEvent, 'conferenceData' | 'hangoutLink'>): string | undefined {
  const conferenceId = event.conferenceData?.conferenceId;
  if (conferenceId && isMeetingCode(conferenceId)) return conferenceId;
  const links = [
    event.hangoutLink,
    ...(event.conferenceData?.entryPoints ?? []).filter((p) => p.entryPointType === 'video').map((p) => p.uri),
  ];
  for (const link of links) {
    const code = link ? meetCodeOfLink(link) : null;
    if (code) return code;
  }
  return undefined;
}

function meetCodeOfLink(link: string): string | null {
  try {
    const url = new URL(link);
    return url.hostname === 'meet.google.com' ? meetingCodeFromPath(url.pathname) : null;
  } catch {
    return null;
  }
}
