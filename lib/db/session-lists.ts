import type { Table } from 'dexie';
import type { AgendaItem } from '../model/agenda';
import type { Note } from '../model/note';
import type { Takeaway } from '../model/outcome';
import { db } from './database';
import {
  AGENDA_LAYOUT,
  byId,
  type Listed,
  type ListLayout,
  listRecord,
  listRecords,
  NOTE_LAYOUT,
  type SessionAgenda,
  type SessionList,
  type SessionNotes,
  TAKEAWAY_LAYOUT,
} from './session-list-records';

/**
 * Reading and writing items stored one record per session (session-list-records.ts): agenda items
 * (`agendas`), takeaways (`takeawayLists`) and notes (`noteLists`).
 *
 * Every function works inside the caller's transaction, which must include the kind's table
 * (read-write for writes); outside one, each opens its own. A write reads the session's record and
 * writes it back in one read-write transaction, so edits of the same list from several contexts
 * never lose one another.
 */
export interface SessionListStore<T extends Listed> {
  /** The Dexie table of the records, for a transaction's scope. */
  readonly table: Table;
  /** A session's items in order; empty when it has none. */
  of(sessionId: string): Promise<T[]>;
  /** The items of several sessions, in the order of `sessionIds`, read in one request. */
  ofEach(sessionIds: readonly string[]): Promise<T[][]>;
  /** One item, wherever it is. */
  get(id: string): Promise<T | undefined>;
  /** Every item of every session, by id. */
  all(): Promise<T[]>;
  /** The ids of every stored item. */
  ids(): Promise<string[]>;
  /**
   * Stores items as given: new ones are added, ones already stored (by id) replaced, and an item
   * whose `sessionId` changed moves to its new session. Validation is the caller's.
   */
  put(items: readonly T[]): Promise<void>;
  /** Adds items that must be new: rejects, writing nothing, if one of their ids is stored already. */
  add(items: readonly T[]): Promise<void>;
  /** Deletes items by id; ids not stored are ignored. */
  delete(ids: readonly string[]): Promise<void>;
  /** The records that hold `items` (for writing a whole backup or data set at once). Pure. */
  records(items: readonly T[]): SessionList<T>[];
}

/** Raised when an item added is stored already (as IndexedDB's `ConstraintError` would be). */
export class ListItemExists extends Error {
  override name = 'ConstraintError';

  constructor() {
    super('an item with this id is stored already');
  }
}

function sessionListStore<T extends Listed, R extends SessionList<T>>(
  table: () => Table<R, string>,
  layout: ListLayout<T, R>,
): SessionListStore<T> {
  const inTransaction = <V>(work: () => Promise<V>) => db.transaction('rw', table(), work);

  /**
   * Reads the records of `sessionIds` and of the sessions holding `itemIds`, lets `next` say each
   * one's items, and writes back what changed (a record left without items is deleted).
   */
  async function rewrite(
    sessionIds: readonly string[],
    itemIds: readonly string[],
    next: (sessionId: string, items: T[]) => T[],
  ): Promise<void> {
    const holding = await table()
      .where('ids')
      .anyOf([...itemIds])
      .distinct()
      .toArray();
    const known = new Map<string, T[]>(holding.map((record) => [record.sessionId, record.items]));
    const others = [...new Set(sessionIds)].filter((id) => !known.has(id));
    for (const [i, record] of (await table().bulkGet(others)).entries())
      known.set(others[i] as string, record?.items ?? []);
    const puts: R[] = [];
    const deletes: string[] = [];
    for (const [sessionId, items] of known) {
      const updated = listRecord(layout, sessionId, next(sessionId, items));
      if (updated) puts.push(updated);
      else if (items.length > 0) deletes.push(sessionId);
    }
    await table().bulkPut(puts);
    await table().bulkDelete(deletes);
  }

  const store: SessionListStore<T> = {
    get table() {
      return table();
    },
    of: async (sessionId) => (await table().get(sessionId))?.items ?? [],
    ofEach: async (sessionIds) => (await table().bulkGet([...sessionIds])).map((record) => record?.items ?? []),
    async get(id) {
      const record = await table().where('ids').equals(id).first();
      return record?.items.find((item) => item.id === id);
    },
    all: async () => (await table().toArray()).flatMap((record) => record.items).sort(byId),
    ids: async () => (await table().orderBy('ids').keys()) as string[],
    put(items) {
      if (items.length === 0) return Promise.resolve();
      return inTransaction(async () => {
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
    },
    add(items) {
      if (items.length === 0) return Promise.resolve();
      const ids = items.map((item) => item.id);
      if (new Set(ids).size < ids.length) return Promise.reject(new ListItemExists());
      return inTransaction(async () => {
        const taken = await table().where('ids').anyOf(ids).count();
        if (taken > 0) throw new ListItemExists();
        await store.put(items);
      });
    },
    records: (items) => listRecords(layout, items),
    delete(ids) {
      if (ids.length === 0) return Promise.resolve();
      return inTransaction(async () => {
        const gone = new Set(ids);
        await rewrite([], [...gone], (_, kept) => kept.filter((item) => !gone.has(item.id)));
      });
    },
  };
  return store;
}

export const agendaStore = sessionListStore<AgendaItem, SessionAgenda>(() => db.agendas, AGENDA_LAYOUT);
export const takeawayStore = sessionListStore<Takeaway, SessionList<Takeaway>>(() => db.takeawayLists, TAKEAWAY_LAYOUT);

/** A session's agenda in its order. */
export const agendaFor = agendaStore.of;

/** Agenda items that were carried from any of `fromItemIds`, wherever they are. */
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

/** A session's takeaways, oldest first. */
export const takeawaysFor = takeawayStore.of;

export const noteStore = sessionListStore<Note, SessionNotes>(() => db.noteLists, NOTE_LAYOUT);

/** A session's notes: the private one first, then the shared one (each at most once). */
export const notesFor = noteStore.of;

/** The `limit` most recently written notes with text, newest first, across sessions. */
export async function newestNotes(limit: number): Promise<Note[]> {
  // The k newest notes are among the k records whose newest note is newest (`updatedAt`).
  const records = await db.noteLists.orderBy('updatedAt').reverse().limit(limit).toArray();
  return records
    .flatMap((record) => record.items.filter((note) => note.text.trim() !== ''))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .slice(0, limit);
}
