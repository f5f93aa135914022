/**
 * The part of RFC 5545 recurrence that Google Calendar events use: one `RRULE` with FREQ
 * DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY (with ordinals for monthly rules),
 * BYMONTHDAY and WKST, plus `EXDATE` lines. Anything else is refused loudly
 * (`RecurrenceError.unsupported`) rather than expanded wrongly.
 *
 * Occurrences repeat at the same *local* time in the event's time zone, so a Tuesday 15:00 Berlin
 * series stays at 15:00 across the DST change (its UTC time, and so its instance id suffix, moves).
 */

import {
  addDays,
  basicUtc,
  dateFromBasic,
  dateToUtcMs,
  isDate,
  localDate,
  type WallTime,
  wallOn,
  wallTimeAt,
  wallTimeToMs,
  weekday,
} from './time.ts';

/** When a series starts: a timed start in a time zone, or an all-day date. */
export type SeriesStart = { kind: 'dateTime'; ms: number; timeZone: string } | { kind: 'date'; date: string };

/** One occurrence's original start. */
export type Occurrence = { kind: 'dateTime'; ms: number } | { kind: 'date'; date: string };

type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface Rule {
  freq: Freq;
  interval: number;
  count?: number;
  until?: Occurrence;
  /** Weekdays 0 = SU … 6 = SA; `ordinal` (1, 2, -1 …) only in monthly rules (`BYDAY=2TU`). */
  byDay: Array<{ weekday: number; ordinal?: number }>;
  byMonthDay: number[];
  /** Week start for WEEKLY rules with INTERVAL > 1 (default Monday). */
  wkst: number;
}

export interface Recurrence {
  rule: Rule;
  exdates: Occurrence[];
}

export class RecurrenceError extends Error {
  /** True when the line is valid iCalendar that this fake does not implement (vs. malformed). */
  readonly unsupported: boolean;

  constructor(message: string, unsupported = false) {
    super(message);
    this.unsupported = unsupported;
  }
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const SUPPORTED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
/** Stops runaway expansion of rules that can never produce another occurrence. */
const MAX_EMPTY_PERIODS = 5000;

/**
 * Parses an event's `recurrence` lines. `timeZone` is the event's start time zone, used for
 * floating (`20261124T150000`) UNTIL and EXDATE values.
 */
export function parseRecurrence(lines: readonly string[], timeZone: string | undefined): Recurrence {
  let rule: Rule | undefined;
  const exdates: Occurrence[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    const [rawName = '', ...params] = line.slice(0, colon).split(';');
    const name = rawName.toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'RRULE') {
      if (rule) throw new RecurrenceError('more than one RRULE', true);
      rule = parseRule(value, timeZone);
    } else if (name === 'EXDATE') {
      exdates.push(...parseDateList(value, params, timeZone));
    } else if (name === 'RDATE' || name === 'EXRULE') {
      throw new RecurrenceError(`${name} lines`, true);
    } else {
      throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    }
  }
  if (!rule) throw new RecurrenceError('recurrence without an RRULE');
  return { rule, exdates };
}

function parseRule(value: string, timeZone: string | undefined): Rule {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const [key, val] = part.split('=');
    if (!key || val === undefined) throw new RecurrenceError(`Invalid RRULE part: ${part}`);
    const upper = key.toUpperCase();
    if (!SUPPORTED_PARTS.has(upper)) throw new RecurrenceError(`RRULE part ${upper}`, true);
    parts.set(upper, val.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    throw new RecurrenceError(freq ? `FREQ=${freq}` : 'RRULE without FREQ', Boolean(freq));
  }
  const interval = positiveInt(parts.get('INTERVAL') ?? '1', 'INTERVAL');
  const count = parts.has('COUNT') ? positiveInt(parts.get('COUNT') ?? '', 'COUNT') : undefined;
  const until = parts.has('UNTIL') ? parseDateValue(parts.get('UNTIL') ?? '', timeZone) : undefined;
  if (count !== undefined && until !== undefined) throw new RecurrenceError('RRULE with both COUNT and UNTIL');
  const byDay = (parts.get('BYDAY')?.split(',') ?? []).map(parseByDay);
  if (freq !== 'MONTHLY' && byDay.some((d) => d.ordinal !== undefined)) {
    throw new RecurrenceError(`BYDAY with an ordinal in a ${freq} rule`, true);
  }
  const byMonthDay = (parts.get('BYMONTHDAY')?.split(',') ?? []).map((d) => {
    const n = Number(d);
    if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 31) throw new RecurrenceError(`Invalid BYMONTHDAY: ${d}`);
    return n;
  });
  if (freq !== 'MONTHLY' && byMonthDay.length > 0) throw new RecurrenceError(`BYMONTHDAY in a ${freq} rule`, true);
  if (freq === 'YEARLY' && byDay.length > 0) throw new RecurrenceError('BYDAY in a YEARLY rule', true);
  const wkst = WEEKDAYS.indexOf(parts.get('WKST') ?? 'MO');
  if (wkst < 0) throw new RecurrenceError(`Invalid WKST: ${parts.get('WKST')}`);
  return { freq, interval, ...(count !== undefined && { count }), ...(until && { until }), byDay, byMonthDay, wkst };
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RecurrenceError(`Invalid ${name}: ${value}`);
  return n;
}

