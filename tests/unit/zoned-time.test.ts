import { describe, expect, it } from 'vitest';
import { instantAt, isTimeZone, timeZones, wallClock } from '../../lib/zoned-time';

describe('zoned time', () => {
  it.each([
    ['2026-12-01', '16:00', 'Europe/Berlin', '2026-12-01T15:00:00.000Z'],
    ['2026-07-07', '16:00', 'Europe/Berlin', '2026-07-07T14:00:00.000Z'],
    ['2026-11-24', '15:00', 'UTC', '2026-11-24T15:00:00.000Z'],
    ['2026-11-24', '09:30', 'America/New_York', '2026-11-24T14:30:00.000Z'],
    ['2026-11-24', '00:15', 'Asia/Kolkata', '2026-11-23T18:45:00.000Z'],
    // Spring forward in Berlin (02:00 → 03:00): a skipped 02:30 lands after the gap, at 03:30 CEST.
    ['2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    // Fall back (03:00 → 02:00): 02:30 happens twice; the later one.
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T01:30:00.000Z'],
    ['2026-03-29', '03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
  ])('%s %s in %s is %s', (day, time, zone, instant) => {
    expect(instantAt(day, time, zone)?.toISOString()).toBe(instant);
    if (!(day === '2026-03-29' && time === '02:30')) expect(wallClock(new Date(instant), zone)).toEqual({ day, time });
  });

  it.each([
    ['2026-02-30', '10:00', 'UTC'],
    ['2026-12-01', '25:00', 'UTC'],
    ['2026-12-01', '10:00', 'Nowhere/Land'],
    ['', '10:00', 'UTC'],
    ['2026-12-01', '', 'UTC'],
  ])('refuses %s %s in %s', (day, time, zone) => {
    expect(instantAt(day, time, zone)).toBeNull();
  });

  it('knows zones, and lists the current one even when Intl does not', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('')).toBe(false);
    expect(timeZones('Europe/Berlin')).toContain('Europe/Berlin');
    expect(timeZones('Europe/Nowhere')[0]).toBe('Europe/Nowhere');
  });
});
