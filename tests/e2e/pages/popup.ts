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

  /** What the popup says when there is no relationship yet. */
  get empty(): Locator {
    return this.page.locator('.empty');
  }

  get recentNotes(): Locator {
    return this.page.getByRole('region', { name: 'Recent session notes' }).getByRole('listitem');
  }

  /** One relationship's part of the goals review, by the other person's name. */
  relationship(name: string): RelationshipReview {
    return new RelationshipReview(this.page.getByRole('region', { name, exact: true }));
  }

  get relationships(): Locator {
    return this.page.locator('section.relationship');
  }

  get notice(): Locator {
    return this.page.locator('.notice');
  }
}

export class RelationshipReview {
  constructor(readonly region: Locator) {}

  get nextSession(): Locator {
    return this.region.locator('.next');
  }

  get openAgenda(): Locator {
    return this.region.getByRole('button', { name: /^Open its agenda/ });
  }

  /** The due action items' checkboxes, named by their text. */
  dueItem(text: string): Locator {
    return this.region.getByRole('checkbox', { name: new RegExp(`^Done: ${text}`) });
  }

  /** The owner groups of what is due: "You", then the other person. */
  get owners(): Locator {
    return this.region.locator('.owner-group h4');
  }

  goal(title: string): Locator {
    return this.region.locator('.goal').filter({ has: this.region.page().getByText(title, { exact: true }) });
  }

  get goalTitles(): Locator {
    return this.region.locator('.goal-title strong');
  }

  get addGoal(): Locator {
    return this.region.getByRole('button', { name: /^Add a goal/ });
  }

  get logWin(): Locator {
    return this.region.getByRole('button', { name: /^Log a win/ });
  }

  form(name: 'New goal' | 'New win'): Locator {
    return this.region.getByRole('form', { name });
  }
}
