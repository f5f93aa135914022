import { cadenceLabel } from '../cadence';
import type { AgendaItem } from '../model/agenda';
import type { Goal } from '../model/goal';
import type { Note } from '../model/note';
import type { ActionItem, CheckIn, Feedback, Takeaway, Win } from '../model/outcome';
import type { Relationship } from '../model/relationship';
import type { Session } from '../model/session';
import { db } from './database';
import { agendaStore, noteStore, takeawayStore } from './session-lists';

/** Everything recorded for one relationship: what `formatRelationshipMarkdown` writes out. */
export interface RelationshipRecords {
  relationship: Relationship;
  goals: readonly Goal[];
  sessions: readonly Session[];
  agendaItems: readonly AgendaItem[];
  notes: readonly Note[];
  takeaways: readonly Takeaway[];
  actionItems: readonly ActionItem[];
  feedback: readonly Feedback[];
  checkIns: readonly CheckIn[];
  wins: readonly Win[];
}

export interface MarkdownOptions {
  /** IANA zone for session times and other instants; the browser's own zone by default. */
  timeZone?: string;
}

/**
 * One relationship as a Markdown document, read in one transaction so that it is consistent.
 * Private notes and check-ins are included, marked as private: the document is for the user.
 * Rejects if there is no relationship with this id.
 */
export async function relationshipMarkdown(relationshipId: string, options: MarkdownOptions = {}): Promise<string> {
  return formatRelationshipMarkdown(await readRelationship(relationshipId), options);
}

/** Everything recorded for one relationship, read in one transaction (nested in the caller's, if any). Rejects if there is none. */
export function readRelationship(id: string): Promise<RelationshipRecords> {
  const tables = [
    db.relationships,
    db.goals,
    db.sessions,
    db.agendas,
    db.noteLists,
    db.takeawayLists,
    db.actionItems,
    db.feedback,
    db.checkIns,
    db.wins,
  ];
  return db.transaction('r', tables, async () => {
    const relationship = await db.relationships.get(id);
    if (!relationship) throw new Error(`no relationship ${id}`);
    // A scan, not the [relationshipId+start] index: that index leaves out sessions without a start.
    const sessions = await db.sessions.filter((session) => session.relationshipId === id).toArray();
    const sessionIds = sessions.map((session) => session.id);
    return {
      relationship,
      goals: await db.goals.where('relationshipId').equals(id).toArray(),
      sessions,
      agendaItems: (await agendaStore.ofEach(sessionIds)).flat(),
      notes: (await noteStore.ofEach(sessionIds)).flat(),
      takeaways: (await takeawayStore.ofEach(sessionIds)).flat(),
      actionItems: await db.actionItems.where('[relationshipId+status]').between([id, ''], [id, '\uffff']).toArray(),
      feedback: await db.feedback.where('sessionId').anyOf(sessionIds).toArray(),
      checkIns: await db.checkIns.where('relationshipId').equals(id).toArray(),
      wins: await db.wins.where('relationshipId').equals(id).toArray(),
    };
  });
}

/**
 * The Markdown document for one relationship: title, agreement, goals, every session oldest
 * first with its agenda, notes, takeaways, action items and feedback, then wins and private
 * check-ins. Pure. User text is escaped so that it always shows as the text typed: it never
 * becomes a heading, list, HTML or an image. Dates are `YYYY-MM-DD`, times `HH:MM` (24 h).
 */
