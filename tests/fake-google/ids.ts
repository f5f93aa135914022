/**
 * Identifiers the way Google makes them: event ids (base32hex), occurrence ids
 * (`<seriesId>_<YYYYMMDDTHHMMSSZ>` / `_<YYYYMMDD>`), Meet codes, `htmlLink` eids, etags. Random
 * parts come from a seeded generator so a run of the fake is reproducible.
 */

import type { Occurrence } from './recurrence.ts';
import { basicDate, basicUtc, dateFromBasic, isDate } from './time.ts';

/** A small deterministic PRNG (mulberry32): the same seed gives the same ids and Meet codes. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function pick(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A 26-character base32hex id, like the ids Google generates for new events. */
export function randomEventId(random: () => number): string {
  return pick(random, BASE32HEX, 26);
}

/** A Meet code `abc-defg-hij`. */
export function randomMeetCode(random: () => number): string {
  return `${pick(random, LETTERS, 3)}-${pick(random, LETTERS, 4)}-${pick(random, LETTERS, 3)}`;
}

export function randomDigits(random: () => number, length: number): string {
  return pick(random, '0123456789', length);
}

/**
 * Ids a client may choose on insert: base32hex characters (a–v, 0–9), 5 to 1024 of them
 * (events resource reference, "id").
 */
export function isValidClientEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

/** The id of one occurrence of a series: the series id plus its *original* start. */
export function instanceId(seriesId: string, original: Occurrence): string {
  return `${seriesId}_${original.kind === 'date' ? basicDate(original.date) : basicUtc(original.ms)}`;
}

/** Splits an occurrence id into series id and original start; null for other ids. */
export function parseInstanceId(id: string): { seriesId: string; original: Occurrence } | null {
  const m = /^(.+)_(\d{8})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(id);
  if (!m?.[1] || !m[2]) return null;
  const date = dateFromBasic(m[2]);
  if (!isDate(date)) return null;
  if (m[3] === undefined) return { seriesId: m[1], original: { kind: 'date', date } };
  return { seriesId: m[1], original: { kind: 'dateTime', ms: Date.parse(`${date}T${m[3]}:${m[4]}:${m[5]}Z`) } };
}

/** Calendar id suffixes Google abbreviates inside eids. */
const SHORTHANDS: ReadonlyArray<readonly [string, string]> = [
  ['@gmail.com', '@m'],
  ['@group.calendar.google.com', '@g'],
  ['@group.v.calendar.google.com', '@v'],
];

/**
 * `htmlLink`: `https://www.google.com/calendar/event?eid=` + unpadded base64url of
 * `"<eventId> <calendarId>"`, with gmail and group calendar domains shortened. Written again here
 * on purpose rather than imported from lib/hosts/calendar/eid-encode.ts: a fake that shares the
 * extension's code would agree with the extension's bugs.
 */
export function htmlLink(eventId: string, calendarId: string): string {
  let calendar = calendarId;
  for (const [long, short] of SHORTHANDS) {
    if (calendar.endsWith(long)) calendar = calendar.slice(0, -long.length) + short;
  }
  const eid = Buffer.from(`${eventId} ${calendar}`, 'utf8').toString('base64url');
  return `https://www.google.com/calendar/event?eid=${eid}`;
}

/**
 * Event etags as Google writes them: a quoted number, twice the `updated` time in microseconds
 * (`"3485466039120702"` for 2025-03-23T12:30:19.560Z in the fixtures, give or take the last digits).
 */
export function eventEtag(updatedMs: number): string {
  return `"${updatedMs * 2000}"`;
}

/** Collection etags look like `"p33vtp8edomioo0o"`: `p3` and base32hex. */
export function collectionEtag(version: number): string {
  return `"p3${version.toString(32).padStart(14, '0')}"`;
}
