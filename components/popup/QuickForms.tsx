import { useMemo } from 'preact/hooks';
import type { Goal } from '../../lib/model/goal';
import { createGoalForm, createWinForm } from '../../lib/models/quick-forms';
import { DateField, Field, FormShell, useFirstField } from '../Field';

// Loaded on first use (RelationshipReview): not part of the popup's first paint.

interface QuickFormProps {
  relationshipId: string;
  today: string;
  onClose: () => void;
}

/** A goal in a few words: what, and by when. The rest can be filled in on the options page. */
export function AddGoalForm({ relationshipId, today, onClose }: QuickFormProps) {
  const form = useMemo(() => createGoalForm(relationshipId, today), [relationshipId, today]);
  const { values, errors } = form;
  const first = useFirstField();
  return (
    <FormShell form={form} class="quick" label="New goal" submit="Add goal" onSaved={onClose} onCancel={onClose}>
      <Field label="Goal" error={errors.value.title}>
        {(control) => (
          <input
            {...control}
            ref={first}
            value={values.value.title}
            onInput={(e) => form.set('title', e.currentTarget.value)}
          />
        )}
      </Field>
      <DateField
        label="Target date (optional)"
        min={today}
        value={values.value.targetDate}
        error={errors.value.targetDate}
        onChange={(day) => form.set('targetDate', day)}
      />
    </FormShell>
  );
}

/** Something that went well: what, when, and which goal it moves (if one). */
export function LogWinForm({ relationshipId, goals, today, onClose }: QuickFormProps & { goals: readonly Goal[] }) {
  const form = useMemo(() => createWinForm(relationshipId, today), [relationshipId, today]);
  const { values, errors } = form;
  const first = useFirstField();
  return (
    <FormShell form={form} class="quick" label="New win" submit="Log win" onSaved={onClose} onCancel={onClose}>
      <Field label="What went well" error={errors.value.text}>
        {(control) => (
          <input
            {...control}
            ref={first}
            value={values.value.text}
            onInput={(e) => form.set('text', e.currentTarget.value)}
          />
        )}
      </Field>
      <DateField
        label="When"
        max={today}
        value={values.value.on}
        error={errors.value.on}
        onChange={(day) => form.set('on', day)}
      />
      {goals.length > 0 && (
        <Field label="For the goal">
          {(control) => (
            <select
              {...control}
              value={values.value.goalId}
              onChange={(e) => form.set('goalId', e.currentTarget.value)}
            >
              <option value="">None in particular</option>
              {goals.map((goal) => (
                <option key={goal.id} value={goal.id}>
                  {goal.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </FormShell>
  );
}
