import { expect, test } from './fixtures';
import type { CalendarPage } from './pages/calendar';

const MENTORING = 'Mentoring: Morgan / Alex';

/** Monday 23 November 2026, 10:00 UTC: the fixture's mentoring session is tomorrow at 15:00. */
const MONDAY_MORNING = new Date('2026-11-23T10:00:00Z');

test.beforeEach(async ({ browserWithExtension }) => {
  // Every page and the extension frames in it see the same fixed "now" (timers still run).
  await browserWithExtension.context.clock.setFixedTime(MONDAY_MORNING);
});

async function nextWeek(calendar: CalendarPage): Promise<void> {
  await calendar.page.locator('[data-fixture-nav="next"]').click();
}

async function previousWeek(calendar: CalendarPage): Promise<void> {
  await calendar.page.locator('[data-fixture-nav="prev"]').click();
}

test('a mentee tracks the series, is invited to prepare, and builds the agenda', async ({ calendar }) => {
  await calendar.open();
  await calendar.openEvent(MENTORING);
  const panel = calendar.panel;
  await expect(panel.heading).toHaveText('Tue 24 Nov, 15:00');
  await expect(panel.agendaItems).toHaveCount(0);

  await panel.trackNew({ name: 'Morgan Mentor', role: 'mentee' });
  await expect(panel.heading).toHaveText('Mentored by Morgan Mentor');
  await expect(panel.subtitle).toHaveText('Tue 24 Nov, 15:00 · every 2 weeks · 45 min · video');

  // Within 48 hours and nothing of mine on the agenda yet: come prepared.
  const invite = panel.frame.locator('.invite');
  await expect(invite).toContainText('Your session with Morgan Mentor is in 29 hours. Come prepared');

  // A goal to tie a question to.
  await panel.showMore();
  await panel.frame.getByRole('button', { name: 'Add a goal' }).click();
  const goalForm = panel.frame.getByRole('form', { name: 'New goal' });
  await goalForm.getByLabel('Goal', { exact: true }).fill('Lead a cross-team project');
  await goalForm.getByLabel('What success looks like').fill('Run the Q2 migration end to end');
  await goalForm.getByLabel('Target date').fill('2027-03-31');
  await goalForm.getByRole('button', { name: 'Add goal' }).click();
  await expect(panel.section('Goals in focus')).toContainText('Lead a cross-team project');
  await expect(panel.section('Goals in focus')).toContainText('target 31 Mar');
  await panel.expander.click(); // back to compact

  // The invitation now suggests that goal for the first question.
  await expect(invite.getByLabel('Goal')).toHaveValue(/.+/);
  await panel.addItem('How do I ask for more scope?');
  await expect(invite).toHaveCount(0);
  await expect(panel.item('How do I ask for more scope?')).toContainText('Goal: Lead a cross-team project');
  await panel.addItem('Review my promotion doc');
  await panel.addItem('Feedback on my talk');
  await expect(panel.agendaTexts).toHaveText([
    'How do I ask for more scope?',
    'Review my promotion doc',
    'Feedback on my talk',
  ]);

  // Keyboard reordering keeps focus on the moved item.
  const handle = panel.item('Feedback on my talk').locator('.handle');
  await handle.focus();
  await handle.press('ArrowUp');
  await expect(panel.agendaTexts).toHaveText([
    'How do I ask for more scope?',
    'Feedback on my talk',
    'Review my promotion doc',
  ]);
  await expect(panel.item('Feedback on my talk').locator('.handle')).toBeFocused();
  await panel.item('Feedback on my talk').locator('.handle').press('Home');
  await expect(panel.agendaTexts.first()).toHaveText('Feedback on my talk');
  await expect(panel.frame.locator('[aria-live="polite"]').last()).toHaveText(
    '“Feedback on my talk” moved to position 1 of 3',
  );

  // Mouse reordering: drag the last item above the first.
  await panel.item('Review my promotion doc').dragTo(panel.item('Feedback on my talk'), {
    targetPosition: { x: 40, y: 2 },
  });
  await expect(panel.agendaTexts).toHaveText([
    'Review my promotion doc',
    'Feedback on my talk',
    'How do I ask for more scope?',
  ]);

  // Edit: text and time box; the plan adds up against the agreed length.
  await panel.item('Feedback on my talk').getByRole('button', { name: 'Edit “Feedback on my talk”' }).click();
  const edit = panel.frame.locator('.edit-item');
  await edit.getByLabel('Agenda item').fill('Feedback on my conference talk');
  await edit.getByLabel('Minutes').fill('15');
  await edit.getByLabel('Minutes').press('Enter');
  await expect(panel.item('Feedback on my conference talk')).toContainText('15 min');
  await expect(panel.section('Agenda')).toContainText('15 of 45 min planned');

  // Remove, then undo.
  await panel
    .item('Review my promotion doc')
    .getByRole('button', { name: /^Remove/ })
    .click();
  await expect(panel.agendaItems).toHaveCount(2);
  await panel.notice.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.agendaTexts.first()).toHaveText('Review my promotion doc');

  // Templates add what is missing, never duplicates.
  await panel.showMore();
  await panel.frame.getByLabel('Start from a template').selectOption({ label: 'Regular check-in' });
  await panel.frame.getByRole('button', { name: 'Add its questions' }).click();
  await expect(panel.notice).toContainText('Added 4 items from “Regular check-in”');
  await expect(panel.agendaItems).toHaveCount(7);
  await panel.frame.getByRole('button', { name: 'Add its questions' }).click();
  await expect(panel.notice).toContainText('Every item of “Regular check-in” is already on the agenda');
  await expect(panel.agendaItems).toHaveCount(7);

  // Survives Google's re-render without reloading, and everything is there after reopening.
  await calendar.simulateGoogleRerender();
  await calendar.closeDialog();
  await calendar.openEvent(MENTORING);
  await expect(calendar.panel.agendaItems).toHaveCount(7);
});

