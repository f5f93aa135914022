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

  async deleteEverything(): Promise<void> {
    await this.data.getByRole('button', { name: 'Delete everything…' }).click();
    await this.data.getByRole('button', { name: 'Yes, delete everything' }).click();
    await this.status.filter({ hasText: 'is deleted' }).waitFor();
  }
}
