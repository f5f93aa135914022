import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addActionItem } from '../../../lib/db/actions';
import { addAgendaItem, agendaFor, removeAgendaItem, updateAgendaItem } from '../../../lib/db/agenda';
import { carryForward } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { addGoal } from '../../../lib/db/goals';
import { saveNote } from '../../../lib/db/notes';
import { recordTables } from '../../../lib/db/records';
import { agendaStore, noteStore, notesFor, takeawayStore } from '../../../lib/db/session-lists';
import { ensureSession } from '../../../lib/db/sessions';
import { addTakeaway } from '../../../lib/db/takeaways';
import { giveShareConsent } from '../../../lib/share/consent';
import { chunkKey, decodePayload, encodePayload } from '../../../lib/share/payload';
import { publishSession } from '../../../lib/share/publish';
import { readShareState } from '../../../lib/share/state';
import {
  AT,
  action,
  agendaItem,
  CALENDAR,
  device,
  EVENT,
  ids,
  note,
  propertiesOf,
  receive,
  SERIES,
  t,
  takeaway,
  withField,
} from './helpers';

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => {
  vi.useRealTimers();
});

/** This device's clock (only `Date`: IndexedDB's timers stay real). */
function clockAt(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

const target = { kind: 'calendar' as const, calendarId: CALENDAR, eventId: EVENT };

/** Everything the database holds, for "nothing changed" checks. */
async function snapshot() {
  return Object.fromEntries(await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()])));
}

const mentorDoc = () => ({
  items: [
    agendaItem(ids.a1, 'Feedback on the talk draft', t(1), 'mentor', { goal: 'speak at a  Conference', timebox: 10 }),
    takeaway(ids.k1, 'Write the case as outcomes, not tasks', t(2)),
    action(ids.c1, 'Draft the self-review', 'mentee', t(3), 'mentor', { due: '2026-12-01' }),
    note('We agreed to meet in person next month.', t(4)),
  ],
});

