/**
 * The extension's sync engine against the real fake Google server (tests/fake-google), for the
 * integration test and the randomized fault run: one virtual clock shared by the fake, the client's
 * backoff and cooldown, the outbox's `nextAttemptAt` and the session window, so nothing waits for
 * real time.
 */
import type { TokenProvider } from '../../../lib/calendar/auth';
import { type CalendarClient, type CalendarClientOptions, createCalendarClient } from '../../../lib/calendar/client';
import { createRelationship } from '../../../lib/db/relationships';
import type { Relationship } from '../../../lib/model/relationship';
import { createFakeGoogle, type FakeGoogle, type Seed, tokenFor } from '../../fake-google/server.ts';

export const MORGAN = 'morgan.mentor@gmail.com';
export const ALEX = 'alex.mentee@gmail.com';
/** The seeded weekly series: Tuesdays 15:00–16:00 Berlin from 3 November 2026, open-ended, with Meet. */
export const SERIES = '4mentoringseries0000000000';
export const MEET_CODE = 'abc-defg-hij';
/** The virtual clock's start: a Friday; the window runs from Thursday noon to eight weeks later. */
export const START = Date.parse('2026-11-20T12:00:00.000Z');

/** Morgan mentors Alex on a weekly series; Morgan also has a dentist appointment. */
export function worldSeed(): Seed {
  return {
    defaultUser: MORGAN,
    users: [
      { email: MORGAN, displayName: 'Morgan Mentor', timeZone: 'Europe/Berlin' },
      { email: ALEX, displayName: 'Alex Mentee', timeZone: 'Europe/Berlin' },
    ],
    events: [
      {
        calendarId: MORGAN,
        event: {
          id: SERIES,
          summary: 'Mentoring: Morgan / Alex',
          start: { dateTime: '2026-11-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-11-03T16:00:00+01:00', timeZone: 'Europe/Berlin' },
          recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
          attendees: [{ email: MORGAN }, { email: ALEX }],
          conferenceData: {
            conferenceId: MEET_CODE,
            conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
            entryPoints: [{ entryPointType: 'video', uri: `https://meet.google.com/${MEET_CODE}` }],
          },
        },
      },
      {
        calendarId: MORGAN,
        event: {
          summary: 'Dentist',
          start: { dateTime: '2026-11-25T09:00:00+01:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-11-25T09:45:00+01:00', timeZone: 'Europe/Berlin' },
        },
      },
    ],
  };
}

/** A clock that only moves when told to (or when someone sleeps on it). */
export interface VirtualClock {
  now(): number;
  date(): Date;
  advance(ms: number): void;
  /** A `sleep` that returns at once, having moved the clock on by `ms`. */
  sleep(ms: number): Promise<void>;
}

export function virtualClock(start = START): VirtualClock {
  let time = start;
  const clock: VirtualClock = {
    now: () => time,
    date: () => new Date(time),
    advance(ms) {
      time += Math.max(0, ms);
    },
    async sleep(ms) {
      clock.advance(ms);
    },
  };
  return clock;
}

/** The fake, its clock the virtual one; `randomSeed` makes its ids and Meet codes reproducible. */
export function startFake(clock: VirtualClock, randomSeed = 1): Promise<FakeGoogle> {
  return createFakeGoogle({ seed: worldSeed(), now: () => clock.now(), randomSeed });
}

/**
 * A token provider that hands out `token` (Morgan's, by default); an interactive sign-in switches to
 * `next` when given (a fresh token after the old one was revoked).
 */
export function staticTokens(token = tokenFor(MORGAN), next?: string) {
  let current = token;
  const dropped: string[] = [];
  const provider: TokenProvider = {
    async getToken(interactive) {
      if (interactive && next) current = next;
      return current;
    },
    async dropToken(value) {
      dropped.push(value);
    },
    async signOut() {},
  };
  return { provider, dropped };
}

/** The extension's client against the fake, on the virtual clock. */
export function clientFor(
  fake: FakeGoogle,
  clock: VirtualClock,
  tokens: Pick<TokenProvider, 'getToken' | 'dropToken'> = staticTokens().provider,
  options: Pick<CalendarClientOptions, 'random' | 'fetch'> = {},
): CalendarClient {
  return createCalendarClient({
    baseUrl: `${fake.url}/calendar/v3`,
    tokens,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...options,
  });
}

/** Morgan's side of the mentoring with Alex. */
export function mentorRelationship(name = 'Alex Mentee', email = ALEX): Promise<Relationship> {
  return createRelationship({
    myRole: 'mentor',
    other: { name, email },
    startedOn: '2026-09-01',
    agreement: {
      cadence: { kind: 'weekly' },
      sessionMinutes: 60,
      channels: ['video'],
      mentorRole: 'Asks questions, shares experience',
      menteeRole: 'Brings the agenda',
      mentorExpectations: 'Honest feedback',
      menteeExpectations: 'Come prepared',
      boundaries: [],
      reviewOn: '2027-03-01',
    },
  });
}
