import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { AGENDA_LAYOUT, listRecord, listRecords, TAKEAWAY_LAYOUT } from '../../../lib/db/session-list-records';
import { agendaStore, carriedCopiesOf, newestNotes, noteStore, takeawayStore } from '../../../lib/db/session-lists';
import type { AgendaItem } from '../../../lib/model/agenda';
import type { Note } from '../../../lib/model/note';
import type { Takeaway } from '../../../lib/model/outcome';

const STAMP = '2026-11-20T10:00:00.000Z';

function item(id: string, sessionId: string, order: number, carriedFrom?: string): AgendaItem {
  return {
    id,
    sessionId,
    text: `Item ${id}`,
    addedBy: 'me',
    order,
    discussed: false,
    origin: carriedFrom ? { kind: 'carried', fromSessionId: 'earlier', fromItemId: carriedFrom } : { kind: 'added' },
    ...(carriedFrom ? { carriedFrom } : {}),
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

function takeaway(id: string, sessionId: string, createdAt: string): Takeaway {
  return { id, sessionId, text: `Takeaway ${id}`, createdAt, updatedAt: createdAt };
}

describe('session list records (pure)', () => {
  it('orders agenda items by order, then id, and indexes their ids and carried originals', () => {
    const record = listRecord(AGENDA_LAYOUT, 's1', [item('b', 's1', 2), item('c', 's1', 1, 'x'), item('a', 's1', 2)]);
    expect(record).toMatchObject({ sessionId: 's1', ids: ['c', 'a', 'b'], carried: ['x'] });
    expect(listRecord(AGENDA_LAYOUT, 's1', [])).toBeUndefined();
  });

  it('orders takeaways oldest first, then by id', () => {
    const record = listRecord(TAKEAWAY_LAYOUT, 's1', [
      takeaway('z', 's1', '2026-11-20T10:00:00.000Z'),
      takeaway('b', 's1', '2026-11-20T10:01:00.000Z'),
      takeaway('a', 's1', '2026-11-20T10:01:00.000Z'),
    ]);
    expect(record).toEqual({ sessionId: 's1', items: expect.any(Array), ids: ['z', 'a', 'b'] });
  });

  it('groups items into one record per session', () => {
    const records = listRecords(AGENDA_LAYOUT, [item('a', 's1', 1), item('b', 's2', 1), item('c', 's1', 2)]);
    expect(records.map((r) => [r.sessionId, r.ids])).toEqual([
      ['s1', ['a', 'c']],
      ['s2', ['b']],
    ]);
  });
});

describe('session list stores', () => {
  it('reads a session’s items in order, several sessions at once, and single items by id', async () => {
    await agendaStore.add([item('a', 's1', 2), item('b', 's1', 1), item('c', 's2', 1)]);
    expect((await agendaStore.of('s1')).map((i) => i.id)).toEqual(['b', 'a']);
    expect(await agendaStore.of('none')).toEqual([]);
    expect((await agendaStore.ofEach(['s2', 'none', 's1'])).map((list) => list.map((i) => i.id))).toEqual([
      ['c'],
      [],
      ['b', 'a'],
    ]);
    expect(await agendaStore.get('c')).toEqual(item('c', 's2', 1));
    expect(await agendaStore.get('missing')).toBeUndefined();
    expect((await agendaStore.all()).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect((await agendaStore.ids()).sort()).toEqual(['a', 'b', 'c']);
    expect(await db.agendas.count()).toBe(2);
  });

  it('adds new items only: a taken id rejects the whole write', async () => {
    await agendaStore.add([item('a', 's1', 1)]);
    await expect(agendaStore.add([item('b', 's1', 2), item('a', 's2', 1)])).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    await expect(agendaStore.add([item('b', 's1', 2), item('b', 's2', 1)])).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    expect(await agendaStore.all()).toEqual([item('a', 's1', 1)]);
  });

  it('replaces stored items by id, and moves an item whose session changed', async () => {
    await agendaStore.add([item('a', 's1', 1), item('b', 's1', 2)]);
    await agendaStore.put([{ ...item('a', 's1', 1), text: 'Changed' }, item('b', 's2', 5)]);
    expect(await agendaStore.of('s1')).toEqual([{ ...item('a', 's1', 1), text: 'Changed' }]);
    expect(await agendaStore.of('s2')).toEqual([item('b', 's2', 5)]);
    expect((await agendaStore.all()).length).toBe(2);
  });

  it('deletes items, and a session’s record with its last item', async () => {
    await agendaStore.add([item('a', 's1', 1), item('b', 's1', 2), item('c', 's2', 1)]);
    await agendaStore.delete(['a', 'c', 'unknown']);
    expect((await agendaStore.all()).map((i) => i.id)).toEqual(['b']);
    expect(await db.agendas.get('s2')).toBeUndefined();
    await agendaStore.delete([]);
    expect((await agendaStore.all()).map((i) => i.id)).toEqual(['b']);
  });

  it('finds the copies carried from given items, wherever they are', async () => {
    await agendaStore.add([item('a', 's1', 1), item('b', 's1', 2), item('a2', 's2', 1, 'a'), item('x', 's3', 1, 'z')]);
    expect((await carriedCopiesOf(['a', 'b'])).map((i) => i.id)).toEqual(['a2']);
    expect(await carriedCopiesOf([])).toEqual([]);
  });

  it('loses no edit when two writes to the same agenda run at once', async () => {
    await agendaStore.add([item('a', 's1', 1)]);
    await Promise.all([
      agendaStore.put([{ ...item('a', 's1', 1), text: 'Edited' }]),
      agendaStore.add([item('b', 's1', 2)]),
      agendaStore.add([item('c', 's1', 3)]),
    ]);
    expect((await agendaStore.of('s1')).map((i) => [i.id, i.text])).toEqual([
      ['a', 'Edited'],
      ['b', 'Item b'],
      ['c', 'Item c'],
    ]);
  });

  it('keep takeaways apart from agenda items, in their own order', async () => {
    await takeawayStore.add([
      takeaway('t2', 's1', '2026-11-20T10:05:00.000Z'),
      takeaway('t1', 's1', '2026-11-20T10:00:00.000Z'),
    ]);
    await agendaStore.add([item('a', 's1', 1)]);
    expect((await takeawayStore.of('s1')).map((t) => t.id)).toEqual(['t1', 't2']);
    expect(await takeawayStore.get('a')).toBeUndefined();
    await takeawayStore.delete(['t1', 't2']);
    expect(await db.takeawayLists.count()).toBe(0);
    expect(await agendaStore.of('s1')).toEqual([item('a', 's1', 1)]);
  });

  it('finds the newest notes with text across sessions, whichever note of a session is newer', async () => {
    const note = (
      id: string,
      sessionId: string,
      visibility: Note['visibility'],
      minute: number,
      text = `Note ${id}`,
    ) => ({
      id,
      sessionId,
      visibility,
      text,
      createdAt: STAMP,
      updatedAt: `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`,
    });
    await noteStore.add([
      note('a1', 'a', 'private', 50),
      note('a2', 'a', 'shared', 40),
      note('b1', 'b', 'private', 45),
      note('c1', 'c', 'private', 59, '   '), // newest, but empty
      note('d1', 'd', 'shared', 10),
    ]);
    expect((await newestNotes(3)).map((n) => n.id)).toEqual(['a1', 'b1', 'a2']);
    expect((await newestNotes(10)).map((n) => n.id)).toEqual(['a1', 'b1', 'a2', 'd1']);
    expect((await noteStore.of('a')).map((n) => n.visibility)).toEqual(['private', 'shared']);
  });

  it('joins the caller’s transaction: a failure later in it writes nothing', async () => {
    await expect(
      db.transaction('rw', db.agendas, db.sessions, async () => {
        await agendaStore.add([item('a', 's1', 1)]);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await db.agendas.count()).toBe(0);
  });
});
