// @vitest-environment node
/**
 * The fake answers in the same shape as Google: its responses are compared, key by key and type by
 * type, with real Calendar API responses (tests/fixtures/google-api, see SOURCES.md there).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { ALEX, client, type Event, listAll, MORGAN, reason, single, startFake, weeklySeries } from './helpers.ts';

type Json = Record<string, unknown>;

function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/google-api', name), 'utf8')) as T;
}

const fixtureEvents: Event[] = [
  ...(fixture<{ items: Event[] }>('events-list-masters-exception-nextsynctoken-2024.json').items ?? []),
  ...(fixture<{ items: Event[] }>('events-list-singleevents-page1-reader-2025.json').items ?? []),
  ...(fixture<{ items: Event[] }>('events-list-attendees-allday-instances-2023.json').items ?? []),
  ...fixture<Event[]>('events-items-attendees-conference-imported-2021.json'),
  ...fixture<Event[]>('events-items-conferencedata-instances-2021.json'),
  ...['single-instance', 'whole-series', 'this-and-following'].flatMap(
    (name) => fixture<{ items: Event[] }>(`incremental-delete-${name}-2025.json`).items ?? [],
  ),
  ...(fixture<{ items: Event[] }>('incremental-edit-this-and-following-2025.json').items ?? []),
];
const fixtureFull = fixtureEvents.filter((e) => e.status !== 'cancelled');
const fixtureCancelled = fixtureEvents.filter((e) => e.status === 'cancelled');

/**
 * Fields the API reference documents that none of the captured responses happens to contain.
 * Each is listed with where it is documented.
 */
const DOCUMENTED_NOT_CAPTURED = new Set([
  // Events resource: extendedProperties.shared, "Properties that are shared between copies of the event".
  '.extendedProperties.shared',
]);

