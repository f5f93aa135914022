import type { ActionItem } from '../model/outcome';
import { db } from './database';

/** Reading action items (writes: actions.ts). Types only from lib/model: no schema code loads with these. */

/** A relationship's open action items, oldest first. */
export async function openActionItems(relationshipId: string): Promise<ActionItem[]> {
  const open = await db.actionItems.where('[relationshipId+status]').equals([relationshipId, 'open']).toArray();
  return open.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Whether an item is still open and due on or before `day` (YYYY-MM-DD): due today or overdue. */
export function isDueBy(item: ActionItem, day: string): boolean {
  return item.status === 'open' && item.dueOn !== undefined && item.dueOn <= day;
}

export function byDueDate(a: ActionItem, b: ActionItem): number {
  return (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
}

/** Open action items due on or before `until` (YYYY-MM-DD), across relationships, soonest first. */
export function actionItemsDueBy(until: string): Promise<ActionItem[]> {
  return db.actionItems
    .where('dueOn')
    .belowOrEqual(until)
    .filter((item) => isDueBy(item, until))
    .sortBy('dueOn');
}
