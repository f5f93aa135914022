import { newId, now } from '../model/common';
import { type CheckIn, CheckIn as CheckInSchema } from '../model/outcome';
import { db } from './database';

/** How many held sessions pass between two private check-ins. */
export const CHECK_IN_EVERY = 3;

export type NewCheckIn = Pick<CheckIn, 'progress' | 'dynamic' | 'note'> & { sessionId?: string };

/** Records a private check-in (never leaves this device). Validates first; invalid input writes nothing. */
export async function addCheckIn(relationshipId: string, input: NewCheckIn): Promise<CheckIn> {
  const stamp = now();
  const checkIn = CheckInSchema.parse({ id: newId(), relationshipId, ...input, createdAt: stamp, updatedAt: stamp });
  await db.checkIns.add(checkIn);
  return checkIn;
}

/** A relationship's check-ins, oldest first (the trend over time). */
export async function checkInsOf(relationshipId: string): Promise<CheckIn[]> {
  const all = await db.checkIns.where('relationshipId').equals(relationshipId).toArray();
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Whether a check-in is due at the end of the current session: at least `CHECK_IN_EVERY - 1`
 * sessions were held since the last check-in (or since the start), so this one completes the count.
 */
export async function isCheckInDue(relationshipId: string): Promise<boolean> {
  const last = (await checkInsOf(relationshipId)).at(-1);
  const since = last?.createdAt ?? '';
  const held = await db.sessions
    .where('[relationshipId+start]')
    .between([relationshipId, since], [relationshipId, '\uffff'])
    .filter((session) => session.status === 'held')
    .count();
  return held >= CHECK_IN_EVERY - 1;
}
