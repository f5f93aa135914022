import type { LiveState } from '../../lib/db/live';
import type { NoteWithSession } from '../../lib/db/recent-notes';
import type { Session } from '../../lib/model/session';
import { sessionUrl } from '../../lib/session-url';
import { sessionLabel } from '../session-label';

/**
 * What was written lately, each with a way back to its session: the popup reaches every session,
 * including calls and events that belong to no relationship (design.md §7).
 */
export function RecentNotes({ state, onOpen }: { state: LiveState<NoteWithSession[]>; onOpen: (s: Session) => void }) {
  if (state.status !== 'ready' || state.value.length === 0) return null;
  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent session notes</h2>
      <ul class="note-list">
        {state.value.map(({ note, session }) => (
          <li key={note.id}>
            <p class="note-session">
              {sessionLabel(session)}
              {sessionUrl(session) && (
                <button type="button" class="link" onClick={() => onOpen(session)}>
                  Open<span class="visually-hidden"> the session of {sessionLabel(session)}</span>
                </button>
              )}
            </p>
            <p class="note-text">{note.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
