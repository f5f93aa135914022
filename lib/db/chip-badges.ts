import { splitInstanceId } from '../hosts/calendar/eid';
import type { Session } from '../model/session';
import { db } from './database';
import { agendaStore } from './session-lists';

/** A calendar occurrence as the page names it (design.md §3). */
export interface OccurrenceRef {
  calendarId: string;
  eventId: string;
}

/** What the grid shows on a mentoring event's chip. */
export interface ChipMarker extends OccurrenceRef {
  /** Agenda items of the occurrence's session; 0 when nothing is prepared yet (or no session exists). */
  agendaItems: number;
  cancelled: boolean;
}

/**
 * The markers for the mentoring events among `refs`, in the order of `refs` (duplicates once). An
 * occurrence is a mentoring event when its session belongs to a relationship, or when its series is
 * linked to one (local-only marking: no session needs to exist yet). Other refs get no marker.
 *
 * One read transaction, so a marker never mixes states before and after another context's write.
 * The sessions are found with one `anyOf` over the `[calendarId+eventId]` index whatever the number
 * of refs, and only mentoring sessions have their agendas read (one request for all of them).
 */
export function markersFor(refs: readonly OccurrenceRef[]): Promise<ChipMarker[]> {
  const unique = [...new Map(refs.map((ref) => [refKey(ref.calendarId, ref.eventId), ref])).values()];
  if (unique.length === 0) return Promise.resolve([]);
  return db.transaction('r', [db.sessions, db.relationships, db.agendas], async () => {
    const [sessions, relationships] = await Promise.all([
      db.sessions
        .where('[calendarId+eventId]')
        .anyOf(unique.map((ref) => [ref.calendarId, ref.eventId]))
        .toArray(),
      // A handful of relationships per user (see relationshipForSeries): read them all.
      db.relationships.toArray(),
    ]);
    const linkedSeries = new Set(relationships.flatMap((r) => r.series.map((s) => refKey(s.calendarId, s.seriesId))));
    const sessionOf = new Map(sessions.map((s) => [refKey(s.calendarId ?? '', s.eventId ?? ''), s]));

    const mentoring: { ref: OccurrenceRef; session: Session | undefined }[] = [];
    for (const ref of unique) {
      const session = sessionOf.get(refKey(ref.calendarId, ref.eventId));
      const seriesId = session?.seriesId ?? splitInstanceId(ref.eventId).seriesId;
      const linked = seriesId !== null && linkedSeries.has(refKey(ref.calendarId, seriesId));
      if (session?.relationshipId !== undefined || linked) mentoring.push({ ref, session });
    }
    const agendas = await agendaStore.ofEach(mentoring.map(({ session }) => session?.id ?? ''));
    const counts = agendas.map((items) => items.length);
    return mentoring.map(({ ref, session }, i) => ({
      calendarId: ref.calendarId,
      eventId: ref.eventId,
      agendaItems: counts[i] ?? 0,
      cancelled: session?.status === 'cancelled',
    }));
  });
}

function refKey(calendarId: string, id: string): string {
  // A space never occurs in a calendar id or an event id (it separates them inside an eid).
  return `${calendarId} ${id}`;
}
