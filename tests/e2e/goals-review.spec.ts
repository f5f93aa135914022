import { resolve } from 'node:path';
import { encodeEid } from '../../lib/hosts/calendar/eid.ts';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';

/**
 * Two relationships seen on Monday 23 Nov 2026, 10:00 UTC: Morgan (active, every 2 weeks, a session
 * tomorrow with nothing on its agenda, items overdue, due today and tomorrow, goals with milestones and
 * wins, review date passed, a check-in due) and Riley (paused).
 */
const REVIEW = resolve(import.meta.dirname, '../fixtures/backups/goals-review.json');
const NOW = new Date('2026-11-23T10:00:00Z');
const NEXT_EVENT = { calendarId: 'morgan.mentor@gmail.com', eventId: '4mentoringseries0000000000_20261124T150000Z' };

test.beforeEach(async ({ browserWithExtension }) => {
  await browserWithExtension.context.clock.setFixedTime(NOW);
});

test('the popup reviews each relationship: next session, rhythm, what is due by whom, goals and progress', async ({
  popup,
  options,
}) => {
  await options.seed(REVIEW);
  await popup.open();

  // Active relationships first.
  await expect(popup.relationships.locator('h2')).toHaveText(['Morgan Mentor', 'Riley Reportpaused']);
  const morgan = popup.relationship('Morgan Mentor');
  await expect(morgan.region.locator('header .meta')).toHaveText('Your mentor · every 2 weeks · 45 min · video');

  await expect(morgan.nextSession).toContainText('Next session: Tue 24 Nov, 15:00 · in 29 hours');
  await expect(morgan.nextSession).toContainText('Not prepared yet');
  // 29 Sep, 13 Oct, (20 Oct cancelled), 3 Nov, 17 Nov.
  await expect(morgan.nextSession).toContainText('Agreed every 2 weeks; last 3 gaps: 14, 21, 14 days.');
  await expect(morgan.region.getByRole('button', { name: 'Review your agreement (due 20 Nov)' })).toBeVisible();
  await expect(morgan.region.getByRole('button', { name: 'Time for a private check-in' })).toBeVisible();

  await expect(morgan.owners).toHaveText(['You', 'Morgan Mentor']);
  await expect(morgan.dueItem('Draft the self-review')).toBeVisible();
  await expect(morgan.region.locator('.owner-group li')).toHaveText([
    'Done: Draft the self-review · overdue since 20 Nov',
    'Done: Book the design review · due 24 Nov',
    'Done: Send the ladder doc · due today',
  ]);
  await expect(morgan.region).toContainText('2 more open action items due later or without a date.');

  await expect(morgan.goalTitles).toHaveText(['Speak at a conference', 'Lead a cross-team project']);
  await expect(morgan.goal('Speak at a conference')).toContainText('No milestones yet · target passed 1 Nov');
  const lead = morgan.goal('Lead a cross-team project');
  await expect(lead).toContainText('1/3 milestones · target 31 Mar · 1 win');
  await expect(lead.getByRole('img')).toHaveAttribute(
    'aria-label',
    'Timeline: 1 of 3 milestones done, 1 win, target 31 Mar',
  );
  await expect(lead.getByRole('checkbox')).toHaveAccessibleName(
    'Milestone reached: Next: Get sponsor sign-off · by 1 Dec',
  );
  await expect(morgan.region).toContainText('Achieved: Read the career ladder');

  const riley = popup.relationship('Riley Report');
  await expect(riley.nextSession).toContainText('No upcoming session recorded.');
  await expect(riley.nextSession).toContainText('Agreed every month; no sessions held yet to compare.');
  await expect(riley.owners).toHaveText(['You']);
  await expect(riley.region.locator('.owner-group li')).toHaveText([
    'Done: Share the reading list · overdue since 22 Nov',
  ]);

  await expect(popup.recentNotes).toHaveText([/Talked about scope, not titles\./]);
  expect(await axeViolations(popup.page)).toEqual([]);
});

