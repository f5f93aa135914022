import type { AgendaItem } from '../model/agenda';
import { type Goal, isInProgress, type Milestone } from '../model/goal';
import type { ActionItem, Takeaway } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session, SessionTarget } from '../model/session';
import { openActionItems } from './actions';
import { db } from './database';
import { goalsOf } from './goals';
import { currentRelationships, relationshipForSeries } from './relationships';
import { agendaFor, takeawaysFor } from './session-lists';
import { findSession, relationshipIdForCode, type SessionHints } from './sessions';
import { sessionAfter, sessionBefore } from './timeline';

/** A goal as the panel shows it: with its progress and next milestone. */
export interface GoalInFocus {
  goal: Goal;
  milestonesDone: number;
  nextMilestone: Milestone | undefined;
}

function inFocus(goal: Goal): GoalInFocus {
  return {
    goal,
    milestonesDone: goal.milestones.filter((m) => m.doneOn).length,
    nextMilestone: goal.milestones
      .filter((m) => !m.doneOn)
      .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))[0],
  };
}

/** Everything the event panel shows for one session. */
export interface SessionView {
  session: Session;
  relationship: Relationship | undefined;
  agenda: AgendaItem[];
  /** Open action items of the relationship; those under review here first. */
  openActions: ActionItem[];
  goals: GoalInFocus[];
  /** Takeaways of the relationship's previous session. */
  lastTakeaways: Takeaway[];
  /** The relationship's sessions just before and after this one (by start), when recorded. */
  previousSession: Session | undefined;
  nextSession: Session | undefined;
  /** What this session produced: its takeaways and the action items agreed in it (any status). */
  takeaways: Takeaway[];
  actionsFromHere: ActionItem[];
}

/** Reads a session's panel data in one read transaction, so it is a consistent snapshot. */
export function sessionView(sessionId: string): Promise<SessionView | undefined> {
  return db.transaction(
    'r',
    [db.sessions, db.relationships, db.agendas, db.actionItems, db.goals, db.takeawayLists],
    async () => {
      const session = await db.sessions.get(sessionId);
      if (!session) return undefined;
      const relationshipId = session.relationshipId;
      if (!relationshipId) {
        const [agenda, takeaways] = await Promise.all([agendaFor(sessionId), takeawaysFor(sessionId)]);
        return {
          session,
          relationship: undefined,
          agenda,
          openActions: [],
          goals: [],
          lastTakeaways: [],
          previousSession: undefined,
          nextSession: undefined,
          takeaways,
          actionsFromHere: [],
        };
      }
      // Independent reads in parallel: each IndexedDB request is a round trip to the browser process.
      const [agenda, relationship, actions, goals, previousSession, nextSession, takeaways, actionsFromHere] =
        await Promise.all([
          agendaFor(sessionId),
          db.relationships.get(relationshipId),
          openActionItems(relationshipId),
          goalsOf(relationshipId),
          session.start ? sessionBefore(relationshipId, session.start) : undefined,
          session.start ? sessionAfter(relationshipId, session.start) : undefined,
          takeawaysFor(sessionId),
          db.actionItems.where('createdInSessionId').equals(sessionId).toArray(),
        ]);
      const lastTakeaways = previousSession ? await takeawaysFor(previousSession.id) : [];
      return {
        session,
        relationship,
        agenda,
        openActions: [
          ...actions.filter((a) => a.reviewSessionId === sessionId),
          ...actions.filter((a) => a.reviewSessionId !== sessionId),
        ],
        goals: goals.filter(isInProgress).map(inFocus),
        lastTakeaways,
        previousSession,
        nextSession,
        takeaways,
        actionsFromHere,
      };
    },
  );
}

/** What the panel shows for the event or call it was opened on. */
export type PanelView =
  /** Not a mentoring session (yet): the panel offers to track it, for one of `relationships`. */
  | { kind: 'untracked'; session: Session | undefined; relationships: Relationship[] }
  /**
   * Its series is tracked (Calendar), or its code was used with the relationship before (Meet),
   * but this occurrence or call is not recorded in the relationship yet.
   */
  | { kind: 'joining'; relationship: Relationship }
  /** A mentoring session; `bySeries` when it belongs to the relationship through its series. */
  | { kind: 'tracked'; view: SessionView; bySeries: boolean };

/** The panel's data for a target, in one read transaction. `hints.seriesId` links occurrences. */
export function panelView(target: SessionTarget, hints: SessionHints = {}): Promise<PanelView> {
  return db.transaction(
    'r',
    [db.sessions, db.relationships, db.agendas, db.actionItems, db.goals, db.takeawayLists],
    async () => {
      const [session, seriesOwner] = await Promise.all([
        findSession(target),
        target.kind === 'calendar' && hints.seriesId
          ? relationshipForSeries(target.calendarId, hints.seriesId)
          : relationshipForCall(target),
      ]);
      const view = session?.relationshipId ? await sessionView(session.id) : undefined;
      if (view) return { kind: 'tracked', view, bySeries: seriesOwner?.id === session?.relationshipId };
      if (seriesOwner) return { kind: 'joining', relationship: seriesOwner };
      return { kind: 'untracked', session, relationships: await currentRelationships() };
    },
  );
}

/** For a Meet call: the relationship its code was used with before, if it is still current. */
async function relationshipForCall(target: SessionTarget): Promise<Relationship | undefined> {
  if (target.kind !== 'meet') return undefined;
  const id = await relationshipIdForCode(target.code);
  const relationship = id ? await db.relationships.get(id) : undefined;
  return relationship?.status === 'ended' ? undefined : relationship;
}
