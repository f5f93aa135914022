import { z } from 'zod/mini';
import { Id, stamps, textHistory } from './common';

/** Private notes never leave this device; shared ones may be published to the calendar event. */
export const NoteVisibility = z.enum(['private', 'shared']);
export type NoteVisibility = z.infer<typeof NoteVisibility>;

/** Session notes, kept as plain text / Markdown and always rendered as text. */
export const Note = z.object({
  id: Id,
  sessionId: Id,
  visibility: NoteVisibility,
  text: z.string().check(z.maxLength(5_000_000, 'must be at most 5,000,000 characters')),
  /** Shared notes only: texts a merge with the other person's edits replaced. */
  ...textHistory,
  ...stamps,
});
export type Note = z.infer<typeof Note>;
