import { newId, now, type Role } from '../model/common';
import { type ActionItem, ActionItem as ActionItemSchema, type ActionStatus } from '../model/outcome';
import { db } from './database';

/** A relationship's open action items, oldest first. */
export async function openActionItems(relationshipId: string): Promise<ActionItem[]> {
  const open = await db.actionItems.where('[relationshipId+status]').equals([relationshipId, 'open']).toArray();
  return open.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export interface NewActionItem {
  text: string;
  owner: Role;
  dueOn?: string;
  goalId?: string;
}

/** Records an action item agreed in a session; it is reviewed in that session until carried on. */
export async function addActionItem(
  relationshipId: string,
  sessionId: string | undefined,
  input: NewActionItem,
): Promise<ActionItem> {
  const stamp = now();
  const item = ActionItemSchema.parse({
    id: newId(),
    relationshipId,
    ...input,
    text: input.text.trim(),
    status: 'open',
    ...(sessionId ? { createdInSessionId: sessionId, reviewSessionId: sessionId } : {}),
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db.actionItems.add(item);
  return item;
}

/** Marks an item done, dropped or open again, remembering in which session it was closed. */
export function setActionStatus(id: string, status: ActionStatus, inSessionId?: string): Promise<void> {
  return db.transaction('rw', db.actionItems, async () => {
    const current = await db.actionItems.get(id);
    if (!current) throw new Error(`no action item ${id}`);
    const { closedInSessionId: _, ...rest } = current;
    await db.actionItems.put(
      ActionItemSchema.parse({
        ...rest,
        status,
        ...(status !== 'open' && inSessionId ? { closedInSessionId: inSessionId } : {}),
        updatedAt: now(),
      }),
    );
  });
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
