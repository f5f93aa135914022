import { z } from 'zod/mini';
import { Id, Instant, LocalDate, Role } from './common';
import { ActionStatus } from './outcome';

/**
 * What sharing a session through its calendar event keeps and reads (issue 8, lib/share/): the
 * payload in the event's `extendedProperties.shared`, each shared item's field clock, and each
 * session's share state.
 */

/** Milliseconds since the epoch: when a field was written, on the writer's clock. */
const Millis = z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/** The four kinds of shared items. */
export const SharedKind = z.enum(['agenda', 'takeaway', 'action', 'note']);
export type SharedKind = z.infer<typeof SharedKind>;

/** One shared field's value as last written or merged here, when and by whom (last writer wins). */
export const FieldClock = z.object({
  v: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  at: Millis,
  by: Role,
});
export type FieldClock = z.infer<typeof FieldClock>;

/** When and by whom an item was deleted. */
export const Deletion = z.object({ at: Millis, by: Role });
export type Deletion = z.infer<typeof Deletion>;

/**
 * One shared item's clock (`db.shareClocks`): the last known value of each shared field with its
 * time and author, and its deletion if it was deleted. Lets publishing tell which fields changed
 * here since (those get a new time), and merging decide per field who wrote last. Not the user's
 * record (that is the agenda item, takeaway, …): sync metadata, like the remote events.
 */
export const ShareClock = z.object({
  /** `<kind>:<item id>`; the shared note of a session is `note:<session id>`. */
  key: z.string(),
  kind: SharedKind,
  itemId: z.string(),
  /** The session whose payload carries the item (an action item's: the session that created it). */
  sessionId: Id,
  fields: z.record(z.string(), FieldClock),
  deleted: z.optional(Deletion),
});
export type ShareClock = z.infer<typeof ShareClock>;

/**
 * Why a session's shared content is not on its event:
 * - `no-event`: the session is no calendar occurrence of a relationship (a Meet call on its own).
 * - `no-consent`: the user has not agreed to share this relationship's sessions yet.
 * - `not-organizer`: the user is a guest of the event and guests may not modify it.
 * - `forbidden`: Google refused the write (403) although the event seemed writable.
 * - `too-big`: the shared content does not fit in the event.
 */
export const LocalOnlyReason = z.enum(['no-event', 'no-consent', 'not-organizer', 'forbidden', 'too-big']);
export type LocalOnlyReason = z.infer<typeof LocalOnlyReason>;

export const Organizer = z.object({ email: z.optional(z.string()), name: z.optional(z.string()) });
export type Organizer = z.infer<typeof Organizer>;

/**
 * Where a session's shared content stands (`db.shares`), for the panel:
 * - `published`: the event carries it (Google answered the write, or sync brought it back).
 * - `waiting`: a write is in the outbox.
 * - `local-only`: it stays on this device, for `reason`; for `not-organizer`/`forbidden` the
 *   organizer is who can allow guests to modify the event.
 */
export const ShareState = z.object({
  sessionId: Id,
  status: z.enum(['published', 'waiting', 'local-only']),
  reason: z.optional(LocalOnlyReason),
  organizer: z.optional(Organizer),
  /** `too-big`: the encoded size and the limit, in bytes. */
  size: z.optional(z.object({ bytes: z.number(), limit: z.number() })),
  /** The payload hash last written (`waiting`) or seen on the event (`published`). */
  hash: z.optional(z.string()),
  /**
   * `forbidden`: the etag of the event as kept when Google refused. Nothing is sent again until
   * sync brings a changed event (the organizer may have allowed guests to modify it).
   */
  etag: z.optional(z.string()),
  at: Instant,
});
export type ShareState = z.infer<typeof ShareState>;

// ---------------------------------------------------------------- the payload, as it travels

/** A role as it travels: `r` mentor, `e` mentee. */
export const WireRole = z.enum(['r', 'e']);
/** `[ms after the payload's t0, role]`. */
const WireStamp = z.tuple([Millis, WireRole]);

const ShortText = z.string().check(
  z.refine((value) => value.trim().length > 0, 'must not be empty'),
  z.maxLength(500),
);

/**
 * Field values by short name, per kind. Every field is optional on the wire (a tombstone carries
 * none); `null` means "unset" (no goal, no time box, no due date).
 */
export const WireFields = {
  agenda: z.object({
    /** text */ t: z.optional(ShortText),
    /** author's role */ a: z.optional(WireRole),
    /** discussed */ d: z.optional(z.boolean()),
    /** order */ o: z.optional(z.number().check(z.refine(Number.isFinite, 'must be finite'))),
    /** goal title */ g: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
    /** time box, minutes */ m: z.optional(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(480)))),
    /** carried from (item id) */ c: z.optional(z.nullable(Id)),
  }),
  takeaway: z.object({ t: z.optional(ShortText), a: z.optional(WireRole) }),
  action: z.object({
    t: z.optional(ShortText),
    /** owner */ w: z.optional(WireRole),
    /** due */ u: z.optional(z.nullable(LocalDate)),
    /** status */ s: z.optional(ActionStatus),
  }),
  note: z.object({ t: z.optional(z.string().check(z.maxLength(5_000_000))) }),
} as const;

/**
 * One item: its id, the stamp most of its fields share (`t`, `b`), the fields (`f`), the fields
 * stamped otherwise (`s`), and its deletion (`x`). Unknown keys are ignored (a later minor version
 * may add fields).
 */
function wireEntry<F extends z.ZodMiniObject>(fields: F, id: z.ZodMiniType<string> = Id) {
  return z
    .object({
      i: id,
      t: z.optional(Millis),
      b: z.optional(WireRole),
      f: z.optional(fields),
      s: z.optional(z.record(z.string(), WireStamp)),
      x: z.optional(WireStamp),
    })
    .check(
      z.refine(
        (entry) => entry.x !== undefined || (entry.f !== undefined && entry.t !== undefined && entry.b !== undefined),
        'an item needs fields with a stamp, or a deletion',
      ),
    );
}

/**
 * The shared content of one session as JSON: `v` its format, `t0` the time every stamp counts from,
 * then agenda items (`a`), takeaways (`k`), action items (`c`) and the shared note (`n`, whose `i`
 * is always `note`).
 */
export const WirePayload = z.object({
  v: z.literal(1),
  t0: Millis,
  a: z._default(z.array(wireEntry(WireFields.agenda)), () => []),
  k: z._default(z.array(wireEntry(WireFields.takeaway)), () => []),
  c: z._default(z.array(wireEntry(WireFields.action)), () => []),
  n: z.optional(wireEntry(WireFields.note, z.literal('note'))),
});
export type WirePayload = z.infer<typeof WirePayload>;
