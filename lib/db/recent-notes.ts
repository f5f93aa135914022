import type { Note } from '../model/note';
import type { Session } from '../model/session';
import { db } from './database';
import { newestNotes } from './session-lists';

// Apart from lib/db/notes.ts, whose writes pull in sessions and carry-forward: the popup reads
// recent notes and must stay small (its bundle budget, tests/bench).

export interface NoteWithSession {
  note: Note;
  session: Session;
}

/** The most recently edited non-empty notes, newest first, each with its session. */
export async function recentNotes(limit = 20): Promise<NoteWithSession[]> {
  const notes = await newestNotes(limit);
  const sessions = await db.sessions.bulkGet(notes.map((note) => note.sessionId));
  return notes.flatMap((note, i) => {
    const session = sessions[i];
    return session ? [{ note, session }] : [];
  });
}
