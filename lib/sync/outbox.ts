/**
 * The outbox: every write to Google waits here until it is done (design.md §4, §7).
 *
 * Guarantees:
 * - `enqueue` joins the caller's transaction, so a local change and its write are stored together
 *   or not at all.
 * - Ops are sent in the order they were enqueued; an op waits while an earlier op for the same event
 *   is still pending (an `end-series` never overtakes the insert of its series). Ops for other events
 *   go ahead.
 * - A failed op is retried with exponential backoff and jitter; its `nextAttemptAt` is stored, so the
 *   backoff survives the service worker stopping and the browser restarting. A rate limit's `retryAt`
 *   is honoured, and it ends the drain (the cooldown is the whole API's); an op the client did not
 *   even send, because it was still cooling down, waits for the cooldown without counting an attempt.
 * - Patches carry `If-Match` with the etag they were based on; on 412 the event is read again, our
 *   fields are merged over Google's (our description block, our property keys; everything else
 *   theirs) and the patch is sent again.
 * - An insert answered 409 was done by an earlier attempt whose answer was lost: the event is read
 *   and the op completes.
 * - `auth` stops the drain at once (marked "sign in again" in the sync state); nothing is dropped.
 * - `forbidden` (403, not a rate limit) is never retried: the op is dropped at once. A refused
 *   shared payload marks its session local-only (lib/share/state.ts); anything else is recorded as
 *   the calendar's failure.
 * - What Google returns is applied like a synced page (sessions, Meet codes) in the transaction that
 *   removes the op.
 */
import { liveQuery, type Observable } from 'dexie';
import type { calendar_v3 } from 'googleapis';
import { CalendarApiError, type CalendarClient } from '../calendar/client';
import type { ApiEvent } from '../calendar/schemas';
import { endSeries } from '../calendar/series';
import { db } from '../db/database';
import { log } from '../log';
import { newId } from '../model/common';
import { OutboxOp, type RemoteEvent } from '../model/sync';
import { isShareOp, shareRefused } from '../share/state';
import { applyEvents, withOwnedFields } from './apply';
import { SYNC_TABLES } from './reconcile';
import { failureOf, recordFailure } from './state';
import { syncWindow } from './window';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 6 * 3600_000;
/** 412 → merge → retry, at most this often in one attempt (someone else keeps editing). */
const MERGE_ROUNDS = 3;

type Distribute<T> = T extends unknown
  ? Omit<T, 'seq' | 'id' | 'attempts' | 'nextAttemptAt' | 'createdAt' | 'lastError'>
  : never;
export type NewOp = Distribute<OutboxOp>;

/** Adds a write to the outbox. Call inside the transaction of the local change (it must include `outbox`). */
export async function enqueue(op: NewOp, at: Date = new Date()): Promise<OutboxOp> {
  const stamp = at.toISOString();
  const record = OutboxOp.parse({ ...op, id: newId(), attempts: 0, nextAttemptAt: stamp, createdAt: stamp });
  const seq = await db.outbox.add(record);
  return { ...record, seq };
}

/** How many writes are waiting, live: "n changes waiting". */
export function liveWaitingCount(): Observable<number> {
  return liveQuery(() => db.outbox.count());
}

export interface DrainOptions {
  now?: () => Date;
  /** In [0, 1), for the jitter. */
  random?: () => number;
}

export interface DrainResult {
  done: number;
  failed: number;
  /** `auth`: stopped, the user must sign in again. */
  stopped: boolean;
}

/**
 * Sends every op that is due, in order. Returns when each due op was tried once (or at the first
 * `auth` failure). Never throws for an API failure: it is recorded on the op and its calendar.
 */
