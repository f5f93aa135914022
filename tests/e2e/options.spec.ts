import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';

/** Morgan (active, with goals, sessions and action items) and Riley (paused); see goals-review.spec.ts. */
const REVIEW = resolve(import.meta.dirname, '../fixtures/backups/goals-review.json');
const MORGAN_ID = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-23T10:00:00Z');

test.beforeEach(async ({ browserWithExtension }) => {
  await browserWithExtension.context.clock.setFixedTime(NOW);
});

test('a new relationship and its agreement: every problem explained in place, nothing saved half-way', async ({
  options,
}) => {
  await options.open();
  const list = options.relationships;
  await list.getByRole('button', { name: 'New relationship' }).click();
  const form = list.getByRole('form', { name: 'New relationship' });
  await expect(form.getByLabel('Their name')).toBeFocused();
  await form.getByLabel('Their email (optional)').fill('not an email');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByLabel('Their name')).toHaveAccessibleDescription('Must not be empty');
  await expect(form.getByLabel('Their email (optional)')).toHaveAccessibleDescription(
    'Must be an email address, or left empty',
  );
  expect(await axeViolations(options.page)).toEqual([]);

  await form.getByLabel('Their name').fill('Alex Mentee');
  await form.getByLabel('Their email (optional)').fill('');
  await form.getByLabel('You are the').selectOption('mentor');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(options.page).toHaveURL(/#relationship=[0-9a-f-]{36}&part=agreement$/);
  const page = options.relationship;
  await expect(page.getByRole('heading', { name: 'Mentoring with Alex Mentee' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Agreement' })).toBeFocused();
  await expect(list.getByRole('listitem')).toHaveText([
    'Alex Mentee active · your mentee · every 2 weeks · 45 min · video',
  ]);

  const agreement = page.getByRole('form', { name: 'Agreement' });
  await agreement.getByLabel('Session length (minutes)').fill('3');
  await agreement.getByLabel("The mentor's role").fill('x'.repeat(10_001));
  await agreement.getByLabel('Review the agreement on').fill('2026-11-01');
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(agreement.getByLabel('Session length (minutes)')).toHaveAccessibleDescription('At least 5 minutes');
  await expect(agreement.getByLabel("The mentor's role")).toHaveAccessibleDescription(
    '10,001 of 10,000 characters Must be at most 10,000 characters',
  );
  await expect(agreement.getByLabel('Review the agreement on')).toHaveAccessibleDescription(
    'Is in the past: choose today or a later day',
  );
  const review = agreement.getByLabel('Review the agreement on');
  await agreement.getByLabel('How often you meet').selectOption({ label: 'another rhythm (RRULE)' });
  await agreement.getByLabel('Rhythm as an RRULE').fill('every third Tuesday');
  await expect(agreement.getByLabel('Rhythm as an RRULE')).toHaveAccessibleDescription(
    'For example FREQ=WEEKLY;INTERVAL=3;BYDAY=WE Must be an RRULE, e.g. FREQ=WEEKLY;INTERVAL=3',
  );
  expect(await axeViolations(options.page)).toEqual([]);
  // Nothing of the invalid agreement was saved.
  await expect(list.getByRole('listitem')).toContainText('every 2 weeks · 45 min · video');

  await agreement.getByLabel('Rhythm as an RRULE').fill('FREQ=WEEKLY;INTERVAL=3;BYDAY=TU');
  await agreement.getByLabel('Session length (minutes)').fill('60');
  await agreement.getByLabel("The mentor's role").fill('Asks questions');
  await review.fill('2027-05-01');
  await agreement.getByRole('checkbox', { name: 'Phone' }).check();
  await agreement.getByLabel('Boundaries').fill('Replies within 2 working days\nNo salary coaching');
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(page.locator('.notice')).toHaveText(/Agreement saved\./);
  await expect(list.getByRole('listitem')).toContainText('every 3 weeks · 60 min · video, phone');

  const status = page.locator('.status-bar');
  await status.getByRole('button', { name: 'Pause' }).click();
  await expect(list.getByRole('listitem')).toContainText('paused');
  await status.getByRole('button', { name: 'Resume' }).click();
  await status.getByRole('button', { name: 'End the relationship' }).click();
  await expect(status).toContainText('Ended on 23 Nov 2026.');
  await status.getByRole('button', { name: 'Reopen' }).click();
  await expect(status).toContainText('Active since 23 Nov 2026.');
});

test('goals with milestones and history, the sessions against the rhythm, and private check-ins', async ({
  options,
}) => {
  await options.seed(REVIEW);
  await options.openRelationship('Morgan Mentor');
  const page = options.relationship;

  const lead = page.locator('.goal-card').filter({ hasText: 'Lead a cross-team project' });
  await lead.getByRole('checkbox', { name: /Get sponsor sign-off/ }).check();
  await expect(lead).toContainText('Get sponsor sign-off · done 23 Nov');

  await lead.getByRole('button', { name: 'Edit “Lead a cross-team project”' }).click();
  const edit = page.getByRole('form', { name: 'Edit “Lead a cross-team project”' });
  await expect(edit.getByLabel('Goal', { exact: true })).toBeFocused();
  await edit.getByLabel('Target date').fill('2026-01-01');
  await edit.getByRole('button', { name: 'Add a milestone' }).click();
  await edit.getByRole('button', { name: 'Save the goal' }).click();
  await expect(edit.getByLabel('Target date')).toHaveAccessibleDescription(
    'Is in the past: choose today or a later day',
  );
  await expect(edit.getByLabel('Milestone 4')).toHaveAccessibleDescription('Must not be empty');
  // A milestone already due in the past may stay as it was.
  await expect(edit.getByLabel('Due').first()).not.toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(options.page)).toEqual([]);

  await edit.getByLabel('Target date').fill('2027-06-30');
  await edit.getByLabel('Milestone 4').fill('First demo');
  await edit.getByLabel('Why this change').fill('The sponsor wants a demo first');
  await edit.getByRole('button', { name: 'Save the goal' }).click();
  await expect(edit).toHaveCount(0);
  await expect(lead.getByRole('button', { name: /^Edit/ })).toBeFocused();
  await lead.getByText('History: 2 changes').click();
  await expect(lead.locator('.history-list li')).toHaveText([
    /Target date 2027-01-31 → 2027-03-31 — Reorg moved the start/,
    /Target date 2027-03-31 → 2027-06-30; 1 milestone added — The sponsor wants a demo first/,
  ]);

  await page.getByRole('button', { name: 'Add a goal' }).click();
  const add = page.getByRole('form', { name: 'New goal' });
  await add.getByLabel('Goal', { exact: true }).fill('Mentor an intern');
  await add.getByLabel('What success looks like').fill('y'.repeat(10_001));
  await add.getByRole('button', { name: 'Add goal' }).click();
  await expect(add.getByLabel('What success looks like')).toHaveAccessibleDescription(
    /Must be at most 10,000 characters$/,
  );
  await add.getByLabel('What success looks like').fill('They ship a feature on their own');
  await add.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.locator('.goal-card h4')).toContainText(['Mentor an intern']);

  await expect(page.locator('figure.history > svg')).toHaveAttribute(
    'aria-label',
    // From 1 Sep to 23 Nov, every 2 weeks: 1, 15, 29 Sep, 13, 27 Oct, 10 Nov.
    'Since 1 Sept 2026: 4 held, 1 cancelled, 0 moved, 1 scheduled or not confirmed; agreed every 2 weeks, about 6 sessions so far; 0 gaps much longer than agreed.',
  );

  const checkIn = page.getByRole('form', { name: 'New check-in' });
  await checkIn.getByRole('button', { name: 'Save the check-in' }).click();
  await expect(checkIn.getByRole('group', { name: 'Are you moving toward your goals?' })).toHaveAccessibleDescription(
    'Choose from 1 to 5',
  );
  await checkIn.getByRole('group', { name: 'Are you moving toward your goals?' }).getByLabel('3 · somewhat').check();
  await checkIn.getByRole('group', { name: 'Is the way you work together working?' }).getByLabel('4').check();
  await checkIn.getByLabel('Anything to note (optional)').fill('<b>bold</b> stays text');
  await checkIn.getByRole('button', { name: 'Save the check-in' }).click();
  await expect(page.locator('figure.trend > svg')).toHaveAttribute(
    'aria-label',
    '1 check-in since 23 Nov 2026: progress 3 to 3, working together 4 to 4 (out of 5).',
  );
  await page.getByText('The check-ins as a table').click();
  await expect(page.locator('figure.trend tbody tr')).toHaveText(['23 Nov 202634<b>bold</b> stays text']);
  await expect(page.locator('figure.trend b')).toHaveCount(0);
  expect(await axeViolations(options.page)).toEqual([]);
});

test('a reminder’s link opens the relationship at the part it is about', async ({ options }) => {
  await options.seed(REVIEW);
  await options.page.goto(
    `chrome-extension://${options.extensionId}/options.html#relationship=${MORGAN_ID}&part=check-in`,
  );
  await expect(options.relationship.getByRole('heading', { name: 'Check-ins' })).toBeFocused();
  await expect(options.relationship.locator('.callout')).toContainText('The review date (20 Nov) has come');
});

test('deleting a relationship asks first, can be undone, and leaves nothing of it behind', async ({ options }) => {
  await options.seed(REVIEW);
  await options.openRelationship('Morgan Mentor');
  const page = options.relationship;
  const list = options.relationships;

  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.locator('#delete-question')).toHaveText(
    'Delete Morgan Mentor and everything recorded with them (3 goals, 6 sessions and 8 notes, agenda items and other entries) from this browser? You can undo it for a little while.',
  );
  expect(await axeViolations(options.page)).toEqual([]);
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(list.getByRole('link')).toHaveText(['Riley Report', 'Morgan Mentor']);

  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Yes, delete Morgan Mentor' }).click();
  await expect(list.getByRole('link')).toHaveText(['Riley Report']);
  const notice = list.locator('.notice');
  await expect(notice).toHaveText(
    /Deleted Morgan Mentor: 3 goals, 6 sessions and 8 notes.*You can undo this for 2 minutes\./,
  );
  await expect(options.page).not.toHaveURL(/relationship=/);
  // What had the focus is gone: it goes to Undo.
  await expect(notice.getByRole('button', { name: 'Undo' })).toBeFocused();

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('link')).toHaveText(['Riley Report', 'Morgan Mentor']);
  await expect(page.getByRole('heading', { name: 'Mentoring with Morgan Mentor' })).toBeVisible();
  await expect(page.locator('.goal-card h4')).toHaveCount(3);

  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Yes, delete Morgan Mentor' }).click();
  await expect(list.getByRole('link')).toHaveText(['Riley Report']);
  const backup = JSON.parse(readFileSync(await (await options.downloadBackup()).path(), 'utf8'));
  const counts = Object.fromEntries(
    Object.entries(backup.data).map(([table, rows]) => [table, (rows as unknown[]).length]),
  );
  expect(counts).toEqual({
    relationships: 1,
    goals: 0,
    sessions: 1,
    agendaItems: 0,
    notes: 0,
    takeaways: 0,
    actionItems: 1,
    feedback: 0,
    checkIns: 0,
    wins: 0,
  });
  expect(JSON.stringify(backup.data)).not.toContain(MORGAN_ID);
});

test('reminder switches are kept, and say what happens without notifications', async ({ options }) => {
  await options.open();
  const reminders = options.reminders;
  const checkIn = reminders.getByRole('checkbox', { name: 'When a private check-in is due' });
  await expect(checkIn).toBeChecked();
  await checkIn.uncheck();
  await reminders.getByLabel('How long before a session').selectOption({ label: '2 days' });
  await options.page.reload();
  await expect(checkIn).not.toBeChecked();
  await expect(reminders.getByLabel('How long before a session')).toHaveValue('48');
  // Notifications are allowed in this browser: no note about the badge standing in for them.
  await expect(reminders.locator('.callout')).toHaveCount(0);
  expect(await axeViolations(options.page)).toEqual([]);
});
