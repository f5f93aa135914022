import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem } from '../../../lib/db/actions';
import { addAgendaItem } from '../../../lib/db/agenda';
import { exportBackup, REFERENCES, wipeAll } from '../../../lib/db/backup';
import { addCheckIn } from '../../../lib/db/checkins';
import { db, TABLE_NAMES, type TableName } from '../../../lib/db/database';
import { saveFeedback } from '../../../lib/db/feedback';
import { addGoal } from '../../../lib/db/goals';
import { savePrivateNote } from '../../../lib/db/notes';
import { createRelationship } from '../../../lib/db/relationships';
import { deleteRelationship, relationshipFootprint, restoreRelationship } from '../../../lib/db/removal';
import { ensureSession } from '../../../lib/db/sessions';
import { addTakeaway } from '../../../lib/db/takeaways';
import { logWin } from '../../../lib/db/wins';
import { scheduleSeries } from '../../../lib/sync/schedule';
import { CALENDAR, menteeRelationship, occurrence, SERIES } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

/** A relationship with a record in every table that can belong to it. */
async function fullRelationship() {
  const relationship = await menteeRelationship();
  const session = await occurrence('2026-11-17');
  const next = await occurrence('2026-11-24');
  const goal = await addGoal(relationship.id, {
    title: 'Senior engineer',
    why: '',
    successCriteria: 'Promoted',
    category: 'career',
    milestones: [{ title: 'Self-review', dueOn: '2026-12-01' }],
  });
  await addAgendaItem(session.id, { text: 'Scope', addedBy: 'me', goalId: goal.id });
  await addAgendaItem(next.id, { text: 'Feedback on the doc', addedBy: 'me' });
  await savePrivateNote(
    { kind: 'calendar', calendarId: CALENDAR, eventId: session.eventId ?? '' },
    'Asked for scope, not titles',
  );
  await addTakeaway(session.id, { text: 'Write it down', goalId: goal.id });
  await addActionItem(relationship.id, session.id, { text: 'Draft the self-review', owner: 'mentee', goalId: goal.id });
  await saveFeedback(session.id, 'me', { strengths: 'Clear', improvements: '' });
  await addCheckIn(relationship.id, { progress: 4, dynamic: 5, note: 'Good', sessionId: session.id });
  await logWin(relationship.id, { text: 'Proposal sent', on: '2026-11-10', goalId: goal.id });
  return { relationship, session, goal };
}

/** A second relationship that must come out of a deletion untouched. */
async function otherRelationship() {
  const other = await createRelationship({
    myRole: 'mentor',
    other: { name: 'Riley Report' },
    startedOn: '2026-06-01',
    agreement: {
      cadence: { kind: 'monthly' },
      sessionMinutes: 30,
      channels: [],
      mentorRole: '',
      menteeRole: '',
      mentorExpectations: '',
      menteeExpectations: '',
      boundaries: [],
    },
  });
  const call = await ensureSession({ kind: 'meet', code: 'abc-defg-hij' });
  await db.sessions.update(call.id, { relationshipId: other.id });
  await addAgendaItem(call.id, { text: 'Their question', addedBy: 'them' });
  await addActionItem(other.id, call.id, { text: 'Their action', owner: 'mentee' });
  return other;
}

async function snapshot() {
  return (await exportBackup()).data;
}

/** Every reference in the database that names a record that is not there. */
async function orphans(): Promise<string[]> {
  const data = await snapshot();
  const ids = Object.fromEntries(TABLE_NAMES.map((t) => [t, new Set(data[t].map((r) => r.id))])) as Record<
    TableName,
    Set<string>
  >;
  const found: string[] = [];
  for (const table of TABLE_NAMES) {
    for (const row of data[table] as unknown as Record<string, unknown>[]) {
      for (const [field, target] of Object.entries(REFERENCES[table])) {
        const value = row[field];
        if (typeof value === 'string' && target && !ids[target].has(value)) found.push(`${table}.${field}`);
      }
    }
  }
  return found;
}

