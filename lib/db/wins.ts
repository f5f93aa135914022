import { newId, now } from '../model/common';
import { type Win, Win as WinSchema } from '../model/outcome';
import { db } from './database';

export type NewWin = Pick<Win, 'text' | 'on'> & Partial<Pick<Win, 'goalId' | 'milestoneId' | 'sessionId'>>;

/** Records something to celebrate. Validates first; invalid input throws and writes nothing. */
export async function addWin(relationshipId: string, input: NewWin): Promise<Win> {
  const stamp = now();
  const win = WinSchema.parse({
    id: newId(),
    relationshipId,
    ...input,
    text: input.text.trim(),
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db.wins.add(win);
  return win;
}

/** A relationship's wins, most recent day first. */
export async function winsOf(relationshipId: string): Promise<Win[]> {
  const wins = await db.wins.where('relationshipId').equals(relationshipId).toArray();
  return wins.sort((a, b) => b.on.localeCompare(a.on) || b.createdAt.localeCompare(a.createdAt));
}
