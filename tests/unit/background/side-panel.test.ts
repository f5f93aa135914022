import { describe, expect, it } from 'vitest';
import { enableInCall, type SidePanelApi } from '../../../lib/background/side-panel';

/** `chrome.sidePanel` in memory: tab options over the manifest's global default. */
function fakeSidePanel() {
  const byTab = new Map<number, { path: string; enabled: boolean }>();
  const calls: unknown[] = [];
  const api: SidePanelApi = {
    getOptions: async ({ tabId }) => byTab.get(tabId) ?? { path: 'sidepanel.html', enabled: true },
    setOptions: async (options) => {
      calls.push(options);
      byTab.set(options.tabId, { path: options.path, enabled: options.enabled });
    },
  };
  return { api, calls };
}

describe('enableInCall', () => {
  it('pins a side panel to a Meet tab in a call, once', async () => {
    const sidePanel = fakeSidePanel();
    await enableInCall(sidePanel.api, 7, 'https://meet.google.com/abc-defg-hij?authuser=0');
    await enableInCall(sidePanel.api, 7, 'https://meet.google.com/abc-defg-hij');
    expect(sidePanel.calls).toEqual([{ tabId: 7, path: 'sidepanel.html?tab=7', enabled: true }]);
  });

  it.each([
    ['the Meet landing page', 'https://meet.google.com/landing'],
    ['a Calendar tab', 'https://calendar.google.com/calendar/u/0/r/week'],
    ['a look-alike host', 'https://meet.google.com.example.com/abc-defg-hij'],
    ['a tab whose URL we may not read', undefined],
  ])('leaves %s to the global side panel', async (_name, url) => {
    const sidePanel = fakeSidePanel();
    await enableInCall(sidePanel.api, 7, url);
    expect(sidePanel.calls).toEqual([]);
  });

  it('does nothing for a tab without an id', async () => {
    const sidePanel = fakeSidePanel();
    await enableInCall(sidePanel.api, undefined, 'https://meet.google.com/abc-defg-hij');
    expect(sidePanel.calls).toEqual([]);
  });
});
