import { z } from 'zod/mini';
import type { NewGoal } from '../db/goals';
import type { NewWin } from '../db/wins';
import { LocalDate, LongText, Title } from '../model/common';
import { GoalCategory } from '../model/goal';
import type { Validation } from './form';

/**
 * What the forms hold while the user types (text as typed, `''` for "none"), and how each becomes a
 * record's input: validated with the model's zod schemas, plus what only a form can know (a date
 * typed just now must not be in the past). Nothing here writes. The popup's forms are here; the
 * options page's editors add editor-drafts.ts (kept apart so the popup loads only what it uses).
 */

/**
 * What a date input holds when the text typed in it is not a date: the browser reports an empty
 * value then, which must not pass for "no date" (`dateInputValue`).
 */
export const NOT_A_DATE = 'not-a-date';

/** A date input's value, or `NOT_A_DATE` when its text is no real date. */
export function dateInputValue(input: HTMLInputElement): string {
  return input.validity.badInput ? NOT_A_DATE : input.value;
}

const REAL_DATE = 'must be a real date';

/** A day that may be empty; when given, a real date, and not before `earliest` unless it is `kept` (unchanged). */
export function optionalDay(options: { earliest: string; kept?: string }) {
  return z.string().check(
    z.refine((value) => value === '' || LocalDate.safeParse(value).success, REAL_DATE),
    z.refine(
      (value) =>
        value === '' || value === options.kept || !LocalDate.safeParse(value).success || value >= options.earliest,
      'is in the past: choose today or a later day',
    ),
  );
}

/** A day that must be given: a real date, and not after `latest` when set. */
export function requiredDay(options: { latest?: string }) {
  return z.string().check(
    z.refine((value) => value !== '', 'choose a day'),
    z.refine((value) => value === '' || LocalDate.safeParse(value).success, REAL_DATE),
    z.refine((value) => !(options.latest !== undefined && value > options.latest), 'is in the future'),
  );
}

export const ok = <Out>(data: Out): Validation<Out> => ({ success: true, data });

// ---------------------------------------------------------------------------------------------------
// Goals

export interface GoalDraft {
  title: string;
  targetDate: string;
  successCriteria: string;
  why: string;
  category: z.infer<typeof GoalCategory>;
}

export const EMPTY_GOAL: GoalDraft = { title: '', targetDate: '', successCriteria: '', why: '', category: 'skill' };

/** A new goal: a title, and a target date that is today or later. */
export function validateNewGoal(draft: GoalDraft, today: string): Validation<NewGoal> {
  const parsed = z
    .object({
      title: Title,
      targetDate: optionalDay({ earliest: today }),
      successCriteria: LongText,
      why: LongText,
      category: GoalCategory,
    })
    .safeParse(draft);
  if (!parsed.success) return parsed;
  const { targetDate, ...rest } = parsed.data;
  return ok({
    ...rest,
    title: rest.title.trim(),
    successCriteria: rest.successCriteria.trim(),
    why: rest.why.trim(),
    ...(targetDate ? { targetDate } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------
// Wins

export interface WinDraft {
  text: string;
  on: string;
  /** `''`: not about one goal. */
  goalId: string;
}

/** A win: what happened, on a day that is not in the future. */
export function validateWin(draft: WinDraft, today: string): Validation<NewWin> {
  const parsed = z.object({ text: Title, on: requiredDay({ latest: today }), goalId: z.string() }).safeParse(draft);
  if (!parsed.success) return parsed;
  const { goalId, ...rest } = parsed.data;
  return ok({ ...rest, text: rest.text.trim(), ...(goalId ? { goalId } : {}) });
}
