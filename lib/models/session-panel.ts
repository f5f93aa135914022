import { type ReadonlySignal, signal } from '@preact/signals';
import { addActionItem, type NewActionItem, setActionStatus } from '../db/actions';
import {
  addAgendaItem,
  applyTemplate,
  moveAgendaItem,
  type NewAgendaItem,
  removeAgendaItem,
  restoreAgendaItem,
  updateAgendaItem,
} from '../db/agenda';
import { closeSession } from '../db/carry-forward';
import { addCheckIn, isCheckInDue, type NewCheckIn } from '../db/checkins';
import { feedbackFor, saveFeedback } from '../db/feedback';
import { addGoal, type NewGoal, reviseGoal, setMilestoneDone } from '../db/goals';
import { type LiveState, liveSignal } from '../db/live';
import { learnMeetCode, type SessionHints } from '../db/sessions';
import { addTakeaway, removeTakeaway } from '../db/takeaways';
import { type TrackChoice, trackEvent, untrackEvent } from '../db/tracking';
import { type PanelView, panelView } from '../db/views';
import { logWin, type NewWin } from '../db/wins';
import type { AgendaItem, AgendaTemplateId } from '../model/agenda';
import { now } from '../model/common';
import type { Goal } from '../model/goal';
import type { ActionStatus, Feedback } from '../model/outcome';
import type { SessionTarget } from '../model/session';
import { explain } from './explain';
import { notMentoringCodes, setNotMentoring } from './not-mentoring';

/** Something the panel tells the user after a change: a failure, or a change that can be undone. */
export type Notice =
  | { kind: 'problem'; text: string }
  | { kind: 'info'; text: string }
  | { kind: 'undo'; text: string; undo: () => Promise<void> };

/** Why the wrap-up is showing: the agreed end is near, the user left the call, or asked for it. */
export type WrapUpReason = 'time' | 'left' | 'asked';

export interface SessionPanelModel {
  state: ReadonlySignal<LiveState<PanelView>>;
  /** A Meet call the user said is not a mentoring call (remembered for its code). */
  notMentoring: ReadonlySignal<boolean>;
  wrapUp: ReadonlySignal<WrapUpReason | null>;
  setNotMentoring(value: boolean): void;
  /** Shows the wrap-up; a reason the user already dismissed ("not yet") does not bring it back. */
  startWrapUp(reason: WrapUpReason): void;
  /** The page showed the event's Meet code after the panel opened: remember it for the call. */
  meetCodeFound(code: string): void;
  dismissWrapUp(): void;
  checkInDue(relationshipId: string): Promise<boolean>;
  /** Ends the wrap-up: the session becomes held and what was not discussed moves on. */
  finishSession(sessionId: string): Promise<boolean>;
  addWin(relationshipId: string, input: NewWin): Promise<boolean>;
  addCheckIn(relationshipId: string, input: NewCheckIn): Promise<boolean>;
  saveFeedback(sessionId: string, review: Pick<Feedback, 'strengths' | 'improvements'>): Promise<boolean>;
  /** This side's review of a session, live; call `dispose` when done. */
  myFeedback(sessionId: string): { state: ReadonlySignal<LiveState<Feedback | undefined>>; dispose(): void };
  setMilestoneDone(goalId: string, milestoneId: string, on: string | null): Promise<boolean>;
  /** Adjusts a goal's title or target date, recording what changed and why in its history. */
  reviseGoal(goal: Goal, changes: Partial<Pick<Goal, 'title' | 'targetDate'>>, why: string): Promise<boolean>;
  notice: ReadonlySignal<Notice | null>;
  /** Polite screen-reader announcements (moves, additions) that have no visible message. */
  announcement: ReadonlySignal<string>;
  dismissNotice(): void;
  addItem(sessionId: string, input: NewAgendaItem): Promise<boolean>;
  editItem(
    id: string,
    changes: Partial<Pick<AgendaItem, 'text' | 'goalId' | 'timeboxMinutes' | 'discussed'>>,
  ): Promise<boolean>;
  moveItem(item: AgendaItem, toIndex: number, count: number): Promise<boolean>;
  removeItem(item: AgendaItem): Promise<boolean>;
  applyTemplate(sessionId: string, template: AgendaTemplateId, label: string): Promise<boolean>;
  setActionStatus(id: string, status: ActionStatus, sessionId: string): Promise<boolean>;
  closeSession(sessionId: string, status: 'held' | 'cancelled'): Promise<boolean>;
  addTakeaway(sessionId: string, text: string): Promise<boolean>;
  removeTakeaway(id: string): Promise<boolean>;
  addActionItem(relationshipId: string, sessionId: string, input: NewActionItem): Promise<boolean>;
  addGoal(relationshipId: string, input: NewGoal): Promise<boolean>;
  track(choice: TrackChoice, wholeSeries: boolean): Promise<boolean>;
  untrack(wholeSeries: boolean): Promise<boolean>;
  dispose(): void;
}

