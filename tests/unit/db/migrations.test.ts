import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { TandemDB } from '../../../lib/db/database';
import { findSession } from '../../../lib/db/sessions';

// What version 1 (the walking skeleton) declared, frozen here: the test writes with it, then opens
// the current schema on the same data.
function openVersion1(name: string): Dexie {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    sessions: 'id, &[calendarId+eventId], seriesId, meetCode, start',
    notes: 'id, sessionId, updatedAt',
  });
  return v1;
}

// Version 2's schema, frozen: what a version-2 database on disk declares.
const VERSION_2_STORES = {
  relationships: 'id, status',
  goals: 'id, relationshipId, targetDate',
  sessions: 'id, &[calendarId+eventId], [relationshipId+start], seriesId, meetCode, start',
  agendaItems: 'id, [sessionId+order], &[sessionId+carriedFrom]',
  notes: 'id, sessionId, updatedAt',
  takeaways: 'id, sessionId',
  actionItems: 'id, [relationshipId+status], reviewSessionId, dueOn',
  feedback: 'id, sessionId',
  checkIns: 'id, relationshipId',
  wins: 'id, relationshipId, goalId',
};

/** The version `TandemDB` declares last. */
const CURRENT_VERSION = 8;

// Version 5's schema, frozen: the last one before sharing (issue 8) added its tables.
const VERSION_5_STORES = {
  ...VERSION_2_STORES,
  agendaItems: 'id, [sessionId+order], carriedFrom',
  actionItems: 'id, [relationshipId+status], reviewSessionId, dueOn, createdInSessionId',
  syncState: 'calendarId',
  remoteEvents: '[calendarId+eventId], [calendarId+seriesId]',
  outbox: '++seq, &id, [calendarId+eventId]',
};

// Version 6's schema, frozen: the last one with a record per agenda item.
const VERSION_6_STORES = {
  ...VERSION_5_STORES,
  shareClocks: 'key, sessionId',
  shares: 'sessionId',
};

/** Every agenda item a database holds, from its sessions' records. */
async function itemsOf(database: TandemDB) {
  return (await database.agendas.toArray()).flatMap((record) => record.items);
}

/** Every note a database holds, by id. */
async function notesOf(database: TandemDB) {
  return (await database.noteLists.toArray())
    .flatMap((record) => record.items)
    .sort((a, b) => a.id.localeCompare(b.id));
}

const session = {
  id: '5b0d8a42-7a4e-4a57-9d3a-2f1c7a0e9b11',
  calendarId: 'morgan.mentor@gmail.com',
  eventId: 's1_20261124T150000Z',
  seriesId: 's1',
  start: '2026-11-24T15:00:00.000Z',
  status: 'scheduled' as const,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};
const note = {
  id: '9f3c1e2d-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  sessionId: session.id,
  visibility: 'private' as const,
  text: 'Written with version 1 🚀',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:05:00.000Z',
};

const opened: Dexie[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.delete();
});

