import { browser } from 'wxt/browser';
import { log } from '../log';
import type { HostLook, PanelToHost } from '../messaging';
import type { SessionTarget } from '../model/session';
import { isPanelToHost } from './guards';
import { lookParams } from './theme';

/**
 * The panel page's query string for a target (parsed back by `targetFromQuery`). Content scripts
 * import only types from lib/model so no schema code lands in them.
 */
export function panelQuery(target: SessionTarget): string {
  return new URLSearchParams(Object.entries(target)).toString();
}

/** Marks our iframes in host pages; its value is the panel query, so a re-run can tell if one is current. */
const PANEL_ATTRIBUTE = 'data-tandem-panel';

/**
 * Frames this content-script instance created. After an extension update or reload the page may
 * still hold frames of the previous instance; those are never reused (their document died with the
 * old extension) and never removed by the wrong instance.
 */
const ownFrames = new WeakSet<HTMLIFrameElement>();

/**
 * The panel iframe for a target (design.md §1): an extension page, so the notes live in the
 * extension's origin and Google's scripts cannot read them.
 */
export function createPanelFrame(
  target: SessionTarget,
  {
    initialHeight = 120,
    look = null,
    hints = {},
  }: {
    initialHeight?: number;
    look?: HostLook | null;
    /** What the page tells the panel beyond the target (e.g. `meet`, `wrapup`), in the URL fragment. */
    hints?: Record<string, string>;
  } = {},
): HTMLIFrameElement {
  const query = panelQuery(target);
  const fragment = new URLSearchParams({ ...lookParams(look), ...hints }).toString();
  const frame = document.createElement('iframe');
  frame.src = `${browser.runtime.getURL('/panel.html')}?${query}${fragment ? `#${fragment}` : ''}`;
  frame.title = 'Tandem mentoring panel';
  frame.setAttribute(PANEL_ATTRIBUTE, query);
  frame.style.cssText = `display:block;width:100%;height:${initialHeight}px;border:0;margin:0;background:transparent`;
  ownFrames.add(frame);
  return frame;
}

/**
 * Tells a panel one more hint (see `createPanelFrame`) by its URL fragment: a same-document
 * navigation, so the panel is not reloaded; it hears `hashchange`. Nothing happens when the
 * fragment already says so.
 */
export function addHint(frame: HTMLIFrameElement, name: string, value: string): void {
  const url = new URL(frame.src);
  const hints = new URLSearchParams(url.hash.slice(1));
  if (hints.get(name) === value) return;
  hints.set(name, value);
  url.hash = hints.toString();
  frame.src = url.href;
}

/** Whether `frame` is one of ours, live, and showing `target`. */
export function isPanelFor(frame: HTMLIFrameElement, target: SessionTarget): boolean {
  return ownFrames.has(frame) && frame.getAttribute(PANEL_ATTRIBUTE) === panelQuery(target);
}

/** Every Tandem panel frame under `root`, this instance's and any stale ones. */
export function panelFrames(root: ParentNode = document): HTMLIFrameElement[] {
  return [...root.querySelectorAll<HTMLIFrameElement>(`iframe[${PANEL_ATTRIBUTE}]`)];
}

export interface ServeOptions {
  /** Our frames on this page (default: every panel frame in the document). */
  frames?: () => HTMLIFrameElement[];
  /** Default: the frame takes the height its content asks for. */
  onResize?: (frame: HTMLIFrameElement, height: number) => void;
  /** Default: the frame is removed. */
  onClose?: (frame: HTMLIFrameElement) => void;
}

/**
 * Serves every panel frame of this page for the content script's lifetime: one listener handles
 * the validated messages of all frames, and all frames are removed when the lifetime ends
 * (extension updated or reloaded), so a new content script never finds stale duplicates.
 */
export function servePanels(signal: AbortSignal, options: ServeOptions = {}): void {
  const {
    frames = () => panelFrames(),
    onResize = (frame, height) => {
      frame.style.height = `${height}px`;
    },
    onClose = (frame) => frame.remove(),
  } = options;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const handle = (frame: HTMLIFrameElement, message: PanelToHost): void => {
    if (message.type === 'panel/resize') onResize(frame, message.height);
    else onClose(frame);
  };
  window.addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      // The page has many message senders: only our frames, from our origin, are heard.
      if (event.origin !== extensionOrigin) return;
      const frame = frames().find((candidate) => ownFrames.has(candidate) && candidate.contentWindow === event.source);
      if (!frame) return;
      if (isPanelToHost(event.data)) handle(frame, event.data);
      else log.debug('panel-frame', 'rejected a malformed panel message', event.data);
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    for (const frame of frames()) if (ownFrames.has(frame)) frame.remove();
  });
}
