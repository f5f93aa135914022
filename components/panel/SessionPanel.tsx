import { useState } from 'preact/hooks';
import type { SessionView } from '../../lib/db/views';
import type { Role } from '../../lib/model/common';
import type { ActionItem } from '../../lib/model/outcome';
import type { Relationship } from '../../lib/model/relationship';
import type { SessionTarget } from '../../lib/model/session';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { BrandMark } from '../BrandMark';
import { NoteEditor } from '../NoteEditor';
import { formatStart } from '../session-label';
import { AgendaList } from './AgendaList';
import { agreementLine, dayLabel, ownerName, startTime, timeUntil, today } from './format';
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

type Phase = 'upcoming' | 'past' | 'cancelled';

function phaseOf(view: SessionView, relationship: Relationship, now: number): Phase {
  const { session } = view;
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'held') return 'past';
  if (session.start && startTime(session.start) + relationship.agreement.sessionMinutes * 60_000 < now) return 'past';
  return 'upcoming';
}

/** The panel of a mentoring session: its agenda first, then what surrounds it. */
export function SessionPanel({ model, view, bySeries, target }: Props) {
  const [expanded, setExpanded] = useState(() => localStorage.getItem(EXPANDED_KEY) === '1');
  const relationship = view.relationship;
  if (!relationship) return null;
  const now = Date.now();
  const phase = phaseOf(view, relationship, now);
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
              {phase === 'cancelled' ? 'Cancelled' : 'Past session'}
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

      {phase === 'cancelled' && (
        <p class="callout">
          This session was cancelled.{' '}
          {view.nextSession
            ? `What was still open moved to ${formatStart(view.nextSession.start ?? '')}.`
            : 'What was still open moves to the next session.'}
        </p>
      )}

      {phase === 'past' && <Recap view={view} relationship={relationship} model={model} />}

      <AgendaList
        model={model}
        sessionId={session.id}
        items={view.agenda}
        goals={view.goals}
        relationship={relationship}
        mode={phase === 'upcoming' ? 'edit' : phase === 'past' && session.status !== 'held' ? 'tick' : 'read'}
        invite={invite}
      />

      {phase === 'upcoming' && (
        <OpenActions actions={view.openActions} relationship={relationship} model={model} sessionId={session.id} />
      )}

      <button type="button" class="link expander" aria-expanded={expanded} aria-controls="panel-more" onClick={toggle}>
        {expanded ? 'Show less' : summary.length > 0 ? `Show more: ${summary.join(', ')}` : 'Show more'}
      </button>

      <div id="panel-more" hidden={!expanded} class="panel-more">
        <Goals view={view} model={model} relationshipId={relationship.id} />
        {view.lastTakeaways.length > 0 && (
          <section aria-labelledby="last-takeaways-heading">
            <h2 id="last-takeaways-heading">
              Takeaways from {view.previousSession?.start ? dayLabel(view.previousSession.start) : 'last time'}
            </h2>
            <ul class="plain">
              {view.lastTakeaways.map((t) => (
                <li key={t.id}>{t.text}</li>
              ))}
            </ul>
          </section>
        )}
        {phase === 'upcoming' && <TemplatePicker model={model} sessionId={session.id} />}
        <NoteEditor target={target} />
        <SessionTools model={model} view={view} bySeries={bySeries} phase={phase} />
      </div>
    </>
  );
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
                <input
                  type="checkbox"
                  checked={false}
                  onChange={() => void model.setActionStatus(action.id, 'done', sessionId)}
                />
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

