import { describe, expect, it } from 'vitest';
import { meetCodeOf, toOccurrence } from '../../../lib/calendar/occurrences';
import { ApiEvent } from '../../../lib/calendar/schemas';
import { tandemTags } from '../../../lib/calendar/tags';

const RELATIONSHIP = '3f1c2b9e-8a61-4c4e-9f0a-2d5b7c8e9a10';

function event(fields: Record<string, unknown>): ApiEvent {
  return ApiEvent.parse({
    id: 'series1',
    etag: '"1"',
    status: 'confirmed',
    start: { dateTime: '2026-11-24T16:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-11-24T17:00:00+01:00', timeZone: 'Europe/Berlin' },
    ...fields,
  });
}

describe('toOccurrence', () => {
  it('maps a tagged master with its recurrence and relationship', () => {
    const master = event({
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
      extendedProperties: { private: tandemTags(RELATIONSHIP) },
      updated: '2026-11-20T10:00:00.000Z',
      hangoutLink: 'https://meet.google.com/abc-defg-hij',
    });
    expect(toOccurrence(master)).toEqual({
      eventId: 'series1',
      seriesId: 'series1',
      kind: 'master',
      status: 'confirmed',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T16:00:00.000Z',
      meetCode: 'abc-defg-hij',
      relationshipId: RELATIONSHIP,
      etag: '"1"',
      updated: '2026-11-20T10:00:00.000Z',
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
    });
  });

  it('ignores a tag that is not one of our ids', () => {
    expect(toOccurrence(event({ extendedProperties: { private: { tandemRelationship: 'x' } } })).relationshipId).toBe(
      undefined,
    );
  });

  it('derives an all-day cancelled instance from its id alone', () => {
    expect(
      toOccurrence(event({ id: 'series1_20261124', status: 'cancelled', start: undefined, end: undefined })),
    ).toEqual({
      eventId: 'series1_20261124',
      seriesId: 'series1',
      kind: 'exception',
      status: 'cancelled',
      originalStart: '2026-11-24',
      etag: '"1"',
    });
  });

  it('treats a tentative instance like a confirmed one', () => {
    const instance = event({
      id: 'series1_20261124T150000Z',
      status: 'tentative',
      recurringEventId: 'series1',
      originalStartTime: { dateTime: '2026-11-24T16:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    expect(toOccurrence(instance)).toMatchObject({ kind: 'exception', status: 'tentative' });
  });

  it('a cancelled master, as listed with showDeleted, is a deleted series', () => {
    expect(toOccurrence(event({ status: 'cancelled', recurrence: ['RRULE:FREQ=DAILY'] }))).toMatchObject({
      kind: 'deleted',
      seriesId: 'series1',
    });
  });
});

describe('meetCodeOf', () => {
  it('prefers a Meet conferenceId, then the hangoutLink, then a Meet video entry point', () => {
    expect(meetCodeOf({ conferenceData: { conferenceId: 'vxc-jcvs-juv' } })).toBe('vxc-jcvs-juv');
    expect(meetCodeOf({ hangoutLink: 'https://meet.google.com/vxc-jcvs-juv?hs=122' })).toBe('vxc-jcvs-juv');
    expect(
      meetCodeOf({
        conferenceData: {
          conferenceId: '98765432101',
          entryPoints: [{ entryPointType: 'video', uri: 'https://meet.google.com/bim-zvvi-nio' }],
        },
      }),
    ).toBe('bim-zvvi-nio');
  });

  it('finds none for other conference systems or look-alike hosts', () => {
    expect(
      meetCodeOf({
        conferenceData: {
          conferenceId: '98765432101',
          entryPoints: [{ entryPointType: 'video', uri: 'https://zoom.us/j/98765432101' }],
        },
      }),
    ).toBeUndefined();
    expect(meetCodeOf({ hangoutLink: 'https://meet.google.com.example.com/abc-defg-hij' })).toBeUndefined();
    expect(meetCodeOf({ hangoutLink: 'not a url' })).toBeUndefined();
  });
});
