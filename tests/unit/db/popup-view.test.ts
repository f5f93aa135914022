import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem, setActionStatus } from '../../../lib/db/actions';
import { addAgendaItem } from '../../../lib/db/agenda';
import { closeSession } from '../../../lib/db/carry-forward';
import { addCheckIn } from '../../../lib/db/checkins';
import { db } from '../../../lib/db/database';
import { addGoal, reviseGoal, setMilestoneDone } from '../../../lib/db/goals';
import { popupView } from '../../../lib/db/popup-view';
import { createRelationship, setRelationshipStatus } from '../../../lib/db/relationships';
import { logWin } from '../../../lib/db/wins';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

const NOW = '2026-11-23T10:00:00.000Z';
const TODAY = '2026-11-23';

describe('popupView', () => {
  it('gives each current relationship its due items, next session, goals with wins, and rhythm', async () => {
    const r = await menteeRelationship();
    const held = [];
    for (const day of ['2026-10-20', '2026-10-27', '2026-11-03', '2026-11-17']) held.push(await occurrence(day));
    const cancelled = await occurrence('2026-11-10');
    await closeSession(cancelled.id, 'cancelled');
    const next = await occurrence('2026-11-24');
    await occurrence('2026-12-01');

    await addActionItem(r.id, undefined, { text: 'Overdue', owner: 'mentee', dueOn: '2026-11-20' });
    await addActionItem(r.id, undefined, { text: 'Due today', owner: 'mentor', dueOn: TODAY });
    await addActionItem(r.id, undefined, { text: 'This week', owner: 'mentee', dueOn: '2026-11-30' });
    await addActionItem(r.id, undefined, { text: 'Later', owner: 'mentee', dueOn: '2026-12-20' });
    await addActionItem(r.id, undefined, { text: 'No date', owner: 'mentee' });
    const done = await addActionItem(r.id, undefined, { text: 'Done', owner: 'mentee', dueOn: '2026-11-21' });
    await setActionStatus(done.id, 'done');

    const active = await addGoal(r.id, {
      title: 'Lead a project',
      why: '',
      successCriteria: '',
      category: 'career',
      targetDate: '2027-03-31',
      milestones: [{ title: 'Proposal' }, { title: 'Kick-off' }],
    });
    await setMilestoneDone(active.id, active.milestones[0]?.id ?? '', '2026-11-01');
    const achieved = await addGoal(r.id, {
      title: 'Read the ladder',
      why: '',
      successCriteria: '',
      category: 'career',
    });
    await reviseGoal(achieved.id, { status: 'achieved' }, 'Done', '');
    const dropped = await addGoal(r.id, { title: 'Dropped', why: '', successCriteria: '', category: 'skill' });
    await reviseGoal(dropped.id, { status: 'dropped' }, 'Dropped', '');
    await logWin(r.id, { text: 'Second', on: '2026-11-05', goalId: active.id });
    await logWin(r.id, { text: 'First', on: '2026-11-01', goalId: active.id });
    await logWin(r.id, { text: 'Not for a goal', on: '2026-11-02' });

    const [review] = await popupView(NOW, TODAY);
    expect(review?.relationship.id).toBe(r.id);
    expect(review?.due.map((a) => a.text)).toEqual(['Overdue', 'Due today', 'This week']);
    expect(review?.openLater).toBe(2);
    expect(review?.nextSession?.id).toBe(next.id);
    expect(review?.nextSessionPrepared).toBe(false);
    // The cancelled session does not count; the last four that took place give three gaps.
    expect(review?.recentStarts.map((s) => s.slice(0, 10))).toEqual(held.map((s) => s.start?.slice(0, 10)));
    expect(review?.goals.map((g) => [g.goal.title, g.done, g.wins.map((w) => w.text)])).toEqual([
      ['Lead a project', 1, ['First', 'Second']],
    ]);
    expect(review?.achieved.map((g) => g.title)).toEqual(['Read the ladder']);

    await addAgendaItem(next.id, { text: 'My question', addedBy: 'me' });
    expect((await popupView(NOW, TODAY))[0]?.nextSessionPrepared).toBe(true);
  });

  it('says when a check-in is due, as the panel counts it', async () => {
    const r = await menteeRelationship();
    for (const day of ['2026-11-03', '2026-11-10']) await closeSession((await occurrence(day)).id, 'held');
    expect((await popupView(NOW, TODAY))[0]?.checkInDue).toBe(true);
    await addCheckIn(r.id, { progress: 4, dynamic: 4, note: '' });
    expect((await popupView(NOW, TODAY))[0]?.checkInDue).toBe(false);
  });

  it('counts held sessions from before the last half year when the last check-in is older', async () => {
    const r = await menteeRelationship();
    await db.checkIns.add({
      id: '00000000-0000-4000-8000-0000000000c1',
      relationshipId: r.id,
      progress: 3,
      dynamic: 3,
      note: '',
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
    });
    for (const day of ['2025-02-04', '2025-02-11']) await closeSession((await occurrence(day)).id, 'held');
    expect((await popupView(NOW, TODAY))[0]?.checkInDue).toBe(true);
    expect((await popupView(NOW, TODAY))[0]?.recentStarts).toEqual([]);
  });

  it('lists active relationships before paused ones, and leaves ended ones out', async () => {
    const paused = await menteeRelationship();
    await setRelationshipStatus(paused.id, 'paused', TODAY);
    const agreement = paused.agreement;
    const active = await createRelationship({
      myRole: 'mentor',
      other: { name: 'Riley' },
      startedOn: '2026-10-01',
      agreement,
    });
    const ended = await createRelationship({
      myRole: 'mentor',
      other: { name: 'Sam' },
      startedOn: '2025-01-01',
      agreement,
    });
    await setRelationshipStatus(ended.id, 'ended', TODAY);
    expect((await popupView(NOW, TODAY)).map((v) => v.relationship.id)).toEqual([active.id, paused.id]);
  });
});
