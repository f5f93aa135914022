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
