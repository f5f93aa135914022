import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addAgendaItem } from '../../../lib/db/agenda';
import { db } from '../../../lib/db/database';
import { saveNote } from '../../../lib/db/notes';
import { createShareControl } from '../../../lib/models/share-control';
import { shareDisclosure } from '../../../lib/share/consent';
import { accountItem } from '../../../lib/sync/account';
import { CALENDAR, device, EVENT } from '../share/helpers';

const target = { kind: 'calendar' as const, calendarId: CALENDAR, eventId: EVENT };
const DEBOUNCE_MS = 20;
/** Long enough for a live query to fire and the debounce to run out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  await accountItem.setValue({ status: 'signed-in', primaryId: CALENDAR });
});

async function control(role: 'mentor' | 'mentee' = 'mentor', access?: Parameters<typeof device>[1]) {
  const side = await device(role, access);
  const wakeSync = vi.fn();
  const share = createShareControl(side.session.id, side.relationship, {
    debounceMs: DEBOUNCE_MS,
    wakeSync,
    syncBuild: true,
  });
  await vi.waitFor(() => expect(share.available.value).toBe(true));
  return { side, share, wakeSync };
}

describe('createShareControl', () => {
  it('writes nothing before consent; the dialog shows exactly what shareDisclosure says', async () => {
    const { side, share, wakeSync } = await control();
    await addAgendaItem(side.session.id, { text: 'Promotion plan', addedBy: 'me' });
    await settle();
    expect(await db.outbox.count()).toBe(0);
    expect(wakeSync).not.toHaveBeenCalled();
    expect(share.consented.value).toBe(false);

    await share.ask();
    const expected = await shareDisclosure(side.session.id);
    expect(share.disclosure.value).toBe(expected?.text);
    expect(share.disclosure.value).toContain('Promotion plan');
    share.decline();
    expect(share.disclosure.value).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    share.dispose();
  });

  it('"Share" stores consent and publishes; shared changes publish again after the debounce, private ones do not', async () => {
    const { side, share, wakeSync } = await control();
    await addAgendaItem(side.session.id, { text: 'Promotion plan', addedBy: 'me' });
    await share.ask();
    await share.agree();
    expect((await db.relationships.get(side.relationship.id))?.shareConsent).toBeDefined();
    expect(share.disclosure.value).toBeNull();
    expect(wakeSync).toHaveBeenCalledTimes(1);
    expect(await db.outbox.count()).toBe(1);
    await vi.waitFor(() => expect(share.status.value).toBe('Waiting to be written to the calendar event.'));

    // A private note is never read for sharing: no publish, no wake-up.
    await saveNote(target, 'private', 'Only mine');
    await settle();
    expect(wakeSync).toHaveBeenCalledTimes(1);
    const [op] = await db.outbox.toArray();
    expect(JSON.stringify(op)).not.toContain('Only mine');

    // A burst of shared edits is one publish (the waiting write is replaced: one op per event).
    await addAgendaItem(side.session.id, { text: 'Reading list', addedBy: 'me' });
    await saveNote(target, 'shared', 'For both of us');
    await vi.waitFor(() => expect(wakeSync).toHaveBeenCalledTimes(2));
    await settle();
    expect(wakeSync).toHaveBeenCalledTimes(2);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(1);
    expect(JSON.stringify(ops[0])).toContain('For both of us');
    share.dispose();
  });

  it('"Stop sharing" withdraws consent and drops the write still waiting; nothing more is published', async () => {
    const { side, share, wakeSync } = await control();
    await addAgendaItem(side.session.id, { text: 'Promotion plan', addedBy: 'me' });
    await share.agree();
    expect(await db.outbox.count()).toBe(1);
    await share.stop();
    expect(share.consented.value).toBe(false);
    expect((await db.relationships.get(side.relationship.id))?.shareConsent).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    await vi.waitFor(() =>
      expect(share.status.value).toBe('Only you can see these until you agree to share them on the calendar event.'),
    );
    await addAgendaItem(side.session.id, { text: 'Reading list', addedBy: 'me' });
    await settle();
    expect(await db.outbox.count()).toBe(0);
    expect(wakeSync).toHaveBeenCalledTimes(1);
    share.dispose();
  });

  it('a guest who may not modify the event: the state names the organizer to ask, nothing is enqueued', async () => {
    const { side, share, wakeSync } = await control('mentee', 'guest');
    await addAgendaItem(side.session.id, { text: 'My question', addedBy: 'me' });
    await share.agree();
    await vi.waitFor(() =>
      expect(share.status.value).toBe(
        'Only you can see these — ask Morgan Mentor to allow guests to modify the event.',
      ),
    );
    expect(await db.outbox.count()).toBe(0);
    expect(wakeSync).not.toHaveBeenCalled();
    share.dispose();
  });

  it('is unavailable when signed out or in a build without sync', async () => {
    const { side, share } = await control();
    await accountItem.setValue({ status: 'signed-out' });
    await vi.waitFor(() => expect(share.available.value).toBe(false));
    share.dispose();
    const local = createShareControl(side.session.id, side.relationship, { syncBuild: false });
    await settle();
    expect(local.available.value).toBe(false);
    local.dispose();
  });
});
