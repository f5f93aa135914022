/**
 * Google Calendar's "eid": the id the web page puts in `data-eventid` attributes and in
 * `/r/eventedit/<eid>` URLs. It is base64 (URL alphabet, padding optional) of
 * `"<eventId> <calendarId>"`, where common calendar domains are shortened (`@m` for gmail.com …).
 * See design.md §3.
 */

import { expandCalendarId } from './eid-encode';

// Encoding lives in eid-encode.ts, which extension pages can load without the decoder (popup budget).
export { encodeEid, expandCalendarId, shortenCalendarId } from './eid-encode';

/** A calendar occurrence as the API names it: `(calendarId, eventId)`, plus what the id tells. */
export interface EventRef {
  calendarId: string;
  /** The API event id; for an occurrence of a series `<seriesId>_<start>`. */
  eventId: string;
  /** The series (recurring master) id when this is an occurrence, else `null`. */
  seriesId: string | null;
  /** The occurrence's original start from its id: ISO instant, or `YYYY-MM-DD` for all-day. */
  originalStart: string | null;
}

export type DecodeResult = { ok: true; ref: EventRef } | { ok: false; reason: string };

/** Ids of things in the grid that are not calendar events (Google Tasks, time-blocks). */
const NON_EVENT_PREFIXES = ['tasks_', 'ttb_'];

const BASE64_CHARS = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** API event ids: base32hex for ours, but imported and holiday events use more; no spaces. */
const EVENT_ID = /^[A-Za-z0-9_-]{1,1024}$/;
/** `<series>_<YYYYMMDDTHHMMSSZ>` (timed) or `<series>_<YYYYMMDD>` (all-day). */
const INSTANCE_SUFFIX = /^(.+)_(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/;

export function decodeEid(eid: string): DecodeResult {
  const raw = eid.trim();
  if (raw === '') return { ok: false, reason: 'empty eid' };
  const prefix = NON_EVENT_PREFIXES.find((p) => raw.startsWith(p));
  if (prefix) return { ok: false, reason: `not an event (${prefix}…)` };
  if (!BASE64_CHARS.test(raw)) return { ok: false, reason: 'not base64' };

  const text = decodeBase64Utf8(raw);
  if (text === null) return { ok: false, reason: 'not base64 of UTF-8 text' };
  const parts = text.split(' ');
  const [eventId, shortCalendar] = parts;
  if (parts.length !== 2 || !eventId || !shortCalendar) {
    return { ok: false, reason: 'not "<eventId> <calendarId>"' };
  }
  if (!EVENT_ID.test(eventId)) return { ok: false, reason: 'malformed event id' };
  if (!shortCalendar.includes('@')) return { ok: false, reason: 'malformed calendar id' };

  return { ok: true, ref: { calendarId: expandCalendarId(shortCalendar), eventId, ...splitInstanceId(eventId) } };
}

/** Splits an occurrence id into its series id and original start; plain events get nulls. */
export function splitInstanceId(eventId: string): Pick<EventRef, 'seriesId' | 'originalStart'> {
  const m = INSTANCE_SUFFIX.exec(eventId);
  if (!m) return { seriesId: null, originalStart: null };
  const [, series, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`);
  // 20261399 or T250000 match the shape but are no time: not an occurrence id then.
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) {
    return { seriesId: null, originalStart: null };
  }
  return { seriesId: series ?? null, originalStart: m[5] === undefined ? `${y}-${mo}-${d}` : instant.toISOString() };
}

function decodeBase64Utf8(input: string): string | null {
  const standard = input.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return null;
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
