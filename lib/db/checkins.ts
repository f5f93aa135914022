import { newId, now } from '../model/common';
import { type CheckIn, CheckIn as CheckInSchema } from '../model/outcome';
import { db } from './database';

// The reads live in checkin-queries.ts, which loads without zod (the popup's first paint needs no schema).
export { CHECK_IN_EVERY, checkInsOf, isCheckInDue } from './checkin-queries';

export type NewCheckIn = Pick<CheckIn, 'progress' | 'dynamic' | 'note'> & { sessionId?: string };

/** Records a private check-in (never leaves this device). Validates first; invalid input writes nothing. */
export async function addCheckIn(relationshipId: string, input: NewCheckIn): Promise<CheckIn> {
  const stamp = now();
  const checkIn = CheckInSchema.parse({ id: newId(), relationshipId, ...input, createdAt: stamp, updatedAt: stamp });
  await db.checkIns.add(checkIn);
  return checkIn;
}
