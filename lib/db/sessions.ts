import { newId, now } from '../model/common';
import { type Session, Session as SessionSchema, type SessionTarget } from '../model/session';
import { pullCarriedItems } from './carry-forward';
import { db } from './database';
import { relationshipForSeries } from './relationships';

/** What the host page told us about an occurrence beyond its key (never overrides what we know). */
export interface SessionHints {
  seriesId?: string | null;
  start?: string | null;
  /** The Meet code of the occurrence's video link, when the page shows one. */
  meetCode?: string | null;
}

/**
 * How far from now a session carrying a Meet code may start and still be "this call": half a day,
 * so a daily meeting's yesterday and tomorrow are never taken for today.
 */
export const CALL_WINDOW_MS = 12 * 3600_000;

/**
 * The session a panel target refers to, or `undefined` if nothing was recorded for it yet. A Meet
 * code is shared by every occurrence of a series and by every call in a personal meeting room:
 * the session carrying it whose start is nearest to `at`, within `CALL_WINDOW_MS`, is this call.
 */
export async function findSession(target: SessionTarget, at: string = now()): Promise<Session | undefined> {
  if (target.kind === 'calendar') {
    return db.sessions.where('[calendarId+eventId]').equals([target.calendarId, target.eventId]).first();
  }
  const moment = Date.parse(at);
  const distance = (session: Session): number => Math.abs(Date.parse(session.start ?? session.createdAt) - moment);
  const near = (await db.sessions.where('meetCode').equals(target.code).toArray())
    .filter((session) => distance(session) <= CALL_WINDOW_MS)
    .sort((a, b) => distance(a) - distance(b));
  return near[0];
}

/**
 * The relationship a Meet code was used with before (its latest session carrying the code that
 * belongs to one), so a recurring call is recognised without asking again.
 */
export async function relationshipIdForCode(code: string): Promise<string | undefined> {
  const sessions = await db.sessions.where('meetCode').equals(code).toArray();
  return sessions
    .filter((session) => session.relationshipId)
    .sort((a, b) => (b.start ?? b.createdAt).localeCompare(a.start ?? a.createdAt))[0]?.relationshipId;
}

/**
 * Remembers the Meet code of a calendar occurrence (read from the event's video link), so the
 * call is recognised as this session. Never overwrites a code the session already has.
 */
export async function learnMeetCode(sessionId: string, code: string): Promise<void> {
  await db.transaction('rw', db.sessions, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session || session.meetCode) return;
    await db.sessions.put(SessionSchema.parse({ ...session, meetCode: code, updatedAt: now() }));
  });
}

/** The tables `ensureSession` touches: a transaction that calls it must include them all. */
export const ENSURE_SESSION_TABLES = ['sessions', 'relationships', 'agendas', 'actionItems'] as const;

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
      ...(target.kind === 'calendar' && hints.meetCode ? { meetCode: hints.meetCode } : {}),
    });
    await db.sessions.add(session);
    if (relationship) await pullCarriedItems(session);
    return session;
  });
}
