import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  callsHandled,
  callsInTabsItem,
  offerWrapUp,
  WRAP_UP_NOTIFICATION,
  watchCalls,
  wrapUpUrl,
} from '../../../lib/background/call-wrap-up';
import { closeSession } from '../../../lib/db/carry-forward';
import { db } from '../../../lib/db/database';
import { learnMeetCode } from '../../../lib/db/sessions';
import { menteeRelationship, occurrence } from '../db/factory';

const CODE = 'abc-defg-hij';
/** During the factory's session on 24 Nov at 15:00 UTC. */
const IN_THE_CALL = new Date('2026-11-24T15:20:00.000Z');
const ID = `${WRAP_UP_NOTIFICATION}${CODE}`;

let permission: 'granted' | 'denied' = 'granted';

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete({ disableAutoOpen: false });
  permission = 'granted';
  Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => permission });
  vi.useFakeTimers({ now: IN_THE_CALL, toFake: ['Date'] });
  return () => vi.useRealTimers();
});

/** A mentoring session whose call has the code `CODE`. */
async function mentoringCall() {
  await menteeRelationship();
  const session = await occurrence('2026-11-24');
  await learnMeetCode(session.id, CODE);
  return session;
}

const shown = () => Object.keys(fakeBrowser.notifications.getAllCreateOptions());

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
/** A message from a content script, as `runtime.sendMessage` delivers it (no reply expected). */
const send = (message: unknown, sender: Sender) => fakeBrowser.runtime.onMessage.trigger(message, sender, () => {});

// The fake browser's tabs.remove looks the tab's window up by the tab's id: fire the event as Chrome would.
const closeTab = (tabId: number) => fakeBrowser.tabs.onRemoved.trigger(tabId, { isWindowClosing: false, windowId: 1 });

async function tabInCall(): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url: `https://meet.google.com/${CODE}` });
  const id = tab.id ?? -1;
  await send({ ns: 'tandem', type: 'call/joined', code: CODE }, { tab, url: tab.url });
  await callsHandled();
  expect(Object.keys(await callsInTabsItem.getValue())).toEqual([String(id)]);
  return id;
}

describe('offerWrapUp', () => {
  it('prompts the wrap-up of an unfinished mentoring session, naming the other person', async () => {
    await mentoringCall();
    expect(await offerWrapUp(CODE)).toBe(true);
    const options = fakeBrowser.notifications.getAllCreateOptions()[ID];
    expect(options?.title).toBe('Wrap up your session with Morgan Mentor');
    expect(options?.message).toContain('key takeaways and action items');
  });

  it('stays quiet for a finished session, a call that is not a mentoring session, or without permission', async () => {
    expect(await offerWrapUp(CODE)).toBe(false); // nothing recorded for this code
    const session = await mentoringCall();
    permission = 'denied';
    expect(await offerWrapUp(CODE)).toBe(false);
    permission = 'granted';
    await closeSession(session.id, 'held');
    expect(await offerWrapUp(CODE)).toBe(false);
    expect(shown()).toEqual([]);
  });
});

describe('watchCalls', () => {
  beforeEach(() => watchCalls());

  it('a tab closed during the call brings the wrap-up prompt; clicking it opens the panel on the wrap-up', async () => {
    await mentoringCall();
    const tab = await tabInCall();
    await closeTab(tab);
    await callsHandled();
    expect(shown()).toEqual([ID]);
    expect(await callsInTabsItem.getValue()).toEqual({});

    await fakeBrowser.notifications.onClicked.trigger(ID);
    await callsHandled();
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(wrapUpUrl(CODE));
    expect(wrapUpUrl(CODE)).toMatch(/\/panel\.html\?kind=meet&code=abc-defg-hij#wrapup=left$/);
  });

  it('a tab that navigates away from the call counts as leaving it; staying on the call does not', async () => {
    await mentoringCall();
    const tab = await tabInCall();
    await fakeBrowser.tabs.update(tab, { url: `https://meet.google.com/${CODE}?authuser=1` });
    await callsHandled();
    expect(shown()).toEqual([]);
    await fakeBrowser.tabs.update(tab, { url: 'https://meet.google.com/landing' });
    await callsHandled();
    expect(shown()).toEqual([ID]);
  });

  it('leaving on the page (the wrap-up shows there) means no prompt when the tab closes later', async () => {
    await mentoringCall();
    const tab = await tabInCall();
    const sender = { tab: await fakeBrowser.tabs.get(tab), url: `https://meet.google.com/${CODE}` };
    await send({ ns: 'tandem', type: 'call/left', code: CODE }, sender);
    await callsHandled();
    expect(await callsInTabsItem.getValue()).toEqual({});
    await closeTab(tab);
    await callsHandled();
    expect(shown()).toEqual([]);
  });

  it('ignores malformed messages, messages from outside a tab, and from pages other than Meet', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `https://meet.google.com/${CODE}` });
    await send({ ns: 'tandem', type: 'call/joined', code: 42 }, { tab });
    await send({ ns: 'tandem', type: 'call/joined', code: CODE }, {});
    await send({ ns: 'tandem', type: 'call/joined', code: 'not a code' }, { tab, url: tab.url });
    await send({ ns: 'tandem', type: 'call/joined', code: CODE }, { tab, url: 'https://example.com/' });
    await callsHandled();
    expect(await callsInTabsItem.getValue()).toEqual({});
  });
});
