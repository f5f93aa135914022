import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoredCheckbox } from '../../../components/StoredCheckbox';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

/** A write the test settles by hand, as the database would later. */
function deferredWrite() {
  const calls: boolean[] = [];
  let settle: (saved: boolean) => void = () => {};
  const onChange = (checked: boolean) => {
    calls.push(checked);
    return new Promise<boolean>((resolve) => {
      settle = resolve;
    });
  };
  // Resolves the write, then lets its continuation run inside act().
  const settleNow = (saved: boolean) =>
    act(async () => {
      settle(saved);
      await Promise.resolve();
    });
  return { calls, onChange, settle: settleNow };
}

const box = () => host.querySelector('input') as HTMLInputElement;
const show = (checked: boolean, onChange: (checked: boolean) => Promise<boolean>) =>
  act(() => render(<StoredCheckbox checked={checked} onChange={onChange} aria-label="Discussed" />, host));

describe('StoredCheckbox', () => {
  it('keeps the click while a re-render still carries the value read before the write', async () => {
    const write = deferredWrite();
    await show(false, write.onChange);
    await act(() => box().click());
    expect(write.calls).toEqual([true]);
    await show(false, write.onChange); // a live query that settled before the write
    expect(box().checked).toBe(true);
    await show(true, write.onChange); // the write arrives
    await write.settle(true);
    expect(box().checked).toBe(true);
    // Later changes from elsewhere (another tab) show as they are: nothing is held any more.
    await show(false, write.onChange);
    expect(box().checked).toBe(false);
  });

  it('returns to the stored value when the write fails', async () => {
    const write = deferredWrite();
    await show(false, write.onChange);
    await act(() => box().click());
    expect(box().checked).toBe(true);
    await write.settle(false);
    expect(box().checked).toBe(false);
  });

  it('is labelled and can be disabled', async () => {
    await act(() => render(<StoredCheckbox checked disabled onChange={async () => true} aria-label="Done" />, host));
    expect(box().getAttribute('aria-label')).toBe('Done');
    expect(box().disabled).toBe(true);
    expect(box().checked).toBe(true);
  });
});
