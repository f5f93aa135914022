import { describe, expect, it } from 'vitest';
import { isBadgesToHost, isPanelToHost } from '../../../lib/hosts/guards';
import { BadgesToHost, PanelToHost } from '../../../lib/messaging';

// The content scripts' hand-written guard must accept exactly what the zod schema accepts.
const corpus: unknown[] = [
  { ns: 'tandem', type: 'panel/resize', height: 0 },
  { ns: 'tandem', type: 'panel/resize', height: 480 },
  { ns: 'tandem', type: 'panel/resize', height: 10_000 },
  { ns: 'tandem', type: 'panel/resize', height: 10_001 },
  { ns: 'tandem', type: 'panel/resize', height: -1 },
  { ns: 'tandem', type: 'panel/resize', height: 12.5 },
  { ns: 'tandem', type: 'panel/resize', height: '480' },
  { ns: 'tandem', type: 'panel/resize', height: Number.NaN },
  { ns: 'tandem', type: 'panel/resize', height: Number.POSITIVE_INFINITY },
  { ns: 'tandem', type: 'panel/resize' },
  { ns: 'tandem', type: 'panel/resize', height: 10, extra: true },
  { ns: 'tandem', type: 'panel/close' },
  { ns: 'tandem', type: 'panel/close', height: 'ignored' },
  { ns: 'other', type: 'panel/close' },
  { type: 'panel/close' },
  { ns: 'tandem', type: 'panel/open' },
  { ns: 'tandem' },
  ['tandem', 'panel/close'],
  'panel/close',
  null,
  undefined,
  42,
  { ns: 'tandem', type: { toString: () => 'panel/close' } },
];

describe('isPanelToHost', () => {
  it.each(corpus.map((message) => [JSON.stringify(message) ?? String(message), message]))(
    'agrees with the PanelToHost schema on %s',
    (_label, message) => {
      expect(isPanelToHost(message)).toBe(PanelToHost.safeParse(message).success);
    },
  );

  it('accepts the messages the panel sends', () => {
    expect(isPanelToHost({ ns: 'tandem', type: 'panel/resize', height: 320 })).toBe(true);
    expect(isPanelToHost({ ns: 'tandem', type: 'panel/close' })).toBe(true);
  });
});

const marker = {
  calendarId: 'morgan.mentor@gmail.com',
  eventId: 'series_20261124T150000Z',
  agendaItems: 2,
  cancelled: false,
};
const markers = (...list: unknown[]) => ({ ns: 'tandem', type: 'badges/markers', markers: list });
const badgeCorpus: unknown[] = [
  markers(),
  markers(marker),
  markers(marker, { ...marker, eventId: 'single', agendaItems: 0, cancelled: true }),
  markers({ ...marker, extra: 'allowed' }),
  { ...markers(marker), extra: 'allowed' },
  markers({ ...marker, calendarId: 'a@b' }),
  markers({ ...marker, calendarId: 'ab' }),
  markers({ ...marker, calendarId: 'x'.repeat(1024) }),
  markers({ ...marker, calendarId: 'x'.repeat(1025) }),
  markers({ ...marker, eventId: '' }),
  markers({ ...marker, eventId: 'e'.repeat(1024) }),
  markers({ ...marker, eventId: 'e'.repeat(1025) }),
  markers({ ...marker, eventId: 42 }),
  markers({ ...marker, agendaItems: -1 }),
  markers({ ...marker, agendaItems: 1.5 }),
  markers({ ...marker, agendaItems: '2' }),
  markers({ ...marker, agendaItems: Number.NaN }),
  markers({ ...marker, agendaItems: Number.POSITIVE_INFINITY }),
  markers({ ...marker, agendaItems: Number.MAX_SAFE_INTEGER }),
  markers({ ...marker, agendaItems: 2 ** 53 }),
  markers({ ...marker, cancelled: 'false' }),
  markers({ ...marker, cancelled: undefined }),
  markers({ calendarId: marker.calendarId, eventId: marker.eventId, agendaItems: 1 }),
  markers(null),
  markers([marker]),
  markers(...Array.from({ length: 2000 }, () => marker)),
  markers(...Array.from({ length: 2001 }, () => marker)),
  // biome-ignore lint/suspicious/noSparseArray: a hole is what the guard must not skip.
  { ns: 'tandem', type: 'badges/markers', markers: [marker, , marker] },
  { ns: 'tandem', type: 'badges/markers', markers: { 0: marker, length: 1 } },
  { ns: 'tandem', type: 'badges/markers' },
  { ns: 'other', type: 'badges/markers', markers: [] },
  { type: 'badges/markers', markers: [] },
  { ns: 'tandem', type: 'badges/watch', refs: [] },
  { ns: 'tandem', type: 'panel/close' },
  [markers()],
  null,
];

describe('isBadgesToHost', () => {
  it.each(badgeCorpus.map((message, i) => [i, JSON.stringify(message)?.slice(0, 120) ?? String(message), message]))(
    'agrees with the BadgesToHost schema on #%i %s',
    (_i, _label, message) => {
      expect(isBadgesToHost(message)).toBe(BadgesToHost.safeParse(message).success);
    },
  );

  it('accepts what the background sends, refuses what it does not', () => {
    expect(isBadgesToHost(markers(marker))).toBe(true);
    expect(isBadgesToHost(markers({ ...marker, agendaItems: -1 }))).toBe(false);
  });
});
