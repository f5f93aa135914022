import type { Ref } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Goal } from '../../lib/model/goal';
import type { Win } from '../../lib/model/outcome';
import type { GoalDraft } from '../../lib/models/drafts';
import type { GoalEditDraft } from '../../lib/models/editor-drafts';
import type { Form } from '../../lib/models/form';
import type { RelationshipEditor } from '../../lib/models/relationship-editor';
import { MilestoneTimeline } from '../charts/MilestoneTimeline';
import { DateField, Disclosure, Field, FormShell, useFirstField } from '../Field';
import { dayLabel, fullDayLabel } from '../format';
import { StoredCheckbox } from '../StoredCheckbox';
import { LongTextField } from './fields';

const CATEGORIES: readonly [GoalDraft['category'], string][] = [
  ['career', 'Career'],
  ['skill', 'A skill'],
  ['personal-growth', 'Personal growth'],
  ['network', 'Network'],
];
const STATUSES: readonly [GoalEditDraft['status'], string][] = [
  ['active', 'active'],
  ['proposed', 'proposed'],
  ['achieved', 'achieved'],
  ['revised', 'revised'],
  ['dropped', 'dropped'],
];

/** Options → a relationship's goals: each with its milestones, timeline and history; edit one, add one. */
export function GoalsEditor({
  goals,
  wins,
  editor,
}: {
  goals: readonly Goal[];
  wins: readonly Win[];
  editor: RelationshipEditor;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  /** After an edit, the focus returns to that goal's Edit button. */
  const [returnTo, setReturnTo] = useState<string | null>(null);
  return (
    <>
      {goals.length === 0 && (
        <p class="muted">No goals yet: agree on one or two, specific, with a date and milestones.</p>
      )}
      <ul class="plain goal-list">
        {goals.map((goal) => (
          <li key={goal.id} class="goal-card">
            {editing === goal.id ? (
              <GoalEditForm
                goal={goal}
                editor={editor}
                onClose={() => {
                  setEditing(null);
                  setReturnTo(goal.id);
                }}
              />
            ) : (
              <GoalView
                goal={goal}
                wins={wins.filter((w) => w.goalId === goal.id)}
                editor={editor}
                focusEdit={returnTo === goal.id}
                onEdit={() => setEditing(goal.id)}
              />
            )}
          </li>
        ))}
      </ul>
      <Disclosure label="Add a goal" onOpen={() => editor.newGoal.reset()}>
        {(close) => <NewGoalForm form={editor.newGoal} onClose={close} />}
      </Disclosure>
    </>
  );
}

function GoalView({
  goal,
  wins,
  editor,
  focusEdit,
  onEdit,
}: {
  goal: Goal;
  wins: readonly Win[];
  editor: RelationshipEditor;
  focusEdit: boolean;
  onEdit: () => void;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editButton.current?.focus();
  }, [focusEdit]);
  const late =
    goal.targetDate !== undefined &&
    goal.targetDate < editor.today &&
    (goal.status === 'active' || goal.status === 'proposed');
  return (
    <>
      <h4>
        {goal.title} <span class="chip">{goal.status}</span>
      </h4>
      <p class="muted small">
        {goal.targetDate ? (
          <span class={late ? 'overdue' : undefined}>
            {late ? 'Target passed' : 'Target'} {fullDayLabel(goal.targetDate)}
          </span>
        ) : (
          'No target date'
        )}
      </p>
      {goal.successCriteria && <p class="text">Success looks like: {goal.successCriteria}</p>}
      {goal.why && <p class="text muted">Why: {goal.why}</p>}
      <MilestoneTimeline goal={goal} wins={wins} today={editor.today} />
      {goal.milestones.length > 0 && (
        <fieldset>
          <legend>Milestones</legend>
          <ul class="plain">
            {goal.milestones.map((m) => (
              <li key={m.id}>
                <label class="check">
                  <StoredCheckbox
                    checked={Boolean(m.doneOn)}
                    onChange={(done) => editor.setMilestone(goal.id, m.id, done)}
                  />
                  <span>
                    {m.title}
                    <span class="muted small">
                      {m.doneOn ? ` · done ${dayLabel(m.doneOn)}` : m.dueOn ? ` · due ${dayLabel(m.dueOn)}` : ''}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {wins.length > 0 && <p class="small">Wins: {wins.map((w) => `${w.text} (${dayLabel(w.on)})`).join(' · ')}</p>}
      {goal.revisions.length > 0 && (
        <details>
          <summary>
            History: {goal.revisions.length} change{goal.revisions.length === 1 ? '' : 's'}
          </summary>
          <ol class="history-list">
            {goal.revisions.map((revision) => (
              <li key={revision.at}>
                <span class="muted small">{fullDayLabel(revision.at)}</span> {revision.change}
                {revision.why && <span class="muted"> — {revision.why}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
      <div>
        <button type="button" ref={editButton} onClick={onEdit}>
          Edit<span class="visually-hidden"> “{goal.title}”</span>
        </button>
      </div>
    </>
  );
}

/** The fields every goal has; used by the new-goal and edit forms. */
function GoalFields<D extends GoalDraft>({ form, first }: { form: Form<D>; first?: Ref<HTMLInputElement> }) {
  const { values, errors } = form;
  const v = values.value;
  const set = form.set as <K extends keyof GoalDraft>(key: K, value: GoalDraft[K]) => void;
  return (
    <>
      <div class="grid2">
        <Field label="Goal" error={errors.value.title}>
          {(control) => (
            <input {...control} ref={first} value={v.title} onInput={(e) => set('title', e.currentTarget.value)} />
          )}
        </Field>
        <DateField
          label="Target date"
          value={v.targetDate}
          error={errors.value.targetDate}
          onChange={(day) => set('targetDate', day)}
        />
        <Field label="Kind of goal">
          {(control) => (
            <select
              {...control}
              value={v.category}
              onChange={(e) => set('category', e.currentTarget.value as GoalDraft['category'])}
            >
              {CATEGORIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <LongTextField
        label="What success looks like"
        hint="Specific and checkable."
        value={v.successCriteria}
        error={errors.value.successCriteria}
        onInput={(value) => set('successCriteria', value)}
      />
      <LongTextField
        label="Why it matters"
        value={v.why}
        error={errors.value.why}
        onInput={(value) => set('why', value)}
      />
    </>
  );
}

function NewGoalForm({ form, onClose }: { form: Form<GoalDraft>; onClose: () => void }) {
  const first = useFirstField();
  return (
    <FormShell form={form} label="New goal" submit="Add goal" onSaved={onClose} onCancel={onClose}>
      <GoalFields form={form} first={first} />
    </FormShell>
  );
}

/** Changes to a goal, its status and its milestones, with the reason kept in its history. */
function GoalEditForm({ goal, editor, onClose }: { goal: Goal; editor: RelationshipEditor; onClose: () => void }) {
  const form = useMemo(() => editor.goalEditor(goal), [editor, goal.id]);
  const first = useFirstField();
  const { values, errors } = form;
  const milestones = values.value.milestones;
  const setMilestones = (next: GoalEditDraft['milestones']) => form.set('milestones', next);
  return (
    <FormShell form={form} label={`Edit “${goal.title}”`} submit="Save the goal" onSaved={onClose} onCancel={onClose}>
      <GoalFields form={form} first={first} />
      <Field label="Status">
        {(control) => (
          <select
            {...control}
            value={values.value.status}
            onChange={(e) => form.set('status', e.currentTarget.value as GoalEditDraft['status'])}
          >
            {STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset class="milestones">
        <legend>Milestones</legend>
        {milestones.length === 0 && <p class="muted small">None yet.</p>}
        <ol class="plain">
          {milestones.map((m, i) => (
            <li key={m.id ?? `new-${i}`} class="milestone-row">
              <Field label={`Milestone ${i + 1}`} error={errors.value[`milestones.${i}.title`]}>
                {(control) => (
                  <input
                    {...control}
                    value={m.title}
                    onInput={(e) =>
                      setMilestones(milestones.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))
                    }
                  />
                )}
              </Field>
              <DateField
                label="Due"
                value={m.dueOn}
                error={errors.value[`milestones.${i}.dueOn`]}
                onChange={(dueOn) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, dueOn } : x)))}
              />
              <button type="button" onClick={() => setMilestones(milestones.filter((_, j) => j !== i))}>
                Remove<span class="visually-hidden"> milestone {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" onClick={() => setMilestones([...milestones, { title: '', dueOn: '' }])}>
            Add a milestone
          </button>
        </div>
      </fieldset>
      <LongTextField
        label="Why this change"
        hint="Kept in the goal's history with what changed."
        value={values.value.reason}
        error={errors.value.reason}
        onInput={(value) => form.set('reason', value)}
        rows={2}
      />
    </FormShell>
  );
}
