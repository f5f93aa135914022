/**
 * Reading the other person's shared payload and merging it into the local session (issue 8).
 *
 * Sync calls `receiveShared` for the events it applies (lib/sync/apply.ts, in the page's
 * transaction). For an occurrence with a session here and a valid payload:
 * - The local records are first read into their clocks (unpublished local changes get their time),
 *   then each item is merged per field: the later write wins (lib/share/doc.ts). Items from the
 *   other person appear as theirs (`addedBy: 'them'`; action item owners are roles and stay as
 *   they are).
 * - A text a merge replaces is kept on the item (`history`), with who wrote it and when: nothing
 *   either person wrote is dropped without a trace. (Each device keeps the texts it had; the other
 *   person's losing text is kept on their device.)
 * - Deletions travel as tombstones (`x` in the payload, kept in the field clocks): an item deleted
 *   on one side is deleted on the other, unless it was edited there after the deletion (then it
 *   comes back on both). An item missing from a payload is not deleted: a payload only ever adds
 *   information.
 * - Undiscussed items carried to the next session by both devices are one item: of two copies of
 *   the same item in one session, the one with the smaller id stays, with the later write of each
 *   field, and the other is deleted on both sides.
 * - Idempotent: the same payload twice, or our own payload coming back, changes nothing.
 * - When this device knows something the payload lacks, the session is published again (if it may
 *   be), so both sides converge.
 * - A payload that is partial, garbled, invalid or from a later format is ignored whole, never half
 *   applied; an item that cannot be applied (it would hijack another relationship's record, or
 *   lacks a field a new record needs) is skipped.
 */

import { db } from '../db/database';
import { agendaFor, agendaStore, noteStore, notesFor, takeawayStore } from '../db/session-lists';
import { log } from '../log';
import { AgendaItem as AgendaItemSchema } from '../model/agenda';
import { newId, type ReplacedText, type Role, type Side } from '../model/common';
import { Note as NoteSchema } from '../model/note';
import { ActionItem as ActionItemSchema, type ActionStatus, Takeaway as TakeawaySchema } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import type { Deletion, FieldClock, ShareClock } from '../model/share';
import type { RemoteEvent } from '../model/sync';
import {
  beats,
  FIELDS,
  fieldValue,
  IMMUTABLE,
  isDeleted,
  lastWrite,
  laterDeletion,
  type ShareDoc,
  type SharedItem,
  sameClock,
  sameDeletion,
} from './doc';
import { clockKey, docOf, goalKey, observeSession } from './observe';
import { decodePayload } from './payload';
import { pendingShareOps, publishWithin } from './publish';
import { readShareState, writeShareState } from './state';

export interface MergeResult {
  /** Local records created, changed or deleted. */
  changed: number;
  /** This device knows something the payload lacks. */
  newer: boolean;
}

/**
 * Merges a decoded payload into a session, inside the caller's transaction (`SYNC_TABLES`).
 * Does not publish (see `receiveShared`).
 */
export async function mergeDoc(
  session: Session,
  relationship: Relationship,
  remote: ShareDoc,
  at: Date,
): Promise<MergeResult> {
  const observed = await observeSession(session, relationship, at);
  if (observed.changed.length > 0) await db.shareClocks.bulkPut(observed.changed);
  const context: Context = { session, relationship, at, goals: await goalsOf(relationship.id) };
  let changed = 0;

  for (const theirs of remote.items) {
    const key = clockKey(theirs.kind, theirs.id, session.id);
    const ours = observed.clocks.get(key) ?? (await db.shareClocks.get(key));
    const merged = mergeClock(ours, theirs, key, session.id);
    if (merged !== ours) {
      await db.shareClocks.put(merged);
      observed.clocks.set(key, merged);
    }
    if (await applyClock(merged, ours, context)) changed += 1;
  }
  changed += await joinCarriedCopies(context, observed.clocks);

  const ours = docOf(session.id, observed.clocks.values());
  return { changed, newer: knowsMore(ours, remote) };
}

