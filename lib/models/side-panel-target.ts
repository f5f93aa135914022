import { type ReadonlySignal, signal } from '@preact/signals';
import { type TabTarget, tabTarget, tabTargetKey } from '../hosts/tab-target';

/** The part of a `tabs.Tab` this needs; `url` is there only for tabs we hold host permission for. */
export interface TabInfo {
  id?: number;
  windowId?: number;
  active?: boolean;
  url?: string;
}

interface Event<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** The part of `browser.tabs` (Chrome and Firefox) the side panel uses. */
export interface TabsApi {
  get(tabId: number): Promise<TabInfo>;
  query(query: { active: true; windowId: number }): Promise<TabInfo[]>;
  onActivated: Event<(info: { tabId: number; windowId: number }) => void>;
  onUpdated: Event<(tabId: number, change: object, tab: TabInfo) => void>;
  onRemoved: Event<(tabId: number) => void>;
}

/** Which tab the side panel follows. */
export type Follow =
  /** The active tab of the window the side panel is in (the global side panel, Firefox's sidebar). */
  | { kind: 'active'; windowId: number }
  /** One tab (Chrome's side panel for one Meet call, which Chrome shows only in that tab). */
  | { kind: 'tab'; tabId: number };

export type SidePanelView =
  | { status: 'loading' }
  | { status: 'ready'; key: string; target: TabTarget }
  /** The followed tab was closed (pinned panels only). */
  | { status: 'closed' };

export interface SidePanelTarget {
  view: ReadonlySignal<SidePanelView>;
  dispose(): void;
}

/**
 * What the browser's side panel shows: the session of the tab it follows, re-read on tab switches
 * (`onActivated`) and in-tab navigation (`onUpdated`: Meet and Calendar change their URL without a
 * reload). The view changes only when the target does, so a tab's loading/complete updates do not
 * rebuild the panel, and an answer that arrives after a newer switch is dropped.
 */
export function createSidePanelTarget(tabs: TabsApi, follow: Follow): SidePanelTarget {
  const view = signal<SidePanelView>({ status: 'loading' });
  let generation = 0;
  let disposed = false;

  const show = (tab: TabInfo | undefined): void => {
    if (disposed) return;
    const target = tabTarget(tab?.url);
    const key = tabTargetKey(target);
    const current = view.peek();
    if (current.status === 'ready' && current.key === key) return;
    view.value = { status: 'ready', key, target };
  };

  /** Reads a tab by id; only the newest read may update the view. */
  const load = (read: () => Promise<TabInfo | undefined>): void => {
    const mine = ++generation;
    read().then(
      (tab) => {
        if (mine === generation) show(tab);
      },
      () => {
        // The tab went away between the event and the read; the next event says what is current.
        if (mine === generation && follow.kind === 'tab' && !disposed) view.value = { status: 'closed' };
      },
    );
  };

  const follows = (tab: TabInfo, tabId: number): boolean =>
    follow.kind === 'tab' ? tabId === follow.tabId : tab.active === true && tab.windowId === follow.windowId;

  const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }): void => {
    if (follow.kind === 'active' && windowId === follow.windowId) load(() => tabs.get(tabId));
  };
  const onUpdated = (tabId: number, _change: object, tab: TabInfo): void => {
    if (!follows(tab, tabId)) return;
    // Newer than any read in flight: it carries the tab as it is now.
    generation++;
    show(tab);
  };
  const onRemoved = (tabId: number): void => {
    if (follow.kind === 'tab' && tabId === follow.tabId) {
      generation++;
      view.value = { status: 'closed' };
    }
  };

  tabs.onActivated.addListener(onActivated);
  tabs.onUpdated.addListener(onUpdated);
  tabs.onRemoved.addListener(onRemoved);
  load(() =>
    follow.kind === 'tab'
      ? tabs.get(follow.tabId)
      : tabs.query({ active: true, windowId: follow.windowId }).then(([tab]) => tab),
  );

  return {
    view,
    dispose() {
      disposed = true;
      tabs.onActivated.removeListener(onActivated);
      tabs.onUpdated.removeListener(onUpdated);
      tabs.onRemoved.removeListener(onRemoved);
    },
  };
}

/** The followed tab named by the side panel page's query (`?tab=<id>`, set by the background), if any. */
export function pinnedTabFromQuery(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
