/**
 * Applies API event items to the database: which to keep, which series to link, then the sessions
 * (`reconcileSeries`), then the shared agendas they carry (`receiveShared`). One call is one
 * transaction: a page is applied entirely or not at all.
 */

import type { ApiEvent } from '../calendar/schemas';
import { endSeries, replaceTandemBlock } from '../calendar/series';
import { db } from '../db/database';
import { linkSeries } from '../db/relationships';
import { now } from '../model/common';
import type { RemoteEvent } from '../model/sync';
import { receiveShared } from '../share/merge';
import { forgetSeries, reconcileSeries, SYNC_TABLES } from './reconcile';
import { readItem, splitFrom } from './remote';
import type { SyncWindow } from './window';

export interface ApplyContext {
  window: SyncWindow;
  /**
   * Exceptions of series not (yet) linked, held for the rest of one sync run: a page may bring an
   * instance before the page that brings its tagged master. Keyed by series id.
   */
  unclaimed?: Map<string, RemoteEvent[]>;
  /** On a full sync: every event id kept or deleted so far, to find what no longer exists. */
  seen?: Set<string>;
}

/** The series of a calendar that belong to a relationship. */
export async function linkedSeriesOf(calendarId: string): Promise<Set<string>> {
  const relationships = await db.relationships.toArray();
  return new Set(
    relationships.flatMap((r) => r.series.filter((s) => s.calendarId === calendarId).map((s) => s.seriesId)),
  );
}

/**
 * Applies one page of `events.list` (or one event a write returned), atomically. Keeps the masters,
 * exceptions and single events of linked or Tandem-tagged series; links a tagged series to its
 * relationship, and a "this and following" continuation to its parent's; forgets deleted series;
 * then reconciles the sessions of every series touched.
 */
export function applyEvents(calendarId: string, events: readonly ApiEvent[], context: ApplyContext): Promise<void> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const syncedAt = now();
    const items = events.map((event) => readItem(calendarId, event, syncedAt));
    let linked = await linkedSeriesOf(calendarId);

    for (const { row } of items) {
      if (!row || row.kind === 'exception' || linked.has(row.seriesId)) continue;
      const parent = splitFrom(row.seriesId);
      const owner = row.relationshipId
        ? await db.relationships.get(row.relationshipId)
        : parent && linked.has(parent)
          ? await parentOwner(calendarId, parent)
          : undefined;
      if (owner) await linkSeries(owner.id, { calendarId, seriesId: row.seriesId });
    }
    linked = await linkedSeriesOf(calendarId);

    const touched = new Set<string>();
    const deleted = new Set<string>();
    const kept: RemoteEvent[] = [];
    for (const { occurrence, row } of items) {
      context.seen?.add(occurrence.eventId);
      if (!row) {
        const kept = await db.remoteEvents
          .where('[calendarId+seriesId]')
          .equals([calendarId, occurrence.seriesId])
          .count();
        if (kept > 0 || linked.has(occurrence.seriesId)) deleted.add(occurrence.seriesId);
        continue;
      }
      if (linked.has(row.seriesId) || row.relationshipId !== undefined) {
        await db.remoteEvents.put(await withPendingWrites(row));
        touched.add(row.seriesId);
        kept.push(row);
      } else if (row.kind === 'exception' && context.unclaimed) {
        const held = context.unclaimed.get(row.seriesId) ?? [];
        context.unclaimed.set(row.seriesId, [...held.filter((e) => e.eventId !== row.eventId), row]);
      } else {
        // No longer ours (the user untracked the series): stop keeping it.
        await db.remoteEvents.delete([calendarId, row.eventId]);
      }
    }
    for (const seriesId of linked) {
      const held = context.unclaimed?.get(seriesId);
      if (!held) continue;
      await db.remoteEvents.bulkPut(held);
      context.unclaimed?.delete(seriesId);
      touched.add(seriesId);
    }

    await reconcileSeries(
      calendarId,
      [...touched].filter((id) => !deleted.has(id)),
      context.window,
    );
    for (const seriesId of deleted) await forgetSeries(calendarId, seriesId, context.window);
    // The other person's shared agenda, as Google sent it (not with our pending writes over it):
    // merged into the sessions just reconciled (lib/share/merge.ts).
    await receiveShared(calendarId, kept, new Date(syncedAt));
  });
}

/** The relationship of the (linked) series a "this and following" master was split from. */
function parentOwner(calendarId: string, parent: string) {
  return db.relationships
    .filter((r) => r.series.some((s) => s.calendarId === calendarId && s.seriesId === parent))
    .first();
}

/**
 * The row as it will be once the writes still waiting in the outbox for it reach Google, so that a
 * sync between a local change and its write does not undo the change on screen.
 */
async function withPendingWrites(row: RemoteEvent): Promise<RemoteEvent> {
  const pending = await db.outbox.where('[calendarId+eventId]').equals([row.calendarId, row.eventId]).sortBy('seq');
  let result = row;
  for (const op of pending) {
    if (op.kind === 'end-series' && result.recurrence) {
      result = { ...result, recurrence: endSeries(result.recurrence, new Date(op.before)) };
    } else if (op.kind === 'patch-event') {
      result = withOwnedFields(result, op.fields);
    }
  }
  return result;
}

/** Our fields over theirs: our description block and our property keys; everything else theirs. */
export function withOwnedFields<T extends Pick<RemoteEvent, 'description' | 'extendedProperties'>>(
  event: T,
  fields: {
    descriptionBlock?: string;
    privateProperties?: Record<string, string>;
    sharedProperties?: Record<string, string>;
  },
): T {
  return {
    ...event,
    ...(fields.descriptionBlock !== undefined
      ? { description: replaceTandemBlock(event.description, fields.descriptionBlock) }
      : {}),
    ...(fields.privateProperties || fields.sharedProperties
      ? {
          extendedProperties: {
            ...event.extendedProperties,
            ...(fields.privateProperties
              ? { private: { ...event.extendedProperties?.private, ...fields.privateProperties } }
              : {}),
            ...(fields.sharedProperties
              ? { shared: { ...event.extendedProperties?.shared, ...fields.sharedProperties } }
              : {}),
          },
        }
      : {}),
  };
}
