import { newId, now } from '../model/common';
import { type Note, Note as NoteSchema, type NoteVisibility } from '../model/note';
import type { SessionTarget } from '../model/session';
import { db } from './database';
import { noteStore, notesFor } from './session-lists';
import { ENSURE_SESSION_TABLES, ensureSession, findSession, type SessionHints } from './sessions';

/** The session's note of one visibility (each session has at most one of each), if any was written. */
export async function noteFor(target: SessionTarget, visibility: NoteVisibility): Promise<Note | undefined> {
  const session = await findSession(target);
  return session ? noteOf(session.id, visibility) : undefined;
}

export function privateNoteFor(target: SessionTarget): Promise<Note | undefined> {
  return noteFor(target, 'private');
}

async function noteOf(sessionId: string, visibility: NoteVisibility): Promise<Note | undefined> {
  return (await notesFor(sessionId)).find((note) => note.visibility === visibility);
}

/**
 * Stores `text` as the target session's note of that visibility: private (never leaves this
 * device) or shared (may be published to the calendar event). Creates the session on first write.
 * Atomic: the session and its note are written in one transaction or not at all.
 */
export function saveNote(
  target: SessionTarget,
  visibility: NoteVisibility,
  text: string,
  hints: SessionHints = {},
): Promise<Note> {
  return db.transaction('rw', [...ENSURE_SESSION_TABLES, 'noteLists'], async () => {
    const session = await ensureSession(target, hints);
    const stamp = now();
    const existing = await noteOf(session.id, visibility);
    const note = NoteSchema.parse(
      existing
        ? { ...existing, text, updatedAt: stamp }
        : { id: newId(), sessionId: session.id, visibility, text, createdAt: stamp, updatedAt: stamp },
    );
    await noteStore.put([note]);
    return note;
  });
}

export function savePrivateNote(target: SessionTarget, text: string, hints: SessionHints = {}): Promise<Note> {
  return saveNote(target, 'private', text, hints);
}
