import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarlierTexts } from '../../../components/panel/EarlierTexts';
import type { Relationship } from '../../../lib/model/relationship';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const relationship = { other: { name: 'Alex Mentee' } } as Relationship;

describe('EarlierTexts', () => {
  it('shows nothing for an item no merge replaced', () => {
    render(<EarlierTexts history={undefined} relationship={relationship} />, host);
    expect(host.innerHTML).toBe('');
    render(<EarlierTexts history={[]} relationship={relationship} />, host);
    expect(host.innerHTML).toBe('');
  });

  it('keeps every replaced text behind a disclosure, with who wrote it', () => {
    render(
      <EarlierTexts
        history={[
          {
            text: 'Ask about the promotion',
            by: 'them',
            at: '2026-11-23T09:00:00.000Z',
            replacedAt: '2026-11-23T10:00:00.000Z',
          },
          { text: 'Promotion?', by: 'me', at: '2026-11-23T10:00:00.000Z', replacedAt: '2026-11-23T11:00:00.000Z' },
        ]}
        relationship={relationship}
      />,
      host,
    );
    const details = host.querySelector('details');
    expect(details?.open).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe('edited — show earlier texts (2)');
    const entries = [...(details?.querySelectorAll('li') ?? [])].map((li) => li.textContent);
    expect(entries[0]).toContain('“Ask about the promotion” — Alex Mentee');
    expect(entries[1]).toContain('“Promotion?” — you');
  });
});
