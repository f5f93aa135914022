/**
 * Turns the remote events kept for a series into its sessions (design.md §3), inside the caller's
 * transaction (which must include `SYNC_TABLES`). Deterministic and idempotent: it reads only the
 * database, so running it twice, or again after a run that failed midway (and was rolled back),
 * gives the same sessions. The unique `[calendarId+eventId]` index guards against duplicates.
 *
 * Rules, for sessions from the window's start on (history before it is never rewritten):
 * - An occurrence in the window becomes a `scheduled` session with start, end and Meet code, and
 *   receives what earlier sessions left open.
 * - A moved occurrence keeps its session (same id, same agenda) with the new start; its status is
 *   `moved` while its start differs from where the rule put it (the panel shows a "Moved" chip;
 *   carry-forward treats `moved` like `scheduled`), and `scheduled` again if it is moved back.
 * - A cancelled occurrence closes its session as `cancelled`: open items go to the next session.
 * - An occurrence that no longer exists at all (an `EXDATE`, a rule ended by "this and following",
 *   a deleted series) retires its session: cancelled like above when anything was written in it,
 *   deleted when it is an empty placeholder (no ghost "cancelled" sessions in the history).
 * - Sessions the user marked `held` or `cancelled` keep that status; only their times follow Google.
 */
import { closeSession, pullCarriedItems } from '../db/carry-forward';
import { db } from '../db/database';
import { endSeriesLink, relationshipForSeries } from '../db/relationships';
import { splitInstanceId } from '../hosts/calendar/eid';
import { isMeetingCode } from '../hosts/meet/meeting-code';
import { newId, now } from '../model/common';
import { type Session, Session as SessionSchema } from '../model/session';
import type { RemoteEvent } from '../model/sync';
import { instanceId, type Occurrence, occurrenceAt, occurrencesBetween, timeOf } from './expand';
import { notBefore, type SyncWindow } from './window';

/**
 * Every table sync writes in one transaction. The last three are for merging the other person's
 * shared payload on the way (lib/share/merge.ts: goal titles, field clocks, share states).
 */
export const SYNC_TABLES = [
  'sessions',
  'relationships',
  'agendas',
  'actionItems',
  'noteLists',
  'takeawayLists',
  'feedback',
  'checkIns',
  'wins',
  'remoteEvents',
  'syncState',
  'outbox',
  'goals',
  'shareClocks',
  'shares',
] as const;

/** What Google says about one occurrence. */
type Truth =
  | { status: 'confirmed'; start: string; end: string; moved: boolean; meetCode: string | undefined }
  | { status: 'cancelled' }
  | { status: 'gone' };

interface SeriesView {
  calendarId: string;
  seriesId: string;
  relationshipId: string;
  master: TimedEvent;
  exceptions: Map<string, RemoteEvent>;
}

type TimedEvent = RemoteEvent & Required<Pick<RemoteEvent, 'start' | 'end'>>;

function isTimed(row: RemoteEvent): row is TimedEvent {
  return row.start !== undefined && row.end !== undefined;
}

/** A series linked to a relationship whose master (or single event) is known, or `null`. */
async function viewOf(calendarId: string, seriesId: string): Promise<SeriesView | null> {
  const relationship = await relationshipForSeries(calendarId, seriesId);
  if (!relationship) return null;
  const rows = await db.remoteEvents.where('[calendarId+seriesId]').equals([calendarId, seriesId]).toArray();
  const master = rows.filter(isTimed).find((row) => row.kind !== 'exception');
  if (!master) return null;
  const exceptions = new Map(rows.filter((row) => row.kind === 'exception').map((row) => [row.eventId, row]));
  return { calendarId, seriesId, relationshipId: relationship.id, master, exceptions };
}

function timing(master: TimedEvent) {
  return { start: master.start, end: master.end, recurrence: master.recurrence ?? [] };
}

function truthOf(view: SeriesView, eventId: string): Truth {
  const { master } = view;
  const exception = view.exceptions.get(eventId);
  if (exception) {
    if (exception.status === 'cancelled' || !exception.start || !exception.end) return { status: 'cancelled' };
    const start = timeOf(exception.start);
    return {
      status: 'confirmed',
      start,
      end: timeOf(exception.end),
      moved: exception.originalStart !== undefined && exception.originalStart !== start,
      meetCode: exception.meetCode ?? master.meetCode,
    };
  }
  let occurrence: Occurrence | undefined;
  if (master.kind === 'single') {
    occurrence =
      eventId === master.eventId
        ? { originalStart: timeOf(master.start), start: timeOf(master.start), end: timeOf(master.end) }
        : undefined;
  } else {
    const { seriesId, originalStart } = splitInstanceId(eventId);
    occurrence = seriesId === view.seriesId && originalStart ? occurrenceAt(timing(master), originalStart) : undefined;
  }
  return occurrence
    ? { status: 'confirmed', start: occurrence.start, end: occurrence.end, moved: false, meetCode: master.meetCode }
    : { status: 'gone' };
}

/** The event ids of the occurrences that start in the window, moved ones included. */
function expectedIn(view: SeriesView, window: SyncWindow): string[] {
  const { master } = view;
  const ids =
    master.kind === 'single'
      ? [master.eventId]
      : occurrencesBetween(timing(master), window.from, window.to).map((o) =>
          instanceId(view.seriesId, o.originalStart),
        );
  const all = new Set([...ids, ...view.exceptions.keys()]);
  return [...all].filter((eventId) => {
    const truth = truthOf(view, eventId);
    return truth.status === 'confirmed' && notBefore(truth.start, window) && truth.start < window.to.toISOString();
  });
}

