import { createRelationship, linkSeries } from '../../../lib/db/relationships';
import { ensureSession } from '../../../lib/db/sessions';
import type { Relationship } from '../../../lib/model/relationship';
import type { Session } from '../../../lib/model/session';

export const CALENDAR = 'morgan.mentor@gmail.com';
export const SERIES = '4mentoringseries0000000000';

/** A mentee's relationship with a weekly series linked, as after "Track as mentoring session". */
export async function menteeRelationship(): Promise<Relationship> {
  const relationship = await unlinkedRelationship();
  await linkSeries(relationship.id, { calendarId: CALENDAR, seriesId: SERIES });
  return relationship;
}

/** The same relationship before any calendar series was linked to it. */
export function unlinkedRelationship(): Promise<Relationship> {
  return createRelationship({
    myRole: 'mentee',
    other: { name: 'Morgan Mentor', email: 'morgan.mentor@gmail.com' },
    startedOn: '2026-09-01',
    agreement: {
      cadence: { kind: 'weekly' },
      sessionMinutes: 45,
      channels: ['video'],
      mentorRole: 'Asks questions, shares experience',
      menteeRole: 'Brings the agenda',
      mentorExpectations: 'Honest feedback',
      menteeExpectations: 'Come prepared',
      boundaries: ['No calls after 18:00'],
      reviewOn: '2027-03-01',
    },
  });
}

/** The series occurrence starting on `day` (YYYY-MM-DD) at 15:00 UTC, recorded as the panel would. */
export function occurrence(day: string): Promise<Session> {
  const stamp = day.replaceAll('-', '');
  return ensureSession(
    { kind: 'calendar', calendarId: CALENDAR, eventId: `${SERIES}_${stamp}T150000Z` },
    { seriesId: SERIES, start: `${day}T15:00:00.000Z` },
  );
}
