import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem, setActionStatus } from '../../../lib/db/actions';
import { addAgendaItem } from '../../../lib/db/agenda';
import { closeSession } from '../../../lib/db/carry-forward';
import { addCheckIn } from '../../../lib/db/checkins';
import { db } from '../../../lib/db/database';
import { createRelationship, setRelationshipStatus, updateAgreement } from '../../../lib/db/relationships';
import { dueActionCount, dueReminders, type ReminderKind } from '../../../lib/db/reminders';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

const ALL = new Set<ReminderKind>(['prepare', 'actions-due', 'agreement-review', 'check-in']);
// The factory's sessions start at 15:00 UTC; the day before, 16:00 UTC is within 24 hours of it.
const query = (kinds = ALL, at = '2026-11-23T16:00:00.000Z', prepareHours = 24) => ({
  now: new Date(at),
  today: at.slice(0, 10),
  kinds,
  prepareHours,
});
const ids = async (q = query()) => (await dueReminders(q)).map((r) => r.id);

describe('dueReminders', () => {
  it('reminds to prepare a session starting within the lead time until the agenda has something from you', async () => {
    await menteeRelationship();
    const tomorrow = await occurrence('2026-11-24');
    await occurrence('2026-12-01');
    expect(await ids()).toEqual([`prepare:${tomorrow.id}:2026-11-24`]);
    expect(await ids(query(ALL, '2026-11-23T16:00:00.000Z', 2))).toEqual([]);

    await addAgendaItem(tomorrow.id, { text: 'Their topic', addedBy: 'them' });
    expect(await ids()).toHaveLength(1);
    await addAgendaItem(tomorrow.id, { text: 'My question', addedBy: 'me' });
    expect(await ids()).toEqual([]);
  });

  it('does not remind of a cancelled session, nor for paused or ended relationships', async () => {
    const r = await menteeRelationship();
    const tomorrow = await occurrence('2026-11-24');
    await closeSession(tomorrow.id, 'cancelled');
    expect(await ids()).toEqual([]);
    await db.sessions.update(tomorrow.id, { status: 'scheduled' });
    await setRelationshipStatus(r.id, 'paused', '2026-11-23');
    expect(await ids()).toEqual([]);
  });

  it('groups the open action items due tomorrow by relationship, pointing at the session that reviews them', async () => {
    const r = await menteeRelationship();
    const session = await occurrence('2026-11-17');
    const next = await occurrence('2026-11-24');
    const a = await addActionItem(r.id, session.id, { text: 'Draft', owner: 'mentee', dueOn: '2026-11-24' });
    const b = await addActionItem(r.id, undefined, { text: 'Read', owner: 'mentor', dueOn: '2026-11-24' });
    const done = await addActionItem(r.id, undefined, { text: 'Done', owner: 'mentee', dueOn: '2026-11-24' });
    await setActionStatus(done.id, 'done');
    await addActionItem(r.id, undefined, { text: 'Later', owner: 'mentee', dueOn: '2026-11-25' });
    await db.actionItems.update(a.id, { reviewSessionId: next.id });

    const [reminder] = await dueReminders(query(new Set(['actions-due'])));
    expect(reminder).toMatchObject({ kind: 'actions-due', id: `actions-due:${r.id}:2026-11-24`, day: '2026-11-24' });
    expect(reminder?.keys.sort()).toEqual([`actions-due:${a.id}:2026-11-24`, `actions-due:${b.id}:2026-11-24`].sort());
    expect(reminder?.session?.id).toBe(next.id);
    expect(reminder?.items?.map((i) => i.text).sort()).toEqual(['Draft', 'Read']);
  });

  it('reminds of the agreement review from its date on, once per review date', async () => {
    const r = await menteeRelationship();
    expect(await ids(query(new Set(['agreement-review']), '2027-02-28T10:00:00.000Z'))).toEqual([]);
    expect(await ids(query(new Set(['agreement-review']), '2027-03-02T10:00:00.000Z'))).toEqual([
      `agreement-review:${r.id}:2027-03-01`,
    ]);
    await updateAgreement(r.id, { ...r.agreement, reviewOn: '2028-03-01' });
    expect(await ids(query(new Set(['agreement-review']), '2027-03-02T10:00:00.000Z'))).toEqual([]);
  });

  it('reminds of a check-in when one is due, with a new key for each round', async () => {
    const r = await menteeRelationship();
    const checkIn = new Set<ReminderKind>(['check-in']);
    expect(await ids(query(checkIn))).toEqual([]);
    for (const day of ['2026-11-03', '2026-11-10']) await closeSession((await occurrence(day)).id, 'held');
    expect(await ids(query(checkIn))).toEqual([`check-in:${r.id}:2026-09-01`]);
    await addCheckIn(r.id, { progress: 3, dynamic: 4, note: '' });
    expect(await ids(query(checkIn))).toEqual([]);
  });

  it('only checks the kinds asked for', async () => {
    await menteeRelationship();
    await occurrence('2026-11-24');
    expect(await ids(query(new Set()))).toEqual([]);
  });
});

describe('dueActionCount', () => {
  it('counts open items due today or overdue, of active relationships', async () => {
    const r = await menteeRelationship();
    await addActionItem(r.id, undefined, { text: 'Overdue', owner: 'mentee', dueOn: '2026-11-20' });
    await addActionItem(r.id, undefined, { text: 'Today', owner: 'mentor', dueOn: '2026-11-23' });
    await addActionItem(r.id, undefined, { text: 'Tomorrow', owner: 'mentee', dueOn: '2026-11-24' });
    const done = await addActionItem(r.id, undefined, { text: 'Done', owner: 'mentee', dueOn: '2026-11-20' });
    await setActionStatus(done.id, 'done');
    const other = await createRelationship({
      myRole: 'mentor',
      other: { name: 'Paused' },
      startedOn: r.startedOn,
      agreement: r.agreement,
    });
    await setRelationshipStatus(other.id, 'paused', '2026-11-23');
    await addActionItem(other.id, undefined, { text: 'Quiet', owner: 'mentee', dueOn: '2026-11-20' });
    expect(await dueActionCount('2026-11-23')).toBe(2);
  });
});
