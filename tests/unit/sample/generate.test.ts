// IndexedDB for Dexie in Node; each test file gets its own in-memory instance.
import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import { db, TABLE_NAMES, type TableName } from '../../../lib/db/database';
import { recordTable } from '../../../lib/db/records';
import { AgendaItem } from '../../../lib/model/agenda';
import { Goal } from '../../../lib/model/goal';
import { Note } from '../../../lib/model/note';
import { ActionItem, CheckIn, Feedback, Takeaway, Win } from '../../../lib/model/outcome';
import { Relationship } from '../../../lib/model/relationship';
import { Session } from '../../../lib/model/session';
import { generateSample, type SampleData } from '../../../lib/sample/generate';
import { seedDatabase } from '../../../lib/sample/seed';

const SCHEMAS: Record<TableName, z.ZodMiniType> = {
  relationships: Relationship,
  goals: Goal,
  sessions: Session,
  agendaItems: AgendaItem,
  notes: Note,
  takeaways: Takeaway,
  actionItems: ActionItem,
  feedback: Feedback,
  checkIns: CheckIn,
  wins: Win,
};

const TODAY = '2026-11-23';
let big: SampleData;

beforeAll(() => {
  const started = performance.now();
  big = generateSample({ relationships: 10, years: 5, seed: 42 });
  const ms = performance.now() - started;
  const counts = Object.fromEntries(TABLE_NAMES.map((name) => [name, big[name].length]));
  console.info(`generateSample 10×5: ${ms.toFixed(0)} ms`, counts);
});

