import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { dateInputValue, NOT_A_DATE } from '../lib/models/drafts';
import type { Form } from '../lib/models/form';

/** What a control needs to be labelled and to announce its problem. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled form control with its problem shown right under it, in words, and tied to it for
 * screen readers (`aria-describedby`, `aria-invalid`). The error text comes from the form model.
 */
export function Field({
  label,
  error,
  hint,
  class: className,
  children,
}: {
  label: ComponentChildren;
  error?: string | undefined;
  hint?: string;
  class?: string;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class={`field${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} class="error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A day: a date input whose text, when it is no real date, reaches the form as such (`dateInputValue`). */
export function DateField({
  label,
  value,
  error,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string;
  error?: string | undefined;
  min?: string;
  max?: string;
  onChange: (day: string) => void;
}) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <input
          {...control}
          type="date"
          // Half a date stays on screen as typed: writing the marker back would clear it.
          value={value === NOT_A_DATE ? undefined : value}
          {...(min ? { min } : {})}
          {...(max ? { max } : {})}
          // A date typed half-way changes no value, so fires no input event: read it on each key and on leaving too.
          onInput={(e) => onChange(dateInputValue(e.currentTarget))}
          onKeyUp={(e) => onChange(dateInputValue(e.currentTarget))}
          onBlur={(e) => onChange(dateInputValue(e.currentTarget))}
        />
      )}
    </Field>
  );
}

/** A form's save failure, announced. */
function FormProblem({ text }: { text: string | null }) {
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}

/**
 * A form of the popup or options page: its fields, why saving failed (if it did), and its buttons.
 * The browser's own validation is off (`noValidate`): the form model explains each problem in place.
 * `onSaved` runs when the submit saved; `onCancel` adds a Cancel button.
 */
export function FormShell({
  form,
  label,
  labelledBy,
  class: className = 'editor',
  submit,
  primary = true,
  onSaved,
  onCancel,
  children,
}: {
  form: Pick<Form<unknown>, 'submit' | 'problem' | 'busy'>;
  label?: string;
  labelledBy?: string;
  class?: string;
  submit: string;
  primary?: boolean;
  onSaved?: () => void;
  onCancel?: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class={className}
      {...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': label })}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await form.submit()) && onSaved) onSaved();
      }}
    >
      {children}
      <FormProblem text={form.problem.value} />
      <div class="row">
        <button type="submit" class={primary ? 'primary' : undefined} disabled={form.busy.value}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A form that opens on request takes the focus into its first field: put the ref on it. */
export function useFirstField<T extends HTMLElement = HTMLInputElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/**
 * A button that shows a form under it (`aria-expanded`), and takes the focus back when the form is
 * closed. `children` gets the function that closes it.
 */
export function Disclosure({
  label,
  onOpen,
  children,
}: {
  label: string;
  onOpen?: () => void;
  children: (close: () => void) => ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <div>
        <button
          type="button"
          ref={button}
          aria-expanded={open}
          onClick={() => {
            if (!open) onOpen?.();
            setOpen(!open);
          }}
        >
          {label}
        </button>
      </div>
      {open && children(close)}
    </>
  );
}
