import { type ReadonlySignal, signal } from '@preact/signals';
import type { Observable } from 'dexie';
import { browser } from 'wxt/browser';
import { syncAvailable } from '../calendar/config';
import { log } from '../log';
import { SyncReply, type SyncRequest } from '../messaging';
import type { SyncFailure } from '../model/sync';
import { type Account, accountItem, readAccount, SYNC_ALARM } from '../sync/account';
import { liveWaitingCount } from '../sync/outbox';
import { liveSyncStatus, type SyncStatus } from '../sync/state';
import { explain } from './explain';

/** What the account section is doing at the user's request. */
export type AccountBusy = 'connecting' | 'syncing' | 'disconnecting';

export interface GoogleAccountModel {
  /** Whether this build has an OAuth client id at all; without one Tandem is local-only. */
  available: boolean;
  /** `null` until read. Follows the background's changes. */
  account: ReadonlySignal<Account | null>;
  /** `null` until read; live. */
  status: ReadonlySignal<SyncStatus | null>;
  /** Writes waiting for Google (the outbox), live. */
  waiting: ReadonlySignal<number>;
  busy: ReadonlySignal<AccountBusy | null>;
  /** What the last request came to, when the live state does not say it already (in words). */
  message: ReadonlySignal<string | null>;
  /** When the background's periodic sync runs next (ms since the epoch), for "retrying at …". */
  nextSyncAt: ReadonlySignal<{ at: number; periodMs: number } | null>;
  /** Interactive sign-in (Google's window), then a sync. Also "Sign in again". */
  connect(): Promise<void>;
  syncNow(): Promise<void>;
  /** Revokes Tandem's access at Google and forgets the account; everything local stays. */
  disconnect(): Promise<void>;
  dispose(): void;
}

export interface GoogleAccountDependencies {
  available?: boolean;
  /** Sends a request to the background and returns its validated reply. */
  send?: (request: SyncRequest) => Promise<SyncReply>;
  status?: () => Observable<SyncStatus>;
  waiting?: () => Observable<number>;
}

/**
 * Options → Google account: the stored account, the sync status and the waiting writes (all live:
 * the background changes them), and the three requests the page can make of the background.
 */
export function createGoogleAccountModel(dependencies: GoogleAccountDependencies = {}): GoogleAccountModel {
  const available = dependencies.available ?? syncAvailable();
  const send = dependencies.send ?? sendToBackground;
  const account = signal<Account | null>(null);
  const status = signal<SyncStatus | null>(null);
  const waiting = signal(0);
  const busy = signal<AccountBusy | null>(null);
  const message = signal<string | null>(null);
  const nextSyncAt = signal<{ at: number; periodMs: number } | null>(null);

  const refreshAccount = () =>
    void readAccount().then((value) => {
      account.value = value;
    });
  const refreshAlarm = () =>
    void browser.alarms.get(SYNC_ALARM).then(
      (alarm) => {
        nextSyncAt.value = alarm ? { at: alarm.scheduledTime, periodMs: (alarm.periodInMinutes ?? 0) * 60_000 } : null;
      },
      () => {
        nextSyncAt.value = null;
      },
    );
  refreshAccount();
  refreshAlarm();
  const unwatch = accountItem.watch(refreshAccount);
  const subscriptions = available
    ? [
        (dependencies.status ?? liveSyncStatus)().subscribe({
          next: (value) => {
            status.value = value;
            refreshAlarm();
          },
          error: (error: unknown) => log.error('options', error),
        }),
        (dependencies.waiting ?? liveWaitingCount)().subscribe({
          next: (value) => {
            waiting.value = value;
          },
          error: (error: unknown) => log.error('options', error),
        }),
      ]
    : [];

  async function request(what: AccountBusy, type: SyncRequest['type'], outcome: (reply: SyncReply) => string | null) {
    if (busy.value) return;
    busy.value = what;
    message.value = null;
    try {
      const reply = await send({ ns: 'tandem', type });
      // The background changed the stored account; read it now rather than wait for the watch.
      account.value = await readAccount();
      message.value = outcome(reply);
    } catch (error) {
      message.value = `Tandem’s background did not answer: ${explain(error).replace(/\.$/, '')}. Try again in a moment.`;
    } finally {
      busy.value = null;
      refreshAlarm();
    }
  }

  return {
    available,
    account,
    status,
    waiting,
    busy,
    message,
    nextSyncAt,
    connect: () =>
      request('connecting', 'sync/sign-in', (reply) =>
        reply.account === 'signed-in'
          ? null
          : 'Google sign-in did not finish (the window was closed, or access was not granted). Nothing was connected.',
      ),
    syncNow: () => request('syncing', 'sync/now', () => null),
    disconnect: () =>
      request('disconnecting', 'sync/sign-out', (reply) =>
        reply.account === 'signed-out'
          ? 'Disconnected. Tandem’s access to your Google Calendar is revoked; everything on this device stays.'
          : null,
      ),
    dispose() {
      unwatch();
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}

async function sendToBackground(request: SyncRequest): Promise<SyncReply> {
  return SyncReply.parse(await browser.runtime.sendMessage(request));
}

/**
 * When a failed sync or write is tried again: the background's next periodic run at or after
 * `notBefore` (Google's "retry after", or the outbox's backoff). Without the alarm, `notBefore`.
 */
export function retryTime(notBefore: number | null, next: { at: number; periodMs: number } | null): number | null {
  if (!next) return notBefore;
  if (notBefore === null || notBefore <= next.at || next.periodMs <= 0) return next.at;
  return next.at + Math.ceil((notBefore - next.at) / next.periodMs) * next.periodMs;
}

/** A failure in words; `retryAt` is when it is tried again (ms), if known. */
export function describeFailure(failure: SyncFailure, retryAt: string | null): string {
  const again = retryAt ? ` Retrying at ${retryAt}.` : ' Tandem tries again on its own.';
  switch (failure.kind) {
    case 'network':
      return `Offline: Google Calendar could not be reached.${again}`;
    case 'rateLimited':
      return `Rate limited: Google asked Tandem to slow down.${again}`;
    case 'server':
      return `Google Calendar had a problem of its own (${failure.message}).${again}`;
    case 'auth':
      return 'Google no longer accepts Tandem’s access: sign in again.';
    case 'malformed':
      return `Google’s answer was not understood (${failure.message}); nothing on this device was changed.`;
    case 'forbidden':
    case 'invalid':
    case 'notFound':
    case 'conflict':
    case 'precondition':
    case 'gone':
      return `Google refused: ${failure.message}`;
    default:
      return `Sync failed: ${failure.message}`;
  }
}