test('each occurrence has its own agenda; a held session hands what is open to the next', async ({
  calendar,
  browserWithExtension,
}) => {
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await expect(calendar.panel.frame.locator('.invite')).toHaveCount(0); // mentors are not nagged
  await calendar.panel.addItem('Promotion conversation: practise it');
  await calendar.panel.addItem('Quarterly goals');
  await calendar.closeDialog();

  // Next week's occurrence is recognised from the series and starts empty.
  await nextWeek(calendar);
  await calendar.openEvent(MENTORING);
  await expect(calendar.panel.heading).toHaveText('Mentoring Alex Mentee');
  await expect(calendar.panel.subtitle).toContainText('Tue 1 Dec, 15:00');
  await expect(calendar.panel.agendaItems).toHaveCount(0);
  await calendar.panel.addItem('Reading list');
  await calendar.closeDialog();

  // Last week's is past: read-mostly, and asks whether it took place.
  await previousWeek(calendar);
  await previousWeek(calendar);
  await calendar.openEvent(MENTORING);
  const past = calendar.panel;
  await expect(past.subtitle).toContainText('Tue 17 Nov, 15:00');
  await expect(past.frame.locator('.chip')).toHaveText('Past session');
  await expect(past.newItem).toHaveCount(0);
  await past.frame.getByRole('textbox', { name: 'New takeaway' }).fill('Scope is negotiated, not granted');
  await past.frame.getByRole('textbox', { name: 'New takeaway' }).press('Enter');
  const action = past.frame.getByRole('form', { name: 'New action item' });
  await action.getByRole('textbox', { name: 'New action item' }).fill('Send the self-review draft');
  await action.getByLabel('Owner').selectOption({ label: 'Alex Mentee' });
  await action.getByLabel('Due').fill('2026-11-20');
  await action.getByRole('button', { name: 'Add' }).click();
  await expect(past.section('What happened')).toContainText('Send the self-review draft');
  await past.frame.getByRole('button', { name: 'Yes, it was held' }).click();
  await expect(past.frame.getByRole('button', { name: 'Yes, it was held' })).toHaveCount(0);
  await calendar.closeDialog();

  // This week's session shows last time's takeaways and the open, overdue action item.
  await nextWeek(calendar);
  await calendar.openEvent(MENTORING);
  const current = calendar.panel;
  await expect(current.agendaTexts).toHaveText(['Promotion conversation: practise it', 'Quarterly goals']);
  await expect(current.section('Open action items')).toContainText('Send the self-review draft');
  await expect(current.section('Open action items')).toContainText('Alex Mentee · overdue since 20 Nov');
  await current.showMore();
  await expect(current.section('Takeaways from 17 Nov')).toContainText('Scope is negotiated, not granted');

  // A day later this session is over: tick one item, close it as held.
  await browserWithExtension.context.clock.setFixedTime(new Date('2026-11-25T09:00:00Z'));
  await calendar.closeDialog();
  await calendar.openEvent(MENTORING);
  const held = calendar.panel;
  await held.item('Quarterly goals').getByRole('checkbox').check();
  await held.frame.getByRole('button', { name: 'Yes, it was held' }).click();
  await expect(held.item('Quarterly goals').getByRole('checkbox')).toBeDisabled();
  await calendar.closeDialog();

  // The next occurrence received the undiscussed item, marked as carried, after its own.
  await nextWeek(calendar);
  await calendar.openEvent(MENTORING);
  await expect(calendar.panel.agendaTexts).toHaveText(['Reading list', 'Promotion conversation: practise it']);
  await expect(calendar.panel.item('Promotion conversation: practise it')).toContainText('carried over');
  await expect(calendar.panel.section('Open action items')).toContainText('carried over');
});

