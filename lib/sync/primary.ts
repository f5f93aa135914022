/**
 * `primary` is how the API names the signed-in user's own calendar; the Calendar page names it by
 * the user's email, and sessions are keyed as the page keys them (design.md §3). Whatever was
 * scheduled under `primary` (offline, signed out, or by a page that does not know the real id) is
 * renamed to the real id once it is known, before it is sent or synced.
 */
import Dexie from 'dexie';
import { db } from '../db/database';
import { now } from '../model/common';
import { Relationship } from '../model/relationship';
import { PRIMARY } from './sync';

/**
 * Renames the calendar `primary` to `primaryId` in series links, sessions, kept events, the outbox
 * and sync state, in one transaction (all or nothing). A no-op, after a few indexed reads, when
 * nothing uses `primary`: the background calls it on every run, because a series may be scheduled
 * under `primary` at any time (the options page does not know the real id). A link the
 * relationship already has under the real id is not doubled, and a kept event already known under
 * the real id is not overwritten.
 */
export function adoptPrimaryId(primaryId: string): Promise<void> {
  if (primaryId === PRIMARY) return Promise.resolve();
  return db.transaction('rw', ['relationships', 'sessions', 'remoteEvents', 'outbox', 'syncState'], async () => {
    const [low, high] = [
      [PRIMARY, Dexie.minKey],
      [PRIMARY, Dexie.maxKey],
    ];
    const sessions = () => db.sessions.where('[calendarId+eventId]').between(low, high);
    const kept = () => db.remoteEvents.where('[calendarId+eventId]').between(low, high);
    const waiting = () => db.outbox.where('[calendarId+eventId]').between(low, high);
    const linked = await db.relationships.filter((r) => r.series.some((s) => s.calendarId === PRIMARY)).count();
    const used =
      linked > 0 ||
      (await sessions().count()) > 0 ||
      (await kept().count()) > 0 ||
      (await waiting().count()) > 0 ||
      (await db.syncState.get(PRIMARY)) !== undefined;
    if (!used) return;
    const stamp = now();
    await db.relationships
      .filter((r) => r.series.some((s) => s.calendarId === PRIMARY))
      .modify((r) => {
        const series = r.series.map((s) => (s.calendarId === PRIMARY ? { ...s, calendarId: primaryId } : s));
        const renamed = Relationship.parse({
          ...r,
          series: series.filter(
            (s, i) => series.findIndex((t) => t.calendarId === s.calendarId && t.seriesId === s.seriesId) === i,
          ),
          updatedAt: stamp,
        });
        Object.assign(r, renamed);
      });
    await sessions().modify({ calendarId: primaryId, updatedAt: stamp });
    const events = await kept().toArray();
    await db.remoteEvents.bulkDelete(events.map((e) => [PRIMARY, e.eventId] as [string, string]));
    const known = await db.remoteEvents.bulkGet(events.map((e) => [primaryId, e.eventId] as [string, string]));
    await db.remoteEvents.bulkPut(events.filter((_, i) => !known[i]).map((e) => ({ ...e, calendarId: primaryId })));
    await waiting().modify({ calendarId: primaryId });
    await db.syncState.delete(PRIMARY);
  });
}
