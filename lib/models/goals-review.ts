import { type ReadonlySignal, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { localDay } from '../dates';
import { type LiveState, liveSignal } from '../db/live';
import { popupView, type RelationshipReview } from '../db/popup-view';
import { type NoteWithSession, recentNotes } from '../db/recent-notes';
import type { ActionItem } from '../model/outcome';
import type { Session } from '../model/session';
import { type OptionsPart, optionsUrl, sessionUrl } from '../session-url';
import { attempter, type Notice } from './notice';

export interface GoalsReviewModel {
  /** The goals review of every current relationship, live. */
  review: ReadonlySignal<LiveState<RelationshipReview[]>>;
  /** Notes written lately, live once `loadNotes` was called: how the popup reaches sessions that belong to no relationship. */
  notes: ReadonlySignal<LiveState<NoteWithSession[]>>;
  /** Starts reading recent notes (once): the popup does so after its first paint, which need not wait on them. */
  loadNotes(): void;
  notice: ReadonlySignal<Notice | null>;
  /** The instant and the user's day the review is made for. */
  now: string;
  today: string;
  dismissNotice(): void;
  /** Ticks an action item done (undoable). */
  tickAction(item: ActionItem): Promise<boolean>;
  setMilestone(goalId: string, milestoneId: string, done: boolean): Promise<boolean>;
  /** Opens a session's agenda in a tab: its Calendar event, else the panel for its call. */
  openSession(session: Session): void;
  openOptions(relationshipId?: string, part?: OptionsPart): void;
  dispose(): void;
}

/**
 * The toolbar popup's state and actions. `now` is when the popup opened: it lives for a glance.
 * Every change also asks the background to refresh the toolbar badge. The writes, and the zod
 * schemas they validate with, load on the first change: the popup's first paint only reads.
 */
export function createGoalsReview(at: Date = new Date()): GoalsReviewModel {
  const now = at.toISOString();
  const today = localDay(at);
  const review = liveSignal(() => popupView(now, today));
  const notes = signal<LiveState<NoteWithSession[]>>({ status: 'loading' });
  let notesLive: ReturnType<typeof liveSignal<NoteWithSession[]>> | undefined;
  const notice = signal<Notice | null>(null);

  const attempt = attempter(notice);

  const open = (url: string): void => {
    void browser.tabs.create({ url });
    // A popup stays open over the new tab until it loses focus; close it at once.
    window.close();
  };

  return {
    review: review.state,
    notes,
    loadNotes: () => {
      if (notesLive) return;
      notesLive = liveSignal(() => recentNotes(20));
      notesLive.state.subscribe((value) => {
        notes.value = value;
      });
    },
    notice,
    now,
    today,
    dismissNotice: () => {
      notice.value = null;
    },
    tickAction: async (item) => {
      const done = await attempt('tick the action item', async () =>
        (await import('../db/actions')).setActionStatus(item.id, 'done'),
      );
      if (done) {
        notice.value = {
          kind: 'undo',
          text: `Done: “${item.text}”`,
          undo: async () => {
            const reopen = async () => (await import('../db/actions')).setActionStatus(item.id, 'open');
            if (await attempt('reopen the action item', reopen)) notice.value = null;
          },
        };
      }
      return done;
    },
    setMilestone: (goalId, milestoneId, done) =>
      attempt('update the milestone', async () =>
        (await import('../db/goals')).setMilestoneDone(goalId, milestoneId, done ? today : null),
      ),
    openSession: (session) => {
      const url = sessionUrl(session);
      if (url) open(url);
    },
    openOptions: (relationshipId, part) => open(optionsUrl(relationshipId, part)),
    dispose: () => {
      review.dispose();
      notesLive?.dispose();
    },
  };
}
