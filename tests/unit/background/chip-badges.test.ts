import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BadgePort, serveBadgePort } from '../../../lib/background/chip-badges';
import { addAgendaItem } from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import type { BadgesToHost } from '../../../lib/messaging';
import { CALENDAR, menteeRelationship, occurrence, SERIES } from '../db/factory';

/** The background end of a tab's badge port, driven by the test. */
function fakePort() {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const sent: BadgesToHost[] = [];
  const port: BadgePort = {
    postMessage: (message) => sent.push(message),
    onMessage: { addListener: (listener) => onMessage.push(listener) },
    onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
  };
  return {
    port,
    sent,
    receive: (message: unknown) => {
      for (const listener of onMessage) listener(message);
    },
    disconnect: () => {
      for (const listener of onDisconnect) listener();
    },
  };
}

const TUESDAY = { calendarId: CALENDAR, eventId: `${SERIES}_20261124T150000Z` };
const COFFEE = { calendarId: CALENDAR, eventId: 'coffee0001' };
const watch = (refs: unknown[]) => ({ ns: 'tandem', type: 'badges/watch', refs });
const counts = (message: BadgesToHost | undefined) => message?.markers.map((m) => [m.eventId, m.agendaItems]);

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

let tab: ReturnType<typeof fakePort>;
afterEach(() => tab?.disconnect());

describe('background badge port', () => {
  it('answers a watch with the markers, and pushes new ones when an agenda item is added elsewhere', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    tab = fakePort();
    serveBadgePort(tab.port);
    tab.receive(watch([TUESDAY, COFFEE]));
    await vi.waitFor(() => expect(tab.sent).toHaveLength(1));
    expect(tab.sent[0]).toEqual({
      ns: 'tandem',
      type: 'badges/markers',
      markers: [{ ...TUESDAY, agendaItems: 0, cancelled: false }],
    });

    await addAgendaItem(session.id, { text: 'Promotion packet', addedBy: 'me' });
    await vi.waitFor(() => expect(tab.sent).toHaveLength(2));
    expect(counts(tab.sent[1])).toEqual([[TUESDAY.eventId, 1]]);
  });

  it('a new watch replaces the old one; unchanged marker sets are not sent again', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    tab = fakePort();
    serveBadgePort(tab.port);
    tab.receive(watch([COFFEE]));
    await vi.waitFor(() => expect(tab.sent).toHaveLength(1));
    expect(tab.sent[0]?.markers).toEqual([]);

    tab.receive(watch([TUESDAY]));
    await vi.waitFor(() => expect(tab.sent).toHaveLength(2));
    // A change that leaves the count as it was (a new note) sends nothing.
    await db.sessions.update(session.id, { updatedAt: new Date().toISOString() });
    await addAgendaItem(session.id, { text: 'One', addedBy: 'me' });
    await vi.waitFor(() => expect(tab.sent).toHaveLength(3));
    expect(counts(tab.sent[2])).toEqual([[TUESDAY.eventId, 1]]);
    expect(tab.sent.map(counts)).toEqual([[], [[TUESDAY.eventId, 0]], [[TUESDAY.eventId, 1]]]);
  });

  it('logs and ignores invalid messages, and keeps serving valid ones', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await menteeRelationship();
    tab = fakePort();
    serveBadgePort(tab.port);
    for (const bad of [
      null,
      'badges/watch',
      { ns: 'tandem', type: 'badges/watch' },
      watch([{ calendarId: 'x', eventId: 'y' }]),
      watch(Array.from({ length: 2001 }, () => TUESDAY)),
      { ns: 'tandem', type: 'badges/markers', markers: [] },
    ]) {
      expect(() => tab.receive(bad)).not.toThrow();
    }
    expect(debug.mock.calls.filter((call) => String(call[1]).startsWith('badges'))).toHaveLength(6);
    expect(String(debug.mock.calls[3]?.[2])).toContain('refs.0.calendarId');
    tab.receive(watch([TUESDAY]));
    await vi.waitFor(() => expect(tab.sent).toHaveLength(1));
  });

  it('stops watching when the tab disconnects', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    tab = fakePort();
    serveBadgePort(tab.port);
    tab.receive(watch([TUESDAY]));
    await vi.waitFor(() => expect(tab.sent).toHaveLength(1));
    tab.disconnect();
    await addAgendaItem(session.id, { text: 'After the tab closed', addedBy: 'me' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tab.sent).toHaveLength(1);
  });
});
