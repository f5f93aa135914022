import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editPagePanel } from '../../../../lib/hosts/calendar/edit-page-panel';
import { encodeEid } from '../../../../lib/hosts/calendar/eid';

const EID = encodeEid({ calendarId: 'morgan.mentor@gmail.com', eventId: 'series1_20261124T150000Z' });
const OTHER = encodeEid({ calendarId: 'morgan.mentor@gmail.com', eventId: 'coffee1' });
const WEEK = '/calendar/u/0/r/week/2026/11/23';
const edit = (eid: string) => `/calendar/u/0/r/eventedit/${eid}`;

// happy-dom never loads iframes (the e2e tests do, in Chromium) and prints a NotSupportedError for
// each frame it skips; those lines are expected here.

/**
 * What Calendar's in-app navigation does: a new URL, then the view's content and view family
 * replace the old ones. The editor's structure is the capture's (tests/fixtures/google), trimmed.
 */
function show(path: string, { tabId = 'tabEventDetails' } = {}): void {
  history.pushState(null, '', path);
  if (!path.includes('/eventedit/')) {
    document.body.setAttribute('data-viewfamily', 'EVENT');
    document.body.replaceChildren(document.createElement('main'));
    return;
  }
  document.body.setAttribute('data-viewfamily', 'EVENT_EDIT');
  const tabs = document.createElement('div');
  const tab = document.createElement('span');
  tab.setAttribute('role', 'tabpanel');
  tab.id = tabId;
  const row = document.createElement('div'); // a data-bound row
  row.className = 'FrSOzf';
  const editor = document.createElement('div');
  editor.setAttribute('role', 'textbox');
  editor.setAttribute('contenteditable', 'true');
  row.append(editor);
  tab.append(row);
  tabs.append(tab);
  document.body.replaceChildren(tabs);
}

const frames = () => [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-tandem-panel]')];
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const eventIdOf = (frame: HTMLIFrameElement | undefined) => new URL(frame?.src ?? '').searchParams.get('eventId');

let lifetime: AbortController;
beforeEach(() => {
  lifetime = new AbortController();
  show(WEEK);
});
afterEach(() => {
  lifetime.abort();
  document.body.replaceChildren();
  history.pushState(null, '', '/');
});

describe('calendar/edit-page-panel', () => {
  it('puts one panel last in the "Event details" tab, for the eid in the URL', async () => {
    show(edit(EID));
    editPagePanel.init(lifetime.signal);
    expect(frames()).toHaveLength(1);
    const frame = frames()[0];
    expect(frame?.parentElement?.id).toBe('tabEventDetails');
    expect(frame?.previousElementSibling?.className).toBe('FrSOzf');
    expect(Object.fromEntries(new URL(frame?.src ?? '').searchParams)).toEqual({
      kind: 'calendar',
      calendarId: 'morgan.mentor@gmail.com',
      eventId: 'series1_20261124T150000Z',
    });

    // Google re-rendering its rows leaves the tab's own children, and the pass keeps the same frame.
    document.querySelector('.FrSOzf')?.replaceChildren(document.createElement('div'));
    await nextFrame();
    expect(frames()).toEqual([frame]);
  });

  it('follows in-app navigation: appears on the editor, goes with it, never twice', async () => {
    editPagePanel.init(lifetime.signal);
    expect(frames()).toEqual([]);

    show(edit(EID));
    await nextFrame();
    expect(frames()).toHaveLength(1);

    show(WEEK);
    await nextFrame();
    expect(frames()).toEqual([]);

    show(edit(EID));
    await nextFrame();
    show(edit(OTHER)); // the editor for another event
    await nextFrame();
    expect(frames()).toHaveLength(1);
    expect(eventIdOf(frames()[0])).toBe('coffee1');
  });

  it('a URL change alone (the editor reused) is enough to follow the eid', async () => {
    show(edit(EID));
    editPagePanel.init(lifetime.signal);
    history.pushState(null, '', edit(OTHER));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await nextFrame();
    expect(frames()).toHaveLength(1);
    expect(eventIdOf(frames()[0])).toBe('coffee1');
  });

  it('new events, copies, tasks and undecodable eids get no panel', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    editPagePanel.init(lifetime.signal);
    for (const path of [
      '/calendar/u/0/r/eventedit',
      `/calendar/u/0/r/eventedit/copy/${EID}`,
      edit('tasks_Vq3-Nm8sT_2kLx0Z'),
      edit('!!not-base64!!'),
    ]) {
      show(path);
      await nextFrame();
      expect(frames(), path).toEqual([]);
    }
    expect(debug.mock.calls.some((call) => String(call[2]).includes('not an event (tasks_…)'))).toBe(true);
  });

  it('an editor whose ids Google renamed is still found, by what its tab holds', async () => {
    editPagePanel.init(lifetime.signal);
    show(edit(EID), { tabId: 'sliateDtnevEbat' });
    // The fallback walks the page, so it runs at most every 500 ms.
    await vi.waitFor(() => expect(frames()).toHaveLength(1));
    expect(frames()[0]?.parentElement?.getAttribute('role')).toBe('tabpanel');
  });

  it('an editor without a recognisable tab gets no panel, and the selector is named once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    show(edit(EID));
    document.querySelector('[role="textbox"]')?.remove();
    document.querySelector('[role="tabpanel"]')?.removeAttribute('id');
    editPagePanel.init(lifetime.signal);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(String(warn.mock.calls[0]?.[2])).toContain('"editDetails"');
    expect(frames()).toEqual([]);
  });

  it('removes its panel when the content script’s lifetime ends', () => {
    show(edit(EID));
    editPagePanel.init(lifetime.signal);
    expect(frames()).toHaveLength(1);
    lifetime.abort();
    expect(frames()).toEqual([]);
  });
});
