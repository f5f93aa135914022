import { newId, now } from '../model/common';
import type { Session } from '../model/session';
import { db } from './database';
import { sessionAfter, sessionBefore } from './timeline';

/**
 * Hands what a held or cancelled session left open to a later one: its undiscussed agenda items
 * are copied (marked carried, pointing at the original) and its open action items move their
 * review to `to`. Idempotent: an item already carried into `to` is never carried again, however
 * often this runs, and running it inside or outside a transaction gives the same result.
 */
export function carryForward(
  fromSessionId: string,
  toSessionId: string,
): Promise<{ agendaItems: number; actionItems: number }> {
  return db.transaction('rw', db.agendaItems, db.actionItems, async () => {
    const stamp = now();
    const open = await db.agendaItems
      .where('[sessionId+order]')
      .between([fromSessionId, -Infinity], [fromSessionId, Infinity])
      .filter((item) => !item.discussed)
      .toArray();
    const already = new Set(
      (
        await db.agendaItems
          .where('[sessionId+carriedFrom]')
          .between([toSessionId, ''], [toSessionId, '\uffff'])
          .toArray()
      ).map((item) => item.carriedFrom),
    );
    const lastOrder =
      (
        await db.agendaItems
          .where('[sessionId+order]')
          .between([toSessionId, -Infinity], [toSessionId, Infinity])
          .last()
      )?.order ?? 0;
    const copies = open
      .filter((item) => !already.has(item.id))
      .map((item, i) => ({
        ...item,
        id: newId(),
        sessionId: toSessionId,
        order: lastOrder + i + 1,
        discussed: false,
        origin: { kind: 'carried' as const, fromSessionId, fromItemId: item.id },
        carriedFrom: item.id,
        createdAt: stamp,
        updatedAt: stamp,
      }));
    await db.agendaItems.bulkAdd(copies);

    const actionItems = await db.actionItems
      .where('reviewSessionId')
      .equals(fromSessionId)
      .filter((action) => action.status === 'open')
      .modify({ reviewSessionId: toSessionId, updatedAt: stamp });
    return { agendaItems: copies.length, actionItems };
  });
}

/**
 * Gives a newly recorded session what the relationship's previous session left open, if that one
 * was held or cancelled. Call inside the transaction that creates the session.
 */
export async function pullCarriedItems(session: Session): Promise<void> {
  if (!session.relationshipId || !session.start) return;
  const previous = await sessionBefore(session.relationshipId, session.start);
  if (previous && (previous.status === 'held' || previous.status === 'cancelled')) {
    await carryForward(previous.id, session.id);
  }
}

/**
 * Marks a session held or cancelled and carries what it left open to the relationship's next
 * recorded session, in one transaction. If there is no next session yet, the next one recorded
 * pulls the items when it is created (`pullCarriedItems`).
 */
export function closeSession(sessionId: string, status: 'held' | 'cancelled'): Promise<void> {
  return db.transaction('rw', [db.sessions, db.agendaItems, db.actionItems], async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    await db.sessions.update(sessionId, { status, updatedAt: now() });
    if (!session.relationshipId || !session.start) return;
    const next = await sessionAfter(session.relationshipId, session.start);
    if (next) await carryForward(sessionId, next.id);
  });
}
