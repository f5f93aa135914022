import type { Side } from '../model/common';
import { newId, now } from '../model/common';
import { type Feedback, Feedback as FeedbackSchema } from '../model/outcome';
import { db } from './database';

/** The written review one side gave after a session, if any. */
export function feedbackFor(sessionId: string, from: Side): Promise<Feedback | undefined> {
  return db.feedback
    .where('sessionId')
    .equals(sessionId)
    .filter((f) => f.from === from)
    .first();
}

/**
 * Saves one side's review of a session (strengths, improvements), replacing that side's earlier
 * version for the session. Validates first; invalid input throws and writes nothing.
 */
export function saveFeedback(
  sessionId: string,
  from: Side,
  review: Pick<Feedback, 'strengths' | 'improvements'>,
): Promise<Feedback> {
  return db.transaction('rw', db.feedback, async () => {
    const existing = await feedbackFor(sessionId, from);
    const stamp = now();
    const feedback = FeedbackSchema.parse({
      id: existing?.id ?? newId(),
      sessionId,
      from,
      ...review,
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
    });
    await db.feedback.put(feedback);
    return feedback;
  });
}
