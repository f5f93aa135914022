import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BadgePort, startChipBadges } from '../../../../lib/hosts/calendar/chip-badges';
import { encodeEid } from '../../../../lib/hosts/calendar/eid';
import type { BadgesToBackground, BadgesToHost } from '../../../../lib/messaging';

const CAL = 'morgan.mentor@gmail.com';
const MENTORING = { calendarId: CAL, eventId: 'mentoring_20261124T150000Z' };
const CHECKIN = { calendarId: CAL, eventId: 'programcheckin' };
const NEXT = { calendarId: CAL, eventId: 'mentoring_20261201T150000Z' };
const COFFEE = { calendarId: CAL, eventId: 'coffee' };

type Ref = { calendarId: string; eventId: string };
type Marker = BadgesToHost['markers'][number];

/** The content script's end of the badge port, with the background played by the test. */
class FakePort implements BadgePort {
  sent: BadgesToBackground[] = [];
  disconnected = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => this.disconnectListeners.push(listener) };
  postMessage(message: BadgesToBackground): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** The background answers. */
  answer(markers: Marker[] | unknown): void {
    for (const listener of this.messageListeners) listener({ ns: 'tandem', type: 'badges/markers', markers });
  }
  raw(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The service worker stopped (or the extension went away). */
  drop(): void {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
  get watched(): string[] | undefined {
    return this.sent.at(-1)?.refs.map((ref) => ref.eventId);
  }
}

const marker = (ref: Ref, agendaItems: number, cancelled = false): Marker => ({ ...ref, agendaItems, cancelled });

/**
 * Chips as the fixture's week view renders them (the chip is the role=button), or as the month
 * capture does (data-eventchip on an outer div, role=button inside).
 */
function chip(ref: Ref | { eid: string }, options: { month?: boolean; describedBy?: string } = {}): HTMLElement {
  const eid = 'eid' in ref ? ref.eid : encodeEid(ref);
  const outer = document.createElement('div');
  outer.setAttribute('data-eventchip', '');
  outer.setAttribute('data-eventid', eid);
  outer.style.position = 'absolute';
  const button = options.month ? document.createElement('div') : outer;
  button.setAttribute('role', 'button');
  button.tabIndex = 0;
  if (options.describedBy) button.setAttribute('aria-describedby', options.describedBy);
  const visible = document.createElement('span');
  visible.setAttribute('aria-hidden', 'true');
  visible.textContent = 'Mentoring';
  const spoken = document.createElement('span');
  spoken.className = 'XuJrye';
  spoken.textContent = '3pm to 4pm, Mentoring, November 24, 2026';
  button.append(visible, spoken);
  if (options.month) outer.append(button);
  return outer;
}

function renderGrid(...chips: HTMLElement[]): HTMLElement {
  const grid = document.createElement('div');
  grid.setAttribute('role', 'grid');
  const cell = document.createElement('div');
  cell.setAttribute('role', 'gridcell');
  const presentation = document.createElement('div');
  presentation.setAttribute('role', 'presentation');
  presentation.append(...chips);
  cell.append(presentation);
  grid.append(cell);
  document.querySelector('[role="grid"]')?.remove();
  document.body.append(grid);
  return grid;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const chipOf = (ref: Ref) => document.querySelector<HTMLElement>(`[data-eventid="${encodeEid(ref)}"]`) as HTMLElement;
const badgesIn = (element: Element) => [...element.querySelectorAll('[data-tandem-badge]')];
const badgeOf = (ref: Ref) => badgesIn(chipOf(ref))[0];
const descriptionOf = (button: Element) =>
  (button.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' | ');

// happy-dom does no layout and has no offsetParent: this one follows the browser's rule (the
// nearest positioned ancestor), from inline styles, which is all these tests position with.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      for (let node = this.parentElement; node; node = node.parentElement) {
        if (node.style.position && node.style.position !== 'static') return node;
      }
      return document.body;
    },
  });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'offsetParent');
});

