import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackupError,
  exportBackup,
  importBackup,
  MAX_BACKUP_BYTES,
  parseBackup,
  serializeBackup,
  upgradeBackup,
  wipeAll,
} from '../../../lib/db/backup';
import { db, TABLE_NAMES } from '../../../lib/db/database';
import { noteStore } from '../../../lib/db/session-lists';
import type { AgendaItem } from '../../../lib/model/agenda';
import type { Backup, BackupData } from '../../../lib/model/backup';
import type { Goal } from '../../../lib/model/goal';
import type { Note } from '../../../lib/model/note';
import type { ActionItem, CheckIn, Feedback, Takeaway, Win } from '../../../lib/model/outcome';
import type { Relationship } from '../../../lib/model/relationship';
import type { Session } from '../../../lib/model/session';

const fixtures = `${resolve(import.meta.dirname, '../../fixtures/backups')}/`;

const XSS = '<img src=x onerror=alert(1)><script>alert("pwned")</script>';
const EMOJI = 'Shipped it 🚀🎉 👩🏽‍💻';
const RTL = 'مرحبا بالعالم — שלום עולם';
const CONTROL = 'lone surrogate \uD83D, NUL \u0000, CRLF \r\n, tab \t, quote " and backslash \\';
const BIG_NOTE = `${XSS}\n${EMOJI}\n${RTL}\n${CONTROL}\n${'Lorem ipsum dolor sit amet. '.repeat(37_450)}`;

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

