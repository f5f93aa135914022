// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatDateTime, localDate, offsetMinutes, parseDateTime, wallTimeToMs } from '../../fake-google/time.ts';

const ms = (iso: string) => Date.parse(iso);

describe('time zones', () => {
  it.each([
    // Berlin leaves summer time at 01:00Z on 25 October 2026.
    ['Europe/Berlin', '2026-10-25T00:59:59Z', 120],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', 60],
    ['Europe/Berlin', '2026-03-29T00:59:59Z', 60],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 120],
    ['America/Chicago', '2025-03-24T12:30:00Z', -300],
    ['Asia/Kathmandu', '2026-11-24T12:00:00Z', 345],
    ['UTC', '2026-11-24T12:00:00Z', 0],
  ])('%s at %s is %i minutes east of UTC', (zone, at, minutes) => {
    expect(offsetMinutes(ms(at), zone)).toBe(minutes);
  });

  it('formats dateTime with the zone offset, as Google writes it', () => {
    expect(formatDateTime(ms('2026-11-24T14:00:00Z'), 'Europe/Berlin')).toBe('2026-11-24T15:00:00+01:00');
    expect(formatDateTime(ms('2025-03-24T12:30:00Z'), 'America/Chicago')).toBe('2025-03-24T07:30:00-05:00');
    expect(formatDateTime(ms('2026-11-24T14:00:00Z'), 'UTC')).toBe('2026-11-24T14:00:00Z');
    expect(localDate(ms('2026-11-24T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-25');
  });

  it('turns local times into instants, moving times skipped by DST forward', () => {
    const wall = (day: number, month: number, hour: number, minute = 0) => ({
      year: 2026,
      month,
      day,
      hour,
      minute,
      second: 0,
    });
    expect(wallTimeToMs(wall(24, 11, 15), 'Europe/Berlin')).toBe(ms('2026-11-24T14:00:00Z'));
    expect(wallTimeToMs(wall(20, 10, 15), 'Europe/Berlin')).toBe(ms('2026-10-20T13:00:00Z'));
    // 02:30 does not exist on 29 March 2026 in Berlin.
    expect(wallTimeToMs(wall(29, 3, 2, 30), 'Europe/Berlin')).toBe(ms('2026-03-29T01:30:00Z'));
  });

  it('accepts RFC 3339 only with an offset', () => {
    expect(parseDateTime('2026-11-24T15:00:00+01:00')).toBe(ms('2026-11-24T14:00:00Z'));
    expect(parseDateTime('2026-11-24T14:00:00.123Z')).toBe(ms('2026-11-24T14:00:00.123Z'));
    expect(parseDateTime('2026-11-24T15:00:00')).toBeNull();
    expect(parseDateTime('2026-11-24')).toBeNull();
  });
});
