import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { privateNoteFor, savePrivateNote } from '../../../lib/db/notes';
import { recentNotes } from '../../../lib/db/recent-notes';
import { noteStore } from '../../../lib/db/session-lists';
import { findSession } from '../../../lib/db/sessions';
import type { SessionTarget } from '../../../lib/model/session';

const occurrence: SessionTarget = {
  kind: 'calendar',
  calendarId: 'morgan@example.com',
  eventId: 'series1_20261124T150000Z',
};
const nextOccurrence: SessionTarget = { ...occurrence, eventId: 'series1_20261201T150000Z' };
const call: SessionTarget = { kind: 'meet', code: 'abc-defg-hij' };

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

describe('savePrivateNote', () => {
  it('creates the session on the first write and updates the same note afterwards', async () => {
    expect(await findSession(occurrence)).toBeUndefined();

    const first = await savePrivateNote(occurrence, 'draft', {
      seriesId: 'series1',
      start: '2026-11-24T15:00:00.000Z',
    });
    const second = await savePrivateNote(occurrence, 'draft, finished');

    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect((await privateNoteFor(occurrence))?.text).toBe('draft, finished');
    expect(await db.sessions.count()).toBe(1);
    expect((await noteStore.all()).length).toBe(1);
    expect(await findSession(occurrence)).toMatchObject({
      calendarId: 'morgan@example.com',
      eventId: 'series1_20261124T150000Z',
      seriesId: 'series1',
      start: '2026-11-24T15:00:00.000Z',
      status: 'scheduled',
    });
  });

  it('keeps each occurrence of a series apart', async () => {
    await savePrivateNote(occurrence, 'one');
    await savePrivateNote(nextOccurrence, 'two');
    expect((await privateNoteFor(occurrence))?.text).toBe('one');
    expect((await privateNoteFor(nextOccurrence))?.text).toBe('two');
  });

  it('never creates two sessions for one occurrence when two contexts write at once', async () => {
    await Promise.all([
      savePrivateNote(occurrence, 'a'),
      savePrivateNote(occurrence, 'b'),
      savePrivateNote(occurrence, 'c'),
    ]);
    expect(await db.sessions.count()).toBe(1);
    expect((await noteStore.all()).length).toBe(1);
  });

  it('stores text exactly as given: markup, emoji, right-to-left, megabytes', async () => {
    const text = `<img src=x onerror=alert(1)> 🚀 مرحبا ${'x'.repeat(1_000_000)}`;
    await savePrivateNote(call, text);
    expect((await privateNoteFor(call))?.text).toBe(text);
  });

  it('writes nothing when the transaction fails half-way', async () => {
    const failNoteWrite = (): never => {
      throw new Error('disk full');
    };
    db.noteLists.hook('creating', failNoteWrite);
    try {
      await expect(savePrivateNote(occurrence, 'lost?')).rejects.toThrow('disk full');
    } finally {
      db.noteLists.hook('creating').unsubscribe(failNoteWrite);
    }
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('recentNotes', () => {
  it('lists non-empty notes, newest first, with their sessions', async () => {
    await savePrivateNote(occurrence, 'older');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await savePrivateNote(call, 'newer');
    await savePrivateNote(nextOccurrence, '   ');

    const recent = await recentNotes();
    expect(recent.map(({ note }) => note.text)).toEqual(['newer', 'older']);
    expect(recent[0]?.session.meetCode).toBe('abc-defg-hij');
    expect(recent[1]?.session.eventId).toBe('series1_20261124T150000Z');
  });

  it('honours the limit', async () => {
    for (const code of ['aaa-aaaa-aaa', 'bbb-bbbb-bbb', 'ccc-cccc-ccc'])
      await savePrivateNote({ kind: 'meet', code }, code);
    expect(await recentNotes(2)).toHaveLength(2);
  });
});