describe('deleteRelationship', () => {
  it('removes everything that belonged to the relationship, in every table, and nothing else', async () => {
    const other = await otherRelationship();
    const before = await snapshot();
    const { relationship } = await fullRelationship();
    expect(Object.values(await snapshot()).every((rows) => rows.length > 0)).toBe(true);

    const removed = await deleteRelationship(relationship.id);

    expect(await snapshot()).toEqual(before);
    expect(await orphans()).toEqual([]);
    expect(removed.records.relationship.id).toBe(relationship.id);
    expect(removed.detached).toEqual([]);
    expect((await db.relationships.toArray()).map((r) => r.id)).toEqual([other.id]);
  });

  it('detaches, rather than leaves dangling, references another relationship held to its records', async () => {
    const other = await otherRelationship();
    const { relationship, goal } = await fullRelationship();
    // Possible after a merged import: another relationship's action item linked to this goal.
    const stray = await addActionItem(other.id, undefined, { text: 'Linked across', owner: 'mentor', goalId: goal.id });

    const removed = await deleteRelationship(relationship.id);

    expect(await orphans()).toEqual([]);
    expect((await db.actionItems.get(stray.id))?.goalId).toBeUndefined();
    expect(removed.detached).toEqual([{ table: 'actionItems', id: stray.id, field: 'goalId', value: goal.id }]);

    await restoreRelationship(removed);
    expect((await db.actionItems.get(stray.id))?.goalId).toBe(goal.id);
  });

  it('rejects for a relationship that does not exist, and deletes nothing', async () => {
    await fullRelationship();
    const before = await snapshot();
    await expect(deleteRelationship('00000000-0000-4000-8000-000000000000')).rejects.toThrow('no relationship');
    expect(await snapshot()).toEqual(before);
  });
});

describe('restoreRelationship', () => {
  it('puts back exactly what was deleted, same ids and all', async () => {
    await otherRelationship();
    const { relationship } = await fullRelationship();
    const before = await snapshot();
    const removed = await deleteRelationship(relationship.id);

    await restoreRelationship(removed);

    expect(await snapshot()).toEqual(before);
    await expect(restoreRelationship(removed)).rejects.toThrow('already back');
  });

  it('writes nothing when part of it was recorded again meanwhile', async () => {
    const { relationship, session } = await fullRelationship();
    const removed = await deleteRelationship(relationship.id);
    // The same calendar occurrence opened again in Calendar after the deletion.
    await ensureSession(
      { kind: 'calendar', calendarId: CALENDAR, eventId: session.eventId ?? '' },
      { seriesId: SERIES, start: session.start ?? null },
    );
    const before = await snapshot();

    await expect(restoreRelationship(removed)).rejects.toThrow('recorded again');
    expect(await snapshot()).toEqual(before);
  });

  it('validates every record before writing', async () => {
    const { relationship } = await fullRelationship();
    const removed = await deleteRelationship(relationship.id);
    const tampered = {
      ...removed,
      records: { ...removed.records, goals: removed.records.goals.map((g) => ({ ...g, title: '' })) },
    };
    await expect(restoreRelationship(tampered)).rejects.toThrow('must not be empty');
    expect(await db.relationships.count()).toBe(0);
  });
});

describe('relationshipFootprint', () => {
  it('counts goals, sessions and everything else recorded with the relationship', async () => {
    const { relationship } = await fullRelationship();
    // Agenda items 2, note 1, takeaway 1, action item 1, feedback 1, check-in 1, win 1.
    expect(await relationshipFootprint(relationship.id)).toEqual({ goals: 1, sessions: 2, entries: 8 });
  });
});

describe('what sync and sharing kept', () => {
  it('deleting a relationship drops its waiting writes and kept events; another relationship keeps its own', async () => {
    const mine = await createRelationship({
      myRole: 'mentor',
      other: { name: 'Sam', email: 'sam@example.com' },
      startedOn: '2026-11-01',
      agreement: (await menteeRelationship()).agreement,
    });
    const other = (await db.relationships.toArray()).find((r) => r.id !== mine.id);
    if (!other) throw new Error('no second relationship');
    const at = new Date('2026-11-23T10:00:00Z');
    await scheduleSeries(mine.id, { firstStart: new Date('2026-11-24T15:00:00Z'), timeZone: 'UTC', at });
    await scheduleSeries(other.id, { firstStart: new Date('2026-11-25T15:00:00Z'), timeZone: 'UTC', at });
    expect(await db.outbox.count()).toBe(2);
    const keptBefore = await db.remoteEvents.count();
    expect(keptBefore).toBeGreaterThan(0);

    await deleteRelationship(mine.id);
    expect((await db.outbox.toArray()).map((op) => op.relationshipId)).toEqual([other.id]);
    expect((await db.remoteEvents.toArray()).every((event) => event.relationshipId !== mine.id)).toBe(true);
    expect(await db.remoteEvents.count()).toBeLessThan(keptBefore);

    // "Delete everything": nothing is left to send either.
    await wipeAll();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.remoteEvents.count()).toBe(0);
  });
});
