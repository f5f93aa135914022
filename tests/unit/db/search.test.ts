// IndexedDB for Dexie in Node; each test file gets its own in-memory instance.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { buildSearchIndex, type SearchHit, type SearchResults } from '../../../lib/db/search';
import type { AgendaItem } from '../../../lib/model/agenda';
import { newId } from '../../../lib/model/common';
import type { Goal } from '../../../lib/model/goal';
import type { Note } from '../../../lib/model/note';
import type { Takeaway } from '../../../lib/model/outcome';
import type { Session } from '../../../lib/model/session';
import { generateSample, type SampleData } from '../../../lib/sample/generate';
import { seedDatabase } from '../../../lib/sample/seed';

const STAMP = '2026-11-01T10:00:00.000Z';
const stamps = { createdAt: STAMP, updatedAt: STAMP };

function session(relationshipId: string | undefined, start: string): Session {
  return { id: newId(), ...(relationshipId ? { relationshipId } : {}), start, status: 'held', ...stamps };
}

function note(sessionId: string, text: string, visibility: Note['visibility'] = 'private'): Note {
  return { id: newId(), sessionId, visibility, text, ...stamps };
}

function agenda(sessionId: string, text: string): AgendaItem {
  return {
    id: newId(),
    sessionId,
    text,
    addedBy: 'me',
    order: 1,
    discussed: false,
    origin: { kind: 'added' },
    ...stamps,
  };
}

function takeaway(sessionId: string, text: string): Takeaway {
  return { id: newId(), sessionId, text, ...stamps };
}

function goal(relationshipId: string, title: string, milestone = 'First step'): Goal {
  return {
    id: newId(),
    relationshipId,
    title,
    why: 'Because it matters.',
    successCriteria: 'Done when both of us agree.',
    category: 'career',
    status: 'active',
    milestones: [{ id: newId(), title: milestone }],
    revisions: [],
    ...stamps,
  };
}

async function seed(records: Partial<SampleData>): Promise<void> {
  await seedDatabase({
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
    ...records,
  });
}

function hitsOf(results: SearchResults): SearchHit[] {
  return results.groups.flatMap((group) => [...group.hits, ...group.sessions.flatMap((s) => s.hits)]);
}

function idsFound(results: SearchResults): string[] {
  return hitsOf(results).map((hit) => hit.id);
}

const relA = newId();
const relB = newId();

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

