import { describe, expect, it } from 'vitest';
import { type ShareDoc, sortItems } from '../../../lib/share/doc';
import {
  chunkKey,
  decodePayload,
  encodeJson,
  encodePayload,
  GOOGLE_LIMITS,
  isShareKey,
  payloadHashOf,
  SHARE_BUDGET,
  SHARE_KEY,
} from '../../../lib/share/payload';
import { action, agendaItem, ids, note, t, takeaway, withField } from './helpers';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** Every field, a per-field stamp, a tombstone, roles both ways, unset and set optional fields. */
function fullDoc(): ShareDoc {
  return {
    items: sortItems([
      withField(
        agendaItem(ids.a1, 'How do I prepare the promotion case?', t(1), 'mentee'),
        'discussed',
        true,
        t(9),
        'mentor',
      ),
      agendaItem(ids.a2, 'Feedback on the talk draft', t(2), 'mentor', {
        order: 2.5,
        goal: 'Speak at a conference',
        timebox: 15,
        carriedFrom: ids.a3,
      }),
      { kind: 'agenda', id: ids.a3, fields: {}, deleted: { at: t(5), by: 'mentee' } },
      takeaway(ids.k1, 'Write the case as outcomes, not tasks', t(3)),
      action(ids.c1, 'Draft the self-review', 'mentee', t(4), 'mentor', { due: '2026-12-01', status: 'done' }),
      note('Ünïcödé, 日本語 and 😀 survive the trip.\nSecond line.', t(6), 'mentee'),
    ]),
  };
}

describe('encodePayload / decodePayload', () => {
  it('round-trips every field, stamp, author and deletion', () => {
    const doc = fullDoc();
    const encoded = encodePayload(doc);
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    const decoded = decodePayload(encoded.properties);
    expect(decoded).toEqual({ kind: 'ok', doc, hash: encoded.hash });
    expect(payloadHashOf(encoded.properties)).toBe(encoded.hash);
  });

  it('is canonical: the same content in another order gives the same properties', () => {
    const doc = fullDoc();
    const shuffled = { items: [...doc.items].reverse() };
    expect(encodePayload(shuffled)).toEqual(encodePayload(doc));
  });

  it('is compact: one stamp per item unless a field differs; roles and times short', () => {
    const encoded = encodePayload(fullDoc());
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    const wire = JSON.parse(encoded.json);
    expect(wire.v).toBe(1);
    expect(wire.a[0]).toEqual({
      i: ids.a1,
      t: t(1) - wire.t0,
      b: 'e',
      f: { t: 'How do I prepare the promotion case?', a: 'e', d: true, o: 1, g: null, m: null, c: null },
      s: { d: [t(9) - wire.t0, 'r'] },
    });
    expect(wire.a[2]).toEqual({ i: ids.a3, x: [t(5) - wire.t0, 'e'] });
    expect(encoded.properties[SHARE_KEY]).toMatch(/^1\.1\.\d+\.[0-9a-z]+$/);
  });

  it('an empty document encodes and decodes', () => {
    const encoded = encodePayload({ items: [] });
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    expect(decodePayload(encoded.properties)).toMatchObject({ kind: 'ok', doc: { items: [] } });
  });

  it('names its keys so they can be told from everyone else’s', () => {
    expect([SHARE_KEY, chunkKey(0), chunkKey(22)].every(isShareKey)).toBe(true);
    expect(['tandemRelationship', 'tandemShareX', 'share0'].some(isShareKey)).toBe(false);
  });
});

