/**
 * The readable block: the shared agenda, takeaways, action items and shared note as plain text in
 * the event description, so the other person sees them in Calendar, in mail and on a phone without
 * Tandem. It goes between the same markers as the series' block (`BLOCK_START`/`BLOCK_END` in
 * lib/calendar/series.ts), so `replaceTandemBlock` swaps it in, keeping what the user wrote around
 * it, and writing it twice changes nothing.
 *
 * Tandem never reads this block back: the payload is what Tandem reads. Runs of three or more dashes
 * in a text become a dash (—), so no text can look like a marker; the block is kept under
 * `MAX_BLOCK_CHARS`, and what does not fit is counted ("… and 3 more in Tandem").
 */
import { BLOCK_END, BLOCK_START } from '../calendar/series';
import { fieldValue, isDeleted, type ShareDoc, type SharedItem } from './doc';

export const MAX_BLOCK_CHARS = 4000;
/** The shared note is cut after this many characters in the block (it stays whole in Tandem). */
export const MAX_NOTE_CHARS = 1000;

const HEADING = 'Shared agenda from Tandem (edit it in Tandem: changes made here are replaced).';

/** The description block for a session's shared document. */
export function shareDescriptionBlock(doc: ShareDoc): string {
  const alive = doc.items.filter((item) => !isDeleted(item));
  const of = (kind: SharedItem['kind']) => alive.filter((item) => item.kind === kind);
  const agenda = of('agenda').sort(
    (a, b) => Number(fieldValue(a, 'order') ?? 0) - Number(fieldValue(b, 'order') ?? 0) || (a.id < b.id ? -1 : 1),
  );
  const sections: Array<{ title: string; lines: string[] }> = [
    {
      title: 'Agenda',
      lines: agenda.map((item, index) => {
        const details = [
          role(item, 'author'),
          fieldValue(item, 'timebox') ? `${fieldValue(item, 'timebox')} min` : null,
          fieldValue(item, 'goal') ? `goal: ${line(String(fieldValue(item, 'goal')))}` : null,
        ].filter(Boolean);
        const tick = fieldValue(item, 'discussed') === true ? '[x]' : '[ ]';
        return `${index + 1}. ${tick} ${text(item)}${details.length ? ` (${details.join(', ')})` : ''}`;
      }),
    },
    {
      title: 'Takeaways',
      lines: of('takeaway').map((item) => {
        // Who wrote it down, as for agenda items; a takeaway shared before takeaways had an author has none.
        const author = role(item, 'author');
        return `- ${text(item)}${author ? ` (${author})` : ''}`;
      }),
    },
    {
      title: 'Action items',
      lines: of('action').map((item) => {
        const status = fieldValue(item, 'status');
        const tick = status === 'done' ? '[x]' : status === 'dropped' ? '[-]' : '[ ]';
        const due = fieldValue(item, 'due') ? `, due ${fieldValue(item, 'due')}` : '';
        return `- ${tick} ${text(item)} (${role(item, 'owner')}${due}${status === 'dropped' ? ', dropped' : ''})`;
      }),
    },
  ];
  const note = of('note')[0];
  const noteText = note ? String(fieldValue(note, 'text') ?? '').trim() : '';

  const body: string[] = [];
  let budget = MAX_BLOCK_CHARS - BLOCK_START.length - BLOCK_END.length - HEADING.length - 200;
  for (const section of sections) {
    if (section.lines.length === 0) continue;
    body.push('', section.title);
    let shown = 0;
    for (const entry of section.lines) {
      if (entry.length + 1 > budget) break;
      body.push(entry);
      budget -= entry.length + 1;
      shown += 1;
    }
    if (shown < section.lines.length) body.push(`… and ${section.lines.length - shown} more in Tandem`);
  }
  if (noteText) {
    const limit = Math.max(0, Math.min(MAX_NOTE_CHARS, budget));
    const cut = noteText.length > limit;
    body.push('', 'Shared note', safe(cut ? `${noteText.slice(0, limit).trimEnd()}… (continued in Tandem)` : noteText));
  }
  if (body.length === 0) body.push('', 'Nothing on the shared agenda yet.');
  return [BLOCK_START, HEADING, ...body, BLOCK_END].join('\n');
}

function role(item: SharedItem, field: 'author' | 'owner'): string {
  return String(fieldValue(item, field) ?? '');
}

function text(item: SharedItem): string {
  return line(String(fieldValue(item, 'text') ?? ''));
}

/** One line: no line breaks, no marker. */
function line(value: string): string {
  return safe(value.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** Text that cannot end or restart our block early: both markers start with three dashes. */
function safe(value: string): string {
  return value.replace(/-{3,}/g, '—');
}
