import { describe, expect, it } from 'vitest';
import {
  BLOCK_END,
  BLOCK_START,
  basicUtc,
  cadenceRule,
  endSeries,
  replaceTandemBlock,
  seriesEvent,
  tandemDescriptionBlock,
  zonedDateTime,
} from '../../../lib/calendar/series';
import type { Relationship } from '../../../lib/model/relationship';
import { WEEKLY_AGREEMENT } from '../agreement';

const ID = '3f1c2b9e-8a61-4c4e-9f0a-2d5b7c8e9a10';

function relationship(changes: Partial<Relationship['agreement']> = {}, email?: string): Relationship {
  return {
    id: ID,
    myRole: 'mentor',
    other: { name: 'Ben Okafor', ...(email ? { email } : {}) },
    status: 'active',
    startedOn: '2026-11-01',
    series: [],
    agreement: { ...WEEKLY_AGREEMENT, ...changes },
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
  };
}

/** Tuesday 24 November 2026, 16:00 in Berlin. */
const TUESDAY = new Date('2026-11-24T15:00:00Z');

describe('seriesEvent', () => {
  it('builds the insert body: times in the zone, weekly rule, guest, Meet request, description, tags', () => {
    const body = seriesEvent(relationship({}, 'ben@example.com'), {
      firstStart: TUESDAY,
      timeZone: 'Europe/Berlin',
      requestId: 'req-1',
      myName: 'Ana',
    });
    expect(body).toEqual({
      summary: 'Mentoring: Ana & Ben Okafor',
      description: tandemDescriptionBlock(),
      start: { dateTime: '2026-11-24T16:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-11-24T16:45:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
      attendees: [{ email: 'ben@example.com' }],
      conferenceData: { createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      extendedProperties: { private: { tandemRelationship: ID, tandemVersion: '1' } },
    });
  });

  it('has no guest without an email, and no Meet request without video', () => {
    const body = seriesEvent(relationship({ channels: ['in-person', 'chat'] }), {
      firstStart: TUESDAY,
      timeZone: 'Europe/Berlin',
      requestId: 'req-2',
    });
    expect(body.summary).toBe('Mentoring with Ben Okafor');
    expect(body).not.toHaveProperty('id');
    expect(body).not.toHaveProperty('attendees');
    expect(body).not.toHaveProperty('conferenceData');
  });

  it('carries a client-chosen id when given one', () => {
    const id = '3f1c2b9e8a614c4e9f0a2d5b7c8e9a10';
    expect(seriesEvent(relationship(), { firstStart: TUESDAY, timeZone: 'UTC', requestId: 'r', eventId: id }).id).toBe(
      id,
    );
  });

  it('keeps every tag key within the 44 characters Google allows', () => {
    const body = seriesEvent(relationship(), { firstStart: TUESDAY, timeZone: 'UTC', requestId: 'r' });
    for (const key of Object.keys(body.extendedProperties?.private ?? {})) expect(key.length).toBeLessThanOrEqual(44);
  });
});

describe('cadenceRule', () => {
  it.each([
    ['weekly', { kind: 'weekly' } as const, TUESDAY, 'RRULE:FREQ=WEEKLY;BYDAY=TU'],
    ['biweekly', { kind: 'biweekly' } as const, TUESDAY, 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
    [
      'monthly, 2nd Tuesday',
      { kind: 'monthly' } as const,
      new Date('2026-11-10T15:00:00Z'),
      'RRULE:FREQ=MONTHLY;BYDAY=2TU',
    ],
    ['monthly, 4th Tuesday', { kind: 'monthly' } as const, TUESDAY, 'RRULE:FREQ=MONTHLY;BYDAY=4TU'],
    [
      'monthly, 5th Tuesday → last',
      { kind: 'monthly' } as const,
      new Date('2026-12-29T15:00:00Z'),
      'RRULE:FREQ=MONTHLY;BYDAY=-1TU',
    ],
    ['custom', { kind: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' } as const, TUESDAY, 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH'],
    [
      'custom with prefix',
      { kind: 'custom', rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1MO' } as const,
      TUESDAY,
      'RRULE:FREQ=MONTHLY;BYDAY=1MO',
    ],
  ])('%s', (_name, cadence, start, rule) => {
    expect(cadenceRule(cadence, start, 'Europe/Berlin')).toBe(rule);
  });

  it('takes the weekday in the series time zone, not in UTC', () => {
    // Tuesday 23:30 UTC is Wednesday 08:30 in Tokyo and Tuesday 17:30 in Chicago.
    const late = new Date('2026-11-24T23:30:00Z');
    expect(cadenceRule({ kind: 'weekly' }, late, 'Asia/Tokyo')).toBe('RRULE:FREQ=WEEKLY;BYDAY=WE');
    expect(cadenceRule({ kind: 'weekly' }, late, 'America/Chicago')).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU');
    // The 1st of December in Tokyo is still the 30th of November (5th Monday) in Chicago.
    const edge = new Date('2026-12-01T01:00:00Z');
    expect(cadenceRule({ kind: 'monthly' }, edge, 'Asia/Tokyo')).toBe('RRULE:FREQ=MONTHLY;BYDAY=1TU');
    expect(cadenceRule({ kind: 'monthly' }, edge, 'America/Chicago')).toBe('RRULE:FREQ=MONTHLY;BYDAY=-1MO');
  });
});

describe('zonedDateTime', () => {
  it.each([
    ['winter in Berlin', '2026-11-24T15:00:00Z', 'Europe/Berlin', '2026-11-24T16:00:00+01:00'],
    ['summer in Berlin', '2026-07-14T14:00:00Z', 'Europe/Berlin', '2026-07-14T16:00:00+02:00'],
    ['Chicago', '2025-03-26T13:15:00Z', 'America/Chicago', '2025-03-26T08:15:00-05:00'],
    ['half-hour zone', '2026-11-24T15:00:00Z', 'Asia/Kolkata', '2026-11-24T20:30:00+05:30'],
    ['UTC', '2026-11-24T15:00:00Z', 'UTC', '2026-11-24T15:00:00+00:00'],
  ])('%s', (_name, instant, zone, expected) => {
    expect(zonedDateTime(new Date(instant), zone)).toBe(expected);
    expect(new Date(expected).getTime()).toBe(new Date(instant).getTime());
  });

  it('refuses an unknown zone', () => {
    expect(() => zonedDateTime(TUESDAY, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('endSeries', () => {
  it('replaces COUNT with an UNTIL one second before the cut, and keeps EXDATEs', () => {
    expect(
      endSeries(
        ['RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU', 'EXDATE;TZID=Europe/Berlin:20261201T160000'],
        new Date('2027-01-05T15:00:00Z'),
      ),
    ).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270105T145959Z', 'EXDATE;TZID=Europe/Berlin:20261201T160000']);
  });

  it('moves an existing UNTIL', () => {
    // The real split in incremental-edit-this-and-following-2025.json cut at 2025-03-26T13:15Z;
    // Calendar wrote UNTIL=20250326T045959Z (end of the previous day): both exclude that occurrence.
    expect(endSeries(['RRULE:FREQ=DAILY;UNTIL=20250401T045959Z'], new Date('2025-03-26T13:15:00Z'))).toEqual([
      'RRULE:FREQ=DAILY;UNTIL=20250326T131459Z',
    ]);
  });

  it('never extends a rule that already ends earlier (Calendar split it first): ending it again is a no-op', () => {
    const split = ['RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261207T225959Z', 'EXDATE:20261124T140000Z'];
    expect(endSeries(split, new Date('2026-12-15T14:00:00Z'))).toEqual(split);
    expect(endSeries(['RRULE:FREQ=WEEKLY;UNTIL=20261215'], new Date('2027-01-05T14:00:00Z'))).toEqual([
      'RRULE:FREQ=WEEKLY;UNTIL=20261215',
    ]);
    expect(endSeries(['RRULE:FREQ=WEEKLY;UNTIL=20261215T140000Z'], new Date('2026-12-15T14:00:00Z'))).toEqual([
      'RRULE:FREQ=WEEKLY;UNTIL=20261215T135959Z',
    ]);
  });

  it('formats basic UTC like occurrence ids', () => {
    expect(basicUtc(new Date('2026-11-24T15:00:00.750Z'))).toBe('20261124T150000Z');
  });
});

describe('replaceTandemBlock', () => {
  it('writes the block into an empty description', () => {
    expect(replaceTandemBlock(undefined)).toBe(tandemDescriptionBlock());
    expect(replaceTandemBlock('  \n')).toBe(tandemDescriptionBlock());
  });

  it('appends it after what the user wrote', () => {
    expect(replaceTandemBlock('Room 4.12\n')).toBe(`Room 4.12\n\n${tandemDescriptionBlock()}`);
  });

  it('replaces only our block, keeping text before and after it', () => {
    const old = `Bring the CV<br><br>${BLOCK_START}<br>old words<br>${BLOCK_END}<br>Parking: level 2`;
    expect(replaceTandemBlock(old, `${BLOCK_START}\nnew\n${BLOCK_END}`)).toBe(
      `Bring the CV<br><br>${BLOCK_START}\nnew\n${BLOCK_END}<br>Parking: level 2`,
    );
  });

  it('leaves a lone start marker (the user cut our block) and appends a whole block', () => {
    const text = `${BLOCK_START} was here`;
    expect(replaceTandemBlock(text)).toBe(`${text}\n\n${tandemDescriptionBlock()}`);
  });
});
