/**
 * Per-calendar sync state (`db.syncState`), read through zod, and what the options page shows of it.
 */
import { liveQuery, type Observable } from 'dexie';
import { CalendarApiError } from '../calendar/client';
import { db } from '../db/database';
import { type OutboxOp, type SyncFailure, SyncState } from '../model/sync';

/** The stored state of a calendar; a fresh one when none (or an unreadable one) is stored. */
export async function readSyncState(calendarId: string): Promise<SyncState> {
  const parsed = SyncState.safeParse(await db.syncState.get(calendarId));
  return parsed.success ? parsed.data : { calendarId };
}

/** Validates and stores a calendar's state. Call inside a transaction to make it part of a page. */
export async function writeSyncState(state: SyncState): Promise<void> {
  await db.syncState.put(SyncState.parse(state));
}

/** Records why a calendar's sync or write failed (never a token: messages are Google's or ours). */
export async function recordFailure(calendarId: string, error: unknown, at: Date): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readSyncState(calendarId);
    await writeSyncState({ ...state, lastError: failureOf(error, at) });
  });
}

export function failureOf(error: unknown, at: Date): NonNullable<SyncState['lastError']> {
  const retryAt = error instanceof CalendarApiError ? error.retryAt : null;
  return {
    kind: error instanceof CalendarApiError ? error.kind : 'internal',
    message: error instanceof Error ? error.message : String(error),
    at: at.toISOString(),
    ...(retryAt !== null ? { retryAt: new Date(retryAt).toISOString() } : {}),
  };
}

/** What the options page says about sync, over every calendar. */
export interface SyncStatus {
  /** The latest sync that completed, if any. */
  lastSyncAt: string | null;
  /**
   * A full sync (the first, or after Google expired the cursor) is under way, or was interrupted:
   * pages and events read so far, over all calendars.
   */
  firstSync: { pages: number; events: number } | null;
  /** Google refused the token: the user has to sign in again. Nothing local is lost meanwhile. */
  signInAgain: boolean;
  /** Why the latest sync failed, if it did and none has completed since (auth aside). */
  failure: SyncFailure | null;
  /**
   * Writes that failed and wait for their next attempt: the latest failure and the earliest next
   * attempt (the outbox backs off). `null` when no waiting write has failed.
   */
  writes: { failure: SyncFailure; nextAttemptAt: string } | null;
}

/** The status from every calendar's state and the waiting writes (`db.outbox`). */
export function syncStatusOf(
  states: readonly SyncState[],
  ops: readonly Pick<OutboxOp, 'lastError' | 'nextAttemptAt'>[] = [],
): SyncStatus {
  const failed = ops.filter((op) => op.lastError !== undefined);
  const writeFailure = failed
    .map((op) => op.lastError as SyncFailure)
    .sort((a, b) => b.at.localeCompare(a.at))
    .at(0);
  const nextAttemptAt = failed
    .map((op) => op.nextAttemptAt)
    .sort()
    .at(0);
  const running = states.filter((s) => s.fullSync);
  const failures = states
    .map((s) => s.lastError)
    .filter((failure): failure is SyncFailure => failure !== undefined && failure.kind !== 'auth')
    .sort((a, b) => b.at.localeCompare(a.at));
  const last = states
    .map((s) => s.lastSyncAt ?? '')
    .sort()
    .at(-1);
  return {
    lastSyncAt: last || null,
    firstSync:
      running.length > 0
        ? {
            pages: running.reduce((n, s) => n + (s.fullSync?.pages ?? 0), 0),
            events: running.reduce((n, s) => n + (s.fullSync?.events ?? 0), 0),
          }
        : null,
    signInAgain: states.some((s) => s.lastError?.kind === 'auth'),
    failure: failures[0] ?? null,
    writes: writeFailure && nextAttemptAt ? { failure: writeFailure, nextAttemptAt } : null,
  };
}

/** The sync status, live. */
export function liveSyncStatus(): Observable<SyncStatus> {
  return liveQuery(async () => syncStatusOf(await db.syncState.toArray(), await db.outbox.toArray()));
}

/** After signing in again: the auth failures are history. */
export async function clearAuthFailures(): Promise<void> {
  await db.syncState
    .filter((s) => s.lastError?.kind === 'auth')
    .modify((s) => {
      delete s.lastError;
    });
}
