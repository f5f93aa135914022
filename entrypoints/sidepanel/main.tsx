import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanelApp } from '../../components/SidePanelApp';
import { createSidePanelTarget, type Follow, pinnedTabFromQuery } from '../../lib/models/side-panel-target';
import '../../components/theme.css';
import '../../components/panel.css';
import '../../components/side-panel.css';

// Chrome's panel for one Meet call is pinned to its tab (lib/background/side-panel.ts); the global
// side panel and Firefox's sidebar follow the active tab of their window.
const pinned = pinnedTabFromQuery(location.search);
const follow: Follow =
  pinned === null
    ? { kind: 'active', windowId: (await browser.windows.getCurrent()).id ?? -1 }
    : { kind: 'tab', tabId: pinned };
const model = createSidePanelTarget(browser.tabs, follow);

const app = document.getElementById('app');
if (app) render(<SidePanelApp model={model} />, app);
