import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import { db } from '../db/database';
import { findSession } from '../db/sessions';
import { meetingCodeFromPath } from '../hosts/meet/meeting-code';
import { log } from '../log';
import { CallToBackground } from '../messaging';
import { Instant } from '../model/common';
import { MeetingCode } from '../model/session';
import { callPanelUrl } from '../session-url';
import { notificationsAllowed } from '../settings';

const MEET_ORIGIN = 'https://meet.google.com';

/** Notification ids of wrap-up prompts start with this; the rest is the meeting code. */
export const WRAP_UP_NOTIFICATION = 'tandem-wrap-up:';

const CallsInTabs = z.record(z.string(), z.object({ code: MeetingCode, since: Instant }));
type CallsInTabs = z.infer<typeof CallsInTabs>;

/**
 * The Meet tabs in a call, by tab id. In `storage.session`: the service worker is stopped
 * whenever it is idle, and a tab closing wakes it with nothing else to go on. (Closing the browser
 * ends every call and clears this too; the panel then asks whether the session took place.)
 */
export const callsInTabsItem = storage.defineItem<CallsInTabs>('session:callsInTabs', { fallback: {} });

/**
 * Notices a call that ends without the user leaving it on the page — the tab closed, or navigated
 * somewhere without the call's code — and, for a mentoring session not yet finished, offers the
 * wrap-up in a notification; clicking it opens the session's panel on the wrap-up. (Leaving with
 * Meet's own button is handled in the page, lib/hosts/meet/sidebar-toggle.ts.) Call once,
 * synchronously at startup.
 */
export function watchCalls(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const parsed = CallToBackground.safeParse(message);
    const tabId = sender.tab?.id;
    // Only our Meet content script speaks of calls.
    const fromMeet = sender.url !== undefined && URL.canParse(sender.url) && new URL(sender.url).origin === MEET_ORIGIN;
    if (!parsed.success || tabId === undefined || !fromMeet) return undefined;
    const { type, code } = parsed.data;
    serially(() => (type === 'call/joined' ? joined(tabId, code) : forget(tabId)));
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => serially(() => ended(tabId)));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const url = change.url;
    if (url !== undefined) serially(() => navigated(tabId, url));
  });
  browser.notifications?.onClicked.addListener((id) => {
    if (id.startsWith(WRAP_UP_NOTIFICATION)) serially(() => openWrapUp(id));
  });
}

// Events are handled one at a time, in order: a join and a close in quick succession must not
// overwrite each other's change to the stored calls.
let queue: Promise<void> = Promise.resolve();
function serially(work: () => Promise<unknown>): void {
  queue = queue.then(work).then(
    () => undefined,
    (error: unknown) => log.error('call-wrap-up', error),
  );
}

/** Resolves once every event heard so far has been handled (for tests). */
export function callsHandled(): Promise<void> {
  return queue;
}

async function readCalls(): Promise<CallsInTabs> {
  const parsed = CallsInTabs.safeParse(await callsInTabsItem.getValue());
  return parsed.success ? parsed.data : {};
}

async function joined(tabId: number, code: string): Promise<void> {
  if (!MeetingCode.safeParse(code).success) return;
  const calls = await readCalls();
  if (calls[tabId]?.code === code) return;
  await callsInTabsItem.setValue({ ...calls, [tabId]: { code, since: new Date().toISOString() } });
}

/** Forgets the tab's call; returns its code when there was one. */
async function forget(tabId: number): Promise<string | undefined> {
  const calls = await readCalls();
  const call = calls[tabId];
  if (!call) return undefined;
  delete calls[tabId];
  await callsInTabsItem.setValue(calls);
  return call.code;
}

async function ended(tabId: number): Promise<void> {
  const code = await forget(tabId);
  if (code) await offerWrapUp(code);
}

async function navigated(tabId: number, url: string): Promise<void> {
  const call = (await readCalls())[tabId];
  if (!call) return;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const sameCall = parsed?.hostname === 'meet.google.com' && meetingCodeFromPath(parsed.pathname) === call.code;
  if (!sameCall) await ended(tabId);
}

/**
 * Shows the wrap-up prompt for the call `code` when it was a mentoring session (a session of a
 * relationship recorded for it, around now) that has not been finished. Returns whether it did.
 */
export async function offerWrapUp(code: string): Promise<boolean> {
  const session = await findSession({ kind: 'meet', code });
  if (!session?.relationshipId || session.status === 'held' || session.status === 'cancelled') return false;
  if (!(await notificationsAllowed())) return false;
  const relationship = await db.relationships.get(session.relationshipId);
  await browser.notifications.create(`${WRAP_UP_NOTIFICATION}${code}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: relationship ? `Wrap up your session with ${relationship.other.name}` : 'Wrap up your mentoring session',
    message: 'The call has ended. Write down the key takeaways and action items while they are fresh.',
  });
  return true;
}

/** The panel of the call's session, in a tab of its own, opened on the wrap-up. */
export function wrapUpUrl(code: string): string {
  return `${callPanelUrl(code)}#wrapup=left`;
}

async function openWrapUp(notificationId: string): Promise<void> {
  await browser.notifications.clear(notificationId);
  await browser.tabs.create({ url: wrapUpUrl(notificationId.slice(WRAP_UP_NOTIFICATION.length)) });
}
