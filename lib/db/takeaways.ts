import { newId, now } from '../model/common';
import { type Takeaway, Takeaway as TakeawaySchema } from '../model/outcome';
import { takeawayStore } from './session-lists';

/** Records a key takeaway of a session. Validates first; invalid input throws and writes nothing. */
export async function addTakeaway(sessionId: string, input: { text: string; goalId?: string }): Promise<Takeaway> {
  const stamp = now();
  const takeaway = TakeawaySchema.parse({
    id: newId(),
    sessionId,
    ...input,
    text: input.text.trim(),
    createdAt: stamp,
    updatedAt: stamp,
  });
  await takeawayStore.add([takeaway]);
  return takeaway;
}

export function removeTakeaway(id: string): Promise<void> {
  return takeawayStore.delete([id]);
}
