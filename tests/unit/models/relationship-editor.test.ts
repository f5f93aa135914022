import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../lib/db/database';
import { addGoal } from '../../../lib/db/goals';
import type { RelationshipDetail } from '../../../lib/db/relationship-view';
import { createRelationshipEditor, type RelationshipEditor } from '../../../lib/models/relationship-editor';
import { menteeRelationship, occurrence } from '../db/factory';

const TODAY = '2026-11-23';

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete({ disableAutoOpen: false });
});

let editor: RelationshipEditor;
afterEach(() => editor?.dispose());

function detail(test: (d: RelationshipDetail) => boolean = () => true): Promise<RelationshipDetail> {
  return new Promise((resolve) => {
    const stop = editor.state.subscribe((state) => {
      if (state.status === 'ready' && state.value && test(state.value)) {
        queueMicrotask(() => stop());
        resolve(state.value);
      }
    });
  });
}

describe('createRelationshipEditor', () => {
  it('fills the details and agreement forms from the record, and saves them whole or not at all', async () => {
    const r = await menteeRelationship();
    await occurrence('2026-11-17');
    editor = createRelationshipEditor(r.id, TODAY);
    const loaded = await detail();
    expect(loaded.sessions).toHaveLength(1);
    expect(editor.details.values.value).toEqual({
      name: 'Morgan Mentor',
      email: 'morgan.mentor@gmail.com',
      myRole: 'mentee',
      startedOn: '2026-09-01',
    });
    expect(editor.agreement.values.value).toMatchObject({
      cadence: 'weekly',
      sessionMinutes: '45',
      boundaries: 'No calls after 18:00',
    });

    editor.agreement.set('sessionMinutes', '60');
    editor.agreement.set('mentorRole', 'x'.repeat(10_001));
    expect(await editor.agreement.submit()).toBe(false);
    expect(editor.agreement.errors.value).toEqual({ mentorRole: 'Must be at most 10,000 characters' });
    expect((await db.relationships.get(r.id))?.agreement.sessionMinutes).toBe(45);

    editor.agreement.set('mentorRole', 'Listens');
    editor.agreement.set('reviewOn', '2027-06-01');
    expect(await editor.agreement.submit()).toBe(true);
    expect((await db.relationships.get(r.id))?.agreement).toMatchObject({
      sessionMinutes: 60,
      mentorRole: 'Listens',
      reviewOn: '2027-06-01',
    });
    expect(editor.notice.value).toEqual({ kind: 'info', text: 'Agreement saved.' });

    editor.details.set('name', 'Morgan M.');
    expect(await editor.details.submit()).toBe(true);
    expect((await db.relationships.get(r.id))?.other).toEqual({ name: 'Morgan M.', email: 'morgan.mentor@gmail.com' });
  });

  it('edits a goal with its milestones and keeps the reason in its history', async () => {
    const r = await menteeRelationship();
    const goal = await addGoal(r.id, { title: 'Lead', why: '', successCriteria: '', category: 'career' });
    editor = createRelationshipEditor(r.id, TODAY);
    const form = editor.goalEditor(goal);
    form.set('milestones', [{ title: 'Proposal', dueOn: '2026-12-01' }]);
    form.set('reason', 'Broke it down');
    expect(await form.submit()).toBe(true);
    const saved = await db.goals.get(goal.id);
    expect(saved?.milestones.map((m) => m.title)).toEqual(['Proposal']);
    expect(saved?.revisions.map((v) => [v.change, v.why])).toEqual([['1 milestone added', 'Broke it down']]);
  });

  it('records a private check-in and shows it in the trend', async () => {
    const r = await menteeRelationship();
    editor = createRelationshipEditor(r.id, TODAY);
    expect(await editor.checkIn.submit()).toBe(false);
    editor.checkIn.set('progress', 3);
    editor.checkIn.set('dynamic', 5);
    expect(await editor.checkIn.submit()).toBe(true);
    const loaded = await detail((d) => d.checkIns.length === 1);
    expect(loaded.checkIns.map((c) => [c.progress, c.dynamic])).toEqual([[3, 5]]);
    expect(editor.checkIn.values.value).toEqual({ progress: 0, dynamic: 0, note: '' });
  });
});
