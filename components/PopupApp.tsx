import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { liveSignal } from '../lib/db/live';
import { recentNotes } from '../lib/db/notes';
import { BrandMark } from './BrandMark';
import { sessionLabel } from './session-label';

/** The toolbar popup: what you wrote recently, at a glance. */
export function PopupApp() {
  const live = useMemo(() => liveSignal(() => recentNotes(20)), []);
  useEffect(() => () => live.dispose(), [live]);
  const state = live.state.value;

  return (
    <main class="popup">
      <header class="brand">
        <BrandMark size={22} />
        <h1>Tandem</h1>
      </header>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent session notes</h2>
        {state.status === 'loading' && <p class="muted">Loading…</p>}
        {state.status === 'error' && <p role="alert">Tandem could not read its data: {String(state.error)}</p>}
        {state.status === 'ready' && state.value.length === 0 && (
          <p class="muted">
            No notes yet. Open a mentoring event in Google Calendar or start a Meet call, then write in the Tandem
            panel.
          </p>
        )}
        {state.status === 'ready' && state.value.length > 0 && (
          <ul class="note-list">
            {state.value.map(({ note, session }) => (
              <li key={note.id}>
                <p class="note-session">{sessionLabel(session)}</p>
                <p class="note-text">{note.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings and backup
        </button>
      </footer>
    </main>
  );
}
