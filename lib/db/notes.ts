import { newId, now } from '../model/common';
import { type Note, Note as NoteSchema } from '../model/note';
import type { Session, SessionTarget } from '../model/session';
import { db } from './database';
import { ENSURE_SESSION_TABLES, ensureSession, findSession, type SessionHints } from './sessions';

/** The private note of the session a target refers to, if any was written. */
export async function privateNoteFor(target: SessionTarget): Promise<Note | undefined> {
  const session = await findSession(target);
  return session ? privateNoteOf(session.id) : undefined;
}

function privateNoteOf(sessionId: string): Promise<Note | undefined> {
  return db.notes
    .where('sessionId')
    .equals(sessionId)
    .filter((note) => note.visibility === 'private')
    .first();
}

/**
 * Stores `text` as the private note of the target's session, creating the session on first
 * write. Atomic: the session and its note are written in one transaction or not at all.
 */
export function savePrivateNote(target: SessionTarget, text: string, hints: SessionHints = {}): Promise<Note> {
  return db.transaction('rw', [...ENSURE_SESSION_TABLES, 'notes'], async () => {
    const session = await ensureSession(target, hints);
    const stamp = now();
    const existing = await privateNoteOf(session.id);
    const note = NoteSchema.parse(
      existing
        ? { ...existing, text, updatedAt: stamp }
        : { id: newId(), sessionId: session.id, visibility: 'private', text, createdAt: stamp, updatedAt: stamp },
    );
    await db.notes.put(note);
    return note;
  });
}

export interface NoteWithSession {
  note: Note;
  session: Session;
}

/** The most recently edited non-empty notes, newest first, each with its session. */
export async function recentNotes(limit = 20): Promise<NoteWithSession[]> {
  const notes = await db.notes
    .orderBy('updatedAt')
    .reverse()
    .filter((note) => note.text.trim() !== '')
    .limit(limit)
    .toArray();
  const sessions = await db.sessions.bulkGet(notes.map((note) => note.sessionId));
  return notes.flatMap((note, i) => {
    const session = sessions[i];
    return session ? [{ note, session }] : [];
  });
}
