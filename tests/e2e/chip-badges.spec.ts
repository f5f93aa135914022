import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CalendarPage } from './pages/calendar';
import { GridBadges } from './pages/grid-badges';
import type { OptionsPage } from './pages/options';

/**
 * tests/fixtures/backups/chip-badges.json: a relationship linking the fixture's weekly mentoring
 * series; this week's occurrence has 2 agenda items, next week's has no session yet; the "Mentoring
 * program check-in" is a cancelled session of the relationship; "Coffee with Sam" has a session,
 * an agenda item and a note but no relationship.
 */
const BACKUP = resolve(import.meta.dirname, '../fixtures/backups/chip-badges.json');
const MENTORING = 'Mentoring: Morgan / Alex';
const CHECK_IN = 'Mentoring program check-in';
/** What the badge shows: its hidden label (the chip's description) is not on screen. */
const SHOWN = { useInnerText: true };
const MENTORING_EID = 'NG1lbnRvcmluZ3NlcmllczAwMDAwMDAwMDBfMjAyNjExMjRUMTUwMDAwWiBtb3JnYW4ubWVudG9yQG0';

/** The same backup after more was prepared elsewhere: a third item, and the check-in back on with one. */
function preparedMore(): { name: string; mimeType: string; buffer: Buffer } {
  const backup = JSON.parse(readFileSync(BACKUP, 'utf8'));
  const [, tuesday, checkIn] = backup.data.sessions;
  checkIn.status = 'scheduled';
  const item = (id: string, sessionId: string, text: string, order: number) => ({
    id,
    sessionId,
    text,
    addedBy: 'me',
    order,
    discussed: false,
    origin: { kind: 'added' },
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
  });
  backup.data.agendaItems.push(
    item('a1a1a1a1-0000-4000-8000-000000000003', tuesday.id, 'Next quarter’s goals', 3),
    item('a2a2a2a2-0000-4000-8000-000000000001', checkIn.id, 'Programme feedback', 1),
  );
  return { name: 'prepared-more.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) };
}

async function restore(options: OptionsPage, file: Parameters<OptionsPage['restore']>[0] = BACKUP): Promise<void> {
  await options.open();
  await options.restore(file);
  await expect(options.status).toContainText('Restored');
}

test('mentoring chips carry their marker, others none; Google’s layout, name and clicks are unchanged', async ({
  calendar,
  options,
}) => {
  const grid = new GridBadges(calendar);
  await calendar.open();
  const chip = grid.chip(MENTORING);
  const title = chip.locator('.WBi6vc');
  const before = { chip: await chip.boundingBox(), title: await title.boundingBox() };
  const nameBefore = (await grid.accessibility(`[data-eventid="${MENTORING_EID}"]`)).name;
  expect(nameBefore).toContain(MENTORING);

  // Imported in another page while this one stays open: the badges come live, without a reload.
  await restore(options);
  await expect(grid.badge(MENTORING)).toHaveAttribute('data-tandem-badge', '2');
  await expect(grid.badge(MENTORING)).toHaveText('2', SHOWN);
  await expect(grid.badge(CHECK_IN)).toHaveAttribute('data-tandem-badge', 'cancelled');
  await expect(grid.all).toHaveCount(2);
  for (const other of ['Coffee with Sam', 'Team standup', 'Thanksgiving Day', 'Send goals draft', 'Broken event']) {
    await expect(grid.chips(other).locator('span[data-tandem-badge]')).toHaveCount(0);
  }

  // Not one pixel of Google's chip moved; the badge is out of the flow and lets clicks through.
  expect({ chip: await chip.boundingBox(), title: await title.boundingBox() }).toEqual(before);
  const badge = grid.badge(MENTORING);
  await expect(badge).toHaveCSS('position', 'absolute');
  await expect(badge).toHaveCSS('pointer-events', 'none');
  await expect(badge).toBeVisible();
  const box = await badge.boundingBox();
  const chipBox = await chip.boundingBox();
  if (!box || !chipBox) throw new Error('no layout');
  expect(box.x + box.width).toBeLessThanOrEqual(chipBox.x + chipBox.width);
  expect(box.y).toBeGreaterThanOrEqual(chipBox.y);

  // Chromium's accessibility tree: the chip's name is Google's, the badge is its description.
  expect(await grid.accessibility(`[data-eventid="${MENTORING_EID}"]`)).toEqual({
    role: 'button',
    name: nameBefore,
    description: 'Tandem: 2 agenda items',
  });

  // Clicking right on the badge opens the event, as a click on the chip always did.
  await calendar.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(calendar.dialog.locator('#xDetDlg')).toHaveAttribute('data-eventid', MENTORING_EID);
  await expect(calendar.panels).toHaveCount(1);
});

test('Google re-rendering the grid and moving between weeks leave exactly one badge per chip', async ({
  calendar,
  options,
}) => {
  await restore(options);
  const grid = new GridBadges(calendar);
  await calendar.open();
  await expect(grid.badge(MENTORING)).toHaveText('2', SHOWN);

  for (let i = 0; i < 3; i++) {
    const old = await grid.badge(MENTORING).elementHandle();
    await grid.rerenderGrid();
    await expect.poll(() => old?.evaluate((node) => node.isConnected)).toBe(false);
    await expect(grid.badge(MENTORING)).toHaveCount(1);
    await expect(grid.badge(MENTORING)).toHaveText('2', SHOWN);
    await expect(grid.all).toHaveCount(2);
  }
  // The dialog's own re-renders (Meet row, guests) do not touch the grid's badges.
  await calendar.openEvent(MENTORING);
  await calendar.simulateGoogleRerender();
  await expect(grid.all).toHaveCount(2);
  await calendar.closeDialog();

  // Next week: the series' occurrence has no session yet, so a ring says "nothing prepared".
  await grid.nextWeek();
  await expect(calendar.page).toHaveURL(/\/r\/week\/2026\/11\/30$/);
  await expect(grid.badge(MENTORING)).toHaveAttribute('data-tandem-badge', 'empty');
  await expect(grid.badge(MENTORING)).toHaveText('', SHOWN);
  await expect(grid.all).toHaveCount(1);
  const nextEid = await grid.chip(MENTORING).getAttribute('data-eventid');
  expect((await grid.accessibility(`[data-eventid="${nextEid}"]`)).description).toBe(
    'Tandem: mentoring session, nothing on the agenda yet',
  );

  await grid.previousWeek();
  await expect(grid.badge(MENTORING)).toHaveText('2', SHOWN);
  await expect(grid.all).toHaveCount(2);
});

test('what is prepared elsewhere shows live in every Calendar tab; deleting everything removes the badges', async ({
  calendar,
  options,
  browserWithExtension,
}) => {
  await restore(options);
  const first = new GridBadges(calendar);
  const second = new GridBadges(new CalendarPage(await browserWithExtension.context.newPage()));
  await calendar.open();
  await second.calendar.open();
  await expect(first.badge(MENTORING)).toHaveText('2', SHOWN);
  await expect(second.badge(MENTORING)).toHaveText('2', SHOWN);

  await restore(options, preparedMore());
  for (const tab of [first, second]) {
    await expect(tab.badge(MENTORING)).toHaveText('3', SHOWN);
    await expect(tab.badge(CHECK_IN)).toHaveText('1', SHOWN);
    await expect(tab.all).toHaveCount(2);
  }

  await options.deleteEverything();
  await expect(first.all).toHaveCount(0);
  await expect(second.all).toHaveCount(0);
  expect(await first.accessibility(`[data-eventid="${MENTORING_EID}"]`)).toMatchObject({ description: '' });
});

test('when the service worker is stopped, the tab reconnects and its badges stay live', async ({
  calendar,
  options,
}) => {
  await restore(options);
  const grid = new GridBadges(calendar);
  await calendar.open();
  await expect(grid.badge(MENTORING)).toHaveText('2', SHOWN);

  // What Chrome does to an idle extension service worker after 30 s, now.
  const worker = await watchServiceWorker(options.page);
  await worker.stopAll();
  await expect.poll(() => worker.status()).toBe('stopped');
  // Nothing but the tab's reconnect (after a back-off of a second) wakes it again.
  await expect.poll(() => worker.status(), { timeout: 10_000 }).toBe('running');

  await restore(options, preparedMore());
  await expect(grid.badge(MENTORING)).toHaveText('3', SHOWN);
  await expect(grid.badge(MENTORING)).toHaveCount(1);
});

/** The extension service worker's running status, as the DevTools protocol reports it, and a way to stop it. */
async function watchServiceWorker(page: Page): Promise<{ status(): string; stopAll(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let status = 'unknown';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.endsWith('/background.js')) status = version.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  return {
    status: () => status,
    stopAll: async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
    },
  };
}
