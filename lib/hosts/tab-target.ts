import type { SessionTarget } from '../model/session';
import { decodeEid } from './calendar/eid';
import { editPageEid } from './calendar/urls';
import { meetingCodeFromPath } from './meet/meeting-code';

/**
 * What a browser tab's URL says about the session it is for, as the browser's side panel sees it
 * (entrypoints/sidepanel). A session target, or why there is none, so the side panel can say what to
 * do next.
 */
export type TabTarget =
  | { kind: 'session'; target: SessionTarget }
  /** meet.google.com without a meeting code: the landing page, `/new`, … */
  | { kind: 'meet-no-call' }
  /** calendar.google.com, but not an existing event's page (the grid, settings, a new event or a copy, …). */
  | { kind: 'calendar-no-event' }
  /** An event page whose eid is not a calendar event (a task) or cannot be decoded. */
  | { kind: 'calendar-not-event'; reason: string }
  /**
   * Any other page — or a URL we may not read: without the `tabs` permission the browser tells us the
   * URL of Calendar and Meet tabs only (our host permissions), so every other tab arrives as `undefined`.
   */
  | { kind: 'elsewhere' };

const MEET_ORIGIN = 'https://meet.google.com';
const CALENDAR_ORIGIN = 'https://calendar.google.com';

export function tabTarget(url: string | undefined): TabTarget {
  if (!url) return { kind: 'elsewhere' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'elsewhere' };
  }
  if (parsed.origin === MEET_ORIGIN) {
    const code = meetingCodeFromPath(parsed.pathname);
    return code ? { kind: 'session', target: { kind: 'meet', code } } : { kind: 'meet-no-call' };
  }
  if (parsed.origin === CALENDAR_ORIGIN) {
    // The same event pages as the Calendar content script's panel (lib/hosts/calendar/edit-page-panel.ts).
    const eid = editPageEid(parsed.pathname);
    if (!eid) return { kind: 'calendar-no-event' };
    const decoded = decodeEid(eid);
    if (!decoded.ok) return { kind: 'calendar-not-event', reason: decoded.reason };
    const { calendarId, eventId } = decoded.ref;
    return { kind: 'session', target: { kind: 'calendar', calendarId, eventId } };
  }
  return { kind: 'elsewhere' };
}

/** A stable key for a tab target: equal keys mean the side panel shows the same thing. */
export function tabTargetKey(target: TabTarget): string {
  if (target.kind !== 'session') return target.kind;
  const session = target.target;
  return session.kind === 'meet' ? `meet:${session.code}` : `calendar:${session.calendarId}:${session.eventId}`;
}
