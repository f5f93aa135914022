import { describe, expect, it, vi } from 'vitest';
import { EMPTY_GOAL, NOT_A_DATE, validateNewGoal, validateWin } from '../../../lib/models/drafts';
import {
  DEFAULT_AGREEMENT,
  EMPTY_CHECK_IN,
  type GoalEditDraft,
  validateAgreement,
  validateCheckIn,
  validateGoalEdit,
  validateRelationship,
} from '../../../lib/models/editor-drafts';
import { createForm, fieldErrors } from '../../../lib/models/form';

const TODAY = '2026-11-23';
const LONG = 'x'.repeat(10_001);
const errors = (result: Parameters<typeof fieldErrors>[0]) => fieldErrors(result);

describe('validateNewGoal', () => {
  it('needs a title and accepts a target date from today on', () => {
    expect(validateNewGoal({ ...EMPTY_GOAL, title: ' Lead a project ', targetDate: TODAY }, TODAY)).toEqual({
      success: true,
      data: { title: 'Lead a project', why: '', successCriteria: '', category: 'skill', targetDate: TODAY },
    });
    expect(validateNewGoal({ ...EMPTY_GOAL, title: 'No date' }, TODAY)).toMatchObject({
      success: true,
      data: { title: 'No date' },
    });
  });

  it.each([
    [{ title: '' }, { title: 'Must not be empty' }],
    [{ title: '   ' }, { title: 'Must not be empty' }],
    [{ title: 'x'.repeat(501) }, { title: 'Must be at most 500 characters' }],
    [{ title: 'Ok', targetDate: '2026-11-22' }, { targetDate: 'Is in the past: choose today or a later day' }],
    [{ title: 'Ok', targetDate: NOT_A_DATE }, { targetDate: 'Must be a real date' }],
    [{ title: 'Ok', targetDate: '2026-02-30' }, { targetDate: 'Must be a real date' }],
    [{ title: 'Ok', successCriteria: LONG }, { successCriteria: 'Must be at most 10,000 characters' }],
    [{ title: 'Ok', why: LONG }, { why: 'Must be at most 10,000 characters' }],
  ])('explains %j', (patch, expected) => {
    expect(errors(validateNewGoal({ ...EMPTY_GOAL, ...patch }, TODAY))).toEqual(expected);
  });
});

describe('validateGoalEdit', () => {
  const before = { targetDate: '2026-10-01', milestones: [{ id: 'm1', dueOn: '2026-11-01' }] };
  const draft: GoalEditDraft = {
    ...EMPTY_GOAL,
    title: 'Lead a project',
    targetDate: '2026-10-01',
    status: 'active',
    milestones: [{ id: 'm1', title: 'Proposal', dueOn: '2026-11-01' }],
    reason: '',
  };

  it('lets dates that were already in the past stay, but not new ones', () => {
    expect(validateGoalEdit(draft, TODAY, before).success).toBe(true);
    expect(errors(validateGoalEdit({ ...draft, targetDate: '2026-10-02' }, TODAY, before))).toEqual({
      targetDate: 'Is in the past: choose today or a later day',
    });
  });

  it('names the milestone a problem is in', () => {
    const result = validateGoalEdit(
      { ...draft, milestones: [...draft.milestones, { title: '', dueOn: '2026-01-01' }] },
      TODAY,
      before,
    );
    expect(errors(result)).toEqual({
      'milestones.1.title': 'Must not be empty',
      'milestones.1.dueOn': 'Is in the past: choose today or a later day',
    });
  });

  it('gives the edit and the reason', () => {
    expect(
      validateGoalEdit({ ...draft, reason: ' Reorg ', milestones: [{ title: 'New', dueOn: '' }] }, TODAY, before),
    ).toEqual({
      success: true,
      data: {
        edit: {
          title: 'Lead a project',
          why: '',
          successCriteria: '',
          category: 'skill',
          status: 'active',
          targetDate: '2026-10-01',
          milestones: [{ title: 'New' }],
        },
        why: 'Reorg',
      },
    });
  });
});

describe('validateWin', () => {
  it('needs what happened, on a real day that is not in the future', () => {
    expect(validateWin({ text: ' Gave the talk ', on: TODAY, goalId: '' }, TODAY)).toEqual({
      success: true,
      data: { text: 'Gave the talk', on: TODAY },
    });
    expect(errors(validateWin({ text: '', on: '2026-11-24', goalId: 'g' }, TODAY))).toEqual({
      text: 'Must not be empty',
      on: 'Is in the future',
    });
    expect(errors(validateWin({ text: 'x', on: '', goalId: '' }, TODAY))).toEqual({ on: 'Choose a day' });
    expect(errors(validateWin({ text: 'x', on: NOT_A_DATE, goalId: '' }, TODAY))).toEqual({
      on: 'Must be a real date',
    });
  });
});

