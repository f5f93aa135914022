/**
 * The recurring Calendar series for a relationship, built from its agreement (cadence, session
 * length, channels). Pure functions that only build strings and objects: no rrule library, no
 * network. The result is an `events.insert` body.
 */
import type { calendar_v3 } from 'googleapis';
import type { Cadence, Relationship } from '../model/relationship';
import { tandemTags } from './tags';

export interface SeriesOptions {
  /** The first session's start; its weekday (and, monthly, its week of the month) sets the rule. */
  firstStart: Date;
  /** IANA zone the series repeats in (`Europe/Berlin`): 16:00 stays 16:00 across DST. */
  timeZone: string;
  /** Idempotency key for the Meet link request; reuse it when retrying the same insert. */
  requestId: string;
  /** The user's own name, for a title both sides recognise; without it the title names the other person. */
  myName?: string;
  /**
   * A client-chosen event id (base32hex `a-v0-9`, 5–1024 characters; a UUID without dashes fits), so
   * that an insert retried after a lost response fails as a duplicate instead of making two series.
   */
  eventId?: string;
}

/**
 * The `events.insert` body for a relationship's series. When the agreement includes video it asks
 * for a Meet link: insert it with `conferenceDataVersion=1`, or Google ignores the request.
 * Throws a RangeError for an unknown time zone.
 */
export function seriesEvent(relationship: Relationship, options: SeriesOptions): calendar_v3.Schema$Event {
  const { agreement, other } = relationship;
  const { firstStart, timeZone } = options;
  const end = new Date(firstStart.getTime() + agreement.sessionMinutes * 60_000);
  return {
    ...(options.eventId ? { id: options.eventId } : {}),
    summary: options.myName ? `Mentoring: ${options.myName} & ${other.name}` : `Mentoring with ${other.name}`,
    description: tandemDescriptionBlock(),
    start: { dateTime: zonedDateTime(firstStart, timeZone), timeZone },
    end: { dateTime: zonedDateTime(end, timeZone), timeZone },
    recurrence: [cadenceRule(agreement.cadence, firstStart, timeZone)],
    ...(other.email ? { attendees: [{ email: other.email }] } : {}),
    ...(agreement.channels.includes('video')
      ? {
          conferenceData: {
            createRequest: { requestId: options.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } },
          },
        }
      : {}),
    extendedProperties: { private: tandemTags(relationship.id) },
  };
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/**
 * The RRULE line for a cadence, anchored on the first start as seen in `timeZone`: weekly on its
 * weekday, every other week, or monthly on its nth weekday (`2TU`; a fifth weekday, which not every
 * month has, becomes the last one, `-1TU`). A custom cadence is its own rule.
 */
export function cadenceRule(cadence: Cadence, firstStart: Date, timeZone: string): string {
  const local = zonedParts(firstStart, timeZone);
  const day = WEEKDAYS[local.weekday];
  switch (cadence.kind) {
    case 'weekly':
      return `RRULE:FREQ=WEEKLY;BYDAY=${day}`;
    case 'biweekly':
      return `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
    case 'monthly': {
      const nth = Math.ceil(local.day / 7);
      return `RRULE:FREQ=MONTHLY;BYDAY=${nth === 5 ? -1 : nth}${day}`;
    }
    case 'custom':
      return cadence.rrule.startsWith('RRULE:') ? cadence.rrule : `RRULE:${cadence.rrule}`;
  }
}

/**
 * The recurrence ended so that no occurrence starts at or after `lastStartBefore` (its `RRULE`s get
 * `UNTIL=<basic UTC>` instead of any `COUNT`/`UNTIL`; `EXDATE`/`RDATE` lines are kept). This is what
 * Calendar itself does to the old series on "this and following" (it then uses the end of the
 * previous day, e.g. `UNTIL=20250326T045959Z`). For timed series only: an all-day series would need
 * a date `UNTIL`.
 *
 * A rule whose `UNTIL` already ends it earlier is kept as it is: ending a series never brings back
 * occurrences (Calendar may have split it meanwhile, and its continuation holds them now). A date or
 * floating `UNTIL` is read as UTC, which errs by the zone's offset at most. A `COUNT` is replaced.
 */
export function endSeries(recurrence: readonly string[], lastStartBefore: Date): string[] {
  const untilMs = lastStartBefore.getTime() - 1000;
  const until = basicUtc(new Date(untilMs));
  return recurrence.map((line) => {
    if (!/^RRULE:/i.test(line)) return line;
    const existing = /[:;]UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?/i.exec(line);
    if (existing) {
      const [, y, mo, d, h = '23', mi = '59', sec = '59'] = existing;
      if (Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}Z`) <= untilMs) return line;
    }
    const parts = line
      .slice('RRULE:'.length)
      .split(';')
      .filter((part) => part !== '' && !/^(COUNT|UNTIL)=/i.test(part));
    return `RRULE:${[...parts, `UNTIL=${until}`].join(';')}`;
  });
}

/** First and last line of the description text Tandem owns; what the user writes around it is theirs. */
export const BLOCK_START = '--- Tandem ---';
export const BLOCK_END = '--- end of Tandem ---';

/** Our part of the event description: plain text, because it is read in Calendar, mail and phones. */
export function tandemDescriptionBlock(): string {
  return [
    BLOCK_START,
    'The agenda, notes and action items for these mentoring sessions are kept in Tandem, a browser',
    'extension, not in this event. Open the event in Google Calendar with Tandem installed to see them.',
    BLOCK_END,
  ].join('\n');
}

/**
 * `description` with our block replaced by `block`, keeping everything the user wrote before and
 * after it. Without a block yet, `block` is appended after a blank line.
 */
export function replaceTandemBlock(description: string | null | undefined, block = tandemDescriptionBlock()): string {
  const text = description ?? '';
  const start = text.indexOf(BLOCK_START);
  const end = start < 0 ? -1 : text.indexOf(BLOCK_END, start);
  if (start >= 0 && end >= 0) return text.slice(0, start) + block + text.slice(end + BLOCK_END.length);
  const kept = text.trimEnd();
  return kept === '' ? block : `${kept}\n\n${block}`;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC at that instant (`+60` for Berlin in winter). */
  offsetMinutes: number;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock of `timeZone` at instant `at`. */
function zonedParts(at: Date, timeZone: string): ZonedParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = new Map(format.formatToParts(at).map((part) => [part.type, part.value]));
  const number = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));
  const local = {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
  };
  const wholeSeconds = Math.floor(at.getTime() / 1000) * 1000;
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return {
    ...local,
    weekday: WEEKDAY_NAMES.indexOf(parts.get('weekday') ?? ''),
    offsetMinutes: Math.round((asUtc - wholeSeconds) / 60_000),
  };
}

/** RFC 3339 wall time with offset in `timeZone`: `2026-11-24T16:00:00+01:00`. */
export function zonedDateTime(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(p.offsetMinutes);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${sign}${two(Math.floor(offset / 60))}:${two(offset % 60)}`;
}

/** `20250326T045959Z`: the basic UTC form of RRULE `UNTIL` and of occurrence id suffixes. */
export function basicUtc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
