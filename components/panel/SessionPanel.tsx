import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../lib/db/views';
import type { ActionItem } from '../../lib/model/outcome';
import type { Relationship } from '../../lib/model/relationship';
import type { SessionTarget } from '../../lib/model/session';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { BrandMark } from '../BrandMark';
import { agreementLine, dayLabel, ownerName, startTime, timeUntil, today } from '../format';
import { NoteEditor } from '../NoteEditor';
import { StoredCheckbox } from '../StoredCheckbox';
import { formatStart } from '../session-label';
import { AgendaList } from './AgendaList';
import { ActionItems, TakeawayMeta, Takeaways } from './Capture';
import { FeedbackForm } from './FeedbackForm';
import { Goals } from './Goals';
import { CallCapture, CallClock, SHORTCUTS, useNow, WRAP_UP_BEFORE_MS, WrapUp } from './LiveCall';
import { ShareControl } from './ShareControl';
import { TemplatePicker } from './TemplatePicker';

const EXPANDED_KEY = 'tandem.panel.expanded';
const PREPARE_WINDOW_MS = 48 * 3600_000;

interface Props {
  model: SessionPanelModel;
  view: SessionView;
  /** Whether the session belongs to its relationship through its series (unlinking then unlinks the series). */
  bySeries: boolean;
  target: SessionTarget;
}

/** `live`: the session is open in its Meet call (the sidebar), whatever the clock says. */
type Phase = 'upcoming' | 'live' | 'past' | 'cancelled';

function phaseOf(view: SessionView, relationship: Relationship, now: number, inCall: boolean): Phase {
  const { session } = view;
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'held') return 'past';
  if (inCall) return 'live';
  if (session.start && startTime(session.start) + relationship.agreement.sessionMinutes * 60_000 < now) return 'past';
  return 'upcoming';
}

