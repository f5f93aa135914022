import { addGoal } from '../db/goals';
import { logWin } from '../db/wins';
import { EMPTY_GOAL, type GoalDraft, validateNewGoal, validateWin, type WinDraft } from './drafts';
import { createForm, type Form } from './form';

// The popup's quick actions, loaded when first opened: the popup's first paint does not wait for
// form code (tests/bench: popup bundle budget).

/** "Add a goal" in a few words: what, and by when (today or later). */
export function createGoalForm(relationshipId: string, today: string): Form<GoalDraft> {
  return createForm({
    initial: EMPTY_GOAL,
    validate: (draft) => validateNewGoal(draft, today),
    save: (goal) => addGoal(relationshipId, goal),
    what: 'add the goal',
    resetOnSave: true,
  });
}

/** "Log a win": what went well, on a day not in the future, for one goal or none. */
export function createWinForm(relationshipId: string, today: string): Form<WinDraft> {
  return createForm({
    initial: { text: '', on: today, goalId: '' },
    validate: (draft) => validateWin(draft, today),
    save: (win) => logWin(relationshipId, win),
    what: 'log the win',
    resetOnSave: true,
  });
}