describe('validateRelationship', () => {
  it('needs a name and a real start day; an email, if given, must be one', () => {
    expect(validateRelationship({ name: ' Morgan ', email: ' ', myRole: 'mentee', startedOn: TODAY })).toEqual({
      success: true,
      data: { myRole: 'mentee', startedOn: TODAY, other: { name: 'Morgan' } },
    });
    expect(errors(validateRelationship({ name: '', email: 'nope', myRole: 'mentor', startedOn: NOT_A_DATE }))).toEqual({
      name: 'Must not be empty',
      email: 'Must be an email address, or left empty',
      startedOn: 'Must be a real date',
    });
  });
});

describe('validateAgreement', () => {
  it('turns the draft into an agreement: boundaries one per line, custom rhythm as an RRULE', () => {
    const result = validateAgreement(
      {
        ...DEFAULT_AGREEMENT,
        cadence: 'custom',
        rrule: ' FREQ=WEEKLY;INTERVAL=3 ',
        boundaries: ' a \n\n b ',
        reviewOn: TODAY,
      },
      TODAY,
    );
    expect(result).toMatchObject({
      success: true,
      data: { cadence: { kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3' }, boundaries: ['a', 'b'], reviewOn: TODAY },
    });
  });

  it.each([
    [{ sessionMinutes: '' }, { sessionMinutes: 'Must be a number of minutes' }],
    [{ sessionMinutes: '3' }, { sessionMinutes: 'At least 5 minutes' }],
    [{ sessionMinutes: '481' }, { sessionMinutes: 'At most 8 hours' }],
    [
      { cadence: 'custom' as const, rrule: 'every tuesday' },
      { rrule: 'Must be an RRULE, e.g. FREQ=WEEKLY;INTERVAL=3' },
    ],
    [{ boundaries: `ok\n${'x'.repeat(501)}` }, { boundaries: 'Line 2: must be at most 500 characters' }],
    [{ mentorExpectations: LONG }, { mentorExpectations: 'Must be at most 10,000 characters' }],
    [{ reviewOn: '2026-11-01' }, { reviewOn: 'Is in the past: choose today or a later day' }],
    [{ reviewOn: NOT_A_DATE }, { reviewOn: 'Must be a real date' }],
  ])('explains %j', (patch, expected) => {
    expect(errors(validateAgreement({ ...DEFAULT_AGREEMENT, ...patch }, TODAY))).toEqual(expected);
  });

  it('keeps a review date that has passed if it is the one stored', () => {
    expect(validateAgreement({ ...DEFAULT_AGREEMENT, reviewOn: '2026-11-01' }, TODAY, '2026-11-01').success).toBe(true);
  });
});

describe('validateCheckIn', () => {
  it('needs both ratings', () => {
    expect(errors(validateCheckIn(EMPTY_CHECK_IN))).toEqual({
      progress: 'Choose from 1 to 5',
      dynamic: 'Choose from 1 to 5',
    });
    expect(validateCheckIn({ progress: 4, dynamic: 5, note: ' fine ' })).toEqual({
      success: true,
      data: { progress: 4, dynamic: 5, note: 'fine' },
    });
  });
});

describe('createForm', () => {
  const form = (save = vi.fn(async () => {})) => ({
    save,
    form: createForm({
      initial: { ...EMPTY_GOAL },
      validate: (draft) => validateNewGoal(draft, TODAY),
      save,
      what: 'add the goal',
      resetOnSave: true,
    }),
  });

  it('shows problems only after a submit, follows each change then, and saves nothing while invalid', async () => {
    const { form: f, save } = form();
    expect(f.errors.value).toEqual({});
    expect(await f.submit()).toBe(false);
    expect(f.errors.value).toEqual({ title: 'Must not be empty' });
    f.set('title', 'x'.repeat(501));
    expect(f.errors.value).toEqual({ title: 'Must be at most 500 characters' });
    f.set('title', 'Fine');
    expect(f.errors.value).toEqual({});
    expect(save).not.toHaveBeenCalled();

    expect(await f.submit()).toBe(true);
    expect(save).toHaveBeenCalledWith({ title: 'Fine', why: '', successCriteria: '', category: 'skill' });
    expect(f.values.value).toEqual(EMPTY_GOAL);
    expect(f.errors.value).toEqual({});
  });

  it('keeps the draft and says why when saving fails', async () => {
    const { form: f } = form(vi.fn(async () => Promise.reject(new Error('disk full'))));
    f.set('title', 'Keep me');
    expect(await f.submit()).toBe(false);
    expect(f.problem.value).toBe('Could not add the goal: disk full');
    expect(f.values.value.title).toBe('Keep me');
    expect(f.busy.value).toBe(false);
  });
});
