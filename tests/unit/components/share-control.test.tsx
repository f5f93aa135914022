import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShareControl } from '../../../components/panel/ShareControl';
import type { Relationship } from '../../../lib/model/relationship';
import type { ShareState } from '../../../lib/model/share';
import { type ShareControl as Control, createShareControl } from '../../../lib/models/share-control';

vi.mock('../../../lib/models/share-control', () => ({ createShareControl: vi.fn() }));

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const relationship = {
  id: '00000000-0000-4000-8000-0000000000r1',
  myRole: 'mentor',
  other: { name: 'Alex Mentee' },
} as Relationship;
const SESSION = '00000000-0000-4000-8000-0000000000s1';

/**
 * A control for Alex, already shared unless `consented` is false. As the real one: `ask` opens the
 * consent box, `agree` gives consent and closes it after a moment (or fails and leaves it open),
 * `decline` closes it, `stop` withdraws consent after a moment (or fails).
 */
function fakeControl({ consented: given = true, stopFails = false, agreeFails = false } = {}) {
  const consented = signal(given);
  const disclosure = signal<string | null>(null);
  const problem = signal<string | null>(null);
  const control = {
    available: signal(true),
    consented,
    disclosure,
    status: signal<string | null>('Shared on the calendar event.'),
    state: signal<ShareState | undefined>(undefined),
    problem,
    ask: vi.fn(async () => {
      disclosure.value = 'Who can see it: Everyone invited to this calendar event';
    }),
    agree: vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (agreeFails) {
        problem.value = 'Could not share: the database is busy';
        return;
      }
      consented.value = true;
      disclosure.value = null;
    }),
    decline: vi.fn(() => {
      disclosure.value = null;
    }),
    stop: vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (stopFails) problem.value = 'Could not stop sharing: the database is busy';
      else consented.value = false;
    }),
    dispose: vi.fn(),
  } satisfies Control;
  vi.mocked(createShareControl).mockReturnValue(control);
  act(() => render(<ShareControl sessionId={SESSION} relationship={relationship} />, host));
  return control;
}

const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);

/** Opens the consent box from a focused "Share with …" button, as a keyboard user would. */
async function openConsent() {
  const share = button('Share with Alex Mentee');
  share?.focus();
  share?.click();
  await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Share with Alex Mentee?'));
}

/** An element outside the control, as if focus were in another panel. */
function focusElsewhere() {
  const elsewhere = document.createElement('input');
  document.body.append(elsewhere);
  elsewhere.focus();
  return elsewhere;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('ShareControl', () => {
  it('"Stop sharing" moves focus to the "Share with …" button that replaces it', async () => {
    const control = fakeControl();
    const stop = button('Stop sharing with Alex Mentee');
    stop?.focus();
    expect(document.activeElement).toBe(stop);
    stop?.click();
    await vi.waitFor(() => expect(control.consented.value).toBe(false));
    await vi.waitFor(() => expect(document.activeElement).toBe(button('Share with Alex Mentee')));
    expect(button('Stop sharing with Alex Mentee')).toBeUndefined();
  });

  it('stopping that fails leaves focus on "Stop sharing", and a later change elsewhere takes no focus', async () => {
    const control = fakeControl({ stopFails: true });
    const stop = button('Stop sharing with Alex Mentee');
    stop?.focus();
    stop?.click();
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toContain('Could not stop'));
    expect(document.activeElement).toBe(stop);

    // Consent withdrawn in another panel (Calendar and Meet open at once): focus stays where it is.
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    act(() => {
      control.consented.value = false;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(button('Share with Alex Mentee')).toBeDefined();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('"Share" in the consent box moves focus to the "Stop sharing" button that replaces it', async () => {
    const control = fakeControl({ consented: false });
    await openConsent();
    const agree = button('Share');
    agree?.focus();
    agree?.click();
    await vi.waitFor(() => expect(control.consented.value).toBe(true));
    await vi.waitFor(() => expect(document.activeElement).toBe(button('Stop sharing with Alex Mentee')));
    expect(host.querySelector('.share-consent')).toBeNull();
  });

  it('"Not now" and Escape bring focus back to the "Share with …" button that opened the box', async () => {
    const control = fakeControl({ consented: false });
    await openConsent();
    button('Not now')?.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(button('Share with Alex Mentee')));

    await openConsent();
    act(() => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await vi.waitFor(() => expect(document.activeElement).toBe(button('Share with Alex Mentee')));
    expect(control.decline).toHaveBeenCalledTimes(2);
    expect(control.agree).not.toHaveBeenCalled();
  });

  it('"Share" that fails leaves focus in the box, and consent given elsewhere later takes no focus', async () => {
    const control = fakeControl({ consented: false, agreeFails: true });
    await openConsent();
    const agree = button('Share');
    agree?.focus();
    agree?.click();
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toContain('Could not share'));
    await settle();
    expect(document.activeElement).toBe(agree);

    // Consent given in another panel: "Stop sharing" shows here, focus stays where it is.
    const elsewhere = focusElsewhere();
    act(() => {
      control.consented.value = true;
    });
    await settle();
    expect(button('Stop sharing with Alex Mentee')).toBeDefined();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('consent given in another panel (Calendar and Meet open at once) takes no focus', async () => {
    const control = fakeControl({ consented: false });
    const elsewhere = focusElsewhere();
    act(() => {
      control.consented.value = true;
    });
    await settle();
    expect(button('Stop sharing with Alex Mentee')).toBeDefined();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });
});
