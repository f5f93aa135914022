import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addActionItem } from '../../../lib/db/actions';
import { db } from '../../../lib/db/database';
import { addGoal } from '../../../lib/db/goals';
import type { RelationshipReview } from '../../../lib/db/popup-view';
import { encodeEid } from '../../../lib/hosts/calendar/eid';
import { createGoalsReview, type GoalsReviewModel } from '../../../lib/models/goals-review';
import { createGoalForm, createWinForm } from '../../../lib/models/quick-forms';
import { CHECK_NOW_ALARM } from '../../../lib/reminders';
import { CALENDAR, menteeRelationship, occurrence } from '../db/factory';

const AT = new Date('2026-11-23T10:00:00.000Z');

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete({ disableAutoOpen: false });
});

let model: GoalsReviewModel;
afterEach(() => model?.dispose());

function review(test: (reviews: RelationshipReview[]) => boolean): Promise<RelationshipReview[]> {
  return new Promise((resolve) => {
    const stop = model.review.subscribe((state) => {
      if (state.status === 'ready' && test(state.value)) {
        queueMicrotask(() => stop());
        resolve(state.value);
      }
    });
  });
}

describe('createGoalsReview', () => {
  it('ticks an action item off, can undo it, and asks for the badge to be refreshed', async () => {
    const r = await menteeRelationship();
    const item = await addActionItem(r.id, undefined, { text: 'Draft', owner: 'mentee', dueOn: '2026-11-20' });
    model = createGoalsReview(AT);
    await review((reviews) => reviews[0]?.due.length === 1);

    expect(await model.tickAction(item)).toBe(true);
    expect((await db.actionItems.get(item.id))?.status).toBe('done');
    expect(await fakeBrowser.alarms.get(CHECK_NOW_ALARM)).toBeDefined();
    await review((reviews) => reviews[0]?.due.length === 0);
    const notice = model.notice.value;
    expect(notice).toMatchObject({ kind: 'undo', text: 'Done: “Draft”' });
    if (notice?.kind !== 'undo') throw new Error('no undo');
    await notice.undo();
    expect((await db.actionItems.get(item.id))?.status).toBe('open');
    expect(model.notice.value).toBeNull();
  });

  it('marks a milestone reached today, and reports what fails', async () => {
    const r = await menteeRelationship();
    const goal = await addGoal(r.id, {
      title: 'Lead',
      why: '',
      successCriteria: '',
      category: 'career',
      milestones: [{ title: 'Proposal' }],
    });
    model = createGoalsReview(AT);
    expect(await model.setMilestone(goal.id, goal.milestones[0]?.id ?? '', true)).toBe(true);
    expect((await db.goals.get(goal.id))?.milestones[0]?.doneOn).toBe('2026-11-23');
    expect(await model.setMilestone(goal.id, 'nope', true)).toBe(false);
    expect(model.notice.value).toEqual({ kind: 'problem', text: 'Could not update the milestone: no milestone nope' });
  });

  it('opens a session in Calendar, or an ad-hoc call in the panel page', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    model = createGoalsReview(AT);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    model.openSession(session);
    model.openSession({ ...session, calendarId: undefined, eventId: undefined, meetCode: 'abc-defg-hij' });
    model.openOptions('r1', 'check-in');
    expect(create.mock.calls.map(([props]) => props.url)).toEqual([
      `https://calendar.google.com/calendar/r/eventedit/${encodeEid({ calendarId: CALENDAR, eventId: session.eventId ?? '' })}`,
      expect.stringMatching(/\/panel\.html\?kind=meet&code=abc-defg-hij$/),
      expect.stringMatching(/\/options\.html#relationship=r1&part=check-in$/),
    ]);
    expect(close).toHaveBeenCalledTimes(3);
  });
});

describe('quick forms', () => {
  it('add a goal with a future target date only', async () => {
    const r = await menteeRelationship();
    const form = createGoalForm(r.id, '2026-11-23');
    form.set('title', 'Speak at a conference');
    form.set('targetDate', '2026-11-22');
    expect(await form.submit()).toBe(false);
    expect(form.errors.value).toEqual({ targetDate: 'Is in the past: choose today or a later day' });
    form.set('targetDate', '2027-05-01');
    expect(await form.submit()).toBe(true);
    expect(await db.goals.toArray()).toMatchObject([{ title: 'Speak at a conference', targetDate: '2027-05-01' }]);
  });

  it('log a win on a day not in the future, for a goal or none', async () => {
    const r = await menteeRelationship();
    const form = createWinForm(r.id, '2026-11-23');
    form.set('text', 'First demo');
    form.set('on', '2026-11-24');
    expect(await form.submit()).toBe(false);
    form.set('on', '2026-11-20');
    expect(await form.submit()).toBe(true);
    expect(await db.wins.toArray()).toMatchObject([{ text: 'First demo', on: '2026-11-20', relationshipId: r.id }]);
  });
});
