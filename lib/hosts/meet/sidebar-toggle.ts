import { browser } from 'wxt/browser';
import { log } from '../../log';
import type { CallToBackground, HostToPanel } from '../../messaging';
import type { Feature } from '../features';
import { observeChanges } from '../observe';
import { createPanelFrame, panelFrames, servePanels } from '../panel-frame';
import { meetingCodeFromPath } from './meeting-code';
import { findLeaveControl } from './selectors';

const HOST_TAG = 'tandem-meet-sidebar';
/** Meet's bottom control bar; the docked panel stops above it so it never covers the controls. */
const CONTROL_BAR_HEIGHT = 88;
const PANEL_WIDTH = 360;
const MIN_WIDTH = 280;

/** This content-script instance's sidebar (a previous instance's, after an update, is replaced). */
let sidebar: HTMLElement | null = null;

/**
 * The in-call toggle and the docked panel in Google Meet, for any URL with a meeting code
 * (lobby and call alike). Lives in an open shadow root so Meet's CSS and ours never meet; the notes
 * themselves stay inside the extension-origin iframe.
 */
export const sidebarToggle: Feature = {
  id: 'meet/sidebar-toggle',
  init(signal) {
    servePanels(signal, {
      frames: () => (sidebar?.shadowRoot ? panelFrames(sidebar.shadowRoot) : []),
      // The dock sets the frame's size; the panel scrolls inside it.
      onResize: () => {},
      onClose: () => setOpen(false),
    });
    const update = (): void => render(meetingCodeFromPath(location.pathname));
    update();
    onUrlChange(update, signal);
    watchCall(signal);
    signal.addEventListener('abort', () => {
      sidebar?.remove();
      sidebar = null;
    });
  },
};

function render(code: string | null): void {
  for (const stale of document.querySelectorAll(HOST_TAG)) if (stale !== sidebar) stale.remove();
  if (sidebar?.dataset.code === code) return;
  sidebar?.remove();
  sidebar = null;
  if (!code) {
    log.debugOnce(`meet:${location.pathname}`, 'meet/sidebar-toggle', `no meeting code in ${location.pathname}`);
    return;
  }
  sidebar = buildSidebar(code);
  document.documentElement.append(sidebar);
}

