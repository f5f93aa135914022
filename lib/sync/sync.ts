/**
 * Incremental sync of Google Calendar into sessions (design.md §4).
 *
 * Guarantees:
 * - One `events.list` request per calendar when nothing changed (the stored `syncToken`).
 * - `singleEvents=false` (a series arrives once, with its exceptions), `showDeleted=true` (cancelled
 *   instances and deletions), `maxResults=2500`, every `pageToken` followed.
 * - Each page is applied in one transaction; the new `nextSyncToken` is stored only after every page
 *   was applied, so a run that fails midway is simply read again from the old token next time
 *   (applying is idempotent).
 * - 410 (`gone`): the token is dropped and the calendar read in full. Nothing local is deleted for
 *   it: sessions keep their notes, agendas and outcomes; kept remote events that no longer appear
 *   are treated as deleted.
 * - A full sync records its progress (pages, events) for the options page.
 */
import type { CalendarApiError, CalendarClient } from '../calendar/client';
import { db } from '../db/database';
import { log } from '../log';
import type { SyncState } from '../model/sync';
import { type ApplyContext, applyEvents, linkedSeriesOf } from './apply';
import { forgetSeries, reconcileSeries, SYNC_TABLES } from './reconcile';
import { readSyncState, recordFailure, writeSyncState } from './state';
import { syncWindow } from './window';

export const PAGE_SIZE = 2500;
/** The calendar every signed-in user has; its real id (the email) is what the page shows. */
export const PRIMARY = 'primary';

export interface SyncOptions {
  /** The clock; the window of sessions is around it. */
  now?: () => Date;
}

export interface SyncResult {
  calendarId: string;
  requests: number;
  full: boolean;
  events: number;
}

/**
 * Syncs one calendar. Throws the `CalendarApiError` that stopped it (after recording it in the
 * calendar's state); what was applied before stays, and the next run picks up from the old token.
 */
export async function syncCalendar(
  client: CalendarClient,
  calendarId: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const clock = options.now ?? (() => new Date());
  const result: SyncResult = { calendarId, requests: 0, full: false, events: 0 };
  try {
    let state = await readSyncState(calendarId);
    if (state.syncToken && (await lostSeries(calendarId, state))) {
      log.debug('sync', 'a series was linked whose events were never kept: reading the calendar in full');
      state = await dropToken(calendarId);
    }
    try {
      await readAll(client, state, clock, result);
    } catch (error) {
      if (!isGone(error) || !state.syncToken) throw error;
      log.debug('sync', `${calendarId}: sync token expired, reading the calendar in full`);
      await readAll(client, await dropToken(calendarId), clock, result);
    }
    return result;
  } catch (error) {
    await recordFailure(calendarId, error, clock());
    throw error;
  }
}

async function readAll(client: CalendarClient, state: SyncState, clock: () => Date, result: SyncResult) {
  const { calendarId } = state;
  const full = !state.syncToken;
  result.full = full;
  const context: ApplyContext = {
    window: syncWindow(clock()),
    unclaimed: new Map(),
    ...(full ? { seen: new Set() } : {}),
  };
  if (full) await startFullSync(calendarId, clock());
  let pageToken: string | undefined;
  for (let page = 1; ; page++) {
    const response = await client.listEvents(calendarId, {
      ...(state.syncToken ? { syncToken: state.syncToken } : {}),
      ...(pageToken ? { pageToken } : {}),
      singleEvents: false,
      showDeleted: true,
      maxResults: PAGE_SIZE,
    });
    result.requests += 1;
    result.events += response.items.length;
    context.window = syncWindow(clock());
    await applyEvents(calendarId, response.items, context);
    if (full) await recordProgress(calendarId, page, response.items.length);
    if (response.nextPageToken) {
      pageToken = response.nextPageToken;
      continue;
    }
    await finish(calendarId, response.nextSyncToken, context, clock());
    return;
  }
}

/**
 * The end of a run, in one transaction: on a full sync, kept events that did not appear are
 * deleted; the window is re-expanded for every linked series; the new token and time are stored.
 */
