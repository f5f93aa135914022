import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axeViolations } from './axe';
import { expect, test } from './fixtures';

const MALFORMED = resolve(import.meta.dirname, '../fixtures/backups/malformed');

test('a backup downloaded from options brings everything back after "delete everything"', async ({
  calendar,
  popup,
  options,
}) => {
  await calendar.open();
  await calendar.openEvent('Mentoring: Morgan / Alex');
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.addItem('Practise the promotion conversation');
  await calendar.panel.writeNote('Promotion: ask for scope, not titles');
  await calendar.closeDialog();
  await calendar.openEvent('Team standup');
  await calendar.panel.trackNew({ name: 'Riley Report', role: 'mentor' });
  await calendar.panel.writeNote('Standup note 🚀');

  await options.open();
  const download = await options.downloadBackup();
  expect(download.suggestedFilename()).toMatch(/^tandem-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = await download.path();
  const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
  expect(backup).toMatchObject({ format: 'tandem-backup', version: 2 });
  expect(backup.data.notes).toHaveLength(2);

  await options.deleteEverything();
  await popup.open();
  await expect(popup.empty).toBeVisible();

  await options.restore(backupPath);
  await expect(options.status).toContainText('Restored');
  await popup.page.reload();
  await expect(popup.recentNotes).toHaveCount(2);
  await expect(popup.recentNotes.filter({ hasText: 'Promotion: ask for scope, not titles' })).toHaveCount(1);

  await calendar.closeDialog();
  await calendar.openEvent('Mentoring: Morgan / Alex');
  await expect(calendar.panel.heading).toHaveText('Mentoring Alex Mentee');
  await expect(calendar.panel.agendaTexts).toHaveText(['Practise the promotion conversation']);
  await calendar.panel.showMore();
  await expect(calendar.panel.notes).toHaveValue('Promotion: ask for scope, not titles');
});

test('a malformed backup is refused with the first problem named, and nothing changes', async ({
  calendar,
  popup,
  options,
}) => {
  await calendar.open();
  await calendar.openEvent('Mentoring: Morgan / Alex');
  await calendar.panel.trackNew({ name: 'Alex Mentee', role: 'mentor' });
  await calendar.panel.writeNote('Keep me');

  await options.open();
  const expected: Record<string, string> = JSON.parse(readFileSync(resolve(MALFORMED, 'expected.json'), 'utf8'));
  for (const file of ['13-version-99.json', '22-invalid-date.json', '27-goal-without-relationship.json']) {
    const message = expected[file];
    if (!message) throw new Error(`no expected message for ${file}`);
    await options.restore(resolve(MALFORMED, file));
    await expect(options.data.getByRole('alert')).toContainText(message);
  }
  expect(await axeViolations(options.page)).toEqual([]);

  await popup.open();
  await expect(popup.recentNotes).toHaveCount(1);
  await expect(popup.recentNotes.first()).toContainText('Keep me');
});
