import Dexie, { type EntityTable } from 'dexie';
import type { Note } from '../model/note';
import type { Session } from '../model/session';

/**
 * The one database of the extension origin (design.md §1). Content scripts never open it: their
 * IndexedDB would be Google's. Schema changes add a new `version(n)`; keep old versions only
 * while they carry an `.upgrade()`, and test each upgrade against data the previous version wrote.
 */
export class TandemDB extends Dexie {
  sessions!: EntityTable<Session, 'id'>;
  notes!: EntityTable<Note, 'id'>;

  constructor(name = 'tandem') {
    super(name);
    this.version(1).stores({
      // Compound keys skip records with a missing part, so ad-hoc sessions need no calendar ids.
      sessions: 'id, &[calendarId+eventId], seriesId, meetCode, start',
      notes: 'id, sessionId, updatedAt',
    });
  }
}

export const db = new TandemDB();