async function finish(calendarId: string, syncToken: string | undefined, context: ApplyContext, at: Date) {
  await db.transaction('rw', SYNC_TABLES, async () => {
    const linked = await linkedSeriesOf(calendarId);
    if (context.seen) {
      const kept = await db.remoteEvents
        .where('[calendarId+eventId]')
        .between([calendarId, ''], [calendarId, '\uffff'])
        .toArray();
      const vanished = kept.filter((row) => !context.seen?.has(row.eventId) && row.etag !== undefined);
      const series = new Set(vanished.filter((row) => row.kind !== 'exception').map((row) => row.seriesId));
      await db.remoteEvents.bulkDelete(
        vanished.filter((row) => row.kind === 'exception').map((row) => [calendarId, row.eventId] as [string, string]),
      );
      for (const seriesId of series) await forgetSeries(calendarId, seriesId, context.window);
    }
    await reconcileSeries(calendarId, await linkedSeriesOf(calendarId), context.window);
    const state = await readSyncState(calendarId);
    const { fullSync: _, lastError: __, syncToken: ___, ...rest } = state;
    await writeSyncState({
      ...rest,
      ...(syncToken ? { syncToken } : {}),
      lastSyncAt: at.toISOString(),
      knownSeries: [...linked].sort(),
    });
  });
}

/** Whether a series was linked since the last sync whose master sync never kept (so only a full read finds it). */
async function lostSeries(calendarId: string, state: SyncState): Promise<boolean> {
  const known = new Set(state.knownSeries ?? []);
  for (const seriesId of await linkedSeriesOf(calendarId)) {
    if (known.has(seriesId)) continue;
    const kept = await db.remoteEvents.where('[calendarId+seriesId]').equals([calendarId, seriesId]).count();
    if (kept === 0) return true;
  }
  return false;
}

async function dropToken(calendarId: string): Promise<SyncState> {
  return db.transaction('rw', db.syncState, async () => {
    const { syncToken: _, ...rest } = await readSyncState(calendarId);
    await writeSyncState(rest);
    return rest;
  });
}

async function startFullSync(calendarId: string, at: Date) {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readSyncState(calendarId);
    await writeSyncState({ ...state, fullSync: { startedAt: at.toISOString(), pages: 0, events: 0 } });
  });
}

async function recordProgress(calendarId: string, page: number, events: number) {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readSyncState(calendarId);
    const before = state.fullSync ?? { startedAt: new Date().toISOString(), pages: 0, events: 0 };
    await writeSyncState({ ...state, fullSync: { ...before, pages: page, events: before.events + events } });
  });
}

function isGone(error: unknown): error is CalendarApiError {
  return error instanceof Error && (error as CalendarApiError).kind === 'gone';
}

/**
 * The calendars to sync: the primary one (by its real id, when known) and every calendar a
 * relationship has a series on. Once the real id is known, `primary` is not synced on its own: it is
 * the same calendar, and its events would be linked and turned into sessions twice.
 */
export async function calendarsToSync(primaryId: string | undefined): Promise<string[]> {
  const relationships = await db.relationships.toArray();
  const linked = relationships.flatMap((r) => r.series.map((s) => s.calendarId));
  return [...new Set([...(primaryId ? [primaryId] : []), ...linked])].filter((id) => !(primaryId && id === PRIMARY));
}

/**
 * Syncs every calendar in turn. An `auth` error stops the run at once (every other calendar would
 * fail the same way); any other failure is recorded for its calendar and the next one is synced.
 * Returns one result per calendar synced, and the errors.
 */
export async function syncAll(
  client: CalendarClient,
  options: SyncOptions & {
    /** The primary calendar's real id (the user's email); without it, only calendars with linked series are synced. */
    primaryId?: string;
  } = {},
): Promise<{ results: SyncResult[]; errors: CalendarApiError[] }> {
  const results: SyncResult[] = [];
  const errors: CalendarApiError[] = [];
  for (const calendarId of await calendarsToSync(options.primaryId)) {
    try {
      results.push(await syncCalendar(client, calendarId, options));
    } catch (error) {
      errors.push(error as CalendarApiError);
      if ((error as CalendarApiError).kind === 'auth') break;
    }
  }
  return { results, errors };
}
