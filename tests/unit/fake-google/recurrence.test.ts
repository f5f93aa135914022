// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { instanceId } from '../../fake-google/ids.ts';
import {
  continuedFrom,
  expand,
  isOccurrence,
  parseRecurrence,
  RecurrenceError,
  type SeriesStart,
  untilBefore,
  withUntil,
} from '../../fake-google/recurrence.ts';

/** Occurrence id suffixes (as in `<series>_<suffix>`) of a recurrence, at most `max`. */
function suffixes(lines: string[], start: SeriesStart, max = 50): string[] {
  const zone = start.kind === 'dateTime' ? start.timeZone : undefined;
  const recurrence = parseRecurrence(lines, zone);
  return expand(recurrence, start, { before: Date.parse('2040-01-01T00:00:00Z'), max }).map((o) =>
    instanceId('s', o).slice(2),
  );
}

const at = (iso: string, timeZone: string): SeriesStart => ({ kind: 'dateTime', ms: Date.parse(iso), timeZone });
const day = (date: string): SeriesStart => ({ kind: 'date', date });

describe('RRULE expansion', () => {
  it.each<[string, string[], SeriesStart, string[]]>([
    [
      'daily with COUNT',
      ['RRULE:FREQ=DAILY;COUNT=3'],
      at('2025-03-24T07:30:00-05:00', 'America/Chicago'),
      ['20250324T123000Z', '20250325T123000Z', '20250326T123000Z'],
    ],
    [
      'daily every other day until an inclusive UNTIL',
      ['RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20250328T123000Z'],
      at('2025-03-24T07:30:00-05:00', 'America/Chicago'),
      ['20250324T123000Z', '20250326T123000Z', '20250328T123000Z'],
    ],
    [
      // The UNTIL Google writes when a series is cut on 2025-03-26 (fixture incremental-edit-this-and-following).
      'daily cut by Google before a local midnight',
      ['RRULE:FREQ=DAILY;UNTIL=20250326T045959Z'],
      at('2025-03-24T08:15:00-05:00', 'America/Chicago'),
      ['20250324T131500Z', '20250325T131500Z'],
    ],
    [
      'weekly on two days, week starting Sunday',
      ['RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=MO,WE;COUNT=4'],
      at('2024-03-04T20:00:00-03:00', 'America/Bahia'),
      ['20240304T230000Z', '20240306T230000Z', '20240311T230000Z', '20240313T230000Z'],
    ],
    [
      'weekly BYDAY out of calendar order',
      ['RRULE:FREQ=WEEKLY;BYDAY=FR,MO,WE;COUNT=4'],
      at('2024-03-04T13:00:00-03:00', 'America/Sao_Paulo'),
      ['20240304T160000Z', '20240306T160000Z', '20240308T160000Z', '20240311T160000Z'],
    ],
    [
      'weekly without BYDAY repeats the start weekday',
      ['RRULE:FREQ=WEEKLY;COUNT=2'],
      at('2026-11-03T15:00:00+01:00', 'Europe/Berlin'),
      ['20261103T140000Z', '20261110T140000Z'],
    ],
    [
      'fortnightly on Tuesday and Thursday',
      ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5'],
      at('2026-11-03T15:00:00+01:00', 'Europe/Berlin'),
      ['20261103T140000Z', '20261105T140000Z', '20261117T140000Z', '20261119T140000Z', '20261201T140000Z'],
    ],
    [
      'weekly BYDAY skips days before the start in the first week',
      ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3'],
      at('2026-11-04T09:00:00Z', 'UTC'),
      ['20261105T090000Z', '20261109T090000Z', '20261112T090000Z'],
    ],
    [
      // 15:00 in Berlin is 13:00Z in summer time and 14:00Z after 25 October 2026.
      'local time kept across the DST change (ids follow UTC)',
      ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3'],
      at('2026-10-20T15:00:00+02:00', 'Europe/Berlin'),
      ['20261020T130000Z', '20261027T140000Z', '20261103T140000Z'],
    ],
    [
      'monthly on the first Tuesday',
      ['RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=3'],
      at('2026-11-03T15:00:00+01:00', 'Europe/Berlin'),
      ['20261103T140000Z', '20261201T140000Z', '20270105T140000Z'],
    ],
    [
      'monthly on the last Friday',
      ['RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3'],
      at('2026-11-27T10:00:00Z', 'UTC'),
      ['20261127T100000Z', '20261225T100000Z', '20270129T100000Z'],
    ],
    [
      'monthly on day 31 skips shorter months',
      ['RRULE:FREQ=MONTHLY;COUNT=3'],
      at('2027-01-31T10:00:00Z', 'UTC'),
      ['20270131T100000Z', '20270331T100000Z', '20270531T100000Z'],
    ],
    [
      'monthly BYMONTHDAY=-1 is the last day',
      ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2'],
      at('2027-01-31T10:00:00Z', 'UTC'),
      ['20270131T100000Z', '20270228T100000Z'],
    ],
    [
      'every other month',
      ['RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=3'],
      at('2026-11-10T10:00:00Z', 'UTC'),
      ['20261110T100000Z', '20270110T100000Z', '20270310T100000Z'],
    ],
    ['yearly', ['RRULE:FREQ=YEARLY;COUNT=2'], day('2026-06-03'), ['20260603', '20270603']],
    [
      'all-day weekly with a DATE UNTIL',
      ['RRULE:FREQ=WEEKLY;UNTIL=20230617'],
      day('2023-06-03'),
      ['20230603', '20230610', '20230617'],
    ],
    [
      'EXDATE with TZID',
      ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20261110T150000'],
      at('2026-11-03T15:00:00+01:00', 'Europe/Berlin'),
      ['20261103T140000Z', '20261117T140000Z'],
    ],
    [
      'EXDATE in UTC, several in one line',
      ['RRULE:FREQ=DAILY;COUNT=4', 'EXDATE:20261104T090000Z,20261106T090000Z'],
      at('2026-11-03T09:00:00Z', 'UTC'),
      ['20261103T090000Z', '20261105T090000Z'],
    ],
    [
      'EXDATE as a date for an all-day series',
      ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20230604'],
      day('2023-06-03'),
      ['20230603', '20230605'],
    ],
  ])('%s', (_, lines, start, expected) => {
    expect(suffixes(lines, start)).toEqual(expected);
  });

  it('stops infinite rules at the given bound and count', () => {
    const start = at('2026-11-03T15:00:00+01:00', 'Europe/Berlin');
    const recurrence = parseRecurrence(['RRULE:FREQ=DAILY'], 'Europe/Berlin');
    expect(expand(recurrence, start, { before: Date.parse('2026-11-06T00:00:00Z'), max: 100 })).toHaveLength(3);
    expect(expand(recurrence, start, { before: Number.POSITIVE_INFINITY, max: 7 })).toHaveLength(7);
  });

  it('knows which original starts are occurrences', () => {
    const start = at('2026-11-03T15:00:00+01:00', 'Europe/Berlin');
    const recurrence = parseRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=TU', 'EXDATE:20261110T140000Z'], 'Europe/Berlin');
    const when = (iso: string) => ({ kind: 'dateTime' as const, ms: Date.parse(iso) });
    expect(isOccurrence(recurrence, start, when('2026-11-17T14:00:00Z'))).toBe(true);
    expect(isOccurrence(recurrence, start, when('2026-11-10T14:00:00Z'))).toBe(false);
    expect(isOccurrence(recurrence, start, when('2026-11-17T15:00:00Z'))).toBe(false);
    expect(isOccurrence(recurrence, start, when('2026-10-27T14:00:00Z'))).toBe(false);
  });
});