/**
 * Sync's hook (lib/sync/apply.ts), for the events of linked series it just kept, as Google sent
 * them: merges each occurrence's payload into its session; marks our write published when it comes
 * back; publishes again where this device knows more; and tries sessions that stayed local because
 * they could not be written to again when their event now allows it.
 */
export async function receiveShared(calendarId: string, rows: readonly RemoteEvent[], at: Date): Promise<void> {
  const retry = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'master') {
      const sessions = await db.sessions.where('seriesId').equals(row.seriesId).toArray();
      for (const session of sessions) if (session.calendarId === calendarId) retry.add(session.id);
      continue;
    }
    const session = await db.sessions.where('[calendarId+eventId]').equals([calendarId, row.eventId]).first();
    if (!session?.relationshipId) continue;
    retry.add(session.id);
    const decoded = decodePayload(row.extendedProperties?.shared);
    if (decoded.kind === 'none') continue;
    if (decoded.kind !== 'ok') {
      log.debugOnce(
        `share-${decoded.kind}-${row.eventId}`,
        'share',
        `payload on ${row.eventId} ignored: ${detail(decoded)}`,
      );
      continue;
    }
    const relationship = await db.relationships.get(session.relationshipId);
    if (!relationship) continue;
    const result = await mergeDoc(session, relationship, decoded.doc, at);
    const state = await readShareState(session.id);
    if (state && state.status !== 'local-only' && state.hash === decoded.hash) {
      await writeShareState(session.id, { status: 'published', hash: decoded.hash }, at);
    }
    // A write still waiting was made before this payload: it must carry the merged content now,
    // or it would put the older content back over theirs.
    if (result.newer || (await pendingShareOps(calendarId, row.eventId)).length > 0)
      await publishWithin(session.id, at);
  }
  for (const sessionId of retry) {
    const state = await readShareState(sessionId);
    if (state?.status === 'local-only' && (state.reason === 'not-organizer' || state.reason === 'forbidden')) {
      await publishWithin(sessionId, at);
    }
  }
}

function detail(decoded: Exclude<ReturnType<typeof decodePayload>, { kind: 'ok' | 'none' }>): string {
  return decoded.kind === 'unsupported' ? `format ${decoded.format} is from a later Tandem` : decoded.reason;
}

// ---------------------------------------------------------------- clocks

/** Our clock with their writes merged in, field by field; `ours` itself when nothing changes. */
function mergeClock(ours: ShareClock | undefined, theirs: SharedItem, key: string, sessionId: string): ShareClock {
  const fields: Record<string, FieldClock> = { ...ours?.fields };
  let dirty = ours === undefined;
  for (const name of FIELDS[theirs.kind]) {
    const incoming = theirs.fields[name];
    const current = fields[name];
    if (!incoming || (current && !beats(incoming, current))) continue;
    fields[name] = incoming;
    dirty = true;
  }
  const deleted = laterDeletion(ours?.deleted, theirs.deleted);
  if (!sameDeletion(deleted, ours?.deleted)) dirty = true;
  if (!dirty && ours) return ours;
  return {
    key,
    kind: theirs.kind,
    itemId: ours?.itemId ?? (theirs.kind === 'note' ? sessionId : theirs.id),
    sessionId: ours?.sessionId ?? sessionId,
    fields,
    ...(deleted ? { deleted } : {}),
  };
}

/** Whether our document has an item, a field write or a deletion the payload lacks. */
function knowsMore(ours: ShareDoc, theirs: ShareDoc): boolean {
  const index = new Map(theirs.items.map((item) => [`${item.kind}:${item.id}`, item]));
  return ours.items.some((item) => {
    const other = index.get(`${item.kind}:${item.id}`);
    if (!other) return true;
    if (item.deleted && !sameDeletion(laterDeletion(item.deleted, other.deleted), other.deleted)) return true;
    return Object.entries(item.fields).some(([name, field]) => !sameClock(field, other.fields[name]));
  });
}

// ---------------------------------------------------------------- records

interface Context {
  session: Session;
  relationship: Relationship;
  at: Date;
  goals: Array<{ id: string; title: string }>;
}

