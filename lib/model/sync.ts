import { z } from 'zod/mini';
import { EventDateTime } from '../calendar/schemas';
import { Id, Instant } from './common';

/**
 * What sync and the outbox keep in the database (design.md §2, §4): per-calendar sync state, the
 * Calendar events that matter to Tandem, and the writes waiting for Google. Never a token: the
 * `syncToken` is Google's cursor into a calendar's changes, not a credential.
 */

const CalendarId = z.string().check(z.minLength(1), z.maxLength(1024));
const EventId = z.string().check(z.minLength(1), z.maxLength(1024));
const Properties = z.record(z.string(), z.string());

/**
 * Why the last sync or write of a calendar failed: a `CalendarApiError` kind and its message, and
 * when Google said a retry may be sent (rate limits, `Retry-After`).
 */
export const SyncFailure = z.object({
  kind: z.string(),
  message: z.string(),
  at: Instant,
  retryAt: z.optional(Instant),
});
export type SyncFailure = z.infer<typeof SyncFailure>;

/** One calendar's sync cursor and health. */
export const SyncState = z.object({
  calendarId: CalendarId,
  /** Google's cursor; absent before the first complete sync and after a 410. */
  syncToken: z.optional(z.string()),
  /** The last sync that completed (every page applied, the new token stored). */
  lastSyncAt: z.optional(Instant),
  lastError: z.optional(SyncFailure),
  /** While a full sync (the first, or after a 410) is under way: how far it got. */
  fullSync: z.optional(
    z.object({ startedAt: Instant, pages: z.number().check(z.int()), events: z.number().check(z.int()) }),
  ),
  /**
   * The linked series of this calendar as of the last completed sync. A series linked since (the
   * user tracked it in the panel) whose master sync never kept makes the next sync a full one.
   */
  knownSeries: z.optional(z.array(z.string())),
});
export type SyncState = z.infer<typeof SyncState>;

/**
 * A Calendar event Tandem keeps: the master, exceptions or single event of a series linked to a
 * relationship or tagged by Tandem. Enough to expand the series offline, to merge on a 412, to
 * detect deletions on a full resync, and to publish to later.
 */
export const RemoteEvent = z.object({
  calendarId: CalendarId,
  eventId: EventId,
  /** The master's id for exceptions, the event's own id otherwise. */
  seriesId: EventId,
  kind: z.enum(['master', 'exception', 'single']),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  /** Absent only on a series scheduled here whose insert has not reached Google yet. */
  etag: z.optional(z.string()),
  updated: z.optional(z.string()),
  start: z.optional(EventDateTime),
  end: z.optional(EventDateTime),
  /** Exceptions: where the rule put the occurrence (ISO instant in UTC, or `YYYY-MM-DD`). */
  originalStart: z.optional(z.string()),
  recurrence: z.optional(z.array(z.string())),
  description: z.optional(z.string()),
  extendedProperties: z.optional(z.object({ private: z.optional(Properties), shared: z.optional(Properties) })),
  meetCode: z.optional(z.string()),
  /**
   * Who organizes the event, as this calendar sees it (`self` when it is the user), and whether
   * guests may change it: whether Tandem may publish to it (lib/share/permissions.ts).
   */
  organizer: z.optional(
    z.object({ email: z.optional(z.string()), displayName: z.optional(z.string()), self: z.optional(z.boolean()) }),
  ),
  guestsCanModify: z.optional(z.boolean()),
  /** From our private tag. */
  relationshipId: z.optional(z.string()),
  syncedAt: Instant,
});
export type RemoteEvent = z.infer<typeof RemoteEvent>;

/** Our fields of an event: the description block between our markers, and our property keys. */
export const OwnedFields = z.object({
  /** The whole block, markers included (`tandemDescriptionBlock()`). */
  descriptionBlock: z.optional(z.string()),
  privateProperties: z.optional(Properties),
  sharedProperties: z.optional(Properties),
});
export type OwnedFields = z.infer<typeof OwnedFields>;

const opFields = {
  /** Auto-incremented: the order ops were enqueued in, which is the order they are sent in per event. */
  seq: z.optional(z.number()),
  id: Id,
  calendarId: CalendarId,
  eventId: EventId,
  relationshipId: z.optional(Id),
  attempts: z.number().check(z.int(), z.gte(0)),
  /** Not sent before this; persisted so backoff survives the worker stopping and browser restarts. */
  nextAttemptAt: Instant,
  lastError: z.optional(SyncFailure),
  createdAt: Instant,
};

/** One write waiting for Google. */
export const OutboxOp = z.discriminatedUnion('kind', [
  /** `events.insert` of a series with our pre-generated id: a 409 means an earlier attempt landed. */
  z.object({
    ...opFields,
    kind: z.literal('insert-series'),
    body: z.record(z.string(), z.unknown()),
  }),
  /** `events.patch` of our fields, `If-Match` the etag they were based on; a 412 merges and retries. */
  z.object({ ...opFields, kind: z.literal('patch-event'), fields: OwnedFields, baseEtag: z.optional(z.string()) }),
  /** Ends a series with `UNTIL` so that no occurrence starts at or after `before`. */
  z.object({ ...opFields, kind: z.literal('end-series'), before: Instant, baseEtag: z.optional(z.string()) }),
]);
export type OutboxOp = z.infer<typeof OutboxOp>;
