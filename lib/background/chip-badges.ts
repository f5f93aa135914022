import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { markersFor } from '../db/chip-badges';
import { log } from '../log';
import { BadgesToBackground, type BadgesToHost } from '../messaging';
import { BADGE_PORT } from '../ports';

/** The part of a `runtime.Port` this uses. */
export interface BadgePort {
  postMessage(message: BadgesToHost): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Answers every Calendar tab's badge port (lib/hosts/calendar/chip-badges.ts). Call once at startup. */
export function serveChipBadges(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === BADGE_PORT) serveBadgePort(port);
  });
}

/**
 * One tab's badges: each valid `badges/watch` replaces the watched occurrences, and the markers for
 * them are sent at once and again whenever they change in the database, from any context (a
 * `liveQuery`: the panel iframe, another tab, an import). Unchanged marker sets are not resent.
 * An invalid message is logged and ignored; the watch ends with the port.
 */
export function serveBadgePort(port: BadgePort): void {
  let subscription: { unsubscribe(): void } | undefined;
  let open = true;
  port.onMessage.addListener((message) => {
    const parsed = BadgesToBackground.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      log.debug('badges', `rejected a badge message: ${issue?.path.join('.') || '(message)'}: ${issue?.message}`);
      return;
    }
    subscription?.unsubscribe();
    const { refs } = parsed.data;
    let sent = '';
    subscription = liveQuery(() => markersFor(refs)).subscribe({
      next(markers) {
        const json = JSON.stringify(markers);
        if (!open || json === sent) return;
        sent = json;
        try {
          port.postMessage({ ns: 'tandem', type: 'badges/markers', markers });
        } catch (error) {
          // The tab went away between the query and the answer.
          log.debug('badges', 'could not send markers', error);
        }
      },
      error(error: unknown) {
        log.error('badges', error);
      },
    });
  });
  port.onDisconnect.addListener(() => {
    open = false;
    subscription?.unsubscribe();
  });
}
