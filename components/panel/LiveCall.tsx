import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../lib/db/views';
import type { Relationship } from '../../lib/model/relationship';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { startTime } from '../format';
import { ActionItems, AddWin, Takeaways } from './Capture';
import { FeedbackForm } from './FeedbackForm';

/** The panel prompts the wrap-up this long before the agreed end of the session. */
export const WRAP_UP_BEFORE_MS = 5 * 60_000;

/** Keyboard shortcuts during a call (Alt + key, by physical key so any layout works). */
export const SHORTCUTS: ReadonlyArray<{ code: string; key: string; target: string; label: string }> = [
  { code: 'KeyA', key: 'A', target: 'new-agenda-item', label: 'add an agenda item' },
  { code: 'KeyT', key: 'T', target: 'new-takeaway', label: 'write a takeaway' },
  { code: 'KeyI', key: 'I', target: 'new-action', label: 'add an action item' },
  { code: 'KeyW', key: 'W', target: 'new-win', label: 'log a win' },
  { code: 'KeyN', key: 'N', target: 'private-notes', label: 'write notes' },
];

/** Re-renders every `ms` and returns the current time. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The running clock against the agreed length, and the time spent on the current agenda item
 * (the first one not yet discussed, since the last tick) against its time box.
 */
export function CallClock({ view, relationship, now }: { view: SessionView; relationship: Relationship; now: number }) {
  const start = startTime(view.session.start ?? view.session.createdAt);
  const length = relationship.agreement.sessionMinutes * 60_000;
  const elapsed = now - start;
  const current = view.agenda.find((item) => !item.discussed);
  const lastTick = Math.max(
    start,
    ...view.agenda.filter((item) => item.discussed).map((item) => Date.parse(item.updatedAt)),
  );
  const onItem = now - lastTick;
  const itemOver = current?.timeboxMinutes !== undefined && onItem > current.timeboxMinutes * 60_000;
  return (
    <div class="call-clock" role="timer" aria-label="Session clock">
      <p>
        <strong data-over={elapsed > length ? 'true' : undefined}>{clock(elapsed)}</strong>
        <span class="muted"> of {relationship.agreement.sessionMinutes} min</span>
      </p>
      <progress max={length} value={Math.min(Math.max(elapsed, 0), length)} aria-hidden="true" />
      {current && (
        <p class="small">
          Now: {current.text}
          {current.timeboxMinutes !== undefined && (
            <span class={itemOver ? 'overdue' : 'muted'}>
              {' '}
              · {clock(onItem)} of {current.timeboxMinutes} min
            </span>
          )}
        </p>
      )}
    </div>
  );
}

/** What the call produces, captured as it happens: takeaways, action items, wins. */
export function CallCapture({
  model,
  view,
  relationship,
}: {
  model: SessionPanelModel;
  view: SessionView;
  relationship: Relationship;
}) {
  return (
    <section class="capture" aria-labelledby="capture-heading">
      <h2 id="capture-heading">Takeaways and action items</h2>
      <Takeaways
        model={model}
        sessionId={view.session.id}
        takeaways={view.takeaways}
        relationship={relationship}
        inputId="new-takeaway"
      />
      <ActionItems
        model={model}
        relationship={relationship}
        sessionId={view.session.id}
        actions={view.actionsFromHere}
        goals={view.goals}
        inputId="new-action"
      />
      <AddWin
        model={model}
        relationshipId={relationship.id}
        sessionId={view.session.id}
        goals={view.goals}
        inputId="new-win"
      />
      <details class="shortcuts small">
        <summary>Keyboard shortcuts</summary>
        <ul class="plain">
          {SHORTCUTS.map((s) => (
            <li key={s.code}>
              <kbd>Alt</kbd> + <kbd>{s.key}</kbd>: {s.label}
            </li>
          ))}
          <li>
            <kbd>Alt</kbd> + <kbd>E</kbd>: wrap up
          </li>
        </ul>
      </details>
    </section>
  );
}

const REASONS = {
  time: 'Five minutes to go: time to wrap up.',
  left: 'You left the call. Before you go:',
  asked: 'Before you finish:',
} as const;

/**
 * The end of a session: key takeaways, action items with owners, one thing to celebrate, a private
 * check-in every few sessions, feedback; "Finish" marks it held and moves what was not discussed.
 */
export function WrapUp({
  model,
  view,
  relationship,
}: {
  model: SessionPanelModel;
  view: SessionView;
  relationship: Relationship;
}) {
  const reason = model.wrapUp.value;
  const [checkInDue, setCheckInDue] = useState(false);
  useEffect(() => {
    void model.checkInDue(relationship.id).then(setCheckInDue);
  }, [model, relationship.id]);
  if (!reason) return null;
  const open = view.agenda.filter((item) => !item.discussed).length;
  return (
    <section class="wrap-up" aria-labelledby="wrap-up-heading" tabIndex={-1} id="wrap-up">
      <h2 id="wrap-up-heading">Wrap up</h2>
      <p role="status">{REASONS[reason]}</p>
      <h3>Key takeaways</h3>
      <Takeaways model={model} sessionId={view.session.id} takeaways={view.takeaways} relationship={relationship} />
      <h3>Action items, with owners</h3>
      <ActionItems
        model={model}
        relationship={relationship}
        sessionId={view.session.id}
        actions={view.actionsFromHere}
        goals={view.goals}
      />
      <h3>One thing to celebrate</h3>
      <AddWin model={model} relationshipId={relationship.id} sessionId={view.session.id} goals={view.goals} />
      {checkInDue && <CheckInForm model={model} relationshipId={relationship.id} sessionId={view.session.id} />}
      <FeedbackForm model={model} sessionId={view.session.id} />
      <p class="muted small">
        {open === 0
          ? 'Every agenda item was discussed.'
          : `${open} agenda item${open === 1 ? '' : 's'} not discussed will move to the next session.`}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void model.finishSession(view.session.id)}>
          Finish session
        </button>
        <button type="button" onClick={model.dismissWrapUp}>
          Not yet
        </button>
      </div>
    </section>
  );
}

/** Private 1–5 ratings: are we moving toward the goals, is the dynamic working. Never shared. */
function CheckInForm({
  model,
  relationshipId,
  sessionId,
}: {
  model: SessionPanelModel;
  relationshipId: string;
  sessionId: string;
}) {
  const [progress, setProgress] = useState(0);
  const [dynamic, setDynamic] = useState(0);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <p class="small">Check-in saved, privately.</p>;
  const scale = (name: string, legend: string, value: number, set: (v: number) => void) => (
    <fieldset class="inline rating">
      <legend>{legend}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n}>
          <input type="radio" name={name} checked={value === n} onChange={() => set(n)} />
          {n}
        </label>
      ))}
    </fieldset>
  );
  return (
    <form
      class="check-in"
      aria-label="Private check-in"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.addCheckIn(relationshipId, { progress, dynamic, note, sessionId })) setDone(true);
      }}
    >
      <h3>Quick private check-in</h3>
      <p class="muted small">Only you see this. 1 = not at all, 5 = very much.</p>
      {scale('progress', 'Are we moving toward the goals?', progress, setProgress)}
      {scale('dynamic', 'Is the dynamic working?', dynamic, setDynamic)}
      <label class="field">
        <span>Anything to add (optional)</span>
        <input value={note} maxLength={10_000} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={progress === 0 || dynamic === 0}>
        Save check-in
      </button>
    </form>
  );
}
