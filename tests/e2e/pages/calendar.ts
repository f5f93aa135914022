import type { Locator, Page } from '@playwright/test';
import { URLS } from '../../harness/google-routes.ts';
import { PanelFrame } from './panel';

/** The fixture Google Calendar week at its real URL. */
export class CalendarPage {
  constructor(readonly page: Page) {}

  async open(url: string = URLS.calendarWeek): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('html[data-fixture-ready="1"]').waitFor();
  }

  chip(title: string | RegExp): Locator {
    return this.page.locator('[data-eventchip]').filter({ hasText: title }).first();
  }

  async openEvent(title: string | RegExp): Promise<void> {
    await this.chip(title).click();
    await this.dialog.waitFor();
  }

  /** Google's event bubble (found through the fixture's layer, so variants with renamed ids work too). */
  get dialog(): Locator {
    return this.page.locator('.fixture-bubble-layer > [role="dialog"]');
  }

  /** The panel frames inside the open event dialog. */
  get panels(): Locator {
    return this.dialog.locator('iframe[data-tandem-panel]');
  }

  get panel(): PanelFrame {
    return new PanelFrame(this.panels.first());
  }

  /** Google's data-bound sections re-render and drop children they did not create. */
  async simulateGoogleRerender(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { __gcal: { rerender(): void } }).__gcal.rerender());
  }

  async closeDialog(): Promise<void> {
    await this.dialog.locator('#xDetDlgCloseBu').click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