/** A realistic set of records in every table: two relationships, their goals, sessions and outcomes. */
function seed(): BackupData {
  let minute = 0;
  const stamp = () => {
    const at = new Date(Date.UTC(2026, 8, 1, 9, minute++)).toISOString();
    return { createdAt: at, updatedAt: at };
  };
  const id = () => crypto.randomUUID();
  const data = emptyTables();
  for (const [n, name] of [XSS, 'Noor Haddad'].entries()) {
    const relationship: Relationship = {
      id: id(),
      myRole: n === 0 ? 'mentor' : 'mentee',
      other: { name, email: `person${n}@example.com` },
      status: 'active',
      startedOn: '2026-09-01',
      series: [{ calendarId: 'me@example.com', seriesId: `series${n}` }],
      agreement: {
        cadence: n === 0 ? { kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' } : { kind: 'monthly' },
        sessionMinutes: 45,
        channels: ['video', 'chat'],
        mentorRole: `Asks questions ${EMOJI}`,
        menteeRole: RTL,
        mentorExpectations: 'Honest feedback',
        menteeExpectations: 'Come prepared\nwith an agenda',
        boundaries: ['No calls after 18:00', XSS],
        reviewOn: '2027-03-01',
      },
      ...stamp(),
    };
    const goal: Goal = {
      id: id(),
      relationshipId: relationship.id,
      title: `Lead a design review ${EMOJI}`,
      why: RTL,
      successCriteria: XSS,
      category: 'career',
      targetDate: '2027-01-31',
      status: 'active',
      milestones: [
        { id: id(), title: 'Pick a design', dueOn: '2026-10-01', doneOn: '2026-09-28' },
        { id: id(), title: 'Run the review' },
      ],
      revisions: [{ at: '2026-09-15T10:00:00.000Z', change: 'Moved the target date', why: 'Holidays' }],
      ...stamp(),
    };
    data.relationships.push(relationship);
    data.goals.push(goal);
    const sessions: Session[] = [1, 15, 29].map((day, i) => ({
      id: id(),
      relationshipId: relationship.id,
      calendarId: 'me@example.com',
      eventId: `series${n}_202609${String(day).padStart(2, '0')}T150000Z`,
      seriesId: `series${n}`,
      start: `2026-09-${String(day).padStart(2, '0')}T15:00:00.000Z`,
      end: `2026-09-${String(day).padStart(2, '0')}T15:45:00.000Z`,
      status: i === 2 ? 'scheduled' : 'held',
      ...stamp(),
    }));
    data.sessions.push(...sessions);
    for (const session of sessions) {
      const first: AgendaItem = {
        id: id(),
        sessionId: session.id,
        text: `# not a heading ${XSS}`,
        addedBy: 'them',
        goalId: goal.id,
        order: 1.5,
        discussed: true,
        timeboxMinutes: 15,
        origin: { kind: 'template', template: 'goal-review' },
        ...stamp(),
      };
      data.agendaItems.push(first);
      const note: Note = { id: id(), sessionId: session.id, visibility: 'private', text: EMOJI, ...stamp() };
      // A relationship's first takeaway is the other person's (merged from sharing); the rest have no `addedBy`.
      const takeaway: Takeaway = {
        id: id(),
        sessionId: session.id,
        text: RTL,
        goalId: goal.id,
        ...(session === sessions[0] ? { addedBy: 'them' as const } : {}),
        ...stamp(),
      };
      const action: ActionItem = {
        id: id(),
        relationshipId: relationship.id,
        text: 'Draft the review agenda',
        owner: 'mentee',
        dueOn: '2026-10-05',
        status: 'open',
        goalId: goal.id,
        createdInSessionId: session.id,
        reviewSessionId: session.id,
        ...stamp(),
      };
      const feedback: Feedback = {
        id: id(),
        sessionId: session.id,
        from: 'me',
        strengths: XSS,
        improvements: CONTROL,
        ...stamp(),
      };
      data.notes.push(note);
      data.takeaways.push(takeaway);
      data.actionItems.push(action);
      data.feedback.push(feedback);
    }
    const [held, next] = sessions;
    if (held && next) {
      const carriedFrom = data.agendaItems.find((item) => item.sessionId === held.id);
      if (carriedFrom) {
        data.agendaItems.push({
          ...carriedFrom,
          id: id(),
          sessionId: next.id,
          discussed: false,
          origin: { kind: 'carried', fromSessionId: held.id, fromItemId: carriedFrom.id },
          carriedFrom: carriedFrom.id,
          ...stamp(),
        });
      }
      const checkIn: CheckIn = {
        id: id(),
        relationshipId: relationship.id,
        sessionId: held.id,
        progress: 4,
        dynamic: 5,
        note: RTL,
        ...stamp(),
      };
      const win: Win = {
        id: id(),
        relationshipId: relationship.id,
        goalId: goal.id,
        milestoneId: goal.milestones[0]?.id,
        sessionId: held.id,
        text: EMOJI,
        on: '2026-09-28',
        ...stamp(),
      };
      data.checkIns.push(checkIn);
      data.wins.push(win);
      data.notes.push({ id: id(), sessionId: held.id, visibility: 'shared', text: BIG_NOTE, ...stamp() });
    }
  }
  // A session not attached to any relationship yet: a note typed during an unknown Meet call.
  const adHoc: Session = { id: id(), meetCode: 'abc-defg-hij', status: 'held', ...stamp() };
  data.sessions.push(adHoc);
  data.notes.push({ id: id(), sessionId: adHoc.id, visibility: 'private', text: '', ...stamp() });
  return data;
}

function emptyTables(): BackupData {
  return {
    relationships: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    notes: [],
    takeaways: [],
    actionItems: [],
    feedback: [],
    checkIns: [],
    wins: [],
  };
}

function backupOf(data: BackupData): Backup {
  return { format: 'tandem-backup', version: 2, exportedAt: '2026-11-24T10:00:00.000Z', data };
}

async function store(data: BackupData): Promise<void> {
  await importBackup(serializeBackup(backupOf(data)));
}

/** Everything stored, in a form that compares byte for byte. */
async function snapshot(): Promise<string> {
  const { data } = await exportBackup();
  return serializeBackup(backupOf(data));
}

async function rejection(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BackupError)) throw new Error(`expected a BackupError, got ${String(error)}`);
  return error;
}

