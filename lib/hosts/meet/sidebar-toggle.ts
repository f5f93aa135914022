import { log } from '../../log';
import type { Feature } from '../features';
import { createPanelFrame, panelFrames, servePanels } from '../panel-frame';
import { meetingCodeFromPath } from './meeting-code';

const HOST_TAG = 'tandem-meet-sidebar';
/** Meet's bottom control bar; the docked panel stops above it so it never covers the controls. */
const CONTROL_BAR_HEIGHT = 88;
const PANEL_WIDTH = 360;

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
    :host([data-open]) button { right: ${PANEL_WIDTH}px; }
    .dock {
      display: none; position: fixed; top: 0; right: 0; bottom: ${CONTROL_BAR_HEIGHT}px; width: ${PANEL_WIDTH}px;
      z-index: 2147483646; background: #fff; box-shadow: -2px 0 12px rgb(0 0 0 / 25%);
    }
    :host([data-open]) .dock { display: block; }
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
  root.append(style, toggle, dock);
  return host;
}

function setOpen(open: boolean): void {
  const root = sidebar?.shadowRoot;
  const dock = root?.querySelector('.dock');
  const toggle = root?.querySelector('button');
  const code = sidebar?.dataset.code;
  if (!sidebar || !dock || !toggle || !code) return;
  if (open && !dock.firstChild) {
    const frame = createPanelFrame({ kind: 'meet', code });
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
