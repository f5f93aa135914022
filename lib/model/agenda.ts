import { z } from 'zod/mini';
import { Id, Side, stamps, Title, textHistory } from './common';

export const AgendaTemplateId = z.enum(['first-session', 'check-in', 'goal-review', 'retrospective']);
export type AgendaTemplateId = z.infer<typeof AgendaTemplateId>;

/** Where an item came from: typed in, from a template, or carried from an earlier session. */
export const AgendaOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added') }),
  z.object({ kind: z.literal('template'), template: AgendaTemplateId }),
  z.object({ kind: z.literal('carried'), fromSessionId: Id, fromItemId: Id }),
]);
export type AgendaOrigin = z.infer<typeof AgendaOrigin>;

export const AgendaItem = z.object({
  id: Id,
  sessionId: Id,
  text: Title,
  addedBy: Side,
  goalId: z.optional(Id),
  /** Sort key within the session; fractional so an item can move between two others. */
  order: z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  discussed: z.boolean(),
  timeboxMinutes: z.optional(z.number().check(z.int(), z.gte(1), z.lte(480))),
  origin: AgendaOrigin,
  /** Indexed copy of `origin.fromItemId` for carried items: makes carrying idempotent. */
  carriedFrom: z.optional(Id),
  ...textHistory,
  ...stamps,
});
export type AgendaItem = z.infer<typeof AgendaItem>;
