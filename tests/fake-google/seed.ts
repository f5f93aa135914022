/**
 * The seed format: users (each with a primary calendar whose id is their email) and events, given
 * as Google event resources. See README.md for an example.
 *
 * Events are created in order, as their calendar's owner in the web app would: `conferenceData`
 * with a `createRequest` gets a Meet link; ready-made `conferenceData` (with a `conferenceId`) is
 * kept. An entry with `recurringEventId` and `originalStartTime` is an exception: that occurrence
 * of the series (created earlier in the list) is patched with the entry's fields, or cancelled
 * when its `status` is `cancelled`. `id`, `created`, `updated` and `etag` of exceptions are
 * derived, as Google would.
 */

import { z } from 'zod/mini';
import { GoogleSide } from './google-edits.ts';
import { instanceId } from './ids.ts';
import type { Event, Store } from './store.ts';
import { isValidTimeZone, parseDateTime } from './time.ts';

const SeedUser = z.object({
  email: z.string().check(z.refine((v) => v.includes('@'), 'must be an email address')),
  displayName: z.optional(z.string()),
  /** Default `UTC`. */
  timeZone: z.optional(z.string().check(z.refine(isValidTimeZone, 'must be an IANA time zone'))),
  /** The primary calendar's title; default: the email, as Google names primary calendars. */
  calendarSummary: z.optional(z.string()),
});

const SeedEvent = z.object({
  /** The calendar (its owner's email) the event is created in; that user is the organizer. */
  calendarId: z.string(),
  event: z.looseObject({}),
});

export const Seed = z.object({
  /** The user a bearer token that is not `user:<email>` acts as; default: the first user. */
  defaultUser: z.optional(z.string()),
  users: z.array(SeedUser).check(z.minLength(1, 'needs at least one user')),
  events: z.optional(z.array(SeedEvent)),
});
export type Seed = z.infer<typeof Seed>;

/** Validates a seed; throws with the first problem's path. */
export function parseSeed(value: unknown): Seed {
  const parsed = Seed.safeParse(value);
  if (!parsed.success) throw new Error(`invalid fake-google seed: ${z.prettifyError(parsed.error)}`);
  const emails = new Set(parsed.data.users.map((u) => u.email));
  if (parsed.data.defaultUser && !emails.has(parsed.data.defaultUser)) {
    throw new Error(`invalid fake-google seed: defaultUser ${parsed.data.defaultUser} is not one of the users`);
  }
  for (const [i, entry] of (parsed.data.events ?? []).entries()) {
    if (!emails.has(entry.calendarId)) {
      throw new Error(`invalid fake-google seed: events[${i}].calendarId ${entry.calendarId} is not a user's calendar`);
    }
  }
  return parsed.data;
}

/** Fills an empty store from a seed. */
export function applySeed(store: Store, seed: Seed): void {
  for (const user of seed.users) {
    const timeZone = user.timeZone ?? 'UTC';
    store.addUser(
      { email: user.email, timeZone, ...(user.displayName && { displayName: user.displayName }) },
      { summary: user.calendarSummary ?? user.email },
    );
  }
  if (seed.defaultUser) store.defaultUser = seed.defaultUser;
  const google = new GoogleSide(store);
  for (const [i, { calendarId, event }] of (seed.events ?? []).entries()) {
    try {
      seedEvent(google, calendarId, event as Event);
    } catch (e) {
      throw new Error(`fake-google seed: events[${i}] (${String(event.id ?? event.summary)}): ${(e as Error).message}`);
    }
  }
}

function seedEvent(google: GoogleSide, calendarId: string, event: Event): void {
  if (!event.recurringEventId) {
    google.insert(calendarId, event);
    return;
  }
  const original = event.originalStartTime;
  const ms = parseDateTime(original?.dateTime ?? '');
  const id = original?.date
    ? instanceId(event.recurringEventId, { kind: 'date', date: original.date })
    : ms !== null
      ? instanceId(event.recurringEventId, { kind: 'dateTime', ms })
      : null;
  if (!id) throw new Error('an exception needs originalStartTime');
  if (event.status === 'cancelled') {
    google.cancelOccurrence(id);
    return;
  }
  const { recurringEventId: _, originalStartTime: __, id: ___, ...changes } = event;
  google.patch(id, changes);
}