describe('exportBackup / importBackup', () => {
  it('round-trips every table exactly: markup, emoji, right-to-left text and a 1 MB note', async () => {
    const data = seed();
    for (const table of TABLE_NAMES) expect(data[table].length, table).toBeGreaterThan(0);
    expect(BIG_NOTE.length).toBeGreaterThan(1_000_000);

    const summary = await importBackup(serializeBackup(backupOf(data)));
    expect(summary).toEqual(Object.fromEntries(TABLE_NAMES.map((table) => [table, data[table].length])));

    const exported = await exportBackup();
    expect(exported.format).toBe('tandem-backup');
    expect(exported.version).toBe(2);
    expect(Date.parse(exported.exportedAt)).not.toBeNaN();
    const text = serializeBackup(exported);
    expect(JSON.parse(text)).toEqual(exported);

    await wipeAll();
    await importBackup(text);
    const restored = await exportBackup();
    for (const table of TABLE_NAMES) {
      const byId = (rows: readonly { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(restored.data[table]), table).toEqual(byId(data[table]));
    }
    const notes = restored.data.notes.map((note) => note.text);
    expect(notes).toContain(BIG_NOTE);
    expect(notes).toContain(EMOJI);
    expect(restored.data.feedback.every((f) => f.improvements === CONTROL)).toBe(true);
    expect(restored.data.relationships.map((r) => r.other.name)).toContain(XSS);
    expect(restored.data.takeaways.every((t) => t.text === RTL)).toBe(true);
    const theirs = (rows: readonly Takeaway[]) => rows.filter((t) => t.addedBy === 'them').length;
    expect(theirs(restored.data.takeaways)).toBeGreaterThan(0);
    expect(theirs(restored.data.takeaways)).toBe(theirs(data.takeaways));
    expect(serializeBackup({ ...restored, exportedAt: exported.exportedAt })).toBe(text);
  });

  it('writes one record per line so the file stays readable', () => {
    const data = seed();
    const text = serializeBackup(backupOf(data));
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '{',
      '  "format": "tandem-backup",',
      '  "version": 2,',
      '  "exportedAt": "2026-11-24T10:00:00.000Z",',
      '  "data": {',
    ]);
    expect(lines.filter((line) => line.startsWith('      {"id":'))).toHaveLength(
      TABLE_NAMES.reduce((sum, table) => sum + data[table].length, 0),
    );
  });

  it('exports a consistent snapshot while another context writes', async () => {
    await store(seed());
    const relationship = seed().relationships[0];
    if (!relationship) throw new Error('seed has relationships');
    const session: Session = {
      id: crypto.randomUUID(),
      relationshipId: relationship.id,
      status: 'held',
      createdAt: relationship.createdAt,
      updatedAt: relationship.createdAt,
    };
    const note: Note = {
      id: crypto.randomUUID(),
      sessionId: session.id,
      visibility: 'private',
      text: 'written during export',
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    };
    // The writer starts while the export is reading: it touches the first table the export reads
    // and one of the last, so a table-by-table export would see half of it.
    const exporting = exportBackup();
    const writing = db.transaction('rw', db.relationships, db.sessions, db.noteLists, async () => {
      await db.relationships.add(relationship);
      await db.sessions.add(session);
      await noteStore.add([note]);
    });
    const [backup] = await Promise.all([exporting, writing]);
    const sawRelationship = backup.data.relationships.some((r) => r.id === relationship.id);
    const sawNote = backup.data.notes.some((n) => n.id === note.id);
    expect(sawNote).toBe(sawRelationship);
    expect(() => parseBackup(serializeBackup(backup))).not.toThrow();
  });

  it('replace (the default) leaves exactly the file’s records', async () => {
    await store(seed());
    const other = seed();
    const summary = await importBackup(serializeBackup(backupOf(other)));
    expect(summary.relationships).toBe(other.relationships.length);
    const ids = (await exportBackup()).data.relationships.map((r) => r.id).sort();
    expect(ids).toEqual(other.relationships.map((r) => r.id).sort());
    expect((await noteStore.all()).length).toBe(other.notes.length);
  });

  it('merge keeps stored records, replaces those with the same id, and accepts references to stored ones', async () => {
    const stored = seed();
    await store(stored);
    const relationship = stored.relationships[0];
    const goal = stored.goals[0];
    if (!relationship || !goal) throw new Error('seed has relationships and goals');
    const renamed: Goal = { ...goal, title: 'Renamed in the file' };
    const added: Goal = { ...goal, id: crypto.randomUUID(), title: 'Only in the file' };
    const file = serializeBackup(backupOf({ ...emptyTables(), goals: [renamed, added] }));

    const rejected = await rejection(importBackup(file));
    expect(rejected.message).toBe(
      `data.goals[0].relationshipId: points to nothing: no record with id ${relationship.id} in data.relationships`,
    );

    const summary = await importBackup(file, { mode: 'merge' });
    expect(summary.goals).toBe(2);
    expect(await db.goals.count()).toBe(stored.goals.length + 1);
    expect((await db.goals.get(goal.id))?.title).toBe('Renamed in the file');
    expect((await db.goals.get(added.id))?.title).toBe('Only in the file');
    expect(await db.relationships.count()).toBe(stored.relationships.length);
  });

  it('merge refuses a reference that is neither in the file nor stored', async () => {
    await store(seed());
    const before = await snapshot();
    const [goal] = seed().goals;
    if (!goal) throw new Error('seed has goals');
    const orphan: Goal = { ...goal, relationshipId: crypto.randomUUID() };
    const error = await rejection(
      importBackup(serializeBackup(backupOf({ ...emptyTables(), goals: [orphan] })), { mode: 'merge' }),
    );
    expect(error.message).toMatch(/^data\.goals\[0\]\.relationshipId: points to nothing: .* nor on this device$/);
    expect(await snapshot()).toBe(before);
  });

  it('merge refuses a second session for a stored calendar event, naming it, and writes nothing', async () => {
    const stored = seed();
    await store(stored);
    const before = await snapshot();
    const session = stored.sessions[0];
    if (!session) throw new Error('seed has sessions');
    const twin: Session = { ...session, id: crypto.randomUUID() };
    const file = serializeBackup(backupOf({ ...emptyTables(), goals: stored.goals.slice(0, 1), sessions: [twin] }));
    const error = await rejection(importBackup(file, { mode: 'merge' }));
    expect(error.message).toBe(
      'data.sessions[0]: clashes with a record already stored (same unique key); nothing was imported',
    );
    expect(await snapshot()).toBe(before);
  });

  it('reads a picked file (a Blob) and a file starting with a byte-order mark', async () => {
    const data = seed();
    const text = serializeBackup(backupOf(data));
    await importBackup(new Blob([text], { type: 'application/json' }));
    expect((await noteStore.all()).length).toBe(data.notes.length);
    await wipeAll();
    await importBackup(`\uFEFF${text}`);
    expect((await noteStore.all()).length).toBe(data.notes.length);
  });

  it('wipeAll empties every table', async () => {
    await store(seed());
    await wipeAll();
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
  });
});