describe('chunking within Google’s limits', () => {
  it('keys ≤ 44 characters, values ≤ 1024 bytes (so ≤ 1024 characters), cut between characters', () => {
    // 3- and 4-byte characters everywhere, so a careless cut would land inside one.
    const text = `${'日本😀é'.repeat(2000)}x`;
    const encoded = encodeJson(JSON.stringify({ text }));
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    for (const [key, value] of Object.entries(encoded.properties)) {
      expect(key.length).toBeLessThanOrEqual(GOOGLE_LIMITS.keyChars);
      expect(utf8(value)).toBeLessThanOrEqual(GOOGLE_LIMITS.valueChars);
      expect(value.length).toBeLessThanOrEqual(GOOGLE_LIMITS.valueChars);
      expect(value).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    const [, count] = (encoded.properties[SHARE_KEY] ?? '').split('.');
    const chunks = Array.from({ length: Number(count) }, (_, i) => encoded.properties[chunkKey(i)]);
    expect(JSON.parse(chunks.join(''))).toEqual({ text });
  });

  it('a full chunk is exactly 1024 bytes; 1025 bytes of JSON make two chunks', () => {
    const exact = encodeJson('x'.repeat(1024));
    const over = encodeJson('x'.repeat(1025));
    if (exact.kind !== 'ok' || over.kind !== 'ok') throw new Error('does not fit');
    expect(Object.keys(exact.properties)).toEqual([SHARE_KEY, chunkKey(0)]);
    expect(Object.keys(over.properties)).toEqual([SHARE_KEY, chunkKey(0), chunkKey(1)]);
    expect(over.properties[chunkKey(1)]).toBe('x');
  });

  it('fits at exactly the byte budget and not one byte over (keys and values, UTF-8)', () => {
    const json = 'é'.repeat(3000);
    const unlimited = encodeJson(json, { bytes: Number.POSITIVE_INFINITY, properties: 300 });
    if (unlimited.kind !== 'ok') throw new Error('does not fit');
    const total = Object.entries(unlimited.properties).reduce((sum, [k, v]) => sum + utf8(k) + utf8(v), 0);
    expect(unlimited.bytes).toBe(total);
    expect(encodeJson(json, { bytes: total, properties: 300 }).kind).toBe('ok');
    expect(encodeJson(json, { bytes: total - 1, properties: 300 })).toEqual({
      kind: 'too-big',
      bytes: total,
      limit: total - 1,
      properties: 7,
      maxProperties: 300,
    });
  });

  it('fits at exactly the property budget (header included) and not one over', () => {
    const json = 'x'.repeat(3 * 1024);
    expect(encodeJson(json, { bytes: 1e6, properties: 4 }).kind).toBe('ok');
    expect(encodeJson(json, { bytes: 1e6, properties: 3 })).toMatchObject({ kind: 'too-big', properties: 4 });
  });

  it('Tandem’s budget: 23 full chunks fit in 24 KiB, 24 do not; never near 300 properties or 32 KB', () => {
    const fits = encodeJson('x'.repeat(23 * 1024));
    expect(fits.kind).toBe('ok');
    expect(fits.bytes).toBeLessThanOrEqual(SHARE_BUDGET.bytes);
    expect(Object.keys(fits.kind === 'ok' ? fits.properties : {})).toHaveLength(24);
    expect(encodeJson('x'.repeat(24 * 1024))).toMatchObject({ kind: 'too-big', limit: SHARE_BUDGET.bytes });
    expect(SHARE_BUDGET.bytes).toBeLessThanOrEqual(GOOGLE_LIMITS.bytes - 8 * 1024);
    expect(SHARE_BUDGET.properties).toBeLessThanOrEqual(GOOGLE_LIMITS.properties - 268);
  });

  it('a session whose shared content does not fit says how big it is and the limit', () => {
    const doc: ShareDoc = { items: [note('n'.repeat(30_000), t(1))] };
    const encoded = encodePayload(doc);
    expect(encoded).toMatchObject({ kind: 'too-big', limit: SHARE_BUDGET.bytes });
    expect(encoded.bytes).toBeGreaterThan(30_000);
  });
});

describe('a partial or garbled payload is ignored whole', () => {
  const big = (): Record<string, string> => {
    const encoded = encodePayload({ items: [note('a long shared note. '.repeat(200), t(1))] });
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    expect(Object.keys(encoded.properties).length).toBeGreaterThan(3);
    return encoded.properties;
  };

  it('no header: nothing to read', () => {
    expect(decodePayload(undefined)).toEqual({ kind: 'none' });
    expect(decodePayload({ tandemShare0: '{}', other: 'x' })).toEqual({ kind: 'none' });
  });

  it('a missing chunk', () => {
    const { [chunkKey(1)]: _, ...partial } = big();
    expect(decodePayload(partial)).toEqual({ kind: 'invalid', reason: expect.stringContaining('chunk 1') });
  });

  it('a truncated chunk (as Google truncates an oversized value)', () => {
    const properties = big();
    properties[chunkKey(0)] = (properties[chunkKey(0)] ?? '').slice(0, 1000);
    expect(decodePayload(properties)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('characters') });
  });

  it('a changed character (same length): the hash says so', () => {
    const properties = big();
    properties[chunkKey(1)] = `Z${(properties[chunkKey(1)] ?? '').slice(1)}`;
    expect(decodePayload(properties)).toEqual({ kind: 'invalid', reason: 'hash mismatch' });
  });

  it('chunks of two versions mixed (another writer’s chunk in between)', () => {
    const first = big();
    const encoded = encodePayload({ items: [note('another shared note! '.repeat(200), t(2))] });
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    expect(decodePayload({ ...first, [chunkKey(1)]: encoded.properties[chunkKey(1)] ?? '' }).kind).toBe('invalid');
  });

  it('an unreadable header, and a format from a later Tandem', () => {
    expect(decodePayload({ ...big(), [SHARE_KEY]: 'garbage' })).toEqual({
      kind: 'invalid',
      reason: 'unreadable header',
    });
    const later = big();
    later[SHARE_KEY] = (later[SHARE_KEY] ?? '').replace(/^1\./, '2.');
    expect(decodePayload(later)).toEqual({ kind: 'unsupported', format: 2 });
  });

  it('not JSON, or JSON that is no valid payload (an empty text, a role that is none)', () => {
    expect(decodePayload(encodeOk('{"v":1,'))).toEqual({ kind: 'invalid', reason: 'not JSON' });
    const emptyText = JSON.stringify({ v: 1, t0: 0, a: [{ i: ids.a1, t: 0, b: 'r', f: { t: '  ' } }] });
    expect(decodePayload(encodeOk(emptyText))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('a.0.f.t'),
    });
    const badRole = JSON.stringify({ v: 1, t0: 0, c: [{ i: ids.c1, t: 0, b: 'x', f: { t: 'Do it' } }] });
    expect(decodePayload(encodeOk(badRole)).kind).toBe('invalid');
    const noStamp = JSON.stringify({ v: 1, t0: 0, k: [{ i: ids.k1, f: { t: 'Takeaway' } }] });
    expect(decodePayload(encodeOk(noStamp)).kind).toBe('invalid');
  });

  it('stale chunk keys past the header’s count (left by a longer payload) are ignored', () => {
    const encoded = encodePayload({ items: [note('short', t(1))] });
    if (encoded.kind !== 'ok') throw new Error('does not fit');
    const withStale = { ...big(), ...encoded.properties, [chunkKey(5)]: '' };
    expect(decodePayload(withStale)).toMatchObject({ kind: 'ok', doc: { items: [note('short', t(1))] } });
  });
});

function encodeOk(json: string): Record<string, string> {
  const encoded = encodeJson(json);
  if (encoded.kind !== 'ok') throw new Error('does not fit');
  return encoded.properties;
}
