import { BackupData } from '../model/backup';
import { now } from '../model/common';
import { REFERENCES } from './backup';
import { db, TABLE_NAMES, type TableName } from './database';
import { type RelationshipRecords, readRelationship } from './markdown';
import { recordTable, recordTables } from './records';

/** A reference to a deleted record that a record of another relationship held, and lost. */
export interface DetachedReference {
  table: TableName;
  id: string;
  field: string;
  value: string;
}

/** Everything `deleteRelationship` removed, to put back with `restoreRelationship`. */
export interface RemovedRelationship {
  records: RelationshipRecords;
  detached: DetachedReference[];
}

/** How much a relationship holds, for the question before deleting it. */
export interface Footprint {
  goals: number;
  sessions: number;
  /** Agenda items, notes, takeaways, action items, feedback, check-ins and wins. */
  entries: number;
}

/** Counts what deleting a relationship would remove. */
export async function relationshipFootprint(relationshipId: string): Promise<Footprint> {
  return footprintOf(await readRelationship(relationshipId));
}

/** How much a relationship's records hold. */
export function footprintOf(records: RelationshipRecords): Footprint {
  const { relationship: _, goals, sessions, ...rest } = records;
  return {
    goals: goals.length,
    sessions: sessions.length,
    entries: Object.values(rest).reduce((sum, list) => sum + list.length, 0),
  };
}

/**
 * Deletes a relationship and everything that belongs to it — its goals, sessions with their agenda,
 * notes, takeaways and feedback, action items, check-ins and wins — in one transaction: all of it or
 * nothing. A record of another relationship that pointed at one of these (possible after a merged
 * import) keeps its place but loses the reference, so nothing is left pointing at nothing.
 * What sync and sharing kept about it goes too, writes still waiting for Google included: nothing
 * of a deleted relationship is sent afterwards (an undo brings the records back, not those writes).
 * Returns what was removed, for `restoreRelationship`. Rejects if there is no such relationship.
 */
export function deleteRelationship(relationshipId: string): Promise<RemovedRelationship> {
  const caches = [db.outbox, db.remoteEvents, db.shares, db.shareClocks];
  return db.transaction('rw', [...recordTables(), ...caches], async () => {
    const records = await readRelationship(relationshipId);
    const deleted = idsByTable(records);
    const detached: DetachedReference[] = [];
    for (const table of TABLE_NAMES) {
      const fields = Object.entries(REFERENCES[table]).filter(([, target]) => target && deleted[target].size > 0);
      if (fields.length === 0) continue;
      const rows: readonly (Record<string, unknown> & { id: string })[] = await recordTable(table).all();
      const holders = rows.filter(
        (row) => !deleted[table].has(row.id) && fields.some(([field, target]) => refersTo(row, field, target)),
      );
      for (const row of holders) {
        for (const [field, target] of fields) {
          if (refersTo(row, field, target)) detached.push({ table, id: row.id, field, value: row[field] as string });
        }
      }
    }
    for (const table of TABLE_NAMES) await recordTable(table).delete([...deleted[table]]);
    await forgetCachedState(relationshipId, records);
    for (const reference of detached) await setReference(reference, undefined);
    return { records, detached };

    function refersTo(row: Record<string, unknown>, field: string, target: TableName | undefined): boolean {
      const value = row[field];
      return target !== undefined && typeof value === 'string' && deleted[target].has(value);
    }
  });
}

/** The sync and sharing state of a relationship being deleted (inside `deleteRelationship`'s transaction). */
async function forgetCachedState(relationshipId: string, records: RelationshipRecords): Promise<void> {
  const sessionIds = records.sessions.map((session) => session.id);
  const events = new Set(records.sessions.map((session) => `${session.calendarId} ${session.eventId}`));
  const series = new Set(records.relationship.series.map((s) => `${s.calendarId} ${s.seriesId}`));
  const ours = (calendarId: string, eventId: string, seriesId?: string): boolean =>
    events.has(`${calendarId} ${eventId}`) ||
    series.has(`${calendarId} ${eventId}`) ||
    (seriesId !== undefined && series.has(`${calendarId} ${seriesId}`));
  await db.outbox.filter((op) => op.relationshipId === relationshipId || ours(op.calendarId, op.eventId)).delete();
  await db.remoteEvents
    .filter((event) => event.relationshipId === relationshipId || ours(event.calendarId, event.eventId, event.seriesId))
    .delete();
  await db.shares.bulkDelete(sessionIds);
  await db.shareClocks.where('sessionId').anyOf(sessionIds).delete();
}

/**
 * Puts back a relationship removed by `deleteRelationship`, exactly as it was, in one transaction:
 * every record is checked against its schema first, and if any cannot be written (a session of it
 * was recorded again since, say) nothing is. References other records lost are given back where
 * those records still exist and have not been pointed elsewhere meanwhile.
 */
export async function restoreRelationship(removed: RemovedRelationship): Promise<void> {
  const { records } = removed;
  const data = BackupData.parse({
    relationships: [records.relationship],
    goals: records.goals,
    sessions: records.sessions,
    agendaItems: records.agendaItems,
    notes: records.notes,
    takeaways: records.takeaways,
    actionItems: records.actionItems,
    feedback: records.feedback,
    checkIns: records.checkIns,
    wins: records.wins,
  });
  await db.transaction('rw', recordTables(), async () => {
    if (await db.relationships.get(records.relationship.id)) throw new Error('it is already back');
    try {
      for (const table of TABLE_NAMES) await recordTable(table).add(data[table]);
    } catch (error) {
      throw new Error(
        'part of it was recorded again since it was deleted (a session of the same calendar event, say); nothing was restored',
        { cause: error },
      );
    }
    for (const reference of removed.detached) {
      const row = await recordTable(reference.table).get(reference.id);
      if (row && (row as Record<string, unknown>)[reference.field] === undefined) {
        await setReference(reference, reference.value);
      }
    }
  });
}

/** Sets (or, with `undefined`, removes) a reference of a record, inside the caller's transaction. */
async function setReference(reference: DetachedReference, value: string | undefined): Promise<void> {
  const records = recordTable(reference.table);
  const row = await records.get(reference.id);
  if (!row) return;
  const next: Record<string, unknown> = { ...row, [reference.field]: value };
  if (value === undefined) {
    delete next[reference.field];
    next.updatedAt = now();
  }
  await records.put([next as typeof row]);
}

function idsByTable(records: RelationshipRecords): Record<TableName, Set<string>> {
  const ids = (list: readonly { id: string }[]) => new Set(list.map((row) => row.id));
  return {
    relationships: new Set([records.relationship.id]),
    goals: ids(records.goals),
    sessions: ids(records.sessions),
    agendaItems: ids(records.agendaItems),
    notes: ids(records.notes),
    takeaways: ids(records.takeaways),
    actionItems: ids(records.actionItems),
    feedback: ids(records.feedback),
    checkIns: ids(records.checkIns),
    wins: ids(records.wins),
  };
}
