import type { Goal } from '../model/goal';
import type { ActionItem, CheckIn, Win } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import { openActionItems } from './actions';
import { checkInsOf } from './checkins';
import { db } from './database';
import { goalsOf } from './goals';
import { sessionsOf } from './timeline';
import { winsOf } from './wins';

/** One relationship as the options page shows it. */
export interface RelationshipDetail {
  relationship: Relationship;
  /** In progress first, then the rest; by target date. */
  goals: Goal[];
  /** Sessions with a known start, in time order: the session history picture. */
  sessions: Session[];
  /** Oldest first: the trend. */
  checkIns: CheckIn[];
  wins: Win[];
  openActions: ActionItem[];
}

/** A relationship with its goals, sessions, check-ins, wins and open action items, in one read transaction. */
export function relationshipDetail(relationshipId: string): Promise<RelationshipDetail | undefined> {
  return db.transaction(
    'r',
    [db.relationships, db.goals, db.sessions, db.checkIns, db.wins, db.actionItems],
    async () => {
      const [relationship, goals, sessions, checkIns, wins, openActions] = await Promise.all([
        db.relationships.get(relationshipId),
        goalsOf(relationshipId),
        sessionsOf(relationshipId),
        checkInsOf(relationshipId),
        winsOf(relationshipId),
        openActionItems(relationshipId),
      ]);
      return relationship && { relationship, goals, sessions, checkIns, wins, openActions };
    },
  );
}
