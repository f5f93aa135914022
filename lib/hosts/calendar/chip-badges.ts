import { browser } from 'wxt/browser';
import { log } from '../../log';
import type { BadgesToBackground, BadgesToHost } from '../../messaging';
import { BADGE_PORT, MAX_BADGE_REFS } from '../../ports';
import type { Feature } from '../features';
import { isBadgesToHost } from '../guards';
import { observeChanges } from '../observe';
import { decodeEid } from './eid';
import { calendarSelectors, find, findAll } from './selectors';

/**
 * Badges on the grid: the chip of a mentoring event carries a small marker, its number of agenda
 * items, a ring when nothing is prepared yet, or a cross when the session was cancelled.
 *
 * The content script cannot read the database (design.md §1), so it tells the background which
 * occurrences the grid shows, over a port, whenever that set changes; the background answers with
 * the markers and sends them again whenever one changes (a `liveQuery`), whoever made the change.
 *
 * Google's chip layout, click handling and accessible name stay as they are: the badge is an
 * absolutely positioned, `pointer-events: none`, `aria-hidden` last child of the chip, and screen
 * readers get its meaning as the chip's description (a hidden label added to `aria-describedby`).
 * All DOM work happens in the observer pass (at most one per frame), reads before writes, and is
 * idempotent: Google re-rendering chips gets each chip exactly one badge again.
 */
export const chipBadges: Feature = {
  id: 'calendar/chip-badges',
  init(signal) {
    startChipBadges(signal, {
      connect: () => browser.runtime.connect({ name: BADGE_PORT }),
      extensionAlive: () => browser.runtime?.id !== undefined,
    });
  },
};

