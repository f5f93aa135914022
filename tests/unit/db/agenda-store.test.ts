import { beforeEach, describe, expect, it } from 'vitest';
import { agendaRecord, agendaRecords } from '../../../lib/db/agenda-records';
import {
  addAgendaItems,
  agendaFor,
  agendaItem,
  agendaItemIds,
  agendasFor,
  allAgendaItems,
  carriedCopiesOf,
  deleteAgendaItems,
  putAgendaItems,
} from '../../../lib/db/agenda-store';
import { db } from '../../../lib/db/database';
import type { AgendaItem } from '../../../lib/model/agenda';

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

describe('agenda records (pure)', () => {
  it('orders items by order, then id, and indexes their ids and carried originals', () => {
    const record = agendaRecord('s1', [item('b', 's1', 2), item('c', 's1', 1, 'x'), item('a', 's1', 2)]);
    expect(record).toMatchObject({ sessionId: 's1', ids: ['c', 'a', 'b'], carried: ['x'] });
    expect(agendaRecord('s1', [])).toBeUndefined();
  });

  it('groups items into one record per session', () => {
    const records = agendaRecords([item('a', 's1', 1), item('b', 's2', 1), item('c', 's1', 2)]);
    expect(records.map((r) => [r.sessionId, r.ids])).toEqual([
      ['s1', ['a', 'c']],
      ['s2', ['b']],
    ]);
  });
});

describe('agenda store', () => {
  it('reads a session’s items in order, several sessions at once, and single items by id', async () => {
    await addAgendaItems([item('a', 's1', 2), item('b', 's1', 1), item('c', 's2', 1)]);
    expect((await agendaFor('s1')).map((i) => i.id)).toEqual(['b', 'a']);
    expect(await agendaFor('none')).toEqual([]);
    expect((await agendasFor(['s2', 'none', 's1'])).map((list) => list.map((i) => i.id))).toEqual([
      ['c'],
      [],
      ['b', 'a'],
    ]);
    expect(await agendaItem('c')).toEqual(item('c', 's2', 1));
    expect(await agendaItem('missing')).toBeUndefined();
    expect((await allAgendaItems()).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect((await agendaItemIds()).sort()).toEqual(['a', 'b', 'c']);
    expect(await db.agendas.count()).toBe(2);
  });

  it('adds new items only: a taken id rejects the whole write', async () => {
    await addAgendaItems([item('a', 's1', 1)]);
    await expect(addAgendaItems([item('b', 's1', 2), item('a', 's2', 1)])).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    expect(await allAgendaItems()).toEqual([item('a', 's1', 1)]);
  });

  it('replaces stored items by id, and moves an item whose session changed', async () => {
    await addAgendaItems([item('a', 's1', 1), item('b', 's1', 2)]);
    await putAgendaItems([{ ...item('a', 's1', 1), text: 'Changed' }, item('b', 's2', 5)]);
    expect(await agendaFor('s1')).toEqual([{ ...item('a', 's1', 1), text: 'Changed' }]);
    expect(await agendaFor('s2')).toEqual([item('b', 's2', 5)]);
    expect((await allAgendaItems()).length).toBe(2);
  });

  it('deletes items, and a session’s record with its last item', async () => {
    await addAgendaItems([item('a', 's1', 1), item('b', 's1', 2), item('c', 's2', 1)]);
    await deleteAgendaItems(['a', 'c', 'unknown']);
    expect((await allAgendaItems()).map((i) => i.id)).toEqual(['b']);
    expect(await db.agendas.get('s2')).toBeUndefined();
    await deleteAgendaItems([]);
    expect((await allAgendaItems()).map((i) => i.id)).toEqual(['b']);
  });

  it('finds the copies carried from given items, wherever they are', async () => {
    await addAgendaItems([item('a', 's1', 1), item('b', 's1', 2), item('a2', 's2', 1, 'a'), item('x', 's3', 1, 'z')]);
    expect((await carriedCopiesOf(['a', 'b'])).map((i) => i.id)).toEqual(['a2']);
    expect(await carriedCopiesOf([])).toEqual([]);
  });

  it('loses no edit when two writes to the same agenda run at once', async () => {
    await addAgendaItems([item('a', 's1', 1)]);
    await Promise.all([
      putAgendaItems([{ ...item('a', 's1', 1), text: 'Edited' }]),
      addAgendaItems([item('b', 's1', 2)]),
      addAgendaItems([item('c', 's1', 3)]),
    ]);
    expect((await agendaFor('s1')).map((i) => [i.id, i.text])).toEqual([
      ['a', 'Edited'],
      ['b', 'Item b'],
      ['c', 'Item c'],
    ]);
  });

  it('joins the caller’s transaction: a failure later in it writes nothing', async () => {
    await expect(
      db.transaction('rw', db.agendas, db.sessions, async () => {
        await addAgendaItems([item('a', 's1', 1)]);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await db.agendas.count()).toBe(0);
  });
});
