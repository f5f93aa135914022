import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { describeGoalChange, editGoal, type GoalEdit } from '../../../lib/db/goal-edits';
import { addGoal, setMilestoneDone } from '../../../lib/db/goals';
import { logWin } from '../../../lib/db/wins';
import type { Goal } from '../../../lib/model/goal';
import { menteeRelationship } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

async function goal(): Promise<Goal> {
  const r = await menteeRelationship();
  const added = await addGoal(r.id, {
    title: 'Lead a project',
    why: 'Promotion',
    successCriteria: 'Ran it end to end',
    category: 'career',
    targetDate: '2027-03-31',
    milestones: [
      { title: 'Proposal', dueOn: '2026-12-01' },
      { title: 'Kick-off', dueOn: '2027-01-15' },
    ],
  });
  return setMilestoneDone(added.id, added.milestones[0]?.id ?? '', '2026-11-20');
}

const editOf = (g: Goal): GoalEdit => ({
  title: g.title,
  why: g.why,
  successCriteria: g.successCriteria,
  category: g.category,
  status: g.status,
  ...(g.targetDate ? { targetDate: g.targetDate } : {}),
  milestones: g.milestones.map(({ doneOn: _, ...m }) => m),
});

describe('editGoal', () => {
  it('changes the goal and records what changed, and why, in its history', async () => {
    const before = await goal();
    const [proposal, kickOff] = before.milestones;
    const after = await editGoal(
      before.id,
      {
        ...editOf(before),
        targetDate: '2027-06-30',
        milestones: [
          { id: proposal?.id ?? '', title: 'Proposal', dueOn: '2026-12-01' },
          { id: kickOff?.id ?? '', title: 'Kick-off meeting', dueOn: '2027-01-15' },
          { title: 'First demo', dueOn: '2027-03-01' },
        ],
      },
      ' The reorg moved the start ',
    );
    expect(after.targetDate).toBe('2027-06-30');
    expect(after.milestones.map((m) => m.title)).toEqual(['Proposal', 'Kick-off meeting', 'First demo']);
    expect(after.milestones[0]?.doneOn).toBe('2026-11-20');
    expect(after.milestones[2]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(after.revisions).toEqual([
      {
        at: expect.any(String),
        change: 'Target date 2027-03-31 → 2027-06-30; 1 milestone added; 1 milestone changed',
        why: 'The reorg moved the start',
      },
    ]);
    expect(await db.goals.get(before.id)).toEqual(after);
  });

  it('writes nothing when nothing changed', async () => {
    const before = await goal();
    expect(await editGoal(before.id, editOf(before), 'no reason')).toEqual(before);
    expect((await db.goals.get(before.id))?.revisions).toEqual([]);
  });

  it('keeps the wins of a removed milestone but lets go of the milestone, atomically', async () => {
    const before = await goal();
    const proposal = before.milestones[0];
    const win = await logWin(before.relationshipId, {
      text: 'Proposal sent',
      on: '2026-11-20',
      goalId: before.id,
      milestoneId: proposal?.id ?? '',
    });
    await editGoal(before.id, { ...editOf(before), milestones: editOf(before).milestones.slice(1) }, '');
    expect((await db.wins.get(win.id))?.milestoneId).toBeUndefined();
    expect((await db.wins.get(win.id))?.goalId).toBe(before.id);
  });

  it('refuses an invalid edit and changes nothing', async () => {
    const before = await goal();
    const win = await logWin(before.relationshipId, {
      text: 'Sent',
      on: '2026-11-20',
      goalId: before.id,
      milestoneId: before.milestones[0]?.id ?? '',
    });
    await expect(editGoal(before.id, { ...editOf(before), title: ' ', milestones: [] }, '')).rejects.toThrow(
      'must not be empty',
    );
    await expect(editGoal(before.id, { ...editOf(before), why: 'x'.repeat(10_001) }, '')).rejects.toThrow(
      'at most 10,000 characters',
    );
    expect(await db.goals.get(before.id)).toEqual(before);
    expect((await db.wins.get(win.id))?.milestoneId).toBe(before.milestones[0]?.id);
  });
});

describe('describeGoalChange', () => {
  it('names each change, and shortens what would not fit a history line', async () => {
    const before = await goal();
    expect(describeGoalChange(before, { ...before, status: 'achieved', successCriteria: 'Other' })).toBe(
      'Status active → achieved; success criteria',
    );
    expect(describeGoalChange(before, { ...before, milestones: [...before.milestones].reverse() })).toBe(
      'Milestones reordered',
    );
    const long = describeGoalChange(before, { ...before, title: 'x'.repeat(480) });
    expect(long).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });
});