describe('older versions', () => {
  it('upgrades a version 1 file (sessions and notes only) to version 2 and restores it', async () => {
    const text = await readFile(`${fixtures}v1-walking-skeleton.json`, 'utf8');
    const upgraded = upgradeBackup(JSON.parse(text));
    expect(upgraded.fromVersion).toBe(1);
    expect(upgraded.value).toMatchObject({ version: 2, data: { relationships: [], goals: [], wins: [] } });

    const summary = await importBackup(text);
    expect(summary).toMatchObject({ sessions: 2, notes: 2, relationships: 0, goals: 0 });
    const restored = await exportBackup();
    expect(restored.data.notes.map((n) => n.text)).toContain('Quick call 🚀');
    expect(restored.data.sessions.every((s) => s.relationshipId === undefined)).toBe(true);
  });

  it('leaves a current file as it is', () => {
    const backup = backupOf(seed());
    expect(upgradeBackup(backup)).toEqual({ value: backup, fromVersion: 2 });
  });
});

describe('a write that fails half-way', () => {
  const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
  // As a failed request reports it, and as an aborted transaction does (Dexie keeps the cause in `inner`).
  it.each([
    ['a failed write', quota],
    ['an aborted transaction', () => new Dexie.AbortError('Transaction aborted', quota())],
  ])('out of storage, seen as %s: aborts the whole import and says so', async (_, failure) => {
    await store(seed());
    const before = await snapshot();
    const outOfSpace = (): never => {
      throw failure();
    };
    db.noteLists.hook('creating', outOfSpace);
    try {
      const error = await rejection(importBackup(serializeBackup(backupOf(seed()))));
      expect(error.message).toBe('your browser is out of storage space; nothing was imported');
    } finally {
      db.noteLists.hook('creating').unsubscribe(outOfSpace);
    }
    // Notes are written after relationships, goals, sessions and agenda items: those rolled back too.
    expect(await snapshot()).toBe(before);
  });
});

