import { describe, expect, it } from 'vitest';
import { tabTarget } from '../../lib/hosts/tab-target';
import { optionsUrl, sessionUrl } from '../../lib/session-url';

describe('sessionUrl', () => {
  it('opens a calendar occurrence at its event in Calendar, which reads back as the same event', () => {
    const ref = { calendarId: 'morgan.mentor@gmail.com', eventId: '4mentoringseries0000000000_20261124T150000Z' };
    const url = sessionUrl(ref) ?? '';
    expect(url).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/r\/eventedit\/[\w-]+$/);
    expect(tabTarget(url)).toEqual({ kind: 'session', target: { kind: 'calendar', ...ref } });
  });

  it('opens an ad-hoc call in the panel page, and knows nowhere for a session with neither', () => {
    expect(sessionUrl({ meetCode: 'abc-defg-hij' })).toMatch(
      /^chrome-extension:\/\/[^/]+\/panel\.html\?kind=meet&code=abc-defg-hij$/,
    );
    expect(sessionUrl({})).toBeUndefined();
  });
});

describe('optionsUrl', () => {
  it('points at a relationship and a part of it', () => {
    expect(optionsUrl()).toMatch(/\/options\.html$/);
    expect(optionsUrl('r1')).toMatch(/\/options\.html#relationship=r1$/);
    expect(optionsUrl('r1', 'agreement')).toMatch(/\/options\.html#relationship=r1&part=agreement$/);
  });
});
