import { useEffect, useState } from 'preact/hooks';
import type { GoalsReviewModel } from '../lib/models/goals-review';
import { BrandMark } from './BrandMark';
import { Notice } from './Notice';
import { RecentNotes } from './popup/RecentNotes';
import { RelationshipReview } from './popup/RelationshipReview';

/** How many relationships fill the popup's first screen (at most 600 px high). */
const FIRST_SCREEN = 1;

/**
 * The toolbar popup: the goals review. For each current relationship, the next session, what is
 * due, the agreed rhythm and the goals with their progress; then recent notes.
 */
export function PopupApp({ model }: { model: GoalsReviewModel }) {
  const state = model.review.value;
  // The first screenful is painted first; the relationships below it and recent notes follow, a
  // frame later, so that they do not hold up that paint.
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (state.status !== 'ready' || whole) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        setWhole(true);
        model.loadNotes();
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [state.status, whole, model]);
  return (
    <main class="popup">
      <header class="brand">
        <BrandMark size={22} />
        <h1>Tandem</h1>
      </header>
      <Notice notice={model.notice.value} onDismiss={model.dismissNotice} />
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'error' && <p role="alert">Tandem could not read its data: {String(state.error)}</p>}
      {state.status === 'ready' && state.value.length === 0 && (
        <p class="muted empty">
          No mentoring relationships yet. In Google Calendar, open a mentoring event and choose “Track as mentoring
          session”: its goals, what is due and the next session show up here.
        </p>
      )}
      {state.status === 'ready' &&
        state.value
          .slice(0, whole ? undefined : FIRST_SCREEN)
          .map((review, i) => (
            <RelationshipReview key={review.relationship.id} review={review} model={model} first={i === 0} />
          ))}
      <RecentNotes state={model.notes.value} onOpen={model.openSession} />
      <footer>
        <button type="button" class="link" onClick={() => model.openOptions()}>
          Settings and backup
        </button>
      </footer>
    </main>
  );
}
