import { describe, expect, it } from 'vitest';
import { cadenceDays, gapsInDays, isLateGap, tookPlace } from '../../lib/cadence';
import { addDays, daysBetween, localDay } from '../../lib/dates';

describe('cadenceDays', () => {
  it.each([
    [{ kind: 'weekly' }, 7],
    [{ kind: 'biweekly' }, 14],
    [{ kind: 'monthly' }, 30],
    [{ kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=WE' }, 21],
    [{ kind: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' }, 3.5],
    [{ kind: 'custom', rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1MO' }, 30],
    [{ kind: 'custom', rrule: 'FREQ=DAILY;INTERVAL=10' }, 10],
  ] as const)('%j → %d days', (cadence, days) => {
    expect(cadenceDays(cadence)).toBe(days);
  });
});

describe('gaps and adherence', () => {
  it('measures whole days between sessions, and marks gaps half again as long as agreed', () => {
    const starts = ['2026-10-01T15:00:00.000Z', '2026-10-15T15:00:00.000Z', '2026-11-05T16:00:00.000Z', '2026-11-05'];
    expect(gapsInDays(starts.slice(0, 3))).toEqual([14, 21]);
    expect(gapsInDays([])).toEqual([]);
    expect(isLateGap(21, { kind: 'biweekly' })).toBe(false);
    expect(isLateGap(22, { kind: 'biweekly' })).toBe(true);
  });

  it('counts past sessions that were not cancelled as held', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(tookPlace({ start: '2026-11-17T15:00:00.000Z', status: 'scheduled' }, now)).toBe(true);
    expect(tookPlace({ start: '2026-11-17T15:00:00.000Z', status: 'cancelled' }, now)).toBe(false);
    expect(tookPlace({ start: '2026-11-24T15:00:00.000Z', status: 'held' }, now)).toBe(false);
    expect(tookPlace({ status: 'held' }, now)).toBe(false);
  });
});

describe('dates', () => {
  it('moves and measures days without time zones getting in', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
    expect(daysBetween('2026-11-23', '2026-12-07')).toBe(14);
    expect(localDay(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
  });
});
