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

/** A control already shared with Alex; `stop` withdraws consent after a moment, or fails. */
function fakeControl(stopFails = false) {
  const consented = signal(true);
  const problem = signal<string | null>(null);
  const control = {
    available: signal(true),
    consented,
    disclosure: signal<string | null>(null),
    status: signal<string | null>('Shared on the calendar event.'),
    state: signal<ShareState | undefined>(undefined),
    problem,
    ask: vi.fn(async () => {}),
    agree: vi.fn(async () => {}),
    decline: vi.fn(),
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
    const control = fakeControl(true);
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
});
