import { browser } from 'wxt/browser';
import { calendarEventUrl } from './hosts/calendar/event-url';
import type { Session } from './model/session';

/**
 * Where a session's agenda opens in one click: its event in Google Calendar when it is a calendar
 * occurrence (the panel is there), else the panel page for its Meet call in a tab of its own.
 * `undefined` for a session known by neither.
 */
export function sessionUrl(session: Pick<Session, 'calendarId' | 'eventId' | 'meetCode'>): string | undefined {
  const { calendarId, eventId, meetCode } = session;
  if (calendarId && eventId) return calendarEventUrl({ calendarId, eventId });
  if (meetCode) return callPanelUrl(meetCode);
  return undefined;
}

/** The panel page for a Meet call, in a tab of its own. */
export function callPanelUrl(code: string): string {
  // The query `panelQuery` (lib/hosts/panel-frame.ts) writes for a Meet target.
  return `${browser.runtime.getURL('/panel.html')}?${new URLSearchParams({ kind: 'meet', code })}`;
}

/** A part of the options page: a relationship, and in it the agreement, goals or check-ins. */
export type OptionsPart = 'agreement' | 'goals' | 'check-in' | 'actions';

/** The options page, opened at a relationship (and a part of it). */
export function optionsUrl(relationshipId?: string, part?: OptionsPart): string {
  const hash = relationshipId
    ? `#${new URLSearchParams({ relationship: relationshipId, ...(part ? { part } : {}) })}`
    : '';
  return `${browser.runtime.getURL('/options.html')}${hash}`;
}
