import { newId, now, type Role } from '../model/common';
import { type ActionItem, ActionItem as ActionItemSchema, type ActionStatus } from '../model/outcome';
import { db } from './database';

// The reads live in action-queries.ts, which loads without zod (the popup's first paint needs no schema).
export { actionItemsDueBy, byDueDate, isDueBy, openActionItems } from './action-queries';

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