let lifetime: AbortController;
let ports: FakePort[];
let alive: boolean;
const port = () => ports.at(-1) as FakePort;

function start(): void {
  startChipBadges(lifetime.signal, {
    connect: () => {
      const opened = new FakePort();
      ports.push(opened);
      return opened;
    },
    extensionAlive: () => alive,
  });
}

beforeEach(() => {
  lifetime = new AbortController();
  ports = [];
  alive = true;
});
afterEach(() => {
  lifetime.abort();
  vi.useRealTimers();
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('calendar/chip-badges: what it asks for', () => {
  it('connects once there are chips and sends the visible events, again only when the set changes', async () => {
    start();
    await nextFrame();
    expect(ports).toEqual([]); // no chips, no port (the event edit page, an empty grid)

    renderGrid(
      chip(MENTORING),
      chip(COFFEE),
      chip({ eid: 'tasks_Vq3-Nm8sT_2kLx0Z' }),
      chip({ eid: '!!not-base64!!' }),
      chip(MENTORING), // the same event twice (a multi-day chip)
    );
    await nextFrame();
    expect(ports).toHaveLength(1);
    expect(port().sent).toEqual([{ ns: 'tandem', type: 'badges/watch', refs: [COFFEE, MENTORING] }]);

    // Google re-rendering the same events (new nodes, other order) does not resend.
    renderGrid(chip(COFFEE), chip(MENTORING));
    await nextFrame();
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(port().sent).toHaveLength(1);

    renderGrid(chip(NEXT)); // next week
    await nextFrame();
    expect(port().watched).toEqual([NEXT.eventId]);
    expect(ports).toHaveLength(1);
  });
});

describe('calendar/chip-badges: the badges', () => {
  beforeEach(async () => {
    renderGrid(
      chip(MENTORING, { describedBy: 'google-hint' }),
      chip(CHECKIN, { month: true }),
      chip(NEXT),
      chip(COFFEE),
    );
    const hint = document.createElement('span');
    hint.id = 'google-hint';
    hint.textContent = 'Google’s own hint';
    document.body.append(hint);
    start();
    await nextFrame();
  });

  it('shows the count, a ring when nothing is prepared, a cross when cancelled, nothing on other events', async () => {
    port().answer([marker(MENTORING, 2), marker(CHECKIN, 1, true), marker(NEXT, 0)]);
    expect(document.querySelectorAll('[data-tandem-badge]')).toHaveLength(0); // DOM writes wait for the pass
    await nextFrame();

    expect(badgeOf(MENTORING)?.getAttribute('data-tandem-badge')).toBe('2');
    expect(badgeOf(MENTORING)?.firstChild?.textContent).toBe('2');
    expect(badgeOf(NEXT)?.getAttribute('data-tandem-badge')).toBe('empty');
    expect(badgeOf(NEXT)?.firstChild?.textContent).toBe('');
    expect(badgeOf(CHECKIN)?.getAttribute('data-tandem-badge')).toBe('cancelled');
    expect(badgesIn(chipOf(COFFEE))).toEqual([]);

    for (const badge of document.querySelectorAll('[data-tandem-badge]:not(style)')) {
      expect(badge.getAttribute('aria-hidden')).toBe('true');
      expect(badge.parentElement?.hasAttribute('data-eventchip')).toBe(true);
      expect(badge).toBe(badge.parentElement?.lastElementChild);
    }
    expect(document.querySelectorAll('style[data-tandem-badge]')).toHaveLength(1);
  });

  it('describes the badge to screen readers on the role=button element, after Google’s own description', async () => {
    port().answer([marker(MENTORING, 1), marker(CHECKIN, 0, true), marker(NEXT, 0)]);
    await nextFrame();
    expect(descriptionOf(chipOf(MENTORING))).toBe('Google’s own hint | Tandem: 1 agenda item');
    expect(descriptionOf(chipOf(NEXT))).toBe('Tandem: mentoring session, nothing on the agenda yet');
    // Month view: the badge sits in the chip, the description goes to the role=button inside it.
    const inner = chipOf(CHECKIN).querySelector('[role="button"]') as Element;
    expect(chipOf(CHECKIN).hasAttribute('aria-describedby')).toBe(false);
    expect(descriptionOf(inner)).toBe('Tandem: mentoring session cancelled');
    // The chip's own text (its accessible name) is untouched: the badge is aria-hidden.
    expect(chipOf(MENTORING).querySelector('.XuJrye')?.textContent).toBe('3pm to 4pm, Mentoring, November 24, 2026');
  });

  it('updates in place, removes the badge when the event stops being mentoring, and restores Google’s attribute', async () => {
    port().answer([marker(MENTORING, 1), marker(NEXT, 0)]);
    await nextFrame();
    const badge = badgeOf(MENTORING);
    port().answer([marker(MENTORING, 120), marker(NEXT, 0)]);
    await nextFrame();
    expect(badgeOf(MENTORING)).toBe(badge);
    expect(badge?.firstChild?.textContent).toBe('99+');
    expect(descriptionOf(chipOf(MENTORING))).toBe('Google’s own hint | Tandem: 120 agenda items');

    port().answer([marker(NEXT, 0)]);
    await nextFrame();
    expect(badgesIn(chipOf(MENTORING))).toEqual([]);
    expect(chipOf(MENTORING).getAttribute('aria-describedby')).toBe('google-hint');
    expect(chipOf(NEXT).hasAttribute('aria-describedby')).toBe(true);
    port().answer([]);
    await nextFrame();
    expect(chipOf(NEXT).hasAttribute('aria-describedby')).toBe(false);
    expect(document.querySelectorAll('[data-tandem-badge]:not(style)')).toHaveLength(0);
  });

  it('survives Google re-rendering: new chip nodes, rewritten chip contents, stray copies — one badge each', async () => {
    port().answer([marker(MENTORING, 2), marker(CHECKIN, 0), marker(NEXT, 0)]);
    await nextFrame();

    renderGrid(chip(MENTORING), chip(CHECKIN, { month: true }), chip(NEXT), chip(COFFEE)); // whole grid anew
    await nextFrame();
    const mentoring = chipOf(MENTORING);
    mentoring.replaceChildren(...chip(MENTORING).childNodes); // Google rewrites one chip's children
    const inner = chipOf(CHECKIN).querySelector('[role="button"]') as Element;
    inner.replaceWith(chip(CHECKIN, { month: true }).firstElementChild as Element); // …or the inner button
    const stray = document.createElement('span'); // a copy left by an earlier content script instance
    stray.setAttribute('data-tandem-badge', '2');
    chipOf(NEXT).append(stray);
    await nextFrame();
    await nextFrame();

    for (const ref of [MENTORING, CHECKIN, NEXT]) expect(badgesIn(chipOf(ref))).toHaveLength(1);
    expect(stray.isConnected).toBe(false);
    expect(badgeOf(MENTORING)?.textContent?.startsWith('2')).toBe(true);
    expect(descriptionOf(chipOf(MENTORING))).toBe('Tandem: 2 agenda items');
    expect(descriptionOf(chipOf(CHECKIN).querySelector('[role="button"]') as Element)).toContain(
      'nothing on the agenda',
    );
    expect(port().sent).toHaveLength(1);
  });

  it('its own writes settle: the pass after them changes nothing', async () => {
    port().answer([marker(MENTORING, 2), marker(NEXT, 0)]);
    await nextFrame();
    const observed: MutationRecord[] = [];
    const observer = new MutationObserver((records) => observed.push(...records));
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    document.body.append(document.createElement('div'));
    await nextFrame();
    await nextFrame();
    observer.disconnect();
    expect(observed.filter((record) => record.type === 'attributes' || record.target !== document.body)).toEqual([]);
  });

  it('logs and ignores a malformed answer', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    port().answer([marker(MENTORING, 2)]);
    await nextFrame();
    port().answer([{ ...MENTORING, agendaItems: -1, cancelled: false }]);
    port().raw({ ns: 'tandem', type: 'badges/markers' });
    port().raw('<img src=x onerror=alert(1)>');
    await nextFrame();
    expect(badgeOf(MENTORING)?.getAttribute('data-tandem-badge')).toBe('2');
    expect(debug.mock.calls.filter((call) => String(call[2]).includes('malformed badge message'))).toHaveLength(3);
  });

  it('takes nothing away when the content script ends: badges, style, descriptions, the port', async () => {
    port().answer([marker(MENTORING, 2), marker(CHECKIN, 0), marker(NEXT, 0)]);
    await nextFrame();
    lifetime.abort();
    expect(document.querySelectorAll('[data-tandem-badge]')).toHaveLength(0);
    expect(chipOf(MENTORING).getAttribute('aria-describedby')).toBe('google-hint');
    expect(chipOf(NEXT).hasAttribute('aria-describedby')).toBe(false);
    expect(port().disconnected).toBe(true);
  });
});

describe('calendar/chip-badges: layout', () => {
  it('gives a statically positioned chip a containing block, and only then; undone at the end', async () => {
    const staticChip = chip(MENTORING);
    staticChip.style.position = '';
    renderGrid(staticChip, chip(NEXT));
    start();
    await nextFrame();
    port().answer([marker(MENTORING, 1), marker(NEXT, 1)]);
    await nextFrame();
    await nextFrame(); // checked in the pass after the badge went in
    expect(chipOf(MENTORING).style.position).toBe('relative');
    expect(chipOf(NEXT).style.position).toBe('absolute');
    lifetime.abort();
    expect(chipOf(MENTORING).style.position).toBe('');
    expect(chipOf(MENTORING).hasAttribute('data-tandem-positioned')).toBe(false);
  });
});

describe('calendar/chip-badges: the connection', () => {
  it('reconnects when the service worker stops, sends the visible events again, and keeps badges meanwhile', async () => {
    renderGrid(chip(MENTORING), chip(NEXT));
    start();
    await nextFrame();
    port().answer([marker(MENTORING, 2)]);
    await nextFrame();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.now() + 60_000); // the connection lived a minute: a healthy one
    port().drop();
    expect(badgeOf(MENTORING)).toBeDefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(ports).toHaveLength(2);
    expect(port().watched).toEqual([MENTORING.eventId, NEXT.eventId]);
  });

  it('backs off when connections keep failing, instead of a reconnect storm', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    renderGrid(chip(MENTORING));
    start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = ports.length;
      const at = Date.now();
      port().drop();
      while (ports.length === before) await vi.advanceTimersByTimeAsync(250);
      delays.push(Date.now() - at);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
    port().drop();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(ports).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports).toHaveLength(8);
  });

  it('a tab in the background reconnects only when it is shown again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    renderGrid(chip(MENTORING));
    start();
    vi.setSystemTime(Date.now() + 60_000);
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    port().drop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ports).toHaveLength(1);
    hidden.mockReturnValue(false);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ports).toHaveLength(2);
    expect(port().watched).toEqual([MENTORING.eventId]);
  });

  it('stops for good, and removes its badges, when the extension is gone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    renderGrid(chip(MENTORING));
    start();
    port().answer([marker(MENTORING, 2)]);
    await vi.waitFor(() => expect(badgeOf(MENTORING)).toBeDefined());
    alive = false;
    port().drop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ports).toHaveLength(1);
    expect(document.querySelectorAll('[data-tandem-badge]')).toHaveLength(0);
    renderGrid(chip(MENTORING), chip(NEXT));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ports).toHaveLength(1);
  });

  it('never throws when connecting fails; it tries again later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    let attempts = 0;
    renderGrid(chip(MENTORING));
    startChipBadges(lifetime.signal, {
      connect: () => {
        attempts++;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      extensionAlive: () => true,
    });
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(attempts).toBe(3); // after 1 s, then 2 s
    expect(debug).toHaveBeenCalled();
  });
});
