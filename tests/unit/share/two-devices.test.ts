// @vitest-environment node
/**
 * Sharing between two people against the real fake Google (tests/fake-google): Morgan (mentor,
 * organizer) and Alex (mentee, guest) on one weekly series, each with their own Tandem.
 *
 * Two devices in one process: the extension has one `db` per module graph, so each device is its
 * own graph of lib/ modules (`vi.resetModules()` and dynamic imports), loaded while Dexie's
 * IndexedDB factory is a fresh fake-indexeddb `IDBFactory`. Each device thus has its own database,
 * named `tandem` like the extension's, and its own client acting as its user (`user:<email>`).
 */
import Dexie from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeGoogle, type FakeGoogle, tokenFor } from '../../fake-google/server.ts';
import { WEEKLY_AGREEMENT } from '../agreement';

const MORGAN = 'morgan.mentor@gmail.com';
const ALEX = 'alex.mentee@gmail.com';
const SERIES = '4mentoringseries0000000000';
/** Tuesday 24 November 2026, 15:00 in Berlin. */
const OCCURRENCE = `${SERIES}_20261124T140000Z`;
const NOW = new Date('2026-11-20T09:00:00.000Z');
const PRIVATE_NOTE = 'PRIVATE-5d1c: I worry Alex is overcommitted';
const CHECK_IN_NOTE = 'CHECKIN-a7e0: the dynamic feels one-sided';

async function loadDevice(email: string, myRole: 'mentor' | 'mentee', fake: FakeGoogle) {
  vi.resetModules();
  const factory = new IDBFactory();
  Dexie.dependencies.indexedDB = factory;
  globalThis.indexedDB = factory;
  const [
    database,
    relationships,
    sync,
    outbox,
    client,
    agenda,
    notes,
    takeaways,
    actions,
    checkins,
    consent,
    publish,
    state,
  ] = await Promise.all([
    import('../../../lib/db/database'),
    import('../../../lib/db/relationships'),
    import('../../../lib/sync/sync'),
    import('../../../lib/sync/outbox'),
    import('../../../lib/calendar/client'),
    import('../../../lib/db/agenda'),
    import('../../../lib/db/notes'),
    import('../../../lib/db/takeaways'),
    import('../../../lib/db/actions'),
    import('../../../lib/db/checkins'),
    import('../../../lib/share/consent'),
    import('../../../lib/share/publish'),
    import('../../../lib/share/state'),
  ]);
  const { db } = database;
  const api = client.createCalendarClient({
    baseUrl: `${fake.url}/calendar/v3`,
    tokens: { getToken: async () => tokenFor(email), dropToken: async () => {} },
    sleep: async () => {},
  });
  const relationship = await relationships.createRelationship({
    myRole,
    other: myRole === 'mentor' ? { name: 'Alex Mentee', email: ALEX } : { name: 'Morgan Mentor', email: MORGAN },
    startedOn: '2026-09-01',
    agreement: WEEKLY_AGREEMENT,
  });
  await relationships.linkSeries(relationship.id, { calendarId: email, seriesId: SERIES });
  const target = { kind: 'calendar' as const, calendarId: email, eventId: OCCURRENCE };
  const device = {
    db,
    email,
    relationship,
    target,
    sync: () => sync.syncCalendar(api, email, { now: () => NOW }),
    drain: () => outbox.drainOutbox(api, { now: () => new Date(), random: () => 0 }),
    session: async () => {
      const found = await db.sessions.where('[calendarId+eventId]').equals([email, OCCURRENCE]).first();
      if (!found) throw new Error(`${email}: no session for the occurrence`);
      return found;
    },
    publish: async () => publish.publishSession((await device.session()).id),
    state: async () => state.readShareState((await device.session()).id),
    agenda: async () => agenda.agendaFor((await device.session()).id),
    addItem: async (text: string) => agenda.addAgendaItem((await device.session()).id, { text, addedBy: 'me' }),
    agendaApi: agenda,
    notes,
    takeaways,
    actions,
    checkins,
    consent: () => consent.giveShareConsent(relationship.id),
  };
  return device;
}

type Device = Awaited<ReturnType<typeof loadDevice>>;

let fake: FakeGoogle;
let mentor: Device;
let mentee: Device;

