import { useEffect, useState } from 'preact/hooks';
import type { SessionPanelModel } from '../../lib/models/session-panel';

/** A short written review of the session from this side: what went well, what to improve. */
export function FeedbackForm({ model, sessionId }: { model: SessionPanelModel; sessionId: string }) {
  const [open, setOpen] = useState(false);
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  // The stored review fills the form when it opens, and shows as a summary while it is closed.
  useEffect(() => {
    const live = model.myFeedback(sessionId);
    const stop = live.state.subscribe((state) => {
      if (state.status !== 'ready') return;
      setSaved(state.value ? state.value.updatedAt : null);
      if (state.value) {
        setStrengths(state.value.strengths);
        setImprovements(state.value.improvements);
      }
    });
    return () => {
      stop();
      live.dispose();
    };
  }, [model, sessionId]);

  if (!open) {
    return (
      <button type="button" class="link small" onClick={() => setOpen(true)}>
        {saved ? 'Edit your feedback on this session' : 'Write feedback on this session'}
      </button>
    );
  }
  return (
    <form
      class="feedback"
      aria-label="Feedback on this session"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.saveFeedback(sessionId, { strengths, improvements })) setOpen(false);
      }}
    >
      <label class="field">
        <span>What went well</span>
        <textarea value={strengths} maxLength={10_000} onInput={(e) => setStrengths(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>What could be better</span>
        <textarea value={improvements} maxLength={10_000} onInput={(e) => setImprovements(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={strengths.trim() === '' && improvements.trim() === ''}>
          Save feedback
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
