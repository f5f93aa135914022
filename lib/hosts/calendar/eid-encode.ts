/** Calendar ids as Google writes them inside eids, and eids made from event ids (see eid.ts). */

/** Calendar id suffixes Google abbreviates inside eids (long form first is irrelevant: suffix match). */
const DOMAIN_SHORTHANDS: ReadonlyArray<readonly [short: string, long: string]> = [
  ['@m', '@gmail.com'],
  ['@g', '@group.calendar.google.com'],
  ['@v', '@group.v.calendar.google.com'],
];

/** The eid Google would put on the page for this event (unpadded base64url, shortened calendar). */
export function encodeEid(ref: { calendarId: string; eventId: string }): string {
  const bytes = new TextEncoder().encode(`${ref.eventId} ${shortenCalendarId(ref.calendarId)}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function expandCalendarId(short: string): string {
  for (const [abbrev, full] of DOMAIN_SHORTHANDS) {
    if (short.endsWith(abbrev)) return short.slice(0, -abbrev.length) + full;
  }
  return short;
}

export function shortenCalendarId(calendarId: string): string {
  for (const [abbrev, full] of DOMAIN_SHORTHANDS) {
    if (calendarId.endsWith(full)) return calendarId.slice(0, -full.length) + abbrev;
  }
  return calendarId;
}
