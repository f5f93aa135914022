import { describe, expect, it } from 'vitest';
import { ApiErrorBody, ApiEvent, CalendarListEntry, EventsPage, errorReason } from '../../../lib/calendar/schemas';

const live = {
  id: 'abc123',
  etag: '"1"',
  status: 'confirmed',
  start: { dateTime: '2026-11-24T16:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-24T17:00:00+01:00', timeZone: 'Europe/Berlin' },
};

describe('ApiEvent', () => {
  it('drops keys it does not know instead of refusing them', () => {
    const parsed = ApiEvent.parse({ ...live, somethingNew: { nested: true }, birthdayProperties: {} });
    expect(parsed).not.toHaveProperty('somethingNew');
    expect(parsed.id).toBe('abc123');
  });

  it('reads a deleted series stub: {id, status: cancelled} and an etag', () => {
    expect(ApiEvent.parse({ kind: 'calendar#event', etag: '"2"', id: 'x1', status: 'cancelled' })).toEqual({
      kind: 'calendar#event',
      etag: '"2"',
      id: 'x1',
      status: 'cancelled',
    });
  });

  it('reads an originalStartTime without timeZone', () => {
    const parsed = ApiEvent.parse({
      id: 's_20130508T220000Z',
      etag: '"3"',
      status: 'cancelled',
      recurringEventId: 's',
      originalStartTime: { dateTime: '2013-05-08T16:00:00-06:00' },
    });
    expect(parsed.originalStartTime).toEqual({ dateTime: '2013-05-08T16:00:00-06:00' });
  });

  it.each([
    ['no id', { ...live, id: undefined }],
    ['an empty id', { ...live, id: '' }],
    ['no etag', { ...live, etag: undefined }],
    ['an unknown status', { ...live, status: 'postponed' }],
    ['a live event without start', { ...live, start: undefined }],
    ['both date and dateTime', { ...live, start: { date: '2026-11-24', dateTime: '2026-11-24T16:00:00+01:00' } }],
    ['neither date nor dateTime', { ...live, end: { timeZone: 'Europe/Berlin' } }],
    ['a dateTime without offset', { ...live, start: { dateTime: '2026-11-24 16:00' } }],
    ['a number for a summary', { ...live, summary: 42 }],
    ['a recurrence that is not a list', { ...live, recurrence: 'RRULE:FREQ=WEEKLY' }],
    ['private properties that are not strings', { ...live, extendedProperties: { private: { n: 1 } } }],
  ])('refuses %s', (_name, value) => {
    expect(ApiEvent.safeParse(value).success).toBe(false);
  });
});

describe('EventsPage', () => {
  it('reads a page without items as an empty page', () => {
    expect(EventsPage.parse({ kind: 'calendar#events', nextSyncToken: 'tok' })).toEqual({
      kind: 'calendar#events',
      nextSyncToken: 'tok',
      items: [],
    });
  });

  it('refuses an HTML page or a page whose one item is broken', () => {
    expect(EventsPage.safeParse('<html>502</html>').success).toBe(false);
    expect(EventsPage.safeParse({ items: [live, { ...live, etag: 7 }] }).success).toBe(false);
  });
});

describe('CalendarListEntry', () => {
  it('reads an access role Google might add later as the least one', () => {
    expect(CalendarListEntry.parse({ id: 'c@example.com', accessRole: 'coOwner' }).accessRole).toBe('freeBusyReader');
    expect(CalendarListEntry.parse({ id: 'c@example.com', accessRole: 'writer' }).accessRole).toBe('writer');
  });
});

describe('ApiErrorBody', () => {
  it('finds the reason in errors[] or, in the newer format, in an ErrorInfo detail', () => {
    const legacy = ApiErrorBody.parse({ error: { code: 410, message: 'x', errors: [{ reason: 'fullSyncRequired' }] } });
    expect(errorReason(legacy)).toBe('fullSyncRequired');
    const modern = ApiErrorBody.parse({
      error: {
        code: 429,
        message: 'Quota exceeded',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }],
      },
    });
    expect(errorReason(modern)).toBe('RATE_LIMIT_EXCEEDED');
    expect(errorReason(ApiErrorBody.parse({ error: { code: 500 } }))).toBeNull();
  });
});
