import { newId, now } from '../model/common';
import { type Agreement, type LinkedSeries, Relationship } from '../model/relationship';
import { db } from './database';

export type NewRelationship = Pick<Relationship, 'myRole' | 'other' | 'startedOn' | 'agreement'> & {
  series?: LinkedSeries[];
};

/**
 * Validates and stores a new active relationship. Throws a `z.core.$ZodError` naming the invalid
 * fields; nothing is written then.
 */
export async function createRelationship(input: NewRelationship): Promise<Relationship> {
  const stamp = now();
  const relationship = Relationship.parse({
    id: newId(),
    status: 'active',
    series: [],
    ...input,
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db.relationships.add(relationship);
  return relationship;
}

// In a module of its own so that the popup, which only reads, does not load this one's schemas.
export { currentRelationships } from './current-relationships';

/** Every relationship: current ones (active, paused) first in the order they started, then ended ones, latest first. */
export async function allRelationships(): Promise<Relationship[]> {
  const all = await db.relationships.toArray();
  const current = all.filter((r) => r.status !== 'ended').sort((a, b) => a.startedOn.localeCompare(b.startedOn));
  const ended = all
    .filter((r) => r.status === 'ended')
    .sort((a, b) => (b.endedOn ?? b.startedOn).localeCompare(a.endedOn ?? a.startedOn));
  return [...current, ...ended];
}

/** Who the other person is, the user's role and when it started. */
export type RelationshipDetails = Pick<Relationship, 'myRole' | 'other' | 'startedOn'>;

/** Changes a relationship's details after validating them; keeps its agreement, status and series. */
export async function editRelationship(relationshipId: string, details: RelationshipDetails): Promise<void> {
  const { email, ...other } = details.other;
  await updateRelationship(relationshipId, (r) => ({
    ...r,
    myRole: details.myRole,
    startedOn: details.startedOn,
    other: { ...other, name: other.name.trim(), ...(email?.trim() ? { email: email.trim() } : {}) },
  }));
}

/** Replaces the agreement after validating it; keeps everything else. */
export async function updateAgreement(relationshipId: string, agreement: Agreement): Promise<void> {
  await updateRelationship(relationshipId, (r) => ({ ...r, agreement }));
}

/** Pauses, resumes or ends a relationship; ending records the day. */
export async function setRelationshipStatus(
  relationshipId: string,
  status: Relationship['status'],
  on: string,
): Promise<void> {
  await updateRelationship(relationshipId, (r) => ({
    ...r,
    status,
    ...(status === 'ended' ? { endedOn: on } : { endedOn: undefined }),
  }));
}

/** The relationship a calendar series belongs to, if any (design.md §3: the series links occurrences). */
export async function relationshipForSeries(calendarId: string, seriesId: string): Promise<Relationship | undefined> {
  // A handful of relationships per user: a scan is cheaper than keeping a multi-entry index in sync.
  return db.relationships
    .filter((r) => r.series.some((s) => s.calendarId === calendarId && s.seriesId === seriesId))
    .first();
}

/**
 * Links a recurring series to a relationship, and every session already recorded for that series
 * with it, atomically. Linking an already linked series is a no-op.
 */
export async function linkSeries(relationshipId: string, series: LinkedSeries): Promise<void> {
  await db.transaction('rw', db.relationships, db.sessions, async () => {
    await updateRelationship(relationshipId, (r) =>
      r.series.some((s) => s.calendarId === series.calendarId && s.seriesId === series.seriesId)
        ? r
        : { ...r, series: [...r.series, series] },
    );
    await db.sessions
      .where('seriesId')
      .equals(series.seriesId)
      .filter((s) => s.calendarId === series.calendarId && s.relationshipId === undefined)
      .modify({ relationshipId });
  });
}

/**
 * Unlinks a series from the relationship that holds it, and every recorded occurrence of it from
 * that relationship, atomically. Their agendas and notes stay: linking the series again brings them
 * back. Unlinking a series that is not linked is a no-op.
 */
export async function unlinkSeries(series: LinkedSeries): Promise<void> {
  await db.transaction('rw', db.relationships, db.sessions, async () => {
    const owner = await relationshipForSeries(series.calendarId, series.seriesId);
    if (!owner) return;
    await updateRelationship(owner.id, (r) => ({
      ...r,
      series: r.series.filter((s) => !(s.calendarId === series.calendarId && s.seriesId === series.seriesId)),
    }));
    await db.sessions
      .where('seriesId')
      .equals(series.seriesId)
      .filter((s) => s.calendarId === series.calendarId && s.relationshipId === owner.id)
      .modify((session) => {
        delete session.relationshipId;
        session.updatedAt = now();
      });
  });
}

/** Validates the changed record before writing; an invalid change throws and writes nothing. */
async function updateRelationship(id: string, change: (r: Relationship) => Relationship): Promise<void> {
  await db.transaction('rw', db.relationships, async () => {
    const current = await db.relationships.get(id);
    if (!current) throw new Error(`no relationship ${id}`);
    const next = change(current);
    if (next === current) return;
    await db.relationships.put(Relationship.parse({ ...next, updatedAt: now() }));
  });
}

/**
 * Ends a series' link to its relationship (the series was deleted in Calendar) but keeps every
 * recorded occurrence in the relationship: its history stays where it was. A no-op when not linked.
 */
export async function endSeriesLink(series: LinkedSeries): Promise<void> {
  await db.transaction('rw', db.relationships, async () => {
    const owner = await relationshipForSeries(series.calendarId, series.seriesId);
    if (!owner) return;
    await updateRelationship(owner.id, (r) => ({
      ...r,
      series: r.series.filter((s) => !(s.calendarId === series.calendarId && s.seriesId === series.seriesId)),
    }));
  });
}
