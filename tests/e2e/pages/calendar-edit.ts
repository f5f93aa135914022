import type { Locator, Page } from '@playwright/test';
import { URLS } from '../../harness/google-routes.ts';
import { PanelFrame } from './panel';

/** The fixture Google Calendar event editor (`/r/eventedit/<eid>`), opened directly or in-app. */
export class CalendarEditPage {
  constructor(readonly page: Page) {}

  async open(eid: string, variant = ''): Promise<void> {
    await this.page.goto(`${URLS.calendarEdit(eid)}${variant}`);
    await this.page.locator('html[data-fixture-ready="1"][data-fixture-view="edit"]').waitFor();
  }

  /** Resolves once the fixture shows the editor (after a page load or in-app navigation). */
  async shown(): Promise<void> {
    await this.page.locator('html[data-fixture-view="edit"]').waitFor();
  }

  /** The "Event details" tab (any variant: it is the tab panel holding the description editor). */
  get detailsTab(): Locator {
    return this.page.locator('[role="tabpanel"]').filter({ has: this.page.locator('[contenteditable="true"]') });
  }

  get panels(): Locator {
    return this.detailsTab.locator('iframe[data-tandem-panel]');
  }

  get panel(): PanelFrame {
    return new PanelFrame(this.panels.first());
  }

  /** Google's data-bound rows re-render and drop children they did not create. */
  async simulateGoogleRerender(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { __gcal: { rerender(): void } }).__gcal.rerender());
  }

  /** Save: back to the event's week, in-app. */
  async save(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { __gcal: { save(): Promise<void> } }).__gcal.save());
  }
}