export function formatRelationshipMarkdown(records: RelationshipRecords, options: MarkdownOptions = {}): string {
  const { relationship } = records;
  const time = clock(options.timeZone);
  const them = oneLine(relationship.other.name);
  const person = (role: Relationship['myRole']) => (role === relationship.myRole ? 'me' : them);
  const side = (from: Feedback['from']) => (from === 'me' ? 'me' : them);
  const goalTitles = new Map(records.goals.map((goal) => [goal.id, oneLine(goal.title)]));
  const goalNote = (goalId: string | undefined) => {
    const title = goalId === undefined ? undefined : goalTitles.get(goalId);
    return title === undefined ? '' : ` (goal: ${title})`;
  };
  const oldestFirst = <T extends { createdAt: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const bySession = <T extends { sessionId: string; createdAt: string }>(rows: readonly T[], sessionId: string) =>
    oldestFirst(rows.filter((row) => row.sessionId === sessionId));
  const actionLine = (action: ActionItem) =>
    item(
      `${checkbox(action.status === 'done')} ${text(action.text)}: ${person(action.owner)}` +
        `${action.dueOn ? `, due ${action.dueOn}` : ''}, ${action.status}${goalNote(action.goalId)}`,
    );

  const blocks: string[] = [
    `# Mentoring with ${them} (I am the ${relationship.myRole})`,
    [
      `Relationship ${relationship.status}, started ${relationship.startedOn}`,
      relationship.endedOn ? `, ended ${relationship.endedOn}` : '',
      relationship.other.email ? `. ${them}'s e-mail: ${oneLine(relationship.other.email)}` : '',
      `. Times are in ${time.zone}.`,
    ].join(''),
    ...agreementBlocks(relationship, person),
    '## Goals',
  ];

  if (records.goals.length === 0) blocks.push('No goals yet.');
  for (const goal of oldestFirst(records.goals)) {
    blocks.push(
      `### ${oneLine(goal.title)} (${goal.status})`,
      list([`Category: ${goal.category}`, ...(goal.targetDate ? [`Target date: ${goal.targetDate}`] : [])]),
      ...labelled('Why', goal.why),
      ...labelled('Success looks like', goal.successCriteria),
    );
    if (goal.milestones.length > 0) {
      blocks.push(
        '**Milestones**',
        list(
          goal.milestones.map((milestone) => {
            const dates = [
              ...(milestone.dueOn ? [`due ${milestone.dueOn}`] : []),
              ...(milestone.doneOn ? [`done ${milestone.doneOn}`] : []),
            ];
            return `${checkbox(milestone.doneOn !== undefined)} ${text(milestone.title)}${dates.length > 0 ? ` (${dates.join(', ')})` : ''}`;
          }),
        ),
      );
    }
    if (goal.revisions.length > 0) {
      blocks.push(
        '**Revision history**',
        list(
          goal.revisions.map(
            (revision) =>
              `${time.day(revision.at)}: ${text(revision.change)}${revision.why.trim() ? `. ${text(revision.why)}` : ''}`,
          ),
        ),
      );
    }
  }

  blocks.push('## Sessions');
  const sessions = [...records.sessions].sort(
    (a, b) => Date.parse(a.start ?? a.createdAt) - Date.parse(b.start ?? b.createdAt),
  );
  if (sessions.length === 0) blocks.push('No sessions yet.');
  for (const session of sessions) {
    const when = session.start ? time.sessionStart(session.start) : `Session added ${time.day(session.createdAt)}`;
    blocks.push(`### ${when}${session.status === 'held' ? '' : ` (${session.status})`}`);
    const agenda = records.agendaItems
      .filter((entry) => entry.sessionId === session.id)
      .sort((a, b) => a.order - b.order);
    const notes = bySession(records.notes, session.id).filter((note) => note.text.trim() !== '');
    const takeaways = bySession(records.takeaways, session.id);
    const actions = oldestFirst(records.actionItems.filter((action) => action.createdInSessionId === session.id));
    const feedback = bySession(records.feedback, session.id);

    if (agenda.length > 0) {
      blocks.push(
        '#### Agenda',
        list(
          agenda.map(
            (entry) =>
              `${checkbox(entry.discussed)} ${text(entry.text)}${entry.origin.kind === 'carried' ? ' (carried)' : ''}${goalNote(entry.goalId)}`,
          ),
        ),
      );
    }
    if (notes.length > 0) {
      blocks.push('#### Notes');
      for (const note of notes)
        blocks.push(`**${note.visibility === 'private' ? 'Private note' : 'Shared note'}**`, text(note.text));
    }
    if (takeaways.length > 0) {
      blocks.push(
        '#### Takeaways',
        list(
          takeaways.map(
            (takeaway) =>
              `${text(takeaway.text)}${takeaway.addedBy === 'them' ? ` (from ${them})` : ''}${goalNote(takeaway.goalId)}`,
          ),
        ),
      );
    }
    if (actions.length > 0) blocks.push('#### Action items', actions.map(actionLine).join('\n'));
    if (feedback.length > 0) {
      blocks.push('#### Feedback');
      for (const review of feedback) {
        blocks.push(
          `**From ${side(review.from)}**`,
          ...labelled('Strengths', review.strengths),
          ...labelled('To improve', review.improvements),
        );
      }
    }
    if (agenda.length + notes.length + takeaways.length + actions.length + feedback.length === 0) {
      blocks.push('Nothing recorded.');
    }
  }

  const sessionIds = new Set(sessions.map((session) => session.id));
  const otherActions = oldestFirst(
    records.actionItems.filter(
      (action) => action.createdInSessionId === undefined || !sessionIds.has(action.createdInSessionId),
    ),
  );
  if (otherActions.length > 0) blocks.push('## Other action items', otherActions.map(actionLine).join('\n'));

  blocks.push('## Wins');
  const wins = [...records.wins].sort((a, b) => a.on.localeCompare(b.on));
  blocks.push(
    wins.length === 0
      ? 'No wins recorded yet.'
      : list(wins.map((win) => `${win.on}: ${text(win.text)}${goalNote(win.goalId)}`)),
  );

  blocks.push('## Private check-ins');
  const checkIns = oldestFirst(records.checkIns);
  blocks.push(
    checkIns.length === 0
      ? 'No check-ins yet.'
      : list(
          checkIns.map(
            (checkIn) =>
              `${time.day(checkIn.createdAt)}: progress ${checkIn.progress}/5, dynamic ${checkIn.dynamic}/5` +
              (checkIn.note.trim() ? `. ${text(checkIn.note)}` : ''),
          ),
        ),
  );

  return `${blocks.join('\n\n')}\n`;
}

function agreementBlocks(relationship: Relationship, person: (role: Relationship['myRole']) => string): string[] {
  const { agreement } = relationship;
  const sideBlocks = (role: Relationship['myRole'], does: string, expects: string) => [
    `### The ${role}: ${person(role)}`,
    ...labelled('Role', does),
    ...labelled('Expectations', expects),
  ];
  return [
    '## Agreement',
    list([
      `Cadence: ${cadenceLabel(agreement.cadence, 'full')}`,
      `Session length: ${agreement.sessionMinutes} minutes`,
      `Channels: ${agreement.channels.length > 0 ? agreement.channels.map((channel) => channel.replace('-', ' ')).join(', ') : 'none agreed'}`,
      ...(agreement.reviewOn ? [`Review on: ${agreement.reviewOn}`] : []),
    ]),
    ...sideBlocks('mentor', agreement.mentorRole, agreement.mentorExpectations),
    ...sideBlocks('mentee', agreement.menteeRole, agreement.menteeExpectations),
    '### Boundaries',
    agreement.boundaries.length > 0 ? list(agreement.boundaries.map(text)) : 'None agreed.',
  ];
}

/** Formats instants in one time zone as `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`. */
function clock(timeZone: string | undefined) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const parts = (instant: string) => {
    const values = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
    return { day: `${values.year}-${values.month}-${values.day}`, time: `${values.hour}:${values.minute}` };
  };
  return {
    zone: format.resolvedOptions().timeZone,
    day: (instant: string) => parts(instant).day,
    /** All-day sessions start on a date, which is shown as it is. */
    sessionStart: (start: string) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return start;
      const { day, time } = parts(start);
      return `${day} ${time}`;
    },
  };
}

