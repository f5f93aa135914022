import type { Download, Locator, Page } from '@playwright/test';

/** The options page, opened as its extension page. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
  }

  get data(): Locator {
    return this.page.getByRole('region', { name: 'Your data' });
  }

  get status(): Locator {
    return this.data.locator('.status');
  }

  async downloadBackup(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.data.getByRole('button', { name: 'Download a backup' }).click();
    return download;
  }

  async restore(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.data.getByLabel('Restore from a backup…').setInputFiles(file);
  }

  /** Opens the page and restores a backup file: the way specs start from known data. */
  async seed(file: string): Promise<void> {
    await this.open();
    await this.restore(file);
    await this.status.filter({ hasText: 'Restored' }).waitFor();
  }

  /** Options → Relationships: the list, creating one, and the undo of a deletion. */
  get relationships(): Locator {
    return this.page.getByRole('region', { name: 'Relationships' });
  }

  /** The relationship opened from the list (or a reminder). */
  get relationship(): Locator {
    return this.page.locator('section.relationship-page');
  }

  async openRelationship(name: string): Promise<void> {
    await this.relationships.getByRole('link', { name }).click();
    await this.relationship.getByRole('heading', { name: `Mentoring with ${name}` }).waitFor();
  }

  get reminders(): Locator {
    return this.page.getByRole('region', { name: 'Reminders' });
  }

  /** Options → Google account. */
  get account(): Locator {
    return this.page.getByRole('region', { name: 'Google account' });
  }

  /** The account section's live status lines. */
  get accountActivity(): Locator {
    return this.account.getByRole('status');
  }

  /** "Connect Google Calendar" (the fake build signs in through the fake's OAuth endpoint), then the first sync. */
  async connectGoogle(): Promise<void> {
    await this.account.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await this.accountActivity.getByText(/^Last synced /).waitFor();
  }

  /** "Sync now", and waits until the run is over. */
  async syncNow(): Promise<void> {
    const button = this.account.getByRole('button', { name: /^Sync(ing)? now/ });
    await button.click();
    await this.account.getByRole('button', { name: 'Sync now' }).and(this.page.locator(':enabled')).waitFor();
  }

  /** The relationship page's "Recurring sessions on Google Calendar". */
  get series(): Locator {
    return this.relationship.locator('section.series');
  }

  async deleteEverything(): Promise<void> {
    await this.data.getByRole('button', { name: 'Delete everything…' }).click();
    await this.data.getByRole('button', { name: 'Yes, delete everything' }).click();
    await this.status.filter({ hasText: 'is deleted' }).waitFor();
  }
}
