import { z } from 'zod/mini';
import { Id, LocalDate, LongText, Role, Side, stamps, Title, textHistory } from './common';

/** A key insight written down at the end of a session. */
export const Takeaway = z.object({
  id: Id,
  sessionId: Id,
  text: Title,
  /**
   * Who wrote it down: `them` for one merged from the other person's shared payload (lib/share).
   * Absent means the user (every takeaway before sharing existed, and every one written here).
   */
  addedBy: z.optional(Side),
  goalId: z.optional(Id),
  ...textHistory,
  ...stamps,
});
export type Takeaway = z.infer<typeof Takeaway>;

export const ActionStatus = z.enum(['open', 'done', 'dropped']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/**
 * Something someone committed to do. It is reviewed at `reviewSessionId`: the session that created
 * it at first, then, while open, the next session each time a session is held or cancelled
 * (carried forward).
 */
export const ActionItem = z.object({
  id: Id,
  relationshipId: Id,
  text: Title,
  owner: Role,
  dueOn: z.optional(LocalDate),
  status: ActionStatus,
  goalId: z.optional(Id),
  createdInSessionId: z.optional(Id),
  reviewSessionId: z.optional(Id),
  closedInSessionId: z.optional(Id),
  ...textHistory,
  ...stamps,
});
export type ActionItem = z.infer<typeof ActionItem>;

/** A written review after a session: what went well, what to improve. */
export const Feedback = z.object({
  id: Id,
  sessionId: Id,
  from: Side,
  strengths: LongText,
  improvements: LongText,
  ...stamps,
});
export type Feedback = z.infer<typeof Feedback>;

const Rating = z.number().check(z.int(), z.gte(1, 'ratings go from 1 to 5'), z.lte(5, 'ratings go from 1 to 5'));

/** A private pulse check on the relationship; never leaves this device. */
export const CheckIn = z.object({
  id: Id,
  relationshipId: Id,
  sessionId: z.optional(Id),
  /** Are we moving toward the goals? */
  progress: Rating,
  /** Is the dynamic working? */
  dynamic: Rating,
  note: LongText,
  ...stamps,
});
export type CheckIn = z.infer<typeof CheckIn>;

/** An achievement to celebrate. */
export const Win = z.object({
  id: Id,
  relationshipId: Id,
  goalId: z.optional(Id),
  milestoneId: z.optional(Id),
  sessionId: z.optional(Id),
  text: Title,
  on: LocalDate,
  ...stamps,
});
export type Win = z.infer<typeof Win>;