function parseByDay(value: string): { weekday: number; ordinal?: number } {
  const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(value);
  if (!m) throw new RecurrenceError(`Invalid BYDAY: ${value}`);
  const day = WEEKDAYS.indexOf(m[2] ?? '');
  if (m[1] === undefined) return { weekday: day };
  const ordinal = Number(m[1]);
  if (ordinal === 0 || Math.abs(ordinal) > 5) throw new RecurrenceError(`Invalid BYDAY: ${value}`);
  return { weekday: day, ordinal };
}

/** `20261124T140000Z`, `20261124T150000` (local to `timeZone`) or `20261124`. */
function parseDateValue(value: string, timeZone: string | undefined): Occurrence {
  const m = /^(\d{8})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  const date = m?.[1] ? dateFromBasic(m[1]) : '';
  if (!m || !isDate(date)) throw new RecurrenceError(`Invalid date value: ${value}`);
  if (m[2] === undefined) return { kind: 'date', date };
  const time = { hour: Number(m[2]), minute: Number(m[3]), second: Number(m[4]) };
  if (m[5] === 'Z') return { kind: 'dateTime', ms: Date.parse(`${date}T${m[2]}:${m[3]}:${m[4]}Z`) };
  if (!timeZone) throw new RecurrenceError(`Floating time ${value} without a time zone`);
  return { kind: 'dateTime', ms: wallTimeToMs(wallOn(date, time), timeZone) };
}

function parseDateList(value: string, params: string[], timeZone: string | undefined): Occurrence[] {
  let zone = timeZone;
  for (const param of params) {
    const [key = '', val = ''] = param.split('=');
    if (key.toUpperCase() === 'TZID') zone = val;
    else if (key.toUpperCase() !== 'VALUE' || !['DATE', 'DATE-TIME'].includes(val.toUpperCase())) {
      throw new RecurrenceError(`EXDATE;${param}`, true);
    }
  }
  return value.split(',').map((item) => parseDateValue(item.toUpperCase(), zone));
}

/** Options for `expand`: occurrences starting before `before` (ms), at most `max` of them. */
export interface ExpandLimits {
  before: number;
  max: number;
}

/**
 * The occurrences of a series in order, EXDATEs removed. COUNT counts occurrences before EXDATE
 * removal, as RFC 5545 says. Only occurrences on or after the series start are produced.
 */
export function expand(recurrence: Recurrence, start: SeriesStart, limits: ExpandLimits): Occurrence[] {
  const { rule } = recurrence;
  const startDate = start.kind === 'date' ? start.date : localDate(start.ms, start.timeZone);
  const timeOfDay: Pick<WallTime, 'hour' | 'minute' | 'second'> =
    start.kind === 'date' ? { hour: 0, minute: 0, second: 0 } : wallTimeAt(start.ms, start.timeZone);
  const out: Occurrence[] = [];
  let generated = 0;
  for (const date of candidateDates(rule, startDate)) {
    const occurrence: Occurrence =
      start.kind === 'date'
        ? { kind: 'date', date }
        : { kind: 'dateTime', ms: wallTimeToMs(wallOn(date, timeOfDay), start.timeZone) };
    if (rule.until && isAfter(occurrence, rule.until, start)) break;
    if (startMs(occurrence) >= limits.before || out.length >= limits.max) break;
    generated += 1;
    if (!recurrence.exdates.some((ex) => sameOccurrence(occurrence, ex, start))) out.push(occurrence);
    if (rule.count !== undefined && generated >= rule.count) break;
  }
  return out;
}

/** Whether `occurrence` is one of the series' occurrences (not excluded). */
export function isOccurrence(recurrence: Recurrence, start: SeriesStart, occurrence: Occurrence): boolean {
  return expand(recurrence, start, { before: startMs(occurrence) + 1, max: Number.MAX_SAFE_INTEGER }).some((o) =>
    sameOccurrence(o, occurrence, start),
  );
}

/** Start of an occurrence in ms (all-day: midnight UTC of its date, for ordering and bounds). */
export function startMs(occurrence: Occurrence): number {
  return occurrence.kind === 'date' ? dateToUtcMs(occurrence.date) : occurrence.ms;
}

function isAfter(occurrence: Occurrence, until: Occurrence, start: SeriesStart): boolean {
  if (until.kind === 'dateTime') return startMs(occurrence) > until.ms;
  const date = occurrence.kind === 'date' ? occurrence.date : localDate(occurrence.ms, zoneOf(start));
  return date > until.date;
}

