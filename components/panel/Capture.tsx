import { useState } from 'preact/hooks';
import type { GoalInFocus } from '../../lib/db/views';
import type { Role } from '../../lib/model/common';
import type { ActionItem, Takeaway } from '../../lib/model/outcome';
import type { Relationship } from '../../lib/model/relationship';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { dayLabel, ownerName, today } from '../format';
import { StoredCheckbox } from '../StoredCheckbox';
import { EarlierTexts } from './EarlierTexts';

/** A single text field with an Add button; keeps the text when saving fails. */
export function OneLineForm({
  label,
  placeholder,
  onSubmit,
  inputId,
}: {
  label: string;
  placeholder: string;
  onSubmit: (text: string) => Promise<boolean>;
  inputId?: string;
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
        id={inputId}
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

/** "from <other person>" under a takeaway the other person wrote down (merged from their shared payload). */
export function TakeawayMeta({ takeaway, relationship }: { takeaway: Takeaway; relationship: Relationship }) {
  if (takeaway.addedBy !== 'them') return null;
  return <span class="item-meta">from {relationship.other.name}</span>;
}

/** A session's takeaways, removable, with a field to add one. */
export function Takeaways({
  model,
  sessionId,
  takeaways,
  relationship,
  inputId,
}: {
  model: SessionPanelModel;
  sessionId: string;
  takeaways: Takeaway[];
  relationship: Relationship;
  inputId?: string;
}) {
  return (
    <>
      {takeaways.length === 0 ? (
        <p class="muted small">None written down yet.</p>
      ) : (
        <ul class="plain">
          {takeaways.map((t) => (
            <li key={t.id} class="with-tools">
              <span>
                {t.text}
                <TakeawayMeta takeaway={t} relationship={relationship} />
                <EarlierTexts history={t.history} relationship={relationship} />
              </span>
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
        inputId={inputId}
        onSubmit={(text) => model.addTakeaway(sessionId, text)}
      />
    </>
  );
}

/** The action items agreed in a session, tickable, with a form to add one (owner, due date, goal). */
export function ActionItems({
  model,
  relationship,
  sessionId,
  actions,
  goals,
  inputId,
  notBefore = today(),
}: {
  model: SessionPanelModel;
  relationship: Relationship;
  sessionId: string;
  actions: ActionItem[];
  goals: GoalInFocus[];
  inputId?: string;
  /** The earliest due date that makes sense (YYYY-MM-DD): the session's day, when recorded afterwards. */
  notBefore?: string;
}) {
  return (
    <>
      {actions.length === 0 ? (
        <p class="muted small">None agreed yet.</p>
      ) : (
        <ul class="plain actions-list">
          {actions.map((action) => (
            <li key={action.id}>
              <label class="check">
                <StoredCheckbox
                  checked={action.status === 'done'}
                  disabled={action.status === 'dropped'}
                  onChange={(done) => model.setActionStatus(action.id, done ? 'done' : 'open', sessionId)}
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
      <AddAction
        model={model}
        relationship={relationship}
        sessionId={sessionId}
        goals={goals}
        inputId={inputId}
        notBefore={notBefore}
      />
    </>
  );
}

function AddAction({
  model,
  relationship,
  sessionId,
  goals,
  inputId,
  notBefore,
}: {
  model: SessionPanelModel;
  relationship: Relationship;
  sessionId: string;
  goals: GoalInFocus[];
  inputId?: string;
  notBefore: string;
}) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<Role>(relationship.myRole === 'mentor' ? 'mentee' : 'mentor');
  const [dueOn, setDueOn] = useState('');
  const [goalId, setGoalId] = useState('');
  const [dateError, setDateError] = useState('');
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    if (dueOn && dueOn < notBefore) {
      setDateError(`The due date is before ${dayLabel(notBefore)}.`);
      return;
    }
    setDateError('');
    const added = await model.addActionItem(relationship.id, sessionId, {
      text,
      owner,
      ...(dueOn ? { dueOn } : {}),
      ...(goalId ? { goalId } : {}),
    });
    if (added) {
      setText('');
      setDueOn('');
    }
  };
  const errorId = `${inputId ?? 'action'}-date-error`;
  return (
    <form class="add-action" aria-label="New action item" onSubmit={submit}>
      <input
        id={inputId}
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
          <input
            type="date"
            value={dueOn}
            aria-invalid={dateError ? 'true' : undefined}
            aria-describedby={dateError ? errorId : undefined}
            onInput={(e) => setDueOn(e.currentTarget.value)}
          />
        </label>
        {goals.length > 0 && (
          <label class="field">
            <span>Goal</span>
            <select value={goalId} onChange={(e) => setGoalId(e.currentTarget.value)}>
              <option value="">No goal</option>
              {goals.map(({ goal }) => (
                <option key={goal.id} value={goal.id}>
                  {goal.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={text.trim() === ''}>
          Add
        </button>
      </div>
      {dateError && (
        <p class="field-error" id={errorId}>
          {dateError}
        </p>
      )}
    </form>
  );
}

/** "One thing to celebrate": a win, optionally linked to a goal. */
export function AddWin({
  model,
  relationshipId,
  sessionId,
  goals,
  inputId,
}: {
  model: SessionPanelModel;
  relationshipId: string;
  sessionId: string;
  goals: GoalInFocus[];
  inputId?: string;
}) {
  const [text, setText] = useState('');
  const [goalId, setGoalId] = useState('');
  return (
    <form
      class="add-win"
      aria-label="New win"
      onSubmit={async (e) => {
        e.preventDefault();
        if (text.trim() === '') return;
        const added = await model.addWin(relationshipId, {
          text,
          on: today(),
          sessionId,
          ...(goalId ? { goalId } : {}),
        });
        if (added) setText('');
      }}
    >
      <div class="row">
        <input
          id={inputId}
          aria-label="New win"
          value={text}
          maxLength={500}
          placeholder="Something to celebrate"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {goals.length > 0 && (
          <select aria-label="Goal of the win" value={goalId} onChange={(e) => setGoalId(e.currentTarget.value)}>
            <option value="">No goal</option>
            {goals.map(({ goal }) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </select>
        )}
        <button type="submit" disabled={text.trim() === ''}>
          Log win
        </button>
      </div>
    </form>
  );
}
