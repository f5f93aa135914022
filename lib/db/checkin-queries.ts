import type { CheckIn } from '../model/outcome';
import { db } from './database';

/** Reading check-ins (writes: checkins.ts). Types only from lib/model: no schema code loads with these. */

/** How many held sessions pass between two private check-ins. */
export const CHECK_IN_EVERY = 3;

/** A relationship's check-ins, oldest first (the trend over time). */
export function checkInsOf(relationshipId: string): Promise<CheckIn[]> {
  return inTimeOrder(relationshipId).toArray();
}

/** A relationship's latest check-in, if any. */
export function lastCheckIn(relationshipId: string): Promise<CheckIn | undefined> {
  return inTimeOrder(relationshipId).last();
}

function inTimeOrder(relationshipId: string) {
  return db.checkIns.where('[relationshipId+createdAt]').between([relationshipId, ''], [relationshipId, '\uffff']);
}

/**
 * Whether a check-in is due at the end of the current session: at least `CHECK_IN_EVERY - 1`
 * sessions were held since the last check-in (or since the start), so this one completes the count.
 */
export async function isCheckInDue(relationshipId: string): Promise<boolean> {
  const since = (await lastCheckIn(relationshipId))?.createdAt ?? '';
  // All at once and counted here: a filtered count walks a cursor, one round trip per session.
  const sessions = await db.sessions
    .where('[relationshipId+start]')
    .between([relationshipId, since], [relationshipId, '\uffff'])
    .toArray();
  return sessions.filter((session) => session.status === 'held').length >= CHECK_IN_EVERY - 1;
}