test('a cancelled occurrence hands its items to the next; a moved one keeps its agenda', async ({ calendar }) => {
  await calendar.open();
  // The fixture's standup moved on Wed 2 Dec from 09:00 to 09:30; it keeps its id.
  await calendar.openEvent('Team standup');
  await calendar.panel.trackNew({ name: 'Riley Report', role: 'mentor' });
  await calendar.closeDialog();

  await nextWeek(calendar);
  const wednesday = calendar.page.locator('[data-eventchip]').filter({ hasText: 'Team standup' }).nth(2);
  await wednesday.click();
  await calendar.dialog.waitFor();
  await expect(calendar.panel.subtitle).toContainText('Wed 2 Dec, 9:00'); // the id's original start
  await calendar.panel.addItem('Moved but not forgotten');
  await calendar.closeDialog();
  await wednesday.click();
  await expect(calendar.panel.agendaTexts).toHaveText(['Moved but not forgotten']);

  // Cancel Tuesday's: its item moves to Wednesday (the next recorded session).
  await calendar.closeDialog();
  await calendar.page.locator('[data-eventchip]').filter({ hasText: 'Team standup' }).nth(1).click();
  await calendar.panel.addItem('Ask about on-call');
  await calendar.panel.showMore();
  await calendar.panel.frame.getByRole('button', { name: 'Mark as cancelled' }).click();
  await calendar.panel.frame.getByRole('button', { name: 'Mark cancelled' }).click();
  await expect(calendar.panel.frame.locator('.chip')).toHaveText('Cancelled');
  await expect(calendar.panel.frame.locator('.callout')).toContainText('moved to Wed 2 Dec');
  await calendar.closeDialog();
  await wednesday.click();
  await expect(calendar.panel.agendaTexts).toHaveText(['Moved but not forgotten', 'Ask about on-call']);
});

test('stop tracking hides the agenda; tracking again brings it back', async ({ calendar }) => {
  await calendar.open();
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem('Kept while untracked');

  await calendar.panel.showMore();
  await calendar.panel.frame.getByRole('button', { name: 'Stop tracking' }).click();
  await expect(calendar.panel.frame.locator('fieldset.confirm')).toContainText(
    'Every occurrence of this series leaves the relationship',
  );
  await calendar.panel.frame.getByRole('button', { name: 'Stop tracking' }).click();
  await expect(calendar.panel.trackButton).toBeVisible();
  await expect(calendar.panel.agendaItems).toHaveCount(0);

  // The relationship still exists: track the series for it again.
  await calendar.panel.trackButton.click();
  await expect(calendar.panel.frame.getByLabel('Mentoring relationship')).toHaveValue(/.+/);
  await calendar.panel.frame.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(calendar.panel.agendaTexts).toHaveText(['Kept while untracked']);
});

test('a new relationship needs a name; nothing is saved without one', async ({ calendar }) => {
  await calendar.open();
  await calendar.openEvent('Coffee with Sam');
  await calendar.panel.trackButton.click();
  // A single event has no series to offer.
  await expect(calendar.panel.frame.getByRole('checkbox', { name: /Every occurrence/ })).toHaveCount(0);
  const name = calendar.panel.frame.getByLabel('Their name');
  await name.fill('   ');
  await calendar.panel.frame.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(calendar.panel.frame.getByText('Enter the name of the person you meet.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await calendar.closeDialog();
  await calendar.openEvent('Coffee with Sam');
  await calendar.panel.trackButton.click();
  await expect(calendar.panel.frame.getByLabel('Mentoring relationship')).toHaveCount(0);
});

test('the panel follows Calendar’s dark theme', async ({ calendar }) => {
  await calendar.open();
  await calendar.page.evaluate(() => document.documentElement.classList.add('fixture-dark'));
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackButton.waitFor();
  const colors = await calendar.panel.frame.locator('body').evaluate((body) => ({
    theme: document.documentElement.dataset.theme,
    background: getComputedStyle(body).backgroundColor,
  }));
  // The panel sits on the bubble's own surface colour (#28292a in the dark theme).
  expect(colors).toEqual({ theme: 'dark', background: 'rgb(40, 41, 42)' });

  await calendar.closeDialog();
  await calendar.page.evaluate(() => document.documentElement.classList.remove('fixture-dark'));
  await calendar.openEvent(MENTORING);
  await calendar.panel.trackButton.waitFor();
  expect(await calendar.panel.frame.locator('html').getAttribute('data-theme')).toBe('light');
  expect(await calendar.panel.frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)).toBe(
    'rgb(255, 255, 255)',
  );
});

test('event titles and names with markup stay text', async ({ calendar }) => {
  const payload = '<img src=x onerror="document.title=\'pwned\'">Sam';
  const errors: string[] = [];
  calendar.page.on('pageerror', (error) => errors.push(error.message));
  await calendar.open();
  // The fixture's event titled "<img src=x onerror=alert(1)>".
  await calendar.openEvent('<img src=x onerror=alert(1)>');
  await calendar.panel.trackNew({ name: payload, role: 'mentor' });
  await expect(calendar.panel.heading).toHaveText(`Mentoring ${payload}`);
  await calendar.panel.addItem(payload);
  await expect(calendar.panel.agendaTexts).toHaveText([payload]);
  await expect(calendar.panel.frame.locator('img')).toHaveCount(0);
  await expect(calendar.page).not.toHaveTitle('pwned');
  expect(errors).toEqual([]);
});
