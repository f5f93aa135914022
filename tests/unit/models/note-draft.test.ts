import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../lib/db/database';
import * as notes from '../../../lib/db/notes';
import type { SessionTarget } from '../../../lib/model/session';
import { createNoteDraft } from '../../../lib/models/note-draft';

const target: SessionTarget = { kind: 'calendar', calendarId: 'morgan@example.com', eventId: 's1_20261124T150000Z' };

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

async function settle(draft: ReturnType<typeof createNoteDraft>): Promise<void> {
  await vi.waitFor(() => expect(draft.status.value).toBe('saved'));
}

describe('createNoteDraft', () => {
  it('loads the stored note, then saves every keystroke without a save button', async () => {
    await notes.savePrivateNote(target, 'stored earlier');
    const draft = createNoteDraft(target);
    await vi.waitFor(() => expect(draft.text.value).toBe('stored earlier'));

    for (const text of ['s', 'st', 'sta', 'star', 'start']) draft.input(text);
    expect(draft.status.value).toBe('saving');
    await settle(draft);
    expect((await notes.privateNoteFor(target))?.text).toBe('start');
    draft.dispose();
  });

  it('coalesces keystrokes typed while a write is in flight: the last text always wins', async () => {
    const save = vi.spyOn(notes, 'saveNote');
    const draft = createNoteDraft(target);
    await settle(draft);
    for (let i = 1; i <= 20; i++) draft.input('x'.repeat(i));
    await settle(draft);
    // The first keystroke starts a write; the other 19 arrive while it runs and collapse into one.
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls.at(-1)?.slice(1, 3)).toEqual(['private', 'x'.repeat(20)]);
    expect((await notes.privateNoteFor(target))?.text).toBe('x'.repeat(20));
    draft.dispose();
  });

  it('records the occurrence start and series from the event id', async () => {
    const draft = createNoteDraft(target);
    await settle(draft);
    draft.input('hello');
    await settle(draft);
    expect(await db.sessions.toArray()).toMatchObject([{ seriesId: 's1', start: '2026-11-24T15:00:00.000Z' }]);
    draft.dispose();
  });

  it('keeps the words on screen and says so when a write fails', async () => {
    const draft = createNoteDraft(target);
    await settle(draft);
    vi.spyOn(notes, 'saveNote').mockRejectedValueOnce(
      Object.assign(new Error('quota'), { name: 'QuotaExceededError' }),
    );
    draft.input('precious words');
    await vi.waitFor(() => expect(draft.status.value).toBe('error'));
    expect(draft.text.value).toBe('precious words');
    expect(draft.error.value).toMatch(/out of storage/);

    draft.input('precious words!');
    await settle(draft);
    expect((await notes.privateNoteFor(target))?.text).toBe('precious words!');
    draft.dispose();
  });

  it('never replaces words that failed to save, even when another context saves meanwhile', async () => {
    const draft = createNoteDraft(target);
    await settle(draft);
    vi.spyOn(notes, 'saveNote').mockRejectedValueOnce(new Error('disk busy'));
    draft.input('precious words');
    await vi.waitFor(() => expect(draft.status.value).toBe('error'));

    await notes.savePrivateNote(target, 'written in another tab');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(draft.text.value).toBe('precious words');
    expect(draft.status.value).toBe('error');

    draft.input('precious words, saved');
    await settle(draft);
    expect(draft.error.value).toBeNull();
    expect((await notes.privateNoteFor(target))?.text).toBe('precious words, saved');
    draft.dispose();
  });

  it('shows edits made in another context when the user is not typing', async () => {
    const draft = createNoteDraft(target);
    await settle(draft);
    await notes.savePrivateNote(target, 'written in another tab');
    await vi.waitFor(() => expect(draft.text.value).toBe('written in another tab'));
    draft.dispose();
  });
});
