import { describe, expect, it } from 'vitest';
import { instanceId, occurrenceAt, occurrencesBetween } from '../../../lib/sync/expand';

const berlinWeekly = {
  start: { dateTime: '2026-10-20T16:00:00+02:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-10-20T16:45:00+02:00', timeZone: 'Europe/Berlin' },
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
};

describe('occurrencesBetween', () => {
  it('keeps the wall time across DST (16:00 Berlin is 14:00 UTC in summer, 15:00 in winter)', () => {
    const starts = occurrencesBetween(berlinWeekly, new Date('2026-10-20T00:00:00Z'), new Date('2026-11-04T00:00:00Z'));
    expect(starts).toEqual([
      { originalStart: '2026-10-20T14:00:00.000Z', start: '2026-10-20T14:00:00.000Z', end: '2026-10-20T14:45:00.000Z' },
      { originalStart: '2026-10-27T15:00:00.000Z', start: '2026-10-27T15:00:00.000Z', end: '2026-10-27T15:45:00.000Z' },
      { originalStart: '2026-11-03T15:00:00.000Z', start: '2026-11-03T15:00:00.000Z', end: '2026-11-03T15:45:00.000Z' },
    ]);
  });

  it('honours a UTC UNTIL (as "this and following" writes it), EXDATE with TZID and RDATE', () => {
    const series = {
      ...berlinWeekly,
      recurrence: [
        'RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T225959Z',
        'EXDATE;TZID=Europe/Berlin:20261027T160000',
        'RDATE:20261029T150000Z',
      ],
    };
    const starts = occurrencesBetween(series, new Date('2026-10-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(starts.map((o) => o.start)).toEqual([
      '2026-10-20T14:00:00.000Z',
      '2026-10-29T15:00:00.000Z',
      '2026-11-03T15:00:00.000Z',
      '2026-11-10T15:00:00.000Z',
    ]);
  });

  it('expands all-day series as dates, and biweekly and monthly rules', () => {
    const allDay = {
      start: { date: '2026-11-02' },
      end: { date: '2026-11-03' },
      recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2'],
    };
    expect(occurrencesBetween(allDay, new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).toEqual([
      { originalStart: '2026-11-02', start: '2026-11-02', end: '2026-11-03' },
      { originalStart: '2026-11-16', start: '2026-11-16', end: '2026-11-17' },
      { originalStart: '2026-11-30', start: '2026-11-30', end: '2026-12-01' },
    ]);
    const monthly = { ...berlinWeekly, recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=-1TU'] };
    expect(
      occurrencesBetween(monthly, new Date('2026-11-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')).map(
        (o) => o.start,
      ),
    ).toEqual(['2026-11-24T15:00:00.000Z', '2026-12-29T15:00:00.000Z']);
  });

  it('a 2-year weekly series is expanded only in the window asked for', () => {
    const starts = occurrencesBetween(berlinWeekly, new Date('2028-06-01T00:00:00Z'), new Date('2028-06-15T00:00:00Z'));
    expect(starts.map((o) => o.start)).toEqual(['2028-06-06T14:00:00.000Z', '2028-06-13T14:00:00.000Z']);
  });
});

describe('occurrenceAt and instanceId', () => {
  it('tells whether the rule puts an occurrence at a start, and names it as Google does', () => {
    expect(occurrenceAt(berlinWeekly, '2026-10-27T15:00:00.000Z')?.end).toBe('2026-10-27T15:45:00.000Z');
    expect(occurrenceAt(berlinWeekly, '2026-10-28T15:00:00.000Z')).toBeUndefined();
    expect(instanceId('s1', '2026-10-27T15:00:00.000Z')).toBe('s1_20261027T150000Z');
    expect(instanceId('s1', '2026-11-02')).toBe('s1_20261102');
  });
});