async function goalsOf(relationshipId: string) {
  return (await db.goals.where('relationshipId').equals(relationshipId).toArray()).map(({ id, title }) => ({
    id,
    title,
  }));
}

function sideOf(role: Role, context: Context): Side {
  return role === context.relationship.myRole ? 'me' : 'them';
}

function replaced(text: string, before: ShareClock | undefined, context: Context): ReplacedText {
  const write = before?.fields.text;
  return {
    text,
    by: write ? sideOf(write.by, context) : 'me',
    at: new Date(write?.at ?? context.at.getTime()).toISOString(),
    replacedAt: context.at.toISOString(),
  };
}

/**
 * Makes the local record match the merged clock: creates, changes or deletes it. `before` is the
 * clock before the merge (for the history of a replaced text). Returns whether a record changed.
 */
async function applyClock(clock: ShareClock, before: ShareClock | undefined, context: Context): Promise<boolean> {
  switch (clock.kind) {
    case 'agenda':
      return applyAgenda(clock, before, context);
    case 'takeaway':
      return applyTakeaway(clock, before, context);
    case 'action':
      return applyAction(clock, before, context);
    case 'note':
      return applyNote(clock, before, context);
  }
}

/** Whether a record of this session's relationship may be changed from its payload. */
async function ownSession(sessionId: string, context: Context): Promise<boolean> {
  if (sessionId === context.session.id) return true;
  const session = await db.sessions.get(sessionId);
  return session?.relationshipId !== undefined && session.relationshipId === context.session.relationshipId;
}

function now(context: Context): string {
  return context.at.toISOString();
}

function str(clock: ShareClock, field: string): string | undefined {
  const value = fieldValue(clock, field);
  return typeof value === 'string' ? value : undefined;
}

function num(clock: ShareClock, field: string): number | undefined {
  const value = fieldValue(clock, field);
  return typeof value === 'number' ? value : undefined;
}

function goalIdFor(title: string | undefined, context: Context): string | undefined {
  if (!title) return undefined;
  return context.goals.find((goal) => goalKey(goal.title) === goalKey(title))?.id;
}

async function applyAgenda(clock: ShareClock, before: ShareClock | undefined, context: Context): Promise<boolean> {
  const record = await agendaStore.get(clock.itemId);
  if (record && !(await ownSession(record.sessionId, context))) return false;
  if (isDeleted(clock)) {
    if (!record) return false;
    await agendaStore.delete([record.id]);
    return true;
  }
  const text = str(clock, 'text');
  const author = str(clock, 'author') as Role | undefined;
  const discussed = fieldValue(clock, 'discussed');
  const order = num(clock, 'order');
  const goal = str(clock, 'goal');
  const timebox = num(clock, 'timebox');
  if (!record) {
    if (text === undefined || author === undefined || typeof discussed !== 'boolean' || order === undefined)
      return false;
    const carriedFrom = str(clock, 'carriedFrom');
    const original = carriedFrom ? await agendaStore.get(carriedFrom) : undefined;
    const goalId = goalIdFor(goal, context);
    const parsed = AgendaItemSchema.safeParse({
      id: clock.itemId,
      sessionId: context.session.id,
      text,
      addedBy: sideOf(author, context),
      ...(goalId ? { goalId } : {}),
      order,
      discussed,
      ...(timebox !== undefined ? { timeboxMinutes: timebox } : {}),
      origin: original
        ? { kind: 'carried', fromSessionId: original.sessionId, fromItemId: original.id }
        : { kind: 'added' },
      ...(carriedFrom ? { carriedFrom } : {}),
      createdAt: now(context),
      updatedAt: now(context),
    });
    if (!parsed.success) return false;
    await agendaStore.add([parsed.data]);
    return true;
  }
  const next: Record<string, unknown> = { ...record };
  if (text !== undefined && text !== record.text) {
    next.text = text;
    next.history = [...(record.history ?? []), replaced(record.text, before, context)];
  }
  if (typeof discussed === 'boolean') next.discussed = discussed;
  if (order !== undefined) next.order = order;
  if (fieldValue(clock, 'timebox') !== undefined) {
    if (timebox === undefined) delete next.timeboxMinutes;
    else next.timeboxMinutes = timebox;
  }
  if (fieldValue(clock, 'goal') !== undefined) {
    const currentTitle = record.goalId ? context.goals.find((g) => g.id === record.goalId)?.title : undefined;
    if (!goal) delete next.goalId;
    else if (!currentTitle || goalKey(currentTitle) !== goalKey(goal)) {
      // A title this side has no goal for leaves the item unlinked (the title still travels).
      const goalId = goalIdFor(goal, context);
      if (goalId) next.goalId = goalId;
      else delete next.goalId;
    }
  }
  return putIfChanged(record, next, context, (value) => {
    const parsed = AgendaItemSchema.safeParse(value);
    return parsed.success ? agendaStore.put([parsed.data]).then(() => true) : Promise.resolve(false);
  });
}

