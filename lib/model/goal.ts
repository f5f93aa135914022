import { z } from 'zod/mini';
import { Id, Instant, LocalDate, LongText, stamps, Title } from './common';

/** The reasons people seek mentoring. */
export const GoalCategory = z.enum(['career', 'personal-growth', 'skill', 'network']);
export const GoalStatus = z.enum(['proposed', 'active', 'achieved', 'revised', 'dropped']);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const Milestone = z.object({
  id: Id,
  title: Title,
  dueOn: z.optional(LocalDate),
  doneOn: z.optional(LocalDate),
});
export type Milestone = z.infer<typeof Milestone>;

/** Goals are revisited: each change keeps what changed, when and why. */
export const GoalRevision = z.object({ at: Instant, change: Title, why: LongText });

export const Goal = z.object({
  id: Id,
  relationshipId: Id,
  title: Title,
  why: LongText,
  /** "What success looks like": specific and checkable. */
  successCriteria: LongText,
  category: GoalCategory,
  targetDate: z.optional(LocalDate),
  status: GoalStatus,
  milestones: z.array(Milestone),
  revisions: z.array(GoalRevision),
  ...stamps,
});
export type Goal = z.infer<typeof Goal>;

/** Goals still being worked on: the ones the panel shows in focus and reminders count as due. */
export function isInProgress(goal: Pick<Goal, 'status'>): boolean {
  return goal.status === 'active' || goal.status === 'proposed';
}
