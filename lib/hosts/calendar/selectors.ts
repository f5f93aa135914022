import { log } from '../../log';

/**
 * Every selector Tandem uses on calendar.google.com. A name maps to variants tried in order; each
 * variant carries the month it was seen, so stale ones can be dropped knowingly. Prefer ids, data
 * attributes, roles and structure; never Google's visible text or localized labels.
 *
 * The first variant is what Google's page uses now; later ones are fallbacks for when it changes.
 * Passes that run every frame may leave the fallbacks out (`find`'s `fallbacks: false`) and try
 * them less often: a first variant keyed on an id is a hash lookup, a fallback may walk the page.
 */
export const calendarSelectors = {
  /** The opened event's details inside the event bubble; carries the eid. */
  eventDetails: [
    // 2026-06: [role=dialog][jsname=ssXDle] > span.kma42e > div#xDetDlg[data-eventid]
    '[role="dialog"] #xDetDlg[data-eventid]',
    // 2026-11 (fallback, structure): the first (outermost) eid-carrying element in a dialog that is
    // not an event chip, as month view's "more events" list holds chips (the "mark complete"
    // control nested in a task chip also carries an eid, but a task's eid decodes to no event)
    '[role="dialog"] [data-eventid]:not([data-eventchip])',
  ],
  /**
   * Every dialog on the page: the fallbacks below look inside these, so that one walk of the page
   * serves them all (the bubble's variants all start from its dialog role).
   */
  anyDialog: [
    // 2026-06: the bubble is [role=dialog]; so is any other dialog
    '[role="dialog"]',
  ],
  /** Any dialog that looks like an event bubble (used to notice when eventDetails stops matching). */
  eventDialog: [
    // 2026-06: the details bubble
    '[role="dialog"][jsname="ssXDle"]',
    // 2026-06 (same capture): the bubble a chip opens, by its data attribute rather than its jsname
    '[role="dialog"][data-chips-dialog]',
  ],
  /** The full-page event editor (`/r/eventedit/<eid>`): tested on `document.body` with `matches`. */
  editPage: [
    // 2026-06 (other extensions' code): body[data-viewfamily=EVENT_EDIT]; the grid views have EVENT
    'body[data-viewfamily="EVENT_EDIT"]',
  ],
  /**
   * The edit page's "Event details" tab: its content slot, whose direct children Google leaves
   * alone (the rows inside it are the data-bound parts), so the panel goes last in it.
   */
  editDetails: [
    // 2022-01 capture: div.fe4pJf[jsname=KYYiw] > span#tabEventDetails[role=tabpanel][jsslot]
    '#tabEventDetails[role="tabpanel"]',
    // 2026-11 (fallback, structure): the tab panel that holds the description editor
    '[role="tabpanel"]:has([role="textbox"][contenteditable="true"])',
  ],
  /**
   * Event chips on the grid (every one; see `findAll`). `data-eventchip` and `data-eventid` are on one
   * element; `role=button` is that element or inside it.
   */
  eventChip: [
    // 2025-12 month view capture: [role=gridcell] … div[data-eventchip][data-eventid] > div[role=button];
    // 2026-06 week/day views (other extensions' code): the same attributes on the role=button element.
    '[role="gridcell"] [data-eventchip][data-eventid]',
  ],
  /** Inside or on an eventChip: the element screen readers announce and keyboards focus. */
  chipButton: [
    // 2025-12 month view capture (inside the chip); week/day views (the chip itself)
    '[role="button"]',
  ],
  /** Anything on the grid carrying an eid (used to notice when eventChip stops matching). */
  gridEventId: [
    // 2025-12 month view capture: chips, and the "mark complete" control inside task chips
    '[role="gridcell"] [data-eventid]',
  ],
  /** The opened event's Google Meet link (its path is the meeting code). */
  eventMeetLink: [
    // 2026-06: #xDetDlgVideo a.goktNc[href="https://meet.google.com/abc-defg-hij"]
    '#xDetDlgVideo a[href^="https://meet.google.com/"]',
    // 2026-11 (fallback, structure): the join link by its wrapper's data attribute, not the row's id
    // (the bubble capture: span.EyDoae[data-no-intercept-links-to-host] > a.goktNc)
    '[data-no-intercept-links-to-host] > a[href^="https://meet.google.com/"]',
  ],
} as const satisfies Record<string, readonly string[]>;

export type CalendarSelector = keyof typeof calendarSelectors;

export interface FindOptions {
  /** Also try the fallback variants after the first (default: yes). */
  fallbacks?: boolean;
}

/** The first element matching any variant of `name`, or `null`. */
export function find(name: CalendarSelector, root: ParentNode = document, options: FindOptions = {}): Element | null {
  const variants: readonly string[] = calendarSelectors[name];
  const count = options.fallbacks === false ? 1 : variants.length;
  for (let i = 0; i < count; i++) {
    const found = root.querySelector(variants[i] as string);
    if (found) return found;
  }
  return null;
}

/** Whether `element` itself matches any variant of `name`. */
export function matches(name: CalendarSelector, element: Element): boolean {
  return calendarSelectors[name].some((variant) => element.matches(variant));
}

/** Every element matching any variant of `name`, in document order, each once. */
export function findAll(name: CalendarSelector, root: ParentNode = document): Element[] {
  return [...root.querySelectorAll(calendarSelectors[name].join(', '))];
}

/** Like `find`, for an element that should be there: logs the selector name once when it is not. */
export function findExpected(name: CalendarSelector, root: ParentNode = document): Element | null {
  const found = find(name, root);
  if (!found)
    log.warnOnce(`selector:${name}`, 'calendar', `selector "${name}" found nothing; Google may have changed the page`);
  return found;
}
