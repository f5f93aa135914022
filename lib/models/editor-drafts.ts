import { z } from 'zod/mini';
import type { GoalEdit } from '../db/goal-edits';
import { LongText, Role, Title } from '../model/common';
import { GoalCategory, GoalStatus } from '../model/goal';
import { Agreement, type Channel } from '../model/relationship';
import { type GoalDraft, ok, optionalDay, requiredDay } from './drafts';
import type { Validation } from './form';

/** The options page's editors: goals with milestones, relationships, agreements, check-ins (see drafts.ts). */

export interface MilestoneDraft {
  /** Set for a milestone the goal has already. */
  id?: string;
  title: string;
  dueOn: string;
  /** Shown, not edited here (ticking a milestone is its own action). */
  doneOn?: string;
}

export interface GoalEditDraft extends GoalDraft {
  status: z.infer<typeof GoalStatus>;
  milestones: MilestoneDraft[];
  /** Why it changes: kept in the goal's history. */
  reason: string;
}

export interface GoalEditOutput {
  edit: GoalEdit;
  why: string;
}

/**
 * An edited goal. Dates the user leaves as they were may lie in the past (a goal can be overdue);
 * a date set now must be today or later. Milestone fields are named `milestones.<i>.title`.
 */
export function validateGoalEdit(
  draft: GoalEditDraft,
  today: string,
  before: { targetDate?: string; milestones: readonly { id: string; dueOn?: string }[] },
): Validation<GoalEditOutput> {
  const goal = z
    .object({
      title: Title,
      targetDate: optionalDay({ earliest: today, ...(before.targetDate ? { kept: before.targetDate } : {}) }),
      successCriteria: LongText,
      why: LongText,
      reason: LongText,
      category: GoalCategory,
      status: GoalStatus,
    })
    .safeParse(draft);
  const issues = goal.success ? [] : [...goal.error.issues];
  for (const [i, milestone] of draft.milestones.entries()) {
    const kept = before.milestones.find((old) => old.id === milestone.id)?.dueOn;
    const parsed = z
      .object({ title: Title, dueOn: optionalDay({ earliest: today, ...(kept ? { kept } : {}) }) })
      .safeParse(milestone);
    if (!parsed.success)
      issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: ['milestones', i, ...issue.path] })));
  }
  if (!goal.success || issues.length > 0) return { success: false, error: { issues } };
  const { targetDate, reason, ...rest } = goal.data;
  return ok({
    edit: {
      ...rest,
      title: rest.title.trim(),
      successCriteria: rest.successCriteria.trim(),
      why: rest.why.trim(),
      ...(targetDate ? { targetDate } : {}),
      milestones: draft.milestones.map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        title: m.title.trim(),
        ...(m.dueOn ? { dueOn: m.dueOn } : {}),
      })),
    },
    why: reason.trim(),
  });
}

// ---------------------------------------------------------------------------------------------------
// Relationships and agreements

export interface RelationshipDraft {
  name: string;
  email: string;
  myRole: z.infer<typeof Role>;
  startedOn: string;
}

export interface RelationshipDetailsOutput {
  myRole: z.infer<typeof Role>;
  other: { name: string; email?: string };
  startedOn: string;
}

/** Who the other person is (a name; an email if given must be one), the user's role, and a real start day. */
export function validateRelationship(draft: RelationshipDraft): Validation<RelationshipDetailsOutput> {
  const parsed = z
    .object({
      name: Title,
      email: z.union([z.literal(''), z.email('must be an email address, or left empty')]),
      myRole: Role,
      startedOn: requiredDay({}),
    })
    .safeParse({ ...draft, email: draft.email.trim() });
  if (!parsed.success) return parsed;
  const { name, email, myRole, startedOn } = parsed.data;
  return ok({ myRole, startedOn, other: { name: name.trim(), ...(email ? { email } : {}) } });
}

export type CadenceChoice = 'weekly' | 'biweekly' | 'monthly' | 'custom';