describe('migrations', () => {
  it('version 1 → current: sessions and notes survive, the new tables are there and indexed', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = openVersion1(name);
    await v1.table('sessions').add(session);
    await v1.table('notes').add(note);
    v1.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.sessions.toArray()).toEqual([session]);
    expect(await notesOf(current)).toEqual([note]);
    expect((await current.noteLists.get(session.id))?.items).toEqual([note]);
    expect(
      await current.sessions.where('[calendarId+eventId]').equals([session.calendarId, session.eventId]).count(),
    ).toBe(1);
    expect(await current.relationships.count()).toBe(0);
    expect(await current.agendas.count()).toBe(0);
  });

  it('the app finds a version-1 session through the default database', async () => {
    const v1 = openVersion1('tandem');
    await v1.table('sessions').add(session);
    v1.close();
    expect(await findSession({ kind: 'calendar', calendarId: session.calendarId, eventId: session.eventId })).toEqual(
      session,
    );
  });

  it('version 2 → 3: duplicate carried copies are removed, the first copy and everything else stay', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(VERSION_2_STORES);
    const item = (id: string, sessionId: string, createdAt: string, carriedFrom?: string) => ({
      id,
      sessionId,
      text: 'Conference talk idea',
      addedBy: 'me',
      order: 1,
      discussed: false,
      origin: carriedFrom ? { kind: 'carried', fromSessionId: 'a', fromItemId: carriedFrom } : { kind: 'added' },
      ...(carriedFrom ? { carriedFrom } : {}),
      createdAt,
      updatedAt: createdAt,
    });
    await v2
      .table('agendaItems')
      .bulkAdd([
        item('original', 'a', '2026-11-24T16:00:00.000Z'),
        item('first-copy', 'c', '2026-11-24T16:00:01.000Z', 'original'),
        item('second-copy', 'b', '2026-11-24T16:00:02.000Z', 'original'),
        item('other', 'b', '2026-11-24T16:00:03.000Z'),
      ]);
    v2.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect((await itemsOf(current)).map((i) => i.id).sort()).toEqual(['first-copy', 'original', 'other']);
    expect(await current.agendas.where('carried').equals('original').primaryKeys()).toEqual(['c']);
  });

  it('version 3 → 4: action items become findable by the session that created them', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ ...VERSION_2_STORES, agendaItems: 'id, [sessionId+order], carriedFrom' });
    const action = {
      id: 'a1',
      relationshipId: 'r1',
      text: 'Draft the self-review',
      owner: 'mentee',
      status: 'open',
      createdInSessionId: session.id,
      reviewSessionId: session.id,
      createdAt: session.createdAt,
      updatedAt: session.createdAt,
    };
    await v3.table('actionItems').bulkAdd([action, { ...action, id: 'a2', createdInSessionId: 'other' }]);
    v3.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect(await current.actionItems.where('createdInSessionId').equals(session.id).toArray()).toEqual([action]);
    expect(await current.actionItems.count()).toBe(2);
  });

  it('version 4 → 5: everything stays; the sync tables are there, empty and indexed', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      ...VERSION_2_STORES,
      agendaItems: 'id, [sessionId+order], carriedFrom',
      actionItems: 'id, [relationshipId+status], reviewSessionId, dueOn, createdInSessionId',
    });
    await v4.table('sessions').add(session);
    await v4.table('notes').add(note);
    v4.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.sessions.toArray()).toEqual([session]);
    expect(await notesOf(current)).toEqual([note]);
    await current.remoteEvents.put({
      calendarId: session.calendarId,
      eventId: 's1',
      seriesId: 's1',
      kind: 'master',
      status: 'confirmed',
      syncedAt: session.createdAt,
    });
    expect(await current.remoteEvents.where('[calendarId+seriesId]').equals([session.calendarId, 's1']).count()).toBe(
      1,
    );
    const op = {
      id: note.id,
      calendarId: 'primary',
      eventId: 's1',
      kind: 'end-series' as const,
      before: session.start,
    };
    const seq = await current.outbox.add({
      ...op,
      attempts: 0,
      nextAttemptAt: session.createdAt,
      createdAt: session.createdAt,
    });
    expect(await current.outbox.where('[calendarId+eventId]').equals(['primary', 's1']).primaryKeys()).toEqual([seq]);
    expect(await current.syncState.count()).toBe(0);
  });

  it('version 5 → current: everything stays, sync state and outbox included; the share tables are there and indexed', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({ ...VERSION_5_STORES });
    const item = {
      id: '0b6f0b1c-2f57-4a43-9d0e-7d6f4a1b2c3d',
      sessionId: session.id,
      text: 'How do I prepare the promotion case?',
      addedBy: 'me',
      order: 1,
      discussed: false,
      origin: { kind: 'added' },
      createdAt: session.createdAt,
      updatedAt: session.createdAt,
    };
    const shared = { ...note, id: '1c7e2d3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', visibility: 'shared' as const };
    const remote = {
      calendarId: session.calendarId,
      eventId: session.eventId,
      seriesId: 's1',
      kind: 'exception',
      status: 'confirmed',
      etag: '"1"',
      syncedAt: session.createdAt,
    };
    const op = {
      id: note.id,
      calendarId: session.calendarId,
      eventId: session.eventId,
      kind: 'patch-event',
      fields: { descriptionBlock: 'x' },
      attempts: 0,
      nextAttemptAt: session.createdAt,
      createdAt: session.createdAt,
    };
    await v5.table('sessions').add(session);
    await v5.table('notes').bulkAdd([note, shared]);
    await v5.table('agendaItems').add(item);
    await v5.table('remoteEvents').add(remote);
    await v5.table('syncState').add({ calendarId: session.calendarId, syncToken: 'token-1' });
    const seq = await v5.table('outbox').add(op);
    v5.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.sessions.toArray()).toEqual([session]);
    expect(await notesOf(current)).toEqual([shared, note]);
    expect(await itemsOf(current)).toEqual([item]);
    expect(await current.remoteEvents.toArray()).toEqual([remote]);
    expect(await current.syncState.toArray()).toEqual([{ calendarId: session.calendarId, syncToken: 'token-1' }]);
    expect(await current.outbox.toArray()).toEqual([{ ...op, seq }]);

    await current.shareClocks.put({
      key: `agenda:${item.id}`,
      kind: 'agenda',
      itemId: item.id,
      sessionId: session.id,
      fields: { text: { v: item.text, at: 1, by: 'mentee' } },
    });
    expect(await current.shareClocks.where('sessionId').equals(session.id).count()).toBe(1);
    await current.shares.put({ sessionId: session.id, status: 'waiting', hash: 'abc', at: session.createdAt });
    expect((await current.shares.get(session.id))?.status).toBe('waiting');
  });

  it('version 6 → current: agenda items and takeaways move into one record per session, in order; nothing else changes', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores(VERSION_6_STORES);
    const item = (id: string, sessionId: string, order: number, carriedFrom?: string) => ({
      id,
      sessionId,
      text: `Item ${id}`,
      addedBy: 'me',
      order,
      discussed: false,
      origin: carriedFrom ? { kind: 'carried', fromSessionId: session.id, fromItemId: carriedFrom } : { kind: 'added' },
      ...(carriedFrom ? { carriedFrom } : {}),
      history: [{ text: `Earlier ${id}`, by: 'them', at: session.createdAt, replacedAt: session.updatedAt }],
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    });
    // Stored in id order, which is not agenda order.
    const items = [
      item('a-third', session.id, 3),
      item('b-first', session.id, 1),
      item('c-second', session.id, 2.5),
      item('d-carried', 'next-session', 1, 'b-first'),
    ];
    await v6.table('sessions').add(session);
    await v6.table('notes').add(note);
    await v6.table('agendaItems').bulkAdd(items);
    const takeaway = (id: string, createdAt: string) => ({
      id,
      sessionId: session.id,
      text: `Takeaway ${id}`,
      ...(id === 'k-theirs' ? { addedBy: 'them' } : {}),
      createdAt,
      updatedAt: createdAt,
    });
    const takeaways = [
      takeaway('k-theirs', '2026-11-24T16:10:00.000Z'),
      takeaway('k-mine', '2026-11-24T16:00:00.000Z'),
    ];
    await v6.table('takeaways').bulkAdd(takeaways);
    const checkIn = {
      id: 'c1',
      relationshipId: 'r1',
      progress: 4,
      dynamic: 5,
      note: '',
      createdAt: session.createdAt,
      updatedAt: session.createdAt,
    };
    await v6.table('checkIns').bulkAdd([checkIn, { ...checkIn, id: 'c0', createdAt: '2026-10-01T10:00:00.000Z' }]);
    await v6.table('shares').add({ sessionId: session.id, status: 'published', hash: 'h', at: session.createdAt });
    v6.close();

    const current = new TandemDB(name);
    opened.push(current);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(current.tables.map((table) => table.name)).not.toContain('agendaItems');
    expect(current.tables.map((table) => table.name)).not.toContain('takeaways');
    expect(current.tables.map((table) => table.name)).not.toContain('notes');
    expect(await current.noteLists.where('updatedAt').equals(note.updatedAt).primaryKeys()).toEqual([session.id]);
    expect(await current.takeawayLists.toArray()).toEqual([
      { sessionId: session.id, items: [takeaways[1], takeaways[0]], ids: ['k-mine', 'k-theirs'] },
    ]);
    expect(await current.agendas.get(session.id)).toEqual({
      sessionId: session.id,
      items: [items[1], items[2], items[0]],
      ids: ['b-first', 'c-second', 'a-third'],
      carried: [],
    });
    expect(await current.agendas.get('next-session')).toEqual({
      sessionId: 'next-session',
      items: [items[3]],
      ids: ['d-carried'],
      carried: ['b-first'],
    });
    expect(await current.agendas.where('ids').equals('c-second').primaryKeys()).toEqual([session.id]);
    expect(await current.agendas.where('carried').equals('b-first').primaryKeys()).toEqual(['next-session']);
    expect(await current.sessions.toArray()).toEqual([session]);
    expect(await notesOf(current)).toEqual([note]);
    expect(await current.shares.count()).toBe(1);
    expect(
      (await current.checkIns.where('[relationshipId+createdAt]').between(['r1', ''], ['r1', '\uffff']).last())?.id,
    ).toBe('c1');
  });

  it('an upgrade that throws leaves the previous version and its data readable', async () => {
    const name = `failing-upgrade-${crypto.randomUUID()}`;
    const before = new TandemDB(name);
    await before.sessions.add(session);
    before.close();

    // A future version whose upgrade fails half-way: IndexedDB aborts the whole versionchange.
    class BrokenNextVersion extends TandemDB {
      constructor() {
        super(name);
        this.version(CURRENT_VERSION + 1)
          .stores({})
          .upgrade(async (tx) => {
            await tx.table('sessions').toCollection().modify({ status: 'held' });
            throw new Error('upgrade bug');
          });
      }
    }
    const broken = new BrokenNextVersion();
    await expect(broken.open()).rejects.toThrow(/upgrade bug/);
    broken.close();

    const again = new TandemDB(name);
    opened.push(again);
    await again.open();
    expect(again.verno).toBe(CURRENT_VERSION);
    expect(await again.sessions.toArray()).toEqual([session]);
  });
});
