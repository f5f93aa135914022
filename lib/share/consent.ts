/**
 * Consent to share: the first time a user shares a relationship's session, the panel says exactly
 * what will be written to the event and who can see it (`shareDisclosure`), and stores the
 * relationship's `shareConsent` when the user agrees. Publishing refuses until then
 * (lib/share/publish.ts). Consent is per relationship: later sessions of it are shared without
 * asking again, until it is withdrawn.
 */

import { BLOCK_END, BLOCK_START } from '../calendar/series';
import { db } from '../db/database';
import { now } from '../model/common';
import { Relationship } from '../model/relationship';
import { type Encoded, SHARE_KEY } from './payload';
import { previewShare } from './publish';
import { isShareOp, writeShareState } from './state';

export interface ShareDisclosure {
  /** Who can read what is written. */
  audience: string;
  /** The description block, exactly as it will be written. */
  descriptionBlock: string;
  /** The hidden data, exactly as it will be written (`extendedProperties.shared`), or how big it is. */
  payload: Encoded;
  /** The whole explanation for the dialog, in plain text. */
  text: string;
}

/**
 * What sharing this session writes, and who can see it. `null` for a session that is no calendar
 * occurrence of a relationship (it cannot be shared).
 */
export async function shareDisclosure(sessionId: string, at: Date = new Date()): Promise<ShareDisclosure | null> {
  const session = await db.sessions.get(sessionId);
  const relationship = session?.relationshipId ? await db.relationships.get(session.relationshipId) : undefined;
  const preview = await previewShare(sessionId, at);
  if (!session || !relationship || !preview) return null;
  const other = relationship.other.email
    ? `${relationship.other.name} (${relationship.other.email})`
    : relationship.other.name;
  const audience = `Everyone invited to this calendar event — ${other} and any other guest — and anyone the event is shared with later.`;
  const size =
    preview.encoded.kind === 'ok'
      ? `${Object.keys(preview.encoded.properties).length} properties, ${preview.encoded.bytes} bytes`
      : `${preview.encoded.bytes} bytes: too big for the event (at most ${preview.encoded.limit}), so nothing would be written`;
  const text = [
    "Share this session's agenda on the calendar event?",
    '',
    `Who can see it: ${audience}`,
    '',
    'What Tandem writes to the event:',
    `1. In its description, between "${BLOCK_START}" and "${BLOCK_END}" (what you wrote there yourself stays):`,
    '',
    preview.descriptionBlock,
    '',
    `2. Hidden event data for the other person's Tandem (extendedProperties.shared, keys starting with "${SHARE_KEY}"; ${size}): the same agenda items, takeaways, action items and shared note, with who wrote or changed each and when.`,
    '',
    'Never written: private notes, check-ins, feedback, and your goals (only the title of a goal an agenda item is linked to).',
    'Later changes to these items are written without asking again. You can stop sharing at any time; what was already written stays on the event until it is changed.',
  ].join('\n');
  return { audience, descriptionBlock: preview.descriptionBlock, payload: preview.encoded, text };
}

/** Records that the user agreed to share this relationship's sessions on their events. */
export async function giveShareConsent(relationshipId: string, at: Date = new Date()): Promise<void> {
  await setConsent(relationshipId, { givenAt: at.toISOString() });
}

/**
 * Stops publishing this relationship's sessions, atomically: writes still waiting in the outbox are
 * dropped and their sessions marked local-only. What was written before stays on the events.
 */
export async function withdrawShareConsent(relationshipId: string, at: Date = new Date()): Promise<void> {
  await db.transaction('rw', [db.relationships, db.outbox, db.sessions, db.shares], async () => {
    await setConsent(relationshipId, undefined);
    const waiting = await db.outbox.filter((op) => op.relationshipId === relationshipId && isShareOp(op)).toArray();
    for (const op of waiting) {
      await db.outbox.delete(op.seq as number);
      const session = await db.sessions.where('[calendarId+eventId]').equals([op.calendarId, op.eventId]).first();
      if (session) await writeShareState(session.id, { status: 'local-only', reason: 'no-consent' }, at);
    }
  });
}

async function setConsent(relationshipId: string, consent: Relationship['shareConsent']): Promise<void> {
  await db.transaction('rw', db.relationships, async () => {
    const current = await db.relationships.get(relationshipId);
    if (!current) throw new Error(`no relationship ${relationshipId}`);
    const { shareConsent: _, ...rest } = current;
    await db.relationships.put(
      Relationship.parse({ ...rest, ...(consent ? { shareConsent: consent } : {}), updatedAt: now() }),
    );
  });
}
