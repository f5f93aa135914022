import { type AgendaItem, AgendaItem as AgendaItemSchema, type AgendaTemplateId } from '../model/agenda';
import { newId, now, type Side } from '../model/common';
import { db } from './database';
import { agendaFor, agendaStore } from './session-lists';

export { agendaFor } from './session-lists';

export interface NewAgendaItem {
  text: string;
  addedBy: Side;
  goalId?: string;
  timeboxMinutes?: number;
}

/** Appends an item to a session's agenda. Validates first; an invalid item throws and writes nothing. */
export function addAgendaItem(sessionId: string, input: NewAgendaItem): Promise<AgendaItem> {
  return db.transaction('rw', db.agendas, async () => {
    const last = (await agendaFor(sessionId)).at(-1);
    const stamp = now();
    const item = AgendaItemSchema.parse({
      id: newId(),
      sessionId,
      ...input,
      text: input.text.trim(),
      order: (last?.order ?? 0) + 1,
      discussed: false,
      origin: { kind: 'added' },
      createdAt: stamp,
      updatedAt: stamp,
    });
    await agendaStore.add([item]);
    return item;
  });
}

/** Changes an item's text, goal, time box or discussed flag; validates the result before writing. */
export function updateAgendaItem(
  id: string,
  changes: Partial<Pick<AgendaItem, 'text' | 'goalId' | 'timeboxMinutes' | 'discussed'>>,
): Promise<AgendaItem> {
  return db.transaction('rw', db.agendas, async () => {
    const current = await agendaStore.get(id);
    if (!current) throw new Error(`no agenda item ${id}`);
    const next = AgendaItemSchema.parse({ ...current, ...changes, updatedAt: now() });
    await agendaStore.put([next]);
    return next;
  });
}

export function removeAgendaItem(id: string): Promise<void> {
  return agendaStore.delete([id]);
}

/**
 * Puts a removed item back as it was ("Undo"), at its old place in the order. Its session must
 * still exist; a session removed meanwhile makes this throw and write nothing.
 */
export function restoreAgendaItem(item: AgendaItem): Promise<void> {
  return db.transaction('rw', db.agendas, db.sessions, async () => {
    if (!(await db.sessions.get(item.sessionId))) throw new Error('its session no longer exists');
    await agendaStore.put([AgendaItemSchema.parse(item)]);
  });
}

/**
 * Moves an item to `index` within its session's agenda (keyboard "move up/down" and drag and drop
 * both end here). Only the moved item changes: it takes an order between its new neighbours.
 */
export function moveAgendaItem(id: string, index: number): Promise<void> {
  return db.transaction('rw', db.agendas, async () => {
    const item = await agendaStore.get(id);
    if (!item) throw new Error(`no agenda item ${id}`);
    const others = (await agendaFor(item.sessionId)).filter((other) => other.id !== id);
    const at = Math.max(0, Math.min(index, others.length));
    const before = others[at - 1]?.order;
    const after = others[at]?.order;
    const order =
      before === undefined
        ? after === undefined
          ? 1
          : after - 1
        : after === undefined
          ? before + 1
          : (before + after) / 2;
    const stamp = now();
    if (order !== before && order !== after) {
      await agendaStore.put([{ ...item, order, updatedAt: stamp }]);
      return;
    }
    // Halving the gap ran out of floating-point precision after many moves: number them afresh.
    others.splice(at, 0, item);
    await agendaStore.put(others.map((other, i) => ({ ...other, order: i + 1, updatedAt: stamp })));
  });
}

/** The questions each template suggests (first session, regular check-in, goal review, retrospective). */
export const AGENDA_TEMPLATES: Record<AgendaTemplateId, readonly string[]> = {
  'first-session': [
    'What does each of us expect from this mentorship?',
    'Which goals do we want to work on first?',
    'How often do we meet, for how long, and how do we stay in touch in between?',
    'Boundaries: what is in scope, what is not, and how fast do we reply?',
  ],
  'check-in': [
    'What happened since last time? Wins to celebrate',
    'Review the open action items',
    'What is the most useful thing to talk about today?',
    'Action items and next steps',
  ],
  'goal-review': [
    'Are the goals still the right ones?',
    'Progress on each milestone',
    'What is blocking progress?',
    'Adjust targets, dates or milestones',
  ],
  retrospective: [
    'What is working well in our sessions?',
    'What should we change?',
    'Is our agreement (cadence, channels, boundaries) still right?',
    'Feedback for each other',
  ],
};

/**
 * Adds a template's items that the agenda does not already have (same text, ignoring case and
 * spacing), so applying a template twice, or after typing one of its questions, never duplicates.
 */
export function applyTemplate(sessionId: string, template: AgendaTemplateId, addedBy: Side): Promise<AgendaItem[]> {
  return db.transaction('rw', db.agendas, async () => {
    const existing = await agendaFor(sessionId);
    const have = new Set(existing.map((item) => normalize(item.text)));
    let order = existing.at(-1)?.order ?? 0;
    const stamp = now();
    const added = AGENDA_TEMPLATES[template]
      .filter((text) => !have.has(normalize(text)))
      .map((text) =>
        AgendaItemSchema.parse({
          id: newId(),
          sessionId,
          text,
          addedBy,
          order: ++order,
          discussed: false,
          origin: { kind: 'template', template },
          createdAt: stamp,
          updatedAt: stamp,
        }),
      );
    await agendaStore.add(added);
    return added;
  });
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
