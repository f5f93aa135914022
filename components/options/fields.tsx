import type { Ref } from 'preact';
import type { Role } from '../../lib/model/common';
import type { CadenceChoice, RelationshipDraft } from '../../lib/models/editor-drafts';
import type { FieldErrors, Form } from '../../lib/models/form';
import { DateField, Field } from '../Field';

/** Who the other person is, the user's role and the start: in the new-relationship and details forms. */
export function RelationshipFields<D extends RelationshipDraft>({
  form,
  first,
}: {
  form: Form<D>;
  first?: Ref<HTMLInputElement>;
}) {
  const { values, errors } = form;
  const set = form.set as <K extends keyof RelationshipDraft>(key: K, value: RelationshipDraft[K]) => void;
  return (
    <>
      <Field label="Their name" error={errors.value.name}>
        {(control) => (
          <input
            {...control}
            ref={first}
            value={values.value.name}
            onInput={(e) => set('name', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Their email (optional)" error={errors.value.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            value={values.value.email}
            onInput={(e) => set('email', e.currentTarget.value)}
          />
        )}
      </Field>
      <RoleField value={values.value.myRole} onChange={(role) => set('myRole', role)} />
      <DateField
        label="Started on"
        value={values.value.startedOn}
        error={errors.value.startedOn}
        onChange={(day) => set('startedOn', day)}
      />
    </>
  );
}

/** The user's side of the relationship. */
export function RoleField({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  return (
    <Field label="You are the">
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
          <option value="mentee">mentee</option>
          <option value="mentor">mentor</option>
        </select>
      )}
    </Field>
  );
}

/** How often and how long: the rhythm of the agreement. */
export function CadenceFields({
  cadence,
  rrule,
  minutes,
  errors,
  onCadence,
  onRrule,
  onMinutes,
}: {
  cadence: CadenceChoice;
  rrule: string;
  minutes: string;
  errors: FieldErrors;
  onCadence: (cadence: CadenceChoice) => void;
  onRrule: (rrule: string) => void;
  onMinutes: (minutes: string) => void;
}) {
  return (
    <>
      <Field label="How often you meet">
        {(control) => (
          <select {...control} value={cadence} onChange={(e) => onCadence(e.currentTarget.value as CadenceChoice)}>
            <option value="weekly">every week</option>
            <option value="biweekly">every 2 weeks</option>
            <option value="monthly">every month</option>
            <option value="custom">another rhythm (RRULE)</option>
          </select>
        )}
      </Field>
      {cadence === 'custom' && (
        <Field label="Rhythm as an RRULE" hint="For example FREQ=WEEKLY;INTERVAL=3;BYDAY=WE" error={errors.rrule}>
          {(control) => <input {...control} value={rrule} onInput={(e) => onRrule(e.currentTarget.value)} />}
        </Field>
      )}
      <Field label="Session length (minutes)" error={errors.sessionMinutes}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={5}
            max={480}
            step={5}
            value={minutes}
            onInput={(e) => onMinutes(e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}

/** Free text up to 10,000 characters; the count shows once it gets near. */
export function LongTextField({
  label,
  value,
  error,
  hint,
  onInput,
  rows = 3,
}: {
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  onInput: (value: string) => void;
  rows?: number;
}) {
  const near = value.length > 9_000;
  return (
    <Field
      label={label}
      error={error}
      {...(near || hint ? { hint: near ? `${value.length.toLocaleString()} of 10,000 characters` : (hint ?? '') } : {})}
    >
      {(control) => <textarea {...control} rows={rows} value={value} onInput={(e) => onInput(e.currentTarget.value)} />}
    </Field>
  );
}
