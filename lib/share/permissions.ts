/**
 * Who may write the shared payload to an event. Google lets the organizer change an event; a guest
 * may change only their own copy (private properties, their response) unless the organizer allowed
 * guests to modify it (`guestsCanModify`): anything else is 403 `forbiddenForNonOrganizer`.
 *
 * Tandem tells from the event it keeps (`organizer.self`, `guestsCanModify`) before sending anything;
 * when Google refuses anyway (the setting changed since the last sync), the outbox drops the write
 * at the first 403 (`shareRefused`, lib/share/state.ts) and nothing is tried again until the event
 * changes.
 */
import { db } from '../db/database';
import type { Organizer } from '../model/share';
import type { RemoteEvent } from '../model/sync';

export type WriteAccess =
  | { kind: 'organizer' }
  /** A guest of an event whose guests may modify it. */
  | { kind: 'guest-may-modify'; organizer: Organizer }
  | { kind: 'read-only'; organizer: Organizer }
  /** Not known yet (the event was never synced): the write is tried, and a 403 is handled. */
  | { kind: 'unknown' };

type EventFacts = Pick<RemoteEvent, 'organizer' | 'guestsCanModify'>;

export function writeAccessOf(event: EventFacts | undefined): WriteAccess {
  if (!event?.organizer) return { kind: 'unknown' };
  if (event.organizer.self) return { kind: 'organizer' };
  const organizer = organizerOf(event);
  return event.guestsCanModify ? { kind: 'guest-may-modify', organizer } : { kind: 'read-only', organizer };
}

export function mayWrite(access: WriteAccess): boolean {
  return access.kind !== 'read-only';
}

export function organizerOf(event: EventFacts | undefined): Organizer {
  const { email, displayName } = event?.organizer ?? {};
  return { ...(email ? { email } : {}), ...(displayName ? { name: displayName } : {}) };
}

/**
 * The kept event an occurrence's write goes to: the occurrence itself when Google has it on its own
 * (an exception, or a single event), else its series' master, whose organizer, settings, etag and
 * properties an unedited occurrence shares.
 */
export async function eventFor(
  calendarId: string,
  eventId: string,
  seriesId?: string,
): Promise<RemoteEvent | undefined> {
  const own = await db.remoteEvents.get([calendarId, eventId]);
  if (own || !seriesId || seriesId === eventId) return own;
  return db.remoteEvents.get([calendarId, seriesId]);
}
