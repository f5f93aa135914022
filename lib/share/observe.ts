/**
 * What of a session is shared, read from the local records into field clocks.
 *
 * Privacy is structural here: `readShared` is the only code that reads records for sharing, and it
 * reads only the shared note (`visibility === 'shared'`) and the listed fields of agenda items,
 * takeaways and action items. It never opens private notes, check-ins, feedback or goals beyond
 * the title of a goal an agenda item is linked to; nothing else can reach the payload or the
 * description block, which are built from the clocks alone.
 *
 * Field times: a field whose value differs from its clock was changed here since the last publish or
 * merge; it gets the record's `updatedAt` (its last local change), and at least one millisecond more
 * than the write it replaces, so that a change always wins over what it changed even when clocks
 * disagree. (A record's `updatedAt` is per record, not per field: two of its fields changed
 * separately between two publishes both get the later time.)
 */

import { db } from '../db/database';
import { agendaFor, agendaStore, notesFor, takeawayStore, takeawaysFor } from '../db/session-lists';
import type { Role } from '../model/common';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import type { FieldClock, ShareClock, SharedKind } from '../model/share';
import {
  FIELDS,
  IMMUTABLE,
  isDeleted,
  lastWrite,
  NOTE_ID,
  otherRole,
  type ShareDoc,
  type SharedItem,
  sortItems,
} from './doc';

type Value = FieldClock['v'];

/** One local record as sharing sees it. */
export interface LocalShared {
  kind: SharedKind;
  /** The record's id; `note` for the shared note. */
  id: string;
  /** The session whose payload carries it (an action item: the session that created it). */
  home: string;
  values: Record<string, Value>;
  updatedAt: string;
}

export function clockKey(kind: SharedKind, id: string, sessionId: string): string {
  return kind === 'note' ? `note:${sessionId}` : `${kind}:${id}`;
}

/**
 * The shared records of a session: its agenda items, takeaways, the action items it created or
 * reviews, and its shared note. Only the shared fields.
 */
export async function readShared(session: Session, relationship: Relationship): Promise<LocalShared[]> {
  const me = relationship.myRole;
  const roleOf = (side: 'me' | 'them'): Role => (side === 'me' ? me : otherRole(me));
  const [agenda, takeaways, created, reviewed, shared] = await Promise.all([
    agendaFor(session.id),
    takeawaysFor(session.id),
    db.actionItems.where('createdInSessionId').equals(session.id).toArray(),
    db.actionItems.where('reviewSessionId').equals(session.id).toArray(),
    notesFor(session.id).then((notes) => notes.find((note) => note.visibility === 'shared')),
  ]);
  const goalIds = [...new Set(agenda.flatMap((item) => (item.goalId ? [item.goalId] : [])))];
  const goals = new Map((await db.goals.bulkGet(goalIds)).flatMap((goal) => (goal ? [[goal.id, goal.title]] : [])));

  const out: LocalShared[] = [];
  for (const item of agenda) {
    out.push({
      kind: 'agenda',
      id: item.id,
      home: session.id,
      values: {
        text: item.text,
        author: roleOf(item.addedBy),
        discussed: item.discussed,
        order: item.order,
        goal: (item.goalId && goals.get(item.goalId)) || null,
        timebox: item.timeboxMinutes ?? null,
        carriedFrom: item.carriedFrom ?? null,
      },
      updatedAt: item.updatedAt,
    });
  }
  for (const takeaway of takeaways) {
    out.push({
      kind: 'takeaway',
      id: takeaway.id,
      home: session.id,
      // No `addedBy` is the user's own takeaway; a merged one of theirs keeps their role.
      values: { text: takeaway.text, author: roleOf(takeaway.addedBy ?? 'me') },
      updatedAt: takeaway.updatedAt,
    });
  }
  const actions = new Map([...created, ...reviewed].map((action) => [action.id, action]));
  for (const action of actions.values()) {
    // An action item created outside any session has no session to travel with: it is not shared.
    if (!action.createdInSessionId) continue;
    out.push({
      kind: 'action',
      id: action.id,
      home: action.createdInSessionId,
      values: { text: action.text, owner: action.owner, due: action.dueOn ?? null, status: action.status },
      updatedAt: action.updatedAt,
    });
  }
  if (shared) {
    out.push({
      kind: 'note',
      id: NOTE_ID,
      home: session.id,
      values: { text: shared.text },
      updatedAt: shared.updatedAt,
    });
  }
  return out;
}

/** Normalized goal title, for matching the other person's titles with ours. */
export function goalKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export interface Observation {
  /** The clocks of the session's items (and of action items it reviews), as they are now. */
  clocks: Map<string, ShareClock>;
  /** The clocks that changed: to store. */
  changed: ShareClock[];
  /** Other sessions whose payload changed (action items created there, changed here). */
  otherHomes: Set<string>;
}