export interface AgreementDraft {
  cadence: CadenceChoice;
  /** For `custom`: an RRULE such as `FREQ=WEEKLY;INTERVAL=3`. */
  rrule: string;
  /** As typed in the number input. */
  sessionMinutes: string;
  channels: z.infer<typeof Channel>[];
  mentorRole: string;
  menteeRole: string;
  mentorExpectations: string;
  menteeExpectations: string;
  /** One boundary per line. */
  boundaries: string;
  reviewOn: string;
}

export const DEFAULT_AGREEMENT: AgreementDraft = {
  cadence: 'biweekly',
  rrule: '',
  sessionMinutes: '45',
  channels: ['video'],
  mentorRole: '',
  menteeRole: '',
  mentorExpectations: '',
  menteeExpectations: '',
  boundaries: '',
  reviewOn: '',
};

export function agreementDraft(agreement: Agreement): AgreementDraft {
  return {
    cadence: agreement.cadence.kind,
    rrule: agreement.cadence.kind === 'custom' ? agreement.cadence.rrule : '',
    sessionMinutes: String(agreement.sessionMinutes),
    channels: [...agreement.channels],
    mentorRole: agreement.mentorRole,
    menteeRole: agreement.menteeRole,
    mentorExpectations: agreement.mentorExpectations,
    menteeExpectations: agreement.menteeExpectations,
    boundaries: agreement.boundaries.join('\n'),
    reviewOn: agreement.reviewOn ?? '',
  };
}

/**
 * The agreement as the `Agreement` schema checks it (cadence, 5–480 minutes, texts up to 10,000
 * characters, boundaries up to 500 each), plus a review date that is a real day and, when set now,
 * not in the past. A boundary's problem is named by its line: `boundaries` "Line 2: …".
 */
export function validateAgreement(draft: AgreementDraft, today: string, keptReviewOn?: string): Validation<Agreement> {
  const review = optionalDay({ earliest: today, ...(keptReviewOn ? { kept: keptReviewOn } : {}) }).safeParse(
    draft.reviewOn,
  );
  const boundaries = draft.boundaries
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const minutes = draft.sessionMinutes.trim() === '' ? Number.NaN : Number(draft.sessionMinutes);
  const parsed = Agreement.safeParse({
    cadence: draft.cadence === 'custom' ? { kind: 'custom', rrule: draft.rrule.trim() } : { kind: draft.cadence },
    sessionMinutes: minutes,
    channels: draft.channels,
    mentorRole: draft.mentorRole.trim(),
    menteeRole: draft.menteeRole.trim(),
    mentorExpectations: draft.mentorExpectations.trim(),
    menteeExpectations: draft.menteeExpectations.trim(),
    boundaries,
    ...(draft.reviewOn && review.success ? { reviewOn: draft.reviewOn } : {}),
  });
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const [field, index] = issue.path;
          if (field === 'cadence') return { path: ['rrule'], message: 'must be an RRULE, e.g. FREQ=WEEKLY;INTERVAL=3' };
          if (field === 'sessionMinutes' && Number.isNaN(minutes))
            return { path: [field], message: 'must be a number of minutes' };
          if (field === 'boundaries' && typeof index === 'number') {
            return { path: [field], message: `line ${index + 1}: ${issue.message}` };
          }
          return { path: issue.path, message: issue.message };
        })),
    ...(review.success ? [] : review.error.issues.map((issue) => ({ path: ['reviewOn'], message: issue.message }))),
  ];
  if (issues.length > 0 || !parsed.success) return { success: false, error: { issues } };
  return ok(parsed.data);
}

// ---------------------------------------------------------------------------------------------------
// Check-ins

export interface CheckInDraft {
  /** 0: not chosen yet. */
  progress: number;
  dynamic: number;
  note: string;
}

export const EMPTY_CHECK_IN: CheckInDraft = { progress: 0, dynamic: 0, note: '' };

const rating = z.number().check(z.int(), z.gte(1, 'choose from 1 to 5'), z.lte(5, 'choose from 1 to 5'));

export function validateCheckIn(draft: CheckInDraft): Validation<CheckInDraft> {
  const parsed = z.object({ progress: rating, dynamic: rating, note: LongText }).safeParse(draft);
  if (!parsed.success) return parsed;
  return ok({ ...parsed.data, note: parsed.data.note.trim() });
}
