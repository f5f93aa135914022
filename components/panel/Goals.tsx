import { useState } from 'preact/hooks';
import type { GoalInFocus } from '../../lib/db/views';
import type { Goal } from '../../lib/model/goal';
import type { SessionPanelModel } from '../../lib/models/session-panel';
import { dayLabel, today } from '../format';
import { StoredCheckbox } from '../StoredCheckbox';

/**
 * The goals in focus: progress, the next milestone, milestones to tick off, and "revise" (goals
 * are meant to be adjusted; each change is kept with its reason).
 */
export function Goals({
  goals,
  model,
  relationshipId,
}: {
  goals: GoalInFocus[];
  model: SessionPanelModel;
  relationshipId: string;
}) {
  const [revising, setRevising] = useState<string | null>(null);
  return (
    <section aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals in focus</h2>
      {goals.length === 0 ? (
        <p class="muted small">No goals yet. Agree on one or two specific goals, with a date and milestones.</p>
      ) : (
        <ul class="plain goals">
          {goals.map(({ goal, milestonesDone, nextMilestone }) => (
            <li key={goal.id} class="goal">
              <strong>{goal.title}</strong>
              <span class="item-meta">
                {goal.milestones.length > 0 && `${milestonesDone}/${goal.milestones.length} milestones`}
                {goal.milestones.length > 0 && goal.targetDate && ' · '}
                {goal.targetDate && `target ${dayLabel(goal.targetDate)}`}
              </span>
              {nextMilestone && (
                <span class="item-meta">
                  Next: {nextMilestone.title}
                  {nextMilestone.dueOn && ` (by ${dayLabel(nextMilestone.dueOn)})`}
                </span>
              )}
              {goal.milestones.length > 0 && (
                <ul class="plain milestones" aria-label={`Milestones of ${goal.title}`}>
                  {goal.milestones.map((milestone) => (
                    <li key={milestone.id}>
                      <label class="check small">
                        <StoredCheckbox
                          checked={Boolean(milestone.doneOn)}
                          onChange={(done) => model.setMilestoneDone(goal.id, milestone.id, done ? today() : null)}
                        />
                        <span>
                          {milestone.title}
                          {milestone.doneOn && ` · done ${dayLabel(milestone.doneOn)}`}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {revising === goal.id ? (
                <ReviseGoal goal={goal} model={model} onDone={() => setRevising(null)} />
              ) : (
                <button
                  type="button"
                  class="link small"
                  aria-label={`Revise “${goal.title}”`}
                  onClick={() => setRevising(goal.id)}
                >
                  Revise
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <GoalQuickAdd model={model} relationshipId={relationshipId} />
    </section>
  );
}

function ReviseGoal({ goal, model, onDone }: { goal: Goal; model: SessionPanelModel; onDone: () => void }) {
  const [title, setTitle] = useState(goal.title);
  const [targetDate, setTargetDate] = useState(goal.targetDate ?? '');
  const [why, setWhy] = useState('');
  return (
    <form
      class="add-goal"
      aria-label={`Revise ${goal.title}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.reviseGoal(goal, { title: title.trim(), targetDate }, why.trim())) onDone();
      }}
    >
      <label class="field">
        <span>Goal</span>
        <input value={title} maxLength={500} required onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Target date</span>
        <input type="date" value={targetDate} onInput={(e) => setTargetDate(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Why the change</span>
        <input value={why} maxLength={10_000} onInput={(e) => setWhy(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={title.trim() === ''}>
          Save revision
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A specific goal in a few words: title, what success looks like, a target date. */
function GoalQuickAdd({ model, relationshipId }: { model: SessionPanelModel; relationshipId: string }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [success, setSuccess] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [dateError, setDateError] = useState('');
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
    if (targetDate && targetDate < today()) {
      setDateError('The target date is in the past.');
      return;
    }
    setDateError('');
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
      <label class="field">
        <span>Target date</span>
        <input
          type="date"
          value={targetDate}
          aria-invalid={dateError ? 'true' : undefined}
          aria-describedby={dateError ? 'goal-date-error' : undefined}
          onInput={(e) => setTargetDate(e.currentTarget.value)}
        />
      </label>
      {dateError && (
        <p class="field-error" id="goal-date-error">
          {dateError}
        </p>
      )}
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