describe('search', () => {
  it('groups hits by relationship, then by session; goals sit under their relationship', async () => {
    const s1 = session(relA, '2026-10-01T15:00:00.000Z');
    const s2 = session(relA, '2026-10-08T15:00:00.000Z');
    const s3 = session(relB, '2026-10-02T09:00:00.000Z');
    const n1 = note(s1.id, 'Talked about the promotion plan.');
    const a2 = agenda(s2.id, 'Promotion criteria: which gaps remain?');
    const t2 = takeaway(s2.id, 'Ask for the promotion explicitly');
    const t3 = takeaway(s3.id, 'A promotion is a bet on the future');
    const g = goal(relA, 'Get promoted to senior', 'Promotion packet submitted');
    await seed({ sessions: [s1, s2, s3], notes: [n1], agendaItems: [a2], takeaways: [t2, t3], goals: [g] });

    const results = (await buildSearchIndex()).search('promotion');

    expect(results.total).toBe(5);
    const byRelationship = new Map(results.groups.map((group) => [group.relationshipId, group]));
    expect([...byRelationship.keys()].sort()).toEqual([relA, relB].sort());
    const a = byRelationship.get(relA);
    expect(a?.hits.map((hit) => [hit.kind, hit.id])).toEqual([['goal', g.id]]);
    expect(new Map(a?.sessions.map((s) => [s.sessionId, s.hits.map((hit) => hit.id).sort()]))).toEqual(
      new Map([
        [s1.id, [n1.id]],
        [s2.id, [a2.id, t2.id].sort()],
      ]),
    );
    expect(a?.sessions.find((s) => s.sessionId === s2.id)?.date).toBe(s2.start);
    expect(byRelationship.get(relB)?.sessions.map((s) => s.hits.map((hit) => [hit.kind, hit.id]))).toEqual([
      [['takeaway', t3.id]],
    ]);
    // Best first at every level.
    const best = (hits: SearchHit[]): number => Math.max(...hits.map((hit) => hit.score));
    const groupBest = results.groups.map((group) => best([...group.hits, ...group.sessions.flatMap((s) => s.hits)]));
    expect(groupBest).toEqual([...groupBest].sort((x, y) => y - x));
  });

  it('groups sessions not attached to a relationship under null', async () => {
    const loose = session(undefined, '2026-10-01T15:00:00.000Z');
    const n = note(loose.id, 'Notes typed on an unknown event about the roadmap');
    await seed({ sessions: [loose], notes: [n] });

    const results = (await buildSearchIndex()).search('roadmap');

    expect(results.groups).toEqual([
      {
        relationshipId: null,
        hits: [],
        sessions: [{ sessionId: loose.id, date: loose.start, hits: [expect.objectContaining({ id: n.id })] }],
      },
    ]);
  });

  it('searches private notes as well as shared ones', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const secret = note(s.id, 'Private: worried about burnout', 'private');
    const shared = note(s.id, 'Shared: burnout prevention plan', 'shared');
    await seed({ sessions: [s], notes: [secret, shared] });

    expect(idsFound((await buildSearchIndex()).search('burnout')).sort()).toEqual([secret.id, shared.id].sort());
  });

  it('ignores case and diacritics, in the text and in the query', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const cv = agenda(s.id, 'Résumé review: outcomes, not duties');
    const plain = agenda(s.id, 'Send the RESUME to Søren');
    const name = note(s.id, 'Łukasz joined the call from Straße 12');
    await seed({ sessions: [s], agendaItems: [cv, plain], notes: [name] });
    const index = await buildSearchIndex();

    expect(idsFound(index.search('resume')).sort()).toEqual([cv.id, plain.id].sort());
    expect(idsFound(index.search('RÉSUMÉ')).sort()).toEqual([cv.id, plain.id].sort());
    expect(idsFound(index.search('soren'))).toEqual([plain.id]);
    expect(idsFound(index.search('lukasz strasse'))).toEqual([name.id]);
  });

  it('forgives a typo in longer words, not in short ones', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const item = agenda(s.id, 'Rehearse the promotion pitch and the plan');
    await seed({ sessions: [s], agendaItems: [item] });
    const index = await buildSearchIndex();

    expect(idsFound(index.search('promtion'))).toEqual([item.id]);
    expect(idsFound(index.search('rehaerse pitch'))).toEqual([item.id]);
    expect(index.search('pln').total).toBe(0);
    expect(index.search('plam').total).toBe(0);
  });

  it('matches the beginning of words while typing', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const item = takeaway(s.id, 'Mentorship works when the mentee sets the agenda');
    await seed({ sessions: [s], takeaways: [item] });
    const index = await buildSearchIndex();

    expect(idsFound(index.search('mentors'))).toEqual([item.id]);
    expect(idsFound(index.search('ag'))).toEqual([item.id]);
    // A single letter would match nearly everything; it only matches itself.
    expect(index.search('m').total).toBe(0);
  });

  it('requires every word of the query', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const both = note(s.id, 'Promotion packet draft is ready');
    const one = note(s.id, 'Promotion plan, no draft yet');
    await seed({ sessions: [s], notes: [both, one] });

    expect(idsFound((await buildSearchIndex()).search('promotion packet'))).toEqual([both.id]);
  });

  it('searches goal titles, reasons, success criteria and milestones', async () => {
    const g = goal(relA, 'Speak up earlier', 'Present at the architecture meeting');
    g.why = 'Decisions are made before I share my view.';
    g.successCriteria = 'Three contributions a month in the first ten minutes.';
    await seed({ goals: [g] });
    const index = await buildSearchIndex();

    for (const query of ['speak', 'decisions', 'contributions', 'architecture']) {
      expect(
        hitsOf(index.search(query)).map((hit) => [hit.kind, hit.id]),
        query,
      ).toEqual([['goal', g.id]]);
    }
  });

  it('returns a short plain-text snippet around the first match, with the match located', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const before = 'We began with the week and the team offsite, then moved on to other things.\n\n';
    const after = '\n- next: ask the manager for the written rubric before the calibration meeting in December';
    const n = note(s.id, `${before}The Promotion case is stronger than last quarter.${after}`);
    await seed({ sessions: [s], notes: [n] });

    const [hit] = hitsOf((await buildSearchIndex()).search('promotion'));

    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.endsWith('…')).toBe(true);
    expect(hit?.snippet.length).toBeLessThanOrEqual(130);
    expect(hit?.snippet).toContain('things. The Promotion case is stronger than last quarter. - next: ask');
    expect(hit?.snippet).not.toMatch(/\n/);
    expect(hit?.highlight && hit.snippet.slice(hit.highlight.start, hit.highlight.end)).toBe('Promotion');
  });

  it('gives markup back as the text it is', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const payload = '<img src=x onerror=alert(1)> and <script>alert("x")</script> &amp; done';
    const n = note(s.id, payload);
    await seed({ sessions: [s], notes: [n] });
    const index = await buildSearchIndex();

    expect(hitsOf(index.search('onerror'))[0]?.snippet).toBe(payload);
    // Cut at the front only: the rest is the payload, character for character.
    const cut = hitsOf(index.search('amp'))[0]?.snippet ?? '';
    expect(cut.startsWith('…')).toBe(true);
    expect(payload.endsWith(cut.slice(1))).toBe(true);
    expect(cut).toContain('<script>alert("x")</script> &amp; done');
  });

  it('never cuts a snippet in the middle of an emoji', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    // No spaces to cut at, and the odd offsets put both window edges inside a surrogate pair.
    const n = note(s.id, `x${'🚀'.repeat(30)}launch!${'🎉'.repeat(60)}`);
    await seed({ sessions: [s], notes: [n] });

    const snippet = hitsOf((await buildSearchIndex()).search('launch'))[0]?.snippet ?? '';

    expect(snippet).toMatch(/^…(🚀)+launch!(🎉)+…$/u);
    // In a `u` regex a surrogate range only matches an unpaired half.
    expect(snippet).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('returns at most `limit` hits, best first, and counts all of them', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const notes = Array.from({ length: 60 }, (_, i) => note(s.id, `roadmap ${'roadmap '.repeat(i % 5)}item ${i}`));
    await seed({ sessions: [s], notes });
    const index = await buildSearchIndex();

    const limited = index.search('roadmap', { limit: 3 });
    expect(limited.total).toBe(60);
    expect(hitsOf(limited)).toHaveLength(3);
    const scores = hitsOf(limited).map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(hitsOf(index.search('roadmap'))).toHaveLength(50);
    expect(hitsOf(index.search('roadmap', { limit: 0 }))).toHaveLength(0);
  });

  it('finds nothing for a query without words', async () => {
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    await seed({ sessions: [s], notes: [note(s.id, 'Anything at all?! <> …')] });
    const index = await buildSearchIndex();

    for (const query of ['', '   ', '?!', '<>', '…']) {
      expect(index.search(query), JSON.stringify(query)).toEqual({ total: 0, groups: [] });
    }
  });
});

