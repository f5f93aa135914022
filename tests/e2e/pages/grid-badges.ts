import type { CDPSession, Locator, Page } from '@playwright/test';
import type { CalendarPage } from './calendar';

/** What Chrome's own accessibility tree says about an element. */
export interface AxSummary {
  role: string;
  name: string;
  description: string;
}

/** Tandem's badges on the chips of the fixture Calendar grid. */
export class GridBadges {
  readonly page: Page;
  private cdp: CDPSession | undefined;

  constructor(readonly calendar: CalendarPage) {
    this.page = calendar.page;
  }

  /** Every badge on the page (ours are the only `data-tandem-badge` spans). */
  get all(): Locator {
    return this.page.locator('span[data-tandem-badge]');
  }

  chip(title: string | RegExp): Locator {
    return this.calendar.chip(title);
  }

  /** Every chip showing this title (a grid may show one event on several chips). */
  chips(title: string | RegExp): Locator {
    return this.page.locator('[data-eventchip]').filter({ hasText: title });
  }

  badge(title: string | RegExp): Locator {
    return this.chip(title).locator('span[data-tandem-badge]');
  }

  /** The fixture re-renders the grid as Google does: every chip a new node. */
  async rerenderGrid(): Promise<void> {
    await this.page.evaluate(() =>
      (window as unknown as { __gcal: { rerenderGrid(): boolean } }).__gcal.rerenderGrid(),
    );
  }

  async nextWeek(): Promise<void> {
    await this.page.locator('[data-fixture-nav="next"]').click();
  }

  async previousWeek(): Promise<void> {
    await this.page.locator('[data-fixture-nav="prev"]').click();
  }

  /** Role, name and description of the first element matching `selector`, as Chromium computes them. */
  async accessibility(selector: string): Promise<AxSummary> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    const { root } = await this.cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await this.cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await this.cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0];
    return {
      role: String(node?.role?.value ?? ''),
      name: String(node?.name?.value ?? ''),
      description: String(node?.description?.value ?? ''),
    };
  }
}
