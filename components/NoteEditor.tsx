import { useEffect, useMemo } from 'preact/hooks';
import type { SessionTarget } from '../lib/model/session';
import { createNoteDraft } from '../lib/models/note-draft';

const STATUS_TEXT = {
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'Saved on this device',
  error: 'Not saved',
} as const;

/** The session's private notes, saved as they are typed. */
export function NoteEditor({ target }: { target: SessionTarget }) {
  const draft = useMemo(() => createNoteDraft(target), [target]);
  useEffect(() => () => draft.dispose(), [draft]);
  const status = draft.status.value;

  return (
    <section class="note-editor" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Session notes</h2>
      <p class="muted hint" id="notes-hint">
        Private: kept only in this browser.
      </p>
      <label class="visually-hidden" for="session-notes">
        Session notes
      </label>
      <textarea
        id="session-notes"
        aria-describedby="notes-hint notes-status"
        placeholder="What do you want to remember from this session?"
        value={draft.text.value}
        disabled={status === 'loading'}
        onInput={(event) => draft.input(event.currentTarget.value)}
      />
      <p class="status" id="notes-status" data-status={status} aria-live="polite">
        {STATUS_TEXT[status]}
        {draft.error.value ? `: ${draft.error.value}` : ''}
      </p>
    </section>
  );
}
