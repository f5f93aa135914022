import { describe, expect, it } from 'vitest';
import { describeSeries } from '../../../components/options/SeriesScheduler';
import type { SeriesStatus } from '../../../lib/sync/series-status';

const series: SeriesStatus = {
  calendarId: 'me@example.com',
  seriesId: 'a',
  state: 'on-calendar',
  byTandem: true,
  start: '2026-12-01T16:00:00+01:00',
  timeZone: 'Europe/Berlin',
  rule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
};

describe('describeSeries', () => {
  it('tells the rhythm and the time in the series’ own zone, and when it ends', () => {
    expect(describeSeries(series)).toMatch(
      /^Every 2 weeks at 16:00 \(Europe\/Berlin\), from (1 Dec 2026|Dec 1, 2026)$/,
    );
    expect(
      describeSeries({ ...series, rule: `${series.rule};UNTIL=20261215T145959Z`, until: '2026-12-15T14:59:59.000Z' }),
    ).toMatch(
      /^Every 2 weeks at 16:00 \(Europe\/Berlin\), from (1 Dec 2026|Dec 1, 2026), until (15 Dec 2026|Dec 15, 2026)$/,
    );
    expect(describeSeries({ ...series, rule: 'RRULE:FREQ=MONTHLY;BYDAY=1TU', timeZone: 'America/New_York' })).toMatch(
      /^Every month at 10:00 \(America\/New_York\), from (1 Dec 2026|Dec 1, 2026)$/,
    );
  });

  it('says who made a series it has not read yet', () => {
    expect(describeSeries({ ...series, start: undefined, rule: undefined } as SeriesStatus)).toBe(
      'Scheduled by Tandem',
    );
    expect(describeSeries({ calendarId: 'x', seriesId: 'y', state: 'not-synced', byTandem: false })).toBe(
      'Tracked from Google Calendar',
    );
  });
});