async function applyTakeaway(clock: ShareClock, before: ShareClock | undefined, context: Context): Promise<boolean> {
  const record = await takeawayStore.get(clock.itemId);
  if (record && !(await ownSession(record.sessionId, context))) return false;
  if (isDeleted(clock)) {
    if (!record) return false;
    await takeawayStore.delete([record.id]);
    return true;
  }
  const text = str(clock, 'text');
  const author = str(clock, 'author') as Role | undefined;
  const theirs = author !== undefined && sideOf(author, context) === 'them';
  if (!record) {
    const parsed = TakeawaySchema.safeParse({
      id: clock.itemId,
      sessionId: context.session.id,
      text,
      // Absent means the user's own (our own payload coming back).
      ...(theirs ? { addedBy: 'them' } : {}),
      createdAt: now(context),
      updatedAt: now(context),
    });
    if (!parsed.success) return false;
    await takeawayStore.add([parsed.data]);
    return true;
  }
  const next: Record<string, unknown> = { ...record };
  if (text !== undefined && text !== record.text) {
    next.text = text;
    next.history = [...(record.history ?? []), replaced(record.text, before, context)];
  }
  // One of theirs merged before takeaways recorded who added them is marked at the next merge.
  if (theirs && record.addedBy === undefined) next.addedBy = 'them';
  return putIfChanged(record, next, context, (value) => {
    const parsed = TakeawaySchema.safeParse(value);
    return parsed.success ? takeawayStore.put([parsed.data]).then(() => true) : Promise.resolve(false);
  });
}

async function applyAction(clock: ShareClock, before: ShareClock | undefined, context: Context): Promise<boolean> {
  const relationshipId = context.session.relationshipId;
  const record = await db.actionItems.get(clock.itemId);
  if (!relationshipId || (record && record.relationshipId !== relationshipId)) return false;
  if (isDeleted(clock)) {
    if (!record) return false;
    await db.actionItems.delete(record.id);
    return true;
  }
  const text = str(clock, 'text');
  const owner = str(clock, 'owner');
  const due = str(clock, 'due');
  const status = str(clock, 'status') as ActionStatus | undefined;
  if (!record) {
    const parsed = ActionItemSchema.safeParse({
      id: clock.itemId,
      relationshipId,
      text,
      owner,
      ...(due ? { dueOn: due } : {}),
      status,
      createdInSessionId: context.session.id,
      reviewSessionId: context.session.id,
      ...(status && status !== 'open' ? { closedInSessionId: context.session.id } : {}),
      createdAt: now(context),
      updatedAt: now(context),
    });
    if (!parsed.success) return false;
    await db.actionItems.add(parsed.data);
    return true;
  }
  const next: Record<string, unknown> = { ...record };
  if (text !== undefined && text !== record.text) {
    next.text = text;
    next.history = [...(record.history ?? []), replaced(record.text, before, context)];
  }
  if (owner !== undefined) next.owner = owner;
  if (fieldValue(clock, 'due') !== undefined) {
    if (due === undefined) delete next.dueOn;
    else next.dueOn = due;
  }
  if (status !== undefined && status !== record.status) {
    next.status = status;
    if (status === 'open') delete next.closedInSessionId;
    else next.closedInSessionId = context.session.id;
  }
  return putIfChanged(record, next, context, (value) => {
    const parsed = ActionItemSchema.safeParse(value);
    return parsed.success ? db.actionItems.put(parsed.data).then(() => true) : Promise.resolve(false);
  });
}

