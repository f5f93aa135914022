/**
 * Scheduling a relationship's recurring sessions from its agreement (issue 7, item 3), local-first:
 * the series is linked and its sessions exist at once, offline too; the outbox takes the write to
 * Google when it can.
 */

import type { ApiEvent } from '../calendar/schemas';
import { endSeries, seriesEvent } from '../calendar/series';
import { db } from '../db/database';
import { linkSeries, updateAgreement } from '../db/relationships';
import { now } from '../model/common';
import type { Agreement } from '../model/relationship';
import { RemoteEvent } from '../model/sync';
import { enqueue } from './outbox';
import { reconcileSeries, SYNC_TABLES } from './reconcile';
import { readItem } from './remote';
import { PRIMARY } from './sync';
import { syncWindow } from './window';

/**
 * A new Calendar event id: 32 base32hex characters (`0-9a-v`; a UUID's hex digits without dashes
 * are a subset), which Google accepts as a client-chosen id.
 */
export function newEventId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export interface ScheduleOptions {
  firstStart: Date;
  /** IANA zone the series repeats in. */
  timeZone: string;
  calendarId?: string;
  /** The clock for the session window. */
  at?: Date;
}

/**
 * Schedules the relationship's series, in one transaction: picks the event id, links the series to
 * the relationship (panels recognise its occurrences before Google has it), keeps the series as a
 * not-yet-inserted remote event so its sessions in the window exist at once, and enqueues the
 * `insert-series`. Returns the series id. Throws (writing nothing) for an unknown relationship or
 * time zone.
 */
export function scheduleSeries(relationshipId: string, options: ScheduleOptions): Promise<string> {
  return db.transaction('rw', SYNC_TABLES, () => schedule(relationshipId, options));
}

async function schedule(relationshipId: string, options: ScheduleOptions): Promise<string> {
  const calendarId = options.calendarId ?? PRIMARY;
  const relationship = await db.relationships.get(relationshipId);
  if (!relationship) throw new Error(`no relationship ${relationshipId}`);
  const eventId = newEventId();
  const body = seriesEvent(relationship, {
    firstStart: options.firstStart,
    timeZone: options.timeZone,
    requestId: eventId,
    eventId,
  });
  await linkSeries(relationshipId, { calendarId, seriesId: eventId });
  const { row } = readItem(
    calendarId,
    { ...body, id: eventId, etag: 'pending', status: 'confirmed' } as ApiEvent,
    now(),
  );
  if (row) {
    const { etag: _, ...pending } = row;
    await db.remoteEvents.put(RemoteEvent.parse(pending));
  }
  await enqueue(
    { kind: 'insert-series', calendarId, eventId, relationshipId, body: body as Record<string, unknown> },
    options.at,
  );
  await reconcileSeries(calendarId, [eventId], syncWindow(options.at ?? new Date()));
  return eventId;
}

/**
 * Changes the cadence as Calendar does "this and following", in one transaction: stores the new
 * agreement, ends the relationship's current series so that no occurrence starts at or after `from`
 * (an `end-series` write with `If-Match`), and schedules a new series starting at `from` in the
 * same calendar and zone. Sessions of the old series from `from` on retire (what was written in
 * them moves on to the new series' sessions); earlier ones stay as they are. Returns the new series id.
 */
export function changeCadence(
  relationshipId: string,
  agreement: Agreement,
  options: { from: Date; timeZone?: string; at?: Date },
): Promise<string> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const relationship = await db.relationships.get(relationshipId);
    if (!relationship) throw new Error(`no relationship ${relationshipId}`);
    await updateAgreement(relationshipId, agreement);
    const current = relationship.series.at(-1);
    const master = current ? await db.remoteEvents.get([current.calendarId, current.seriesId]) : undefined;
    const seriesId = await schedule(relationshipId, {
      firstStart: options.from,
      timeZone: options.timeZone ?? master?.start?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(current ? { calendarId: current.calendarId } : {}),
      ...(options.at ? { at: options.at } : {}),
    });
    if (current) {
      await enqueue(
        {
          kind: 'end-series',
          calendarId: current.calendarId,
          eventId: current.seriesId,
          relationshipId,
          before: options.from.toISOString(),
          ...(master?.etag ? { baseEtag: master.etag } : {}),
        },
        options.at,
      );
      if (master?.recurrence) {
        await db.remoteEvents.put({ ...master, recurrence: endSeries(master.recurrence, options.from) });
      }
      await reconcileSeries(current.calendarId, [current.seriesId], syncWindow(options.at ?? new Date()));
    }
    return seriesId;
  });
}
