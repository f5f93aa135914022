import { addDays } from '../dates';
import type { ActionItem } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import { checkInsOf, isCheckInDue } from './checkins';
import { db } from './database';
import { agendaFor } from './session-lists';
import { sessionAfter } from './timeline';

export type ReminderKind = 'prepare' | 'actions-due' | 'agreement-review' | 'check-in';

/**
 * Something to remind the user of now. `keys` name each thing it is about, by kind, record id and
 * due day: a thing is notified once, ever (the background keeps the keys it notified).
 */
export interface DueReminder {
  kind: ReminderKind;
  /** One notification per id; a later reminder with the same id replaces it. */
  id: string;
  keys: string[];
  relationship: Relationship;
  /** The session to open: the one to prepare, or where the due action items are reviewed. */
  session?: Session;
  /** `actions-due`: the items due tomorrow. */
  items?: ActionItem[];
  /** The day it is about: the session's, the items' due day, the review date, the last check-in's (or the start). */
  day: string;
}

export interface ReminderQuery {
  /** The moment to check at. */
  now: Date;
  /** The user's calendar day at `now` (lib/dates.ts `localDay`). */
  today: string;
  kinds: ReadonlySet<ReminderKind>;
  /** `prepare`: sessions starting within this many hours. */
  prepareHours: number;
}

/**
 * What is due for reminding, across the active relationships (paused and ended ones stay quiet):
 * sessions starting within `prepareHours` that have nothing on the agenda from the user yet ("add
 * your questions"), open action items due tomorrow (one reminder per relationship), agreements whose
 * review date has come, and check-ins when due (lib/db/checkins.ts: every few held sessions; the
 * same moment the panel asks for one). Read in one transaction.
 */
export function dueReminders(query: ReminderQuery): Promise<DueReminder[]> {
  const { now, today, kinds } = query;
  const tomorrow = addDays(today, 1);
  return db.transaction('r', [db.relationships, db.sessions, db.agendas, db.actionItems, db.checkIns], async () => {
    const active = await db.relationships.where('status').equals('active').toArray();
    const byId = new Map(active.map((r) => [r.id, r]));
    const reminders: DueReminder[] = [];

    if (kinds.has('prepare')) {
      const from = now.toISOString();
      const until = new Date(now.getTime() + query.prepareHours * 3_600_000).toISOString();
      for (const relationship of active) {
        const soon = await db.sessions
          .where('[relationshipId+start]')
          .between([relationship.id, from], [relationship.id, until], false, true)
          .filter((session) => session.status !== 'cancelled')
          .toArray();
        for (const session of soon) {
          if ((await agendaFor(session.id)).some((item) => item.addedBy === 'me')) continue;
          const day = (session.start ?? from).slice(0, 10);
          const key = `prepare:${session.id}:${day}`;
          reminders.push({ kind: 'prepare', id: key, keys: [key], relationship, session, day });
        }
      }
    }

    if (kinds.has('actions-due')) {
      const due = await db.actionItems
        .where('dueOn')
        .equals(tomorrow)
        .filter((item) => item.status === 'open' && byId.has(item.relationshipId))
        .toArray();
      due.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.text.localeCompare(b.text));
      for (const relationship of active) {
        const items = due.filter((item) => item.relationshipId === relationship.id);
        if (items.length === 0) continue;
        const reviewAt = await sessionToReview(items, relationship.id, now.toISOString());
        reminders.push({
          kind: 'actions-due',
          id: `actions-due:${relationship.id}:${tomorrow}`,
          keys: items.map((item) => `actions-due:${item.id}:${tomorrow}`),
          relationship,
          ...(reviewAt ? { session: reviewAt } : {}),
          items,
          day: tomorrow,
        });
      }
    }

    for (const relationship of active) {
      const reviewOn = relationship.agreement.reviewOn;
      if (kinds.has('agreement-review') && reviewOn && reviewOn <= today) {
        const key = `agreement-review:${relationship.id}:${reviewOn}`;
        reminders.push({ kind: 'agreement-review', id: key, keys: [key], relationship, day: reviewOn });
      }
      if (kinds.has('check-in') && (await isCheckInDue(relationship.id))) {
        // Once per round: the next check-in starts a new one, with a new key.
        const since = (await checkInsOf(relationship.id)).at(-1)?.createdAt.slice(0, 10) ?? relationship.startedOn;
        const key = `check-in:${relationship.id}:${since}`;
        reminders.push({ kind: 'check-in', id: key, keys: [key], relationship, day: since });
      }
    }
    return reminders;
  });
}

/** Where due items get looked at: the upcoming session they are reviewed in, else the relationship's next one. */
async function sessionToReview(items: ActionItem[], relationshipId: string, now: string): Promise<Session | undefined> {
  const ids = [...new Set(items.flatMap((item) => (item.reviewSessionId ? [item.reviewSessionId] : [])))];
  const reviewed = (await db.sessions.bulkGet(ids)).filter(
    (session): session is Session => session?.start !== undefined && session.start > now,
  );
  return reviewed.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))[0] ?? sessionAfter(relationshipId, now);
}

/** Open action items of active relationships due on or before `today` (overdue included): the toolbar badge. */
export function dueActionCount(today: string): Promise<number> {
  return db.transaction('r', db.relationships, db.actionItems, async () => {
    const active = new Set(await db.relationships.where('status').equals('active').primaryKeys());
    return db.actionItems
      .where('dueOn')
      .belowOrEqual(today)
      .filter((item) => item.status === 'open' && active.has(item.relationshipId))
      .count();
  });
}
