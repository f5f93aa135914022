import { z } from 'zod/mini';

// Extension pages forbid eval (MV3 CSP); without this zod would probe `new Function` and Chrome
// would log a CSP violation on every page. Every schema module imports this one.
z.config({ jitless: true });

/** Locally generated record id (UUID v4); never reused. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** An instant, stored as an ISO-8601 UTC string so backups stay readable. */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

export function newId(): Id {
  return crypto.randomUUID();
}

export function now(): Instant {
  return new Date().toISOString();
}

/** A calendar day without a time zone (`2026-11-24`): due dates, target dates, review dates. */
export const LocalDate = z.iso.date();
export type LocalDate = z.infer<typeof LocalDate>;

/** Short, required text (titles, names): trimmed length 1–500. */
export const Title = z.string().check(
  z.refine((value) => value.trim().length > 0, 'must not be empty'),
  z.maxLength(500, 'must be at most 500 characters'),
);

/** Free text that may be empty (explanations, expectations): up to 10,000 characters. */
export const LongText = z.string().check(z.maxLength(10_000, 'must be at most 10,000 characters'));

/** Who said or owns something, seen from this device's user. */
export const Side = z.enum(['me', 'them']);
export type Side = z.infer<typeof Side>;

/** The two roles of a mentoring relationship. */
export const Role = z.enum(['mentor', 'mentee']);
export type Role = z.infer<typeof Role>;

/** Fields every stored record carries. */
export const stamps = { createdAt: Instant, updatedAt: Instant };

/**
 * A text that merging the other person's shared edits replaced (lib/share/merge.ts): who wrote it,
 * when, and when it was replaced. Kept on the item, oldest first, so that nothing either person
 * wrote is silently dropped.
 */
export const ReplacedText = z.object({
  text: z.string().check(z.maxLength(5_000_000, 'must be at most 5,000,000 characters')),
  by: Side,
  at: Instant,
  replacedAt: Instant,
});
export type ReplacedText = z.infer<typeof ReplacedText>;

/** The `history` field of the records whose text is shared: absent until a merge replaced one. */
export const textHistory = { history: z.optional(z.array(ReplacedText)) };
