import { log } from '../../log';

/**
 * Every selector Tandem uses on calendar.google.com. A name maps to variants tried in order; each
 * variant carries the month it was seen, so stale ones can be dropped knowingly. Prefer ids, data
 * attributes, roles and structure; never Google's visible text or localized labels.
 */
export const calendarSelectors = {
  /** The opened event's details inside the event bubble; carries the eid. */
  eventDetails: [
    // 2026-06: [role=dialog][jsname=ssXDle] > span.kma42e > div#xDetDlg[data-eventid]
    '[role="dialog"] #xDetDlg[data-eventid]',
  ],
  /** Any dialog that looks like an event bubble (used to notice when eventDetails stops matching). */
  eventDialog: [
    // 2026-06: the details bubble
    '[role="dialog"][jsname="ssXDle"]',
  ],
} as const satisfies Record<string, readonly string[]>;

export type CalendarSelector = keyof typeof calendarSelectors;

/** The first element matching any variant of `name`, or `null`. */
export function find(name: CalendarSelector, root: ParentNode = document): Element | null {
  for (const variant of calendarSelectors[name]) {
    const found = root.querySelector(variant);
    if (found) return found;
  }
  return null;
}

/** Like `find`, for an element that should be there: logs the selector name once when it is not. */
export function findExpected(name: CalendarSelector, root: ParentNode = document): Element | null {
  const found = find(name, root);
  if (!found)
    log.warnOnce(`selector:${name}`, 'calendar', `selector "${name}" found nothing; Google may have changed the page`);
  return found;
}