async function applyNote(clock: ShareClock, before: ShareClock | undefined, context: Context): Promise<boolean> {
  const text = str(clock, 'text');
  if (text === undefined) return false;
  const record = (await notesFor(context.session.id)).find((note) => note.visibility === 'shared');
  if (!record) {
    if (text === '') return false;
    const parsed = NoteSchema.safeParse({
      id: newId(),
      sessionId: context.session.id,
      visibility: 'shared',
      text,
      createdAt: now(context),
      updatedAt: now(context),
    });
    if (!parsed.success) return false;
    await noteStore.add([parsed.data]);
    return true;
  }
  if (text === record.text) return false;
  const parsed = NoteSchema.safeParse({
    ...record,
    text,
    ...(record.text.trim() !== ''
      ? { history: [...(record.history ?? []), replaced(record.text, before, context)] }
      : {}),
    updatedAt: now(context),
  });
  if (!parsed.success) return false;
  await noteStore.put([parsed.data]);
  return true;
}

async function putIfChanged<T extends { updatedAt: string }>(
  record: T,
  next: Record<string, unknown>,
  context: Context,
  put: (value: Record<string, unknown>) => Promise<boolean>,
): Promise<boolean> {
  const keys = new Set([...Object.keys(record), ...Object.keys(next)]);
  const same = [...keys].every(
    (key) => JSON.stringify((record as Record<string, unknown>)[key]) === JSON.stringify(next[key]),
  );
  if (same) return false;
  return put({ ...next, updatedAt: now(context) });
}

// ---------------------------------------------------------------- carried copies

/**
 * Two live agenda items of this session carried from the same item (each device carried it): the
 * smaller id stays with the later write of each field, the other is deleted (a tombstone just after
 * its last write, so both devices delete it alike). Returns how many records changed.
 */
async function joinCarriedCopies(context: Context, clocks: Map<string, ShareClock>): Promise<number> {
  const items = (await agendaFor(context.session.id)).filter((item) => item.carriedFrom !== undefined);
  const groups = new Map<string, string[]>();
  for (const item of items)
    groups.set(item.carriedFrom as string, [...(groups.get(item.carriedFrom as string) ?? []), item.id]);
  let changed = 0;
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const [keeperId, ...others] = ids.sort();
    const keeperKey = clockKey('agenda', keeperId as string, context.session.id);
    const keeperBefore = clocks.get(keeperKey) ?? (await db.shareClocks.get(keeperKey));
    if (!keeperBefore) continue;
    let keeper = keeperBefore;
    for (const otherId of others) {
      const key = clockKey('agenda', otherId, context.session.id);
      const other = clocks.get(key) ?? (await db.shareClocks.get(key));
      if (!other) continue;
      const fields = { ...keeper.fields };
      for (const [name, field] of Object.entries(other.fields)) {
        const current = fields[name];
        if (IMMUTABLE.has(name) || (current && !beats(field, current))) continue;
        fields[name] = field;
      }
      keeper = { ...keeper, fields };
      const joined: Deletion = { at: lastWrite(other) + 1, by: JOINED_BY };
      const gone: ShareClock = { ...other, deleted: laterDeletion(other.deleted, joined) ?? joined };
      clocks.set(key, gone);
      await db.shareClocks.put(gone);
      if (await applyClock(gone, other, context)) changed += 1;
    }
    clocks.set(keeperKey, keeper);
    await db.shareClocks.put(keeper);
    if (await applyClock(keeper, keeperBefore, context)) changed += 1;
  }
  return changed;
}

/** The role a joined copy's deletion is stamped with, whoever joins it: the same on both devices. */
const JOINED_BY: Role = 'mentee';