describe('merging the other person’s payload', () => {
  it('their items appear as theirs: author, owner by role, goal matched by title, takeaways, the shared note', async () => {
    const me = await device('mentee');
    const goal = await addGoal(me.relationship.id, {
      title: 'Speak at a conference',
      why: '',
      successCriteria: '',
      category: 'career',
    });
    await saveNote(target, 'private', 'my own worries');
    await receive(propertiesOf(mentorDoc()));

    expect(await agendaFor(me.session.id)).toMatchObject([
      {
        id: ids.a1,
        text: 'Feedback on the talk draft',
        addedBy: 'them',
        goalId: goal.id,
        timeboxMinutes: 10,
        discussed: false,
        origin: { kind: 'added' },
      },
    ]);
    expect(await takeawayStore.all()).toMatchObject([{ id: ids.k1, sessionId: me.session.id, addedBy: 'them' }]);
    expect(await db.actionItems.toArray()).toMatchObject([
      {
        id: ids.c1,
        owner: 'mentee',
        dueOn: '2026-12-01',
        status: 'open',
        relationshipId: me.relationship.id,
        createdInSessionId: me.session.id,
        reviewSessionId: me.session.id,
      },
    ]);
    const notes = await noteStore.all();
    expect(notes.map((n) => [n.visibility, n.text]).sort()).toEqual([
      ['private', 'my own worries'],
      ['shared', 'We agreed to meet in person next month.'],
    ]);
  });

  it('the mentor sees the mentee’s items as theirs', async () => {
    const me = await device('mentor');
    await receive(propertiesOf({ items: [agendaItem(ids.a2, 'Can we talk about the team change?', t(1), 'mentee')] }));
    expect(await agendaFor(me.session.id)).toMatchObject([{ id: ids.a2, addedBy: 'them' }]);
  });

  it('a takeaway keeps who wrote it down: theirs is marked, ours coming back is not, and republishing keeps roles', async () => {
    const me = await device('mentee', 'guest-may-modify');
    await giveShareConsent(me.relationship.id, AT);
    const mine = await addTakeaway(me.session.id, { text: 'Mine: ask for the promotion criteria' });
    await receive(
      propertiesOf({
        items: [
          takeaway(ids.k1, 'Theirs: outcomes, not tasks', t(2), 'mentor'),
          takeaway(mine.id, 'Mine: ask for the promotion criteria', t(1), 'mentee'),
        ],
      }),
      { guestsCanModify: true },
    );
    expect(await takeawayStore.get(ids.k1)).toMatchObject({ addedBy: 'them' });
    expect((await takeawayStore.get(mine.id))?.addedBy).toBeUndefined();

    // Published again from this device: their takeaway is still the mentor's, ours the mentee's.
    await addTakeaway(me.session.id, { text: 'One more of mine' });
    await publishSession(me.session.id, { at: new Date(t(5)) });
    const [op] = await db.outbox.toArray();
    if (op?.kind !== 'patch-event') throw new Error('no op');
    const decoded = decodePayload(op.fields.sharedProperties);
    if (decoded.kind !== 'ok') throw new Error('unreadable');
    const authors = decoded.doc.items
      .filter((item) => item.kind === 'takeaway')
      .map((item) => [item.fields.text?.v, item.fields.author?.v]);
    expect(authors.sort()).toEqual([
      ['Mine: ask for the promotion criteria', 'mentee'],
      ['One more of mine', 'mentee'],
      ['Theirs: outcomes, not tasks', 'mentor'],
    ]);
  });

  it('a takeaway of theirs with no field clock here (a restored backup) is published as theirs', async () => {
    const me = await device('mentee', 'guest-may-modify');
    await giveShareConsent(me.relationship.id, AT);
    // As a backup restores it: the record, without the share clocks (a cache, not backed up).
    await takeawayStore.add([
      {
        id: ids.k1,
        sessionId: me.session.id,
        text: 'Theirs: outcomes, not tasks',
        addedBy: 'them',
        createdAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
      },
    ]);
    await publishSession(me.session.id, { at: AT });
    const [op] = await db.outbox.toArray();
    if (op?.kind !== 'patch-event') throw new Error('no op');
    const decoded = decodePayload(op.fields.sharedProperties);
    if (decoded.kind !== 'ok') throw new Error('unreadable');
    expect(decoded.doc.items.find((item) => item.id === ids.k1)?.fields.author?.v).toBe('mentor');
  });

  it('a takeaway of theirs merged before takeaways recorded who added them is marked at the next merge', async () => {
    const me = await device('mentee');
    await receive(propertiesOf({ items: [takeaway(ids.k1, 'Theirs: outcomes, not tasks', t(2), 'mentor')] }));
    const merged = await takeawayStore.get(ids.k1);
    if (!merged) throw new Error('not merged');
    const { addedBy: _, ...unmarked } = merged;
    await takeawayStore.put([unmarked]);
    await receive(propertiesOf({ items: [takeaway(ids.k1, 'Theirs: outcomes, not tasks', t(2), 'mentor')] }));
    expect(await takeawayStore.get(ids.k1)).toMatchObject({ addedBy: 'them', text: 'Theirs: outcomes, not tasks' });
    expect(me.relationship.myRole).toBe('mentee');
  });

  it('is idempotent: the same payload twice changes nothing', async () => {
    await device('mentee');
    await addAgendaItem((await db.sessions.toCollection().first())?.id ?? '', { text: 'Mine', addedBy: 'me' });
    await receive(propertiesOf(mentorDoc()));
    const once = await snapshot();
    await receive(propertiesOf(mentorDoc()));
    expect(await snapshot()).toEqual(once);
  });

  it('our own payload coming back changes nothing but marks it published', async () => {
    const me = await device('mentee', 'guest-may-modify');
    await giveShareConsent(me.relationship.id, AT);
    await addAgendaItem(me.session.id, { text: 'Can we talk about the team change?', addedBy: 'me' });
    await saveNote(target, 'shared', 'Shared words');
    await publishSession(me.session.id, { at: AT });
    const [op] = await db.outbox.toArray();
    if (op?.kind !== 'patch-event') throw new Error('no op');
    const before = await snapshot();
    await db.outbox.clear(); // as the outbox does once Google answered
    await receive(op.fields.sharedProperties);
    const after = await snapshot();
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'published' });
    for (const table of [...recordTables().map((t) => t.name), 'shareClocks'])
      expect(after[table]).toEqual(before[table]);
    expect(after.outbox).toEqual([]);
  });

  it('per field, the later write wins; a replaced text is kept in the item’s history', async () => {
    const me = await device('mentee');
    await receive(propertiesOf({ items: [agendaItem(ids.a1, 'Theirs, first', t(1))] }));

    clockAt(t(5));
    await updateAgendaItem(ids.a1, { text: 'Mine' });
    // Theirs: a text written before mine (loses), a tick written after (wins).
    const second = withField(agendaItem(ids.a1, 'Theirs, second', t(3)), 'discussed', true, t(6), 'mentor');
    await receive(propertiesOf({ items: [second] }));
    expect(await agendaStore.get(ids.a1)).toMatchObject({ text: 'Mine', discussed: true });
    expect((await agendaStore.get(ids.a1))?.history).toBeUndefined();

    clockAt(t(9));
    const third = withField(agendaItem(ids.a1, 'Theirs, third', t(8)), 'discussed', true, t(6), 'mentor');
    await receive(propertiesOf({ items: [third] }), {}, new Date(t(9)));
    const item = await agendaStore.get(ids.a1);
    expect(item).toMatchObject({ text: 'Theirs, third', discussed: true, addedBy: 'them' });
    expect(item?.history).toEqual([
      { text: 'Mine', by: 'me', at: new Date(t(5)).toISOString(), replacedAt: new Date(t(9)).toISOString() },
    ]);
    expect(me.relationship.myRole).toBe('mentee');
  });

  it('a change here always beats what it changed, even when this clock is behind theirs', async () => {
    await device('mentee');
    await receive(propertiesOf({ items: [agendaItem(ids.a1, 'Theirs', t(60))] }));
    clockAt(t(1)); // this device's clock is an hour behind
    await updateAgendaItem(ids.a1, { text: 'Mine, later' });
    await receive(propertiesOf({ items: [agendaItem(ids.a1, 'Theirs', t(60))] }));
    expect((await agendaStore.get(ids.a1))?.text).toBe('Mine, later');
    const clock = await db.shareClocks.get(`agenda:${ids.a1}`);
    expect(clock?.fields.text).toEqual({ v: 'Mine, later', at: t(60) + 1, by: 'mentee' });
  });

  it('a shared note: the later text wins, the replaced one is kept', async () => {
    const me = await device('mentor');
    clockAt(t(2));
    await saveNote(target, 'shared', 'My summary');
    await receive(propertiesOf({ items: [note('Their summary', t(3), 'mentee')] }), {}, new Date(t(4)));
    const [shared] = await notesFor(me.session.id);
    expect(shared).toMatchObject({ text: 'Their summary', history: [{ text: 'My summary', by: 'me' }] });
  });

  it('deletions travel as tombstones; an item edited after a deletion it had not seen comes back', async () => {
    await device('mentee');
    await receive(propertiesOf({ items: [agendaItem(ids.a1, 'One', t(1)), agendaItem(ids.a2, 'Two', t(1))] }));
    clockAt(t(5));
    await updateAgendaItem(ids.a2, { discussed: true });
    const deleted = {
      items: [
        { kind: 'agenda' as const, id: ids.a1, fields: {}, deleted: { at: t(3), by: 'mentor' as const } },
        { kind: 'agenda' as const, id: ids.a2, fields: {}, deleted: { at: t(3), by: 'mentor' as const } },
      ],
    };
    await receive(propertiesOf(deleted), {}, new Date(t(6)));
    expect((await agendaFor((await db.sessions.toCollection().first())?.id ?? '')).map((i) => i.id)).toEqual([ids.a2]);

    // Deleted here: the next publish carries the deletion.
    await removeAgendaItem(ids.a2);
    const me = await db.relationships.toCollection().first();
    if (!me) throw new Error('no relationship');
    await giveShareConsent(me.id, AT);
    const session = await db.sessions.toCollection().first();
    await publishSession(session?.id ?? '', { at: new Date(t(7)) });
    expect((await db.shareClocks.get(`agenda:${ids.a2}`))?.deleted).toEqual({ at: t(7), by: 'mentee' });
  });

  it('one item carried by both devices is joined: the smaller id stays, the other is deleted on both', async () => {
    const me = await device('mentee');
    const next = await ensureSession(
      { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_20261201T150000Z` },
      { seriesId: SERIES, start: '2026-12-01T15:00:00.000Z' },
    );
    await receive(propertiesOf({ items: [agendaItem(ids.a1, 'Open question', t(1))] }));
    clockAt(t(2));
    await carryForward(me.session.id, next.id);
    const [mine] = await agendaFor(next.id);
    if (!mine) throw new Error('not carried');
    // Their copy of the same item, in the next occurrence's payload, with a later tick.
    const theirs = withField(
      agendaItem(ids.a3, 'Open question', t(2), 'mentor', { carriedFrom: ids.a1 }),
      'discussed',
      true,
      t(4),
      'mentor',
    );
    await receive(propertiesOf({ items: [theirs] }), { id: `${SERIES}_20261201T150000Z` });
    const keeper = [mine.id, ids.a3].sort()[0];
    const gone = [mine.id, ids.a3].sort()[1];
    expect((await agendaFor(next.id)).map((item) => [item.id, item.discussed])).toEqual([[keeper, true]]);
    expect((await db.shareClocks.get(`agenda:${gone}`))?.deleted).toBeDefined();
  });

  it('never touches another relationship’s records, whatever ids a payload names', async () => {
    await device('mentee');
    const stranger = await addAgendaItem('5b0d8a42-7a4e-4a57-9d3a-2f1c7a0e9b11', { text: 'Elsewhere', addedBy: 'me' });
    await receive(propertiesOf({ items: [agendaItem(stranger.id, 'Hijacked', t(1))] }));
    expect(await agendaStore.get(stranger.id)).toEqual(stranger);
  });

  it('a garbled or partial payload changes nothing', async () => {
    await device('mentee');
    const properties = propertiesOf({ items: [note('x'.repeat(3000), t(1))] });
    const before = await snapshot();
    const { [chunkKey(1)]: _, ...partial } = properties;
    await receive(partial);
    await receive({ ...properties, [chunkKey(0)]: `Q${properties[chunkKey(0)]?.slice(1)}` });
    expect(await snapshot()).toMatchObject({ noteLists: before.noteLists, agendas: [], shareClocks: [] });
  });

  it('knowing more than the payload publishes the merged content (consent and permission given)', async () => {
    const me = await device('mentor', 'organizer');
    await giveShareConsent(me.relationship.id, AT);
    await addAgendaItem(me.session.id, { text: 'Mine, not on the event yet', addedBy: 'me' });
    await receive(propertiesOf({ items: [agendaItem(ids.a2, 'Theirs', t(1), 'mentee')] }), {
      organizer: { email: 'morgan.mentor@gmail.com', self: true },
    });
    const [op] = await db.outbox.toArray();
    if (op?.kind !== 'patch-event') throw new Error('no op');
    expect(op.fields.descriptionBlock).toContain('Theirs (mentee)');
    expect(op.fields.descriptionBlock).toContain('Mine, not on the event yet (mentor)');

    // Their next payload carries everything: nothing more to publish.
    await db.outbox.clear();
    await receive(op.fields.sharedProperties, { organizer: { email: 'morgan.mentor@gmail.com', self: true } });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a write still waiting takes up what their payload brought, even when this device knows nothing more', async () => {
    const me = await device('mentor', 'organizer');
    await giveShareConsent(me.relationship.id, AT);
    await addAgendaItem(me.session.id, { text: 'Mine', addedBy: 'me' });
    await publishSession(me.session.id, { at: AT });
    const [waiting] = await db.outbox.toArray();
    if (waiting?.kind !== 'patch-event') throw new Error('no op');
    // Theirs: everything of ours (our write reached them another way) and one item more.
    const ours = decodePayload(waiting.fields.sharedProperties);
    if (ours.kind !== 'ok') throw new Error('unreadable');
    const theirs = { items: [...ours.doc.items, agendaItem(ids.a2, 'Theirs', t(1), 'mentee')] };
    await receive(propertiesOf(theirs), { organizer: { email: 'morgan.mentor@gmail.com', self: true } });
    const [op, ...more] = await db.outbox.toArray();
    expect(more).toEqual([]);
    expect(op?.kind === 'patch-event' && decodePayload(op.fields.sharedProperties)).toMatchObject({
      kind: 'ok',
      hash: encodePayload(theirs).kind === 'ok' ? (encodePayload(theirs) as { hash: string }).hash : '',
    });
  });

  it('an action item: status and owner from their writes, closed in this session', async () => {
    const me = await device('mentor');
    clockAt(t(1));
    const mine = await addActionItem(me.relationship.id, me.session.id, { text: 'Send the article', owner: 'mentor' });
    await receive(
      propertiesOf({ items: [action(mine.id, 'Send the article', 'mentor', t(5), 'mentee', { status: 'done' })] }),
    );
    expect(await db.actionItems.get(mine.id)).toMatchObject({ status: 'done', closedInSessionId: me.session.id });
  });

  it('a payload too big for one chunk merges like a small one', async () => {
    await device('mentee');
    const encoded = encodePayload({ items: [note('long '.repeat(1000), t(1))] });
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    await receive(encoded.properties);
    expect((await noteStore.all())[0]?.text).toBe('long '.repeat(1000));
  });
});
