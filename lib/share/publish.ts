/**
 * Publishing a session's shared content to its calendar occurrence (issue 8): the payload in the
 * event's `extendedProperties.shared` and the readable block in its description, written by the
 * outbox (`patch-event` on the occurrence's id, `If-Match` the etag kept for it).
 *
 * Guarantees:
 * - Nothing is written without the relationship's `shareConsent`.
 * - Idempotent: the same content enqueues nothing (its hash is the one waiting or on the event);
 *   changed content while a write still waits replaces that write's fields (one op per event).
 * - Only the shared fields of shared records reach the op (lib/share/observe.ts reads them).
 * - A guest of an event whose guests may not modify it writes nothing; neither does anyone Google
 *   refused (403) until sync brings a changed event. The session's state says who to ask.
 * - Content that does not fit is not written; the state says how big it is and the limit.
 *
 * Callers debounce: call `publishSession` a second or two after the last change of a session's
 * agenda items, takeaways, action items or shared note (for an action item, the session it was
 * changed in: the session that created it is published too).
 */
import { db } from '../db/database';
import type { Session } from '../model/session';
import type { Organizer, ShareState } from '../model/share';
import type { RemoteEvent } from '../model/sync';
import { enqueue } from '../sync/outbox';
import { SYNC_TABLES } from '../sync/reconcile';
import { shareDescriptionBlock } from './description';
import type { ShareDoc } from './doc';
import { docOf, observeSession } from './observe';
import {
  type Encoded,
  encodePayload,
  GOOGLE_LIMITS,
  isShareKey,
  payloadHashOf,
  propertyBytes,
  SHARE_BUDGET,
  SHARE_KEY,
} from './payload';
import { eventFor, mayWrite, organizerOf, writeAccessOf } from './permissions';
import { isShareOp, readShareState, writeShareState } from './state';

export type PublishResult =
  | { kind: 'enqueued'; hash: string; bytes: number }
  | { kind: 'unchanged'; status: 'published' | 'waiting' }
  /** Nothing shared in this session, and nothing on its event. */
  | { kind: 'nothing-to-share' }
  | {
      kind: 'local-only';
      reason: NonNullable<ShareState['reason']>;
      organizer?: Organizer;
      size?: { bytes: number; limit: number };
    };

/** Publishes a session's shared content (see the module's guarantees), in one transaction. */
export function publishSession(sessionId: string, options: { at?: Date } = {}): Promise<PublishResult> {
  const at = options.at ?? new Date();
  return db.transaction('rw', SYNC_TABLES, async () => publishWithin(sessionId, at));
}

/**
 * `publishSession` inside the caller's transaction, which must include `SYNC_TABLES` and have an
 * `async` callback (Dexie follows the native awaits in here only then; a plain callback returning
 * this promise fails with PrematureCommitError).
 */
export async function publishWithin(sessionId: string, at: Date, cascade = true): Promise<PublishResult> {
  const session = await db.sessions.get(sessionId);
  if (!session) throw new Error(`no session ${sessionId}`);
  const target = await targetOf(session);
  if (!target) return localOnly(sessionId, { reason: 'no-event' }, at);
  const { relationship, calendarId, eventId } = target;
  if (!relationship.shareConsent) return localOnly(sessionId, { reason: 'no-consent' }, at);

  const observed = await observeSession(session, relationship, at);
  if (observed.changed.length > 0) await db.shareClocks.bulkPut(observed.changed);
  if (cascade) for (const home of observed.otherHomes) await publishWithin(home, at, false);

  const doc = docOf(session.id, observed.clocks.values());
  const event = await eventFor(calendarId, eventId, session.seriesId);
  const onEvent = payloadHashOf(event?.extendedProperties?.shared);
  if (doc.items.length === 0 && onEvent === undefined) return { kind: 'nothing-to-share' };

  const encoded = encodePayload(doc, budgetFor(event));
  if (encoded.kind === 'too-big') {
    return localOnly(sessionId, { reason: 'too-big', size: { bytes: encoded.bytes, limit: encoded.limit } }, at);
  }
  const access = writeAccessOf(event);
  if (!mayWrite(access)) return localOnly(sessionId, { reason: 'not-organizer', organizer: organizerOf(event) }, at);
  const state = await readShareState(sessionId);
  if (state?.status === 'local-only' && state.reason === 'forbidden' && state.etag === event?.etag) {
    return { kind: 'local-only', reason: 'forbidden', ...(state.organizer ? { organizer: state.organizer } : {}) };
  }

  const pending = await pendingShareOps(calendarId, eventId);
  // While a write waits, the kept event shows it already (sync keeps our pending writes over what
  // Google sent, lib/sync/apply.ts): only without one does the kept payload say what Google has.
  if (pending.length === 0 && onEvent === encoded.hash) {
    // The event already carries exactly this (merged content equal to theirs, or our write came back).
    await writeShareState(sessionId, { status: 'published', hash: encoded.hash }, at);
    return { kind: 'unchanged', status: 'published' };
  }
  if (state?.status === 'waiting' && state.hash === encoded.hash && pending.length > 0) {
    return { kind: 'unchanged', status: 'waiting' };
  }

  const fields = {
    sharedProperties: { ...staleChunks(event, encoded), ...encoded.properties },
    descriptionBlock: shareDescriptionBlock(doc),
  };
  const [latest, ...older] = pending.reverse();
  for (const op of older) await db.outbox.delete(op.seq as number);
  if (latest) await db.outbox.put({ ...latest, fields });
  else {
    await enqueue(
      {
        kind: 'patch-event',
        calendarId,
        eventId,
        relationshipId: relationship.id,
        fields,
        ...(event?.etag ? { baseEtag: event.etag } : {}),
      },
      at,
    );
  }
  await writeShareState(sessionId, { status: 'waiting', hash: encoded.hash }, at);
  return { kind: 'enqueued', hash: encoded.hash, bytes: encoded.bytes };
}

