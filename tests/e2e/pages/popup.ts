import type { Locator, Page } from '@playwright/test';

/** The toolbar popup, opened as its extension page. */
export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
  }

  get recentNotes(): Locator {
    return this.page.getByRole('region', { name: 'Recent session notes' }).getByRole('listitem');
  }
}
