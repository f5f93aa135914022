import { describe, expect, it } from 'vitest';
import {
  createSidePanelTarget,
  pinnedTabFromQuery,
  type SidePanelView,
  type TabInfo,
  type TabsApi,
} from '../../../lib/models/side-panel-target';

const MEET = 'https://meet.google.com/abc-defg-hij';
const OTHER_MEET = 'https://meet.google.com/xyz-abcd-efg';
const WEEK = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const WINDOW = 1;

type Listener = (...args: never[]) => void;

/** A browser's tabs in memory; `get` answers when the test says so, to replay slow answers. */
function fakeTabs(initial: Required<TabInfo>[]) {
  const tabs = new Map(initial.map((tab) => [tab.id, { ...tab }]));
  const listeners = { activated: new Set<Listener>(), updated: new Set<Listener>(), removed: new Set<Listener>() };
  const event = (set: Set<Listener>) => ({
    addListener: (listener: Listener) => set.add(listener),
    removeListener: (listener: Listener) => set.delete(listener),
  });
  const pendingGets: (() => void)[] = [];
  let holdGets = false;
  const api: TabsApi = {
    get: (tabId) =>
      new Promise((resolve, reject) => {
        const answer = () => {
          const tab = tabs.get(tabId);
          if (tab) resolve({ ...tab });
          else reject(new Error(`No tab with id: ${tabId}.`));
        };
        if (holdGets) pendingGets.push(answer);
        else answer();
      }),
    query: async ({ windowId }) => [...tabs.values()].filter((tab) => tab.active && tab.windowId === windowId),
    onActivated: event(listeners.activated),
    onUpdated: event(listeners.updated),
    onRemoved: event(listeners.removed),
  };
  const emit = (set: Set<Listener>, ...args: unknown[]) => {
    for (const listener of set) (listener as (...a: unknown[]) => void)(...args);
  };
  return {
    api,
    listeners,
    activate(tabId: number) {
      const windowId = tabs.get(tabId)?.windowId ?? WINDOW;
      for (const tab of tabs.values()) if (tab.windowId === windowId) tab.active = tab.id === tabId;
      emit(listeners.activated, { tabId, windowId });
    },
    navigate(tabId: number, url: string) {
      const tab = tabs.get(tabId);
      if (!tab) throw new Error('no such tab');
      tab.url = url;
      emit(listeners.updated, tabId, { url }, { ...tab });
    },
    status(tabId: number) {
      emit(listeners.updated, tabId, { status: 'complete' }, { ...tabs.get(tabId) });
    },
    remove(tabId: number) {
      tabs.delete(tabId);
      emit(listeners.removed, tabId);
    },
    hold() {
      holdGets = true;
    },
    release(index: number) {
      pendingGets.splice(index, 1)[0]?.();
    },
  };
}

