import type { Relationship } from '../model/relationship';
import { db } from './database';

/** Relationships that are not ended, in the order they started. */
export async function currentRelationships(): Promise<Relationship[]> {
  const all = await db.relationships.where('status').anyOf('active', 'paused').toArray();
  return all.sort((a, b) => a.startedOn.localeCompare(b.startedOn));
}