describe('recurrence lines the fake refuses', () => {
  it.each([
    ['RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2'],
    ['RRULE:FREQ=HOURLY'],
    ['RRULE:FREQ=WEEKLY', 'RDATE:20261124T150000Z'],
    ['RRULE:FREQ=YEARLY;BYMONTH=6'],
    ['RRULE:FREQ=WEEKLY', 'RRULE:FREQ=DAILY'],
  ])('says it does not implement %s', (...lines) => {
    expect(() => parseRecurrence(lines, 'UTC')).toThrow(expect.objectContaining({ unsupported: true }));
  });

  it.each([
    ['RRULE:FREQ=WEEKLY;INTERVAL=0'],
    ['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20261124T000000Z'],
    ['RRULE:FREQ=WEEKLY;BYDAY=XX'],
    ['RRULE:FREQ=DAILY;UNTIL=2026-11-24'],
    ['RRULE FREQ=DAILY'],
    ['EXDATE:20261124T150000Z'],
  ])('rejects malformed %s', (...lines) => {
    let error: unknown;
    try {
      parseRecurrence(lines, 'UTC');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecurrenceError);
    // Malformed lines are Google's 400 `invalid`, not "the fake does not implement this".
    expect((error as RecurrenceError).unsupported).toBe(false);
  });
});

describe('rewriting rules for "this and following"', () => {
  it('ends a series one second before the local midnight of the cut, in UTC', () => {
    expect(untilBefore('2025-03-26', 'America/Chicago')).toBe('20250326T045959Z');
    expect(untilBefore('2026-12-08', 'Europe/Berlin')).toBe('20261207T225959Z');
    expect(untilBefore('2023-06-10', undefined)).toBe('20230609');
  });

  it('replaces COUNT or UNTIL and keeps EXDATEs', () => {
    expect(withUntil(['RRULE:FREQ=DAILY;COUNT=10', 'EXDATE:20250325T131500Z'], '20250326T045959Z')).toEqual([
      'RRULE:FREQ=DAILY;UNTIL=20250326T045959Z',
      'EXDATE:20250325T131500Z',
    ]);
    expect(withUntil(['RRULE:FREQ=DAILY;UNTIL=20250401T045959Z'], '20250326T045959Z')).toEqual([
      'RRULE:FREQ=DAILY;UNTIL=20250326T045959Z',
    ]);
  });

  it('continues a counted series with the occurrences it has left', () => {
    expect(continuedFrom(['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8'], 3)).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=5']);
    expect(continuedFrom(['RRULE:FREQ=DAILY'], 3)).toEqual(['RRULE:FREQ=DAILY']);
  });
});
