import { newId, now } from '../model/common';
import { type Goal, Goal as GoalSchema, isInProgress, type Milestone } from '../model/goal';
import { db } from './database';
import { inFocusOrder } from './goal-order';

/** A relationship's goals: active and proposed first, then the rest; by target date within each. */
export async function goalsOf(relationshipId: string): Promise<Goal[]> {
  const goals = await db.goals.where('relationshipId').equals(relationshipId).toArray();
  return goals.sort(inFocusOrder);
}

/** Goals still being worked on whose target date is on or before `until` (YYYY-MM-DD), soonest first. */
export function goalsDue(until: string): Promise<Goal[]> {
  return db.goals.where('targetDate').belowOrEqual(until).filter(isInProgress).sortBy('targetDate');
}

export type NewGoal = Pick<Goal, 'title' | 'why' | 'successCriteria' | 'category'> & {
  targetDate?: string;
  milestones?: Array<Omit<Milestone, 'id'>>;
};

/** Validates and stores a goal (status active). Throws on invalid input; nothing is written then. */
export async function addGoal(relationshipId: string, input: NewGoal): Promise<Goal> {
  const stamp = now();
  const goal = GoalSchema.parse({
    id: newId(),
    relationshipId,
    ...input,
    status: 'active',
    milestones: (input.milestones ?? []).map((m) => ({ ...m, id: newId() })),
    revisions: [],
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db.goals.add(goal);
  return goal;
}

/**
 * Changes a goal and records the change in its revision history with the reason, atomically.
 * Goals are meant to be revisited: nothing about the old version is lost from the history's view.
 */
export function reviseGoal(
  id: string,
  changes: Partial<Pick<Goal, 'title' | 'why' | 'successCriteria' | 'category' | 'targetDate' | 'status'>>,
  change: string,
  why: string,
): Promise<Goal> {
  return updateGoal(id, (goal) => ({
    ...goal,
    ...changes,
    revisions: [...goal.revisions, { at: now(), change, why }],
  }));
}

/** Marks a milestone done on `on` (YYYY-MM-DD), or not done with `null`. */
export function setMilestoneDone(goalId: string, milestoneId: string, on: string | null): Promise<Goal> {
  return updateGoal(goalId, (goal) => {
    if (!goal.milestones.some((m) => m.id === milestoneId)) throw new Error(`no milestone ${milestoneId}`);
    return {
      ...goal,
      milestones: goal.milestones.map((m) => {
        if (m.id !== milestoneId) return m;
        const { doneOn: _, ...rest } = m;
        return on ? { ...rest, doneOn: on } : rest;
      }),
    };
  });
}

function updateGoal(id: string, change: (goal: Goal) => Goal): Promise<Goal> {
  return db.transaction('rw', db.goals, async () => {
    const current = await db.goals.get(id);
    if (!current) throw new Error(`no goal ${id}`);
    const next = GoalSchema.parse({ ...change(current), updatedAt: now() });
    await db.goals.put(next);
    return next;
  });
}