/** The panel of a mentoring session: its agenda first, then what surrounds it. */
export function SessionPanel({ model, view, bySeries, target }: Props) {
  const [expanded, setExpanded] = useState(() => localStorage.getItem(EXPANDED_KEY) === '1');
  const inCall = target.kind === 'meet';
  // In a call the clock ticks every second; elsewhere "now" is read at each render.
  const now = useNow(inCall ? 1000 : 60_000);
  const relationship = view.relationship;
  const phase = relationship ? phaseOf(view, relationship, now, inCall) : 'upcoming';
  const end =
    startTime(view.session.start ?? view.session.createdAt) + (relationship?.agreement.sessionMinutes ?? 0) * 60_000;
  useEffect(() => {
    if (phase === 'live' && now >= end - WRAP_UP_BEFORE_MS) model.startWrapUp('time');
  }, [phase, now, end, model]);
  useShortcuts(phase === 'live', model);
  const wrapUp = model.wrapUp.value;
  // Leaving or asking moves focus to the wrap-up; the timer only announces it, so it never takes
  // the caret away from someone typing a note.
  useEffect(() => {
    if (wrapUp === 'left' || wrapUp === 'asked') document.getElementById('wrap-up')?.focus();
  }, [wrapUp]);
  if (!relationship) return null;
  const { session } = view;
  const toggle = (): void => {
    localStorage.setItem(EXPANDED_KEY, expanded ? '0' : '1');
    setExpanded(!expanded);
  };

  const startsIn = session.start ? startTime(session.start) - now : undefined;
  const mine = view.agenda.filter((item) => item.addedBy === 'me');
  const invite =
    phase === 'upcoming' &&
    relationship.myRole === 'mentee' &&
    mine.length === 0 &&
    startsIn !== undefined &&
    startsIn > 0 &&
    startsIn <= PREPARE_WINDOW_MS
      ? {
          text: `Your session with ${relationship.other.name} is ${timeUntil(startsIn)}. Come prepared: add the questions you want to ask${view.goals[0] ? ', and tie one to a goal' : ''}.`,
          goalId: view.goals[0]?.goal.id,
        }
      : undefined;

  const summary = [
    view.openActions.length > 0 &&
      `${view.openActions.length} open action item${view.openActions.length === 1 ? '' : 's'}`,
    view.goals.length > 0 && `${view.goals.length} goal${view.goals.length === 1 ? '' : 's'} in focus`,
    view.lastTakeaways.length > 0 &&
      `${view.lastTakeaways.length} takeaway${view.lastTakeaways.length === 1 ? '' : 's'} last time`,
  ].filter(Boolean);

  return (
    <>
      <header class="panel-header">
        <p class="brand">
          <BrandMark />
          <strong>Tandem</strong>
          {phase !== 'upcoming' && (
            <span class="chip" data-phase={phase}>
              {PHASE_NAMES[phase]}
            </span>
          )}
          {session.status === 'moved' && <span class="chip">Moved</span>}
        </p>
        <h1>
          {relationship.myRole === 'mentee' ? 'Mentored by' : 'Mentoring'} {relationship.other.name}
        </h1>
        <p class="muted small">
          {session.start ? `${formatStart(session.start)} · ` : ''}
          <span class="agreement">{agreementLine(relationship.agreement)}</span>
        </p>
      </header>

      {session.calendarId && session.eventId && <ShareControl sessionId={session.id} relationship={relationship} />}

      {phase === 'cancelled' && (
        <p class="callout">
          This session was cancelled.{' '}
          {view.nextSession
            ? `What was still open moved to ${formatStart(view.nextSession.start ?? '')}.`
            : 'What was still open moves to the next session.'}
        </p>
      )}

      {phase === 'past' && <Recap view={view} relationship={relationship} model={model} />}
      {phase === 'live' && <CallClock view={view} relationship={relationship} now={now} />}
      {phase === 'live' && <WrapUp model={model} view={view} relationship={relationship} />}

      <AgendaList
        model={model}
        sessionId={session.id}
        items={view.agenda}
        goals={view.goals}
        relationship={relationship}
        mode={
          phase === 'upcoming' || phase === 'live'
            ? 'edit'
            : phase === 'past' && session.status !== 'held'
              ? 'tick'
              : 'read'
        }
        invite={invite}
      />

      {(phase === 'upcoming' || phase === 'live') && (
        <OpenActions actions={view.openActions} relationship={relationship} model={model} sessionId={session.id} />
      )}

      {phase === 'live' && (
        <>
          <CallCapture model={model} view={view} relationship={relationship} />
          <NoteEditor target={target} />
          <SharedNotes target={target} other={relationship.other.name} />
          {!wrapUp && (
            <button type="button" class="wrap-up-open" onClick={() => model.startWrapUp('asked')}>
              Wrap up the session
            </button>
          )}
        </>
      )}

      <button type="button" class="link expander" aria-expanded={expanded} aria-controls="panel-more" onClick={toggle}>
        {expanded ? 'Show less' : summary.length > 0 ? `Show more: ${summary.join(', ')}` : 'Show more'}
      </button>

      <div id="panel-more" hidden={!expanded} class="panel-more">
        <Goals goals={view.goals} model={model} relationshipId={relationship.id} />
        {view.lastTakeaways.length > 0 && (
          <section aria-labelledby="last-takeaways-heading">
            <h2 id="last-takeaways-heading">
              Takeaways from {view.previousSession?.start ? dayLabel(view.previousSession.start) : 'last time'}
            </h2>
            <ul class="plain">
              {view.lastTakeaways.map((t) => (
                <li key={t.id}>
                  {t.text}
                  <TakeawayMeta takeaway={t} relationship={relationship} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {phase === 'upcoming' && <TemplatePicker model={model} sessionId={session.id} />}
        {phase !== 'live' && <NoteEditor target={target} />}
        <SessionTools model={model} view={view} bySeries={bySeries} phase={phase} />
      </div>
    </>
  );
}

const PHASE_NAMES: Record<Exclude<Phase, 'upcoming'>, string> = {
  live: 'In the call',
  past: 'Past session',
  cancelled: 'Cancelled',
};

/** Alt + key moves focus to a capture field; Alt + E opens the wrap-up. */
function useShortcuts(enabled: boolean, model: SessionPanelModel): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.code === 'KeyE') {
        event.preventDefault();
        model.startWrapUp('asked');
        return;
      }
      const shortcut = SHORTCUTS.find((s) => s.code === event.code);
      const field = shortcut && document.getElementById(shortcut.target);
      if (!field) return;
      event.preventDefault();
      field.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, model]);
}

/** The shared note: hidden behind a button until it has words, so nothing is shared by accident. */
function SharedNotes({ target, other }: { target: SessionTarget; other: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" class="link small" onClick={() => setOpen(true)}>
        Add notes to share with {other}
      </button>
    );
  }
  return <NoteEditor target={target} visibility="shared" />;
}

