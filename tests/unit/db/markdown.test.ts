import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { formatRelationshipMarkdown, type RelationshipRecords, relationshipMarkdown } from '../../../lib/db/markdown';
import { agendaStore, noteStore, takeawayStore } from '../../../lib/db/session-lists';
import type { Goal } from '../../../lib/model/goal';
import type { Relationship } from '../../../lib/model/relationship';
import type { Session } from '../../../lib/model/session';

const at = (iso: string) => ({ createdAt: iso, updatedAt: iso });
const ids = {
  relationship: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a9c11',
  goal: '8a1d4e6f-2c3b-4a5d-8e7f-9b0c1d2e3f40',
  first: 'c2e4a6b8-1d3f-4e5a-b7c9-0d2f4a6b8c01',
  second: 'c2e4a6b8-1d3f-4e5a-b7c9-0d2f4a6b8c02',
  cancelled: 'c2e4a6b8-1d3f-4e5a-b7c9-0d2f4a6b8c03',
};

const relationship: Relationship = {
  id: ids.relationship,
  myRole: 'mentor',
  other: { name: 'Noor Haddad', email: 'noor@example.com' },
  status: 'active',
  startedOn: '2026-09-01',
  series: [],
  agreement: {
    cadence: { kind: 'biweekly' },
    sessionMinutes: 45,
    channels: ['video', 'in-person'],
    mentorRole: 'Asks questions, shares experience',
    menteeRole: 'Brings the agenda',
    mentorExpectations: 'Honest feedback\n# not a heading either',
    menteeExpectations: 'Come prepared',
    boundaries: ['No calls after 18:00', '<script>alert(1)</script>'],
    reviewOn: '2027-03-01',
  },
  ...at('2026-09-01T09:00:00.000Z'),
};

const goal: Goal = {
  id: ids.goal,
  relationshipId: ids.relationship,
  title: 'Lead a design review',
  why: 'Visibility before the promotion round',
  successCriteria: 'Ran one review end to end\n- with two teams',
  category: 'career',
  targetDate: '2027-01-31',
  status: 'active',
  milestones: [
    { id: '6e5d4c3b-2a19-4f8e-9d7c-6b5a49382716', title: 'Pick a design', dueOn: '2026-10-01', doneOn: '2026-09-28' },
    { id: '6e5d4c3b-2a19-4f8e-9d7c-6b5a49382717', title: 'Run the review' },
  ],
  revisions: [{ at: '2026-09-15T10:00:00.000Z', change: 'Moved the target date', why: 'Holidays' }],
  ...at('2026-09-01T09:10:00.000Z'),
};

const session = (id: string, start: string, status: Session['status']): Session => ({
  id,
  relationshipId: ids.relationship,
  start,
  status,
  ...at('2026-09-01T09:00:00.000Z'),
});

function records(): RelationshipRecords {
  return {
    relationship,
    goals: [goal],
    // Out of order on purpose: the document lists sessions oldest first.
    sessions: [
      session(ids.second, '2026-09-15T15:00:00.000Z', 'held'),
      session(ids.cancelled, '2026-09-29', 'cancelled'),
      session(ids.first, '2026-09-01T15:00:00.000Z', 'held'),
    ],
    agendaItems: [
      {
        id: crypto.randomUUID(),
        sessionId: ids.first,
        text: '# not a heading',
        addedBy: 'them',
        goalId: ids.goal,
        order: 2,
        discussed: true,
        origin: { kind: 'added' },
        ...at('2026-09-01T10:00:00.000Z'),
      },
      {
        id: crypto.randomUUID(),
        sessionId: ids.first,
        text: 'Promotion packet',
        addedBy: 'me',
        order: 1,
        discussed: false,
        origin: { kind: 'template', template: 'first-session' },
        ...at('2026-09-01T10:01:00.000Z'),
      },
      {
        id: crypto.randomUUID(),
        sessionId: ids.second,
        text: 'Promotion packet',
        addedBy: 'me',
        order: 1,
        discussed: false,
        origin: { kind: 'carried', fromSessionId: ids.first, fromItemId: ids.goal },
        ...at('2026-09-15T10:00:00.000Z'),
      },
    ],
    notes: [
      {
        id: crypto.randomUUID(),
        sessionId: ids.first,
        visibility: 'private',
        text: 'Nervous about the review.\n- not a list\n1. not a list either\n<img src=x onerror=alert(1)>\n![pixel](https://tracker.example/p.png)',
        ...at('2026-09-01T15:05:00.000Z'),
      },
      {
        id: crypto.randomUUID(),
        sessionId: ids.second,
        visibility: 'shared',
        text: 'Agreed on the scope. 🚀 مرحبا',
        ...at('2026-09-15T15:05:00.000Z'),
      },
    ],
    takeaways: [
      {
        id: crypto.randomUUID(),
        sessionId: ids.first,
        text: 'Ask early',
        goalId: ids.goal,
        ...at('2026-09-01T15:40:00.000Z'),
      },
      {
        id: crypto.randomUUID(),
        sessionId: ids.first,
        text: 'Write the case as outcomes',
        addedBy: 'them',
        ...at('2026-09-01T15:41:00.000Z'),
      },
    ],
    actionItems: [
      {
        id: crypto.randomUUID(),
        relationshipId: ids.relationship,
        text: 'Draft the agenda',
        owner: 'mentee',
        dueOn: '2026-09-10',
        status: 'done',
        goalId: ids.goal,
        createdInSessionId: ids.first,
        ...at('2026-09-01T15:30:00.000Z'),
      },
      {
        id: crypto.randomUUID(),
        relationshipId: ids.relationship,
        text: 'Introduce Noor to the staff engineer',
        owner: 'mentor',
        status: 'open',
        ...at('2026-09-02T08:00:00.000Z'),
      },
    ],
    feedback: [
      {
        id: crypto.randomUUID(),
        sessionId: ids.second,
        from: 'them',
        strengths: 'Clear questions',
        improvements: 'More time on the packet',
        ...at('2026-09-15T16:00:00.000Z'),
      },
    ],
    checkIns: [
      {
        id: crypto.randomUUID(),
        relationshipId: ids.relationship,
        progress: 4,
        dynamic: 5,
        note: 'Going well',
        ...at('2026-09-16T08:00:00.000Z'),
      },
    ],
    wins: [
      {
        id: crypto.randomUUID(),
        relationshipId: ids.relationship,
        goalId: ids.goal,
        text: 'First review done',
        on: '2026-09-28',
        ...at('2026-09-28T12:00:00.000Z'),
      },
    ],
  };
}

