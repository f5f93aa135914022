import { tookPlace } from '../cadence';
import { addDays } from '../dates';
import type { Goal } from '../model/goal';
import type { ActionItem, CheckIn, Win } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import { byDueDate, openActionItems } from './action-queries';
import { CHECK_IN_EVERY, isCheckInDue, lastCheckIn } from './checkin-queries';
import { currentRelationships } from './current-relationships';
import { db } from './database';
import { inFocusOrder } from './goal-order';
import { agendaStore } from './session-lists';

/** How far ahead the popup lists open action items as coming up. */
export const DUE_SOON_DAYS = 7;
/** How many gaps between sessions the popup shows against the agreed cadence… */
export const RECENT_GAPS = 3;
/** …among the sessions of the last half year. */
const RECENT_DAYS = 183;

/** A goal in the review: its milestones done, and the wins logged for it. */
export interface GoalProgress {
  goal: Goal;
  done: number;
  /** Wins logged for this goal, oldest first. */
  wins: Win[];
}

/** One relationship in the toolbar popup's goals review. */
export interface RelationshipReview {
  relationship: Relationship;
  /** Goals in progress (active, proposed), then revised ones; by target date. */
  goals: GoalProgress[];
  /** Goals achieved, most recent target first. */
  achieved: Goal[];
  /** Open action items due within `DUE_SOON_DAYS` days, overdue ones included, soonest first. */
  due: ActionItem[];
  /** Open action items without a due date, or due later. */
  openLater: number;
  nextSession: Session | undefined;
  /** Whether the next session's agenda has at least one item. */
  nextSessionPrepared: boolean;
  /** Starts of the last sessions that took place in the last half year, oldest first (`RECENT_GAPS` + 1 at most). */
  recentStarts: string[];
  /** A private check-in is due (as the panel asks for one: lib/db/checkins.ts). */
  checkInDue: boolean;
}

/**
 * The goals review for every current relationship (active, then paused), in one read transaction so
 * it is one consistent snapshot. `now` is the instant to review at (an ISO string); "due" days are
 * the user's (`today`).
 *
 * It reads whole small tables (goals, wins) and the sessions of the last half year and ahead in one
 * request each, rather than a few requests per relationship: each request is a round trip to the
 * browser's IndexedDB, and the popup is opened to be read at once. Check-ins (hundreds after a few
 * years) are not read whole: only each relationship's last one.
 */
export function popupView(now: string, today: string): Promise<RelationshipReview[]> {
  const until = addDays(today, DUE_SOON_DAYS);
  const nowMs = Date.parse(now);
  const windowStart = addDays(today, -RECENT_DAYS);
  return db.transaction(
    'r',
    [db.relationships, db.goals, db.actionItems, db.sessions, db.agendas, db.wins, db.checkIns],
    async () => {
      // One round trip's wait: what needs a relationship id (or a next session's id) is asked for
      // as soon as the relationships (or sessions) are read, while the rest is still on its way.
      const relationshipsRead = currentRelationships();
      // In start order: the index's.
      const sessionsRead = db.sessions.where('start').aboveOrEqual(windowStart).toArray();
      const [current, perRelationship, goals, wins, sessions, preparedIds] = await Promise.all([
        relationshipsRead,
        relationshipsRead.then((all) =>
          Promise.all(all.map((r) => Promise.all([openActionItems(r.id), lastCheckIn(r.id)]))),
        ),
        db.goals.toArray(),
        db.wins.toArray(),
        sessionsRead,
        sessionsRead.then(preparedNextSessions(now)),
      ]);
      const related = new Map(current.map((r, i) => [r.id, perRelationship[i]]));
      // Active ones first: a paused relationship has less to look at.
      const relationships = current.sort((a, b) => Number(a.status === 'paused') - Number(b.status === 'paused'));
      goals.sort(inFocusOrder);
      // winsOf's order (wins.ts), by hand: that module's writes load with the popup's forms, later.
      wins.sort((a, b) => a.on.localeCompare(b.on) || a.createdAt.localeCompare(b.createdAt));

      return Promise.all(
        relationships.map(async (relationship): Promise<RelationshipReview> => {
          const id = relationship.id;
          const own = sessions.filter((session) => session.relationshipId === id);
          const nextSession = own.find((session) => (session.start ?? '') > now);
          const [open = [], lastCheck] = related.get(id) ?? [];
          const nextSessionPrepared = nextSession !== undefined && preparedIds.has(nextSession.id);
          const checkInDue = await checkInDueFrom(relationship, lastCheck, own, windowStart);
          const due = open.filter((a) => a.dueOn !== undefined && a.dueOn <= until).sort(byDueDate);
          const mine = goals.filter((goal) => goal.relationshipId === id);
          return {
            relationship,
            goals: mine
              .filter((goal) => goal.status !== 'achieved' && goal.status !== 'dropped')
              .map((goal) => ({
                goal,
                done: goal.milestones.filter((m) => m.doneOn).length,
                wins: wins.filter((win) => win.goalId === goal.id),
              })),
            achieved: mine
              .filter((goal) => goal.status === 'achieved')
              .sort((a, b) => (b.targetDate ?? '').localeCompare(a.targetDate ?? '')),
            due,
            openLater: open.length - due.length,
            nextSession,
            nextSessionPrepared,
            recentStarts: own
              .filter((session) => (session.start ?? '') <= now && tookPlace(session, nowMs))
              .slice(-(RECENT_GAPS + 1))
              .map((session) => session.start ?? ''),
            checkInDue,
          };
        }),
      );
    },
  );
}

/** Of each relationship's next session after `now` among `sessions` (in start order), the ones with an agenda. */
function preparedNextSessions(now: string): (sessions: readonly Session[]) => Promise<Set<string>> {
  return async (sessions) => {
    const next = new Map<string, string>();
    for (const session of sessions) {
      const key = session.relationshipId;
      if (key !== undefined && !next.has(key) && (session.start ?? '') > now) next.set(key, session.id);
    }
    const ids = [...next.values()];
    const agendas = await agendaStore.ofEach(ids);
    return new Set(ids.filter((_, i) => (agendas[i]?.length ?? 0) > 0));
  };
}

/**
 * `isCheckInDue` (checkin-queries.ts) from what the view read already: the held sessions since the
 * last check-in, when that check-in falls inside the sessions read. Otherwise it asks the database.
 */
function checkInDueFrom(
  relationship: Relationship,
  last: CheckIn | undefined,
  sessions: readonly Session[],
  windowStart: string,
): Promise<boolean> | boolean {
  const since = last?.createdAt ?? '';
  const held = sessions.filter((s) => s.status === 'held' && (s.start ?? '') >= since).length;
  if (held >= CHECK_IN_EVERY - 1) return true;
  return since >= windowStart ? false : isCheckInDue(relationship.id);
}
