import type { AgendaItem } from '../model/agenda';

/**
 * How agenda items are stored: one record per session (`SessionAgenda`), not one per item.
 *
 * A session's agenda is read and written as a whole (the panel shows it whole; an edit changes one
 * item of ten), and Chromium's IndexedDB spends about 55 µs on every record it writes whatever its
 * size: 29,000 item records made restoring a five-year backup take longer than the 5 s budget,
 * 2,600 session records do not (issue 3). Items keep their own ids, and the model, backups and
 * every caller still see single `AgendaItem`s: only this module (pure) and agenda-store.ts (reads
 * and writes) know the records.
 */
export interface SessionAgenda {
  sessionId: string;
  /** In agenda order (`order`, then id). Each item's `sessionId` is this record's. */
  items: AgendaItem[];
  /** Multi-entry index: finds an item's record by the item's id. */
  ids: string[];
  /** Multi-entry index: the items carried here from earlier sessions (`carriedFrom`), for idempotent carrying. */
  carried: string[];
}

/** The record for a session's items (given in any order); `undefined` when there are none. */
export function agendaRecord(sessionId: string, items: readonly AgendaItem[]): SessionAgenda | undefined {
  if (items.length === 0) return undefined;
  const sorted = [...items].sort(inAgendaOrder);
  return {
    sessionId,
    items: sorted,
    ids: sorted.map((item) => item.id),
    carried: sorted.flatMap((item) => (item.carriedFrom === undefined ? [] : [item.carriedFrom])),
  };
}

/** Items grouped into their sessions' records (for a whole backup or sample data set). */
export function agendaRecords(items: readonly AgendaItem[]): SessionAgenda[] {
  const bySession = new Map<string, AgendaItem[]>();
  for (const item of items) {
    const list = bySession.get(item.sessionId);
    if (list) list.push(item);
    else bySession.set(item.sessionId, [item]);
  }
  return [...bySession].flatMap(([sessionId, list]) => agendaRecord(sessionId, list) ?? []);
}

export function inAgendaOrder(a: AgendaItem, b: AgendaItem): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
