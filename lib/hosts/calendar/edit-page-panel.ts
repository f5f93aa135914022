import { log } from '../../log';
import type { Feature } from '../features';
import { observeChanges, rateLimit } from '../observe';
import { createPanelFrame, isPanelFor, panelFrames } from '../panel-frame';
import { lookAround } from '../theme';
import { decodeEid } from './eid';
import { find, findExpected, matches } from './selectors';
import { editPageEid } from './urls';

/**
 * The Tandem panel on Calendar's full-page event editor (`/r/eventedit/<eid>`), as the last child
 * of the "Event details" tab. The rows inside that tab are Google's data-bound parts, which drop
 * children they did not create; the tab's content slot itself is left alone, like the bubble's.
 *
 * Calendar is a single-page app: the week and the editor replace each other without a page load,
 * so every pass reads the URL again, the panel follows the eid, and it goes when the editor goes.
 * Its messages (resize, close) and its removal when the content script ends are handled by the
 * event-panel feature's `servePanels`, which serves every panel frame on the page.
 */
export const editPagePanel: Feature = {
  id: 'calendar/edit-page-panel',
  init(signal) {
    let request = (): void => {};
    const mayWalk = rateLimit(WALK_INTERVAL_MS, () => request(), signal);
    request = observeChanges(document.body, () => syncEditPanel(mayWalk), signal);
    // In-app navigation changes the URL first; the DOM may follow later or, reusing the editor, not at all.
    window.addEventListener('popstate', () => request(), { signal });
    (window as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', () => request(), {
      signal,
    });
    signal.addEventListener('abort', () => {
      last?.frame?.remove();
      last = null;
    });
  },
};

/** Fallback selectors walk the page: while it keeps changing, at most this often (ms). */
const WALK_INTERVAL_MS = 500;

/** What the last pass found and did: a pass that finds the same again is done at once. */
let last: { slot: Element; eid: string; frame: HTMLIFrameElement | null } | null = null;

function syncEditPanel(mayWalk: () => boolean): void {
  const eid = editPageEid(location.pathname);
  if (eid === null || !matches('editPage', document.body)) {
    // Left the editor (in-app): a view Google keeps around for later must not keep our panel.
    last?.frame?.remove();
    last = null;
    return;
  }
  const slot = find('editDetails', document, { fallbacks: false }) ?? (mayWalk() ? findExpected('editDetails') : null);
  if (!slot) return;
  if (last?.slot === slot && last.eid === eid && (last.frame === null || last.frame.parentElement === slot)) return;

  const decoded = decodeEid(eid);
  const current = panelFrames(slot);
  if (!decoded.ok) {
    for (const frame of current) frame.remove();
    last = { slot, eid, frame: null };
    log.debugOnce(
      `edit-eid:${eid}`,
      'calendar/edit-page-panel',
      `no panel for eid "${eid.slice(0, 64)}": ${decoded.reason}`,
    );
    return;
  }
  const target = { kind: 'calendar', calendarId: decoded.ref.calendarId, eventId: decoded.ref.eventId } as const;
  const keep = current.find((frame) => isPanelFor(frame, target));
  for (const frame of current) if (frame !== keep) frame.remove();
  if (last?.frame && last.frame !== keep) last.frame.remove(); // in a tab Google has since replaced
  const frame = keep ?? createPanelFrame(target, { look: lookAround(slot) });
  if (!keep) slot.append(frame);
  last = { slot, eid, frame };
}
