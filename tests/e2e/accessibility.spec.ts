import { axeViolations } from './axe';
import { expect, test } from './fixtures';

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('the Calendar panel: untracked, the track form, a full agenda, a past session', async ({
    calendar,
    browserWithExtension,
  }) => {
    await browserWithExtension.context.clock.setFixedTime(new Date('2026-11-23T10:00:00Z'));
    const violations = async () => {
      const frame = await (await calendar.panels.elementHandle())?.contentFrame();
      if (!frame) throw new Error('panel frame not found');
      return axeViolations(frame);
    };
    await calendar.open();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    const panel = calendar.panel;
    await expect(panel.trackButton).toBeVisible();
    expect(await violations()).toEqual([]);
    // Chrome's injected `body { font-size: 75% }` for extension pages must not shrink the text.
    expect(await panel.frame.locator('body').evaluate((body) => getComputedStyle(body).fontSize)).toBe('14px');

    await panel.trackButton.click();
    await expect(panel.frame.getByLabel('Their name')).toBeVisible();
    expect(await violations()).toEqual([]);
    await panel.frame.getByRole('button', { name: 'Cancel' }).click();

    await panel.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
    await expect(panel.frame.locator('.invite')).toBeVisible();
    expect(await violations()).toEqual([]);
    await panel.addItem('How do I ask for more scope?');
    await panel.item('How do I ask for more scope?').getByRole('button', { name: /^Edit/ }).click();
    await panel.showMore();
    await expect(panel.notes).toBeEnabled();
    expect(await violations()).toEqual([]);

    await calendar.closeDialog();
    await calendar.page.locator('[data-fixture-nav="prev"]').click();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await expect(panel.frame.getByRole('button', { name: 'Yes, it was held' })).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test('the popup, empty and with notes', async ({ calendar, popup }) => {
    await popup.open();
    await expect(popup.empty).toBeVisible();
    expect(await axeViolations(popup.page)).toEqual([]);

    await calendar.open();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
    await calendar.panel.writeNote('A note to list');
    await popup.page.reload();
    await expect(popup.recentNotes).toHaveCount(1);
    expect(await axeViolations(popup.page)).toEqual([]);
  });

  test('the Meet sidebar is usable by keyboard alone: resize, track, note, wrap up', async ({ meet }) => {
    await meet.open();
    await meet.toggle.focus();
    await meet.page.keyboard.press('Enter');
    await expect(meet.toggle).toHaveAttribute('aria-expanded', 'true');
    const name = meet.panel.frame.getByLabel('Their name');
    await expect(name).toBeEnabled();

    // From the toggle to the dock's resize grip: arrow keys widen it.
    await meet.page.keyboard.press('Tab');
    const grip = meet.page.locator('tandem-meet-sidebar').getByRole('separator', { name: 'Resize the Tandem sidebar' });
    await expect(grip).toBeFocused();
    await expect(grip).toHaveAttribute('aria-valuenow', '360');
    await meet.page.keyboard.press('ArrowLeft');
    await expect(grip).toHaveAttribute('aria-valuenow', '380');

    // Into the panel: the first question is which relationship this call is for.
    await meet.page.keyboard.press('Tab');
    await expect(name).toBeFocused();
    await meet.page.keyboard.type('Alex Mentee');
    await meet.page.keyboard.press('Enter');
    await expect(meet.panel.heading).toHaveText('Mentored by Alex Mentee');

    await meet.page.keyboard.press('Alt+N');
    await expect(meet.panel.notes).toBeFocused();
    await meet.page.keyboard.type('Typed without a mouse');
    await expect(meet.panel.saveStatus).toHaveText('Saved on this device');
    await meet.page.keyboard.press('Alt+E');
    await expect(meet.panel.frame.locator('#wrap-up')).toBeFocused();
  });
});