const folder = `${fixtures}malformed/`;
const expected: Record<string, string> = JSON.parse(await readFile(`${folder}expected.json`, 'utf8'));
const files = (await readdir(folder)).filter((name) => /^\d\d-.*\.(json|txt)$/.test(name)).sort();

describe('malformed files', () => {
  it('has at least 30 files, each with its expected message in expected.json and in the README', async () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(files);
    const readme = await readFile(`${folder}README.md`, 'utf8');
    for (const file of files) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${file}\` |`));
      expect(row, file).toContain(`\`${expected[file]?.replaceAll('|', '\\|')}\``);
    }
  });

  it.each(files)('%s is refused with the first problem named, and nothing changes', async (file) => {
    await store(seed());
    const before = await snapshot();
    const error = await rejection(importBackup(await readFile(`${folder}${file}`, 'utf8')));
    expect(error.message).toContain(expected[file]);
    expect(await snapshot()).toBe(before);
  });

  it('a `__proto__` key never reaches Object.prototype, whether refused or dropped', async () => {
    const refused = await readFile(`${folder}33-proto-pollution.json`, 'utf8');
    await rejection(importBackup(refused));

    const data = seed();
    const text = serializeBackup(backupOf(data)).replace(
      /^ {6}\{"id":/gm,
      '      {"__proto__":{"polluted":true,"id":"x"},"id":',
    );
    await importBackup(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = await db.goals.toArray();
    expect(stored.map((goal) => Object.getPrototypeOf(goal))).toEqual(stored.map(() => Object.prototype));
    expect(stored.every((goal) => !Object.hasOwn(goal, '__proto__'))).toBe(true);
    expect(stored.map((goal) => goal.id).sort()).toEqual(data.goals.map((goal) => goal.id).sort());
  });

  it('50 MB of junk is refused quickly', async () => {
    await store(seed());
    const before = await snapshot();
    const size = 50 * 1024 * 1024;

    const notJson = 'x'.repeat(size);
    let started = performance.now();
    expect((await rejection(importBackup(notJson))).message).toMatch(/^not JSON: Unexpected token 'x'/);
    const notJsonMs = performance.now() - started;

    // Valid JSON all the way, every record wrong: the check must stop at the first one.
    const junk = '{"id":"junk","text":12345,"visibility":"maybe"}';
    const head = '{"format":"tandem-backup","version":2,"exportedAt":"2026-11-24T10:00:00.000Z","data":{';
    const empty = TABLE_NAMES.filter((table) => table !== 'notes').map((table) => `"${table}":[]`);
    const rows = new Array(Math.floor(size / (junk.length + 1))).fill(junk).join(',');
    const junkRecords = `${head}${empty.join(',')},"notes":[${rows}]}}`;
    expect(junkRecords.length).toBeGreaterThan(size * 0.99);
    started = performance.now();
    expect((await rejection(importBackup(junkRecords))).message).toBe('data.notes[0].id: Invalid UUID');
    const junkRecordsMs = performance.now() - started;

    console.info(
      `50 MB junk refused: not JSON in ${notJsonMs.toFixed(0)} ms, junk records in ${junkRecordsMs.toFixed(0)} ms`,
    );
    expect(await snapshot()).toBe(before);
  });

  it('a file over 200 MB is refused by its size, before it is parsed', async () => {
    const tooBig = ' '.repeat(MAX_BACKUP_BYTES + 1);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect((await rejection(importBackup(tooBig))).message).toBe(
        'the file is too large (201 MB; the limit is 200 MB)',
      );
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
