import { beforeEach, describe, expect, it } from 'vitest';
import { agendaFor } from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import type { LiveState } from '../../../lib/db/live';
import { trackEvent } from '../../../lib/db/tracking';
import type { PanelView } from '../../../lib/db/views';
import { createSessionPanel, type SessionPanelModel } from '../../../lib/models/session-panel';
import { CALENDAR, menteeRelationship, SERIES } from '../db/factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

const TARGET = { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_20261124T150000Z` } as const;
const HINTS = { seriesId: SERIES, start: '2026-11-24T15:00:00.000Z' };

/** Resolves with the first state the model's live query reports that satisfies `test`. */
function until(model: SessionPanelModel, test: (state: LiveState<PanelView>) => boolean): Promise<PanelView> {
  return new Promise((resolve) => {
    const stop = model.state.subscribe((state) => {
      if (state.status === 'ready' && test(state)) {
        queueMicrotask(() => stop());
        resolve(state.value);
      }
    });
  });
}

const tracked = (state: LiveState<PanelView>) => state.status === 'ready' && state.value.kind === 'tracked';

describe('createSessionPanel', () => {
  it('records an occurrence of a tracked series in its relationship the first time it is shown', async () => {
    const relationship = await menteeRelationship();
    const model = createSessionPanel(TARGET, HINTS);
    const view = await until(model, tracked);
    expect(view.kind === 'tracked' && view.view.session.relationshipId).toBe(relationship.id);
    expect(await db.sessions.count()).toBe(1);
    model.dispose();
  });

  it('adds, removes and undoes, announcing and offering undo', async () => {
    await menteeRelationship();
    const model = createSessionPanel(TARGET, HINTS);
    const view = await until(model, tracked);
    if (view.kind !== 'tracked') throw new Error('not tracked');
    const sessionId = view.view.session.id;

    expect(await model.addItem(sessionId, { text: '  A question ', addedBy: 'me' })).toBe(true);
    expect(model.announcement.value).toBe('Added “A question” to the agenda');
    const [item] = await agendaFor(sessionId);
    if (!item) throw new Error('no item');

    expect(await model.removeItem(item)).toBe(true);
    const notice = model.notice.value;
    expect(notice).toMatchObject({ kind: 'undo', text: 'Removed “A question”' });
    if (notice?.kind !== 'undo') throw new Error('no undo');
    await notice.undo();
    expect(model.notice.value).toBeNull();
    expect(await agendaFor(sessionId)).toEqual([item]);
    model.dispose();
  });

  it('reports a failed write as a problem naming the field, and returns false', async () => {
    await menteeRelationship();
    const model = createSessionPanel(TARGET, HINTS);
    const view = await until(model, tracked);
    if (view.kind !== 'tracked') throw new Error('not tracked');

    expect(await model.addItem(view.view.session.id, { text: 'x'.repeat(501), addedBy: 'me' })).toBe(false);
    expect(model.notice.value).toEqual({
      kind: 'problem',
      text: 'Could not add the item: text must be at most 500 characters',
    });
    expect(await agendaFor(view.view.session.id)).toEqual([]);

    // The next success clears the problem.
    expect(await model.addItem(view.view.session.id, { text: 'Fine', addedBy: 'me' })).toBe(true);
    expect(model.notice.value).toBeNull();
    model.dispose();
  });

  it('says when a template adds nothing new', async () => {
    await menteeRelationship();
    const model = createSessionPanel(TARGET, HINTS);
    const view = await until(model, tracked);
    if (view.kind !== 'tracked') throw new Error('not tracked');
    await model.applyTemplate(view.view.session.id, 'goal-review', 'Goal review');
    expect(model.notice.value).toEqual({ kind: 'info', text: 'Added 4 items from “Goal review”' });
    await model.applyTemplate(view.view.session.id, 'goal-review', 'Goal review');
    expect(model.notice.value).toEqual({ kind: 'info', text: 'Every item of “Goal review” is already on the agenda' });
    model.dispose();
  });

  it('tracks and untracks only calendar targets', async () => {
    const model = createSessionPanel({ kind: 'meet', code: 'abc-defg-hij' }, {});
    expect(await model.untrack(true)).toBe(false);
    expect(await db.sessions.count()).toBe(0);
    model.dispose();
  });

  it('wrap-up: leaving outranks the timer, "not yet" keeps a reason from coming back, asking always works', () => {
    const model = createSessionPanel({ kind: 'meet', code: 'abc-defg-hij' }, {});
    model.startWrapUp('time');
    expect(model.wrapUp.value).toBe('time');
    model.startWrapUp('left');
    expect(model.wrapUp.value).toBe('left');
    model.dismissWrapUp();
    model.startWrapUp('left');
    model.startWrapUp('time');
    expect(model.wrapUp.value).toBe('time');
    model.dismissWrapUp();
    model.startWrapUp('time');
    expect(model.wrapUp.value).toBeNull();
    model.startWrapUp('asked');
    expect(model.wrapUp.value).toBe('asked');
    model.dispose();
  });

  it('finishing the session marks it held', async () => {
    await menteeRelationship();
    const model = createSessionPanel(TARGET, HINTS);
    const view = await until(model, tracked);
    if (view.kind !== 'tracked') throw new Error('not tracked');
    model.startWrapUp('asked');
    expect(await model.finishSession(view.view.session.id)).toBe(true);
    expect(model.wrapUp.value).toBeNull();
    expect((await db.sessions.get(view.view.session.id))?.status).toBe('held');
    model.dispose();
  });

  it('a call whose code was used with a relationship before joins it as a new session', async () => {
    const relationship = await menteeRelationship();
    const call = { kind: 'meet', code: 'abc-defg-hij' } as const;
    await trackEvent(
      call,
      { start: '2026-01-06T15:00:00.000Z' },
      { relationshipId: relationship.id },
      { wholeSeries: false },
    );
    const model = createSessionPanel(call, {});
    const view = await until(model, tracked);
    expect(view.kind === 'tracked' && view.view.session).toMatchObject({
      relationshipId: relationship.id,
      meetCode: 'abc-defg-hij',
    });
    expect(await db.sessions.count()).toBe(2);
    model.dispose();
  });
});
