import { describe, expect, it } from 'vitest';
import { encodeEid } from '../../../lib/hosts/calendar/eid';
import { tabTarget, tabTargetKey } from '../../../lib/hosts/tab-target';

const OCCURRENCE = { calendarId: 'morgan.mentor@gmail.com', eventId: '4mentoringseries0000000000_20261124T150000Z' };
const EID = encodeEid(OCCURRENCE);

describe('tabTarget', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', { kind: 'session', target: { kind: 'meet', code: 'abc-defg-hij' } }],
    [
      'https://meet.google.com/ABC-DEFG-HIJ?authuser=1&hs=122',
      { kind: 'session', target: { kind: 'meet', code: 'abc-defg-hij' } },
    ],
    ['https://meet.google.com/', { kind: 'meet-no-call' }],
    ['https://meet.google.com/landing', { kind: 'meet-no-call' }],
    ['https://meet.google.com/new', { kind: 'meet-no-call' }],
    [
      `https://calendar.google.com/calendar/u/0/r/eventedit/${EID}`,
      { kind: 'session', target: { kind: 'calendar', ...OCCURRENCE } },
    ],
    [
      `https://calendar.google.com/calendar/r/eventedit/${EID}?pli=1`,
      { kind: 'session', target: { kind: 'calendar', ...OCCURRENCE } },
    ],
    [
      `https://calendar.google.com/calendar/u/2/r/eventedit/${EID}==`,
      { kind: 'session', target: { kind: 'calendar', ...OCCURRENCE } },
    ],
    ['https://calendar.google.com/calendar/u/0/r/week/2026/11/23', { kind: 'calendar-no-event' }],
    ['https://calendar.google.com/calendar/u/0/r/eventedit', { kind: 'calendar-no-event' }],
    // A copy ("Duplicate") is a new event, and a malformed escape no path Calendar made: the
    // Calendar panel shows nothing there either (lib/hosts/calendar/urls.ts).
    [`https://calendar.google.com/calendar/u/0/r/eventedit/copy/${EID}`, { kind: 'calendar-no-event' }],
    ['https://calendar.google.com/calendar/u/0/r/eventedit/%E0%A4%A', { kind: 'calendar-no-event' }],
    [
      'https://calendar.google.com/calendar/u/0/r/eventedit/tasks_Vq3-Nm8sT_2kLx0Z',
      { kind: 'calendar-not-event', reason: 'not an event (tasks_…)' },
    ],
    [
      'https://calendar.google.com/calendar/u/0/r/eventedit/!!not-base64!!',
      { kind: 'calendar-not-event', reason: 'not base64' },
    ],
    ['https://example.com/abc-defg-hij', { kind: 'elsewhere' }],
    // Look-alike hosts and schemes are not Google's.
    ['https://meet.google.com.example.com/abc-defg-hij', { kind: 'elsewhere' }],
    ['http://meet.google.com/abc-defg-hij', { kind: 'elsewhere' }],
    ['chrome-extension://abc/sidepanel.html', { kind: 'elsewhere' }],
    ['not a url', { kind: 'elsewhere' }],
    // Without the `tabs` permission the browser hides the URL of every non-Google tab.
    [undefined, { kind: 'elsewhere' }],
  ])('%s', (url, expected) => {
    expect(tabTarget(url)).toEqual(expected);
  });
});

describe('tabTargetKey', () => {
  it('is equal for the same session and differs between sessions and empty states', () => {
    const key = (url: string | undefined) => tabTargetKey(tabTarget(url));
    expect(key('https://meet.google.com/abc-defg-hij')).toBe(key('https://meet.google.com/abc-defg-hij?hs=1'));
    const keys = new Set([
      key('https://meet.google.com/abc-defg-hij'),
      key('https://meet.google.com/xyz-abcd-efg'),
      key(`https://calendar.google.com/calendar/u/0/r/eventedit/${EID}`),
      key(
        `https://calendar.google.com/calendar/u/0/r/eventedit/${encodeEid({ ...OCCURRENCE, eventId: '4mentoringseries0000000000_20261201T150000Z' })}`,
      ),
      key('https://meet.google.com/'),
      key('https://calendar.google.com/calendar/u/0/r/week'),
      key(undefined),
    ]);
    expect(keys.size).toBe(7);
  });
});
