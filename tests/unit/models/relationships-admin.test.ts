import type { ReadonlySignal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportBackup } from '../../../lib/db/backup';
import { db } from '../../../lib/db/database';
import type { LiveState } from '../../../lib/db/live';
import {
  createRelationshipsModel,
  describeFootprint,
  type RelationshipsModel,
  UNDO_DELETE_MS,
} from '../../../lib/models/relationships-admin';
import { CHECK_NOW_ALARM } from '../../../lib/reminders';
import { menteeRelationship, occurrence } from '../db/factory';

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete({ disableAutoOpen: false });
});

let model: RelationshipsModel;
afterEach(() => {
  model?.dispose();
  vi.useRealTimers();
});

function ready<T>(state: ReadonlySignal<LiveState<T>>, test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const stop = state.subscribe((s) => {
      if (s.status === 'ready' && test(s.value)) {
        queueMicrotask(() => stop());
        resolve(s.value);
      }
    });
  });
}

describe('createRelationshipsModel', () => {
  it('follows the address: which relationship, and which part of it', () => {
    model = createRelationshipsModel('2026-11-23', () => {});
    model.navigate('#relationship=abc&part=agreement');
    expect([model.selectedId.value, model.part.value]).toEqual(['abc', 'agreement']);
    model.navigate('#relationship=abc&part=nonsense');
    expect(model.part.value).toBeNull();
    model.navigate('');
    expect(model.selectedId.value).toBeNull();
  });

  it('creates a relationship from a valid form only, and opens it at its agreement', async () => {
    const go = vi.fn();
    model = createRelationshipsModel('2026-11-23', go);
    expect(await model.createForm.submit()).toBe(false);
    expect(model.createForm.errors.value).toEqual({ name: 'Must not be empty' });
    model.createForm.set('name', 'Alex Mentee');
    model.createForm.set('myRole', 'mentor');
    model.createForm.set('sessionMinutes', '2');
    expect(await model.createForm.submit()).toBe(false);
    expect(model.createForm.errors.value).toEqual({ sessionMinutes: 'At least 5 minutes' });
    expect(await db.relationships.count()).toBe(0);

    model.createForm.set('sessionMinutes', '30');
    expect(await model.createForm.submit()).toBe(true);
    const [created] = await db.relationships.toArray();
    expect(created).toMatchObject({
      myRole: 'mentor',
      other: { name: 'Alex Mentee' },
      startedOn: '2026-11-23',
      agreement: { cadence: { kind: 'biweekly' }, sessionMinutes: 30 },
    });
    expect(go).toHaveBeenCalledWith(`relationship=${created?.id}&part=agreement`);
  });

  it('pauses, resumes and ends, asking the background to check reminders again', async () => {
    const r = await menteeRelationship();
    model = createRelationshipsModel('2026-11-23', () => {});
    expect(await model.setStatus(r, 'paused')).toBe(true);
    expect((await db.relationships.get(r.id))?.status).toBe('paused');
    expect(await model.setStatus(r, 'ended')).toBe(true);
    expect(await db.relationships.get(r.id)).toMatchObject({ status: 'ended', endedOn: '2026-11-23' });
    expect(await fakeBrowser.alarms.get(CHECK_NOW_ALARM)).toBeDefined();
  });

  it('asks before deleting, deletes everything, and can undo it within the window', async () => {
    const r = await menteeRelationship();
    await occurrence('2026-11-24');
    const before = await exportBackup();
    const go = vi.fn();
    model = createRelationshipsModel('2026-11-23', go);
    model.navigate(`#relationship=${r.id}`);
    const [listed] = await ready(model.list, (list) => list.length === 1);
    if (!listed) throw new Error('not listed');

    expect(await model.confirmDelete()).toBe(false);
    await model.askDelete(listed);
    expect(model.confirming.value?.footprint).toEqual({ goals: 0, sessions: 1, entries: 0 });
    model.cancelDelete();
    expect(model.confirming.value).toBeNull();
    expect(await db.relationships.count()).toBe(1);

    await model.askDelete(listed);
    expect(await model.confirmDelete()).toBe(true);
    expect(await db.relationships.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
    expect(go).toHaveBeenLastCalledWith('');
    const notice = model.notice.value;
    expect(notice).toMatchObject({
      kind: 'undo',
      text: 'Deleted Morgan Mentor: 0 goals, 1 session and 0 notes, agenda items and other entries. You can undo this for 2 minutes.',
    });
    if (notice?.kind !== 'undo') throw new Error('no undo');

    await notice.undo();
    expect((await exportBackup()).data).toEqual(before.data);
    expect(model.notice.value).toMatchObject({
      kind: 'info',
      text: 'Morgan Mentor is back, with everything that was recorded.',
    });
    expect(go).toHaveBeenLastCalledWith(`relationship=${r.id}`);
  });

  it('lets the undo go after the window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = await menteeRelationship();
    model = createRelationshipsModel('2026-11-23', () => {});
    await model.askDelete(r);
    await model.confirmDelete();
    expect(model.notice.value?.kind).toBe('undo');
    vi.advanceTimersByTime(UNDO_DELETE_MS - 1);
    expect(model.notice.value?.kind).toBe('undo');
    vi.advanceTimersByTime(1);
    expect(model.notice.value).toBeNull();
  });

  it('describes what a deletion removes', () => {
    expect(describeFootprint({ goals: 1, sessions: 2, entries: 1 })).toBe(
      '1 goal, 2 sessions and 1 note, agenda item or other entry',
    );
  });
});