function OpenActions({
  actions,
  relationship,
  model,
  sessionId,
}: {
  actions: ActionItem[];
  relationship: Relationship;
  model: SessionPanelModel;
  sessionId: string;
}) {
  if (actions.length === 0) return null;
  const day = today();
  return (
    <section aria-labelledby="open-actions-heading">
      <h2 id="open-actions-heading">Open action items</h2>
      <ul class="plain actions-list">
        {actions.map((action) => {
          const overdue = action.dueOn !== undefined && action.dueOn < day;
          return (
            <li key={action.id}>
              <label class="check">
                <StoredCheckbox checked={false} onChange={() => model.setActionStatus(action.id, 'done', sessionId)} />
                <span>
                  {action.text}
                  <span class="item-meta">
                    {ownerName(action.owner, relationship)}
                    {action.dueOn && (
                      <span class={overdue ? 'overdue' : undefined}>
                        {' · '}
                        {overdue ? 'overdue since' : 'due'} {dayLabel(action.dueOn)}
                      </span>
                    )}
                    {action.reviewSessionId !== action.createdInSessionId && ' · carried over'}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * What a past session produced: its takeaways and the action items agreed in it, which can still
 * be written down afterwards. A past session nobody closed asks whether it took place: closing it
 * hands what was left open to the next session.
 */
function Recap({
  view,
  relationship,
  model,
}: {
  view: SessionView;
  relationship: Relationship;
  model: SessionPanelModel;
}) {
  const { session } = view;
  return (
    <section class="recap" aria-labelledby="recap-heading">
      <h2 id="recap-heading">What happened</h2>
      {session.status !== 'held' && (
        <fieldset class="callout">
          <legend>Did this session take place?</legend>
          <p class="small">Tick what you discussed first: the rest moves to the next session.</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void model.closeSession(session.id, 'held')}>
              Yes, it was held
            </button>
            <button type="button" onClick={() => void model.closeSession(session.id, 'cancelled')}>
              No, it was cancelled
            </button>
          </div>
        </fieldset>
      )}
      <h3>Takeaways</h3>
      <Takeaways model={model} sessionId={session.id} takeaways={view.takeaways} relationship={relationship} />
      <h3>Action items</h3>
      <ActionItems
        model={model}
        relationship={relationship}
        sessionId={session.id}
        actions={view.actionsFromHere}
        goals={view.goals}
        notBefore={(session.start ?? session.createdAt).slice(0, 10)}
      />
      <FeedbackForm model={model} sessionId={session.id} />
    </section>
  );
}

/** Less frequent actions: cancel this occurrence, stop tracking. Both ask first. */
function SessionTools({
  model,
  view,
  bySeries,
  phase,
}: {
  model: SessionPanelModel;
  view: SessionView;
  bySeries: boolean;
  phase: Phase;
}) {
  const [confirming, setConfirming] = useState<'cancel' | 'untrack' | null>(null);
  if (confirming) {
    const untrack = confirming === 'untrack';
    return (
      <fieldset class="confirm">
        <legend>{untrack ? 'Stop tracking?' : 'Mark as cancelled?'}</legend>
        <p>
          {untrack
            ? `${bySeries ? 'Every occurrence of this series' : 'This event'} leaves the relationship. Agendas and notes stay on this device and come back if you track it again.`
            : 'Undiscussed agenda items and open action items move to the next session.'}
        </p>
        <div class="actions">
          <button
            type="button"
            class="danger"
            onClick={() => {
              setConfirming(null);
              void (untrack ? model.untrack(bySeries) : model.closeSession(view.session.id, 'cancelled'));
            }}
          >
            {untrack ? 'Stop tracking' : 'Mark cancelled'}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Keep
          </button>
        </div>
      </fieldset>
    );
  }
  return (
    <div class="actions tools">
      {phase === 'upcoming' && (
        <button type="button" onClick={() => setConfirming('cancel')}>
          Mark as cancelled
        </button>
      )}
      <button type="button" onClick={() => setConfirming('untrack')}>
        Stop tracking
      </button>
    </div>
  );
}
