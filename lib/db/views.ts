import type { AgendaItem } from '../model/agenda';
import { type Goal, isInProgress, type Milestone } from '../model/goal';
import type { ActionItem, Takeaway } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import { byDueDate, isDueBy, openActionItems } from './actions';
import { agendaFor, agendaOf } from './agenda';
import { db } from './database';
import { goalsOf } from './goals';
import { currentRelationships } from './relationships';
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
      if (!relationshipId) {
        return {
          session,
          relationship: undefined,
          agenda: await agendaFor(sessionId),
          openActions: [],
          goals: [],
          lastTakeaways: [],
        };
      }
      // Independent reads in parallel: each IndexedDB request is a round trip to the browser process.
      const [agenda, relationship, actions, goals, previous] = await Promise.all([
        agendaFor(sessionId),
        db.relationships.get(relationshipId),
        openActionItems(relationshipId),
        goalsOf(relationshipId),
        session.start ? sessionBefore(relationshipId, session.start) : undefined,
      ]);
      const lastTakeaways = previous ? await db.takeaways.where('sessionId').equals(previous.id).toArray() : [];
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
      };
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
