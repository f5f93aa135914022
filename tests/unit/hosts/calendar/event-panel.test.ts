import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeEid } from '../../../../lib/hosts/calendar/eid';
import { eventPanel } from '../../../../lib/hosts/calendar/event-panel';

const EID = encodeEid({ calendarId: 'morgan.mentor@gmail.com', eventId: 'series1_20261124T150000Z' });

// happy-dom never loads iframes (the e2e tests do, in Chromium) and prints a NotSupportedError for
// each frame it skips; those lines are expected here.

/** The bubble's structure from the real capture (tests/fixtures/google), trimmed to what matters. */
function openDialog(attributes: Record<string, string> = { 'data-eventid': EID }): HTMLElement {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('jsname', 'ssXDle');
  const slot = document.createElement('span');
  slot.className = 'kma42e';
  const details = document.createElement('div');
  details.id = 'xDetDlg';
  for (const [name, value] of Object.entries(attributes)) details.setAttribute(name, value);
  const bound = document.createElement('div');
  bound.className = 'ibJzMe';
  details.append(bound);
  slot.append(details);
  dialog.append(slot);
  document.body.append(dialog);
  return dialog;
}

const frames = () => [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-tandem-panel]')];
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

let lifetime: AbortController;
beforeEach(() => {
  lifetime = new AbortController();
});
afterEach(() => {
  lifetime.abort();
  document.body.replaceChildren();
});

describe('calendar/event-panel', () => {
  it('puts one panel for the event right after #xDetDlg, outside Google’s data-bound sections', async () => {
    eventPanel.init(lifetime.signal);
    const dialog = openDialog();
    await nextFrame();
    expect(frames()).toHaveLength(1);
    const frame = frames()[0];
    expect(frame?.previousElementSibling?.id).toBe('xDetDlg');
    const query = new URL(frame?.src ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      kind: 'calendar',
      calendarId: 'morgan.mentor@gmail.com',
      eventId: 'series1_20261124T150000Z',
    });
    expect(frame?.title).toBe('Tandem mentoring panel');

    // Google re-rendering its sections touches nothing of ours, and the pass keeps the same frame.
    dialog.querySelector('.ibJzMe')?.replaceChildren(document.createElement('div'));
    await nextFrame();
    expect(frames()).toEqual([frame]);
  });

  it('replaces the panel when Google replaces the dialog with another event', async () => {
    eventPanel.init(lifetime.signal);
    const first = openDialog();
    await nextFrame();
    const before = frames()[0];
    first.remove();
    openDialog({ 'data-eventid': encodeEid({ calendarId: 'morgan.mentor@gmail.com', eventId: 'coffee1' }) });
    await nextFrame();
    expect(frames()).toHaveLength(1);
    expect(frames()[0]).not.toBe(before);
    expect(frames()[0]?.src).toContain('eventId=coffee1');
  });

  it('a dialog without data-eventid gets no panel, and the selector is named once in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    eventPanel.init(lifetime.signal);
    openDialog({});
    // The fallback variants and this check run at most every 500 ms (they walk the page).
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    document.body.append(document.createElement('div'));
    await new Promise((resolve) => setTimeout(resolve, 600)); // another walk: still one line
    await nextFrame();
    expect(frames()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[2])).toContain('"eventDetails"');
  });

  it('an undecodable eid or a task gets no panel and no exception, one debug line each', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    eventPanel.init(lifetime.signal);
    openDialog({ 'data-eventid': 'tasks_Vq3-Nm8sT_2kLx0Z' });
    await nextFrame();
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(frames()).toEqual([]);
    expect(debug.mock.calls.filter((call) => String(call[2]).includes('not an event (tasks_…)'))).toHaveLength(1);
  });

  it('removes its panels when the content script’s lifetime ends (extension updated or reloaded)', async () => {
    eventPanel.init(lifetime.signal);
    openDialog();
    await nextFrame();
    expect(frames()).toHaveLength(1);
    lifetime.abort();
    expect(frames()).toEqual([]);
  });
});
