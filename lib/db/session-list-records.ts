import type { AgendaItem } from '../model/agenda';
import type { Note } from '../model/note';
import type { Takeaway } from '../model/outcome';

/**
 * How a session's agenda items, takeaways and notes are stored: one record per session and kind (a
 * `SessionList`), not one per item.
 *
 * A session's agenda, takeaways and notes are read and written as a whole (the panel shows them
 * whole; an edit changes one item of ten), and Chromium's IndexedDB spends about 60 µs on every
 * record it writes, whatever its size. With a record per item, restoring a five-year backup (29,000
 * agenda items, 10,000 takeaways, 6,000 notes) took longer than its 5 s budget (issue 3); with a
 * record per session it does not. Items keep their own ids, and the model, backups and every caller still see single
 * items: only this module (pure) and session-lists.ts (reads and writes) know the records.
 */
export interface SessionList<T extends Listed> {
  sessionId: string;
  /** In the kind's order. Each item's `sessionId` is this record's. */
  items: T[];
  /** Multi-entry index: finds an item's record by the item's id. */
  ids: string[];
}

export interface Listed {
  id: string;
  sessionId: string;
}

/** A session's agenda: `carried` (multi-entry index) names the items carried here, for idempotent carrying. */
export interface SessionAgenda extends SessionList<AgendaItem> {
  carried: string[];
}

export type SessionTakeaways = SessionList<Takeaway>;

/**
 * A session's notes (its private note and its shared one). `updatedAt` (indexed) is when the last
 * non-empty one was written, `''` when none has text: the newest records hold the newest notes.
 */
export interface SessionNotes extends SessionList<Note> {
  updatedAt: string;
}

/** What differs between kinds of lists: the items' order and the record's extra indexed fields. */
export interface ListLayout<T extends Listed, R extends SessionList<T>> {
  order(a: T, b: T): number;
  /** The record for items already in order (never empty). */
  record(list: SessionList<T>): R;
}

export const AGENDA_LAYOUT: ListLayout<AgendaItem, SessionAgenda> = {
  order: (a, b) => a.order - b.order || byId(a, b),
  record: (list) => ({
    ...list,
    carried: list.items.flatMap((item) => (item.carriedFrom === undefined ? [] : [item.carriedFrom])),
  }),
};

export const TAKEAWAY_LAYOUT: ListLayout<Takeaway, SessionTakeaways> = {
  order: (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : byId(a, b)),
  record: (list) => list,
};

export const NOTE_LAYOUT: ListLayout<Note, SessionNotes> = {
  order: (a, b) => (a.visibility < b.visibility ? -1 : a.visibility > b.visibility ? 1 : byId(a, b)),
  record: (list) => ({
    ...list,
    updatedAt: list.items.reduce(
      (latest, note) => (note.text.trim() !== '' && note.updatedAt > latest ? note.updatedAt : latest),
      '',
    ),
  }),
};

export function byId(a: Listed, b: Listed): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The record for a session's items (given in any order); `undefined` when there are none. */
export function listRecord<T extends Listed, R extends SessionList<T>>(
  layout: ListLayout<T, R>,
  sessionId: string,
  items: readonly T[],
): R | undefined {
  if (items.length === 0) return undefined;
  const sorted = [...items].sort(layout.order);
  return layout.record({ sessionId, items: sorted, ids: sorted.map((item) => item.id) });
}

/** Items grouped into their sessions' records (for a whole backup, an upgrade or sample data). */
export function listRecords<T extends Listed, R extends SessionList<T>>(
  layout: ListLayout<T, R>,
  items: readonly T[],
): R[] {
  const bySession = new Map<string, T[]>();
  for (const item of items) {
    const list = bySession.get(item.sessionId);
    if (list) list.push(item);
    else bySession.set(item.sessionId, [item]);
  }
  return [...bySession].flatMap(([sessionId, list]) => listRecord(layout, sessionId, list) ?? []);
}
