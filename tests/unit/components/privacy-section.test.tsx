import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrivacySection } from '../../../components/options/PrivacySection';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  render(<PrivacySection />, host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const text = () => host.textContent?.replace(/\s+/g, ' ') ?? '';

describe('PrivacySection', () => {
  it('says what never leaves the device, and claims no more than that', () => {
    expect(text()).toContain('Private notes, check-ins and feedback never leave this device, not even when you share.');
    expect(text()).toContain('except the title of a goal a shared agenda item is linked to');
    // Shared items do leave it: nothing says everything is stored only here.
    expect(text()).not.toContain('stored only in this browser');
    expect(text()).not.toMatch(/(agendas?|takeaways|action items)[^.]* never leave/);
  });

  it('says what sharing writes to the event, where, and who can read it', () => {
    const shared = [...host.querySelectorAll('li')].find((li) => li.textContent?.startsWith('Shared sessions'));
    const said = shared?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(said).toContain('once you agree to share with the other person');
    expect(said).toContain('agenda items, takeaways, action items and shared note are written to its calendar event');
    expect(said).toContain('a readable list in the description');
    expect(said).toContain("the event's shared properties");
    expect(said).toContain('Everyone who can see the event can read them.');
    expect(text()).toContain('Tandem writes the recurring series you schedule');
  });
});
