import { beforeEach, describe, expect, it } from 'vitest';
import { addActionItem } from '../../../lib/db/actions';
import { addAgendaItem, agendaFor, removeAgendaItem, restoreAgendaItem } from '../../../lib/db/agenda';
import { closeSession } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { type NewRelationship, relationshipForSeries, unlinkSeries } from '../../../lib/db/relationships';
import { findSession } from '../../../lib/db/sessions';
import { addTakeaway, removeTakeaway } from '../../../lib/db/takeaways';
import { trackEvent, untrackEvent } from '../../../lib/db/tracking';
import { panelView, sessionView } from '../../../lib/db/views';
import type { SessionTarget } from '../../../lib/model/session';
import { CALENDAR, menteeRelationship, occurrence, SERIES, unlinkedRelationship } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

type CalendarTarget = Extract<SessionTarget, { kind: 'calendar' }>;

function target(day: string): { target: CalendarTarget; hints: { seriesId: string; start: string } } {
  return {
    target: { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_${day.replaceAll('-', '')}T150000Z` },
    hints: { seriesId: SERIES, start: `${day}T15:00:00.000Z` },
  };
}

const NEW_RELATIONSHIP: NewRelationship = {
  myRole: 'mentor',
  other: { name: 'Alex Mentee' },
  startedOn: '2026-11-23',
  agreement: {
    cadence: { kind: 'biweekly' },
    sessionMinutes: 45,
    channels: ['video'],
    mentorRole: '',
    menteeRole: '',
    mentorExpectations: '',
    menteeExpectations: '',
    boundaries: [],
  },
};

describe('trackEvent', () => {
  it('creates the relationship, links the series and records the occurrence, atomically', async () => {
    const { target: t, hints } = target('2026-11-24');
    const session = await trackEvent(t, hints, { create: structuredClone(NEW_RELATIONSHIP) }, { wholeSeries: true });
    const relationship = await relationshipForSeries(CALENDAR, SERIES);
    expect(relationship?.other.name).toBe('Alex Mentee');
    expect(session).toMatchObject({ relationshipId: relationship?.id, seriesId: SERIES, start: hints.start });

    // Every other occurrence is recognised from the series, with no further marking.
    const next = target('2026-12-01');
    expect(await panelView(next.target, next.hints)).toMatchObject({ kind: 'joining' });
  });

  it('tracks a single occurrence only when asked, leaving the series unlinked', async () => {
    const r = await unlinkedRelationship();
    const { target: t, hints } = target('2026-11-24');
    await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: false });
    expect(await relationshipForSeries(CALENDAR, SERIES)).toBeUndefined();
    expect((await panelView(t, hints)).kind).toBe('tracked');
    const next = target('2026-12-01');
    expect((await panelView(next.target, next.hints)).kind).toBe('untracked');
  });

  it('attaches a session that existed before (a note typed earlier) and is idempotent', async () => {
    const r = await unlinkedRelationship();
    const { target: t, hints } = target('2026-11-24');
    const before = await occurrence('2026-11-24');
    expect(before.relationshipId).toBeUndefined();
    const first = await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: true });
    const again = await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: true });
    expect(first.id).toBe(before.id);
    expect(again).toEqual(first);
    expect(await db.sessions.count()).toBe(1);
    expect((await db.relationships.get(r.id))?.series).toHaveLength(1);
  });

  it('hands the joining occurrence what the held session before it left open', async () => {
    const r = await unlinkedRelationship();
    const earlier = target('2026-11-17');
    const held = await trackEvent(earlier.target, earlier.hints, { relationshipId: r.id }, { wholeSeries: true });
    await addAgendaItem(held.id, { text: 'Still open', addedBy: 'me' });
    await addActionItem(r.id, held.id, { text: 'Send the draft', owner: 'mentee' });
    await closeSession(held.id, 'held');

    const { target: t, hints } = target('2026-11-24');
    const joined = await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: true });
    expect((await agendaFor(joined.id)).map((i) => [i.text, i.origin.kind])).toEqual([['Still open', 'carried']]);
    expect((await db.actionItems.toArray()).map((a) => a.reviewSessionId)).toEqual([joined.id]);
  });

  it('writes nothing when the new relationship is invalid', async () => {
    const { target: t, hints } = target('2026-11-24');
    const invalid = { ...structuredClone(NEW_RELATIONSHIP), other: { name: '  ' } };
    await expect(trackEvent(t, hints, { create: invalid }, { wholeSeries: true })).rejects.toThrow(/must not be empty/);
    expect(await db.relationships.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
  });

  it('refuses a relationship that no longer exists', async () => {
    const { target: t, hints } = target('2026-11-24');
    await expect(trackEvent(t, hints, { relationshipId: crypto.randomUUID() }, { wholeSeries: true })).rejects.toThrow(
      'that relationship no longer exists',
    );
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('untrackEvent and unlinkSeries', () => {
  it('detach every recorded occurrence but keep what was written; tracking again restores it', async () => {
    const r = await menteeRelationship();
    const first = await occurrence('2026-11-24');
    const second = await occurrence('2026-12-01');
    await addAgendaItem(first.id, { text: 'Kept', addedBy: 'me' });
    const { target: t, hints } = target('2026-11-24');

    await untrackEvent(t, hints, { wholeSeries: true });
    expect(await relationshipForSeries(CALENDAR, SERIES)).toBeUndefined();
    expect((await db.sessions.bulkGet([first.id, second.id])).map((s) => s?.relationshipId)).toEqual([
      undefined,
      undefined,
    ]);
    expect(await panelView(t, hints)).toMatchObject({ kind: 'untracked', relationships: [{ id: r.id }] });

    await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: true });
    const view = await panelView(t, hints);
    expect(view.kind === 'tracked' && view.view.agenda.map((i) => i.text)).toEqual(['Kept']);
    expect((await db.sessions.get(second.id))?.relationshipId).toBe(r.id);
  });

  it('untracks a single occurrence without touching the series link', async () => {
    const r = await unlinkedRelationship();
    const { target: t, hints } = target('2026-11-24');
    await trackEvent(t, hints, { relationshipId: r.id }, { wholeSeries: false });
    await untrackEvent(t, hints, { wholeSeries: false });
    expect((await findSession(t))?.relationshipId).toBeUndefined();
    expect(await db.relationships.count()).toBe(1);
  });

  it('unlinking a series nobody linked changes nothing', async () => {
    await unlinkedRelationship();
    const before = await db.relationships.toArray();
    await unlinkSeries({ calendarId: CALENDAR, seriesId: 'nope' });
    expect(await db.relationships.toArray()).toEqual(before);
  });
});

describe('panelView', () => {
  it('offers tracking for unknown events, with the current relationships', async () => {
    const r = await unlinkedRelationship();
    const { target: t, hints } = target('2026-11-24');
    expect(await panelView(t, hints)).toEqual({ kind: 'untracked', session: undefined, relationships: [r] });
    expect(await panelView({ kind: 'meet', code: 'abc-defg-hij' })).toMatchObject({ kind: 'untracked' });
  });

  it('says whether a tracked session belongs to its relationship through the series', async () => {
    await menteeRelationship();
    await occurrence('2026-11-24');
    const { target: t, hints } = target('2026-11-24');
    expect(await panelView(t, hints)).toMatchObject({ kind: 'tracked', bySeries: true });
  });
});

describe('sessionView around a session', () => {
  it('names the neighbours and what this session produced', async () => {
    const r = await menteeRelationship();
    const before = await occurrence('2026-11-17');
    const current = await occurrence('2026-11-24');
    const after = await occurrence('2026-12-01');
    const takeaway = await addTakeaway(current.id, { text: '  Scope is negotiated  ' });
    const action = await addActionItem(r.id, current.id, { text: 'Send the draft', owner: 'mentee' });
    await addActionItem(r.id, before.id, { text: 'Older', owner: 'mentee' });

    const view = await sessionView(current.id);
    expect(view?.previousSession?.id).toBe(before.id);
    expect(view?.nextSession?.id).toBe(after.id);
    expect(view?.takeaways.map((t) => t.text)).toEqual(['Scope is negotiated']);
    expect(view?.actionsFromHere.map((a) => a.id)).toEqual([action.id]);

    await removeTakeaway(takeaway.id);
    expect((await sessionView(current.id))?.takeaways).toEqual([]);
  });
});

describe('restoreAgendaItem', () => {
  it('puts a removed item back as it was, at its place', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    await addAgendaItem(session.id, { text: 'One', addedBy: 'me' });
    const two = await addAgendaItem(session.id, { text: 'Two', addedBy: 'me', timeboxMinutes: 10 });
    await addAgendaItem(session.id, { text: 'Three', addedBy: 'me' });
    await removeAgendaItem(two.id);
    await restoreAgendaItem(two);
    expect(await agendaFor(session.id)).toEqual(expect.arrayContaining([expect.objectContaining({ ...two })]));
    expect((await agendaFor(session.id)).map((i) => i.text)).toEqual(['One', 'Two', 'Three']);
  });

  it('refuses when the session is gone, writing nothing', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    const item = await addAgendaItem(session.id, { text: 'Orphan', addedBy: 'me' });
    await removeAgendaItem(item.id);
    await db.sessions.delete(session.id);
    await expect(restoreAgendaItem(item)).rejects.toThrow('its session no longer exists');
    expect(await db.agendas.count()).toBe(0);
  });
});

describe('addTakeaway', () => {
  it('validates: an empty takeaway throws and writes nothing', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    await expect(addTakeaway(session.id, { text: '   ' })).rejects.toThrow(/must not be empty/);
    expect(await db.takeawayLists.count()).toBe(0);
  });
});