const tab = (id: number, url: string, active = false, windowId = WINDOW): Required<TabInfo> => ({
  id,
  url,
  active,
  windowId,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const shown = (view: SidePanelView) => (view.status === 'ready' ? view.key : view.status);

describe('createSidePanelTarget following the active tab', () => {
  it('starts with the active tab of its window and follows tab switches and in-tab navigation', async () => {
    const browser = fakeTabs([tab(10, MEET, true), tab(11, WEEK), tab(20, OTHER_MEET, true, 2)]);
    const model = createSidePanelTarget(browser.api, { kind: 'active', windowId: WINDOW });
    expect(model.view.value).toEqual({ status: 'loading' });
    await settle();
    expect(model.view.value).toEqual({
      status: 'ready',
      key: 'meet:abc-defg-hij',
      target: { kind: 'session', target: { kind: 'meet', code: 'abc-defg-hij' } },
    });

    browser.activate(11);
    await settle();
    expect(shown(model.view.value)).toBe('calendar-no-event');

    browser.navigate(11, 'https://example.com/');
    expect(shown(model.view.value)).toBe('elsewhere');
    browser.navigate(11, 'https://meet.google.com/');
    expect(shown(model.view.value)).toBe('meet-no-call');
    browser.navigate(11, OTHER_MEET);
    expect(shown(model.view.value)).toBe('meet:xyz-abcd-efg');
    model.dispose();
  });

  it('ignores other windows and background tabs', async () => {
    const browser = fakeTabs([
      tab(10, MEET, true),
      tab(11, WEEK),
      tab(20, OTHER_MEET, true, 2),
      tab(21, WEEK, false, 2),
    ]);
    const model = createSidePanelTarget(browser.api, { kind: 'active', windowId: WINDOW });
    await settle();
    browser.activate(21);
    browser.navigate(20, 'https://meet.google.com/');
    browser.navigate(11, OTHER_MEET);
    await settle();
    expect(shown(model.view.value)).toBe('meet:abc-defg-hij');
    model.dispose();
  });

  it('keeps the same view object while the target is unchanged, so the panel is not rebuilt', async () => {
    const browser = fakeTabs([tab(10, MEET, true), tab(11, `${MEET}?hs=122`)]);
    const model = createSidePanelTarget(browser.api, { kind: 'active', windowId: WINDOW });
    await settle();
    const first = model.view.value;
    browser.status(10);
    browser.activate(11);
    await settle();
    expect(model.view.value).toBe(first);
    model.dispose();
  });

  it('drops a slow answer about a tab the user has already left', async () => {
    const browser = fakeTabs([tab(10, MEET, true), tab(11, WEEK), tab(12, OTHER_MEET)]);
    const model = createSidePanelTarget(browser.api, { kind: 'active', windowId: WINDOW });
    await settle();
    browser.hold();
    browser.activate(11);
    browser.activate(12);
    browser.release(1); // tab 12 answers first…
    await settle();
    browser.release(0); // …then the stale answer for tab 11
    await settle();
    expect(shown(model.view.value)).toBe('meet:xyz-abcd-efg');
    model.dispose();
  });

  it('stops listening when disposed', async () => {
    const browser = fakeTabs([tab(10, MEET, true), tab(11, WEEK)]);
    const model = createSidePanelTarget(browser.api, { kind: 'active', windowId: WINDOW });
    await settle();
    model.dispose();
    expect([...Object.values(browser.listeners)].map((set) => set.size)).toEqual([0, 0, 0]);
  });
});

describe('createSidePanelTarget pinned to one tab', () => {
  it('shows that tab whichever tab is active, follows its navigation, and says when it closes', async () => {
    const browser = fakeTabs([tab(10, MEET), tab(11, WEEK, true)]);
    const model = createSidePanelTarget(browser.api, { kind: 'tab', tabId: 10 });
    await settle();
    expect(shown(model.view.value)).toBe('meet:abc-defg-hij');
    browser.activate(11);
    browser.navigate(11, OTHER_MEET);
    await settle();
    expect(shown(model.view.value)).toBe('meet:abc-defg-hij');
    browser.navigate(10, OTHER_MEET);
    expect(shown(model.view.value)).toBe('meet:xyz-abcd-efg');
    browser.remove(10);
    expect(model.view.value).toEqual({ status: 'closed' });
    model.dispose();
  });

  it('says the tab is closed when it is gone before the first read', async () => {
    const browser = fakeTabs([tab(11, WEEK, true)]);
    const model = createSidePanelTarget(browser.api, { kind: 'tab', tabId: 10 });
    await settle();
    expect(model.view.value).toEqual({ status: 'closed' });
    model.dispose();
  });
});

describe('pinnedTabFromQuery', () => {
  it.each([
    ['?tab=1830772149', 1830772149],
    ['?tab=0', 0],
    ['', null],
    ['?tab=', null],
    ['?tab=-1', null],
    ['?tab=12abc', null],
    ['?tab=1e3', null],
    ['?tab=9999999999999999', null],
  ])('%s → %s', (search, expected) => {
    expect(pinnedTabFromQuery(search)).toBe(expected);
  });
});
