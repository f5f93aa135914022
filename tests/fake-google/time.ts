/**
 * Time arithmetic for the fake: wall-clock times in IANA time zones (recurring events repeat at the
 * same local time across DST changes, as Google does), RFC 3339 as Google writes it, and the basic
 * formats used inside ids and RRULEs. Only Intl and Date; no time-zone database of our own.
 */

/** A local (wall-clock) time in some time zone. Months are 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at instant `ms` in `timeZone`. */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const local = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The same, straight from Intl (slow; only for filling the offset cache). */
function intlWallTimeAt(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Minutes east of UTC in `timeZone` at instant `ms` (Berlin in winter: 60). Offsets change on
 * quarter hours of UTC, so they are cached per quarter hour: Intl is the slow part of expanding a
 * long series.
 */
export function offsetMinutes(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone} ${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = Math.round((wallAsUtc(intlWallTimeAt(bucket, timeZone)) - bucket) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant of a wall-clock time in `timeZone`. A local time skipped by a DST change (02:30 on
 * the spring-forward night) moves forward by the gap, as RFC 5545 asks for recurrence instances.
 */
export function wallTimeToMs(wall: WallTime, timeZone: string): number {
  const guess = wallAsUtc(wall);
  const first = guess - offsetMinutes(guess, timeZone) * 60_000;
  return guess - offsetMinutes(first, timeZone) * 60_000;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** `2026-11-24T15:00:00+01:00`, as Google writes `dateTime` in an event's time zone (UTC as `Z`). */
export function formatDateTime(ms: number, timeZone: string): string {
  const wall = wallTimeAt(ms, timeZone);
  const offset = offsetMinutes(ms, timeZone);
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${zone}`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds of an RFC 3339 timestamp with a mandatory offset, or null if it is not one. */
export function parseDateTime(value: string): number | null {
  if (!RFC3339.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value;
}

/** Midnight UTC of a `YYYY-MM-DD` date; all-day arithmetic is done on these. */
export function dateToUtcMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

/** `20261124T140000Z`: the suffix of a timed occurrence id, and RRULE/EXDATE UTC times. */
export function basicUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `20261124`: the suffix of an all-day occurrence id. */
export function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

/** `20261124` → `2026-11-24` (no validation beyond the shape). */
export function dateFromBasic(basic: string): string {
  return `${basic.slice(0, 4)}-${basic.slice(4, 6)}-${basic.slice(6, 8)}`;
}

/** The local calendar date of instant `ms` in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(ms: number, timeZone: string): string {
  const wall = wallTimeAt(ms, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** A wall time from a date and a time of day. */
export function wallOn(date: string, time: Pick<WallTime, 'hour' | 'minute' | 'second'>): WallTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, hour: time.hour, minute: time.minute, second: time.second };
}
