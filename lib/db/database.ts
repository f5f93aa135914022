import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AgendaItem } from '../model/agenda';
import type { Goal } from '../model/goal';
import type { Note } from '../model/note';
import type { ActionItem, CheckIn, Feedback, Takeaway, Win } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import type { ShareClock, ShareState } from '../model/share';
import type { OutboxOp, RemoteEvent, SyncState } from '../model/sync';
import {
  AGENDA_LAYOUT,
  listRecords,
  NOTE_LAYOUT,
  type SessionAgenda,
  type SessionNotes,
  type SessionTakeaways,
  TAKEAWAY_LAYOUT,
} from './session-list-records';

/**
 * The one database of the extension origin (design.md §1). Content scripts never open it: their
 * IndexedDB would be Google's.
 *
 * Versions: add `this.version(n + 1)` with the full new `stores()`; keep an old version only while
 * it carries an `.upgrade()`; test every upgrade by opening a database the previous version wrote
 * (tests/unit/db/migrations.test.ts).
 * - 1: the walking skeleton: sessions and their notes.
 * - 2: the mentoring model: relationships, goals, agendas, outcomes. Only adds tables and indexes.
 * - 3: an agenda item is carried forward at most once, ever (`carriedFrom` indexed on its own instead
 *   of per target session); the upgrade removes the duplicate copies version 2 could make.
 * - 4: action items indexed by the session that created them (a session's recap reads them without
 *   scanning years of the relationship's items). Only adds an index.
 * - 5: Google Calendar sync (lib/sync/): per-calendar sync state, the remote events Tandem keeps
 *   (keyed like sessions, `[calendarId+eventId]`), and the outbox of writes in the order they were
 *   made (`++seq`). Only adds tables. They are a cache of Google plus pending writes, not the user's
 *   records: backups (`TABLE_NAMES`) leave them out.
 * - 6: sharing a session through its calendar event (lib/share/): each shared item's field clock
 *   (`shareClocks`, by `<kind>:<id>`, indexed by the session whose payload carries it) and each
 *   session's share state (`shares`). Only adds tables; like the sync tables they are metadata
 *   about what was published and merged, not the user's records, so backups leave them out. The
 *   texts a merge replaced are the user's: they live on the records (`history`), so backups keep them.
 * - 7: a session's agenda items are stored together, one record per session (`agendas`), and so
 *   are its takeaways (`takeawayLists`) and notes (`noteLists`); see session-list-records.ts for why. The upgrade moves
 *   every item into its session's record. Check-ins are also indexed by relationship and time
 *   (the popup reads each relationship's last one, not all of them).
 * - 8: removes the record-per-item tables version 7 emptied. (Dexie lets an upgrade read a table
 *   only while the version it runs in still declares it.)
 */
export class TandemDB extends Dexie {
  relationships!: EntityTable<Relationship, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  agendas!: Table<SessionAgenda, string>;
  noteLists!: Table<SessionNotes, string>;
  takeawayLists!: Table<SessionTakeaways, string>;
  actionItems!: EntityTable<ActionItem, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  checkIns!: EntityTable<CheckIn, 'id'>;
  wins!: EntityTable<Win, 'id'>;
  syncState!: EntityTable<SyncState, 'calendarId'>;
  remoteEvents!: Table<RemoteEvent, [string, string]>;
  outbox!: Table<OutboxOp, number>;
  shareClocks!: EntityTable<ShareClock, 'key'>;
  shares!: EntityTable<ShareState, 'sessionId'>;

  constructor(name = 'tandem') {
    super(name);
    // Compound keys skip records with a missing part: ad-hoc sessions need no calendar ids, and
    // only carried agenda items take part in the carry-forward uniqueness.
    this.version(3)
      .stores({
        relationships: 'id, status',
        goals: 'id, relationshipId, targetDate',
        sessions: 'id, &[calendarId+eventId], [relationshipId+start], seriesId, meetCode, start',
        agendaItems: 'id, [sessionId+order], carriedFrom',
        notes: 'id, sessionId, updatedAt',
        takeaways: 'id, sessionId',
        actionItems: 'id, [relationshipId+status], reviewSessionId, dueOn',
        feedback: 'id, sessionId',
        checkIns: 'id, relationshipId',
        wins: 'id, relationshipId, goalId',
      })
      .upgrade(async (tx) => {
        // Keep the first copy of each carried item; later copies are the version-2 duplicates.
        const seen = new Set<string>();
        const carried = await tx
          .table<AgendaItem, string>('agendaItems')
          .where('carriedFrom')
          .above('')
          .sortBy('createdAt');
        const duplicates = carried.filter((item) => {
          const from = item.carriedFrom ?? '';
          if (seen.has(from)) return true;
          seen.add(from);
          return false;
        });
        await tx.table('agendaItems').bulkDelete(duplicates.map((item) => item.id));
      });
    this.version(4).stores({
      actionItems: 'id, [relationshipId+status], reviewSessionId, dueOn, createdInSessionId',
    });
    this.version(5).stores({
      syncState: 'calendarId',
      remoteEvents: '[calendarId+eventId], [calendarId+seriesId]',
      outbox: '++seq, &id, [calendarId+eventId]',
    });
    this.version(6).stores({
      shareClocks: 'key, sessionId',
      shares: 'sessionId',
    });
    this.version(7)
      .stores({
        agendas: 'sessionId, *ids, *carried',
        takeawayLists: 'sessionId, *ids',
        noteLists: 'sessionId, *ids, updatedAt',
        checkIns: 'id, relationshipId, [relationshipId+createdAt]',
      })
      .upgrade(async (tx) => {
        const items = tx.table<AgendaItem, string>('agendaItems');
        const takeaways = tx.table<Takeaway, string>('takeaways');
        const notes = tx.table<Note, string>('notes');
        await tx.table('agendas').bulkAdd(listRecords(AGENDA_LAYOUT, await items.toArray()));
        await tx.table('takeawayLists').bulkAdd(listRecords(TAKEAWAY_LAYOUT, await takeaways.toArray()));
        await tx.table('noteLists').bulkAdd(listRecords(NOTE_LAYOUT, await notes.toArray()));
        await items.clear();
        await takeaways.clear();
        await notes.clear();
      });
    this.version(8).stores({ agendaItems: null, takeaways: null, notes: null });
  }
}

/**
 * Every kind of record, for whole-database operations (backup, wipe, deleting a relationship) that
 * must not forget one. Each has its own table, except agenda items, takeaways and notes, stored per
 * session (session-lists.ts): `recordTable` (records.ts) reads and writes any of them alike.
 */
export const TABLE_NAMES = [
  'relationships',
  'goals',
  'sessions',
  'agendaItems',
  'notes',
  'takeaways',
  'actionItems',
  'feedback',
  'checkIns',
  'wins',
] as const satisfies readonly ((keyof TandemDB & string) | 'agendaItems' | 'takeaways' | 'notes')[];
export type TableName = (typeof TABLE_NAMES)[number];

/**
 * The tables that cache Google and hold writes waiting for it (sync, sharing): not the user's
 * records, so backups leave them out, but they carry the user's words (shared texts, waiting
 * writes) and go when everything or a relationship is deleted.
 */
export const CACHE_TABLE_NAMES = [
  'syncState',
  'remoteEvents',
  'outbox',
  'shareClocks',
  'shares',
] as const satisfies readonly (keyof TandemDB & string)[];

export const db = new TandemDB();
