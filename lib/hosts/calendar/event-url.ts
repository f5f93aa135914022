import { encodeEid } from './eid-encode';

/**
 * The event's page in Google Calendar (design.md §3 and §6: `/r/eventedit/<eid>`), where the Tandem
 * panel shows its agenda. Opens in the user's default Google account.
 */
export function calendarEventUrl(ref: { calendarId: string; eventId: string }): string {
  return `https://calendar.google.com/calendar/r/eventedit/${encodeEid(ref)}`;
}
