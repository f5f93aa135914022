/**
 * Per-calendar sync state (`db.syncState`), read through zod, and what the options page shows of it.
 */
import { liveQuery, type Observable } from 'dexie';
import { CalendarApiError } from '../calendar/client';
import { db } from '../db/database';
import { SyncState } from '../model/sync';

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
  return {
    kind: error instanceof CalendarApiError ? error.kind : 'internal',
    message: error instanceof Error ? error.message : String(error),
    at: at.toISOString(),
  };
}

/** What the options page says about sync. */
export type SyncStatus =
  | { kind: 'idle'; lastSyncAt: string | null }
  /** A full sync is under way: pages and events read so far, over all calendars. */
  | { kind: 'first-sync'; pages: number; events: number }
  /** Google refused the token: the user has to sign in again. Nothing local is lost meanwhile. */
  | { kind: 'sign-in-again' }
  | { kind: 'failing'; message: string };

export function syncStatusOf(states: readonly SyncState[]): SyncStatus {
  if (states.some((s) => s.lastError?.kind === 'auth')) return { kind: 'sign-in-again' };
  const running = states.filter((s) => s.fullSync);
  if (running.length > 0) {
    return {
      kind: 'first-sync',
      pages: running.reduce((n, s) => n + (s.fullSync?.pages ?? 0), 0),
      events: running.reduce((n, s) => n + (s.fullSync?.events ?? 0), 0),
    };
  }
  const failing = states.find((s) => s.lastError);
  if (failing?.lastError) return { kind: 'failing', message: failing.lastError.message };
  const last = states
    .map((s) => s.lastSyncAt ?? '')
    .sort()
    .at(-1);
  return { kind: 'idle', lastSyncAt: last || null };
}

/** The sync status, live. */
export function liveSyncStatus(): Observable<SyncStatus> {
  return liveQuery(async () => syncStatusOf(await db.syncState.toArray()));
}

/** After signing in again: the auth failures are history. */
export async function clearAuthFailures(): Promise<void> {
  await db.syncState
    .filter((s) => s.lastError?.kind === 'auth')
    .modify((s) => {
      delete s.lastError;
    });
}
