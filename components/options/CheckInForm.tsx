import type { CheckInDraft } from '../../lib/models/editor-drafts';
import type { Form } from '../../lib/models/form';
import { FormShell } from '../Field';
import { LongTextField } from './fields';

const SCALE: readonly [number, string][] = [
  [1, '1 · not at all'],
  [2, '2'],
  [3, '3 · somewhat'],
  [4, '4'],
  [5, '5 · very much'],
];

/** The two dimensions of a check-in. */
const QUESTIONS: readonly ['progress' | 'dynamic', string][] = [
  ['progress', 'Are you moving toward your goals?'],
  ['dynamic', 'Is the way you work together working?'],
];

/** A private pulse check: two ratings from 1 to 5 and a note, for the user's eyes only. */
export function CheckInForm({ form }: { form: Form<CheckInDraft> }) {
  const { values, errors } = form;
  return (
    <FormShell form={form} label="New check-in" submit="Save the check-in">
      <p class="muted small">Private: check-ins never leave this device and are not shared with the other person.</p>
      {QUESTIONS.map(([key, legend]) => (
        <Rating
          key={key}
          legend={legend}
          name={key}
          value={values.value[key]}
          error={errors.value[key]}
          onChange={(value) => form.set(key, value)}
        />
      ))}
      <LongTextField
        label="Anything to note (optional)"
        value={values.value.note}
        error={errors.value.note}
        onInput={(value) => form.set('note', value)}
        rows={2}
      />
    </FormShell>
  );
}

function Rating({
  legend,
  name,
  value,
  error,
  onChange,
}: {
  legend: string;
  name: string;
  value: number;
  error: string | undefined;
  onChange: (value: number) => void;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset class="rating" {...(error ? { 'aria-describedby': errorId } : {})}>
      <legend>{legend}</legend>
      <div class="row">
        {SCALE.map(([rating, label]) => (
          <label key={rating} class="check">
            <input
              type="radio"
              name={name}
              value={rating}
              checked={value === rating}
              onChange={() => onChange(rating)}
            />
            {label}
          </label>
        ))}
      </div>
      {error && (
        <span id={errorId} class="error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
