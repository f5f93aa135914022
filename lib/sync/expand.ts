/**
 * The occurrences of a Calendar series, from its master's start, end and `recurrence` lines: the one
 * module that expands rules, with `rrule`.
 *
 * `rrule` reads and returns "floating" wall times dressed as UTC `Date`s, and its `tzid` support
 * depends on the machine's own zone. So it is given none: the rule runs on the wall clock of the
 * series' zone (16:00 stays 16:00 across DST, as Google does), and each wall time is then turned
 * into an instant here. `UNTIL` (UTC in Google's rules) is turned into that wall clock first.
 * `EXDATE`/`RDATE` lines are read here too (they are lists of times, no rule).
 *
 * Times are ISO instants in UTC (`2026-11-24T15:00:00.000Z`), or `YYYY-MM-DD` for all-day series.
 */
import { RRule } from 'rrule';
import type { EventDateTime } from '../calendar/schemas';
import { basicUtc } from '../calendar/series';

export interface SeriesTiming {
  start: EventDateTime;
  end: EventDateTime;
  recurrence: readonly string[];
}

export interface Occurrence {
  /** Where the rule puts it: also what its instance id says. */
  originalStart: string;
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

/** Every occurrence whose original start lies in `[from, to)`. */
export function occurrencesBetween(series: SeriesTiming, from: Date, to: Date): Occurrence[] {
  const zone = zoneOf(series.start);
  const allDay = series.start.date !== undefined;
  const firstWall = wallStart(series.start, zone);
  const duration = instantOf(series.end, zone).getTime() - instantOf(series.start, zone).getTime();
  const excluded = new Set<string>();
  const starts = new Map<string, Date>();
  const add = (instant: Date) => starts.set(key(instant, allDay), instant);

  for (const line of series.recurrence) {
    const [head = '', values = ''] = splitLine(line);
    const name = head.split(';')[0]?.toUpperCase();
    if (name === 'RRULE') {
      const rule = ruleOf(values, firstWall, zone);
      // A day of slack either side: a wall time maps to an instant up to ±14 h away.
      for (const wall of rule.between(new Date(wallOf(from, zone).getTime() - DAY_MS), wallOf(to, zone), true)) {
        add(allDay ? wall : fromWall(wall, zone));
      }
    } else if (name === 'EXDATE' || name === 'RDATE') {
      for (const instant of listTimes(head, values, zone)) {
        if (name === 'EXDATE') excluded.add(key(instant, allDay));
        else add(instant);
      }
    }
  }
  // The first occurrence is the master's own start, whether or not the rule matches it (RFC 5545).
  add(allDay ? firstWall : fromWall(firstWall, zone));

  return [...starts.entries()]
    .filter(([k, instant]) => !excluded.has(k) && instant >= from && instant < to)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, instant]) => ({
      originalStart: k,
      start: k,
      end: key(new Date(instant.getTime() + duration), allDay),
    }));
}

/** The occurrence the rule puts at `originalStart` (as an instance id's suffix says), if it does. */
export function occurrenceAt(series: SeriesTiming, originalStart: string): Occurrence | undefined {
  const at = new Date(originalStart.length === 10 ? `${originalStart}T00:00:00.000Z` : originalStart);
  if (Number.isNaN(at.getTime())) return undefined;
  return occurrencesBetween(series, at, new Date(at.getTime() + 1000)).find((o) => o.originalStart === originalStart);
}

/** The API id of an occurrence: `<seriesId>_<basic UTC>` (timed) or `<seriesId>_<YYYYMMDD>` (all-day). */
export function instanceId(seriesId: string, originalStart: string): string {
  return originalStart.length === 10
    ? `${seriesId}_${originalStart.replaceAll('-', '')}`
    : `${seriesId}_${basicUtc(new Date(originalStart))}`;
}

/** An event time as an ISO instant, or its date for all-day times. */
export function timeOf(time: EventDateTime): string {
  return time.dateTime ? new Date(time.dateTime).toISOString() : (time.date ?? '');
}

type Zone = { name: string } | { offsetMinutes: number };

/** The series' IANA zone, else the fixed offset its start was written with. */
function zoneOf(start: EventDateTime): Zone {
  if (start.timeZone && isZone(start.timeZone)) return { name: start.timeZone };
  const offset = /([+-])(\d\d):(\d\d)$/.exec(start.dateTime ?? '');
  return { offsetMinutes: offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0 };
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function key(instant: Date, allDay: boolean): string {
  return allDay ? instant.toISOString().slice(0, 10) : instant.toISOString();
}

function instantOf(time: EventDateTime, zone: Zone): Date {
  return time.dateTime ? new Date(time.dateTime) : fromWall(new Date(`${time.date}T00:00:00.000Z`), zone);
}

function wallStart(time: EventDateTime, zone: Zone): Date {
  return time.dateTime ? wallOf(new Date(time.dateTime), zone) : new Date(`${time.date}T00:00:00.000Z`);
}

/** The wall clock of `zone` at `instant`, as a Date whose UTC fields are that wall clock. */
export function wallOf(instant: Date, zone: Zone): Date {
  return new Date(instant.getTime() + offsetAt(instant, zone) * 60_000);
}

/** The instant at which `zone`'s wall clock shows `wall` (a nonexistent DST-gap time moves forward). */
function fromWall(wall: Date, zone: Zone): Date {
  const guess = new Date(wall.getTime() - offsetAt(wall, zone) * 60_000);
  return new Date(wall.getTime() - offsetAt(guess, zone) * 60_000);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in `zone` at `instant`. */
function offsetAt(instant: Date, zone: Zone): number {
  if ('offsetMinutes' in zone) return zone.offsetMinutes;
  let format = formats.get(zone.name);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone.name, format);
  }
  const parts = new Map(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** `NAME;PARAM=x:VALUE` → [`NAME;PARAM=x`, `VALUE`]. */
function splitLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)];
}

function ruleOf(values: string, firstWall: Date, zone: Zone): RRule {
  const options = RRule.parseString(values);
  // A UTC UNTIL (`…Z`) is an instant; a floating or date one is already wall time.
  const utcUntil = /UNTIL=\d{8}T\d{6}Z/i.test(values);
  const until = options.until ? (utcUntil ? wallOf(options.until, zone) : options.until) : null;
  return new RRule({ ...options, dtstart: firstWall, until, tzid: null });
}

/** The times of an `EXDATE`/`RDATE` line: `20261124T150000Z`, `TZID=…:20261124T160000`, `VALUE=DATE:20261124`. */
function listTimes(head: string, values: string, zone: Zone): Date[] {
  const tzid = /;TZID=([^;:]+)/i.exec(head)?.[1];
  const lineZone: Zone = tzid && isZone(tzid) ? { name: tzid } : zone;
  return values
    .split(',')
    .map((value) => /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, y, mo, d, h, mi, s, z]) => {
      const wall = new Date(`${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}.000Z`);
      return h === undefined || z === 'Z' ? wall : fromWall(wall, lineZone);
    });
}
