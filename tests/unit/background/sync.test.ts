import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  accountItem,
  createSyncService,
  ensureSyncAlarm,
  resolvePrimary,
  SYNC_ALARM,
  SYNC_EVERY_MINUTES,
} from '../../../lib/background/sync';
import type { TokenProvider } from '../../../lib/calendar/auth';
import { CalendarApiError, type CalendarClient } from '../../../lib/calendar/client';
import { ApiEvent, type EventsPage } from '../../../lib/calendar/schemas';
import { db } from '../../../lib/db/database';
import { relationshipForSeries } from '../../../lib/db/relationships';
import { scheduleSeries } from '../../../lib/sync/schedule';
import { CALENDAR, unlinkedRelationship } from '../db/factory';
import { miniGoogle } from '../sync/mini-google';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const now = () => NOW;
const ME = 'me@example.com';

let google: ReturnType<typeof miniGoogle>;
let tokens: TokenProvider & { getToken: ReturnType<typeof vi.fn>; signOut: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  google = miniGoogle();
  google.client.listCalendars = async () => ({ items: [{ id: ME, primary: true, accessRole: 'owner' }] });
  tokens = {
    getToken: vi.fn(async () => 'token'),
    dropToken: vi.fn(async () => undefined),
    signOut: vi.fn(async () => undefined),
  };
});

const service = () => createSyncService({ tokens, client: () => google.client, now });

describe('sync service', () => {
  it('local-only without a client id, and signed out before sign-in: no request either way', async () => {
    expect(await createSyncService({ tokens: null }).run()).toEqual({ account: 'local-only' });
    expect(await service().run()).toEqual({ account: 'signed-out' });
    expect(google.requests).toEqual([]);
  });

  it('sign-in: the primary calendar is resolved and what was scheduled under "primary" moves to it; outbox drained, then synced', async () => {
    const relationship = await unlinkedRelationship();
    const seriesId = await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-24T15:00:00Z'),
      timeZone: 'UTC',
      at: NOW,
    });
    expect(await service().signIn()).toEqual({ account: 'signed-in' });
    expect(tokens.getToken).toHaveBeenCalledWith(true);
    expect((await relationshipForSeries(ME, seriesId))?.id).toBe(relationship.id);
    expect(await db.sessions.filter((s) => s.calendarId === ME).count()).toBe(8);
    expect(await db.outbox.count()).toBe(0);
    expect(google.get(seriesId)).toBeDefined();
    expect((await db.syncState.get(ME))?.syncToken).toBeDefined();
    expect((await accountItem.getValue()).primaryId).toBe(ME);
  });

  it('a series scheduled under "primary" once the real id is known moves to it: one session per occurrence', async () => {
    await accountItem.setValue({ status: 'signed-in', primaryId: ME });
    const relationship = await unlinkedRelationship();
    const sync = service();
    await sync.run();
    const seriesId = await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-24T15:00:00Z'),
      timeZone: 'UTC',
      at: NOW,
    });
    await sync.run();
    await sync.run();
    expect(google.get(seriesId)).toBeDefined();
    expect((await db.relationships.get(relationship.id))?.series).toEqual([{ calendarId: ME, seriesId }]);
    const sessions = await db.sessions.toArray();
    expect(sessions.map((s) => s.calendarId)).toEqual(Array(8).fill(ME));
    expect(await db.remoteEvents.filter((e) => e.calendarId !== ME).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('one run at a time: a second request joins the run under way', async () => {
    await accountItem.setValue({ status: 'signed-in', primaryId: ME });
    const sync = service();
    const [a, b] = [sync.run(), sync.run()];
    expect(a).toBe(b);
    await a;
    expect(google.countOf('listEvents')).toBe(1);
  });

  it('a token revoked mid-sync stops the run and asks to sign in again; nothing local is lost', async () => {
    await accountItem.setValue({ status: 'signed-in', primaryId: ME });
    const relationship = await unlinkedRelationship();
    await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-24T15:00:00Z'),
      timeZone: 'UTC',
      calendarId: CALENDAR,
      at: NOW,
    });
    google.fail('insertEvent', 'auth');
    expect(await service().run()).toEqual({ account: 'sign-in-again' });
    expect((await accountItem.getValue()).status).toBe('sign-in-again');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.sessions.count()).toBe(8);
    expect(google.countOf('listEvents')).toBe(0);
    // Signing in again clears it, and the waiting write goes out.
    expect(await service().signIn()).toEqual({ account: 'signed-in' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('sign-out revokes at the provider and keeps the local data', async () => {
    await accountItem.setValue({ status: 'signed-in', primaryId: ME });
    const relationship = await unlinkedRelationship();
    await scheduleSeries(relationship.id, {
      firstStart: new Date('2026-11-24T15:00:00Z'),
      timeZone: 'UTC',
      calendarId: CALENDAR,
      at: NOW,
    });
    expect(await service().signOut()).toEqual({ account: 'signed-out' });
    expect(tokens.signOut).toHaveBeenCalled();
    expect(await db.sessions.count()).toBe(8);
    expect(await db.outbox.count()).toBe(1);
    expect(await service().run()).toEqual({ account: 'signed-out' });
  });

  it('the periodic alarm is created once', async () => {
    await ensureSyncAlarm();
    const first = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(first?.periodInMinutes).toBe(SYNC_EVERY_MINUTES);
    await ensureSyncAlarm();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });
});

describe('resolvePrimary', () => {
  const forbidden = new CalendarApiError({
    kind: 'forbidden',
    operation: 'calendarList.list',
    status: 403,
    reason: 'insufficientPermissions',
    message: 'Request had insufficient authentication scopes.',
  });

  it('takes the calendar list when the scope allows it', async () => {
    expect(await resolvePrimary(google.client)).toBe(ME);
  });

  it('with only calendar.events.owned (no calendar list): the primary event list names the account', async () => {
    const asked: string[] = [];
    const client: CalendarClient = {
      ...google.client,
      listCalendars: async () => {
        throw forbidden;
      },
      listEvents: async (calendarId) => {
        asked.push(calendarId);
        return { summary: ME, items: [] };
      },
    };
    expect(await resolvePrimary(client)).toBe(ME);
    expect(asked).toEqual(['primary']);
  });

  it('a calendar renamed away from the email: the organizer of the user’s own event; else unknown for now', async () => {
    const own = ApiEvent.parse({
      id: 'e1',
      etag: '"1"',
      status: 'confirmed',
      start: { dateTime: '2026-11-24T15:00:00Z' },
      end: { dateTime: '2026-11-24T16:00:00Z' },
      organizer: { email: ME, self: true },
    });
    const withEvents = (items: EventsPage['items']): CalendarClient => ({
      ...google.client,
      listCalendars: async () => {
        throw forbidden;
      },
      listEvents: async () => ({ summary: 'Morgan', items }),
    });
    expect(await resolvePrimary(withEvents([own]))).toBe(ME);
    expect(await resolvePrimary(withEvents([]))).toBeUndefined();
  });
});
