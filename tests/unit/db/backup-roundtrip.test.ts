import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem } from '../../../lib/db/actions';
import { addAgendaItem, applyTemplate, moveAgendaItem } from '../../../lib/db/agenda';
import { exportBackup, importBackup, serializeBackup } from '../../../lib/db/backup';
import { closeSession } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { addGoal, reviseGoal } from '../../../lib/db/goals';
import { savePrivateNote } from '../../../lib/db/notes';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

// Whatever the repositories write must come back from a backup: a backup that cannot be restored
// is worse than none.
describe('a backup of data written through the repositories', () => {
  it('restores exactly what was written', async () => {
    const r = await menteeRelationship();
    const goal = await addGoal(r.id, {
      title: 'Senior engineer',
      why: 'Scope',
      successCriteria: 'Promoted',
      category: 'career',
      milestones: [{ title: 'Self-review', dueOn: '2027-01-15' }],
    });
    await reviseGoal(goal.id, { targetDate: '2027-10-01' }, 'Moved target', 'Cycle moved');
    const first = await occurrence('2026-11-24');
    const second = await occurrence('2026-12-01');
    const a = await addAgendaItem(first.id, { text: 'Promotion', addedBy: 'me', goalId: goal.id });
    await applyTemplate(first.id, 'check-in', 'them');
    await moveAgendaItem(a.id, 3);
    await addActionItem(r.id, first.id, { text: 'Draft the self-review', owner: 'mentee', dueOn: '2026-11-30' });
    await closeSession(first.id, 'held');
    await savePrivateNote({ kind: 'calendar', calendarId: 'x@gmail.com', eventId: 'odd_20261399' }, 'odd id');
    await savePrivateNote({ kind: 'meet', code: 'abc-defg-hij' }, 'Meet note 🚀');
    await savePrivateNote(
      { kind: 'calendar', calendarId: 'morgan.mentor@gmail.com', eventId: second.eventId ?? '' },
      'n',
    );

    const before = await exportBackup();
    await importBackup(serializeBackup(before));
    const after = await exportBackup();
    expect(after.data).toEqual(before.data);
    expect(before.data.agendaItems.length).toBeGreaterThan(5);
  });
});
