import { type ReadonlySignal, signal } from '@preact/signals';
import { setActionStatus } from '../db/actions';
import { addCheckIn } from '../db/checkins';
import { editGoal } from '../db/goal-edits';
import { addGoal, setMilestoneDone } from '../db/goals';
import { type LiveState, liveSignal } from '../db/live';
import { type RelationshipDetail, relationshipDetail } from '../db/relationship-view';
import { editRelationship, updateAgreement } from '../db/relationships';
import type { Goal } from '../model/goal';
import type { ActionItem } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import { requestReminderCheck } from '../reminders';
import { EMPTY_GOAL, type GoalDraft, validateNewGoal } from './drafts';
import {
  type AgreementDraft,
  agreementDraft,
  type CheckInDraft,
  DEFAULT_AGREEMENT,
  EMPTY_CHECK_IN,
  type GoalEditDraft,
  type RelationshipDraft,
  validateAgreement,
  validateCheckIn,
  validateGoalEdit,
  validateRelationship,
} from './editor-drafts';
import { createForm, type Form } from './form';
import { attempter, type Notice } from './notice';

export interface RelationshipEditor {
  state: ReadonlySignal<LiveState<RelationshipDetail | undefined>>;
  notice: ReadonlySignal<Notice | null>;
  today: string;
  details: Form<RelationshipDraft>;
  agreement: Form<AgreementDraft>;
  newGoal: Form<GoalDraft>;
  checkIn: Form<CheckInDraft>;
  /** The editor of one goal, filled with it as it is now. */
  goalEditor(goal: Goal): Form<GoalEditDraft>;
  setMilestone(goalId: string, milestoneId: string, done: boolean): Promise<boolean>;
  tickAction(item: ActionItem): Promise<boolean>;
  dismissNotice(): void;
  dispose(): void;
}

/**
 * One relationship on the options page: its details, agreement, goals, check-ins and open action
 * items, live, with a form for each. The details and agreement forms are filled from the record
 * when it first arrives; saving writes the whole form at once, validated, or nothing.
 */
export function createRelationshipEditor(relationshipId: string, today: string): RelationshipEditor {
  const live = liveSignal(() => relationshipDetail(relationshipId));
  const notice = signal<Notice | null>(null);
  let current: Relationship | undefined;

  const attempt = attempter(notice);
  const announce = (text: string): void => {
    notice.value = { kind: 'info', text };
    requestReminderCheck();
  };

  const details = createForm({
    initial: { name: '', email: '', myRole: 'mentee' as const, startedOn: today },
    validate: validateRelationship,
    save: async (input) => {
      await editRelationship(relationshipId, input);
      announce('Details saved.');
    },
    what: 'save the details',
  });
  const agreement = createForm({
    initial: DEFAULT_AGREEMENT,
    validate: (draft) => validateAgreement(draft, today, current?.agreement.reviewOn),
    save: async (input) => {
      await updateAgreement(relationshipId, input);
      announce('Agreement saved.');
    },
    what: 'save the agreement',
  });
  const newGoal = createForm({
    initial: EMPTY_GOAL,
    validate: (draft) => validateNewGoal(draft, today),
    save: (goal) => addGoal(relationshipId, goal),
    what: 'add the goal',
    resetOnSave: true,
  });
  const checkIn = createForm({
    initial: EMPTY_CHECK_IN,
    validate: validateCheckIn,
    save: async (input) => {
      await addCheckIn(relationshipId, input);
      announce('Check-in saved. It stays on this device.');
    },
    what: 'save the check-in',
    resetOnSave: true,
  });

  // The forms are filled from the record the first time it arrives; later changes are the user's own saves.
  const stop = live.state.subscribe((state) => {
    if (state.status !== 'ready' || !state.value) return;
    const first = current === undefined;
    current = state.value.relationship;
    if (!first) return;
    details.reset(relationshipDraft(current));
    agreement.reset(agreementDraft(current.agreement));
  });

  return {
    state: live.state,
    notice,
    today,
    details,
    agreement,
    newGoal,
    checkIn,
    goalEditor: (goal) =>
      createForm({
        initial: goalEditDraft(goal),
        validate: (draft) => validateGoalEdit(draft, today, goal),
        save: async ({ edit, why }) => {
          await editGoal(goal.id, edit, why);
          announce(`Goal “${edit.title}” saved.`);
        },
        what: 'save the goal',
      }),
    setMilestone: (goalId, milestoneId, done) =>
      attempt('update the milestone', () => setMilestoneDone(goalId, milestoneId, done ? today : null)),
    tickAction: (item) => attempt('tick the action item', () => setActionStatus(item.id, 'done')),
    dismissNotice: () => {
      notice.value = null;
    },
    dispose() {
      stop();
      live.dispose();
    },
  };
}

export function relationshipDraft(relationship: Relationship): RelationshipDraft {
  return {
    name: relationship.other.name,
    email: relationship.other.email ?? '',
    myRole: relationship.myRole,
    startedOn: relationship.startedOn,
  };
}

export function goalEditDraft(goal: Goal): GoalEditDraft {
  return {
    title: goal.title,
    targetDate: goal.targetDate ?? '',
    successCriteria: goal.successCriteria,
    why: goal.why,
    category: goal.category,
    status: goal.status,
    milestones: goal.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn ?? '',
      ...(m.doneOn ? { doneOn: m.doneOn } : {}),
    })),
    reason: '',
  };
}
