import type { BrowserContext, Locator, Page } from '@playwright/test';

/**
 * The browser side panel's page (entrypoints/sidepanel) loaded in a tab: Playwright cannot open
 * Chrome's side panel itself. As a tab it sees the same tabs API; note that while it is the active
 * tab it follows itself (and shows the empty state), so bring the tab under test to the front.
 */
export class SidePanelPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /** `path` is what the manifest or the background sets: `sidepanel.html` or `sidepanel.html?tab=<id>`. */
  async open(path = 'sidepanel.html'): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/${path}`);
    await this.page.locator('main.panel').waitFor();
  }

  /** The panel's heading (the session) or the empty state's title. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get emptyState(): Locator {
    return this.page.locator('main[data-state="empty"]');
  }

  get notes(): Locator {
    return this.page.getByRole('textbox', { name: 'Session notes' });
  }

  get trackButton(): Locator {
    return this.page.getByRole('button', { name: 'Track as mentoring session' });
  }

  async writeNote(text: string): Promise<void> {
    const expander = this.page.locator('button.expander');
    if ((await expander.count()) && (await expander.getAttribute('aria-expanded')) !== 'true') await expander.click();
    await this.notes.fill(text);
    const status = this.page.locator('section.note-editor', { has: this.notes }).locator('.status');
    await status.filter({ hasText: 'Saved on this device' }).waitFor();
  }
}

/** The id the browser gives the tab showing `page`, asked of the extension's service worker. */
export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  const url = page.url();
  const id = await worker.evaluate(async (wanted) => {
    const { chrome } = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
    };
    const tabs = await chrome.tabs.query({});
    const matching = tabs.filter((tab) => tab.url === wanted);
    return matching.length === 1 ? matching[0]?.id : undefined;
  }, url);
  if (id === undefined) throw new Error(`no single tab shows ${url}`);
  return id;
}

/** `chrome.sidePanel.getOptions({ tabId })` in the real service worker. */
export async function sidePanelOptions(
  context: BrowserContext,
  tabId: number,
): Promise<{ enabled?: boolean; path?: string }> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  return worker.evaluate((id) => {
    const { chrome } = globalThis as unknown as {
      chrome: { sidePanel: { getOptions(o: object): Promise<{ enabled?: boolean; path?: string }> } };
    };
    return chrome.sidePanel.getOptions({ tabId: id });
  }, tabId);
}
