import type { FrameLocator, Locator } from '@playwright/test';

/** The Tandem panel iframe, wherever it is embedded. */
export class PanelFrame {
  readonly frame: FrameLocator;

  constructor(readonly element: Locator) {
    this.frame = element.contentFrame();
  }

  get heading(): Locator {
    return this.frame.getByRole('heading', { level: 1 });
  }

  get notes(): Locator {
    return this.frame.getByRole('textbox', { name: 'Session notes' });
  }

  get saveStatus(): Locator {
    return this.frame.locator('#notes-status');
  }

  async writeNote(text: string): Promise<void> {
    await this.notes.fill(text);
    await this.saveStatus.filter({ hasText: 'Saved on this device' }).waitFor();
  }
}
