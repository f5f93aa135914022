import type { Locator, Page } from '@playwright/test';
import { URLS } from '../../harness/google-routes.ts';
import { PanelFrame } from './panel';

/** The fixture Google Meet page at its real URL. */
export class MeetPage {
  constructor(readonly page: Page) {}

  async open(url: string = URLS.meetCall()): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForLoadState('domcontentloaded');
  }

  get toggle(): Locator {
    return this.page.locator('tandem-meet-sidebar').getByRole('button', { name: 'Tandem' });
  }

  get panel(): PanelFrame {
    return new PanelFrame(this.page.locator('tandem-meet-sidebar iframe[data-tandem-panel]'));
  }

  async join(): Promise<void> {
    await this.page.locator('button[data-fixture="join"]').click();
  }
}
