import { useEffect, useMemo } from 'preact/hooks';
import type { NoteVisibility } from '../lib/model/note';
import type { SessionTarget } from '../lib/model/session';
import { createNoteDraft } from '../lib/models/note-draft';

const STATUS_TEXT = {
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'Saved on this device',
  error: 'Not saved',
} as const;

const COPY: Record<NoteVisibility, { heading: string; hint: string; placeholder: string }> = {
  private: {
    heading: 'Session notes',
    hint: 'Private: kept only in this browser, never written to the calendar event.',
    placeholder: 'What do you want to remember from this session?',
  },
  shared: {
    heading: 'Shared notes',
    hint: 'Shared: written to the calendar event once you share this session, for both of you and any other guest to read.',
    placeholder: 'What should both of you see?',
  },
};

/** One of the session's notes (private by default), saved as it is typed. */
export function NoteEditor({ target, visibility = 'private' }: { target: SessionTarget; visibility?: NoteVisibility }) {
  const draft = useMemo(() => createNoteDraft(target, visibility), [target, visibility]);
  useEffect(() => () => draft.dispose(), [draft]);
  const status = draft.status.value;
  const copy = COPY[visibility];
  const id = `${visibility}-notes`;

  return (
    <section class="note-editor" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{copy.heading}</h2>
      <p class="muted hint" id={`${id}-hint`}>
        {copy.hint}
      </p>
      <label class="visually-hidden" for={id}>
        {copy.heading}
      </label>
      <textarea
        id={id}
        data-notes={visibility}
        aria-describedby={`${id}-hint ${id}-status`}
        placeholder={copy.placeholder}
        value={draft.text.value}
        disabled={status === 'loading'}
        onInput={(event) => draft.input(event.currentTarget.value)}
      />
      <p class="status" id={`${id}-status`} data-status={status} aria-live="polite">
        {STATUS_TEXT[status]}
        {draft.error.value ? `: ${draft.error.value}` : ''}
      </p>
    </section>
  );
}
