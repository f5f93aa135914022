import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Takeaways } from '../../../components/panel/Capture';
import type { Takeaway } from '../../../lib/model/outcome';
import type { Relationship } from '../../../lib/model/relationship';
import type { SessionPanelModel } from '../../../lib/models/session-panel';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const relationship = { myRole: 'mentee', other: { name: 'Morgan Mentor' } } as Relationship;
const model = { addTakeaway: async () => true, removeTakeaway: async () => true } as unknown as SessionPanelModel;
const SESSION = '00000000-0000-4000-8000-0000000000s1';
const at = '2026-11-24T15:30:00.000Z';
const takeaway = (id: string, text: string, more: Partial<Takeaway> = {}): Takeaway => ({
  id,
  sessionId: SESSION,
  text,
  createdAt: at,
  updatedAt: at,
  ...more,
});

describe('Takeaways', () => {
  it('marks the other person’s takeaways as theirs, in text; the user’s own carry no marker', () => {
    render(
      <Takeaways
        model={model}
        sessionId={SESSION}
        relationship={relationship}
        takeaways={[
          takeaway('00000000-0000-4000-8000-000000000b01', 'Outcomes, not tasks', { addedBy: 'them' }),
          takeaway('00000000-0000-4000-8000-000000000b02', 'Ask for the criteria'),
          takeaway('00000000-0000-4000-8000-000000000b03', 'Book the room', { addedBy: 'me' }),
        ]}
      />,
      host,
    );
    const items = [...host.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.item-meta')?.textContent ?? null)).toEqual([
      'from Morgan Mentor',
      null,
      null,
    ]);
    // Visible text in the list item, read with the takeaway (not an icon or a title attribute).
    expect(items[0]?.textContent).toContain('from Morgan Mentor');
  });
});
