import { type ReadonlySignal, signal } from '@preact/signals';
import { liveSignal } from '../db/live';
import { noteFor, saveNote } from '../db/notes';
import type { SessionHints } from '../db/sessions';
import { splitInstanceId } from '../hosts/calendar/eid';
import type { NoteVisibility } from '../model/note';
import type { SessionTarget } from '../model/session';

export type SaveStatus = 'loading' | 'saved' | 'saving' | 'error';

export interface NoteDraft {
  /** What the editor shows. */
  text: ReadonlySignal<string>;
  status: ReadonlySignal<SaveStatus>;
  error: ReadonlySignal<string | null>;
  /** Call on every keystroke: the text is written right away, nothing waits for a save button. */
  input(text: string): void;
  dispose(): void;
}

/**
 * One note of a session (private or shared) as the user types it. Every input is written at once; while a
 * write is in flight only the newest text waits, so writes never pile up or land out of order.
 * Edits made in another context (another tab's panel) show up here unless the user is mid-edit or
 * has words that failed to save: those are never replaced; they stay on screen until a save works.
 */
export function createNoteDraft(target: SessionTarget, visibility: NoteVisibility = 'private'): NoteDraft {
  const text = signal('');
  const status = signal<SaveStatus>('loading');
  const error = signal<string | null>(null);
  let pending: string | null = null;
  /** Text whose last write failed: shown, kept, and retried with the next keystroke. */
  let unsaved: string | null = null;
  let writing = false;
  const hints = target.kind === 'calendar' ? occurrenceHints(target.eventId) : {};

  const stored = liveSignal(() => noteFor(target, visibility));
  const stopWatching = stored.state.subscribe((state) => {
    if (state.status === 'error') {
      status.value = 'error';
      error.value = explainError(state.error);
    } else if (state.status === 'ready' && !writing && pending === null && unsaved === null) {
      text.value = state.value?.text ?? '';
      status.value = 'saved';
      error.value = null;
    }
  });

  async function flush(): Promise<void> {
    writing = true;
    while (pending !== null) {
      const next = pending;
      pending = null;
      try {
        await saveNote(target, visibility, next, hints);
        unsaved = null;
        error.value = null;
      } catch (e) {
        unsaved = next;
        error.value = explainError(e);
      }
    }
    writing = false;
    status.value = unsaved === null ? 'saved' : 'error';
  }

  return {
    text,
    status,
    error,
    input(value) {
      text.value = value;
      pending = value;
      status.value = 'saving';
      if (!writing) void flush();
    },
    dispose() {
      stopWatching();
      stored.dispose();
    },
  };
}

/** What an occurrence id tells about its session before any sync has run. */
function occurrenceHints(eventId: string): SessionHints {
  const { seriesId, originalStart } = splitInstanceId(eventId);
  return { seriesId, start: originalStart };
}

function explainError(error: unknown): string {
  if (error instanceof Error && error.name === 'QuotaExceededError') {
    return 'Your browser is out of storage space for Tandem; this note is not saved yet.';
  }
  return error instanceof Error ? error.message : String(error);
}