function Goals({
  view,
  model,
  relationshipId,
}: {
  view: SessionView;
  model: SessionPanelModel;
  relationshipId: string;
}) {
  return (
    <section aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals in focus</h2>
      {view.goals.length === 0 ? (
        <p class="muted small">No goals yet. Agree on one or two specific goals, with a date and milestones.</p>
      ) : (
        <ul class="plain goals">
          {view.goals.map(({ goal, milestonesDone, nextMilestone }) => (
            <li key={goal.id}>
              <strong>{goal.title}</strong>
              <span class="item-meta">
                {goal.milestones.length > 0 && `${milestonesDone}/${goal.milestones.length} milestones`}
                {goal.targetDate && ` · target ${dayLabel(goal.targetDate)}`}
              </span>
              {nextMilestone && (
                <span class="item-meta">
                  Next: {nextMilestone.title}
                  {nextMilestone.dueOn && ` (by ${dayLabel(nextMilestone.dueOn)})`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <GoalQuickAdd model={model} relationshipId={relationshipId} />
    </section>
  );
}

/** A specific goal in a few words: title, what success looks like, a target date. */
function GoalQuickAdd({ model, relationshipId }: { model: SessionPanelModel; relationshipId: string }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [success, setSuccess] = useState('');
  const [targetDate, setTargetDate] = useState('');
  if (!open) {
    return (
      <button type="button" class="link small" onClick={() => setOpen(true)}>
        Add a goal
      </button>
    );
  }
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (title.trim() === '') return;
    const added = await model.addGoal(relationshipId, {
      title: title.trim(),
      why: '',
      successCriteria: success.trim(),
      category: 'skill',
      ...(targetDate ? { targetDate } : {}),
    });
    if (added) {
      setTitle('');
      setSuccess('');
      setTargetDate('');
      setOpen(false);
    }
  };
  return (
    <form class="add-goal" onSubmit={submit} aria-label="New goal">
      <label class="field">
        <span>Goal</span>
        <input value={title} maxLength={500} required onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>What success looks like</span>
        <input value={success} maxLength={10_000} onInput={(e) => setSuccess(e.currentTarget.value)} />
      </label>
      <label class="field narrow-date">
        <span>Target date</span>
        <input type="date" value={targetDate} onInput={(e) => setTargetDate(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={title.trim() === ''}>
          Add goal
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
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
      {view.takeaways.length === 0 ? (
        <p class="muted small">None written down.</p>
      ) : (
        <ul class="plain">
          {view.takeaways.map((t) => (
            <li key={t.id} class="with-tools">
              <span>{t.text}</span>
              <button
                type="button"
                class="icon"
                aria-label={`Remove takeaway “${t.text}”`}
                onClick={() => void model.removeTakeaway(t.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <OneLineForm
        label="New takeaway"
        placeholder="A key takeaway"
        onSubmit={(text) => model.addTakeaway(session.id, text)}
      />
      <h3>Action items</h3>
      {view.actionsFromHere.length === 0 ? (
        <p class="muted small">None agreed.</p>
      ) : (
        <ul class="plain actions-list">
          {view.actionsFromHere.map((action) => (
            <li key={action.id}>
              <label class="check">
                <input
                  type="checkbox"
                  checked={action.status === 'done'}
                  disabled={action.status === 'dropped'}
                  onChange={(e) =>
                    void model.setActionStatus(action.id, e.currentTarget.checked ? 'done' : 'open', session.id)
                  }
                />
                <span>
                  {action.text}
                  <span class="item-meta">
                    {ownerName(action.owner, relationship)}
                    {action.status === 'dropped' ? ' · dropped' : action.status === 'done' ? ' · done' : ''}
                    {action.dueOn && ` · due ${dayLabel(action.dueOn)}`}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <AddAction model={model} relationship={relationship} sessionId={session.id} />
    </section>
  );
}

/** A single text field with an Add button; keeps the text when saving fails. */
function OneLineForm({
  label,
  placeholder,
  onSubmit,
}: {
  label: string;
  placeholder: string;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState('');
  return (
    <form
      class="row"
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault();
        if (text.trim() !== '' && (await onSubmit(text))) setText('');
      }}
    >
      <input
        aria-label={label}
        value={text}
        maxLength={500}
        placeholder={placeholder}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" disabled={text.trim() === ''}>
        Add
      </button>
    </form>
  );
}

/** An action item with its owner and due date. */
function AddAction({
  model,
  relationship,
  sessionId,
}: {
  model: SessionPanelModel;
  relationship: Relationship;
  sessionId: string;
}) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<Role>(relationship.myRole);
  const [dueOn, setDueOn] = useState('');
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    const added = await model.addActionItem(relationship.id, sessionId, {
      text,
      owner,
      ...(dueOn ? { dueOn } : {}),
    });
    if (added) {
      setText('');
      setDueOn('');
    }
  };
  return (
    <form class="add-action" aria-label="New action item" onSubmit={submit}>
      <input
        aria-label="New action item"
        value={text}
        maxLength={500}
        placeholder="Who does what, by when"
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="row">
        <label class="field">
          <span>Owner</span>
          <select value={owner} onChange={(e) => setOwner(e.currentTarget.value as Role)}>
            <option value={relationship.myRole}>You</option>
            <option value={relationship.myRole === 'mentor' ? 'mentee' : 'mentor'}>{relationship.other.name}</option>
          </select>
        </label>
        <label class="field">
          <span>Due</span>
          <input type="date" value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={text.trim() === ''}>
          Add
        </button>
      </div>
    </form>
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
