import { expect, type FrameLocator, type Locator } from '@playwright/test';

export interface NewRelationship {
  name: string;
  role?: 'mentor' | 'mentee';
  wholeSeries?: boolean;
}

/** The Tandem panel iframe, wherever it is embedded. */
export class PanelFrame {
  readonly frame: FrameLocator;

  constructor(readonly element: Locator) {
    this.frame = element.contentFrame();
  }

  get heading(): Locator {
    return this.frame.getByRole('heading', { level: 1 });
  }

  /** The line under the heading: occurrence start and the agreement in one line. */
  get subtitle(): Locator {
    return this.frame.locator('.panel-header h1 + p');
  }

  get notes(): Locator {
    return this.frame.getByRole('textbox', { name: 'Session notes' });
  }

  get saveStatus(): Locator {
    return this.frame.locator('#private-notes-status');
  }

  get trackButton(): Locator {
    return this.frame.getByRole('button', { name: 'Track as mentoring session' });
  }

  get agendaItems(): Locator {
    return this.frame.locator('.agenda-item');
  }

  get agendaTexts(): Locator {
    return this.frame.locator('.agenda-item .item-text');
  }

  get newItem(): Locator {
    return this.frame.getByRole('textbox', { name: 'New agenda item' });
  }

  get notice(): Locator {
    return this.frame.locator('.notice');
  }

  get expander(): Locator {
    return this.frame.locator('button.expander');
  }

  section(heading: string | RegExp): Locator {
    return this.frame.locator('section').filter({ has: this.frame.getByRole('heading', { name: heading }) });
  }

  /** Tracks the event for a new relationship ("Track as mentoring session"). */
  async trackNew({ name, role = 'mentee', wholeSeries = true }: NewRelationship): Promise<void> {
    // In a Meet call the form is open from the start; in Calendar it sits behind the button.
    await this.frame.locator('.track-open, .track-form').first().waitFor();
    // The iframe grows to its content right after it loads: a click during that layout shift can
    // land beside the button, so click until the form is there. Only then does "is there a
    // relationship to choose?" have an answer.
    const form = this.frame.locator('.track-form');
    await expect(async () => {
      if (await this.trackButton.isVisible()) await this.trackButton.click();
      await form.waitFor({ timeout: 2_000 });
    }).toPass();
    const select = this.frame.getByLabel('Mentoring relationship');
    if (await select.count()) await select.selectOption({ label: 'Someone new…' });
    await this.frame.getByLabel('Their name').fill(name);
    await this.frame.getByRole('radio', { name: role }).check();
    const series = this.frame.getByRole('checkbox', { name: 'Every occurrence of this recurring event' });
    if (await series.count()) await series.setChecked(wholeSeries);
    await this.frame.getByRole('button', { name: 'Track', exact: true }).click();
    await this.heading.filter({ hasText: name }).waitFor();
  }

  async addItem(text: string): Promise<void> {
    const before = await this.agendaItems.count();
    await this.newItem.fill(text);
    await this.newItem.press('Enter');
    await this.agendaItems.nth(before).waitFor();
  }

  item(text: string): Locator {
    return this.agendaItems.filter({ has: this.frame.locator('.item-text', { hasText: text }) });
  }

  /** Opens the rest of the panel (goals, takeaways, notes, tools) unless it is open. */
  async showMore(): Promise<void> {
    if ((await this.expander.getAttribute('aria-expanded')) !== 'true') await this.expander.click();
  }

  async writeNote(text: string): Promise<void> {
    // Untracked events and calls show the notes at once; a tracked session has them under "Show more".
    await this.frame.locator('#private-notes:visible, button.expander').first().waitFor();
    if (!(await this.notes.isVisible())) await this.showMore();
    await this.notes.fill(text);
    await this.saveStatus.filter({ hasText: 'Saved on this device' }).waitFor();
  }
}
