import { browser } from 'wxt/browser';
import { log } from '../../log';
import type { Feature } from '../features';
import { observeChanges } from '../observe';
import { createPanelFrame, isPanelFor, panelFrames, servePanels } from '../panel-frame';
import { lookAround, onSchemeChange, postLook } from '../theme';
import { decodeEid } from './eid';
import { find, findExpected } from './selectors';

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
    observeChanges(document.body, () => syncPanel(), signal);
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

function syncPanel(): void {
  const details = find('eventDetails');
  if (!details) {
    const dialog = find('eventDialog');
    if (dialog) findExpected('eventDetails', dialog);
    return;
  }
  const slot = details.parentElement;
  if (!slot) return;

  const eid = details.getAttribute('data-eventid') ?? '';
  const decoded = decodeEid(eid);
  const current = panelFrames(slot);
  if (!decoded.ok) {
    for (const frame of current) frame.remove();
    log.debugOnce(`eid:${eid}`, 'calendar/event-panel', `no panel for eid "${eid.slice(0, 64)}": ${decoded.reason}`);
    return;
  }

  const target = { kind: 'calendar', calendarId: decoded.ref.calendarId, eventId: decoded.ref.eventId } as const;
  const keep = current.find((frame) => isPanelFor(frame, target));
  for (const frame of current) if (frame !== keep) frame.remove();
  if (!keep) details.after(createPanelFrame(target, { look: lookAround(details) }));
}
