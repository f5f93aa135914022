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
import { addGoal, type NewGoal } from '../db/goals';
import { type LiveState, liveSignal } from '../db/live';
import type { SessionHints } from '../db/sessions';
import { addTakeaway, removeTakeaway } from '../db/takeaways';
import { type TrackChoice, trackEvent, untrackEvent } from '../db/tracking';
import { type PanelView, panelView } from '../db/views';
import type { AgendaItem, AgendaTemplateId } from '../model/agenda';
import type { ActionStatus } from '../model/outcome';
import type { SessionTarget } from '../model/session';

/** Something the panel tells the user after a change: a failure, or a change that can be undone. */
export type Notice =
  | { kind: 'problem'; text: string }
  | { kind: 'info'; text: string }
  | { kind: 'undo'; text: string; undo: () => Promise<void> };

export interface SessionPanelModel {
  state: ReadonlySignal<LiveState<PanelView>>;
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
export function createSessionPanel(target: SessionTarget, hints: SessionHints): SessionPanelModel {
  const live = liveSignal(() => panelView(target, hints));
  const notice = signal<Notice | null>(null);
  const announcement = signal('');

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

  // An occurrence of a tracked series joins its relationship the first time it is shown, which also
  // hands it what the previous session left open.
  let joining = false;
  const stopJoining = live.state.subscribe((state) => {
    if (joining || state.status !== 'ready' || state.value.kind !== 'joining' || target.kind !== 'calendar') return;
    joining = true;
    const relationshipId = state.value.relationship.id;
    void attempt('record this session', () =>
      trackEvent(target, hints, { relationshipId }, { wholeSeries: true }),
    ).finally(() => {
      joining = false;
    });
  });

  return {
    state: live.state,
    notice,
    announcement,
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
    track: (choice, wholeSeries) => {
      if (target.kind !== 'calendar') return Promise.resolve(false);
      return attempt('track this event', () => trackEvent(target, hints, choice, { wholeSeries }));
    },
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

/** A failure in words a user can act on; zod errors name the field. */
function explain(error: unknown): string {
  if (error instanceof Error && 'issues' in error && Array.isArray(error.issues)) {
    const first = error.issues[0] as { path?: PropertyKey[]; message?: string } | undefined;
    if (first)
      return `${first.path?.length ? `${first.path.map(String).join('.')} ` : ''}${first.message ?? ''}`.trim();
  }
  if (error instanceof Error && error.name === 'QuotaExceededError') return 'the browser has no space left for Tandem';
  return error instanceof Error ? error.message : String(error);
}
