import type { AgendaItem } from '../model/agenda';
import { type Goal, isInProgress, type Milestone } from '../model/goal';
import type { ActionItem, Takeaway } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session, SessionTarget } from '../model/session';
import { byDueDate, isDueBy, openActionItems } from './actions';
import { agendaFor, agendaOf } from './agenda';
import { db } from './database';
import { goalsOf } from './goals';
import { currentRelationships, relationshipForSeries } from './relationships';
import { type SessionHints, findSession } from './sessions';
import { sessionAfter, sessionBefore } from './timeline';

/** A goal as the panel and popup show it: with its progress and next milestone. */
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
    [db.sessions, db.relationships, db.agendaItems, db.actionItems, db.goals, db.takeaways],
    async () => {
      const session = await db.sessions.get(sessionId);
      if (!session) return undefined;
      const relationshipId = session.relationshipId;
      const takeawaysOf = (id: string) => db.takeaways.where('sessionId').equals(id).toArray();
      if (!relationshipId) {
        const [agenda, takeaways] = await Promise.all([agendaFor(sessionId), takeawaysOf(sessionId)]);
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
          takeawaysOf(sessionId),
          db.actionItems
            .where('[relationshipId+status]')
            .between([relationshipId, ''], [relationshipId, '\uffff'])
            .filter((a) => a.createdInSessionId === sessionId)
            .toArray(),
        ]);
      const lastTakeaways = previousSession ? await takeawaysOf(previousSession.id) : [];
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
  /** Its series is tracked but this occurrence is not recorded in the relationship yet. */
  | { kind: 'joining'; relationship: Relationship }
  /** A mentoring session; `bySeries` when it belongs to the relationship through its series. */
  | { kind: 'tracked'; view: SessionView; bySeries: boolean };

/** The panel's data for a target, in one read transaction. `hints.seriesId` links occurrences. */
export function panelView(target: SessionTarget, hints: SessionHints = {}): Promise<PanelView> {
  return db.transaction(
    'r',
    [db.sessions, db.relationships, db.agendaItems, db.actionItems, db.goals, db.takeaways],
    async () => {
      const [session, seriesOwner] = await Promise.all([
        findSession(target),
        target.kind === 'calendar' && hints.seriesId
          ? relationshipForSeries(target.calendarId, hints.seriesId)
          : undefined,
      ]);
      const view = session?.relationshipId ? await sessionView(session.id) : undefined;
      if (view) return { kind: 'tracked', view, bySeries: seriesOwner?.id === session?.relationshipId };
      if (seriesOwner) return { kind: 'joining', relationship: seriesOwner };
      return { kind: 'untracked', session, relationships: await currentRelationships() };
    },
  );
}

/** One relationship in the popup. */
export interface RelationshipSummary {
  relationship: Relationship;
  goals: GoalInFocus[];
  /** Open action items due on or before today (overdue included), soonest first. */
  due: ActionItem[];
  nextSession: Session | undefined;
  /** Whether the next session has at least one agenda item. */
  nextSessionPrepared: boolean;
}

/** The popup's data for every current relationship, in one read transaction. `now` is an ISO instant. */
export function popupView(now: string): Promise<RelationshipSummary[]> {
  const today = now.slice(0, 10);
  return db.transaction('r', [db.relationships, db.goals, db.actionItems, db.sessions, db.agendaItems], async () => {
    const relationships = await currentRelationships();
    return Promise.all(
      relationships.map(async (relationship) => {
        const [goals, actions, nextSession] = await Promise.all([
          goalsOf(relationship.id),
          openActionItems(relationship.id),
          sessionAfter(relationship.id, now),
        ]);
        const nextSessionPrepared = nextSession ? (await agendaOf(nextSession.id).count()) > 0 : false;
        return {
          relationship,
          goals: goals.filter((g) => g.status !== 'dropped').map(inFocus),
          due: actions.filter((a) => isDueBy(a, today)).sort(byDueDate),
          nextSession,
          nextSessionPrepared,
        };
      }),
    );
  });
}
