import { newId, now } from '../model/common';
import { type Goal, Goal as GoalSchema, type Milestone } from '../model/goal';
import { db } from './database';

// The options page's goal editor. Apart from goals.ts, which the popup loads: its bundle stays small.

/** What the goal editor changes: everything but the goal's identity and history. */
export type GoalEdit = Pick<Goal, 'title' | 'why' | 'successCriteria' | 'category' | 'status'> & {
  targetDate?: string;
  /** The new milestone list: kept ones carry their id (and keep their done date); new ones have none. */
  milestones: Array<Omit<Milestone, 'id' | 'doneOn'> & { id?: string }>;
};

/**
 * Replaces a goal's editable fields and milestones and records what changed, with `why`, in its
 * revision history, atomically. Nothing changed: nothing is written. A removed milestone's wins
 * stay (they still happened) but no longer point at it, so nothing refers to a milestone that is
 * gone. Validated before writing: an invalid edit throws and changes nothing.
 */
export function editGoal(id: string, edit: GoalEdit, why: string): Promise<Goal> {
  return db.transaction('rw', db.goals, db.wins, async () => {
    const current = await db.goals.get(id);
    if (!current) throw new Error(`no goal ${id}`);
    const kept = new Map(current.milestones.map((m) => [m.id, m]));
    const milestones = edit.milestones.map(({ id: milestoneId, ...fields }) => {
      const before = milestoneId ? kept.get(milestoneId) : undefined;
      return {
        id: before?.id ?? newId(),
        title: fields.title.trim(),
        ...(fields.dueOn ? { dueOn: fields.dueOn } : {}),
        ...(before?.doneOn ? { doneOn: before.doneOn } : {}),
      };
    });
    const { targetDate: _, ...rest } = current;
    const next: Goal = {
      ...rest,
      title: edit.title.trim(),
      why: edit.why.trim(),
      successCriteria: edit.successCriteria.trim(),
      category: edit.category,
      status: edit.status,
      ...(edit.targetDate ? { targetDate: edit.targetDate } : {}),
      milestones,
    };
    const change = describeGoalChange(current, next);
    if (!change) return current;
    const saved = GoalSchema.parse({
      ...next,
      revisions: [...current.revisions, { at: now(), change, why: why.trim() }],
      updatedAt: now(),
    });
    const removed = current.milestones.filter((m) => !milestones.some((n) => n.id === m.id)).map((m) => m.id);
    if (removed.length > 0) {
      await db.wins
        .where('goalId')
        .equals(id)
        .filter((win) => win.milestoneId !== undefined && removed.includes(win.milestoneId))
        .modify((win) => {
          delete win.milestoneId;
          win.updatedAt = now();
        });
    }
    await db.goals.put(saved);
    return saved;
  });
}

/**
 * What changed between two versions of a goal, in a few words for its history: "Target date
 * 31 Mar 2027 → 30 Jun 2027; status active → achieved; 1 milestone added". Empty when nothing did.
 */
export function describeGoalChange(before: Goal, after: Goal): string {
  const parts: string[] = [];
  if (before.title !== after.title) parts.push(`title “${before.title}” → “${after.title}”`);
  if (before.targetDate !== after.targetDate) {
    parts.push(`target date ${before.targetDate ?? 'none'} → ${after.targetDate ?? 'none'}`);
  }
  if (before.status !== after.status) parts.push(`status ${before.status} → ${after.status}`);
  if (before.category !== after.category) parts.push(`category ${before.category} → ${after.category}`);
  if (before.successCriteria !== after.successCriteria) parts.push('success criteria');
  if (before.why !== after.why) parts.push('why it matters');
  const ids = new Set(before.milestones.map((m) => m.id));
  const added = after.milestones.filter((m) => !ids.has(m.id)).length;
  const removed = before.milestones.filter((m) => !after.milestones.some((n) => n.id === m.id)).length;
  const changed = after.milestones.filter((m) => {
    const old = before.milestones.find((o) => o.id === m.id);
    return old !== undefined && (old.title !== m.title || old.dueOn !== m.dueOn);
  }).length;
  const count = (n: number, what: string) => `${n} milestone${n === 1 ? '' : 's'} ${what}`;
  if (added) parts.push(count(added, 'added'));
  if (removed) parts.push(count(removed, 'removed'));
  if (changed) parts.push(count(changed, 'changed'));
  const order = (goal: Goal) => goal.milestones.map((m) => m.id).join();
  if (!added && !removed && order(before) !== order(after)) parts.push('milestones reordered');
  const text = parts.join('; ');
  // The change is a Title (at most 500 characters); a long old and new title is shortened, not refused.
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence.length > 500 ? `${sentence.slice(0, 499)}…` : sentence;
}
