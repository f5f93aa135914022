/**
 * The shared payload: one session's shared content as compact, versioned JSON, written in chunks to
 * the event's `extendedProperties.shared` (issue 8).
 *
 * Google's limits per event (extended properties guide): keys ≤ 44 characters (longer ones are
 * dropped), values ≤ 1024 characters (longer ones are truncated, silently), ≤ 300 properties and
 * ≤ 32 KB of them in total (keys and values, the shared ones and the reader's private ones). Tandem
 * takes at most `SHARE_BUDGET`: 24 KiB in at most 32 properties, leaving at least 8 KiB and 268
 * properties to Google's own private properties, our private tags (about 70 bytes) and other apps.
 *
 * Layout: `tandemShare` = `<format>.<chunks>.<length>.<hash>`, then `tandemShare0` … `tandemShare<n-1>`
 * hold the JSON, cut at character boundaries so that no value exceeds 1024 bytes in UTF-8 (so it
 * is within 1024 characters however Google counts them). The header's length (UTF-16 code units)
 * and hash (53-bit, of the whole JSON) make a partial, truncated or garbled set detectable: it is
 * ignored as a whole, never half applied. A chunk key past the header's count is stale (left by
 * a longer payload before) and ignored.
 *
 * The JSON (`WirePayload` in lib/model/share.ts): short keys, roles as `r`/`e`, times as
 * milliseconds after the payload's `t0`, and each item's most common stamp written once. Encoding
 * is canonical (items by kind and id, fields in a fixed order), so the same content always gives
 * the same properties and hash.
 */
import type { Role } from '../model/common';
import type { FieldClock, SharedKind } from '../model/share';
import { WirePayload } from '../model/share';
import { FIELDS, NOTE_ID, type ShareDoc, type SharedItem, sortItems } from './doc';

export const SHARE_KEY = 'tandemShare';
export const PAYLOAD_FORMAT = 1;

/** Google's limits on an event's extended properties. */
export const GOOGLE_LIMITS = { keyChars: 44, valueChars: 1024, properties: 300, bytes: 32 * 1024 } as const;

/** What Tandem's shared payload may take of them. */
export const SHARE_BUDGET = { bytes: 24 * 1024, properties: 32 } as const;

export function chunkKey(index: number): string {
  return `${SHARE_KEY}${index}`;
}

/** Whether a shared property key is one of the payload's (header or chunk). */
export function isShareKey(key: string): boolean {
  return key === SHARE_KEY || /^tandemShare\d+$/.test(key);
}

export type Encoded =
  | {
      kind: 'ok';
      /** Exactly what is written to `extendedProperties.shared`. */
      properties: Record<string, string>;
      json: string;
      hash: string;
      /** Keys and values, UTF-8. */
      bytes: number;
    }
  | {
      kind: 'too-big';
      /** What the payload would take, keys and values, UTF-8. */
      bytes: number;
      limit: number;
      properties: number;
      maxProperties: number;
    };

export type Decoded =
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string }
  /** A payload from a later Tandem whose format this one does not read. */
  | { kind: 'unsupported'; format: number }
  | { kind: 'ok'; doc: ShareDoc; hash: string };

// ---------------------------------------------------------------- encode

/** The properties for a document, or how much too big it is. */
export function encodePayload(doc: ShareDoc, budget: { bytes: number; properties: number } = SHARE_BUDGET): Encoded {
  return encodeJson(JSON.stringify(toWire(doc)), budget);
}

/** Chunks a JSON text into properties under the header (exported for the limit tests). */
export function encodeJson(json: string, budget: { bytes: number; properties: number } = SHARE_BUDGET): Encoded {
  const chunks = splitUtf8(json, GOOGLE_LIMITS.valueChars);
  const hash = hashText(json);
  const properties: Record<string, string> = {
    [SHARE_KEY]: `${PAYLOAD_FORMAT}.${chunks.length}.${json.length}.${hash}`,
  };
  chunks.forEach((chunk, index) => {
    properties[chunkKey(index)] = chunk;
  });
  const bytes = propertyBytes(properties);
  const count = chunks.length + 1;
  if (bytes > budget.bytes || count > budget.properties) {
    return { kind: 'too-big', bytes, limit: budget.bytes, properties: count, maxProperties: budget.properties };
  }
  return { kind: 'ok', properties, json, hash, bytes };
}

