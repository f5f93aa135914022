import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { explain } from './explain';

/** A field's path (`title`, `milestones.2.dueOn`) → what is wrong with it, in words. */
export type FieldErrors = Readonly<Record<string, string>>;

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** What `safeParse` of a zod schema returns, as a form needs it. */
export type Validation<Out> = { success: true; data: Out } | { success: false; error: { issues: readonly Issue[] } };

/**
 * A form's state: the draft values, what is wrong with them, and submitting. Nothing is saved unless
 * the whole draft is valid; `save` then writes it at once (the repositories do so in one
 * transaction), so a form never saves half-way. Errors show after the first submit and follow each
 * change from then on. A failed save keeps the draft and says why in `problem`.
 */
export interface Form<V> {
  values: ReadonlySignal<V>;
  errors: ReadonlySignal<FieldErrors>;
  problem: ReadonlySignal<string | null>;
  busy: ReadonlySignal<boolean>;
  set<K extends keyof V>(key: K, value: V[K]): void;
  /** Back to `values` (default: the initial ones), errors cleared. */
  reset(values?: V): void;
  /** Validates and saves; true when saved. */
  submit(): Promise<boolean>;
}

export interface FormOptions<V, Out> {
  initial: V;
  validate(values: V): Validation<Out>;
  save(data: Out): Promise<unknown>;
  /** "save the goal": for "Could not save the goal: …". */
  what: string;
  /** After a successful save, go back to the initial values (forms that add something). */
  resetOnSave?: boolean;
}

export function createForm<V, Out>(options: FormOptions<V, Out>): Form<V> {
  const values = signal(options.initial);
  const submitted = signal(false);
  const problem = signal<string | null>(null);
  const busy = signal(false);
  const errors = computed(() => (submitted.value ? fieldErrors(options.validate(values.value)) : {}));

  return {
    values,
    errors,
    problem,
    busy,
    set(key, value) {
      values.value = { ...values.value, [key]: value };
    },
    reset(next = options.initial) {
      values.value = next;
      submitted.value = false;
      problem.value = null;
    },
    async submit() {
      submitted.value = true;
      problem.value = null;
      const result = options.validate(values.value);
      if (!result.success || busy.value) return false;
      busy.value = true;
      try {
        await options.save(result.data);
        if (options.resetOnSave) values.value = options.initial;
        submitted.value = false;
        return true;
      } catch (error) {
        problem.value = `Could not ${options.what}: ${explain(error)}`;
        return false;
      } finally {
        busy.value = false;
      }
    },
  };
}

/** The first problem of each field, capitalised: "Must not be empty". */
export function fieldErrors(result: Validation<unknown>): FieldErrors {
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return errors;
}
