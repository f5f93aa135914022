import type { Session } from '../model/session';
import { db } from './database';

// Sessions of a relationship in time order, through the [relationshipId+start] index. Starts are
// ISO strings (instants or all-day dates), which sort chronologically as text.
const FIRST = '';
const LAST = '\uffff';

/** A relationship's sessions in start order (sessions without a start are not listed). */
export function sessionsOf(relationshipId: string): Promise<Session[]> {
  return db.sessions.where('[relationshipId+start]').between([relationshipId, FIRST], [relationshipId, LAST]).toArray();
}

/** The first session of the relationship starting strictly after `after`. */
export function sessionAfter(relationshipId: string, after: string): Promise<Session | undefined> {
  return db.sessions
    .where('[relationshipId+start]')
    .between([relationshipId, after], [relationshipId, LAST], false, true)
    .first();
}

/** The last session of the relationship starting strictly before `before`. */
export function sessionBefore(relationshipId: string, before: string): Promise<Session | undefined> {
  return db.sessions
    .where('[relationshipId+start]')
    .between([relationshipId, FIRST], [relationshipId, before], true, false)
    .last();
}