test('quick actions: tick an action item (and undo), mark a milestone, add a goal, log a win', async ({
  popup,
  options,
}) => {
  await options.seed(REVIEW);
  await popup.open();
  const morgan = popup.relationship('Morgan Mentor');

  // Ticking one off takes it off the list (the checkbox goes with it).
  await morgan.dueItem('Draft the self-review').click();
  await expect(morgan.dueItem('Draft the self-review')).toHaveCount(0);
  await expect(popup.notice).toContainText('Done: “Draft the self-review”');
  await popup.notice.getByRole('button', { name: 'Undo' }).click();
  await expect(morgan.dueItem('Draft the self-review')).toBeVisible();

  const lead = morgan.goal('Lead a cross-team project');
  await lead.getByRole('checkbox').click();
  await expect(lead).toContainText('2/3 milestones');
  await expect(lead.getByRole('checkbox')).toHaveAccessibleName(/Next: Kick-off meeting/);

  await morgan.addGoal.click();
  const goalForm = morgan.form('New goal');
  await expect(goalForm.getByLabel('Goal')).toBeFocused();
  await goalForm.getByRole('button', { name: 'Add goal' }).click();
  await expect(goalForm.getByLabel('Goal')).toHaveAccessibleDescription('Must not be empty');
  await goalForm.getByLabel('Goal').fill('x'.repeat(501));
  await expect(goalForm.getByLabel('Goal')).toHaveAccessibleDescription('Must be at most 500 characters');
  await goalForm.getByLabel('Goal').fill('Mentor an intern');
  // A date typed only in part is no date: it is said so, not taken for "no date".
  await goalForm.getByLabel('Target date (optional)').focus();
  await popup.page.keyboard.type('3');
  await goalForm.getByRole('button', { name: 'Add goal' }).click();
  await expect(goalForm.getByLabel('Target date (optional)')).toHaveAccessibleDescription('Must be a real date');
  await goalForm.getByLabel('Target date (optional)').fill('2026-11-01');
  await goalForm.getByRole('button', { name: 'Add goal' }).click();
  await expect(goalForm.getByLabel('Target date (optional)')).toHaveAccessibleDescription(
    'Is in the past: choose today or a later day',
  );
  await goalForm.getByLabel('Target date (optional)').fill('2027-06-30');
  await goalForm.getByRole('button', { name: 'Add goal' }).click();
  await expect(goalForm).toHaveCount(0);
  await expect(morgan.addGoal).toBeFocused();
  await expect(morgan.goalTitles).toHaveText([
    'Speak at a conference',
    'Lead a cross-team project',
    'Mentor an intern',
  ]);

  await morgan.logWin.click();
  const winForm = morgan.form('New win');
  await winForm.getByLabel('What went well').fill('Sponsor said yes');
  await winForm.getByLabel('When').fill('2026-11-24');
  await winForm.getByLabel('For the goal').selectOption({ label: 'Lead a cross-team project' });
  await winForm.getByRole('button', { name: 'Log win' }).click();
  await expect(winForm.getByLabel('When')).toHaveAccessibleDescription('Is in the future');
  await winForm.getByLabel('When').fill('2026-11-23');
  await winForm.getByRole('button', { name: 'Log win' }).click();
  await expect(winForm).toHaveCount(0);
  await expect(lead).toContainText('2 wins');
  expect(await axeViolations(popup.page)).toEqual([]);
});

test('the popup works from the keyboard alone', async ({ popup, options }) => {
  await options.seed(REVIEW);
  await popup.open();
  const morgan = popup.relationship('Morgan Mentor');
  await morgan.addGoal.focus();
  await popup.page.keyboard.press('Enter');
  await expect(morgan.form('New goal').getByLabel('Goal')).toBeFocused();
  await popup.page.keyboard.type('Typed without a mouse');
  await popup.page.keyboard.press('Enter');
  await expect(morgan.addGoal).toBeFocused();
  await expect(morgan.goalTitles).toContainText(['Typed without a mouse']);

  await morgan.dueItem('Book the design review').focus();
  await popup.page.keyboard.press('Space');
  await expect(morgan.dueItem('Book the design review')).toHaveCount(0);
  // Every control shows where the focus is.
  await popup.page.keyboard.press('Tab');
  const outline = await popup.page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
});

test('one click opens the next session’s agenda in Google Calendar', async ({
  popup,
  options,
  browserWithExtension,
}) => {
  await options.seed(REVIEW);
  await popup.open();
  const opened = browserWithExtension.context.waitForEvent('page');
  await popup.relationship('Morgan Mentor').openAgenda.click();
  const calendar = await opened;
  await expect(calendar).toHaveURL(`https://calendar.google.com/calendar/r/eventedit/${encodeEid(NEXT_EVENT)}`);
});

test('with nothing recorded yet the popup says how to start', async ({ popup }) => {
  await popup.open();
  await expect(popup.empty).toContainText('No mentoring relationships yet.');
  await expect(popup.recentNotes).toHaveCount(0);
  expect(await axeViolations(popup.page)).toEqual([]);
});