function checkbox(checked: boolean): string {
  return checked ? '[x]' : '[ ]';
}

function list(items: readonly string[]): string {
  return items.map(item).join('\n');
}

/** A list item; its continuation lines are indented so that they stay inside it. */
function item(content: string): string {
  return `- ${content.replaceAll('\n', '\n  ')}`;
}

/** `**Label:** text` as its own paragraph, or nothing when the text is empty. */
function labelled(label: string, value: string): string[] {
  return value.trim() === '' ? [] : [`**${label}:** ${text(value)}`];
}

/**
 * User text, escaped so that Markdown shows it as typed: each line keeps its break (a hard break,
 * two trailing spaces), and nothing in it becomes a block, HTML, an image or an entity.
 */
function text(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeLine(line))
    .join('  \n');
}

/** For headings and other one-line places: line breaks become spaces. */
function oneLine(value: string): string {
  // A heading's closing `#`s are not shown, so a title ending in " #" would lose them.
  return escapeLine(value.replace(/\s*[\r\n]+\s*/g, ' ').trim()).replace(/(\s)(#+)\s*$/, '$1\\$2');
}

function escapeLine(line: string): string {
  return (
    line
      // A backslash the user typed before punctuation would otherwise escape it and vanish.
      .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
      // No HTML (a `<script>` or `<img onerror>` stays text) and no autolinks.
      .replace(/[<>]/g, '\\$&')
      // No images: opening the document must not fetch anything.
      .replace(/!\[/g, '!\\[')
      // `&amp;` stays the five characters typed.
      .replace(/&(?=#?\w+;)/g, '\\&')
      // What starts a heading, list, quote, code fence, table row or setext underline at the start of a line.
      .replace(/^(\s*)([#*+\-=`~|])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}