describe('generateSample', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const options = { relationships: 3, years: 1.5, seed: 7 };
    expect(generateSample(options)).toEqual(generateSample(options));
    expect(generateSample({ ...options, seed: 8 }).notes).not.toEqual(generateSample(options).notes);
  });

  it('extends a smaller set when asked for more relationships', () => {
    const small = generateSample({ relationships: 2, years: 1, seed: 3 });
    const larger = generateSample({ relationships: 4, years: 1, seed: 3 });
    const ofSmall = new Set(small.relationships.map((r) => r.id));
    expect(larger.relationships.slice(0, 2)).toEqual(small.relationships);
    expect(larger.sessions.filter((s) => ofSmall.has(s.relationshipId ?? ''))).toEqual(small.sessions);
  });

  it('produces only records that pass their schema', () => {
    for (const name of TABLE_NAMES) {
      for (const record of big[name]) {
        const result = SCHEMAS[name].safeParse(record);
        if (!result.success) expect.fail(`${name} ${JSON.stringify(record)}: ${result.error.message}`);
      }
    }
  });

  it('gives every record an id of its own', () => {
    const ids = TABLE_NAMES.flatMap((name) => big[name].map((record) => record.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refers only to records that exist, within the same relationship', () => {
    const relationships = new Set(big.relationships.map((r) => r.id));
    const sessions = new Map(big.sessions.map((s) => [s.id, s]));
    const goals = new Map(big.goals.map((g) => [g.id, g]));
    const agenda = new Map(big.agendaItems.map((a) => [a.id, a]));
    const relationshipOfSession = (id: string | undefined): string | undefined =>
      id === undefined ? undefined : sessions.get(id)?.relationshipId;
    const expectGoalOf = (goalId: string | undefined, relationshipId: string | undefined): void => {
      if (goalId !== undefined) expect(goals.get(goalId)?.relationshipId).toBe(relationshipId);
    };

    for (const goal of big.goals) expect(relationships.has(goal.relationshipId)).toBe(true);
    for (const session of big.sessions) expect(relationships.has(session.relationshipId ?? '')).toBe(true);
    for (const item of big.agendaItems) {
      const relationshipId = relationshipOfSession(item.sessionId);
      expect(relationshipId).toBeDefined();
      expectGoalOf(item.goalId, relationshipId);
      if (item.origin.kind === 'carried') {
        expect(item.carriedFrom).toBe(item.origin.fromItemId);
        expect(agenda.get(item.origin.fromItemId)?.sessionId).toBe(item.origin.fromSessionId);
        expect(relationshipOfSession(item.origin.fromSessionId)).toBe(relationshipId);
      } else {
        expect(item.carriedFrom).toBeUndefined();
      }
    }
    for (const record of [...big.notes, ...big.feedback]) expect(sessions.has(record.sessionId)).toBe(true);
    for (const takeaway of big.takeaways) {
      expect(sessions.has(takeaway.sessionId)).toBe(true);
      expectGoalOf(takeaway.goalId, relationshipOfSession(takeaway.sessionId));
    }
    for (const action of big.actionItems) {
      expect(relationships.has(action.relationshipId)).toBe(true);
      expectGoalOf(action.goalId, action.relationshipId);
      for (const sessionId of [action.createdInSessionId, action.reviewSessionId, action.closedInSessionId]) {
        if (sessionId !== undefined) expect(relationshipOfSession(sessionId)).toBe(action.relationshipId);
      }
    }
    for (const checkIn of big.checkIns) {
      expect(relationships.has(checkIn.relationshipId)).toBe(true);
      if (checkIn.sessionId !== undefined)
        expect(relationshipOfSession(checkIn.sessionId)).toBe(checkIn.relationshipId);
    }
    for (const win of big.wins) {
      expect(relationships.has(win.relationshipId)).toBe(true);
      expectGoalOf(win.goalId, win.relationshipId);
      if (win.milestoneId !== undefined) {
        const milestone = goals.get(win.goalId ?? '')?.milestones.find((m) => m.id === win.milestoneId);
        expect(milestone?.doneOn).toBe(win.on);
      }
      if (win.sessionId !== undefined) expect(relationshipOfSession(win.sessionId)).toBe(win.relationshipId);
    }
  });

  it('reaches the bench size with 10 relationships over 5 years', () => {
    const content = big.agendaItems.length + big.notes.length + big.takeaways.length + big.actionItems.length;
    expect(big.relationships).toHaveLength(10);
    expect(big.sessions.length).toBeGreaterThanOrEqual(2_400);
    expect(big.sessions.length).toBeLessThanOrEqual(2_800);
    expect(content).toBeGreaterThanOrEqual(50_000);
  });

  it('covers every cadence kind, both roles and every session status', () => {
    expect(new Set(big.relationships.map((r) => r.agreement.cadence.kind))).toEqual(
      new Set(['weekly', 'biweekly', 'monthly', 'custom']),
    );
    expect(new Set(big.relationships.map((r) => r.myRole))).toEqual(new Set(['mentor', 'mentee']));
    expect(new Set(big.sessions.map((s) => s.status))).toEqual(new Set(['held', 'cancelled', 'moved', 'scheduled']));
  });

  it('keys calendar sessions by their series and original start, never twice', () => {
    const keys = new Set<string>();
    for (const session of big.sessions) {
      if (session.eventId === undefined) {
        // Ad-hoc calls are known by their Meet code only.
        expect(session.meetCode).toBeDefined();
        continue;
      }
      expect(session.eventId).toMatch(new RegExp(`^${session.seriesId}_\\d{8}T\\d{6}Z$`));
      const series = big.relationships.find((r) => r.id === session.relationshipId)?.series;
      expect(series).toContainEqual({ calendarId: session.calendarId, seriesId: session.seriesId });
      const key = `${session.calendarId}\n${session.eventId}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
  });

  it('schedules only what lies ahead, and holds only what lies behind', () => {
    const today = `${TODAY}T00:00:00.000Z`;
    for (const session of big.sessions) {
      const start = session.start ?? '';
      if (session.status === 'scheduled') expect(start >= today).toBe(true);
      if (session.status === 'held' || session.status === 'cancelled') expect(start < today).toBe(true);
      expect(session.createdAt <= session.updatedAt).toBe(true);
    }
  });

  it('carries an agenda item into a session at most once', () => {
    const keys = big.agendaItems.flatMap((item) =>
      item.carriedFrom ? [`${item.sessionId}\n${item.carriedFrom}`] : [],
    );
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reviews open action items at the next scheduled session of an active relationship', () => {
    const nextSession = new Map<string, string>();
    for (const session of [...big.sessions].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))) {
      const future = session.status === 'scheduled' || (session.status === 'moved' && (session.start ?? '') >= TODAY);
      if (future && session.relationshipId && !nextSession.has(session.relationshipId)) {
        nextSession.set(session.relationshipId, session.id);
      }
    }
    const open = big.actionItems.filter((a) => a.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const action of open) {
      const next = nextSession.get(action.relationshipId);
      if (next) expect(action.reviewSessionId).toBe(next);
      expect(action.closedInSessionId).toBeUndefined();
    }
    for (const action of big.actionItems.filter((a) => a.status !== 'open')) {
      expect(action.closedInSessionId).toBeDefined();
    }
  });
});

describe('seedDatabase', () => {
  beforeEach(async () => {
    await db.delete({ disableAutoOpen: false });
  });

  it('writes every record of every table', async () => {
    const data = generateSample({ relationships: 3, years: 1, seed: 11 });
    await seedDatabase(data);
    for (const name of TABLE_NAMES) {
      expect(data[name].length, name).toBeGreaterThan(0);
      expect((await recordTable(name).all()).length, name).toBe(data[name].length);
    }
    const session = data.sessions[0];
    expect(await db.sessions.get(session?.id ?? '')).toEqual(session);
  });

  it('writes nothing when a record is rejected', async () => {
    const data = generateSample({ relationships: 1, years: 1, seed: 11 });
    const [first] = data.wins;
    if (!first) expect.fail('expected a win');
    await expect(seedDatabase({ ...data, wins: [...data.wins, first] })).rejects.toThrow();
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
  });
});
