import { z } from 'zod/mini';
import { Id, Instant, LocalDate, LongText, Role, stamps, Title } from './common';

/** How often the pair agreed to meet. `custom` carries an RFC 5545 RRULE (without `DTSTART`). */
export const Cadence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly') }),
  z.object({ kind: z.literal('biweekly') }),
  z.object({ kind: z.literal('monthly') }),
  z.object({
    kind: z.literal('custom'),
    rrule: z
      .string()
      .check(z.regex(/^(RRULE:)?FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, 'not an RRULE')),
  }),
]);
export type Cadence = z.infer<typeof Cadence>;

export const Channel = z.enum(['video', 'phone', 'chat', 'email', 'in-person']);
export type Channel = z.infer<typeof Channel>;

/** What both sides agreed at the start, to be reviewed on `reviewOn`. */
export const Agreement = z.object({
  cadence: Cadence,
  sessionMinutes: z.number().check(z.int(), z.gte(5, 'at least 5 minutes'), z.lte(480, 'at most 8 hours')),
  channels: z.array(Channel),
  mentorRole: LongText,
  menteeRole: LongText,
  mentorExpectations: LongText,
  menteeExpectations: LongText,
  /** e.g. "replies within 2 working days", "no salary negotiation coaching". */
  boundaries: z.array(Title),
  reviewOn: z.optional(LocalDate),
});
export type Agreement = z.infer<typeof Agreement>;

/** A recurring calendar series that holds this relationship's sessions. */
export const LinkedSeries = z.object({
  calendarId: z.string().check(z.minLength(3)),
  seriesId: z.string().check(z.minLength(1)),
});
export type LinkedSeries = z.infer<typeof LinkedSeries>;

export const RelationshipStatus = z.enum(['active', 'paused', 'ended']);

export const Relationship = z.object({
  id: Id,
  /** This device's user's role; the other person has the other one. */
  myRole: Role,
  other: z.object({ name: Title, email: z.optional(z.email()) }),
  status: RelationshipStatus,
  startedOn: LocalDate,
  endedOn: z.optional(LocalDate),
  series: z.array(LinkedSeries),
  agreement: Agreement,
  /**
   * The user agreed that this relationship's shared agenda, takeaways, action items and shared notes
   * are written to its calendar events, where everyone invited can read them (lib/share/consent.ts).
   * Absent: nothing is published.
   */
  shareConsent: z.optional(z.object({ givenAt: Instant })),
  ...stamps,
});
export type Relationship = z.infer<typeof Relationship>;
