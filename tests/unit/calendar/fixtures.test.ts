/**
 * Real Calendar API v3 responses (tests/fixtures/google-api, provenance in SOURCES.md there): one
 * test per file, each parsed with our schemas and mapped as sync will map it.
 *
 * What real data does, which our code relies on:
 * - Instances of a series share the master's etag and `updated` until they are edited themselves
 *   (incremental-edit-single-instances: four items, one etag).
 * - A moved instance keeps its id and `originalStartTime`; only `start`/`end` change.
 * - "This and following" ends the old rule with `UNTIL` (the end of the previous local day, e.g.
 *   `UNTIL=20250326T045959Z`) and creates a new master `<old id>_R<YYYYMMDDTHHMMSS>` (no `Z`).
 * - Cancelled instances can be bare: `{kind, etag, id, status}` without `recurringEventId`, and
 *   `originalStartTime` may lack `timeZone`; a deleted series is `{kind, etag, id, status}` alone.
 * - Google writes its own private extended properties (`everyoneDeclinedDismissed: "-1"`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOf } from '../../../lib/calendar/client';
import { toOccurrence } from '../../../lib/calendar/occurrences';
import { ApiErrorBody, ApiEvent, CalendarListPage, EventsPage, errorReason } from '../../../lib/calendar/schemas';

const DIR = resolve(import.meta.dirname, '../../fixtures/google-api');

function load(name: string): unknown {
  return JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8'));
}

function page(name: string): EventsPage {
  return EventsPage.parse(load(name));
}

/** Files that hold only an `items` array (no envelope). */
function items(name: string): ApiEvent[] {
  const raw = load(name);
  if (!Array.isArray(raw)) throw new Error(`${name} is not an array`);
  return raw.map((item) => ApiEvent.parse(item));
}

function byId(events: ApiEvent[], id: string) {
  const event = events.find((e) => e.id === id);
  if (!event) throw new Error(`no ${id}`);
  return toOccurrence(event);
}

