import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem } from '../../../lib/db/actions';
import { addAgendaItem } from '../../../lib/db/agenda';
import { closeSession } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { addGoal, setMilestoneDone } from '../../../lib/db/goals';
import { takeawayStore } from '../../../lib/db/session-lists';
import { ensureSession } from '../../../lib/db/sessions';
import { sessionView } from '../../../lib/db/views';
import { newId, now } from '../../../lib/model/common';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

describe('sessionView', () => {
  it('gathers the agenda, open actions (this session first), goals in focus and last takeaways', async () => {
    const r = await menteeRelationship();
    const first = await occurrence('2026-11-24');
    const second = await occurrence('2026-12-01');
    await takeawayStore.add([
      {
        id: newId(),
        sessionId: first.id,
        text: 'Ask for scope, not titles',
        createdAt: now(),
        updatedAt: now(),
      },
    ]);
    const older = await addActionItem(r.id, undefined, { text: 'Read the career ladder', owner: 'mentee' });
    const fromFirst = await addActionItem(r.id, first.id, { text: 'Draft the self-review', owner: 'mentee' });
    const goal = await addGoal(r.id, {
      title: 'Senior engineer',
      why: '',
      successCriteria: 'Promoted',
      category: 'career',
      milestones: [
        { title: 'Self-review', dueOn: '2027-01-15', doneOn: '2026-11-20' },
        { title: 'Design review', dueOn: '2027-02-01' },
      ],
    });
    await addGoal(r.id, { title: 'Old goal', why: '', successCriteria: 'x', category: 'skill' }).then((g) =>
      db.goals.update(g.id, { status: 'dropped' }),
    );
    await closeSession(first.id, 'held');
    await addAgendaItem(second.id, { text: 'Prepared question', addedBy: 'me', goalId: goal.id });

    const view = await sessionView(second.id);
    expect(view?.relationship?.id).toBe(r.id);
    expect(view?.agenda.map((i) => i.text)).toEqual(['Prepared question']);
    expect(view?.openActions.map((a) => a.id)).toEqual([fromFirst.id, older.id]);
    expect(view?.goals.map((g) => [g.goal.title, g.milestonesDone, g.nextMilestone?.title])).toEqual([
      ['Senior engineer', 1, 'Design review'],
    ]);
    expect(view?.lastTakeaways.map((t) => t.text)).toEqual(['Ask for scope, not titles']);
    await setMilestoneDone(goal.id, goal.milestones[1]?.id ?? '', '2026-11-25');
    expect((await sessionView(second.id))?.goals[0]?.nextMilestone).toBeUndefined();
  });

  it('works for a session not linked to any relationship, and for unknown ids', async () => {
    const adHoc = await ensureSession({ kind: 'meet', code: 'abc-defg-hij' });
    expect(await sessionView(adHoc.id)).toMatchObject({
      relationship: undefined,
      agenda: [],
      openActions: [],
      goals: [],
    });
    expect(await sessionView(newId())).toBeUndefined();
  });
});
