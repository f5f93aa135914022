import { browser } from 'wxt/browser';
import { log } from '../../log';
import type { Feature } from '../features';
import { meetingCodeFromPath } from '../meet/meeting-code';
import { observeChanges, rateLimit } from '../observe';
import { addHint, createPanelFrame, isPanelFor, panelFrames, servePanels } from '../panel-frame';
import { lookAround, onSchemeChange, postLook } from '../theme';
import { decodeEid } from './eid';
import { find, findAll, findExpected, matches } from './selectors';

/**
 * The Tandem panel inside Google Calendar's event details bubble.
 *
 * Google's data-bound containers inside the bubble remove children they did not create whenever a
 * section finishes loading (design.md §6), so the panel is a sibling of `#xDetDlg` inside the
 * bubble's content slot, which Google leaves alone. Each pass is idempotent: a panel already
 * showing the right event is kept (moving an iframe would reload it and flicker).
 */
export const eventPanel: Feature = {
  id: 'calendar/event-panel',
  init(signal) {
    servePanels(signal);
    let request = (): void => {};
    const mayWalk = rateLimit(WALK_INTERVAL_MS, () => request(), signal);
    request = observeChanges(document.body, () => syncPanel(mayWalk), signal);
    // Calendar's default theme follows the system's: tell open panels when it switches.
    const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
    onSchemeChange(signal, () => {
      for (const frame of panelFrames()) {
        const look = frame.parentElement && lookAround(frame.parentElement);
        if (look) postLook(frame, look, extensionOrigin);
      }
    });
  },
};

/** Fallback selectors walk the page: while it keeps changing, at most this often (ms). */
const WALK_INTERVAL_MS = 500;

/**
 * What the last pass found and did: a pass that finds the same again is done at once (unless the
 * panel still waits for the event's Meet code).
 */
let last: { details: Element; eid: string; frame: HTMLIFrameElement | null; meet: string | null } | null = null;

function syncPanel(mayWalk: () => boolean): void {
  const details = find('eventDetails', document, { fallbacks: false }) ?? (mayWalk() ? findDetails() : null);
  if (!details) return;
  const eid = details.getAttribute('data-eventid') ?? '';
  // The usual pass while the bubble is open (Google re-rendering its sections, a busy page): nothing to do.
  if (
    last?.details === details &&
    last.eid === eid &&
    (last.frame === null || last.frame.previousElementSibling === details)
  ) {
    // Calendar may render the video row after the details: hand the panel the code when it comes.
    if (last.frame && last.meet === null) {
      last.meet = meetCodeNear(details);
      if (last.meet) addHint(last.frame, 'meet', last.meet);
    }
    return;
  }
  const slot = details.parentElement;
  if (!slot) return;

  const decoded = decodeEid(eid);
  const current = panelFrames(slot);
  if (!decoded.ok) {
    for (const frame of current) frame.remove();
    last = { details, eid, frame: null, meet: null };
    log.debugOnce(`eid:${eid}`, 'calendar/event-panel', `no panel for eid "${eid.slice(0, 64)}": ${decoded.reason}`);
    return;
  }

  const target = { kind: 'calendar', calendarId: decoded.ref.calendarId, eventId: decoded.ref.eventId } as const;
  const keep = current.find((frame) => isPanelFor(frame, target));
  for (const frame of current) if (frame !== keep) frame.remove();
  let frame = keep;
  // The video link tells the panel this occurrence's Meet code, so the call finds its session.
  const meet = meetCodeNear(details);
  if (!frame) {
    frame = createPanelFrame(target, { look: lookAround(details), hints: meet ? { meet } : {} });
    details.after(frame);
  } else if (meet) {
    addHint(frame, 'meet', meet);
  }
  last = { details, eid, frame, meet };
}

/** The Meet code of the event's video link in the bubble, if it shows one. */
function meetCodeNear(details: Element): string | null {
  const link = find('eventMeetLink', details.closest('[role="dialog"]') ?? details);
  return link ? meetingCodeFromPath(new URL(link.getAttribute('href') ?? '', location.href).pathname) : null;
}

/**
 * The fallback variants, in the page's dialogs (one walk of the page); when they find nothing
 * either, an open bubble means the selector broke.
 */
function findDetails(): Element | null {
  const dialogs = findAll('anyDialog');
  for (const dialog of dialogs) {
    const details = find('eventDetails', dialog);
    if (details) return details;
  }
  const bubble = dialogs.find((dialog) => matches('eventDialog', dialog));
  if (bubble) findExpected('eventDetails', bubble);
  return null;
}
