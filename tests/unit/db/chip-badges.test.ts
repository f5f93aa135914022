import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addAgendaItem, removeAgendaItem } from '../../../lib/db/agenda';
import { importBackup } from '../../../lib/db/backup';
import { closeSession } from '../../../lib/db/carry-forward';
import { markersFor } from '../../../lib/db/chip-badges';
import { db } from '../../../lib/db/database';
import { linkSeries } from '../../../lib/db/relationships';
import { ensureSession } from '../../../lib/db/sessions';
import { CALENDAR, menteeRelationship, occurrence, SERIES, unlinkedRelationship } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

const ref = (eventId: string, calendarId = CALENDAR) => ({ calendarId, eventId });
const TUESDAY = ref(`${SERIES}_20261124T150000Z`);
const NEXT_TUESDAY = ref(`${SERIES}_20261201T150000Z`);
/** The k-th of 50 distinct occurrence instants in November 2026 (basic UTC format). */
const instant = (k: number) =>
  `202611${String(1 + (k % 25)).padStart(2, '0')}T${String(8 + Math.floor(k / 25)).padStart(2, '0')}0000Z`;

describe('markersFor', () => {
  it('marks occurrences of a linked series with their agenda count, 0 before anything is prepared or recorded', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    await addAgendaItem(session.id, { text: 'Promotion packet', addedBy: 'me' });
    await addAgendaItem(session.id, { text: 'Design doc feedback', addedBy: 'them' });

    expect(await markersFor([TUESDAY, NEXT_TUESDAY])).toEqual([
      { ...TUESDAY, agendaItems: 2, cancelled: false },
      // No session yet: the series link alone makes it a mentoring event.
      { ...NEXT_TUESDAY, agendaItems: 0, cancelled: false },
    ]);
  });

  it('gives nothing to events outside any relationship, even with a session and agenda', async () => {
    await menteeRelationship();
    const coffee = await ensureSession({ kind: 'calendar', calendarId: CALENDAR, eventId: 'coffee0001' });
    await addAgendaItem(coffee.id, { text: 'Conference?', addedBy: 'me' });

    const markers = await markersFor([
      ref('coffee0001'),
      ref('standup_20261124T090000Z', 'work@example.com'),
      // The linked series id, but in another calendar: not the same series.
      ref(`${SERIES}_20261124T150000Z`, 'someone.else@gmail.com'),
    ]);
    expect(markers).toEqual([]);
  });

  it('marks a single event whose session belongs to a relationship, and a cancelled session', async () => {
    const r = await unlinkedRelationship();
    const single = await ensureSession({ kind: 'calendar', calendarId: CALENDAR, eventId: 'programcheckin' });
    await db.sessions.update(single.id, { relationshipId: r.id });
    await addAgendaItem(single.id, { text: 'Expectations', addedBy: 'me' });
    await closeSession(single.id, 'cancelled');

    expect(await markersFor([ref('programcheckin')])).toEqual([
      { ...ref('programcheckin'), agendaItems: 1, cancelled: true },
    ]);
  });

  it('marks occurrences recorded before their series was linked (series from the session or from the id)', async () => {
    const r = await unlinkedRelationship();
    const before = await ensureSession({ kind: 'calendar', ...TUESDAY }, { seriesId: SERIES });
    await addAgendaItem(before.id, { text: 'Typed before linking', addedBy: 'me' });
    expect(await markersFor([TUESDAY])).toEqual([]);

    await linkSeries(r.id, { calendarId: CALENDAR, seriesId: SERIES });
    expect(await markersFor([TUESDAY, NEXT_TUESDAY])).toEqual([
      { ...TUESDAY, agendaItems: 1, cancelled: false },
      { ...NEXT_TUESDAY, agendaItems: 0, cancelled: false },
    ]);
  });

  it('answers an empty or repeated list without duplicates', async () => {
    await menteeRelationship();
    expect(await markersFor([])).toEqual([]);
    expect(await markersFor([TUESDAY, TUESDAY, NEXT_TUESDAY, TUESDAY])).toHaveLength(2);
  });

  it('finds 200 occurrences with one index query and counts agendas only for mentoring sessions', async () => {
    await menteeRelationship();
    const refs = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0 ? ref(`${SERIES}_${instant(i / 4)}`) : ref(`single${i}`),
    );
    for (const r of refs.slice(0, 40)) await ensureSession({ kind: 'calendar', ...r });
    const anyOf = vi.spyOn(db.sessions, 'where');
    const markers = await markersFor(refs);
    expect(anyOf).toHaveBeenCalledTimes(1);
    expect(anyOf).toHaveBeenCalledWith('[calendarId+eventId]');
    expect(markers).toHaveLength(50);
    expect(markers.every((m) => m.agendaItems === 0 && m.eventId.startsWith(SERIES))).toBe(true);
  });

  it('is live: a liveQuery over it emits again when an agenda item is added or removed elsewhere', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    const seen: number[] = [];
    const subscription = liveQuery(() => markersFor([TUESDAY])).subscribe((markers) => {
      seen.push(markers[0]?.agendaItems ?? -1);
    });
    await vi.waitFor(() => expect(seen).toEqual([0]));
    const item = await addAgendaItem(session.id, { text: 'New question', addedBy: 'me' });
    await vi.waitFor(() => expect(seen).toEqual([0, 1]));
    await removeAgendaItem(item.id);
    await vi.waitFor(() => expect(seen).toEqual([0, 1, 0]));
    subscription.unsubscribe();
  });

  it('reads the e2e backup fixture as the badge spec expects', async () => {
    const text = await readFile(resolve(import.meta.dirname, '../../fixtures/backups/chip-badges.json'), 'utf8');
    await importBackup(text);
    const gmail = 'morgan.mentor@gmail.com';
    const program = '3de9b1666fdaa67454e4d498f739e39387d326424c35d82080c77b6558d58331@group.calendar.google.com';
    const markers = await markersFor([
      ref(`${SERIES}_20261124T150000Z`, gmail),
      ref('3programcheckin00000000000', program),
      ref('7coffeesam0000000000000000', gmail),
      ref('2teamstandupseries00000000_20261124T090000Z', 'morgan.mentor@example.com'),
      ref(`${SERIES}_20261201T150000Z`, gmail),
    ]);
    expect(markers.map((m) => [m.eventId, m.agendaItems, m.cancelled])).toEqual([
      [`${SERIES}_20261124T150000Z`, 2, false],
      ['3programcheckin00000000000', 0, true],
      [`${SERIES}_20261201T150000Z`, 0, false],
    ]);
  });
});
