import { AgendaItem } from '../model/agenda';
import { newId, now } from '../model/common';
import type { Session } from '../model/session';
import { db } from './database';
import { agendaFor, agendaStore, carriedCopiesOf } from './session-lists';
import { sessionBefore } from './timeline';

/** Sessions that still lie ahead and can receive what an earlier one left open. */
function isOpen(session: Session): boolean {
  return session.status === 'scheduled' || session.status === 'moved';
}

const TABLES = ['sessions', 'agendas', 'actionItems'] as const;

/**
 * Hands what a held or cancelled session left open to a later one: its undiscussed agenda items are
 * copied (marked carried, pointing at the original) and its open action items move their review to
 * `to`. Idempotent: an item is carried at most once, ever (the `carried` index), however often
 * this runs and into whichever session.
 */
export function carryForward(
  fromSessionId: string,
  toSessionId: string,
): Promise<{ agendaItems: number; actionItems: number }> {
  return db.transaction('rw', TABLES, async () => {
    const stamp = now();
    const open = (await agendaFor(fromSessionId)).filter((item) => !item.discussed);
    const carried = new Set((await carriedCopiesOf(open.map((item) => item.id))).map((item) => item.carriedFrom));
    const lastOrder = (await agendaFor(toSessionId)).at(-1)?.order ?? 0;
    const copies = open
      .filter((item) => !carried.has(item.id))
      .map((item, i) =>
        AgendaItem.parse({
          ...item,
          id: newId(),
          sessionId: toSessionId,
          order: lastOrder + i + 1,
          discussed: false,
          origin: { kind: 'carried', fromSessionId, fromItemId: item.id },
          carriedFrom: item.id,
          createdAt: stamp,
          updatedAt: stamp,
        }),
      );
    await agendaStore.add(copies);

    const actionItems = await db.actionItems
      .where('reviewSessionId')
      .equals(fromSessionId)
      .filter((action) => action.status === 'open')
      .modify({ reviewSessionId: toSessionId, updatedAt: stamp });
    return { agendaItems: copies.length, actionItems };
  });
}

/**
 * The session that should receive what `session` left open: the relationship's next session that
 * still lies ahead (held and cancelled ones are skipped), or `undefined` if none is recorded yet.
 */
function receiverAfter(session: Session): Promise<Session | undefined> {
  if (!session.relationshipId || !session.start) return Promise.resolve(undefined);
  return db.sessions
    .where('[relationshipId+start]')
    .between([session.relationshipId, session.start], [session.relationshipId, '\uffff'], false, true)
    .filter(isOpen)
    .first();
}

/**
 * Gives a newly recorded session what the sessions before it left open. If a later session already
 * received those items (it was recorded first), they move here: this one comes first, so they are
 * discussed here first. Call inside the transaction that creates the session.
 */
export async function pullCarriedItems(session: Session): Promise<void> {
  if (!session.relationshipId || !session.start || !isOpen(session)) return;
  const previous = await sessionBefore(session.relationshipId, session.start);
  if (!previous || isOpen(previous)) return;

  const later = await receiverAfter(session);
  if (later) {
    const stamp = now();
    let order = (await agendaFor(session.id)).at(-1)?.order ?? 0;
    const handedOn = (await agendaFor(later.id)).filter(
      (item) => item.origin.kind === 'carried' && !item.discussed && item.createdAt === item.updatedAt,
    );
    await agendaStore.put(
      handedOn.map((item) => ({ ...item, sessionId: session.id, order: ++order, updatedAt: stamp })),
    );
    await db.actionItems
      .where('reviewSessionId')
      .equals(later.id)
      .filter((action) => action.status === 'open' && action.createdInSessionId !== later.id)
      .modify({ reviewSessionId: session.id, updatedAt: stamp });
  }
  await carryForward(previous.id, session.id);
}

/**
 * Marks a session held or cancelled and carries what it left open to the relationship's next
 * session that still lies ahead, in one transaction. If none is recorded yet, the next one recorded
 * pulls the items when it is created (`pullCarriedItems`).
 */
export function closeSession(sessionId: string, status: 'held' | 'cancelled'): Promise<void> {
  return db.transaction('rw', TABLES, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    await db.sessions.update(sessionId, { status, updatedAt: now() });
    const next = await receiverAfter(session);
    if (next) await carryForward(sessionId, next.id);
  });
}