function buildSidebar(code: string): HTMLElement {
  const host = document.createElement(HOST_TAG);
  host.dataset.code = code;
  const root = host.attachShadow({ mode: 'open' });

  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    button {
      position: fixed; right: 0; top: 50%; transform: translateY(-50%); z-index: 2147483646;
      font: 600 13px/1 system-ui, sans-serif; writing-mode: vertical-rl; padding: 14px 8px;
      border: 0; border-radius: 8px 0 0 8px; background: #1a4d3a; color: #fff; cursor: pointer;
    }
    button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
    :host { --width: ${PANEL_WIDTH}px; }
    :host([data-open]) button { right: var(--width); }
    .dock {
      display: none; position: fixed; top: 0; right: 0; bottom: ${CONTROL_BAR_HEIGHT}px; width: var(--width);
      z-index: 2147483646; background: #fff; box-shadow: -2px 0 12px rgb(0 0 0 / 25%);
    }
    :host([data-open]) .dock { display: block; }
    .grip {
      position: absolute; left: -4px; top: 0; bottom: 0; width: 8px; cursor: ew-resize; z-index: 1;
    }
    .grip:focus-visible { outline: 3px solid #8ab4f8; }
  `;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.textContent = 'Tandem';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'tandem-dock');
  toggle.title = 'Show the mentoring agenda and notes for this call';
  toggle.addEventListener('click', () => setOpen(!host.hasAttribute('data-open')));

  const dock = document.createElement('div');
  dock.id = 'tandem-dock';
  dock.className = 'dock';
  dock.append(resizeGrip(host));
  root.append(style, toggle, dock);
  return host;
}

/** Drag (or arrow keys) on the dock's left edge to change its width, within sensible bounds. */
function resizeGrip(host: HTMLElement): HTMLElement {
  const grip = document.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', 'Resize the Tandem sidebar');
  grip.setAttribute('aria-valuemin', String(MIN_WIDTH));
  const setWidth = (width: number): void => {
    const max = Math.max(MIN_WIDTH, Math.floor(window.innerWidth * 0.6));
    const clamped = Math.round(Math.min(Math.max(width, MIN_WIDTH), max));
    host.style.setProperty('--width', `${clamped}px`);
    grip.setAttribute('aria-valuemax', String(max));
    grip.setAttribute('aria-valuenow', String(clamped));
  };
  setWidth(PANEL_WIDTH);
  const width = (): number => Number(grip.getAttribute('aria-valuenow'));
  grip.addEventListener('keydown', (event) => {
    const step = { ArrowLeft: 20, ArrowRight: -20 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    setWidth(width() + step);
  });
  grip.addEventListener('pointerdown', (event) => {
    grip.setPointerCapture(event.pointerId);
    // The iframe would swallow pointer events while dragging across it.
    const frame = grip.parentElement?.querySelector('iframe');
    if (frame) frame.style.pointerEvents = 'none';
    const move = (e: PointerEvent): void => setWidth(window.innerWidth - e.clientX);
    grip.addEventListener('pointermove', move);
    grip.addEventListener(
      'pointerup',
      () => {
        grip.removeEventListener('pointermove', move);
        if (frame) frame.style.pointerEvents = '';
      },
      { once: true },
    );
  });
  return grip;
}

/**
 * Notices the user leaving the call, in any UI language: a click on the leave control (found by
 * structure or its icon's name, never its label), or the control disappearing while the page stays
 * on the call's code (Meet's "You left the meeting" screen). Then the sidebar opens on the wrap-up.
 * The background hears when the call starts and when it is left here: a tab closed (or navigated
 * away) in between ended the call without this page noticing, and the background offers the
 * wrap-up in a notification instead (lib/background/call-wrap-up.ts).
 */
function watchCall(signal: AbortSignal): void {
  let inCall = false;
  let ended = false;
  const tell = (type: CallToBackground['type']): void => {
    const code = sidebar?.dataset.code;
    if (!code) return;
    const message: CallToBackground = { ns: 'tandem', type, code };
    // After an update this (old) content script can no longer reach the background: nothing to do.
    browser.runtime.sendMessage(message).catch(() => undefined);
  };
  const callEnded = (): void => {
    if (ended) return;
    ended = true;
    tell('call/left');
    const frame = sidebar?.shadowRoot ? panelFrames(sidebar.shadowRoot)[0] : undefined;
    if (frame?.contentWindow && sidebar?.hasAttribute('data-open')) {
      const message: HostToPanel = { ns: 'tandem', type: 'host/call-ended' };
      frame.contentWindow.postMessage(message, new URL(browser.runtime.getURL('/')).origin);
    } else {
      frame?.remove();
      setOpen(true, { wrapup: 'left' });
    }
  };
  observeChanges(
    document.body,
    () => {
      const present = findLeaveControl() !== null;
      if (inCall && !present) callEnded();
      if (present && !inCall) {
        ended = false;
        tell('call/joined');
      }
      inCall = present;
    },
    signal,
  );
  document.addEventListener(
    'click',
    (event) => {
      const leave = findLeaveControl();
      if (leave && event.target instanceof Node && leave.contains(event.target)) callEnded();
    },
    { capture: true, signal },
  );
}

function setOpen(open: boolean, hints: Record<string, string> = {}): void {
  const root = sidebar?.shadowRoot;
  const dock = root?.querySelector('.dock');
  const toggle = root?.querySelector('button');
  const code = sidebar?.dataset.code;
  if (!sidebar || !dock || !toggle || !code) return;
  if (open && !dock.querySelector('iframe')) {
    const frame = createPanelFrame({ kind: 'meet', code }, { hints });
    frame.style.height = '100%';
    dock.append(frame);
  }
  sidebar.toggleAttribute('data-open', open);
  toggle.setAttribute('aria-expanded', String(open));
}

/**
 * Meet navigates in-app (lobby → call → "you left", or another code). The Navigation API reports
 * that without polling; where it is missing (older Firefox), check the path once a second.
 */
function onUrlChange(callback: () => void, signal: AbortSignal): void {
  window.addEventListener('popstate', callback, { signal });
  const navigation = (window as { navigation?: EventTarget }).navigation;
  if (navigation) {
    navigation.addEventListener('navigatesuccess', callback, { signal });
    return;
  }
  let last = location.pathname;
  const timer = setInterval(() => {
    if (location.pathname === last) return;
    last = location.pathname;
    callback();
  }, 1000);
  signal.addEventListener('abort', () => clearInterval(timer));
}
