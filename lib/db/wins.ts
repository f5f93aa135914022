import { newId, now } from '../model/common';
import { type Win, Win as WinSchema } from '../model/outcome';
import { db } from './database';

/** A relationship's wins, oldest first. */
export async function winsOf(relationshipId: string): Promise<Win[]> {
  const wins = await db.wins.where('relationshipId').equals(relationshipId).toArray();
  return wins.sort(byDay);
}

export function byDay(a: Win, b: Win): number {
  return a.on.localeCompare(b.on) || a.createdAt.localeCompare(b.createdAt);
}

export interface NewWin {
  text: string;
  /** The day it happened (`YYYY-MM-DD`). */
  on: string;
  goalId?: string;
  milestoneId?: string;
  /** The session it was logged in, when it was. */
  sessionId?: string;
}

/**
 * Logs a win, validated first: invalid input throws and writes nothing. A goal it names must be one of
 * the same relationship's, so a win never points at another relationship's goal.
 */
export function logWin(relationshipId: string, input: NewWin): Promise<Win> {
  return db.transaction('rw', db.wins, db.goals, async () => {
    const stamp = now();
    const { goalId, sessionId, ...rest } = input;
    const win = WinSchema.parse({
      id: newId(),
      relationshipId,
      ...rest,
      ...(goalId ? { goalId } : {}),
      ...(sessionId ? { sessionId } : {}),
      text: input.text.trim(),
      createdAt: stamp,
      updatedAt: stamp,
    });
    if (goalId && (await db.goals.get(goalId))?.relationshipId !== relationshipId) {
      throw new Error(`no goal ${goalId} in this relationship`);
    }
    await db.wins.add(win);
    return win;
  });
}