const markdown = (data = records(), timeZone = 'UTC') => formatRelationshipMarkdown(data, { timeZone });
const lines = (text: string) => text.split('\n');

describe('formatRelationshipMarkdown', () => {
  it('has a title with the other person and my role, and every section in order', () => {
    const text = markdown();
    expect(lines(text)[0]).toBe('# Mentoring with Noor Haddad (I am the mentor)');
    expect(lines(text)[2]).toBe(
      "Relationship active, started 2026-09-01. Noor Haddad's e-mail: noor@example.com. Times are in UTC.",
    );
    const headings = lines(text).filter((line) => /^#{1,3} /.test(line));
    expect(headings).toEqual([
      '# Mentoring with Noor Haddad (I am the mentor)',
      '## Agreement',
      '### The mentor: me',
      '### The mentee: Noor Haddad',
      '### Boundaries',
      '## Goals',
      '### Lead a design review (active)',
      '## Sessions',
      '### 2026-09-01 15:00',
      '### 2026-09-15 15:00',
      '### 2026-09-29 (cancelled)',
      '## Other action items',
      '## Wins',
      '## Private check-ins',
    ]);
  });

  it('writes the agreement in words', () => {
    const text = markdown();
    expect(text).toContain(
      '- Cadence: every 2 weeks\n- Session length: 45 minutes\n- Channels: video, in person\n- Review on: 2027-03-01',
    );
    expect(text).toContain('**Role:** Asks questions, shares experience');
    expect(text).toContain('**Expectations:** Honest feedback  \n\\# not a heading either');
    expect(text).toContain('- No calls after 18:00\n- \\<script\\>alert(1)\\</script\\>');

    const cadence = (rrule: string) => {
      const custom = {
        ...relationship,
        agreement: { ...relationship.agreement, cadence: { kind: 'custom' as const, rrule } },
      };
      return lines(markdown({ ...records(), relationship: custom })).find((line) => line.startsWith('- Cadence:'));
    };
    expect(cadence('FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH')).toBe('- Cadence: every 3 weeks on Tuesday and Thursday');
    expect(cadence('RRULE:FREQ=MONTHLY')).toBe('- Cadence: every month');
    expect(cadence('FREQ=MONTHLY;BYDAY=1TU')).toBe('- Cadence: every month (FREQ=MONTHLY;BYDAY=1TU)');
  });

  it('lists goals with target date, success criteria, milestones as a checklist and revisions', () => {
    const text = markdown();
    expect(text).toContain('- Category: career\n- Target date: 2027-01-31');
    expect(text).toContain('**Success looks like:** Ran one review end to end  \n\\- with two teams');
    expect(text).toContain(
      '**Milestones**\n\n- [x] Pick a design (due 2026-10-01, done 2026-09-28)\n- [ ] Run the review',
    );
    expect(text).toContain('**Revision history**\n\n- 2026-09-15: Moved the target date. Holidays');
  });

  it('shows each session’s agenda, notes, takeaways, action items and feedback', () => {
    const text = markdown();
    const first = text.slice(text.indexOf('### 2026-09-01 15:00'), text.indexOf('### 2026-09-15 15:00'));
    expect(first).toContain(
      '#### Agenda\n\n- [ ] Promotion packet\n- [x] \\# not a heading (goal: Lead a design review)',
    );
    expect(first).toContain(
      '**Private note**\n\nNervous about the review.  \n\\- not a list  \n1\\. not a list either',
    );
    expect(first).toContain(
      '#### Takeaways\n\n- Ask early (goal: Lead a design review)\n- Write the case as outcomes (from Noor Haddad)',
    );
    expect(first).toContain(
      '#### Action items\n\n- [x] Draft the agenda: Noor Haddad, due 2026-09-10, done (goal: Lead a design review)',
    );

    const second = text.slice(text.indexOf('### 2026-09-15 15:00'), text.indexOf('### 2026-09-29'));
    expect(second).toContain('- [ ] Promotion packet (carried)');
    expect(second).toContain('**Shared note**\n\nAgreed on the scope. 🚀 مرحبا');
    expect(second).toContain(
      '**From Noor Haddad**\n\n**Strengths:** Clear questions\n\n**To improve:** More time on the packet',
    );

    expect(text).toContain('### 2026-09-29 (cancelled)\n\nNothing recorded.');
    expect(text).toContain('## Other action items\n\n- [ ] Introduce Noor to the staff engineer: me, open');
  });

  it('ends with wins and the private check-ins', () => {
    const text = markdown();
    expect(text).toContain('## Wins\n\n- 2026-09-28: First review done (goal: Lead a design review)');
    expect(text).toContain('## Private check-ins\n\n- 2026-09-16: progress 4/5, dynamic 5/5. Going well');
    expect(text.endsWith('Going well\n')).toBe(true);
  });

  it('keeps user text as text: no heading, list, HTML or image comes from it', () => {
    const text = markdown();
    expect(lines(text).filter((line) => line.startsWith('# '))).toHaveLength(1);
    expect(text).not.toMatch(/^\s*(- )?#+ not a heading/m);
    expect(text).not.toMatch(/^- not a list/m);
    expect(text).not.toMatch(/(^|[^\\])[<>]/m);
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(text).toContain('!\\[pixel](https://tracker.example/p.png)');
  });

  it('escapes what would start a block inside a heading or list item, and keeps typed backslashes', () => {
    const tricky: Goal = {
      ...goal,
      title: '1. C #',
      milestones: [{ id: crypto.randomUUID(), title: '> quoted &amp; \\*' }],
    };
    const text = markdown({ ...records(), goals: [tricky] });
    expect(text).toContain('### 1\\. C \\# (active)');
    expect(text).toContain('- [ ] \\> quoted \\&amp; \\\\*');
  });

  it('writes times in the given time zone, dates as YYYY-MM-DD', () => {
    const text = markdown(records(), 'Asia/Tokyo');
    expect(text).toContain('Times are in Asia/Tokyo.');
    expect(text).toContain('### 2026-09-02 00:00');
    expect(text).toContain('### 2026-09-29 (cancelled)');
  });

  it('says so when there is nothing yet', () => {
    const text = markdown({ ...records(), goals: [], sessions: [], actionItems: [], wins: [], checkIns: [] });
    expect(text).toContain('## Goals\n\nNo goals yet.');
    expect(text).toContain('## Sessions\n\nNo sessions yet.');
    expect(text).toContain('## Wins\n\nNo wins recorded yet.');
    expect(text).toContain('## Private check-ins\n\nNo check-ins yet.');
  });
});

describe('relationshipMarkdown', () => {
  beforeEach(async () => {
    await db.delete({ disableAutoOpen: false });
  });

  it('reads one relationship’s records from the database, and no one else’s', async () => {
    const data = records();
    await db.relationships.add(data.relationship);
    await db.goals.bulkAdd(data.goals);
    await db.sessions.bulkAdd(data.sessions);
    await agendaStore.add(data.agendaItems);
    await noteStore.add(data.notes);
    await takeawayStore.add(data.takeaways);
    await db.actionItems.bulkAdd(data.actionItems);
    await db.feedback.bulkAdd(data.feedback);
    await db.checkIns.bulkAdd(data.checkIns);
    await db.wins.bulkAdd(data.wins);
    const stranger = crypto.randomUUID();
    await db.relationships.add({ ...relationship, id: stranger, other: { name: 'Someone Else' } });
    await db.sessions.add({
      ...session(crypto.randomUUID(), '2026-09-08T15:00:00.000Z', 'held'),
      relationshipId: stranger,
    });

    expect(await relationshipMarkdown(ids.relationship, { timeZone: 'UTC' })).toBe(markdown());
    await expect(relationshipMarkdown(crypto.randomUUID())).rejects.toThrow(/no relationship/);
  });
});