/** Keys and values in UTF-8 bytes, as Google counts an event's 32 KB. */
export function propertyBytes(properties: Readonly<Record<string, string>>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(properties)) bytes += utf8Length(key) + utf8Length(value);
  return bytes;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index) ?? 0;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) {
      pieces.push(text.slice(start, index));
      start = index;
      bytes = 0;
    }
    bytes += size;
    index += units;
  }
  if (index > start) pieces.push(text.slice(start));
  return pieces;
}

/** cyrb53 (public domain): a fast 53-bit string hash, in base 36. Detects garbling, not tampering. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const ROLE_CODE: Record<Role, 'r' | 'e'> = { mentor: 'r', mentee: 'e' };
const ROLE_OF: Record<'r' | 'e', Role> = { r: 'mentor', e: 'mentee' };

/** Short field names on the wire. */
const CODES: { [K in SharedKind]: Record<(typeof FIELDS)[K][number], string> } = {
  agenda: { text: 't', author: 'a', discussed: 'd', order: 'o', goal: 'g', timebox: 'm', carriedFrom: 'c' },
  takeaway: { text: 't', author: 'a' },
  action: { text: 't', owner: 'w', due: 'u', status: 's' },
  note: { text: 't' },
};
/** Fields whose value is a role. */
const ROLE_FIELDS: ReadonlySet<string> = new Set(['author', 'owner']);

const LIST_KEY = { agenda: 'a', takeaway: 'k', action: 'c' } as const;

type WireEntry = {
  i: string;
  t?: number;
  b?: 'r' | 'e';
  f?: Record<string, unknown>;
  s?: Record<string, [number, 'r' | 'e']>;
  x?: [number, 'r' | 'e'];
};

function toWire(doc: ShareDoc): Record<string, unknown> {
  const items = sortItems(doc.items);
  const stamps = items.flatMap((item) => [
    ...Object.values(item.fields).map((field) => field.at),
    ...(item.deleted ? [item.deleted.at] : []),
  ]);
  const t0 = stamps.length > 0 ? Math.min(...stamps) : 0;
  const wire: Record<string, unknown> = { v: PAYLOAD_FORMAT, t0 };
  for (const kind of ['agenda', 'takeaway', 'action'] as const) {
    const entries = items.filter((item) => item.kind === kind).map((item) => entryToWire(item, t0));
    if (entries.length > 0) wire[LIST_KEY[kind]] = entries;
  }
  const note = items.find((item) => item.kind === 'note');
  if (note) wire.n = entryToWire(note, t0);
  return wire;
}

function entryToWire(item: SharedItem, t0: number): WireEntry {
  const entry: WireEntry = { i: item.kind === 'note' ? NOTE_ID : item.id };
  const names = FIELDS[item.kind].filter((name) => item.fields[name] !== undefined);
  const codes = CODES[item.kind] as Record<string, string>;
  if (names.length > 0) {
    const common = commonStamp(names.map((name) => item.fields[name] as FieldClock));
    entry.t = common.at - t0;
    entry.b = ROLE_CODE[common.by];
    const fields: Record<string, unknown> = {};
    const own: Record<string, [number, 'r' | 'e']> = {};
    for (const name of names) {
      const field = item.fields[name] as FieldClock;
      const code = codes[name] as string;
      fields[code] = ROLE_FIELDS.has(name) && typeof field.v === 'string' ? ROLE_CODE[field.v as Role] : field.v;
      if (field.at !== common.at || field.by !== common.by) own[code] = [field.at - t0, ROLE_CODE[field.by]];
    }
    entry.f = fields;
    if (Object.keys(own).length > 0) entry.s = own;
  }
  if (item.deleted) entry.x = [item.deleted.at - t0, ROLE_CODE[item.deleted.by]];
  return entry;
}

