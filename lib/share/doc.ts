/**
 * A session's shared content as a document of items with per-field clocks: what the payload carries
 * (lib/share/payload.ts), what merging compares (lib/share/merge.ts), what the readable block lists
 * (lib/share/description.ts).
 *
 * Each field is a last-writer-wins register: `{v, at, by}`; the later `at` wins, a tie goes to the
 * mentor's write, then to the larger value, so every device picks the same winner whatever order
 * it sees the writes in. An item is deleted when its deletion is later than every field write;
 * an edit made after a deletion it had not seen brings the item back.
 */
import type { Role } from '../model/common';
import type { Deletion, FieldClock, SharedKind } from '../model/share';

/** The shared fields of each kind, in the order they are written. */
export const FIELDS = {
  agenda: ['text', 'author', 'discussed', 'order', 'goal', 'timebox', 'carriedFrom'],
  takeaway: ['text', 'author'],
  action: ['text', 'owner', 'due', 'status'],
  note: ['text'],
} as const satisfies Record<SharedKind, readonly string[]>;

export type FieldName<K extends SharedKind> = (typeof FIELDS)[K][number];

/** Fields set once, when the item is made: later writes never change them. */
export const IMMUTABLE: ReadonlySet<string> = new Set(['author', 'carriedFrom']);

/** The shared note of a session travels under this id (each session has one shared note). */
export const NOTE_ID = 'note';

export interface SharedItem {
  kind: SharedKind;
  /** The record's id; `note` for the session's shared note. */
  id: string;
  fields: Record<string, FieldClock>;
  deleted?: Deletion;
}

/** One session's shared items, in a canonical order (kind, then id). */
export interface ShareDoc {
  items: SharedItem[];
}

const KIND_ORDER: readonly SharedKind[] = ['agenda', 'takeaway', 'action', 'note'];

export function sortItems(items: readonly SharedItem[]): SharedItem[] {
  return [...items].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Whether write `a` beats write `b` of the same field (deterministic on every device). */
export function beats(a: FieldClock, b: FieldClock): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.by !== b.by) return a.by === 'mentor';
  return compareValues(a.v, b.v) > 0;
}

/** The later of two deletions (same tie rules as fields). */
export function laterDeletion(a: Deletion | undefined, b: Deletion | undefined): Deletion | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return a.by === 'mentor' ? a : b;
}

function compareValues(a: FieldClock['v'], b: FieldClock['v']): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sameClock(a: FieldClock | undefined, b: FieldClock | undefined): boolean {
  if (!a || !b) return a === b;
  return a.at === b.at && a.by === b.by && JSON.stringify(a.v) === JSON.stringify(b.v);
}

export function sameDeletion(a: Deletion | undefined, b: Deletion | undefined): boolean {
  if (!a || !b) return a === b;
  return a.at === b.at && a.by === b.by;
}

/** The latest write to any field of the item. */
export function lastWrite(item: Pick<SharedItem, 'fields'>): number {
  return Math.max(0, ...Object.values(item.fields).map((field) => field.at));
}

/** Deleted, and not edited since by anyone who had not seen the deletion. */
export function isDeleted(item: Pick<SharedItem, 'fields' | 'deleted'>): boolean {
  return item.deleted !== undefined && item.deleted.at >= lastWrite(item);
}

/** The value of a field, `undefined` when it was never written. */
export function fieldValue(item: Pick<SharedItem, 'fields'>, field: string): FieldClock['v'] | undefined {
  return item.fields[field]?.v;
}

export function otherRole(role: Role): Role {
  return role === 'mentor' ? 'mentee' : 'mentor';
}
