/**
 * Each session's share state (`db.shares`): published, waiting in the outbox, or local only and
 * why, for the panel to say so.
 */
import { liveQuery, type Observable } from 'dexie';
import { db } from '../db/database';
import { type ShareState, ShareState as ShareStateSchema } from '../model/share';
import type { OutboxOp } from '../model/sync';
import { isShareKey, SHARE_KEY } from './payload';
import { eventFor, organizerOf } from './permissions';

export type ShareStatus = Omit<ShareState, 'sessionId' | 'at'>;

export async function readShareState(sessionId: string): Promise<ShareState | undefined> {
  const parsed = ShareStateSchema.safeParse(await db.shares.get(sessionId));
  return parsed.success ? parsed.data : undefined;
}

/** A session's share state, live (`undefined` while nothing was shared or refused). */
export function liveShareState(sessionId: string): Observable<ShareState | undefined> {
  return liveQuery(() => readShareState(sessionId));
}

/** Stores a session's state; an unchanged one is not written again (no live-query churn). */
export async function writeShareState(sessionId: string, status: ShareStatus, at: Date): Promise<void> {
  const before = await readShareState(sessionId);
  if (before && sameStatus(before, status)) return;
  await db.shares.put(ShareStateSchema.parse({ ...status, sessionId, at: at.toISOString() }));
}

function sameStatus(state: ShareState, status: ShareStatus): boolean {
  const { sessionId: _, at: __, ...rest } = state;
  return JSON.stringify(sortKeys(rest)) === JSON.stringify(sortKeys(status));
}

function sortKeys(value: object): object {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether an outbox op writes a shared payload. */
export function isShareOp(op: OutboxOp): op is Extract<OutboxOp, { kind: 'patch-event' }> {
  return op.kind === 'patch-event' && Object.keys(op.fields.sharedProperties ?? {}).some(isShareKey);
}

/**
 * Google refused a shared payload's write (403): the session's content stays local, with the
 * organizer to ask, until sync brings a changed event. Called by the outbox, in the transaction
 * that drops the op.
 */
export async function shareRefused(
  op: Extract<OutboxOp, { kind: 'patch-event' }>,
  at: Date = new Date(),
): Promise<void> {
  const session = await db.sessions.where('[calendarId+eventId]').equals([op.calendarId, op.eventId]).first();
  if (!session) return;
  const event = await eventFor(op.calendarId, op.eventId, session.seriesId);
  const hash = op.fields.sharedProperties?.[SHARE_KEY]?.split('.')[3];
  await writeShareState(
    session.id,
    {
      status: 'local-only',
      reason: 'forbidden',
      organizer: organizerOf(event),
      ...(hash ? { hash } : {}),
      ...(event?.etag ? { etag: event.etag } : {}),
    },
    at,
  );
}

/**
 * What the panel says about a session's shared content, in words. `null` when there is nothing to
 * say (nothing shared yet).
 */
export function shareStatusText(state: ShareState | undefined): string | null {
  if (!state) return null;
  switch (state.status) {
    case 'published':
      return 'Shared on the calendar event.';
    case 'waiting':
      return 'Waiting to be written to the calendar event.';
    case 'local-only':
      switch (state.reason) {
        case 'not-organizer':
        case 'forbidden': {
          const who = state.organizer?.name ?? state.organizer?.email ?? 'the organizer';
          return `Only you can see these — ask ${who} to allow guests to modify the event.`;
        }
        case 'no-consent':
          return 'Only you can see these until you agree to share them on the calendar event.';
        case 'too-big':
          return `Only you can see these: they do not fit in the calendar event (${kb(state.size?.bytes)} of at most ${kb(state.size?.limit)}).`;
        case 'no-event':
          return 'Only you can see these: this session is not a calendar event of the relationship.';
        default:
          return 'Only you can see these.';
      }
  }
}

function kb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / 1024).toFixed(1)} KB`;
}
