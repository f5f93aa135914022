import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../lib/calendar/schemas';
import { addActionItem, setActionStatus } from '../../../lib/db/actions';
import { addAgendaItem, updateAgendaItem } from '../../../lib/db/agenda';
import { addCheckIn } from '../../../lib/db/checkins';
import { db } from '../../../lib/db/database';
import { saveFeedback } from '../../../lib/db/feedback';
import { saveNote } from '../../../lib/db/notes';
import { takeawayStore } from '../../../lib/db/session-lists';
import { ensureSession } from '../../../lib/db/sessions';
import type { OutboxOp } from '../../../lib/model/sync';
import { giveShareConsent, shareDisclosure, withdrawShareConsent } from '../../../lib/share/consent';
import { chunkKey, decodePayload, SHARE_BUDGET, SHARE_KEY } from '../../../lib/share/payload';
import { publishSession } from '../../../lib/share/publish';
import { readShareState, shareStatusText } from '../../../lib/share/state';
import { applyEvents } from '../../../lib/sync/apply';
import { drainOutbox } from '../../../lib/sync/outbox';
import { SYNC_TABLES } from '../../../lib/sync/reconcile';
import { syncWindow } from '../../../lib/sync/window';
import { miniGoogle } from '../sync/mini-google';
import { AT, bring, CALENDAR, device, EVENT, MORGAN, occurrenceEvent, SERIES, type Side } from './helpers';

let google: ReturnType<typeof miniGoogle>;
beforeEach(async () => {
  await db.delete();
  await db.open();
  google = miniGoogle();
});

const target = { kind: 'calendar' as const, calendarId: CALENDAR, eventId: EVENT };
const publish = (side: Side) => publishSession(side.session.id, { at: AT });
const drain = () => drainOutbox(google.client, { now: () => AT, random: () => 0 });
const ops = () => db.outbox.toArray();
const patchOp = async (): Promise<Extract<OutboxOp, { kind: 'patch-event' }>> => {
  const [op, ...more] = await ops();
  if (op?.kind !== 'patch-event' || more.length > 0) throw new Error('expected one patch-event op');
  return op;
};

async function sharing(role: 'mentor' | 'mentee', access: Parameters<typeof device>[1] = undefined) {
  const side = await device(role, access, google);
  await giveShareConsent(side.relationship.id, AT);
  return side;
}

describe('consent', () => {
  it('publishing refuses until given; the disclosure is exactly what is then written, and says who sees it', async () => {
    const me = await device('mentor', 'organizer', google);
    await addAgendaItem(me.session.id, { text: 'Promotion case', addedBy: 'me' });
    expect(await publish(me)).toEqual({ kind: 'local-only', reason: 'no-consent' });
    expect(await ops()).toEqual([]);
    expect(shareStatusText(await readShareState(me.session.id))).toMatch(/until you agree/);

    const disclosure = await shareDisclosure(me.session.id, AT);
    if (disclosure?.payload.kind !== 'ok') throw new Error('no disclosure');
    expect(disclosure.audience).toContain('Alex Mentee (alex.mentee@gmail.com)');
    expect(disclosure.text).toContain(disclosure.descriptionBlock);
    expect(disclosure.text).toContain('1. [ ] Promotion case (mentor)');
    expect(disclosure.text).toMatch(/Never written: private notes, check-ins, feedback/);
    expect(await ops()).toEqual([]);

    await giveShareConsent(me.relationship.id, AT);
    expect(await publish(me)).toMatchObject({ kind: 'enqueued' });
    const op = await patchOp();
    expect(op.fields.sharedProperties).toEqual(disclosure.payload.properties);
    expect(op.fields.descriptionBlock).toBe(disclosure.descriptionBlock);

    await withdrawShareConsent(me.relationship.id);
    await addAgendaItem(me.session.id, { text: 'Another question', addedBy: 'me' });
    expect(await publish(me)).toEqual({ kind: 'local-only', reason: 'no-consent' });
  });
});

