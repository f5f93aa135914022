import { newId, now } from '../model/common';
import { type Session, Session as SessionSchema, type SessionTarget } from '../model/session';
import { pullCarriedItems } from './carry-forward';
import { db } from './database';
import { relationshipForSeries } from './relationships';

/** What the host page told us about an occurrence beyond its key (never overrides what we know). */
export interface SessionHints {
  seriesId?: string | null;
  start?: string | null;
}

/** The session a panel target refers to, or `undefined` if nothing was recorded for it yet. */
export function findSession(target: SessionTarget): Promise<Session | undefined> {
  if (target.kind === 'calendar') {
    return db.sessions.where('[calendarId+eventId]').equals([target.calendarId, target.eventId]).first();
  }
  // Several ad-hoc calls may share a personal meeting room code: take the latest.
  return db.sessions
    .where('meetCode')
    .equals(target.code)
    .reverse()
    .sortBy('createdAt')
    .then((list) => list[0]);
}

/** The tables `ensureSession` touches: a transaction that calls it must include them all. */
export const ENSURE_SESSION_TABLES = ['sessions', 'relationships', 'agendaItems', 'actionItems'] as const;

/**
 * Finds or creates the session for a target, atomically: two contexts saving at once cannot create
 * two sessions for one occurrence (and the unique `[calendarId+eventId]` index would reject it).
 * A new occurrence of a series that belongs to a relationship joins that relationship and receives
 * what the previous session carried forward.
 */
export function ensureSession(target: SessionTarget, hints: SessionHints = {}): Promise<Session> {
  return db.transaction('rw', ENSURE_SESSION_TABLES, async () => {
    const existing = await findSession(target);
    if (existing) return existing;
    const relationship =
      target.kind === 'calendar' && hints.seriesId
        ? await relationshipForSeries(target.calendarId, hints.seriesId)
        : undefined;
    const stamp = now();
    const session = SessionSchema.parse({
      id: newId(),
      status: 'scheduled',
      createdAt: stamp,
      updatedAt: stamp,
      ...(relationship ? { relationshipId: relationship.id } : {}),
      ...(target.kind === 'calendar'
        ? { calendarId: target.calendarId, eventId: target.eventId }
        : { meetCode: target.code }),
      ...(hints.seriesId ? { seriesId: hints.seriesId } : {}),
      ...(hints.start ? { start: hints.start } : {}),
    });
    await db.sessions.add(session);
    if (relationship) await pullCarriedItems(session);
    return session;
  });
}
