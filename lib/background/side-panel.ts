import { browser } from 'wxt/browser';
import { meetingCodeFromPath } from '../hosts/meet/meeting-code';
import { log } from '../log';

const MEET = 'https://meet.google.com/';
const PAGE = 'sidepanel.html';

/** The side panel page pinned to one tab (lib/models/side-panel-target.ts reads `?tab=`). */
export function pinnedPanelPath(tabId: number): string {
  return `${PAGE}?tab=${tabId}`;
}

/** The part of `chrome.sidePanel` this uses (Chrome 114+; Firefox has `sidebar_action` instead). */
export interface SidePanelApi {
  getOptions(options: { tabId: number }): Promise<{ path?: string; enabled?: boolean }>;
  setOptions(options: { tabId: number; path: string; enabled: boolean }): Promise<void>;
}

/**
 * Chrome: every tab in a Meet call gets a side panel of its own, pinned to that tab. The manifest's
 * global side panel (`side_panel.default_path`) is enabled everywhere and follows the active tab;
 * a tab-specific panel is a separate instance that Chrome shows only in its tab, so the call's panel
 * keeps its state while the user looks at other tabs, and it never switches to another tab's
 * session. `tabs.onUpdated` reports Meet URLs (and their in-app navigation from the lobby into a
 * call) through our host permission, without the `tabs` permission. Call once at startup.
 */
export function enableSidePanelInMeetCalls(): void {
  if (import.meta.env.FIREFOX) return;
  // Typed as always there, but absent where the browser has no side panel API.
  const sidePanel: SidePanelApi | undefined = browser.sidePanel;
  if (!sidePanel) return;
  const enable = (tabId: number | undefined, url: string | undefined): void => {
    enableInCall(sidePanel, tabId, url).catch((error: unknown) => log.debug('side-panel', `tab ${tabId}`, error));
  };
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url) enable(tabId, tab.url);
  });
  // Tab-specific options last until the extension is reloaded or updated; calls already open then
  // have no URL change to report. (Chrome keeps the options while the service worker sleeps.)
  browser.tabs
    .query({ url: `${MEET}*` })
    .then((tabs) => {
      for (const tab of tabs) enable(tab.id, tab.url);
    })
    .catch((error: unknown) => log.error('side-panel', error));
}

/**
 * Pins the side panel to a Meet tab whose URL carries a meeting code; does nothing for other tabs or
 * when it is pinned already (setting the same options again would be harmless, but is a needless
 * call on every in-call URL change).
 */
export async function enableInCall(sidePanel: SidePanelApi, tabId: number | undefined, url: string | undefined) {
  if (tabId === undefined || !url?.startsWith(MEET) || !meetingCodeFromPath(new URL(url).pathname)) return;
  const path = pinnedPanelPath(tabId);
  const current = await sidePanel.getOptions({ tabId });
  if (current.enabled && current.path?.endsWith(path)) return;
  await sidePanel.setOptions({ tabId, path, enabled: true });
}
