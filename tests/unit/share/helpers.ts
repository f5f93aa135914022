/**
 * One device's side of a shared session for the share unit tests: a relationship with the series
 * linked, the session of one occurrence, and that occurrence's event kept as sync would keep it
 * (and stored in a mini Google for the outbox). Plus builders for the other person's documents.
 */
import type { calendar_v3 } from 'googleapis';
import { ApiEvent } from '../../../lib/calendar/schemas';
import { db } from '../../../lib/db/database';
import { createRelationship, linkSeries } from '../../../lib/db/relationships';
import { ensureSession } from '../../../lib/db/sessions';
import type { Role } from '../../../lib/model/common';
import type { Relationship } from '../../../lib/model/relationship';
import type { Session } from '../../../lib/model/session';
import type { FieldClock } from '../../../lib/model/share';
import type { ShareDoc, SharedItem } from '../../../lib/share/doc';
import { receiveShared } from '../../../lib/share/merge';
import { encodePayload } from '../../../lib/share/payload';
import { SYNC_TABLES } from '../../../lib/sync/reconcile';
import { readItem } from '../../../lib/sync/remote';
import { WEEKLY_AGREEMENT } from '../agreement';
import type { miniGoogle } from '../sync/mini-google';

export const CALENDAR = 'alex.mentee@gmail.com';
export const SERIES = '4mentoringseries0000000000';
export const EVENT = `${SERIES}_20261124T150000Z`;
export const MORGAN = { email: 'morgan.mentor@gmail.com', displayName: 'Morgan Mentor' };
export const ALEX = { email: 'alex.mentee@gmail.com', displayName: 'Alex Mentee' };
export const AT = new Date('2026-11-20T12:00:00.000Z');
/** A time on the other device's clock, `minutes` after `AT`. */
export const t = (minutes: number) => AT.getTime() + minutes * 60_000;

export interface Side {
  relationship: Relationship;
  session: Session;
}

/**
 * This device's user in `role`, with the session of the 24 November occurrence. `access` says how
 * the kept event reads: organized by the user, or by Morgan with or without guests allowed to modify.
 */
export async function device(
  role: Role,
  access: 'organizer' | 'guest' | 'guest-may-modify' | 'unknown' = role === 'mentor' ? 'organizer' : 'guest',
  google?: ReturnType<typeof miniGoogle>,
): Promise<Side> {
  const relationship = await createRelationship({
    myRole: role,
    other:
      role === 'mentor' ? { name: 'Alex Mentee', email: ALEX.email } : { name: 'Morgan Mentor', email: MORGAN.email },
    startedOn: '2026-09-01',
    agreement: WEEKLY_AGREEMENT,
  });
  await linkSeries(relationship.id, { calendarId: CALENDAR, seriesId: SERIES });
  const session = await ensureSession(
    { kind: 'calendar', calendarId: CALENDAR, eventId: EVENT },
    { seriesId: SERIES, start: '2026-11-24T15:00:00.000Z' },
  );
  if (access !== 'unknown') {
    const event = occurrenceEvent(access, google);
    await keep(event);
  }
  return { relationship: (await db.relationships.get(relationship.id)) as Relationship, session };
}

/** The occurrence as Google returns it, stored in the mini Google when one is given. */
export function occurrenceEvent(
  access: 'organizer' | 'guest' | 'guest-may-modify',
  google?: ReturnType<typeof miniGoogle>,
  extra: Omit<calendar_v3.Schema$Event, 'id'> = {},
): ApiEvent {
  const body = {
    id: EVENT,
    recurringEventId: SERIES,
    originalStartTime: { dateTime: '2026-11-24T15:00:00Z' },
    start: { dateTime: '2026-11-24T15:00:00Z' },
    end: { dateTime: '2026-11-24T15:45:00Z' },
    description: 'Bring your questions.',
    organizer: access === 'organizer' ? { ...MORGAN, self: true } : MORGAN,
    ...(access === 'guest-may-modify' ? { guestsCanModify: true } : {}),
    ...extra,
  };
  return google
    ? google.put(body as Parameters<typeof google.put>[0])
    : ApiEvent.parse({ ...body, status: 'confirmed', etag: '"1"', updated: '2026-11-20T10:00:00.000Z' });
}

