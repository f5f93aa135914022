import type { AgendaItem } from '../model/agenda';
import { agendaRecord, type SessionAgenda } from './agenda-records';
import { db } from './database';

/**
 * Reading and writing agenda items, stored one record per session (agenda-records.ts).
 *
 * Every function here works inside the caller's transaction, which must include `db.agendas`
 * (read-write for writes); outside one, each opens its own. A write reads the session's record and
 * writes it back in one read-write transaction, so edits of the same agenda from several contexts
 * never lose one another.
 */

/** A session's agenda in its order; empty when it has none. */
export async function agendaFor(sessionId: string): Promise<AgendaItem[]> {
  return (await db.agendas.get(sessionId))?.items ?? [];
}

/** The agendas of several sessions, in the order of `sessionIds`, read in one request. */
export async function agendasFor(sessionIds: readonly string[]): Promise<AgendaItem[][]> {
  return (await db.agendas.bulkGet([...sessionIds])).map((record) => record?.items ?? []);
}

/** One item, wherever it is. */
export async function agendaItem(id: string): Promise<AgendaItem | undefined> {
  const record = await db.agendas.where('ids').equals(id).first();
  return record?.items.find((item) => item.id === id);
}

/** Every item of every session (for backups and the search index), by id. */
export async function allAgendaItems(): Promise<AgendaItem[]> {
  const records = await db.agendas.toArray();
  return records.flatMap((record) => record.items).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The ids of every stored item. */
export async function agendaItemIds(): Promise<string[]> {
  return (await db.agendas.orderBy('ids').keys()) as string[];
}

/** Items that were carried from any of `fromItemIds`. */
export async function carriedCopiesOf(fromItemIds: readonly string[]): Promise<AgendaItem[]> {
  if (fromItemIds.length === 0) return [];
  const wanted = new Set(fromItemIds);
  const records = await db.agendas
    .where('carried')
    .anyOf([...wanted])
    .distinct()
    .toArray();
  return records.flatMap((record) => record.items.filter((item) => wanted.has(item.carriedFrom ?? '')));
}

/**
 * Stores items as given: new ones are added, ones already stored (by id) replaced, and an item whose
 * `sessionId` changed moves to its new session. Validation is the caller's (agenda.ts parses).
 */
export function putAgendaItems(items: readonly AgendaItem[]): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  return db.transaction('rw', db.agendas, async () => {
    const changed = new Map(items.map((item) => [item.id, item]));
    await rewrite(
      items.map((item) => item.sessionId),
      [...changed.keys()],
      (sessionId, kept) => [
        ...kept.filter((item) => !changed.has(item.id)),
        ...[...changed.values()].filter((item) => item.sessionId === sessionId),
      ],
    );
  });
}

/** Adds items that must be new: rejects, writing nothing, if one of their ids is stored already. */
export function addAgendaItems(items: readonly AgendaItem[]): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  return db.transaction('rw', db.agendas, async () => {
    const taken = await db.agendas
      .where('ids')
      .anyOf(items.map((item) => item.id))
      .count();
    if (taken > 0) throw new AgendaItemExists();
    await putAgendaItems(items);
  });
}

/** Deletes items by id; ids not stored are ignored. */
export function deleteAgendaItems(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return db.transaction('rw', db.agendas, async () => {
    const gone = new Set(ids);
    await rewrite([], [...gone], (_, kept) => kept.filter((item) => !gone.has(item.id)));
  });
}

/** Raised by `addAgendaItems` for an id that is taken (as IndexedDB's `ConstraintError` would be). */
export class AgendaItemExists extends Error {
  override name = 'ConstraintError';

  constructor() {
    super('an agenda item with this id is stored already');
  }
}

/**
 * Reads the records of `sessionIds` and of the sessions holding `itemIds`, lets `next` say each
 * one's items, and writes back what changed (a record left without items is deleted).
 */
async function rewrite(
  sessionIds: readonly string[],
  itemIds: readonly string[],
  next: (sessionId: string, items: AgendaItem[]) => AgendaItem[],
): Promise<void> {
  const holding = await db.agendas
    .where('ids')
    .anyOf([...itemIds])
    .distinct()
    .toArray();
  const known = new Map(holding.map((record) => [record.sessionId, record]));
  const others = [...new Set(sessionIds)].filter((id) => !known.has(id));
  for (const [i, record] of (await db.agendas.bulkGet(others)).entries()) {
    known.set(others[i] as string, record ?? { sessionId: others[i] as string, items: [], ids: [], carried: [] });
  }
  const puts: SessionAgenda[] = [];
  const deletes: string[] = [];
  for (const [sessionId, record] of known) {
    const updated = agendaRecord(sessionId, next(sessionId, record.items));
    if (updated) puts.push(updated);
    else if (record.items.length > 0) deletes.push(sessionId);
  }
  await db.agendas.bulkPut(puts);
  await db.agendas.bulkDelete(deletes);
}
