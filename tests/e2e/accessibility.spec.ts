import { axeViolations } from './axe';
import { expect, test } from './fixtures';

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('the Calendar panel', async ({ calendar }) => {
    await calendar.open();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await expect(calendar.panel.notes).toBeEnabled();
    const frame = await (await calendar.panels.elementHandle())?.contentFrame();
    if (!frame) throw new Error('panel frame not found');
    expect(await axeViolations(frame)).toEqual([]);
  });

  test('the popup, empty and with notes', async ({ calendar, popup }) => {
    await popup.open();
    await expect(popup.page.getByText('No notes yet')).toBeVisible();
    expect(await axeViolations(popup.page)).toEqual([]);

    await calendar.open();
    await calendar.openEvent('Mentoring: Morgan / Alex');
    await calendar.panel.writeNote('A note to list');
    await popup.page.reload();
    await expect(popup.recentNotes).toHaveCount(1);
    expect(await axeViolations(popup.page)).toEqual([]);
  });

  test('the panel is usable by keyboard alone', async ({ meet }) => {
    await meet.open();
    await meet.toggle.focus();
    await meet.page.keyboard.press('Enter');
    await expect(meet.toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(meet.panel.notes).toBeEnabled();
    await meet.page.keyboard.press('Tab'); // from the toggle into the docked panel
    await expect(meet.panel.notes).toBeFocused();
    await meet.page.keyboard.type('Typed without a mouse');
    await expect(meet.panel.saveStatus).toHaveText('Saved on this device');
    await expect(meet.panel.notes).toHaveValue('Typed without a mouse');
  });
});
