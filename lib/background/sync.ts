/**
 * Google Calendar sync in the service worker (design.md §4): an alarm every few minutes and on
 * demand; each run drains the outbox, then syncs every calendar. One run at a time: a request while
 * one runs joins it.
 *
 * Survives the MV3 worker stopping: listeners are registered in the worker's first turn, the alarm
 * outlives the worker, and every cursor, backoff and pending write is in the database. The token
 * lives only with the `TokenProvider`; this module never stores or logs it. A revoked token
 * (`auth`, after the client's one retry with a fresh token) stops the run and asks the user to sign
 * in again; nothing local is lost, writes keep waiting in the outbox.
 */
import { browser } from 'wxt/browser';
import { createTokenProvider, type TokenProvider } from '../calendar/auth';
import { type CalendarClient, createCalendarClient } from '../calendar/client';
import { calendarConfig } from '../calendar/config';
import { log } from '../log';
import { type SyncReply, SyncRequest } from '../messaging';
import { accountItem, readAccount, SYNC_ALARM, SYNC_EVERY_MINUTES, SYNC_NOW_ALARM } from '../sync/account';
import { drainOutbox } from '../sync/outbox';
import { adoptPrimaryId } from '../sync/primary';
import { clearAuthFailures, failureOf } from '../sync/state';
import { syncAll } from '../sync/sync';

export { accountItem, SYNC_ALARM, SYNC_EVERY_MINUTES, SYNC_NOW_ALARM } from '../sync/account';

export interface SyncServiceOptions {
  /** `null`: the build has no OAuth client id: local-only. */
  tokens: TokenProvider | null;
  client?: (tokens: TokenProvider) => CalendarClient;
  /** The clock for the outbox's backoff and the session window (tests run it virtually). */
  now?: () => Date;
  /** In [0, 1), for the outbox's backoff jitter (tests make runs reproducible with a seeded one). */
  random?: () => number;
}

export interface SyncService {
  /** Drains the outbox and syncs, unless signed out; joins a run already under way. */
  run(): Promise<SyncReply>;
  signIn(): Promise<SyncReply>;
  signOut(): Promise<SyncReply>;
  handle(request: SyncRequest): Promise<SyncReply>;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { tokens } = options;
  const now = options.now ?? (() => new Date());
  const client = tokens
    ? (options.client ?? ((t: TokenProvider) => createCalendarClient({ baseUrl: calendarConfig.apiBase, tokens: t })))(
        tokens,
      )
    : null;
  let running: Promise<SyncReply> | null = null;

  async function once(): Promise<SyncReply> {
    if (!tokens || !client) return { account: 'local-only' };
    const account = await readAccount();
    if (account.status !== 'signed-in') return { account: account.status };
    try {
      const primaryId = account.primaryId ?? (await resolvePrimary(client));
      if (primaryId && primaryId !== account.primaryId) await accountItem.setValue({ ...account, primaryId });
      // What was scheduled under `primary` takes the real id before it is sent, and again before the
      // sync (a series scheduled while the outbox drained): else the sync would find the inserted
      // event under the real id as well, and make its sessions twice.
      if (primaryId) await adoptPrimaryId(primaryId);
      const drained = await drainOutbox(client, { now, ...(options.random ? { random: options.random } : {}) });
      if (drained.stopped) return await signInAgain();
      if (primaryId) await adoptPrimaryId(primaryId);
      const { errors } = await syncAll(client, { now, ...(primaryId ? { primaryId } : {}) });
      if (errors.some((error) => error.kind === 'auth')) return await signInAgain();
      const first = errors[0];
      return { account: 'signed-in', ...(first ? { error: failureOf(first, now()).message } : {}) };
    } catch (error) {
      log.error('sync', error);
      return { account: 'signed-in', error: failureOf(error, now()).message };
    }
  }

  async function signInAgain(): Promise<SyncReply> {
    await accountItem.setValue({ ...(await readAccount()), status: 'sign-in-again' });
    return { account: 'sign-in-again' };
  }

  const service: SyncService = {
    run() {
      running ??= once().finally(() => {
        running = null;
      });
      return running;
    },
    async signIn() {
      if (!tokens) return { account: 'local-only' };
      const token = await tokens.getToken(true);
      if (!token) return { account: (await readAccount()).status };
      await accountItem.setValue({ ...(await readAccount()), status: 'signed-in' });
      await clearAuthFailures();
      return service.run();
    },
    async signOut() {
      if (!tokens) return { account: 'local-only' };
      await running?.catch(() => undefined);
      await tokens.signOut();
      // The primary id belongs to the account; sessions, notes and waiting writes stay.
      await accountItem.setValue({ status: 'signed-out' });
      return { account: 'signed-out' };
    },
    handle(request) {
      switch (request.type) {
        case 'sync/sign-in':
          return service.signIn();
        case 'sync/sign-out':
          return service.signOut();
        case 'sync/now':
          return service.run();
      }
    },
  };
  return service;
}

/**
 * The primary calendar's real id (the user's email), `undefined` if it cannot be read now. The
 * calendar list names it, but reading the list needs more than the one scope Tandem asks for
 * (`calendar.events.owned`), so that is only the first try. Then the primary calendar's own event
 * list: its `summary` is the account's email, as is the organizer of any event the user created.
 */
export async function resolvePrimary(client: CalendarClient): Promise<string | undefined> {
  const isEmail = (value: string | undefined): value is string => Boolean(value && /^[^\s@]+@[^\s@]+$/.test(value));
  try {
    const page = await client.listCalendars({ minAccessRole: 'owner' });
    const id = page.items.find((entry) => entry.primary)?.id;
    if (id) return id;
  } catch (error) {
    log.debug('sync', `calendar list not readable (${failureOf(error, new Date()).message}); asking the event list`);
  }
  try {
    const page = await client.listEvents('primary', { maxResults: 50, showDeleted: false });
    if (isEmail(page.summary)) return page.summary;
    const own = page.items.flatMap((event) => [event.organizer, event.creator]).find((who) => who?.self);
    return isEmail(own?.email) ? own.email : undefined;
  } catch (error) {
    log.debug('sync', `primary calendar not resolved: ${failureOf(error, new Date()).message}`);
    return undefined;
  }
}

/**
 * Starts sync in the service worker. Call once, synchronously at startup (MV3 delivers events only
 * to listeners registered in the worker's first turn). Makes sure the periodic alarm exists.
 */
export function startSync(options: Partial<SyncServiceOptions> = {}): SyncService {
  const service = createSyncService({
    ...options,
    tokens: options.tokens === undefined ? createTokenProvider(calendarConfig) : options.tokens,
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === SYNC_NOW_ALARM) void service.run();
  });
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: { url?: string }, sendResponse: (reply: SyncReply) => void) => {
      // Only extension pages (the options page) may sign in or out; never a content script.
      if (!sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
      const parsed = SyncRequest.safeParse(message);
      if (!parsed.success) return undefined;
      // `sendResponse` and `true`, not a returned promise: Chrome answers with a listener's promise
      // only from version 144, and Tandem runs from 123.
      service.handle(parsed.data).then(sendResponse, (error: unknown) => log.error('sync', error));
      return true;
    },
  );
  void ensureSyncAlarm().catch((error: unknown) => log.error('sync', error));
  return service;
}

/** Creates the periodic alarm unless it is there already (re-creating would push its next run back). */
export async function ensureSyncAlarm(): Promise<void> {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === SYNC_EVERY_MINUTES) return;
  await browser.alarms.create(SYNC_ALARM, { delayInMinutes: 1, periodInMinutes: SYNC_EVERY_MINUTES });
}
