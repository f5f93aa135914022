/**
 * The one OAuth scope Tandem asks for: events on calendars the user owns (not other calendars, not
 * settings). Its own module, with no imports, because wxt.config.ts reads it in Node at build time
 * (the manifest's `oauth2.scopes`) as well as lib/calendar/auth.ts in the extension.
 */
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events.owned';