function sameOccurrence(a: Occurrence, b: Occurrence, start: SeriesStart): boolean {
  if (a.kind === 'dateTime' && b.kind === 'dateTime') return a.ms === b.ms;
  const dateOf = (o: Occurrence) => (o.kind === 'date' ? o.date : localDate(o.ms, zoneOf(start)));
  return dateOf(a) === dateOf(b);
}

function zoneOf(start: SeriesStart): string {
  return start.kind === 'dateTime' ? start.timeZone : 'UTC';
}

/** Local dates the rule produces, in order, from the series start on. */
function* candidateDates(rule: Rule, startDate: string): Generator<string> {
  let empty = 0;
  for (let period = 0; empty < MAX_EMPTY_PERIODS; period += 1) {
    const dates = periodDates(rule, startDate, period).filter((d) => d >= startDate);
    empty = dates.length === 0 ? empty + 1 : 0;
    yield* dates;
  }
}

/** The dates of the `period`-th period (day, week, month or year) of the rule, sorted. */
function periodDates(rule: Rule, startDate: string, period: number): string[] {
  const weekdays = rule.byDay.map((d) => d.weekday);
  switch (rule.freq) {
    case 'DAILY': {
      const date = addDays(startDate, period * rule.interval);
      return weekdays.length === 0 || weekdays.includes(weekday(date)) ? [date] : [];
    }
    case 'WEEKLY': {
      const weekStart = addDays(startDate, -((weekday(startDate) - rule.wkst + 7) % 7));
      const days = weekdays.length > 0 ? weekdays : [weekday(startDate)];
      const offsets = [...new Set(days.map((d) => (d - rule.wkst + 7) % 7))].sort((a, b) => a - b);
      return offsets.map((offset) => addDays(weekStart, period * 7 * rule.interval + offset));
    }
    case 'MONTHLY': {
      const [year, month] = startDate.split('-').map(Number) as [number, number];
      const index = month - 1 + period * rule.interval;
      return monthDates(rule, year + Math.floor(index / 12), (index % 12) + 1, Number(startDate.slice(8, 10)));
    }
    case 'YEARLY': {
      const year = Number(startDate.slice(0, 4)) + period * rule.interval;
      const date = `${String(year).padStart(4, '0')}${startDate.slice(4)}`;
      return isDate(date) ? [date] : [];
    }
  }
}

function monthDates(rule: Rule, year: number, month: number, startDay: number): string[] {
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const all = Array.from({ length }, (_, i) => addDays(first, i));
  let days: string[];
  if (rule.byDay.length > 0) {
    days = rule.byDay.flatMap(({ weekday: day, ordinal }) => {
      const matching = all.filter((d) => weekday(d) === day);
      if (ordinal === undefined) return matching;
      const pick = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
      return pick ? [pick] : [];
    });
    if (rule.byMonthDay.length > 0) days = days.filter((d) => rule.byMonthDay.some((n) => monthDay(n, length) === d));
  } else if (rule.byMonthDay.length > 0) {
    days = rule.byMonthDay.map((n) => monthDay(n, length)).filter((d): d is string => d !== null);
  } else {
    days = startDay <= length ? [all[startDay - 1] as string] : [];
  }
  return [...new Set(days)].sort();

  function monthDay(n: number, monthLength: number): string | null {
    const day = n > 0 ? n : monthLength + n + 1;
    return day >= 1 && day <= monthLength ? (all[day - 1] as string) : null;
  }
}

// ---------------------------------------------------------------- rewriting rules ("this and following")

/**
 * The UNTIL Google writes when a series is cut before `cutDate` (local date of the first occurrence
 * that no longer belongs to it): one second before local midnight, in UTC. A Chicago series cut on
 * 2025-03-26 gets `UNTIL=20250326T045959Z` (fixture incremental-delete-this-and-following-2025).
 */
export function untilBefore(cutDate: string, timeZone: string | undefined): string {
  if (!timeZone) return basicUtc(dateToUtcMs(cutDate) - 1000).slice(0, 8);
  return basicUtc(wallTimeToMs(wallOn(cutDate, { hour: 0, minute: 0, second: 0 }), timeZone) - 1000);
}

/** The recurrence lines with the RRULE's end replaced by `UNTIL=<until>` (COUNT dropped). */
export function withUntil(lines: readonly string[], until: string): string[] {
  return lines.map((line) => {
    if (!/^RRULE:/i.test(line)) return line;
    const parts = line
      .slice(6)
      .split(';')
      .filter((p) => !/^(UNTIL|COUNT)=/i.test(p));
    return `RRULE:${[...parts, `UNTIL=${until}`].join(';')}`;
  });
}

/**
 * The recurrence lines for the new series that continues from an occurrence: the same rule, with
 * COUNT reduced by the occurrences already used (`used`), EXDATEs kept.
 */
export function continuedFrom(lines: readonly string[], used: number): string[] {
  return lines.map((line) => {
    if (!/^RRULE:/i.test(line)) return line;
    return line.replace(/COUNT=(\d+)/i, (_, n: string) => `COUNT=${Math.max(1, Number(n) - used)}`);
  });
}