/**
 * The state and actions of the panel for one event or call. Data comes live from the database
 * (every tab and context stays in step); each action reports a failure as a notice and returns
 * whether it succeeded, so a form keeps what the user typed when saving failed.
 */
export function createSessionPanel(target: SessionTarget, initialHints: SessionHints): SessionPanelModel {
  /** What the page told us about the event; the Meet code may arrive later (`meetCodeFound`). */
  const hints: SessionHints = { ...initialHints };
  const live = liveSignal(() => panelView(target, hints));
  const notice = signal<Notice | null>(null);
  const announcement = signal('');
  const notMentoring = signal(target.kind === 'meet' && notMentoringCodes().has(target.code));
  const wrapUp = signal<WrapUpReason | null>(null);
  const dismissed = new Set<WrapUpReason>();
  /** A call starts when its panel first opens, unless its calendar occurrence says otherwise. */
  const callHints = (): SessionHints => (target.kind === 'meet' ? { start: now() } : hints);

  const attempt = async (what: string, change: () => Promise<unknown>): Promise<boolean> => {
    try {
      await change();
      if (notice.value?.kind === 'problem') notice.value = null;
      return true;
    } catch (error) {
      notice.value = { kind: 'problem', text: `Could not ${what}: ${explain(error)}` };
      return false;
    }
  };

  // An occurrence of a tracked series (or a call whose code was used before) joins its
  // relationship the first time it is shown, which also hands it what the previous session left open.
  let joining = false;
  const stopJoining = live.state.subscribe((state) => {
    if (joining || state.status !== 'ready') return;
    const view = state.value;
    if (view.kind === 'joining') {
      joining = true;
      const relationshipId = view.relationship.id;
      void attempt('record this session', () =>
        trackEvent(target, callHints(), { relationshipId }, { wholeSeries: target.kind === 'calendar' }),
      ).finally(() => {
        joining = false;
      });
    } else if (view.kind === 'tracked' && hints.meetCode && !view.view.session.meetCode) {
      // The event's video link names its call: the Meet sidebar then finds this session.
      void learnMeetCode(view.view.session.id, hints.meetCode);
    }
  });

  return {
    state: live.state,
    meetCodeFound: (code) => {
      if (hints.meetCode) return;
      hints.meetCode = code;
      const state = live.state.value;
      if (state.status === 'ready' && state.value.kind === 'tracked' && !state.value.view.session.meetCode) {
        void learnMeetCode(state.value.view.session.id, code);
      }
    },
    notice,
    announcement,
    notMentoring,
    wrapUp,
    setNotMentoring: (value) => {
      if (target.kind !== 'meet') return;
      setNotMentoring(target.code, value);
      notMentoring.value = value;
    },
    startWrapUp: (reason) => {
      if (dismissed.has(reason) && reason !== 'asked') return;
      // Leaving the call outranks the timer; asking again keeps the first reason.
      if (wrapUp.value === null || reason === 'left') wrapUp.value = reason;
    },
    dismissWrapUp: () => {
      if (wrapUp.value) dismissed.add(wrapUp.value);
      wrapUp.value = null;
    },
    checkInDue: (relationshipId) => isCheckInDue(relationshipId).catch(() => false),
    finishSession: async (sessionId) => {
      const done = await attempt('finish the session', () => closeSession(sessionId, 'held'));
      if (done) {
        wrapUp.value = null;
        notice.value = { kind: 'info', text: 'Session held. What was not discussed moves to the next session.' };
      }
      return done;
    },
    addWin: async (relationshipId, input) => {
      const done = await attempt('log the win', () => logWin(relationshipId, input));
      if (done) announcement.value = `Win logged: ${input.text.trim()}`;
      return done;
    },
    addCheckIn: (relationshipId, input) => attempt('save the check-in', () => addCheckIn(relationshipId, input)),
    saveFeedback: (sessionId, review) => attempt('save the feedback', () => saveFeedback(sessionId, 'me', review)),
    myFeedback: (sessionId) => liveSignal(() => feedbackFor(sessionId, 'me')),
    setMilestoneDone: (goalId, milestoneId, on) =>
      attempt('update the milestone', () => setMilestoneDone(goalId, milestoneId, on)),
    reviseGoal: (goal, changes, why) => {
      const what = [
        changes.title !== undefined && changes.title !== goal.title && `title “${goal.title}” → “${changes.title}”`,
        changes.targetDate !== undefined &&
          changes.targetDate !== goal.targetDate &&
          `target date ${goal.targetDate ?? 'none'} → ${changes.targetDate || 'none'}`,
      ].filter(Boolean);
      if (what.length === 0) return Promise.resolve(true);
      return attempt('revise the goal', () =>
        reviseGoal(
          goal.id,
          { ...changes, ...(changes.targetDate === '' ? { targetDate: undefined } : {}) },
          `Revised: ${what.join('; ')}`,
          why,
        ),
      );
    },
    dismissNotice: () => {
      notice.value = null;
    },
    addItem: async (sessionId, input) => {
      const done = await attempt('add the item', () => addAgendaItem(sessionId, input));
      if (done) announcement.value = `Added “${input.text.trim()}” to the agenda`;
      return done;
    },
    editItem: (id, changes) => attempt('save the change', () => updateAgendaItem(id, changes)),
    moveItem: async (item, toIndex, count) => {
      const done = await attempt('move the item', () => moveAgendaItem(item.id, toIndex));
      if (done) announcement.value = `“${item.text}” moved to position ${toIndex + 1} of ${count}`;
      return done;
    },
    removeItem: async (item) => {
      const done = await attempt('remove the item', () => removeAgendaItem(item.id));
      if (done) {
        notice.value = {
          kind: 'undo',
          text: `Removed “${item.text}”`,
          undo: async () => {
            if (await attempt('put the item back', () => restoreAgendaItem(item))) notice.value = null;
          },
        };
      }
      return done;
    },
    applyTemplate: async (sessionId, template, label) => {
      let added = 0;
      const done = await attempt('apply the template', async () => {
        added = (await applyTemplate(sessionId, template, 'me')).length;
      });
      if (done) {
        notice.value = {
          kind: 'info',
          text:
            added === 0
              ? `Every item of “${label}” is already on the agenda`
              : `Added ${added} item${added === 1 ? '' : 's'} from “${label}”`,
        };
      }
      return done;
    },
    setActionStatus: (id, status, sessionId) =>
      attempt('update the action item', () => setActionStatus(id, status, sessionId)),
    closeSession: async (sessionId, status) => {
      const done = await attempt(`mark the session ${status}`, () => closeSession(sessionId, status));
      if (done) {
        notice.value = {
          kind: 'info',
          text: `Marked as ${status}. What was left open moves to the next session.`,
        };
      }
      return done;
    },
    addTakeaway: (sessionId, text) => attempt('add the takeaway', () => addTakeaway(sessionId, { text })),
    removeTakeaway: (id) => attempt('remove the takeaway', () => removeTakeaway(id)),
    addActionItem: (relationshipId, sessionId, input) =>
      attempt('add the action item', () => addActionItem(relationshipId, sessionId, input)),
    addGoal: async (relationshipId, input) => {
      const done = await attempt('add the goal', () => addGoal(relationshipId, input));
      if (done) announcement.value = `Goal “${input.title.trim()}” added`;
      return done;
    },
    track: (choice, wholeSeries) =>
      attempt(target.kind === 'meet' ? 'track this call' : 'track this event', () =>
        trackEvent(target, callHints(), choice, { wholeSeries }),
      ),
    untrack: async (wholeSeries) => {
      if (target.kind !== 'calendar') return false;
      const done = await attempt('stop tracking', () => untrackEvent(target, hints, { wholeSeries }));
      if (done) {
        notice.value = {
          kind: 'info',
          text: 'No longer tracked. Its agenda and notes stay on this device and come back if you track it again.',
        };
      }
      return done;
    },
    dispose: () => {
      stopJoining();
      live.dispose();
    },
  };
}