/**
 * Brings the sessions of these series in line with the remote events kept for them, in two passes:
 * first every occurrence that exists is created or updated, then vanished and cancelled ones are
 * retired, so that what they hand on finds its receiver (even in another series, after "this and
 * following"). Series that are not linked, or whose master is unknown, are left alone.
 */
export async function reconcileSeries(
  calendarId: string,
  seriesIds: Iterable<string>,
  window: SyncWindow,
): Promise<void> {
  const views = (await Promise.all([...new Set(seriesIds)].map((id) => viewOf(calendarId, id)))).filter(
    (view): view is SeriesView => view !== null,
  );
  const later: Array<{ start: string; step: () => Promise<void> }> = [];
  for (const view of views) {
    const handled = new Set<string>();
    for (const eventId of expectedIn(view, window)) {
      handled.add(eventId);
      await upsert(view, eventId, truthOf(view, eventId) as Extract<Truth, { status: 'confirmed' }>);
    }
    const sessions = await sessionsOfSeries(calendarId, view.seriesId);
    for (const session of sessions) {
      if (!session.eventId || handled.has(session.eventId) || !notBefore(session.start, window)) continue;
      const truth = truthOf(view, session.eventId);
      if (truth.status === 'confirmed') await upsert(view, session.eventId, truth);
      else if (isOpen(session)) {
        later.push({
          start: session.start ?? '',
          step: () => (truth.status === 'cancelled' ? cancel(session) : retire(session)),
        });
      }
    }
  }
  // In time order, so that what each hands on goes to the next occurrence that still happens.
  for (const { step } of later.sort((a, b) => a.start.localeCompare(b.start))) await step();
}

/**
 * A deleted series (or single event): its remote events are forgotten, its link to the relationship
 * ends, and its open sessions from the window's start on are retired. Past sessions keep their
 * relationship, notes and outcomes.
 */
export async function forgetSeries(calendarId: string, seriesId: string, window: SyncWindow): Promise<void> {
  await db.remoteEvents.where('[calendarId+seriesId]').equals([calendarId, seriesId]).delete();
  await endSeriesLink({ calendarId, seriesId });
  const open = (await sessionsOfSeries(calendarId, seriesId)).filter((s) => isOpen(s) && notBefore(s.start, window));
  for (const session of open.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))) await retire(session);
}

function sessionsOfSeries(calendarId: string, seriesId: string): Promise<Session[]> {
  return db.sessions
    .where('seriesId')
    .equals(seriesId)
    .filter((session) => session.calendarId === calendarId)
    .toArray();
}

function isOpen(session: Session): boolean {
  return session.status === 'scheduled' || session.status === 'moved';
}

async function upsert(
  view: SeriesView,
  eventId: string,
  truth: Extract<Truth, { status: 'confirmed' }>,
): Promise<void> {
  const existing = await db.sessions.where('[calendarId+eventId]').equals([view.calendarId, eventId]).first();
  const meetCode = truth.meetCode && isMeetingCode(truth.meetCode) ? truth.meetCode : undefined;
  if (existing) {
    const next: Session = {
      ...existing,
      start: truth.start,
      end: truth.end,
      seriesId: existing.seriesId ?? view.seriesId,
      relationshipId: existing.relationshipId ?? view.relationshipId,
      ...(isOpen(existing) ? { status: truth.moved ? 'moved' : 'scheduled' } : {}),
      ...(existing.meetCode || !meetCode ? {} : { meetCode }),
    };
    const changed = (Object.keys(next) as (keyof Session)[]).some((field) => next[field] !== existing[field]);
    if (changed) await db.sessions.put(SessionSchema.parse({ ...next, updatedAt: now() }));
    return;
  }
  const stamp = now();
  const session = SessionSchema.parse({
    id: newId(),
    relationshipId: view.relationshipId,
    calendarId: view.calendarId,
    eventId,
    seriesId: view.seriesId,
    start: truth.start,
    end: truth.end,
    status: truth.moved ? 'moved' : 'scheduled',
    ...(meetCode ? { meetCode } : {}),
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db.sessions.add(session);
  await pullCarriedItems(session);
}

/** Google cancelled the occurrence: `closeSession` semantics (idempotent: only open sessions get here). */
function cancel(session: Session): Promise<void> {
  return closeSession(session.id, 'cancelled');
}

/** The occurrence is gone: cancelled if anything was written in it, else removed. */
async function retire(session: Session): Promise<void> {
  if (await hasContent(session.id)) await closeSession(session.id, 'cancelled');
  else await db.sessions.delete(session.id);
}

/**
 * Whether anything was written in or for a session, or points at it (a session another record
 * refers to is never deleted: see `REFERENCES` in lib/db/backup.ts for every such reference).
 */
async function hasContent(sessionId: string): Promise<boolean> {
  const counts = await Promise.all([
    // Unindexed references: small tables, or rarely asked (only for occurrences that vanished).
    db.actionItems.filter((item) => item.closedInSessionId === sessionId).count(),
    db.checkIns.filter((checkIn) => checkIn.sessionId === sessionId).count(),
    db.wins.filter((win) => win.sessionId === sessionId).count(),
    db.agendas.where('sessionId').equals(sessionId).count(),
    db.noteLists.where('sessionId').equals(sessionId).count(),
    db.takeawayLists.where('sessionId').equals(sessionId).count(),
    db.feedback.where('sessionId').equals(sessionId).count(),
    db.actionItems.where('reviewSessionId').equals(sessionId).count(),
    db.actionItems.where('createdInSessionId').equals(sessionId).count(),
  ]);
  return counts.some((count) => count > 0);
}
