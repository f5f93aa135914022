import { describe, expect, it } from 'vitest';
import { decodeEid, encodeEid, splitInstanceId } from '../../../../lib/hosts/calendar/eid';

// Real eids from the saved pages in tests/fixtures/google (scrubbed captures, see SOURCES.md).
describe('decodeEid', () => {
  it.each([
    {
      name: 'event bubble (full calendar address, unpadded)',
      eid: 'MWRxNjB2NnV0cG0wazNvNWwwNzlycGd1NGEgbW9yZ2FuLm1lbnRvckBleGFtcGxlLmNvbQ',
      ref: {
        calendarId: 'morgan.mentor@example.com',
        eventId: '1dq60v6utpm0k3o5l079rpgu4a',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'same eid with padding',
      eid: 'MWRxNjB2NnV0cG0wazNvNWwwNzlycGd1NGEgbW9yZ2FuLm1lbnRvckBleGFtcGxlLmNvbQ==',
      ref: {
        calendarId: 'morgan.mentor@example.com',
        eventId: '1dq60v6utpm0k3o5l079rpgu4a',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'recurring instance on a gmail calendar (@m)',
      eid: 'cDFjdmNrazVnYXY2ZmcyNm1maTM2b3N2YXNfMjAyNTEyMDJUMTcwMDAwWiBhbGV4Lm1lbnRlZUBt',
      ref: {
        calendarId: 'alex.mentee@gmail.com',
        eventId: 'p1cvckk5gav6fg26mfi36osvas_20251202T170000Z',
        seriesId: 'p1cvckk5gav6fg26mfi36osvas',
        originalStart: '2025-12-02T17:00:00.000Z',
      },
    },
    {
      name: 'holiday calendar (@v) whose id starts with a date',
      eid: 'MjAyNTEyMjRfdm05ZzFubzJsdWtkNjBia2ZkOGhuMXA4ZG8gZW4uY3plY2gjaG9saWRheUB2',
      ref: {
        calendarId: 'en.czech#holiday@group.v.calendar.google.com',
        eventId: '20251224_vm9g1no2lukd60bkfd8hn1p8do',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'group calendar (@g)',
      eid: 'MTU0YmJhZm43M3VwY3JsNmJtNWZsc2s2MHAgZWRiMmQ4MzBmMzRkZDZlYTk5YTM4NjEyNGI3YjdlZjUyNmQ3ZmE1NzJjMGI3ODNkYzE1ZjgxNmZkYmRhZmYyMEBn',
      ref: {
        calendarId: 'edb2d830f34dd6ea99a386124b7b7ef526d7fa572c0b783dc15f816fdbdaff20@group.calendar.google.com',
        eventId: '154bbafn73upcrl6bm5flsk60p',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'all-day occurrence, odd address with "+" (standard-alphabet base64 also accepted)',
      eid: 'aG9saWRheV8yMDI2MTEyNiBqby5vK21lbnRvcmluZ0Bt',
      ref: {
        calendarId: 'jo.o+mentoring@gmail.com',
        eventId: 'holiday_20261126',
        seriesId: 'holiday',
        originalStart: '2026-11-26',
      },
    },
    {
      name: 'URL-alphabet characters ("_") and a non-ASCII address',
      eid: 'N2txM3YwdDllNWIxbTIgdGVhbS4_Pz9AZw',
      ref: {
        calendarId: 'team.???@group.calendar.google.com',
        eventId: '7kq3v0t9e5b1m2',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'standard alphabet ("/") for the same bytes',
      eid: 'N2txM3YwdDllNWIxbTIgdGVhbS4/Pz9AZw==',
      ref: {
        calendarId: 'team.???@group.calendar.google.com',
        eventId: '7kq3v0t9e5b1m2',
        seriesId: null,
        originalStart: null,
      },
    },
    {
      name: 'UTF-8 calendar address',
      eid: 'cTEgZnLDqWTDqXJpYy5tw7xsbGVyQGV4YW1wbGUub3Jn',
      ref: { calendarId: 'frédéric.müller@example.org', eventId: 'q1', seriesId: null, originalStart: null },
    },
    {
      name: '"this and following" master with an occurrence of it',
      eid: encodeEid({ calendarId: 'a@gmail.com', eventId: 'abc123_R20261124T150000_20261201T150000Z' }),
      ref: {
        calendarId: 'a@gmail.com',
        eventId: 'abc123_R20261124T150000_20261201T150000Z',
        seriesId: 'abc123_R20261124T150000',
        originalStart: '2026-12-01T15:00:00.000Z',
      },
    },
  ])('$name', ({ eid, ref }) => {
    expect(decodeEid(eid)).toEqual({ ok: true, ref });
  });

  it.each([
    ['', 'empty eid'],
    ['   ', 'empty eid'],
    ['tasks_-u3d_ARKBCTxCi5g', 'not an event (tasks_…)'],
    ['tasks_rollover_view', 'not an event (tasks_…)'],
    ['ttb_M3JwNXNoNzVlMmdkcDhpcXBuaWpudTM1ZWEgYWRhbQ', 'not an event (ttb_…)'],
    ['!!not-base64!!', 'not base64'],
    ['abc=def', 'not base64'],
    ['YWJj', 'not "<eventId> <calendarId>"'], // "abc"
    ['YWJjQG0', 'not "<eventId> <calendarId>"'], // "abc@m"
    ['YSBiIGNAbQ', 'not "<eventId> <calendarId>"'], // "a b c@m"
    ['YWJjIGRlZg', 'malformed calendar id'], // "abc def"
    ['P2EgYkBt', 'malformed event id'], // "?a b@m"
    ['gICA', 'not base64 of UTF-8 text'], // 0x80 0x80 0x80
    ['YWJjQ', 'not base64 of UTF-8 text'], // impossible length
  ])('rejects %j: %s', (eid, reason) => {
    expect(decodeEid(eid)).toEqual({ ok: false, reason });
  });
});

describe('encodeEid', () => {
  it('produces what Google puts on the page: unpadded base64url with shortened calendar', () => {
    expect(
      encodeEid({ calendarId: 'alex.mentee@gmail.com', eventId: 'p1cvckk5gav6fg26mfi36osvas_20251202T170000Z' }),
    ).toBe('cDFjdmNrazVnYXY2ZmcyNm1maTM2b3N2YXNfMjAyNTEyMDJUMTcwMDAwWiBhbGV4Lm1lbnRlZUBt');
    expect(encodeEid({ calendarId: 'team.???@group.calendar.google.com', eventId: '7kq3v0t9e5b1m2' })).toBe(
      'N2txM3YwdDllNWIxbTIgdGVhbS4_Pz9AZw',
    );
  });

  it.each([
    'morgan.mentor@example.com',
    'alex.mentee@gmail.com',
    'en.usa#holiday@group.v.calendar.google.com',
    'c_1234@group.calendar.google.com',
    'frédéric.müller@example.org',
  ])('round-trips %s', (calendarId) => {
    const eventId = 'series1_20261124T150000Z';
    const decoded = decodeEid(encodeEid({ calendarId, eventId }));
    expect(decoded).toMatchObject({ ok: true, ref: { calendarId, eventId, seriesId: 'series1' } });
  });
});

describe('splitInstanceId', () => {
  it.each([
    ['plain', { seriesId: null, originalStart: null }],
    ['s_20261124T150000Z', { seriesId: 's', originalStart: '2026-11-24T15:00:00.000Z' }],
    ['s_20261124', { seriesId: 's', originalStart: '2026-11-24' }],
    ['20251224_vm9g1no2lukd60bkfd8hn1p8do', { seriesId: null, originalStart: null }],
    ['s_20261124T1500Z', { seriesId: null, originalStart: null }],
    ['s_20261399', { seriesId: null, originalStart: null }],
    ['s_20260230', { seriesId: null, originalStart: null }],
    ['s_20261124T250000Z', { seriesId: null, originalStart: null }],
    ['s_20240229', { seriesId: 's', originalStart: '2024-02-29' }],
    ['_20261124', { seriesId: null, originalStart: null }],
  ])('%s', (id, expected) => {
    expect(splitInstanceId(id)).toEqual(expected);
  });
});
