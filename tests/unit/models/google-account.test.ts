import type { Observable } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncReply, SyncRequest } from '../../../lib/messaging';
import { createGoogleAccountModel, describeFailure, retryTime } from '../../../lib/models/google-account';
import { accountItem, SYNC_ALARM } from '../../../lib/sync/account';
import type { SyncStatus } from '../../../lib/sync/state';

beforeEach(() => {
  fakeBrowser.reset();
});

/** An observable the test pushes values into, as Dexie's liveQuery would. */
function pushable<T>() {
  const observers = new Set<(value: T) => void>();
  const observable = {
    subscribe(observer: { next: (value: T) => void }) {
      observers.add(observer.next);
      return { unsubscribe: () => observers.delete(observer.next), closed: false };
    },
  } as unknown as Observable<T>;
  return {
    observable,
    push: (value: T) => {
      for (const next of observers) next(value);
    },
    observers,
  };
}

const IDLE: SyncStatus = { lastSyncAt: null, firstSync: null, signInAgain: false, failure: null, writes: null };

/** A background that answers each request with `reply` and updates the stored account like the real one. */
function background(reply: (request: SyncRequest) => SyncReply) {
  const requests: SyncRequest['type'][] = [];
  let release: () => void = () => {};
  let held = false;
  const send = async (request: SyncRequest): Promise<SyncReply> => {
    requests.push(request.type);
    if (held) await new Promise<void>((resolve) => (release = resolve));
    const answer = reply(request);
    if (answer.account !== 'local-only')
      await accountItem.setValue({ status: answer.account, primaryId: 'me@example.com' });
    return answer;
  };
  return {
    send,
    requests,
    hold: () => {
      held = true;
    },
    release: () => release(),
  };
}

describe('Google account model', () => {
  it('local-only builds read nothing live and never ask the background', async () => {
    const status = pushable<SyncStatus>();
    const model = createGoogleAccountModel({ available: false, status: () => status.observable });
    await expect.poll(() => model.account.value).toEqual({ status: 'signed-out' });
    expect(model.available).toBe(false);
    expect(status.observers.size).toBe(0);
    model.dispose();
  });

  it('connects: busy while Google asks, then the account and the live status follow the background', async () => {
    const status = pushable<SyncStatus>();
    const waiting = pushable<number>();
    const fake = background(() => ({ account: 'signed-in' }));
    const model = createGoogleAccountModel({
      available: true,
      send: fake.send,
      status: () => status.observable,
      waiting: () => waiting.observable,
    });
    await expect.poll(() => model.account.value?.status).toBe('signed-out');
    status.push(IDLE);
    waiting.push(2);
    expect([model.status.value, model.waiting.value]).toEqual([IDLE, 2]);

    fake.hold();
    const connecting = model.connect();
    expect(model.busy.value).toBe('connecting');
    // A second click while one request runs does nothing.
    await model.syncNow();
    fake.release();
    await connecting;
    expect(fake.requests).toEqual(['sync/sign-in']);
    expect(model.busy.value).toBeNull();
    expect(model.account.value).toEqual({ status: 'signed-in', primaryId: 'me@example.com' });
    expect(model.message.value).toBeNull();

    // The background's own changes (sign in again) reach the page through storage.
    await accountItem.setValue({ status: 'sign-in-again', primaryId: 'me@example.com' });
    await expect.poll(() => model.account.value?.status).toBe('sign-in-again');
    model.dispose();
    expect(status.observers.size + waiting.observers.size).toBe(0);
  });

  it('says when sign-in did not finish, when it disconnected, and when the background did not answer', async () => {
    const cancelled = createGoogleAccountModel({
      available: true,
      send: background(() => ({ account: 'signed-out' })).send,
    });
    await cancelled.connect();
    expect(cancelled.message.value).toMatch(/^Google sign-in did not finish .* Nothing was connected\.$/);
    await cancelled.disconnect();
    expect(cancelled.message.value).toMatch(/^Disconnected\. .*everything on this device stays\.$/);
    cancelled.dispose();

    const silent = createGoogleAccountModel({
      available: true,
      send: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    await silent.syncNow();
    expect(silent.message.value).toBe(
      'Tandem’s background did not answer: Could not establish connection. Receiving end does not exist. Try again in a moment.',
    );
    expect(silent.busy.value).toBeNull();
    silent.dispose();
  });

  it('knows when the periodic sync runs next', async () => {
    await fakeBrowser.alarms.create(SYNC_ALARM, { when: Date.parse('2026-11-23T10:05:00Z'), periodInMinutes: 5 });
    const model = createGoogleAccountModel({
      available: true,
      send: background(() => ({ account: 'signed-in' })).send,
    });
    await expect
      .poll(() => model.nextSyncAt.value)
      .toEqual({ at: Date.parse('2026-11-23T10:05:00Z'), periodMs: 300_000 });
    model.dispose();
  });
});

describe('retry time', () => {
  const next = { at: Date.parse('2026-11-23T10:05:00Z'), periodMs: 300_000 };
  it.each([
    ['no "not before": the next periodic run', null, '2026-11-23T10:05:00.000Z'],
    ['due before the next run: that run', '2026-11-23T10:01:00Z', '2026-11-23T10:05:00.000Z'],
    ['due after it: the first run at or after', '2026-11-23T10:12:00Z', '2026-11-23T10:15:00.000Z'],
    ['exactly on a run', '2026-11-23T10:10:00Z', '2026-11-23T10:10:00.000Z'],
  ])('%s', (_, notBefore, expected) => {
    expect(new Date(retryTime(notBefore ? Date.parse(notBefore) : null, next) ?? 0).toISOString()).toBe(expected);
  });

  it('without an alarm, Google’s own time', () => {
    expect(retryTime(123, null)).toBe(123);
    expect(retryTime(null, null)).toBeNull();
  });
});

describe('failures in words', () => {
  const at = '2026-11-23T10:00:00.000Z';
  it.each([
    ['network', 'Offline: Google Calendar could not be reached. Retrying at 10:05.'],
    ['rateLimited', 'Rate limited: Google asked Tandem to slow down. Retrying at 10:05.'],
    ['server', 'Google Calendar had a problem of its own (Backend Error). Retrying at 10:05.'],
    ['forbidden', 'Google refused: Backend Error'],
    ['invalid', 'Google refused: Backend Error'],
    ['malformed', 'Google’s answer was not understood (Backend Error); nothing on this device was changed.'],
    ['internal', 'Sync failed: Backend Error'],
  ])('%s', (kind, text) => {
    expect(describeFailure({ kind, message: 'Backend Error', at }, '10:05')).toBe(text);
  });

  it('without a known retry time, says Tandem retries by itself', () => {
    expect(describeFailure({ kind: 'network', message: 'x', at }, null)).toBe(
      'Offline: Google Calendar could not be reached. Tandem tries again on its own.',
    );
  });
});