export async function drainOutbox(client: CalendarClient, options: DrainOptions = {}): Promise<DrainResult> {
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const result: DrainResult = { done: 0, failed: 0, stopped: false };
  const blocked = new Set<string>();
  for (const raw of await db.outbox.orderBy('seq').toArray()) {
    const parsed = OutboxOp.safeParse(raw);
    if (!parsed.success) {
      log.error('outbox', `dropping an unreadable op: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      await db.outbox.delete(raw.seq as number);
      continue;
    }
    const op = { ...parsed.data, seq: raw.seq as number };
    const key = `${op.calendarId}\n${op.eventId}`;
    if (blocked.has(key)) continue;
    if (Date.parse(op.nextAttemptAt) > clock().getTime()) {
      blocked.add(key);
      continue;
    }
    try {
      const event = await send(client, op);
      await complete(op, event, clock());
      result.done += 1;
    } catch (caught) {
      // Not Google's answer (a record that no longer fits, a bug): this op waits with the reason
      // recorded, and the others still go out.
      const error =
        caught instanceof CalendarApiError
          ? caught
          : new CalendarApiError({
              kind: 'malformed',
              operation: op.kind,
              status: null,
              reason: 'internal',
              message: caught instanceof Error ? caught.message : String(caught),
            });
      if (!(caught instanceof CalendarApiError)) log.error('outbox', caught);
      if (error.kind === 'notFound' && op.kind !== 'insert-series') {
        // The event was deleted in Calendar: there is nothing left to change.
        log.debug('outbox', `${op.kind}: the event no longer exists; dropped`);
        await complete(op, null, clock());
        continue;
      }
      if (error.kind === 'forbidden' || error.kind === 'invalid') {
        // Not allowed (a guest writing to the organizer's event), or a request Google rejects as
        // it stands (400): sending it again cannot help.
        log.debug('outbox', `${op.kind}: refused (${error.reason ?? error.status}); dropped`);
        result.failed += 1;
        await refuse(op, error, clock());
        continue;
      }
      blocked.add(key);
      result.failed += 1;
      await fail(op, error, clock(), random);
      if (error.kind === 'auth') {
        result.stopped = true;
        break;
      }
      // A rate limit is the whole API's (the client cools down for every call): the ops after this
      // one would only fail on the same cooldown, unsent, so they wait for the next run untouched.
      if (error.kind === 'rateLimited') break;
    }
  }
  return result;
}

/** One attempt at an op: the event as Google has it afterwards. */
async function send(client: CalendarClient, op: OutboxOp & { seq: number }): Promise<ApiEvent> {
  switch (op.kind) {
    case 'insert-series':
      try {
        return await client.insertEvent(op.calendarId, op.body as calendar_v3.Schema$Event, {
          conferenceDataVersion: 1,
        });
      } catch (error) {
        if (error instanceof CalendarApiError && error.kind === 'conflict')
          return client.getEvent(op.calendarId, op.eventId);
        throw error;
      }
    case 'patch-event':
      return patchOwned(client, op);
    case 'end-series': {
      const ended = await patchOwned(client, op);
      await cancelEditedFrom(client, op);
      return ended;
    }
  }
}

/** `patch-event` and `end-series`: our fields over Google's, `If-Match`; a 412 re-reads and merges. */
async function patchOwned(
  client: CalendarClient,
  op: Extract<OutboxOp, { kind: 'patch-event' | 'end-series' }>,
): Promise<ApiEvent> {
  let base: Pick<RemoteEvent, 'etag' | 'description' | 'extendedProperties' | 'recurrence'> | undefined =
    await db.remoteEvents.get([op.calendarId, op.eventId]);
  let etag = op.baseEtag ?? base?.etag;
  if (!base || !etag) {
    base = await client.getEvent(op.calendarId, op.eventId);
    etag = base.etag;
  }
  for (let round = 1; ; round++) {
    try {
      return await client.patchEvent(op.calendarId, op.eventId, patchBody(op, base), { ifMatch: etag });
    } catch (error) {
      if (!(error instanceof CalendarApiError) || error.kind !== 'precondition' || round >= MERGE_ROUNDS) throw error;
      const fresh = await client.getEvent(op.calendarId, op.eventId);
      base = fresh;
      etag = fresh.etag;
    }
  }
}

/**
 * The occurrences from the cut on that were edited on their own (moved, retitled) are exceptions,
 * which a new `UNTIL` does not reach: cancelled here, as Calendar's "this and following" cancels
 * them. Else a moved occurrence made in Calendar while the cadence change waited in the outbox would
 * live on after the series ended, while its session here was already retired. Already cancelled or
 * deleted ones are left alone; a failure fails the op, which is retried whole (both steps are
 * idempotent).
 */
async function cancelEditedFrom(client: CalendarClient, op: Extract<OutboxOp, { kind: 'end-series' }>) {
  const cut = Date.parse(op.before);
  let pageToken: string | undefined;
  do {
    const page = await client.instances(op.calendarId, op.eventId, {
      maxResults: 2500,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const item of page.items) {
      const original = item.originalStartTime?.dateTime ?? item.originalStartTime?.date;
      if (item.status === 'cancelled' || !original || Date.parse(original) < cut) continue;
      try {
        await client.deleteEvent(op.calendarId, item.id);
      } catch (error) {
        if (!(error instanceof CalendarApiError) || error.kind !== 'notFound') throw error;
      }
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
}

/** The patch body: our fields merged over `base` (what Google has, or had when the change was made). */
function patchBody(
  op: Extract<OutboxOp, { kind: 'patch-event' | 'end-series' }>,
  base: Pick<RemoteEvent, 'description' | 'extendedProperties' | 'recurrence'>,
): calendar_v3.Schema$Event {
  if (op.kind === 'end-series') return { recurrence: endSeries(base.recurrence ?? [], new Date(op.before)) };
  const merged = withOwnedFields(
    { description: base.description, extendedProperties: base.extendedProperties },
    op.fields,
  );
  return {
    ...(op.fields.descriptionBlock !== undefined ? { description: merged.description ?? '' } : {}),
    ...(op.fields.privateProperties || op.fields.sharedProperties
      ? { extendedProperties: merged.extendedProperties ?? {} }
      : {}),
  };
}

/** Removes a done op and applies what Google answered, in one transaction. */
async function complete(op: OutboxOp & { seq: number }, event: ApiEvent | null, at: Date): Promise<void> {
  await db.transaction('rw', SYNC_TABLES, async () => {
    // Sharing updates its waiting write in place: a newer version queued while this one was on its
    // way has not been sent, so it stays (its stale etag meets a 412, which merges).
    const stored = OutboxOp.safeParse(await db.outbox.get(op.seq));
    if (!stored.success || sameJson({ ...stored.data, seq: op.seq }, op)) await db.outbox.delete(op.seq);
    if (event) await applyEvents(op.calendarId, [event], { window: syncWindow(at) });
  });
}

/** Whether two plain records hold the same data, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/**
 * Drops an op Google refused (403 that is no rate limit, or 400), in one transaction with what the refusal
 * means: a shared payload stays local and its session says who may allow it (`shareRefused`);
 * any other write is recorded as the calendar's failure.
 */
async function refuse(op: OutboxOp & { seq: number }, error: CalendarApiError, at: Date): Promise<void> {
  await db.transaction('rw', SYNC_TABLES, async () => {
    await db.outbox.delete(op.seq);
    if (isShareOp(op)) await shareRefused(op, at);
    else await recordFailure(op.calendarId, error, at);
  });
}

async function fail(op: OutboxOp & { seq: number }, error: CalendarApiError, at: Date, random: () => number) {
  // Not sent at all (the client was cooling down after a rate limit): no attempt was made, so the
  // backoff does not grow; the op waits for the cooldown's end.
  const unsent = error.status === null && error.reason === 'cooldown';
  const attempts = op.attempts + (unsent ? 0 : 1);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
  // Half fixed, half jitter: never a retry storm, never a retry sooner than half the backoff.
  const backoff = unsent ? 0 : ceiling / 2 + Math.floor(random() * (ceiling / 2));
  const delay = Math.max(backoff, (error.retryAt ?? 0) - at.getTime());
  await db.transaction('rw', db.outbox, db.syncState, async () => {
    await db.outbox.update(op.seq, {
      attempts,
      nextAttemptAt: new Date(at.getTime() + (error.kind === 'auth' ? 0 : delay)).toISOString(),
      lastError: failureOf(error, at),
    });
    if (error.kind === 'auth') await recordFailure(op.calendarId, error, at);
  });
}
