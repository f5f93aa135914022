// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../../fake-google/server.ts';
import { client, reason, single, startFake } from './helpers.ts';

let lenient: FakeGoogle;
let strict: FakeGoogle;

beforeAll(async () => {
  lenient = await startFake();
  strict = await startFake({ rejectOversizedProperties: true });
});
afterAll(async () => {
  await lenient?.close();
  await strict?.close();
});

const key44 = 'k'.repeat(44);
const key45 = 'k'.repeat(45);

describe('extended property limits (extended properties guide)', () => {
  it('drops keys over 44 characters and truncates values over 1024, silently', async () => {
    const reply = await client(lenient).insert(
      single({ extendedProperties: { private: { [key44]: 'kept', [key45]: 'dropped', long: 'v'.repeat(1500) } } }),
    );
    expect(reply.status).toBe(200);
    const stored = reply.body.extendedProperties?.private ?? {};
    expect(Object.keys(stored).sort()).toEqual([key44, 'long']);
    expect(stored.long).toBe('v'.repeat(1024));
  });

  it('refuses more than 300 properties on one event', async () => {
    const api = client(lenient);
    const shared = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, 'x']));
    const own = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, 'x']));
    const ok = await api.insert(single({ extendedProperties: { shared, private: own } }));
    expect(ok.status).toBe(200);
    const over = await api.patch(ok.body.id as string, { extendedProperties: { private: { one: 'more' } } });
    expect([over.status, reason(over)]).toEqual([400, 'invalid']);
    expect(over.body).toMatchObject({ error: { message: 'A provided value exceeds the allowed size limit.' } });
  });

  it('refuses more than 32 kB of properties on one event', async () => {
    const big = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    const reply = await client(lenient).insert(single({ extendedProperties: { shared: big } }));
    expect(reply.status).toBe(400);
    const fits = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    expect((await client(lenient).insert(single({ extendedProperties: { shared: fits } }))).status).toBe(200);
  });

  it('with rejectOversizedProperties, answers 400 instead of dropping or truncating', async () => {
    const api = client(strict);
    expect((await api.insert(single({ extendedProperties: { private: { [key45]: 'x' } } }))).status).toBe(400);
    expect((await api.insert(single({ extendedProperties: { shared: { k: 'v'.repeat(1025) } } }))).status).toBe(400);
    expect((await api.insert(single({ extendedProperties: { shared: { [key44]: 'v'.repeat(1024) } } }))).status).toBe(
      200,
    );
  });
});