/** The part of a `runtime.Port` this feature uses. */
export interface BadgePort {
  postMessage(message: BadgesToBackground): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface BadgeConnection {
  connect(): BadgePort;
  /** False once the extension was reloaded, updated or removed: this script is an orphan then. */
  extensionAlive(): boolean;
}

type Marker = BadgesToHost['markers'][number];
type Ref = BadgesToBackground['refs'][number];
interface Chip {
  element: HTMLElement;
  key: string;
  ref: Ref;
}
interface BadgeParts {
  text: Text;
  label: HTMLElement;
  /** The element whose `aria-describedby` names `label`. */
  button: Element;
}

const BADGE = 'data-tandem-badge';
/** Ids of our hidden labels start with this; any such id on a chip that names no label of ours is stale. */
const ID_ROOT = 'tandem-badge-';
/** On a chip whose `position` we had to set (Google's was static): undone on cleanup. */
const POSITIONED = 'data-tandem-positioned';
/** A connection that ends sooner than this counts as failed: the next attempt backs off. */
const HEALTHY_MS = 10_000;
const MAX_RETRY_MS = 60_000;

/**
 * The chip's own colours (text and background, so light and dark themes and every event colour
 * work), Google's font, and no z-index: an overlapping later chip still paints over ours.
 */
const STYLE = `span[${BADGE}]{position:absolute!important;pointer-events:none!important;top:2px;inset-inline-end:2px;box-sizing:border-box;min-width:14px;height:14px;margin:0;padding:0 3px;border:1px solid currentColor;border-radius:7px;background-color:inherit;color:inherit;font-family:inherit;font-size:10px;font-weight:600;line-height:12px;text-align:center;white-space:nowrap}
span[${BADGE}="empty"]{min-width:0;width:8px;height:8px;padding:0;top:4px;inset-inline-end:4px;border-width:1.5px}`;

export function startChipBadges(signal: AbortSignal, connection: BadgeConnection): void {
  if (signal.aborted) return;
  // Ends with the content script, or earlier when the extension is gone (its badges would go stale).
  const life = new AbortController();
  signal.addEventListener('abort', () => life.abort(), { once: true });

  const idPrefix = `${ID_ROOT}${Math.random().toString(36).slice(2, 8)}-`;
  let nextId = 0;
  const own = new WeakMap<Element, BadgeParts>();
  const positionChecked = new WeakSet<Element>();
  const decoded = new Map<string, Ref | null>();
  let style: HTMLStyleElement | null = null;

  let markers = new Map<string, Marker>();
  let wanted: Ref[] = [];
  let wantedSignature = '';
  let port: BadgePort | null = null;
  let sentSignature: string | null = null;
  let connectedAt = 0;
  let retryMs = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let waitingForVisible = false;
  let requestPass = (): void => {};

  // ---- the observer pass
  const pass = (): void => {
    const start = import.meta.env.MODE === 'bench' ? performance.now() : 0;
    const chips = collect();
    watch(chips);
    if (life.signal.aborted) return; // watching found the extension gone
    const writes = apply(chips);
    if (import.meta.env.MODE === 'bench' && chips.length > 0) {
      // Read by tests/bench/chip-badges.ts: the figures ride in the name, which every world can read.
      performance.measure(`tandem:chip-badges chips=${chips.length} writes=${writes}`, { start });
    }
  };

  function collect(): Chip[] {
    const elements = findAll('eventChip');
    if (elements.length === 0 && find('gridEventId')) {
      log.warnOnce(
        'selector:eventChip',
        'calendar',
        'selector "eventChip" found nothing; Google may have changed the page',
      );
    }
    const chips: Chip[] = [];
    for (const element of elements) {
      const ref = refOf(element.getAttribute('data-eventid') ?? '');
      if (ref && element instanceof HTMLElement) chips.push({ element, key: keyOf(ref), ref });
    }
    return chips;
  }

  function refOf(eid: string): Ref | null {
    let ref = decoded.get(eid);
    if (ref !== undefined) return ref;
    const result = decodeEid(eid);
    // Tasks, undecodable ids and ids the background would refuse get no badge.
    ref =
      result.ok && result.ref.calendarId.length >= 3 && result.ref.calendarId.length <= 1024
        ? { calendarId: result.ref.calendarId, eventId: result.ref.eventId }
        : null;
    if (decoded.size >= 5000) decoded.clear(); // weeks of browsing: keep the cache bounded
    decoded.set(eid, ref);
    return ref;
  }

  // ---- writing badges
  /** Brings every chip's badge in line with its marker; returns how many badges it wrote or removed. */
  function apply(chips: Chip[]): number {
    // Read phase: nothing below changes the DOM until the write phase.
    const badgeOf = new Map<Element, Element>();
    const remove: Element[] = [];
    for (const badge of document.querySelectorAll(`span[${BADGE}]`)) {
      const chip = badge.parentElement;
      // Another instance's leftovers (an extension update) and duplicates go.
      if (!own.has(badge) || !chip || badgeOf.has(chip)) remove.push(badge);
      else badgeOf.set(chip, badge);
    }
    const keep = new Set<Element>();
    const writes: (() => void)[] = [];
    for (const { element, key } of chips) {
      const marker = markers.get(key);
      if (!marker) continue;
      const state = stateOf(marker);
      const button = buttonOf(element);
      const badge = badgeOf.get(element);
      if (!badge) {
        writes.push(() => insert(element, marker, state, button));
        continue;
      }
      keep.add(badge);
      if (!positionChecked.has(element)) {
        // Checked the pass after the badge went in, once the browser has laid the new chip out anyway:
        // asking while Google's fresh nodes are not yet styled would force that work early.
        positionChecked.add(element);
        if ((badge as HTMLElement).offsetParent !== element) writes.push(() => makeContainingBlock(element));
      }
      const parts = own.get(badge) as BadgeParts;
      if (badge.getAttribute(BADGE) === state && parts.button === button && hasToken(button, parts.label.id)) continue;
      writes.push(() => fill(badge, parts, marker, state, button));
    }
    for (const badge of badgeOf.values()) if (!keep.has(badge)) remove.push(badge);

    for (const badge of remove) removeBadge(badge);
    for (const write of writes) write();
    return remove.length + writes.length;
  }

  function insert(chip: HTMLElement, marker: Marker, state: string, button: Element): void {
    if (!style?.isConnected) {
      style = document.createElement('style');
      style.setAttribute(BADGE, 'style');
      style.textContent = STYLE;
      (document.head ?? document.documentElement).append(style);
    }
    const badge = document.createElement('span');
    badge.setAttribute('aria-hidden', 'true');
    const text = document.createTextNode('');
    const label = document.createElement('span');
    label.id = `${idPrefix}${++nextId}`;
    label.hidden = true;
    badge.append(text, label);
    const parts: BadgeParts = { text, label, button };
    own.set(badge, parts);
    fill(badge, parts, marker, state, button);
    chip.append(badge);
  }

  /** For a chip Google left statically positioned (no known view does): `relative` without offsets moves nothing. */
  function makeContainingBlock(chip: HTMLElement): void {
    chip.style.position = 'relative';
    chip.setAttribute(POSITIONED, '');
  }

  function fill(badge: Element, parts: BadgeParts, marker: Marker, state: string, button: Element): void {
    badge.setAttribute(BADGE, state);
    parts.text.data = state === 'empty' ? '' : state === 'cancelled' ? '×' : marker.agendaItems > 99 ? '99+' : state;
    parts.label.textContent = labelOf(marker);
    if (parts.button !== button) removeToken(parts.button, parts.label.id);
    parts.button = button;
    addToken(button, parts.label.id);
  }

  function removeBadge(badge: Element): void {
    const parts = own.get(badge);
    if (parts) removeToken(parts.button, parts.label.id);
    badge.remove();
  }

  function cleanup(): void {
    for (const badge of document.querySelectorAll(`span[${BADGE}]`)) if (own.has(badge)) removeBadge(badge);
    style?.remove();
    for (const chip of document.querySelectorAll<HTMLElement>(`[${POSITIONED}]`)) {
      chip.style.position = '';
      chip.removeAttribute(POSITIONED);
    }
  }

  // ---- the port
  function watch(chips: Chip[]): void {
    const refs = new Map<string, Ref>();
    for (const chip of chips) refs.set(chip.key, chip.ref);
    const keys = [...refs.keys()].sort();
    const signature = keys.join('\n');
    if (signature === wantedSignature) return;
    if (keys.length > MAX_BADGE_REFS) {
      log.warnOnce(
        'badges:too-many',
        'calendar/chip-badges',
        `${keys.length} events on the grid; badges for the first ${MAX_BADGE_REFS}`,
      );
    }
    wantedSignature = signature;
    wanted = keys.slice(0, MAX_BADGE_REFS).map((key) => refs.get(key) as Ref);
    sync();
  }

  function sync(): void {
    if (port) {
      if (sentSignature !== wantedSignature) post(port);
    } else if (wanted.length > 0 && retryTimer === undefined && !waitingForVisible) {
      connect();
    }
  }

  function post(to: BadgePort): void {
    try {
      to.postMessage({ ns: 'tandem', type: 'badges/watch', refs: wanted });
      sentSignature = wantedSignature;
    } catch (error) {
      // The port just closed; its onDisconnect reconnects.
      log.debug('calendar/chip-badges', 'could not send the visible events', error);
    }
  }

  function connect(): void {
    if (life.signal.aborted) return;
    if (!connection.extensionAlive()) {
      life.abort();
      return;
    }
    let opened: BadgePort;
    try {
      opened = connection.connect();
    } catch (error) {
      log.debug('calendar/chip-badges', 'could not connect to the background', error);
      backOff();
      retryLater();
      return;
    }
    port = opened;
    sentSignature = null;
    connectedAt = Date.now();
    opened.onMessage.addListener((message) => {
      if (port !== opened) return;
      if (!isBadgesToHost(message)) {
        log.debug('calendar/chip-badges', 'rejected a malformed badge message', message);
        return;
      }
      markers = new Map(message.markers.map((marker) => [keyOf(marker), marker]));
      requestPass();
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      sentSignature = null;
      // The extension reloaded or was removed: stop for good (the content script's signal follows).
      if (!connection.extensionAlive()) {
        life.abort();
        return;
      }
      // The service worker was stopped (idle) or restarted: reconnect, backing off when it keeps failing.
      if (Date.now() - connectedAt >= HEALTHY_MS) retryMs = 0;
      else backOff();
      retryLater();
    });
    post(opened);
  }

  function backOff(): void {
    retryMs = Math.min(Math.max(retryMs * 2, 1000), MAX_RETRY_MS);
  }

  function retryLater(): void {
    if (life.signal.aborted) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      // A tab in the background need not keep waking the service worker: catch up when it is shown.
      if (document.hidden) waitingForVisible = true;
      else sync();
    }, retryMs);
  }

  document.addEventListener(
    'visibilitychange',
    () => {
      if (!document.hidden && waitingForVisible) {
        waitingForVisible = false;
        sync();
      }
    },
    { signal: life.signal },
  );

  life.signal.addEventListener('abort', () => {
    clearTimeout(retryTimer);
    const open = port;
    port = null;
    try {
      open?.disconnect();
    } catch {
      // Already gone with the extension.
    }
    cleanup();
  });

  requestPass = observeChanges(document.body, pass, life.signal);
}