/** Free-form maps (keys are data, not schema): only their values' type is compared. */
const STRING_MAPS = new Set(['.extendedProperties.private', '.extendedProperties.shared']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Problems with `actual` against real examples of the same thing: keys no example has, values
 * of another JSON type, and keys every example has but `actual` lacks. Recurses into objects and
 * arrays, comparing with the examples' values at the same path.
 */
function shapeProblems(actual: unknown, examples: unknown[], path = ''): string[] {
  const type = typeOf(actual);
  const same = examples.filter((e) => typeOf(e) === type);
  if (same.length === 0) return [`${path || '(root)'}: ${type}, fixtures have ${[...new Set(examples.map(typeOf))]}`];
  if (type === 'array') {
    const elements = same.flatMap((e) => e as unknown[]);
    return (actual as unknown[]).flatMap((item, i) =>
      elements.length === 0 ? [] : shapeProblems(item, elements, `${path}[${i}]`),
    );
  }
  if (type !== 'object') return [];
  if (STRING_MAPS.has(path)) {
    return Object.entries(actual as Json)
      .filter(([, v]) => typeof v !== 'string')
      .map(([key]) => `${path}.${key}: not a string`);
  }
  const problems: string[] = [];
  const objects = same as Json[];
  for (const [key, value] of Object.entries(actual as Json)) {
    const keyPath = `${path}.${key}`;
    const values = objects.filter((o) => key in o).map((o) => o[key]);
    if (values.length === 0) {
      if (!DOCUMENTED_NOT_CAPTURED.has(keyPath)) problems.push(`${keyPath}: not in any fixture`);
      continue;
    }
    problems.push(...shapeProblems(value, values, keyPath));
  }
  const everywhere = Object.keys(objects[0] ?? {}).filter((key) => objects.every((o) => key in o));
  for (const key of everywhere) {
    // Either map of extendedProperties may be absent (only one fixture has extendedProperties at all).
    if (!(key in (actual as Json)) && !STRING_MAPS.has(`${path}.${key}`)) problems.push(`${path}.${key}: missing`);
  }
  return problems;
}

let fake: FakeGoogle;
let fakeEvents: Event[];

beforeAll(async () => {
  fake = await startFake();
  const api = client(fake);
  const series = (
    await api.insert(
      weeklySeries({
        description: 'Goals and agenda',
        location: 'Berlin',
        attendees: [{ email: MORGAN }, { email: ALEX, displayName: 'Alex Mentee' }],
        conferenceData: { createRequest: { requestId: 'shape-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
        extendedProperties: { private: { tandem: 'session' }, shared: { agenda: 'v1' } },
        guestsCanModify: true,
        guestsCanInviteOthers: false,
        visibility: 'private',
      }),
      { conferenceDataVersion: 1 },
    )
  ).body;
  fake.google.moveOccurrence(`${series.id}_20261110T140000Z`, '2026-11-12T15:00:00+01:00');
  fake.google.cancelOccurrence(`${series.id}_20261117T140000Z`);
  await api.insert({
    summary: 'Birthday',
    start: { date: '2026-11-20' },
    end: { date: '2026-11-21' },
    recurrence: ['RRULE:FREQ=YEARLY'],
    transparency: 'transparent',
  });
  const gone = (await api.insert(single({ colorId: '9' }))).body;
  await api.remove(gone.id as string);
  const masters = await listAll(api, { showDeleted: true });
  const instances = await listAll(api, { singleEvents: true, showDeleted: true });
  fakeEvents = [...masters.items, ...instances.items, (await client(fake, ALEX).get(series.id as string)).body];
});
afterAll(() => fake?.close());

describe('event items', () => {
  it('have the keys and types of real events', () => {
    const full = fakeEvents.filter((e) => e.status !== 'cancelled');
    expect(full.length).toBeGreaterThan(10);
    for (const event of full) expect(shapeProblems(event, fixtureFull), event.id as string).toEqual([]);
  });

  it('are cancelled in one of the forms Google uses', () => {
    const forms = new Set(fixtureCancelled.map((e) => Object.keys(e).join(',')));
    const cancelled = fakeEvents.filter((e) => e.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(3);
    for (const event of cancelled) expect(forms, event.id as string).toContain(Object.keys(event).join(','));
  });

  it('carry conference data like an event created with a Meet request', () => {
    const created = fixture<Event[]>('events-items-attendees-conference-imported-2021.json').find(
      (e) => e.conferenceData?.createRequest,
    );
    const withMeet = fakeEvents.find((e) => e.conferenceData);
    expect(Object.keys(withMeet?.conferenceData ?? {})).toEqual(Object.keys(created?.conferenceData ?? {}));
    const withPhones = fixture<Event[]>('events-items-conferencedata-instances-2021.json').flatMap((e) =>
      e.conferenceData ? [e.conferenceData] : [],
    );
    expect(shapeProblems(withMeet?.conferenceData, [created?.conferenceData, ...withPhones])).toEqual([]);
    const phones = withPhones.flatMap((c) => c.entryPoints ?? []);
    for (const entry of withMeet?.conferenceData?.entryPoints ?? []) {
      const real = phones.find((p) => p.entryPointType === entry.entryPointType);
      expect(Object.keys(entry).sort(), entry.entryPointType as string).toEqual(Object.keys(real ?? {}).sort());
    }
  });
});

describe('list envelopes', () => {
  it('match a real last page (nextSyncToken) and a real middle page (nextPageToken)', async () => {
    const api = client(fake);
    const last = await api.list();
    const lastReal = fixture('events-list-masters-exception-nextsynctoken-2024.json');
    expect(Object.keys(last.body)).toEqual(Object.keys(lastReal));
    const middle = await api.list({ singleEvents: true, maxResults: 2 });
    const middleReal = fixture('events-list-singleevents-page1-reader-2025.json');
    expect(Object.keys(middle.body)).toEqual(Object.keys(middleReal));
    const { items: _, ...envelope } = last.body;
    const { items: __, ...realEnvelope } = lastReal;
    expect(shapeProblems(envelope, [realEnvelope])).toEqual([]);
  });

  it('match a real calendarList', async () => {
    const reply = await client(fake).call<Json>('GET', '/users/me/calendarList');
    const real = fixture<{ items: Json[] }>('calendarlist-2021.json');
    expect(Object.keys(reply.body)).toEqual(Object.keys(real));
    const items = reply.body.items as Json[];
    for (const item of items) expect(shapeProblems(item, real.items)).toEqual([]);
    const realPrimary = real.items.find((i) => i.primary);
    expect(Object.keys(items[0] ?? {})).toEqual(Object.keys(realPrimary ?? {}).filter((k) => k !== 'description'));
  });
});

describe('errors', () => {
  const docs = fixture<Record<string, { error: Json }>>('errors-docs-examples.json');
  const captured = fixture<Record<string, { error: Json }>>('errors-captured-real.json');
  const withoutStatus = (body: unknown) => {
    const { status: _, ...error } = (body as { error: Json }).error;
    return { error };
  };

  it('are the documented bodies (plus the canonical status)', async () => {
    const api = client(fake);
    const alex = client(fake, ALEX);
    const created = (await api.insert(single({ id: 'shapeerrors1', attendees: [{ email: ALEX }] }))).body;
    const deleted = (await api.insert(single())).body;
    await api.remove(deleted.id as string);
    fake.revokeToken('revoked');
    const faulty = (kind: Parameters<FakeGoogle['faults']['next']>[0]) => {
      fake.faults.next(kind);
      return api.list();
    };
    const replies: Record<string, () => Promise<{ status: number; body: unknown }>> = {
      '400_timeRangeEmpty': () => api.list({ timeMin: '2026-11-10T00:00:00Z', timeMax: '2026-11-09T00:00:00Z' }),
      '401_authError': () => api.call('GET', '/calendars/primary/events', { token: 'revoked' }),
      '403_userRateLimitExceeded': () => faulty('userRateLimit403'),
      '403_rateLimitExceeded': () => faulty('rateLimit403'),
      '403_quotaExceeded': () => faulty('quotaExceeded403'),
      '403_forbiddenForNonOrganizer': () => alex.patch(created.id as string, { summary: 'mine' }),
      '404_notFound': () => api.get('doesnotexist'),
      '409_duplicate': () => api.insert(single({ id: 'shapeerrors1' })),
      '410_fullSyncRequired': () => api.list({ syncToken: 'expired' }),
      '410_deleted': () => api.remove(deleted.id as string),
      '412_conditionNotMet': () => api.patch(created.id as string, {}, { ifMatch: '"1"' }),
      '429_rateLimitExceeded': () => faulty('rateLimit429'),
      '500_backendError': () => faulty('backendError500'),
    };
    for (const [key, request] of Object.entries(replies)) {
      const reply = await request();
      const expected = docs[key];
      expect(reply.status, key).toBe(expected?.error.code);
      expect(withoutStatus(reply.body), key).toEqual(expected);
    }
  });

  it('use the newer envelope with status, as captured from real 401 and 403 answers', async () => {
    const api = client(fake);
    const noToken = await api.call('GET', '/calendars/primary/events', { token: null });
    expect(noToken.body).toEqual(captured['401_required_UNAUTHENTICATED_2021-01-18']);
    fake.faults.next('rateLimit403');
    const limited = await api.list();
    expect(reason(limited)).toBe('rateLimitExceeded');
    expect((limited.body as { error: Json }).error.status).toBe(
      captured['403_rateLimitExceeded_PERMISSION_DENIED_2021-01-30']?.error.status,
    );
  });
});