beforeAll(async () => {
  fake = await createFakeGoogle({
    now: NOW,
    seed: {
      users: [
        { email: MORGAN, displayName: 'Morgan Mentor', timeZone: 'Europe/Berlin' },
        { email: ALEX, displayName: 'Alex Mentee', timeZone: 'Europe/Berlin' },
      ],
      events: [
        {
          calendarId: MORGAN,
          event: {
            id: SERIES,
            summary: 'Mentoring: Morgan & Alex',
            description: 'Agenda in Tandem.',
            start: { dateTime: '2026-11-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
            end: { dateTime: '2026-11-03T15:45:00+01:00', timeZone: 'Europe/Berlin' },
            recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
            attendees: [{ email: MORGAN }, { email: ALEX }],
          },
        },
      ],
    },
  });
  mentor = await loadDevice(MORGAN, 'mentor', fake);
  mentee = await loadDevice(ALEX, 'mentee', fake);
});
afterAll(() => fake?.close());

/** Every request of the run, also those before a `clearLog()`. */
const everyRequest: FakeGoogle['log']['entries'] = [];
function clearLog() {
  everyRequest.push(...fake.log.entries);
  fake.log.clear();
}

/** The fake's Calendar API requests by one user. */
const requestsBy = (email: string, method?: string) =>
  fake.log.entries.filter(
    (entry) => entry.headers.authorization === `Bearer ${tokenFor(email)}` && (!method || entry.method === method),
  );

describe('two people share one agenda through the event', () => {
  it('each device has its own database', async () => {
    await mentor.sync();
    await mentee.sync();
    expect(await mentor.db.relationships.toArray()).toMatchObject([{ myRole: 'mentor' }]);
    expect(await mentee.db.relationships.toArray()).toMatchObject([{ myRole: 'mentee' }]);
    expect((await mentor.session()).id).not.toBe((await mentee.session()).id);
  });

  it('the mentor publishes; the mentee’s sync brings the items as theirs, and nothing private', async () => {
    await mentor.consent();
    const session = await mentor.session();
    const first = await mentor.addItem('Feedback on the conference talk draft');
    await mentor.agendaApi.updateAgendaItem(first.id, { discussed: true });
    await mentor.addItem('Plan for the promotion case');
    await mentor.takeaways.addTakeaway(session.id, { text: 'Outcomes, not tasks' });
    await mentor.actions.addActionItem(mentor.relationship.id, session.id, {
      text: 'Draft the self-review',
      owner: 'mentee',
      dueOn: '2026-12-01',
    });
    await mentor.notes.saveNote(mentor.target, 'shared', 'We meet in person next month.');
    await mentor.notes.saveNote(mentor.target, 'private', PRIVATE_NOTE);
    await mentor.checkins.addCheckIn(mentor.relationship.id, { progress: 3, dynamic: 2, note: CHECK_IN_NOTE });

    clearLog();
    expect(await mentor.publish()).toMatchObject({ kind: 'enqueued' });
    expect(await mentor.drain()).toMatchObject({ done: 1, failed: 0 });
    // First write to an unedited occurrence: the outbox reads it (GET) for the base, then patches.
    expect(fake.log.entries.map((e) => `${e.method} ${e.status}`)).toEqual(['GET 200', 'PATCH 200']);
    expect(await mentor.state()).toMatchObject({ status: 'published' });

    const onGoogle = fake.eventsIn(MORGAN).find((event) => event.id === OCCURRENCE);
    expect(onGoogle?.description).toMatch(/^Agenda in Tandem\.\n\n--- Tandem ---\n/);
    expect(onGoogle?.description).toContain('1. [x] Feedback on the conference talk draft (mentor)');

    await mentee.sync();
    expect((await mentee.agenda()).map((item) => [item.text, item.addedBy, item.discussed])).toEqual([
      ['Feedback on the conference talk draft', 'them', true],
      ['Plan for the promotion case', 'them', false],
    ]);
    expect((await mentee.db.takeawayLists.toArray()).flatMap((list) => list.items)).toMatchObject([
      { text: 'Outcomes, not tasks' },
    ]);
    expect(await mentee.db.actionItems.toArray()).toMatchObject([
      { text: 'Draft the self-review', owner: 'mentee', dueOn: '2026-12-01', relationshipId: mentee.relationship.id },
    ]);
    expect((await mentee.db.noteLists.toArray()).flatMap((list) => list.items)).toMatchObject([
      { visibility: 'shared', text: 'We meet in person next month.' },
    ]);
    const menteeData = JSON.stringify(
      await Promise.all(mentee.db.tables.map(async (table) => [table.name, await table.toArray()])),
    );
    expect(menteeData).not.toContain('PRIVATE-5d1c');
    expect(menteeData).not.toContain('CHECKIN-a7e0');
  });

  it('a later change is one PATCH; publishing the same content again sends nothing', async () => {
    clearLog();
    await mentor.addItem('Reading list for next time');
    await mentor.publish();
    expect(await mentor.publish()).toEqual({ kind: 'unchanged', status: 'waiting' });
    await mentor.drain();
    expect(fake.log.entries.map((e) => `${e.method} ${e.status}`)).toEqual(['PATCH 200']);
    expect(await mentor.publish()).toEqual({ kind: 'unchanged', status: 'published' });
    await mentor.drain();
    expect(fake.log.entries).toHaveLength(1);
    await mentee.sync();
    expect((await mentee.agenda()).map((item) => item.text)).toContain('Reading list for next time');
  });

  it('the mentee (a guest; guests may not modify): their item stays local, with the organizer to ask', async () => {
    await mentee.consent();
    clearLog();
    await mentee.addItem('Can we talk about the team change?');
    expect(await mentee.publish()).toEqual({
      kind: 'local-only',
      reason: 'not-organizer',
      organizer: { email: MORGAN, name: 'Morgan Mentor' },
    });
    expect(await mentee.db.outbox.count()).toBe(0);
    await mentee.drain();
    expect(requestsBy(ALEX)).toEqual([]);
  });

  it('a 403 anyway (the kept event was stale) is sent once, never again until the event changes', async () => {
    // As if the organizer had just switched "guests can modify" off again after our last sync.
    await mentee.db.remoteEvents.update([ALEX, OCCURRENCE], { guestsCanModify: true });
    expect(await mentee.publish()).toMatchObject({ kind: 'enqueued' });
    clearLog();
    for (let i = 0; i < 4; i++) await mentee.drain();
    await mentee.addItem('And the conference budget');
    expect(await mentee.publish()).toMatchObject({ kind: 'local-only', reason: 'forbidden' });
    for (let i = 0; i < 4; i++) await mentee.drain();
    expect(requestsBy(ALEX, 'PATCH').map((entry) => entry.status)).toEqual([403]);
    expect(requestsBy(ALEX)).toHaveLength(1);
    expect(await mentee.db.outbox.count()).toBe(0);
    expect(await mentee.state()).toMatchObject({
      status: 'local-only',
      reason: 'forbidden',
      organizer: { email: MORGAN, name: 'Morgan Mentor' },
    });
  });

  it('once guests may modify the event, the mentee’s items are published and the mentor reads them', async () => {
    fake.google.patch(SERIES, { guestsCanModify: true });
    fake.google.patch(OCCURRENCE, { guestsCanModify: true });
    clearLog();
    await mentee.sync();
    await mentee.drain();
    // The sync's one list request, then one PATCH: the kept event gave the base and its etag.
    expect(requestsBy(ALEX).map((e) => `${e.method} ${e.path.split('/').at(-1)} ${e.status}`)).toEqual([
      'GET events 200',
      `PATCH ${OCCURRENCE} 200`,
    ]);
    expect(await mentee.state()).toMatchObject({ status: 'published' });

    await mentor.sync();
    const texts = (await mentor.agenda()).map((item) => [item.text, item.addedBy]);
    expect(texts).toEqual(
      expect.arrayContaining([
        ['Can we talk about the team change?', 'them'],
        ['And the conference budget', 'them'],
        ['Feedback on the conference talk draft', 'me'],
      ]),
    );
    // Nothing new on the mentor's side: no write back.
    expect(await mentor.db.outbox.count()).toBe(0);
  });

  it('concurrent edits of one item: both end with the later text, the earlier one kept in history', async () => {
    const mine = (await mentor.agenda()).find((item) => item.text === 'Plan for the promotion case');
    if (!mine) throw new Error('no item');
    clearLog();
    await mentee.agendaApi.updateAgendaItem(mine.id, { text: 'Plan for the promotion case (Alex’s outline)' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mentor.agendaApi.updateAgendaItem(mine.id, { text: 'Plan for the promotion case: evidence first' });
    await mentee.publish();
    await mentor.publish();
    await mentee.drain();
    await mentor.drain();
    // The mentor's write was based on the event before the mentee's: 412, re-read, ours over theirs.
    expect(requestsBy(MORGAN, 'PATCH').map((entry) => entry.status)).toEqual([412, 200]);
    await mentee.sync(); // merges the mentor's later text; knows nothing newer
    await mentor.sync();
    await mentee.drain();
    await mentor.drain();
    const onMentee = await itemOn(mentee, mine.id);
    const onMentor = await itemOn(mentor, mine.id);
    expect(onMentee?.text).toBe('Plan for the promotion case: evidence first');
    expect(onMentor?.text).toBe('Plan for the promotion case: evidence first');
    expect(onMentee?.history?.map((entry) => [entry.text, entry.by])).toEqual([
      ['Plan for the promotion case (Alex’s outline)', 'me'],
    ]);
    expect((await mentee.agenda()).map((item) => item.text).sort()).toEqual(
      (await mentor.agenda()).map((item) => item.text).sort(),
    );
  });

  it('no request ever carried a private note or a check-in', () => {
    const all = [...everyRequest, ...fake.log.entries];
    expect(all.filter((entry) => entry.method === 'PATCH').length).toBeGreaterThanOrEqual(5);
    for (const entry of all) {
      const sent = JSON.stringify([entry.body, entry.query, entry.path]);
      expect(sent).not.toContain('PRIVATE-5d1c');
      expect(sent).not.toContain('CHECKIN-a7e0');
    }
  });
});

/** An agenda item as a device stores it (in its session's record: lib/db/session-list-records.ts). */
async function itemOn(device: { db: Device['db'] }, id: string) {
  const record = await device.db.agendas.where('ids').equals(id).first();
  return record?.items.find((item) => item.id === id);
}