function keyOf(ref: Ref): string {
  return `${ref.calendarId} ${ref.eventId}`;
}

/** The badge's `data-tandem-badge` value: the count, `empty` (nothing prepared yet) or `cancelled`. */
function stateOf(marker: Marker): string {
  if (marker.cancelled) return 'cancelled';
  return marker.agendaItems === 0 ? 'empty' : String(marker.agendaItems);
}

function labelOf(marker: Marker): string {
  if (marker.cancelled) return 'Tandem: mentoring session cancelled';
  if (marker.agendaItems === 0) return 'Tandem: mentoring session, nothing on the agenda yet';
  return `Tandem: ${marker.agendaItems} agenda item${marker.agendaItems === 1 ? '' : 's'}`;
}

function buttonOf(chip: HTMLElement): Element {
  const selector = calendarSelectors.chipButton.join(', ');
  return chip.matches(selector) ? chip : (chip.querySelector(selector) ?? chip);
}

function tokensOf(element: Element): string[] {
  return (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
}

function hasToken(element: Element, id: string): boolean {
  return tokensOf(element).includes(id);
}

/**
 * Adds our description after Google's, keeping the ids Google put there and dropping ours that are
 * stale (their badge went with chip contents Google rewrote, while the chip kept its attributes).
 */
function addToken(element: Element, id: string): void {
  const next = [...tokensOf(element).filter((token) => !token.startsWith(ID_ROOT)), id].join(' ');
  if (element.getAttribute('aria-describedby') !== next) element.setAttribute('aria-describedby', next);
}

function removeToken(element: Element, id: string): void {
  const tokens = tokensOf(element).filter((token) => token !== id);
  if (tokens.length > 0) element.setAttribute('aria-describedby', tokens.join(' '));
  else element.removeAttribute('aria-describedby');
}

// Check it on: the week view (tests/fixtures/google/calendar-week.html, tests/e2e/chip-badges.spec.ts;
// `?fixture-events=200` for a full week); the month view's chip structure (data-eventchip outside,
// role=button inside, from gcal-2025-12-month-view-grid.html) in tests/unit/hosts/calendar/chip-badges.test.ts.
// No capture of the day or schedule views exists: the selectors assume the same chip attributes there.
