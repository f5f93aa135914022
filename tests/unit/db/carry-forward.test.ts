import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem, openActionItems, setActionStatus } from '../../../lib/db/actions';
import { addAgendaItem, agendaFor, updateAgendaItem } from '../../../lib/db/agenda';
import { carryForward, closeSession } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { agendaStore } from '../../../lib/db/session-lists';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

async function heldSessionWithLeftovers() {
  const relationship = await menteeRelationship();
  const first = await occurrence('2026-11-24');
  const talked = await addAgendaItem(first.id, { text: 'Promotion timeline', addedBy: 'me' });
  const notReached = await addAgendaItem(first.id, { text: 'Conference talk idea', addedBy: 'me', timeboxMinutes: 10 });
  await updateAgendaItem(talked.id, { discussed: true });
  const open = await addActionItem(relationship.id, first.id, { text: 'Draft the self-review', owner: 'mentee' });
  const done = await addActionItem(relationship.id, first.id, { text: 'Send the article', owner: 'mentor' });
  await setActionStatus(done.id, 'done', first.id);
  return { relationship, first, notReached, open };
}

describe('carry-forward', () => {
  it('holding a session hands its undiscussed items and open actions to the next one', async () => {
    const { first, notReached, open } = await heldSessionWithLeftovers();
    const second = await occurrence('2026-12-01');
    await closeSession(first.id, 'held');

    expect((await db.sessions.get(first.id))?.status).toBe('held');
    const agenda = await agendaFor(second.id);
    expect(agenda).toHaveLength(1);
    expect(agenda[0]).toMatchObject({
      text: 'Conference talk idea',
      timeboxMinutes: 10,
      discussed: false,
      carriedFrom: notReached.id,
      origin: { kind: 'carried', fromSessionId: first.id, fromItemId: notReached.id },
    });
    expect((await db.actionItems.get(open.id))?.reviewSessionId).toBe(second.id);
    // The original stays where it was, as history.
    expect((await agendaFor(first.id)).map((i) => i.text)).toEqual(['Promotion timeline', 'Conference talk idea']);
  });

  it('is idempotent however many times it runs', async () => {
    const { first } = await heldSessionWithLeftovers();
    const second = await occurrence('2026-12-01');
    await closeSession(first.id, 'held');
    await closeSession(first.id, 'held');
    await Promise.all([carryForward(first.id, second.id), carryForward(first.id, second.id)]);
    expect(await agendaFor(second.id)).toHaveLength(1);
  });

  it('a cancelled session hands everything on, along a chain of sessions', async () => {
    const { first, notReached } = await heldSessionWithLeftovers();
    const second = await occurrence('2026-12-01');
    const third = await occurrence('2026-12-08');
    await closeSession(first.id, 'held');
    await addAgendaItem(second.id, { text: 'New question', addedBy: 'them' });
    await closeSession(second.id, 'cancelled');

    const agenda = await agendaFor(third.id);
    expect(agenda.map((i) => i.text)).toEqual(['Conference talk idea', 'New question']);
    expect(agenda[0]?.origin).toMatchObject({ kind: 'carried', fromSessionId: second.id });
    expect(agenda[0]?.carriedFrom).not.toBe(notReached.id);
    expect((await openActionItems(first.relationshipId ?? '')).map((a) => a.reviewSessionId)).toEqual([third.id]);
  });

  it('a next session recorded only later pulls what was left open', async () => {
    const { first, open } = await heldSessionWithLeftovers();
    await closeSession(first.id, 'held');
    const second = await occurrence('2026-12-01');
    expect((await agendaFor(second.id)).map((i) => i.text)).toEqual(['Conference talk idea']);
    expect((await db.actionItems.get(open.id))?.reviewSessionId).toBe(second.id);
  });

  it('carried items go after what the next agenda already has', async () => {
    const { first } = await heldSessionWithLeftovers();
    const second = await occurrence('2026-12-01');
    await addAgendaItem(second.id, { text: 'Already planned', addedBy: 'me' });
    await closeSession(first.id, 'held');
    expect((await agendaFor(second.id)).map((i) => i.text)).toEqual(['Already planned', 'Conference talk idea']);
  });

  it('a scheduled previous session hands nothing on', async () => {
    const { first } = await heldSessionWithLeftovers();
    expect((await db.sessions.get(first.id))?.status).toBe('scheduled');
    const second = await occurrence('2026-12-01');
    expect(await agendaFor(second.id)).toEqual([]);
  });

  it('a session recorded between a closed one and a later one takes the carried items over, once', async () => {
    const { first, open } = await heldSessionWithLeftovers();
    await closeSession(first.id, 'held');
    const third = await occurrence('2026-12-08'); // recorded first: receives the leftovers
    expect((await agendaFor(third.id)).map((i) => i.text)).toEqual(['Conference talk idea']);

    const second = await occurrence('2026-12-01'); // comes before it: the leftovers move here
    expect((await agendaFor(second.id)).map((i) => i.text)).toEqual(['Conference talk idea']);
    expect(await agendaFor(third.id)).toEqual([]);
    expect((await db.actionItems.get(open.id))?.reviewSessionId).toBe(second.id);

    await closeSession(second.id, 'held');
    expect((await agendaFor(third.id)).map((i) => i.text)).toEqual(['Conference talk idea']);
    expect((await agendaStore.all()).filter((i) => i.carriedFrom).length).toBe(2);
  });

  it('skips sessions that are already held or cancelled: nothing is handed into a dead end', async () => {
    const { first, notReached, open } = await heldSessionWithLeftovers();
    const second = await occurrence('2026-12-01');
    const third = await occurrence('2026-12-08');
    await closeSession(second.id, 'cancelled'); // cancelled ahead of time
    await closeSession(first.id, 'held');

    expect(await agendaFor(second.id)).toEqual([]);
    expect((await agendaFor(third.id)).map((i) => i.carriedFrom)).toEqual([notReached.id]);
    expect((await db.actionItems.get(open.id))?.reviewSessionId).toBe(third.id);
  });
});
