import { z } from 'zod/mini';
import { isMeetingCode } from '../hosts/meet/meeting-code';
import { Id, Instant } from './common';

export const MeetingCode = z.string().check(z.refine(isMeetingCode, 'not a Meet code (abc-defg-hij)'));

/**
 * What a panel is opened for: a calendar occurrence, keyed as the API keys it (design.md §3), or a
 * Meet call known only by its code. This is the panel URL's query and the key into `sessions`.
 */
export const SessionTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('calendar'),
    calendarId: z.string().check(z.minLength(3), z.maxLength(1024)),
    eventId: z.string().check(z.minLength(1), z.maxLength(1024)),
  }),
  z.object({ kind: z.literal('meet'), code: MeetingCode }),
]);
export type SessionTarget = z.infer<typeof SessionTarget>;

export const SessionStatus = z.enum(['scheduled', 'held', 'cancelled', 'moved']);

/** A session's start or end: an instant, or a date for all-day events. */
export const SessionTime = z.union([Instant, z.iso.date()]);

/** One mentoring meeting: a calendar occurrence or an ad-hoc call. */
export const Session = z.object({
  id: Id,
  /** Unset while a session is not yet attached to a relationship (a note typed on an unknown event). */
  relationshipId: z.optional(Id),
  calendarId: z.optional(z.string()),
  eventId: z.optional(z.string()),
  /** Links the occurrences of one recurring series, even without a Google account. */
  seriesId: z.optional(z.string()),
  /** Start of the occurrence when known (from its id, the page or sync). */
  start: z.optional(SessionTime),
  end: z.optional(SessionTime),
  status: SessionStatus,
  meetCode: z.optional(MeetingCode),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Session = z.infer<typeof Session>;

/** The target named by a panel page's query string (see `panelQuery`), or `null` if it names none. */
export function targetFromQuery(search: string): SessionTarget | null {
  const parsed = SessionTarget.safeParse(Object.fromEntries(new URLSearchParams(search)));
  return parsed.success ? parsed.data : null;
}