describe('real Calendar API responses', () => {
  it('events-list-singleevents-page1-reader-2025.json: an expanded page with nextPageToken', () => {
    const list = page('events-list-singleevents-page1-reader-2025.json');
    expect(list.items).toHaveLength(16);
    expect(list.nextPageToken).toBe('EiwKKhIoCgYIkP7M-QUSHgocCho2Y28wb2psMGwwajByYmgzZzU2dmxjMnM5acA-AQ==');
    expect(list.nextSyncToken).toBeUndefined();
    expect(list).toMatchObject({ accessRole: 'reader', timeZone: 'Europe/Berlin' });
    // With singleEvents=true every occurrence is an instance item (sync itself lists masters only).
    const occurrences = list.items.map(toOccurrence);
    expect(new Set(occurrences.map((o) => o.kind))).toEqual(new Set(['exception']));
    expect(new Set(occurrences.map((o) => o.seriesId))).toEqual(
      new Set(['4eahs9ghkhrvkld72hogu9ph3e', '3qtd6uscq4tsi6gc7nmmtpqlct']),
    );
    expect(occurrences[0]).toEqual({
      eventId: '4eahs9ghkhrvkld72hogu9ph3e_20200519T140000Z',
      seriesId: '4eahs9ghkhrvkld72hogu9ph3e',
      kind: 'exception',
      status: 'confirmed',
      originalStart: '2020-05-19T14:00:00.000Z',
      start: '2020-05-19T14:00:00.000Z',
      end: '2020-05-19T15:00:00.000Z',
      etag: '"3181161784712000"',
      updated: '2020-05-27T12:01:32.356Z',
    });
    // Unedited instances carry their master's etag and `updated`.
    const series = occurrences.filter((o) => o.seriesId === '4eahs9ghkhrvkld72hogu9ph3e');
    expect(new Set(series.map((o) => o.etag))).toEqual(new Set(['"3181161784712000"']));
  });

  it('events-items-conferencedata-instances-2021.json: Meet codes from conferenceData', () => {
    const events = items('events-items-conferencedata-instances-2021.json');
    expect(events).toHaveLength(12);
    const meet = byId(events, '3m5n6mcl1aqrdsg6k5vkr6to5p_20211023T163000Z');
    expect(meet).toMatchObject({
      seriesId: '3m5n6mcl1aqrdsg6k5vkr6to5p',
      kind: 'exception',
      meetCode: 'vxc-jcvs-juv',
      originalStart: '2021-10-23T16:30:00.000Z',
    });
    expect(events.map((e) => toOccurrence(e).meetCode).filter(Boolean)).toEqual([
      'vxc-jcvs-juv',
      'bim-zvvi-nio',
      'jnj-edux-duq',
      'mqx-jyfg-uoc',
      'ceo-behe-ssp',
      'ctp-pwtc-pmq',
      'wkx-akyy-omd',
      'xcb-hfjb-psv',
    ]);
    // Phone and "more" entry points are parsed and ignored.
    const entryPoints = events.find((e) => e.id === meet.eventId)?.conferenceData?.entryPoints;
    expect(entryPoints?.map((p) => p.entryPointType)).toEqual(['video', 'more', 'phone']);
    expect(byId(events, '4eahs9ghkhrvkld72hogu9ph3e_20211023T140000Z').meetCode).toBeUndefined();
  });

  it('events-list-page1-full-sync-2021.json: a cancelled instance without timeZone, old etags', () => {
    const list = page('events-list-page1-full-sync-2021.json');
    expect(list.nextPageToken).toMatch(/^CigKGnJq/);
    expect(list.items).toHaveLength(4);
    expect(toOccurrence(list.items[0] as ApiEvent)).toEqual({
      eventId: 'tlf9q8uk5vjl2i2868q36dpi28_20130508T220000Z',
      seriesId: 'tlf9q8uk5vjl2i2868q36dpi28',
      kind: 'exception',
      status: 'cancelled',
      originalStart: '2013-05-08T22:00:00.000Z',
      etag: '"2734519593376000"',
    });
    expect(byId(list.items, 'kjatossbl8ctt7ub64363pibek')).toMatchObject({
      kind: 'single',
      seriesId: 'kjatossbl8ctt7ub64363pibek',
      status: 'confirmed',
      start: '2012-10-26T19:00:00.000Z',
      etag: '"2702446420000000"',
    });
  });

  it('events-list-masters-exception-nextsynctoken-2024.json: masters and a moved exception', () => {
    const list = page('events-list-masters-exception-nextsynctoken-2024.json');
    expect(list.nextSyncToken).toBe('CMDUxsKm3oQDEMDUxsKm3oQDGAUg2tKJogIo2tKJogI=');
    expect(list.nextPageToken).toBeUndefined();
    const occurrences = list.items.map(toOccurrence);
    expect(occurrences.filter((o) => o.kind === 'master')).toHaveLength(8);
    expect(byId(list.items, '9qdm4ad1fu92mquhog2mrap4ke')).toMatchObject({
      kind: 'master',
      seriesId: '9qdm4ad1fu92mquhog2mrap4ke',
      recurrence: ['RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=FR,MO,WE'],
      start: '2024-03-04T16:00:00.000Z',
    });
    // Moved two hours earlier: the original start (and so the id) stays; the zone differs from the master's.
    expect(byId(list.items, '1ht385mgdah3rr1bslm2csi8jg_20240304T230000Z')).toMatchObject({
      kind: 'exception',
      seriesId: '1ht385mgdah3rr1bslm2csi8jg',
      originalStart: '2024-03-04T23:00:00.000Z',
      start: '2024-03-04T21:00:00.000Z',
    });
  });

  it('events-list-attendees-allday-instances-2023.json: all-day instances, attendees, Google private properties', () => {
    const list = page('events-list-attendees-allday-instances-2023.json');
    expect(list.items).toHaveLength(10);
    expect(byId(list.items, '7ce3dvca9a2j0elin41o62qflk_20230603')).toMatchObject({
      kind: 'exception',
      seriesId: '7ce3dvca9a2j0elin41o62qflk',
      originalStart: '2023-06-03',
      start: '2023-06-03',
    });
    const tagged = list.items.find((e) => e.id === '7ce3dvca9a2j0elin41o62qflk_20230603');
    // Google's own private property is read, and is no Tandem tag.
    expect(tagged?.extendedProperties?.private).toEqual({ everyoneDeclinedDismissed: '-1' });
    expect(byId(list.items, '7ce3dvca9a2j0elin41o62qflk_20230603').relationshipId).toBeUndefined();
    // Imported events (ids of `_` + base32hex) are single events.
    expect(byId(list.items, '_611k2e9m84q46ba484sk6b9k88ok8b9o6or3ab9i8d14agi568s32dhg84')).toMatchObject({
      kind: 'single',
      start: '2023-05-19T09:00:00.000Z',
    });
    const withGuests = list.items.filter((e) => e.attendees?.length);
    expect(withGuests.length).toBeGreaterThan(0);
    expect(list.items.some((e) => e.guestsCanModify !== undefined)).toBe(true);
  });

  it('events-items-attendees-conference-imported-2021.json: a Meet createRequest, an imported series', () => {
    const events = items('events-items-attendees-conference-imported-2021.json');
    expect(events).toHaveLength(10);
    const withRequest = events.find((e) => e.conferenceData?.createRequest);
    expect(withRequest?.conferenceData?.createRequest).toMatchObject({
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'success' },
    });
    expect(byId(events, 'n7i2l3huj789r7m9g0e7rj5igs')).toMatchObject({ kind: 'single', meetCode: 'byx-zgbm-zoz' });
    expect(byId(events, '_9kpj0gq26dc3imac84skaia48h952hqd751j6i2nasmk4e28b0_20220117T130000Z')).toMatchObject({
      kind: 'exception',
      seriesId: '_9kpj0gq26dc3imac84skaia48h952hqd751j6i2nasmk4e28b0',
      originalStart: '2022-01-17T13:00:00.000Z',
    });
    const declined = events.find((e) => e.id === 'n7i2l3huj789r7m9g0e7rj5igs')?.attendees?.find((a) => a.self);
    expect(declined?.responseStatus).toBe('declined');
  });

  it('incremental-delete-single-instance-2025.json: the master and one cancelled instance, one etag', () => {
    const list = page('incremental-delete-single-instance-2025.json');
    const [master, cancelled] = list.items.map(toOccurrence);
    expect(master).toMatchObject({
      kind: 'master',
      recurrence: ['RRULE:FREQ=DAILY;UNTIL=20250401T045959Z'],
      etag: '"3485815948352798"',
    });
    expect(cancelled).toEqual({
      eventId: '5hni4sj3ql1669otmjg7sn1mok_20250325T130000Z',
      seriesId: '5hni4sj3ql1669otmjg7sn1mok',
      kind: 'exception',
      status: 'cancelled',
      originalStart: '2025-03-25T13:00:00.000Z',
      etag: '"3485815948352798"',
    });
  });

  it('incremental-delete-whole-series-2025.json: a deleted series is a bare cancelled stub', () => {
    const list = page('incremental-delete-whole-series-2025.json');
    expect(list.items.map(toOccurrence)).toEqual([
      {
        eventId: '6pbua6vjeic3e73gvponeo1qp6',
        seriesId: '6pbua6vjeic3e73gvponeo1qp6',
        kind: 'deleted',
        status: 'cancelled',
        etag: '"3485816133011294"',
      },
    ]);
  });

  it('incremental-delete-this-and-following-2025.json: UNTIL on the master, a bare cancelled instance', () => {
    const list = page('incremental-delete-this-and-following-2025.json');
    const [master, cancelled] = list.items.map(toOccurrence);
    expect(master?.recurrence).toEqual(['RRULE:FREQ=DAILY;UNTIL=20250326T045959Z']);
    // Neither recurringEventId nor originalStartTime: both come from the id.
    expect(cancelled).toEqual({
      eventId: '72o12msae3t6au1lim41i8tu6j_20250328T150000Z',
      seriesId: '72o12msae3t6au1lim41i8tu6j',
      kind: 'exception',
      status: 'cancelled',
      originalStart: '2025-03-28T15:00:00.000Z',
      etag: '"3485822854521118"',
    });
  });

  it('incremental-edit-this-and-following-2025.json: the split creates an _R master', () => {
    const list = page('incremental-edit-this-and-following-2025.json');
    const occurrences = list.items.map(toOccurrence);
    expect(occurrences.map((o) => [o.eventId, o.kind, o.seriesId])).toEqual([
      ['3i234gl45i6i1s8rpui7dleor0', 'master', '3i234gl45i6i1s8rpui7dleor0'],
      ['3i234gl45i6i1s8rpui7dleor0_20250315T131500Z', 'exception', '3i234gl45i6i1s8rpui7dleor0'],
      ['3i234gl45i6i1s8rpui7dleor0_20250319T131500Z', 'exception', '3i234gl45i6i1s8rpui7dleor0'],
      ['3i234gl45i6i1s8rpui7dleor0_R20250326T131500', 'master', '3i234gl45i6i1s8rpui7dleor0_R20250326T131500'],
    ]);
    expect(occurrences[0]?.recurrence).toEqual(['RRULE:FREQ=DAILY;UNTIL=20250326T045959Z']);
    expect(occurrences[3]?.recurrence).toEqual(['RRULE:FREQ=DAILY']);
    // Moved to the afternoon; the original start is still the rule's.
    expect(occurrences[1]).toMatchObject({
      originalStart: '2025-03-15T13:15:00.000Z',
      start: '2025-03-15T21:00:00.000Z',
    });
  });

  it('incremental-edit-single-instances-2025.json: renamed instances share the master etag and updated', () => {
    const list = page('incremental-edit-single-instances-2025.json');
    const occurrences = list.items.map(toOccurrence);
    expect(occurrences.map((o) => o.kind)).toEqual(['master', 'exception', 'exception', 'exception']);
    expect(new Set(occurrences.map((o) => o.etag))).toEqual(new Set(['"3485466039120702"']));
    expect(new Set(occurrences.map((o) => o.updated))).toEqual(new Set(['2025-03-23T12:30:19.560Z']));
    expect(list.items.map((e) => e.summary)).toContain('🫧 Dishes - Edited just this one');
  });

  it('events-items-holidays-allday-2019.json: all-day single events with exclusive ends', () => {
    const events = items('events-items-holidays-allday-2019.json');
    expect(events).toHaveLength(58);
    const occurrences = events.map(toOccurrence);
    expect(new Set(occurrences.map((o) => o.kind))).toEqual(new Set(['single']));
    // `20190101_<hash>` has an underscore but no occurrence suffix.
    const first = occurrences.find((o) => o.eventId.startsWith('20190101_'));
    expect(first).toMatchObject({ seriesId: first?.eventId, start: '2019-01-01', end: '2019-01-02' });
    expect(first?.originalStart).toBeUndefined();
  });

  it('calendarlist-2021.json: ten calendars, the primary one writable', () => {
    const list = CalendarListPage.parse(load('calendarlist-2021.json'));
    expect(list.items).toHaveLength(10);
    expect(list.nextSyncToken).toBeDefined();
    const primary = list.items.find((c) => c.primary);
    expect(primary).toMatchObject({ id: 'bob@example.com', accessRole: 'owner' });
    expect(list.items.find((c) => c.id === 'p#weather@group.v.calendar.google.com')?.accessRole).toBe('reader');
    expect(list.items.find((c) => c.id === 'addressbook#contacts@group.v.calendar.google.com')?.summaryOverride).toBe(
      'Contacts',
    );
  });

  it('errors-docs-examples.json: every documented error body parses and classifies', () => {
    const bodies = load('errors-docs-examples.json') as Record<string, unknown>;
    const kinds = Object.fromEntries(
      Object.entries(bodies).map(([key, raw]) => {
        const body = ApiErrorBody.parse(raw);
        const reason = errorReason(body);
        expect(key).toBe(`${body.error.code}_${reason}`);
        return [key, kindOf(body.error.code, reason)];
      }),
    );
    expect(kinds).toEqual({
      '400_timeRangeEmpty': 'invalid',
      '401_authError': 'auth',
      '403_userRateLimitExceeded': 'rateLimited',
      '403_rateLimitExceeded': 'rateLimited',
      '403_quotaExceeded': 'rateLimited',
      '403_forbiddenForNonOrganizer': 'forbidden',
      '404_notFound': 'notFound',
      '409_duplicate': 'conflict',
      '409_conflict': 'conflict',
      '410_fullSyncRequired': 'gone',
      '410_updatedMinTooLongAgo': 'gone',
      '410_deleted': 'notFound',
      '412_conditionNotMet': 'precondition',
      '429_rateLimitExceeded': 'rateLimited',
      '500_backendError': 'server',
    });
  });

  it('errors-captured-real.json: both generations (with and without status) parse and classify', () => {
    const bodies = load('errors-captured-real.json') as Record<string, unknown>;
    const seen = Object.entries(bodies).map(([key, raw]) => {
      const body = ApiErrorBody.parse(raw);
      return [key, body.error.status ?? null, errorReason(body), kindOf(body.error.code, errorReason(body))];
    });
    expect(seen).toEqual([
      ['401_authError_legacy_2020-06-30', null, 'authError', 'auth'],
      ['401_required_UNAUTHENTICATED_2021-01-18', 'UNAUTHENTICATED', 'required', 'auth'],
      ['403_rateLimitExceeded_PERMISSION_DENIED_2021-01-30', 'PERMISSION_DENIED', 'rateLimitExceeded', 'rateLimited'],
      ['403_dailyLimitExceeded_legacy_2019-03-18', null, 'dailyLimitExceeded', 'rateLimited'],
      ['404_notFound_legacy_2020-09-21', null, 'notFound', 'notFound'],
    ]);
  });
});