/** Keeps an event as sync keeps it. */
export async function keep(event: ApiEvent): Promise<void> {
  const { row } = readItem(CALENDAR, event, AT.toISOString());
  if (row) await db.remoteEvents.put(row);
}

/** Sync bringing the event with these shared properties (as Google sent it), in one transaction. */
export function receive(shared: Record<string, string> | undefined, extra: Partial<ApiEvent> = {}, at = AT) {
  const event = ApiEvent.parse({
    ...occurrenceEvent('guest'),
    etag: '"remote"',
    ...extra,
    extendedProperties: { shared: shared ?? {} },
  });
  const { row } = readItem(CALENDAR, event, at.toISOString());
  return db.transaction('rw', SYNC_TABLES, async () => {
    if (row) await db.remoteEvents.put(row);
    await receiveShared(CALENDAR, row ? [row] : [], at);
  });
}

/** Sync bringing an event as Google has it: kept, then its shared payload received. */
export function bring(event: ApiEvent, at = AT) {
  const { row } = readItem(CALENDAR, event, at.toISOString());
  return db.transaction('rw', SYNC_TABLES, async () => {
    if (row) await db.remoteEvents.put(row);
    await receiveShared(CALENDAR, row ? [row] : [], at);
  });
}

/** The properties of a document, which must fit. */
export function propertiesOf(doc: ShareDoc): Record<string, string> {
  const encoded = encodePayload(doc);
  if (encoded.kind !== 'ok') throw new Error('does not fit');
  return encoded.properties;
}

const stamp = (v: FieldClock['v'], at: number, by: Role): FieldClock => ({ v, at, by });

/** An agenda item as the other device writes it: every field at `at` by `by`. */
export function agendaItem(
  id: string,
  text: string,
  at: number,
  by: Role = 'mentor',
  fields: Partial<Record<'discussed' | 'order' | 'goal' | 'timebox' | 'carriedFrom', FieldClock['v']>> = {},
): SharedItem {
  const values = {
    text,
    author: by,
    discussed: false,
    order: 1,
    goal: null,
    timebox: null,
    carriedFrom: null,
    ...fields,
  };
  return {
    kind: 'agenda',
    id,
    fields: Object.fromEntries(Object.entries(values).map(([name, v]) => [name, stamp(v, at, by)])),
  };
}

export function takeaway(id: string, text: string, at: number, by: Role = 'mentor'): SharedItem {
  return { kind: 'takeaway', id, fields: { text: stamp(text, at, by), author: stamp(by, at, by) } };
}

export function action(
  id: string,
  text: string,
  owner: Role,
  at: number,
  by: Role = 'mentor',
  more: { due?: string | null; status?: string } = {},
): SharedItem {
  return {
    kind: 'action',
    id,
    fields: {
      text: stamp(text, at, by),
      owner: stamp(owner, at, by),
      due: stamp(more.due ?? null, at, by),
      status: stamp(more.status ?? 'open', at, by),
    },
  };
}

export function note(text: string, at: number, by: Role = 'mentor'): SharedItem {
  return { kind: 'note', id: 'note', fields: { text: stamp(text, at, by) } };
}

/** Sets one field's write. */
export function withField(item: SharedItem, name: string, v: FieldClock['v'], at: number, by: Role): SharedItem {
  return { ...item, fields: { ...item.fields, [name]: stamp(v, at, by) } };
}

export const ids = {
  a1: '00000000-0000-4000-8000-000000000a01',
  a2: '00000000-0000-4000-8000-000000000a02',
  a3: '00000000-0000-4000-8000-000000000a03',
  k1: '00000000-0000-4000-8000-000000000b01',
  k2: '00000000-0000-4000-8000-000000000b02',
  c1: '00000000-0000-4000-8000-000000000c01',
};
