import { now } from '../model/common';
import type { Session, SessionTarget } from '../model/session';
import { pullCarriedItems } from './carry-forward';
import { db } from './database';
import { createRelationship, linkSeries, type NewRelationship, unlinkSeries } from './relationships';
import { ENSURE_SESSION_TABLES, ensureSession, type SessionHints } from './sessions';

/** Which relationship an event is tracked for: an existing one, or one created on the spot. */
export type TrackChoice = { relationshipId: string } | { create: NewRelationship };

/** What the user asked to track: this occurrence only, or every occurrence of its series. */
export interface TrackScope {
  wholeSeries: boolean;
}

const TABLES = [...ENSURE_SESSION_TABLES] as const;

/**
 * Tracks a calendar event or a Meet call as a mentoring session ("Track as mentoring session"),
 * atomically: the relationship is created if asked, a calendar series is linked when
 * `wholeSeries` (every occurrence is then recognised from its series id, with no account), and
 * the session joins the relationship and receives what earlier sessions left open. An invalid new
 * relationship throws a zod error and nothing is written.
 */
export function trackEvent(
  target: SessionTarget,
  hints: SessionHints,
  choice: TrackChoice,
  scope: TrackScope,
): Promise<Session> {
  return db.transaction('rw', TABLES, async () => {
    const relationshipId =
      'create' in choice ? (await createRelationship(choice.create)).id : await existing(choice.relationshipId);
    if (target.kind === 'calendar' && scope.wholeSeries && hints.seriesId) {
      await linkSeries(relationshipId, { calendarId: target.calendarId, seriesId: hints.seriesId });
    }
    const session = await ensureSession(target, hints);
    if (session.relationshipId === relationshipId) return session;
    const joined: Session = { ...session, relationshipId, updatedAt: now() };
    await db.sessions.put(joined);
    await pullCarriedItems(joined);
    return joined;
  });
}

/**
 * Stops tracking an event: with `wholeSeries`, the series link is removed and every recorded
 * occurrence of it leaves the relationship; otherwise only this occurrence does. Nothing written
 * in those sessions is deleted: tracking them again brings it all back.
 */
export function untrackEvent(
  target: Extract<SessionTarget, { kind: 'calendar' }>,
  hints: SessionHints,
  scope: TrackScope,
): Promise<void> {
  return db.transaction('rw', TABLES, async () => {
    const session = await db.sessions.where('[calendarId+eventId]').equals([target.calendarId, target.eventId]).first();
    const relationshipId = session?.relationshipId;
    if (scope.wholeSeries && hints.seriesId) {
      await unlinkSeries({ calendarId: target.calendarId, seriesId: hints.seriesId });
    }
    if (session && relationshipId) {
      const { relationshipId: _, ...detached } = session;
      await db.sessions.put({ ...detached, updatedAt: now() });
    }
  });
}

async function existing(relationshipId: string): Promise<string> {
  const relationship = await db.relationships.get(relationshipId);
  if (!relationship) throw new Error('that relationship no longer exists');
  return relationship.id;
}