describe('publishSession', () => {
  it('same content: no new op; new content while one waits: that op changes; the answer marks it published', async () => {
    const me = await sharing('mentor');
    const item = await addAgendaItem(me.session.id, { text: 'Promotion case', addedBy: 'me' });
    const first = await publish(me);
    expect(first).toMatchObject({ kind: 'enqueued' });
    expect(await publish(me)).toEqual({ kind: 'unchanged', status: 'waiting' });
    expect(await ops()).toHaveLength(1);

    await updateAgendaItem(item.id, { text: 'Promotion case: the outline' });
    const second = await publish(me);
    expect(second).toMatchObject({ kind: 'enqueued' });
    const op = await patchOp();
    expect(first.kind === 'enqueued' && second.kind === 'enqueued' && first.hash !== second.hash).toBe(true);
    expect(op.baseEtag).toBe(google.get(EVENT)?.etag);
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'waiting' });

    expect(await drain()).toMatchObject({ done: 1 });
    expect(google.countOf('getEvent')).toBe(0);
    expect(google.countOf('patchEvent')).toBe(1);
    const onGoogle = google.get(EVENT);
    expect(onGoogle?.description).toMatch(/^Bring your questions\.\n\n--- Tandem ---\n/);
    expect(onGoogle?.description).toContain('1. [ ] Promotion case: the outline (mentor)');
    expect(decodePayload(onGoogle?.extendedProperties?.shared)).toMatchObject({ kind: 'ok' });
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'published' });
    expect(shareStatusText(await readShareState(me.session.id))).toBe('Shared on the calendar event.');

    expect(await publish(me)).toEqual({ kind: 'unchanged', status: 'published' });
    expect(await ops()).toEqual([]);
  });

  it('a sync while the write waits (the kept event shows our pending write) does not take it for done', async () => {
    const me = await sharing('mentor');
    await addAgendaItem(me.session.id, { text: 'Promotion case', addedBy: 'me' });
    await publish(me);
    google.fail('patchEvent', 'network');
    await drain();
    // Sync keeps the event with our pending write over it, as it must for the screen.
    await db.transaction('rw', SYNC_TABLES, async () => {
      await applyEvents(CALENDAR, [google.get(EVENT) as ApiEvent], { window: syncWindow(AT) });
    });
    expect(await publish(me)).toEqual({ kind: 'unchanged', status: 'waiting' });
    expect(await ops()).toHaveLength(1);
    await drainOutbox(google.client, { now: () => new Date(AT.getTime() + 3_600_000) });
    expect(decodePayload(google.get(EVENT)?.extendedProperties?.shared)).toMatchObject({ kind: 'ok' });
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'published' });
  });

  it('withdrawing consent drops the writes still waiting', async () => {
    const me = await sharing('mentor');
    await addAgendaItem(me.session.id, { text: 'Promotion case', addedBy: 'me' });
    await publish(me);
    await withdrawShareConsent(me.relationship.id);
    expect(await ops()).toEqual([]);
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'local-only', reason: 'no-consent' });
  });

  it('nothing shared and nothing on the event: nothing to do', async () => {
    const me = await sharing('mentor');
    expect(await publish(me)).toEqual({ kind: 'nothing-to-share' });
    expect(await ops()).toEqual([]);
  });

  it('a session that is no calendar occurrence stays local', async () => {
    await sharing('mentor');
    const call = await ensureSession({ kind: 'meet', code: 'abc-defg-hij' });
    expect(await publishSession(call.id, { at: AT })).toEqual({ kind: 'local-only', reason: 'no-event' });
  });

  it('a guest of an event whose guests may not modify it: stays local, names the organizer, sends nothing', async () => {
    const me = await sharing('mentee', 'guest');
    await addAgendaItem(me.session.id, { text: 'Can we talk about the team change?', addedBy: 'me' });
    expect(await publish(me)).toEqual({
      kind: 'local-only',
      reason: 'not-organizer',
      organizer: { email: MORGAN.email, name: MORGAN.displayName },
    });
    expect(await ops()).toEqual([]);
    expect(shareStatusText(await readShareState(me.session.id))).toBe(
      'Only you can see these — ask Morgan Mentor to allow guests to modify the event.',
    );
  });

  it('a guest of an event whose guests may modify it publishes', async () => {
    const me = await sharing('mentee', 'guest-may-modify');
    await addAgendaItem(me.session.id, { text: 'Can we talk about the team change?', addedBy: 'me' });
    expect(await publish(me)).toMatchObject({ kind: 'enqueued' });
    expect(await drain()).toMatchObject({ done: 1 });
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'published' });
  });

  it('403 anyway: dropped at the first refusal, never retried; tried again once the event changed', async () => {
    const me = await sharing('mentee', 'guest-may-modify');
    await addAgendaItem(me.session.id, { text: 'Can we talk about the team change?', addedBy: 'me' });
    await publish(me);
    google.fail('patchEvent', 'forbidden');
    expect(await drain()).toEqual({ done: 0, failed: 1, stopped: false });
    expect(await ops()).toEqual([]);
    const refused = await readShareState(me.session.id);
    expect(refused).toMatchObject({
      status: 'local-only',
      reason: 'forbidden',
      organizer: { email: MORGAN.email, name: MORGAN.displayName },
      etag: google.get(EVENT)?.etag,
    });
    expect(shareStatusText(refused)).toMatch(/ask Morgan Mentor to allow guests/);
    expect((await db.syncState.get(CALENDAR))?.lastError).toBeUndefined();

    // More changes, more publishes, more drains: not one more request.
    await addAgendaItem(me.session.id, { text: 'And the conference budget', addedBy: 'me' });
    expect(await publish(me)).toMatchObject({ kind: 'local-only', reason: 'forbidden' });
    for (let i = 0; i < 3; i++) await drain();
    expect(google.countOf('patchEvent')).toBe(1);

    // The organizer changes the event (allows guests again): sync brings it, the write goes.
    await bring(occurrenceEvent('guest-may-modify', google, { summary: 'Mentoring (guests may edit)' }));
    expect(await ops()).toHaveLength(1);
    expect(await drain()).toMatchObject({ done: 1 });
    expect(google.countOf('patchEvent')).toBe(2);
    expect(await readShareState(me.session.id)).toMatchObject({ status: 'published' });
  });

  it('too big: stays local, says how big and the limit, sends nothing', async () => {
    const me = await sharing('mentor');
    await saveNote(target, 'shared', 'A very long shared note. '.repeat(1200));
    const result = await publish(me);
    expect(result).toMatchObject({ kind: 'local-only', reason: 'too-big', size: { limit: SHARE_BUDGET.bytes } });
    expect(result.kind === 'local-only' && (result.size?.bytes ?? 0) > 30_000).toBe(true);
    expect(await ops()).toEqual([]);
    expect(shareStatusText(await readShareState(me.session.id))).toMatch(
      /do not fit in the calendar event \(\d+\.\d KB of at most 24\.0 KB\)/,
    );
  });

  it('leaves room for other apps: their properties on the event shrink the budget', async () => {
    const theirs = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`otherApp${i}`, 'o'.repeat(1000)]));
    const theirBytes = Object.entries(theirs).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
    const me = await sharing('mentor');
    await bring(occurrenceEvent('organizer', google, { extendedProperties: { shared: theirs } }));
    await saveNote(target, 'shared', 'n'.repeat(14_000));
    expect(await publish(me)).toMatchObject({
      kind: 'local-only',
      reason: 'too-big',
      size: { limit: 32 * 1024 - theirBytes },
    });
  });

  it('a payload that shrinks empties the chunk keys the longer one left', async () => {
    const me = await sharing('mentor');
    await saveNote(target, 'shared', 'n'.repeat(3000));
    await publish(me);
    await drain();
    expect(Object.keys(google.get(EVENT)?.extendedProperties?.shared ?? {})).toHaveLength(4);
    await saveNote(target, 'shared', 'short');
    await publish(me);
    const op = await patchOp();
    expect(op.fields.sharedProperties).toMatchObject({ [chunkKey(1)]: '', [chunkKey(2)]: '' });
    await drain();
    expect(decodePayload(google.get(EVENT)?.extendedProperties?.shared)).toMatchObject({ kind: 'ok' });
  });

  it('an action item changed in a later session travels with the session that created it', async () => {
    const me = await sharing('mentor');
    const action = await addActionItem(me.relationship.id, me.session.id, {
      text: 'Draft the self-review',
      owner: 'mentee',
    });
    await publish(me);
    await drain();
    const later = await ensureSession(
      { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_20261201T150000Z` },
      { seriesId: SERIES, start: '2026-12-01T15:00:00.000Z' },
    );
    await db.actionItems.update(action.id, { reviewSessionId: later.id });
    await setActionStatus(action.id, 'done', later.id);
    await publishSession(later.id, { at: AT });
    const written = (await ops()).filter((op) => op.kind === 'patch-event').map((op) => op.eventId);
    expect(written).toEqual([EVENT]);
    const op = await patchOp();
    expect(op.fields.descriptionBlock).toContain('- [x] Draft the self-review (mentee)');
  });
});

describe('privacy', () => {
  it('private notes, check-ins and feedback never reach an op, the payload, the block or Google', async () => {
    const me = await sharing('mentor');
    const secrets = ['PRIVATE-7f3a my worries about Alex', 'CHECKIN-91b2 dynamic feels off', 'FEEDBACK-44c1 too quiet'];
    await saveNote(target, 'private', secrets[0] as string);
    await addCheckIn(me.relationship.id, {
      progress: 2,
      dynamic: 2,
      note: secrets[1] as string,
      sessionId: me.session.id,
    });
    await saveFeedback(me.session.id, 'me', { strengths: secrets[2] as string, improvements: secrets[2] as string });
    await saveNote(target, 'shared', 'We agreed on three goals.');
    await addAgendaItem(me.session.id, { text: 'Goals for the quarter', addedBy: 'me' });

    const disclosure = await shareDisclosure(me.session.id, AT);
    await publish(me);
    await drain();
    const everything = JSON.stringify({
      disclosure,
      ops: await db.outbox.toArray(),
      requests: google.requests,
      event: google.get(EVENT),
      clocks: await db.shareClocks.toArray(),
    });
    expect(everything).toContain('We agreed on three goals.');
    for (const secret of secrets) expect(everything).not.toContain(secret.slice(0, 12));
  });
});

describe('the payload key', () => {
  it('is what the outbox recognises as a share write', async () => {
    const me = await sharing('mentor');
    await addAgendaItem(me.session.id, { text: 'x', addedBy: 'me' });
    await publish(me);
    expect(Object.keys((await patchOp()).fields.sharedProperties ?? {})).toContain(SHARE_KEY);
  });
});

describe('figures', () => {
  it('a typical session (6 agenda items, 3 takeaways, 3 action items, a 500-character note) takes a few KB', async () => {
    const me = await sharing('mentor');
    const questions = [
      'How did the conference talk go, and what would you change?',
      'Feedback on the promotion case outline',
      'Which skills matter most for the next level?',
      'How to say no to the extra project without burning bridges',
      'Reading list: what to start with',
      'Review of last month’s goals',
    ];
    for (const [i, text] of questions.entries()) {
      const item = await addAgendaItem(me.session.id, { text, addedBy: i % 2 ? 'them' : 'me', timeboxMinutes: 10 });
      if (i < 3) await updateAgendaItem(item.id, { discussed: true });
    }
    for (const text of ['Outcomes, not tasks', 'Ask for feedback early', 'Block time for deep work']) {
      await takeawayStore.add([
        {
          id: crypto.randomUUID(),
          sessionId: me.session.id,
          text,
          createdAt: AT.toISOString(),
          updatedAt: AT.toISOString(),
        },
      ]);
    }
    for (const [text, owner] of [
      ['Draft the self-review', 'mentee'],
      ['Send the article on staff engineering', 'mentor'],
      ['Book the room for the next session', 'mentee'],
    ] as const) {
      await addActionItem(me.relationship.id, me.session.id, { text, owner, dueOn: '2026-12-01' });
    }
    await saveNote(target, 'shared', 'We talked about the promotion case. '.repeat(14).slice(0, 500));
    const result = await publish(me);
    if (result.kind !== 'enqueued') throw new Error('not published');
    const op = await patchOp();
    const properties = Object.keys(op.fields.sharedProperties ?? {}).length;
    const block = op.fields.descriptionBlock?.length ?? 0;
    console.info(
      `[figures] typical session: payload ${result.bytes} bytes in ${properties} properties; block ${block} characters`,
    );
    expect(result.bytes).toBeLessThan(4 * 1024);
    expect(properties).toBeLessThanOrEqual(5);
  });
});
