/**
 * `primary` is how the API names the signed-in user's own calendar; the Calendar page names it by
 * the user's email, and sessions are keyed as the page keys them (design.md §3). Whatever was
 * scheduled under `primary` before the real id was known (offline, signed out) is renamed once it is.
 */
import { db } from '../db/database';
import { now } from '../model/common';
import { Relationship } from '../model/relationship';
import { PRIMARY } from './sync';

/**
 * Renames the calendar `primary` to `primaryId` in series links, sessions, kept events, the outbox
 * and sync state, in one transaction (all or nothing). A no-op when nothing uses `primary`.
 */
export function adoptPrimaryId(primaryId: string): Promise<void> {
  if (primaryId === PRIMARY) return Promise.resolve();
  return db.transaction('rw', ['relationships', 'sessions', 'remoteEvents', 'outbox', 'syncState'], async () => {
    const stamp = now();
    await db.relationships
      .filter((r) => r.series.some((s) => s.calendarId === PRIMARY))
      .modify((r) => {
        const renamed = Relationship.parse({
          ...r,
          series: r.series.map((s) => (s.calendarId === PRIMARY ? { ...s, calendarId: primaryId } : s)),
          updatedAt: stamp,
        });
        Object.assign(r, renamed);
      });
    await db.sessions.filter((s) => s.calendarId === PRIMARY).modify({ calendarId: primaryId, updatedAt: stamp });
    const events = await db.remoteEvents
      .where('[calendarId+eventId]')
      .between([PRIMARY, ''], [PRIMARY, '\uffff'])
      .toArray();
    await db.remoteEvents.bulkDelete(events.map((e) => [PRIMARY, e.eventId] as [string, string]));
    await db.remoteEvents.bulkPut(events.map((e) => ({ ...e, calendarId: primaryId })));
    await db.outbox.filter((op) => op.calendarId === PRIMARY).modify({ calendarId: primaryId });
    await db.syncState.delete(PRIMARY);
  });
}
