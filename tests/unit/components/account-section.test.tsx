import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountSection } from '../../../components/options/AccountSection';
import type { AccountBusy, GoogleAccountModel } from '../../../lib/models/google-account';
import type { Account } from '../../../lib/sync/account';
import type { SyncStatus } from '../../../lib/sync/state';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  vi.useFakeTimers({ now: new Date(2026, 10, 23, 10, 0), toFake: ['Date'] });
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.useRealTimers();
});

const IDLE: SyncStatus = { lastSyncAt: null, firstSync: null, signInAgain: false, failure: null, writes: null };
/** 10:00 local time today, as an ISO instant. */
const local = (hours: number, minutes = 0) => new Date(2026, 10, 23, hours, minutes).toISOString();

function fakeModel(init: { available?: boolean; account?: Account; status?: SyncStatus; waiting?: number } = {}) {
  const busy = signal<AccountBusy | null>(null);
  return {
    available: init.available ?? true,
    account: signal<Account | null>(init.account ?? { status: 'signed-out' }),
    status: signal<SyncStatus | null>(init.status ?? IDLE),
    waiting: signal(init.waiting ?? 0),
    busy,
    message: signal<string | null>(null),
    nextSyncAt: signal<{ at: number; periodMs: number } | null>({ at: Date.parse(local(10, 5)), periodMs: 300_000 }),
    connect: vi.fn(async () => {}),
    syncNow: vi.fn(async () => {}),
    disconnect: vi.fn(async () => {}),
    dispose: vi.fn(),
  } satisfies GoogleAccountModel;
}

function show(model: GoogleAccountModel) {
  act(() => render(<AccountSection model={model} />, host));
}
const text = () => host.textContent?.replace(/\s+/g, ' ') ?? '';
const status = () => host.querySelector('[role="status"]')?.textContent ?? '';
const buttons = () => [...host.querySelectorAll('button')].map((b) => b.textContent);

describe('AccountSection', () => {
  it('a build without a client id says it is local-only and where to read how to connect', () => {
    show(fakeModel({ available: false }));
    expect(text()).toContain('This copy of Tandem is local-only');
    expect(text()).toContain('README’s section “Google Calendar sync”');
    expect(buttons()).toEqual([]);
  });

  it('signed out: what is asked and why, and a labelled button that connects', () => {
    const model = fakeModel();
    show(model);
    expect(host.querySelector('section')?.getAttribute('aria-labelledby')).toBe('account-heading');
    expect(text()).toContain('to see, create and change events on calendars you own (calendar.events.owned)');
    expect(text()).toContain('Private notes, check-ins and feedback never leave this device.');
    // Sharing writes to the event: said, not denied.
    expect(text()).toContain(
      'once you agree to share with the other person, write each session’s agenda, takeaways, action items and shared note to its event, where everyone who can see the event can read them.',
    );
    expect(text()).not.toMatch(/agendas?[^.]* never leave/);
    expect(buttons()).toEqual(['Connect Google Calendar']);
    act(() => host.querySelector('button')?.click());
    expect(model.connect).toHaveBeenCalledOnce();
    act(() => {
      model.busy.value = 'connecting';
    });
    expect(buttons()).toEqual(['Connecting…']);
    expect(host.querySelector('button')?.disabled).toBe(true);
    expect(status()).toBe('Waiting for Google’s sign-in window…');
  });

  it('signed in: the calendar, the last sync, a first sync’s progress, and what waits', () => {
    const model = fakeModel({
      account: { status: 'signed-in', primaryId: 'morgan@example.com' },
      status: { ...IDLE, firstSync: { pages: 2, events: 4012 } },
      waiting: 1,
    });
    show(model);
    expect(text()).toContain('Connected to Google Calendar as morgan@example.com (your primary calendar).');
    expect(status()).toBe(
      'First sync: 2 pages, 4012 events read so far.Not synced yet.1 change waiting to be sent to Google Calendar.',
    );
    expect(buttons()).toEqual(['Sync now', 'Disconnect']);
    act(() => {
      model.status.value = { ...IDLE, lastSyncAt: local(9, 58) };
      model.waiting.value = 0;
    });
    expect(status()).toMatch(/^Last synced 0?9:58( AM)?\.$/);
    act(() => (host.querySelectorAll('button')[0] as HTMLButtonElement).click());
    expect(model.syncNow).toHaveBeenCalledOnce();
    const disconnect = host.querySelectorAll('button')[1] as HTMLButtonElement;
    expect(host.querySelector(`#${disconnect.getAttribute('aria-describedby')}`)?.textContent).toContain(
      'Your relationships, sessions and notes stay here',
    );
  });

  it('failures in words, with when Tandem tries again', () => {
    show(
      fakeModel({
        account: { status: 'signed-in' },
        status: {
          ...IDLE,
          lastSyncAt: local(9, 0),
          failure: { kind: 'rateLimited', message: 'Rate Limit Exceeded', at: local(9, 59), retryAt: local(10, 7) },
          writes: {
            failure: {
              kind: 'forbidden',
              message: 'You need to have writer access to this calendar.',
              at: local(9, 59),
            },
            nextAttemptAt: local(10, 1),
          },
        },
        waiting: 2,
      }),
    );
    expect(text()).toContain('Connected to Google Calendar (your primary calendar).');
    expect(status()).toMatch(/Rate limited: Google asked Tandem to slow down\. Retrying at 10:10( AM)?\./);
    expect(status()).toContain(
      '2 changes waiting to be sent to Google Calendar. The last attempt failed: Google refused: You need to have writer access to this calendar.',
    );
    expect(host.querySelectorAll('.problem')).toHaveLength(2);
  });

  it('a refused token asks to sign in again and says nothing is lost', () => {
    const model = fakeModel({ account: { status: 'sign-in-again', primaryId: 'morgan@example.com' }, waiting: 3 });
    show(model);
    expect(text()).toContain('Connected, but Google no longer accepts Tandem’s access as morgan@example.com');
    expect(text()).toContain('Nothing is lost');
    expect(status()).toBe('3 changes waiting to be sent to Google Calendar. They are sent once you sign in again.');
    expect(buttons()).toEqual(['Sign in again', 'Disconnect']);
    act(() => (host.querySelectorAll('button')[0] as HTMLButtonElement).click());
    expect(model.connect).toHaveBeenCalledOnce();
  });
});
