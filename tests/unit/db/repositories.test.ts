import { beforeEach, describe, expect, it } from 'vitest';
import { actionItemsDueBy, addActionItem, openActionItems, setActionStatus } from '../../../lib/db/actions';
import {
  addAgendaItem,
  agendaFor,
  applyTemplate,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import { addGoal, goalsDue, goalsOf, reviseGoal, setMilestoneDone } from '../../../lib/db/goals';
import {
  createRelationship,
  currentRelationships,
  linkSeries,
  relationshipForSeries,
  setRelationshipStatus,
  updateAgreement,
} from '../../../lib/db/relationships';
import { agendaStore } from '../../../lib/db/session-lists';
import { ensureSession } from '../../../lib/db/sessions';
import { sessionAfter, sessionBefore, sessionsOf } from '../../../lib/db/timeline';
import { CALENDAR, menteeRelationship, occurrence, SERIES, unlinkedRelationship } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

describe('relationships', () => {
  it('rejects invalid input with the field named and writes nothing', async () => {
    const valid = await menteeRelationship();
    await expect(
      createRelationship({ ...valid, other: { name: '   ' }, agreement: { ...valid.agreement, sessionMinutes: 2 } }),
    ).rejects.toThrow(/other\.name|sessionMinutes/);
    expect(await db.relationships.count()).toBe(1);
  });

  it('links a series once, and the sessions already recorded for it', async () => {
    const other = await unlinkedRelationship();
    const unlinked = await ensureSession(
      { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_20261124T150000Z` },
      { seriesId: SERIES, start: '2026-11-24T15:00:00.000Z' },
    );
    expect(unlinked.relationshipId).toBeUndefined();

    await linkSeries(other.id, { calendarId: CALENDAR, seriesId: SERIES });
    await linkSeries(other.id, { calendarId: CALENDAR, seriesId: SERIES });
    expect((await db.relationships.get(other.id))?.series).toEqual([{ calendarId: CALENDAR, seriesId: SERIES }]);
    expect((await db.sessions.get(unlinked.id))?.relationshipId).toBe(other.id);
    expect((await relationshipForSeries(CALENDAR, SERIES))?.id).toBe(other.id);
    expect(await relationshipForSeries(CALENDAR, 'another-series')).toBeUndefined();
  });

  it('pauses, ends and lists only current relationships; agreement changes are validated', async () => {
    const r = await menteeRelationship();
    await setRelationshipStatus(r.id, 'paused', '2026-11-23');
    expect((await currentRelationships()).map((x) => x.status)).toEqual(['paused']);
    await setRelationshipStatus(r.id, 'ended', '2026-11-30');
    expect(await currentRelationships()).toEqual([]);
    expect((await db.relationships.get(r.id))?.endedOn).toBe('2026-11-30');

    await expect(
      updateAgreement(r.id, { ...r.agreement, cadence: { kind: 'custom', rrule: 'every tuesday' } }),
    ).rejects.toThrow(/RRULE/);
    await updateAgreement(r.id, {
      ...r.agreement,
      cadence: { kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU' },
    });
    expect((await db.relationships.get(r.id))?.agreement.cadence).toEqual({
      kind: 'custom',
      rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU',
    });
  });
});

describe('sessions and their order', () => {
  it('an occurrence of a linked series joins the relationship; sessions are ordered by start', async () => {
    const r = await menteeRelationship();
    const second = await occurrence('2026-12-01');
    const first = await occurrence('2026-11-24');
    const third = await occurrence('2026-12-08');
    expect(first.relationshipId).toBe(r.id);
    expect((await sessionsOf(r.id)).map((s) => s.id)).toEqual([first.id, second.id, third.id]);
    expect((await sessionAfter(r.id, first.start ?? ''))?.id).toBe(second.id);
    expect((await sessionBefore(r.id, third.start ?? ''))?.id).toBe(second.id);
    expect(await sessionBefore(r.id, first.start ?? '')).toBeUndefined();
    expect((await occurrence('2026-11-24')).id).toBe(first.id);
  });
});

describe('agenda', () => {
  it('appends, edits with validation, moves by index and removes', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    const a = await addAgendaItem(session.id, { text: ' How do I ask for a promotion? ', addedBy: 'me' });
    const b = await addAgendaItem(session.id, {
      text: 'Feedback on my design doc',
      addedBy: 'them',
      timeboxMinutes: 10,
    });
    const c = await addAgendaItem(session.id, { text: 'Conference talk idea', addedBy: 'me' });
    expect(a.text).toBe('How do I ask for a promotion?');
    const texts = async () => (await agendaFor(session.id)).map((i) => i.text);

    await moveAgendaItem(c.id, 0);
    expect(await texts()).toEqual([
      'Conference talk idea',
      'How do I ask for a promotion?',
      'Feedback on my design doc',
    ]);
    await moveAgendaItem(c.id, 1);
    expect(await texts()).toEqual([
      'How do I ask for a promotion?',
      'Conference talk idea',
      'Feedback on my design doc',
    ]);
    await moveAgendaItem(a.id, 99);
    expect(await texts()).toEqual([
      'Conference talk idea',
      'Feedback on my design doc',
      'How do I ask for a promotion?',
    ]);

    await expect(updateAgendaItem(b.id, { text: '' })).rejects.toThrow(/empty/);
    await expect(updateAgendaItem(b.id, { timeboxMinutes: 0 })).rejects.toThrow();
    await updateAgendaItem(b.id, { discussed: true });
    expect((await agendaStore.get(b.id))?.discussed).toBe(true);
    await expect(addAgendaItem(session.id, { text: 'x'.repeat(501), addedBy: 'me' })).rejects.toThrow(/500/);

    await removeAgendaItem(a.id);
    expect(await texts()).toEqual(['Conference talk idea', 'Feedback on my design doc']);
  });

  it('applying a template twice, or after typing one of its questions, adds nothing twice', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    await addAgendaItem(session.id, { text: 'which goals do we want to work on FIRST?', addedBy: 'me' });
    const added = await applyTemplate(session.id, 'first-session', 'me');
    expect(added).toHaveLength(3);
    expect(await applyTemplate(session.id, 'first-session', 'me')).toEqual([]);
    expect(await agendaFor(session.id)).toHaveLength(4);
    expect(added.every((i) => i.origin.kind === 'template')).toBe(true);
  });
});

describe('action items', () => {
  it('lists open items, closes them in a session, and finds what is due', async () => {
    const r = await menteeRelationship();
    const session = await occurrence('2026-11-24');
    const draft = await addActionItem(r.id, session.id, {
      text: 'Draft the self-review',
      owner: 'mentee',
      dueOn: '2026-11-30',
    });
    const intro = await addActionItem(r.id, session.id, {
      text: 'Introduce Alex to Priya',
      owner: 'mentor',
      dueOn: '2026-12-10',
    });
    expect(draft).toMatchObject({ createdInSessionId: session.id, reviewSessionId: session.id, status: 'open' });
    expect((await actionItemsDueBy('2026-12-01')).map((a) => a.id)).toEqual([draft.id]);

    await setActionStatus(draft.id, 'done', session.id);
    expect((await openActionItems(r.id)).map((a) => a.id)).toEqual([intro.id]);
    expect((await db.actionItems.get(draft.id))?.closedInSessionId).toBe(session.id);
    await setActionStatus(draft.id, 'open');
    expect((await db.actionItems.get(draft.id))?.closedInSessionId).toBeUndefined();
    await expect(
      addActionItem(r.id, session.id, { text: 'x', owner: 'mentee', dueOn: '2026-02-30' }),
    ).rejects.toThrow();
  });
});

describe('goals', () => {
  it('keeps a revision history, ticks milestones, and finds goals due', async () => {
    const r = await menteeRelationship();
    const goal = await addGoal(r.id, {
      title: 'Get promoted to senior engineer',
      why: 'More scope and impact',
      successCriteria: 'Promotion approved in the spring cycle',
      category: 'career',
      targetDate: '2027-04-01',
      milestones: [{ title: 'Write the self-review', dueOn: '2027-01-15' }, { title: 'Lead a design review' }],
    });
    await addGoal(r.id, { title: 'Speak at a meetup', why: '', successCriteria: 'One talk given', category: 'skill' });

    const revised = await reviseGoal(
      goal.id,
      { targetDate: '2027-10-01' },
      'Target moved to the autumn cycle',
      'Spring cycle was cancelled',
    );
    expect(revised.targetDate).toBe('2027-10-01');
    expect(revised.revisions).toEqual([
      { at: expect.any(String), change: 'Target moved to the autumn cycle', why: 'Spring cycle was cancelled' },
    ]);

    const milestone = revised.milestones[0]?.id ?? '';
    expect((await setMilestoneDone(goal.id, milestone, '2027-01-10')).milestones[0]?.doneOn).toBe('2027-01-10');
    expect((await setMilestoneDone(goal.id, milestone, null)).milestones[0]?.doneOn).toBeUndefined();
    await expect(setMilestoneDone(goal.id, 'missing', '2027-01-10')).rejects.toThrow(/no milestone/);

    expect((await goalsDue('2027-12-31')).map((g) => g.title)).toEqual(['Get promoted to senior engineer']);
    expect(await goalsDue('2027-06-30')).toEqual([]);
    expect((await goalsOf(r.id)).map((g) => g.title)).toEqual(['Get promoted to senior engineer', 'Speak at a meetup']);
    await expect(reviseGoal(goal.id, { title: '' }, 'x', 'y')).rejects.toThrow();
    expect((await db.goals.get(goal.id))?.title).toBe('Get promoted to senior engineer');
  });
});