export interface SharePreview {
  doc: ShareDoc;
  encoded: Encoded;
  descriptionBlock: string;
}

/**
 * What publishing the session would write now, without writing anything (for the consent dialog).
 * `null` for a session that is no calendar occurrence of a relationship.
 */
export async function previewShare(sessionId: string, at: Date = new Date()): Promise<SharePreview | null> {
  return db.transaction('r', SYNC_TABLES, async () => {
    const session = await db.sessions.get(sessionId);
    const target = session && (await targetOf(session));
    if (!session || !target) return null;
    const observed = await observeSession(session, target.relationship, at);
    const doc = docOf(session.id, observed.clocks.values());
    const event = await eventFor(target.calendarId, target.eventId, session.seriesId);
    return { doc, encoded: encodePayload(doc, budgetFor(event)), descriptionBlock: shareDescriptionBlock(doc) };
  });
}

async function targetOf(session: Session) {
  if (!session.calendarId || !session.eventId || !session.relationshipId) return null;
  const relationship = await db.relationships.get(session.relationshipId);
  return relationship ? { relationship, calendarId: session.calendarId, eventId: session.eventId } : null;
}

async function localOnly(
  sessionId: string,
  details: {
    reason: NonNullable<ShareState['reason']>;
    organizer?: Organizer;
    size?: { bytes: number; limit: number };
  },
  at: Date,
): Promise<PublishResult> {
  const before = await readShareState(sessionId);
  await writeShareState(
    sessionId,
    { status: 'local-only', ...details, ...(before?.hash ? { hash: before.hash } : {}) },
    at,
  );
  return { kind: 'local-only', ...details };
}

/** The shared-payload writes waiting in the outbox for an event, oldest first. */
export function pendingShareOps(calendarId: string, eventId: string) {
  return db.outbox.where('[calendarId+eventId]').equals([calendarId, eventId]).filter(isShareOp).sortBy('seq');
}

/**
 * Our budget on this event: `SHARE_BUDGET`, or less when the event's other properties (Google's,
 * other apps', our private tags) leave less of Google's limits.
 */
export function budgetFor(event: Pick<RemoteEvent, 'extendedProperties'> | undefined): {
  bytes: number;
  properties: number;
} {
  let otherBytes = 0;
  let count = 0;
  for (const [scope, properties] of Object.entries(event?.extendedProperties ?? {})) {
    for (const [key, value] of Object.entries(properties ?? {})) {
      if (scope === 'shared' && isShareKey(key)) continue;
      otherBytes += propertyBytes({ [key]: value });
      count += 1;
    }
  }
  return {
    bytes: Math.min(SHARE_BUDGET.bytes, GOOGLE_LIMITS.bytes - otherBytes),
    properties: Math.min(SHARE_BUDGET.properties, GOOGLE_LIMITS.properties - count),
  };
}

/** Chunk keys a longer payload left on the event: emptied, so they take no room. */
function staleChunks(
  event: RemoteEvent | undefined,
  encoded: Extract<Encoded, { kind: 'ok' }>,
): Record<string, string> {
  const stale: Record<string, string> = {};
  for (const [key, value] of Object.entries(event?.extendedProperties?.shared ?? {})) {
    if (key === SHARE_KEY || !isShareKey(key) || key in encoded.properties || value === '') continue;
    stale[key] = '';
  }
  return stale;
}