/** The stamp most fields share; on a tie, the latest. */
function commonStamp(fields: readonly FieldClock[]): { at: number; by: Role } {
  const counts = new Map<string, { at: number; by: Role; n: number }>();
  for (const { at, by } of fields) {
    const key = `${at}/${by}`;
    const seen = counts.get(key);
    counts.set(key, { at, by, n: (seen?.n ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || b.at - a.at || (a.by === 'mentor' ? -1 : 1))[0] as {
    at: number;
    by: Role;
  };
}

// ---------------------------------------------------------------- decode

const HEADER = /^(\d{1,6})\.(\d{1,3})\.(\d{1,6})\.([0-9a-z]{1,12})$/;

/**
 * The document in an event's shared properties: `none` without a header, `invalid` (with the
 * reason, never a partial document) when anything is missing, truncated, garbled or not valid.
 */
export function decodePayload(shared: Readonly<Record<string, string>> | undefined): Decoded {
  const header = shared?.[SHARE_KEY];
  if (header === undefined || !shared) return { kind: 'none' };
  const match = HEADER.exec(header);
  if (!match) return { kind: 'invalid', reason: 'unreadable header' };
  const format = Number(match[1]);
  const count = Number(match[2]);
  const length = Number(match[3]);
  const hash = match[4] as string;
  if (format !== PAYLOAD_FORMAT) return { kind: 'unsupported', format };
  if (count > GOOGLE_LIMITS.properties) return { kind: 'invalid', reason: 'too many chunks' };
  let json = '';
  for (let index = 0; index < count; index++) {
    const chunk = shared[chunkKey(index)];
    if (chunk === undefined) return { kind: 'invalid', reason: `chunk ${index} of ${count} is missing` };
    json += chunk;
  }
  if (json.length !== length) return { kind: 'invalid', reason: `${json.length} characters instead of ${length}` };
  if (hashText(json) !== hash) return { kind: 'invalid', reason: 'hash mismatch' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  const parsed = WirePayload.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', reason: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid' };
  }
  return { kind: 'ok', doc: fromWire(parsed.data), hash };
}

/** The header's hash, without decoding: whether an event carries a given payload. */
export function payloadHashOf(shared: Readonly<Record<string, string>> | undefined): string | undefined {
  const header = shared?.[SHARE_KEY];
  return header === undefined ? undefined : HEADER.exec(header)?.[4];
}

function fromWire(wire: WirePayload): ShareDoc {
  const items: SharedItem[] = [
    ...wire.a.map((entry) => entryFromWire('agenda', entry, wire.t0)),
    ...wire.k.map((entry) => entryFromWire('takeaway', entry, wire.t0)),
    ...wire.c.map((entry) => entryFromWire('action', entry, wire.t0)),
    ...(wire.n ? [entryFromWire('note', wire.n, wire.t0)] : []),
  ];
  // The same id twice in one list (no valid payload has it): the first one counts.
  const byKey = new Map<string, SharedItem>();
  for (const item of items) if (!byKey.has(`${item.kind}:${item.id}`)) byKey.set(`${item.kind}:${item.id}`, item);
  return { items: sortItems([...byKey.values()]) };
}

function entryFromWire(kind: SharedKind, entry: WireEntry, t0: number): SharedItem {
  const item: SharedItem = { kind, id: entry.i, fields: {} };
  const codes = CODES[kind] as Record<string, string>;
  const values = (entry.f ?? {}) as Record<string, unknown>;
  for (const name of FIELDS[kind]) {
    const code = codes[name] as string;
    const value = values[code];
    if (value === undefined) continue;
    const own = entry.s?.[code];
    const at = t0 + (own ? own[0] : (entry.t ?? 0));
    const by = ROLE_OF[own ? own[1] : (entry.b ?? 'r')];
    const v = ROLE_FIELDS.has(name) ? ROLE_OF[value as 'r' | 'e'] : (value as FieldClock['v']);
    item.fields[name] = { v, at, by };
  }
  if (entry.x) item.deleted = { at: t0 + entry.x[0], by: ROLE_OF[entry.x[1]] };
  return item;
}
