/**
 * Wall-clock times in a named (IANA) time zone, for scheduling a series "Tuesdays at 16:00,
 * Europe/Berlin" whatever zone the browser is in. Only `Intl`: no time-zone data of our own.
 */

/** The browser's own zone (`Europe/Berlin`); `UTC` if it cannot tell. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `Intl` knows the zone. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the browser knows, for a picker (with `zone` in it even if the list lacks it). */
export function timeZones(zone: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(zone) ? all : [zone, ...all];
}

/** The day (`YYYY-MM-DD`) and time (`HH:MM`) on the wall clock of `timeZone` at `at`. */
export function wallClock(at: Date, timeZone: string): { day: string; time: string } {
  const parts = new Map(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`,
    time: `${parts.get('hour')}:${parts.get('minute')}`,
  };
}

/** Minutes east of UTC in `timeZone` at instant `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const { day, time } = wallClock(new Date(ms), timeZone);
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The instant when the wall clock of `timeZone` shows `day` `time` (`2026-12-01`, `16:00`), or `null`
 * for an unreadable day, time or zone. A time the clocks skip (spring forward) is read with the
 * offset from before the change, so it lands after the gap, as Google Calendar does.
 */
export function instantAt(day: string, time: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time) || !isTimeZone(timeZone)) return null;
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 10) !== day) return null;
  // The offset in force at the result may differ from the first guess's across a change: a second
  // round settles it. A skipped time matches neither; the second round's is the one after the gap.
  const first = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc - offsetMinutes(first, timeZone) * 60_000;
  const shows = (ms: number) => wallClock(new Date(ms), timeZone).time === time;
  return new Date(shows(second) || !shows(first) ? second : first);
}