describe('a live index', () => {
  it('follows edits, removals and moved sessions without a rebuild', async () => {
    const s1 = session(relA, '2026-10-01T15:00:00.000Z');
    const s2 = session(relA, '2026-10-08T15:00:00.000Z');
    const n1 = note(s1.id, 'Draft about the offsite');
    const a2 = agenda(s2.id, 'Offsite agenda');
    const t2 = takeaway(s2.id, 'Offsite lesson');
    await seed({ sessions: [s1, s2], notes: [n1], agendaItems: [a2], takeaways: [t2] });
    const index = await buildSearchIndex();
    expect(index.size).toBe(3);

    index.update('note', { ...n1, text: 'Draft about the hackathon' });
    expect(idsFound(index.search('hackathon'))).toEqual([n1.id]);
    expect(idsFound(index.search('offsite')).sort()).toEqual([a2.id, t2.id].sort());

    index.update('note', { ...n1, text: '   ' });
    expect(index.search('hackathon').total).toBe(0);
    expect(index.size).toBe(2);

    index.update('session', { ...s2, relationshipId: relB, start: '2026-10-09T15:00:00.000Z' });
    expect(index.search('offsite').groups).toEqual([
      {
        relationshipId: relB,
        hits: [],
        sessions: [expect.objectContaining({ sessionId: s2.id, date: '2026-10-09T15:00:00.000Z' })],
      },
    ]);

    index.remove('takeaway', t2.id);
    expect(idsFound(index.search('offsite'))).toEqual([a2.id]);

    const g = goal(relA, 'Run the offsite');
    index.update('goal', g);
    expect(idsFound(index.search('offsite')).sort()).toEqual([a2.id, g.id].sort());

    const n2 = note(s2.id, 'A new note in a known session: offsite budget');
    index.update('note', n2);
    expect(index.search('budget').groups[0]?.relationshipId).toBe(relB);

    index.remove('session', s2.id);
    expect(idsFound(index.search('offsite'))).toEqual([g.id]);
    expect(index.size).toBe(1);
  });

  it('files a note of a session it does not know yet under null until the session arrives', async () => {
    const index = await buildSearchIndex();
    const s = session(relA, '2026-10-01T15:00:00.000Z');
    const n = note(s.id, 'Typed before sync found the event');

    index.update('note', n);
    expect(index.search('sync').groups[0]?.relationshipId).toBeNull();
    index.update('session', s);
    expect(index.search('sync').groups[0]?.relationshipId).toBe(relA);
  });
});

describe('on the 10 × 5 years sample', () => {
  it('builds and answers in reasonable time (printed, not asserted)', async () => {
    const data = generateSample({ relationships: 10, years: 5, seed: 42 });
    await seedDatabase(data);

    let started = performance.now();
    const index = await buildSearchIndex();
    const buildMs = performance.now() - started;
    const timings: string[] = [];
    for (const query of ['promotion', 'promtion', 'resume', 'design doc', 'feedback on', 'the']) {
      started = performance.now();
      const results = index.search(query);
      timings.push(`"${query}" ${(performance.now() - started).toFixed(1)} ms (${results.total} hits)`);
      expect(results.total, query).toBeGreaterThan(0);
    }
    console.info(
      `search index over ${index.size} documents: build ${buildMs.toFixed(0)} ms (fake-indexeddb read included); ${timings.join(', ')}`,
    );
  }, 60_000);
});