/**
 * Brings the clocks of a session's shared items up to date with the records: changed fields get a
 * new time by the user; items deleted here since get a deletion. Reads only; the caller stores
 * `changed` (a preview does not).
 */
export async function observeSession(session: Session, relationship: Relationship, at: Date): Promise<Observation> {
  const me = relationship.myRole;
  const local = await readShared(session, relationship);
  const keys = local.map((item) => clockKey(item.kind, item.id, session.id));
  const [found, ofSession, goals] = await Promise.all([
    db.shareClocks.bulkGet(keys),
    db.shareClocks.where('sessionId').equals(session.id).toArray(),
    db.goals.where('relationshipId').equals(relationship.id).toArray(),
  ]);
  const titles = new Set(goals.map((goal) => goalKey(goal.title)));
  const clocks = new Map<string, ShareClock>();
  for (const clock of [...ofSession, ...found]) if (clock) clocks.set(clock.key, clock);

  const changed: ShareClock[] = [];
  const otherHomes = new Set<string>();
  local.forEach((item, index) => {
    const key = keys[index] as string;
    const before = clocks.get(key);
    const next = observeItem(item, before, key, me, titles);
    if (next === before) return;
    clocks.set(key, next);
    changed.push(next);
    if (next.sessionId !== session.id) otherHomes.add(next.sessionId);
  });

  const present = new Set(keys);
  for (const clock of clocks.values()) {
    if (clock.sessionId !== session.id || present.has(clock.key) || clock.kind === 'note' || isDeleted(clock)) continue;
    // Gone from this session: deleted, unless it still exists elsewhere (an action item whose
    // review moved on, an agenda item handed to an earlier session).
    if (await recordExists(clock.kind, clock.itemId)) continue;
    const next: ShareClock = { ...clock, deleted: { at: Math.max(at.getTime(), lastWrite(clock) + 1), by: me } };
    clocks.set(clock.key, next);
    changed.push(next);
  }
  return { clocks, changed, otherHomes };
}

function observeItem(
  item: LocalShared,
  before: ShareClock | undefined,
  key: string,
  me: Role,
  goalTitles: ReadonlySet<string>,
): ShareClock {
  // Brought back (an undo after the deletion was published): every field is written anew.
  const revived = before !== undefined && isDeleted(before);
  let floor = Date.parse(item.updatedAt);
  if (revived && before.deleted) floor = Math.max(floor, before.deleted.at + 1);
  const fields = { ...before?.fields };
  let dirty = before === undefined || before.sessionId !== item.home;
  for (const name of FIELDS[item.kind]) {
    const value = item.values[name];
    if (value === undefined) continue;
    const old = fields[name];
    if (old && IMMUTABLE.has(name) && !revived) continue;
    if (old && !revived) {
      if (sameValue(old.v, value)) continue;
      // A goal title this side has no goal for reads as "no goal" here: not a change.
      if (name === 'goal' && value === null && typeof old.v === 'string' && !goalTitles.has(goalKey(old.v))) continue;
    }
    fields[name] = { v: value, at: Math.max(floor, (old?.at ?? 0) + 1), by: me };
    dirty = true;
  }
  if (!dirty) return before as ShareClock;
  const { deleted, ...rest } = before ?? { key, kind: item.kind, itemId: itemIdOf(item), sessionId: item.home, fields };
  return { ...rest, sessionId: item.home, fields, ...(deleted && !revived ? { deleted } : {}) };
}

function itemIdOf(item: LocalShared): string {
  return item.kind === 'note' ? item.home : item.id;
}

function sameValue(a: Value, b: Value): boolean {
  return a === b;
}

async function recordExists(kind: SharedKind, id: string): Promise<boolean> {
  switch (kind) {
    case 'agenda':
      return (await agendaStore.get(id)) !== undefined;
    case 'takeaway':
      return (await takeawayStore.get(id)) !== undefined;
    case 'action':
      return (await db.actionItems.get(id)) !== undefined;
    case 'note':
      return true;
  }
}

/** The document a session's payload carries: every clock whose home it is, deletions included. */
export function docOf(sessionId: string, clocks: Iterable<ShareClock>): ShareDoc {
  const items: SharedItem[] = [];
  for (const clock of clocks) {
    if (clock.sessionId !== sessionId) continue;
    items.push({
      kind: clock.kind,
      id: clock.kind === 'note' ? NOTE_ID : clock.itemId,
      fields: clock.fields,
      ...(clock.deleted ? { deleted: clock.deleted } : {}),
    });
  }
  return { items: sortItems(items) };
}
