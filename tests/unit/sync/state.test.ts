import { describe, expect, it } from 'vitest';
import { CalendarApiError } from '../../../lib/calendar/client';
import type { SyncState } from '../../../lib/model/sync';
import { failureOf, syncStatusOf } from '../../../lib/sync/state';

const AT = new Date('2026-11-23T10:00:00.000Z');

function failure(kind: string, at: string, extra: object = {}) {
  return { kind, message: `${kind} happened`, at, ...extra };
}

describe('failureOf', () => {
  it('keeps the kind, the message and when a retry may be sent', () => {
    const limited = new CalendarApiError({
      kind: 'rateLimited',
      operation: 'events.list',
      status: 429,
      reason: 'rateLimitExceeded',
      message: 'Rate Limit Exceeded',
      retryAt: Date.parse('2026-11-23T10:02:00Z'),
    });
    expect(failureOf(limited, AT)).toEqual({
      kind: 'rateLimited',
      message: 'Rate Limit Exceeded',
      at: '2026-11-23T10:00:00.000Z',
      retryAt: '2026-11-23T10:02:00.000Z',
    });
    expect(failureOf(new TypeError('boom'), AT)).toEqual({
      kind: 'internal',
      message: 'boom',
      at: '2026-11-23T10:00:00.000Z',
    });
  });
});

describe('syncStatusOf', () => {
  it('nothing synced yet', () => {
    expect(syncStatusOf([])).toEqual({
      lastSyncAt: null,
      firstSync: null,
      signInAgain: false,
      failure: null,
      writes: null,
    });
  });

  it('the latest completed sync over every calendar, and a first sync in progress summed up', () => {
    const states: SyncState[] = [
      { calendarId: 'a', lastSyncAt: '2026-11-23T09:00:00.000Z' },
      { calendarId: 'b', lastSyncAt: '2026-11-23T09:30:00.000Z' },
      { calendarId: 'c', fullSync: { startedAt: '2026-11-23T10:00:00.000Z', pages: 2, events: 4000 } },
      { calendarId: 'd', fullSync: { startedAt: '2026-11-23T10:00:00.000Z', pages: 1, events: 12 } },
    ];
    expect(syncStatusOf(states)).toMatchObject({
      lastSyncAt: '2026-11-23T09:30:00.000Z',
      firstSync: { pages: 3, events: 4012 },
      failure: null,
    });
  });

  it('the latest failure, with a first sync it interrupted; auth is "sign in again", not a failure', () => {
    const states: SyncState[] = [
      { calendarId: 'a', lastError: failure('network', '2026-11-23T09:00:00.000Z') },
      {
        calendarId: 'b',
        fullSync: { startedAt: '2026-11-23T09:00:00.000Z', pages: 1, events: 2500 },
        lastError: failure('rateLimited', '2026-11-23T09:05:00.000Z', { retryAt: '2026-11-23T09:06:00.000Z' }),
      },
    ];
    expect(syncStatusOf(states)).toMatchObject({
      firstSync: { pages: 1, events: 2500 },
      signInAgain: false,
      failure: { kind: 'rateLimited', retryAt: '2026-11-23T09:06:00.000Z' },
    });
    const revoked = syncStatusOf([{ calendarId: 'a', lastError: failure('auth', '2026-11-23T09:10:00.000Z') }]);
    expect(revoked).toMatchObject({ signInAgain: true, failure: null });
  });

  it('why waiting writes failed: the latest failure and the earliest next attempt', () => {
    const ops = [
      { nextAttemptAt: '2026-11-23T10:00:00.000Z' },
      { nextAttemptAt: '2026-11-23T10:05:00.000Z', lastError: failure('server', '2026-11-23T09:59:00.000Z') },
      { nextAttemptAt: '2026-11-23T10:01:00.000Z', lastError: failure('network', '2026-11-23T09:58:00.000Z') },
    ];
    expect(syncStatusOf([], ops).writes).toEqual({
      failure: failure('server', '2026-11-23T09:59:00.000Z'),
      nextAttemptAt: '2026-11-23T10:01:00.000Z',
    });
    expect(syncStatusOf([], [{ nextAttemptAt: '2026-11-23T10:00:00.000Z' }]).writes).toBeNull();
  });
});
