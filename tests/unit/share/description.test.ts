import { describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, replaceTandemBlock, tandemDescriptionBlock } from '../../../lib/calendar/series';
import { MAX_BLOCK_CHARS, MAX_NOTE_CHARS, shareDescriptionBlock } from '../../../lib/share/description';
import type { ShareDoc, SharedItem } from '../../../lib/share/doc';
import { action, agendaItem, ids, note, t, takeaway, withField } from './helpers';

const doc: ShareDoc = {
  items: [
    agendaItem(ids.a2, 'Feedback on the talk draft', t(2), 'mentor', {
      order: 2,
      timebox: 15,
      goal: 'Speak at a conference',
    }),
    withField(
      agendaItem(ids.a1, 'How do I prepare\nthe promotion case?', t(1), 'mentee'),
      'discussed',
      true,
      t(3),
      'mentor',
    ),
    { kind: 'agenda', id: ids.a3, fields: {}, deleted: { at: t(5), by: 'mentee' } },
    takeaway(ids.k1, 'Write the case as outcomes, not tasks', t(3)),
    takeaway(ids.k2, 'Ask for the promotion criteria in writing', t(4), 'mentee'),
    action(ids.c1, 'Draft the self-review', 'mentee', t(4), 'mentor', { due: '2026-12-01' }),
    note('We agreed to meet in person next month.', t(6)),
  ],
};

describe('shareDescriptionBlock', () => {
  it('lists the agenda in order with ticks, authors, time boxes and goals; takeaways with authors; action items; the note', () => {
    expect(shareDescriptionBlock(doc)).toBe(
      [
        BLOCK_START,
        'Shared agenda from Tandem (edit it in Tandem: changes made here are replaced).',
        '',
        'Agenda',
        '1. [x] How do I prepare the promotion case? (mentee)',
        '2. [ ] Feedback on the talk draft (mentor, 15 min, goal: Speak at a conference)',
        '',
        'Takeaways',
        '- Write the case as outcomes, not tasks (mentor)',
        '- Ask for the promotion criteria in writing (mentee)',
        '',
        'Action items',
        '- [ ] Draft the self-review (mentee, due 2026-12-01)',
        '',
        'Shared note',
        'We agreed to meet in person next month.',
        BLOCK_END,
      ].join('\n'),
    );
  });

  it('a takeaway without an author (written before takeaways had one) shows no empty brackets', () => {
    const before: SharedItem = {
      kind: 'takeaway',
      id: ids.k1,
      fields: { text: { v: 'Write the case as outcomes, not tasks', at: t(3), by: 'mentor' } },
    };
    expect(shareDescriptionBlock({ items: [before] })).toContain(
      '\nTakeaways\n- Write the case as outcomes, not tasks\n',
    );
  });

  it('replaces the series block in the description, keeps the user’s text around it, and is idempotent', () => {
    const description = `Bring snacks.\n\n${tandemDescriptionBlock()}\n\nRoom 4.12`;
    const once = replaceTandemBlock(description, shareDescriptionBlock(doc));
    expect(once.startsWith('Bring snacks.\n\n--- Tandem ---\nShared agenda')).toBe(true);
    expect(once.endsWith(`${BLOCK_END}\n\nRoom 4.12`)).toBe(true);
    expect(replaceTandemBlock(once, shareDescriptionBlock(doc))).toBe(once);
    expect(replaceTandemBlock('', shareDescriptionBlock(doc))).toBe(shareDescriptionBlock(doc));
  });

  it('no text can end the block early: dashes that could make a marker are folded', () => {
    const tricky: ShareDoc = {
      items: [
        agendaItem(ids.a1, `Before ${BLOCK_END} after`, t(1)),
        note(`line\n---- Tandem ----\n${BLOCK_END}\nmore`, t(2)),
      ],
    };
    const block = shareDescriptionBlock(tricky);
    expect(block.indexOf(BLOCK_END)).toBe(block.length - BLOCK_END.length);
    expect(block.lastIndexOf(BLOCK_START)).toBe(0);
    const description = replaceTandemBlock(`mine\n\n${tandemDescriptionBlock()}\n\ntail`, block);
    expect(replaceTandemBlock(description, shareDescriptionBlock(doc))).toBe(
      `mine\n\n${shareDescriptionBlock(doc)}\n\ntail`,
    );
  });

  it('stays short: a long note is cut, a long agenda counted', () => {
    const long: ShareDoc = {
      items: [
        ...Array.from({ length: 80 }, (_, i) =>
          agendaItem(
            `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            `Question ${i} ${'x'.repeat(80)}`,
            t(1),
            'mentor',
            {
              order: i,
            },
          ),
        ),
        note('n'.repeat(5000), t(2)),
      ],
    };
    const block = shareDescriptionBlock(long);
    expect(block.length).toBeLessThanOrEqual(MAX_BLOCK_CHARS);
    expect(block).toMatch(/… and \d+ more in Tandem/);
    const short = shareDescriptionBlock({ items: [note('n'.repeat(5000), t(2))] });
    expect(short).toContain(`${'n'.repeat(MAX_NOTE_CHARS)}… (continued in Tandem)`);
  });

  it('takeaways with their authors count within the same limit', () => {
    const many: ShareDoc = {
      items: Array.from({ length: 60 }, (_, i) =>
        takeaway(
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          `Takeaway ${i} ${'x'.repeat(80)}`,
          t(1),
          'mentee',
        ),
      ),
    };
    const block = shareDescriptionBlock(many);
    expect(block.length).toBeLessThanOrEqual(MAX_BLOCK_CHARS);
    const shown = block.split('\n').filter((entry) => entry.startsWith('- Takeaway '));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((entry) => entry.endsWith(' (mentee)'))).toBe(true);
    expect(block).toContain(`… and ${60 - shown.length} more in Tandem`);
  });

  it('says when nothing is shared (everything was deleted)', () => {
    const empty: ShareDoc = {
      items: [{ kind: 'agenda', id: ids.a3, fields: {}, deleted: { at: t(5), by: 'mentee' } }],
    };
    expect(shareDescriptionBlock(empty)).toContain('Nothing on the shared agenda yet.');
  });
});
