import MiniSearch from 'minisearch';
import type { AgendaItem } from '../model/agenda';
import type { Goal } from '../model/goal';
import type { Note } from '../model/note';
import type { Takeaway } from '../model/outcome';
import type { Session } from '../model/session';
import { db } from './database';
import { agendaStore, noteStore, takeawayStore } from './session-lists';

export type SearchKind = 'note' | 'agenda' | 'takeaway' | 'goal';

/**
 * What a live index follows, by kind. Sessions are not searched; they give the documents of their
 * notes, agenda items and takeaways a relationship and a date.
 */
export interface IndexedRecords {
  note: Note;
  agenda: AgendaItem;
  takeaway: Takeaway;
  goal: Goal;
  session: Session;
}

/** `[kind, record]` pairs that belong together, so `update('note', goal)` does not compile. */
export type IndexUpdate = { [K in keyof IndexedRecords]: [kind: K, record: IndexedRecords[K]] }[keyof IndexedRecords];

export interface SearchHit {
  kind: SearchKind;
  /** Id of the note, agenda item, takeaway or goal. */
  id: string;
  /** Plain text around the first match, whitespace collapsed, `…` where cut. Render as text only. */
  snippet: string;
  /** Where the first matching word sits in `snippet` (UTF-16 offsets, end excluded). */
  highlight: { start: number; end: number } | null;
  score: number;
}

export interface SessionHits {
  sessionId: string;
  /** The session's start (an instant or, for all-day events, a date), or when it was recorded. */
  date: string | null;
  hits: SearchHit[];
}

export interface RelationshipHits {
  /** `null` for sessions not attached to a relationship yet. */
  relationshipId: string | null;
  /** Hits outside any session: goals. */
  hits: SearchHit[];
  sessions: SessionHits[];
}

export interface SearchResults {
  /** Matching documents before `limit` was applied. */
  total: number;
  /** Best group first; within a group, best session first; within a session, best hit first. */
  groups: RelationshipHits[];
}

export interface SearchIndex {
  /**
   * Finds documents containing every word of `query` (a word of at least 2 characters also matches
   * as a prefix, one of at least 5 with a typo or two), ignoring case and diacritics. Returns the best
   * `limit` hits (default 50), grouped. A query without letters or digits finds nothing.
   */
  search(query: string, options?: { limit?: number }): SearchResults;
  /** Adds or replaces the document of a record (a note emptied of text leaves the index). */
  update(...change: IndexUpdate): void;
  /** Forgets a record; forgetting a session forgets its notes, agenda items and takeaways too. */
  remove(kind: keyof IndexedRecords, id: string): void;
  /** Number of searchable documents. */
  readonly size: number;
}

const DEFAULT_LIMIT = 50;
const SNIPPET_BEFORE = 40;
const SNIPPET_AFTER = 80;

/** A word: letters, digits and combining marks. Markup characters and emoji separate words. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const HAS_WORD = /[\p{L}\p{N}\p{M}]/u;
const MARKS = /[\u0300-\u036f]/g;
/** Letters that carry their diacritic inside (no decomposition) but are typed without it. */
const FOLDED: Readonly<Record<string, string>> = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' };
const UNFOLDED = /[øłđßæœ]/g;

/**
 * Reads notes, agenda items, takeaways, goals and sessions in one read transaction and indexes
 * them in memory. Private notes are included: the index and every search stay on this device.
 * The index does not follow later changes by itself; feed them to `update` and `remove`.
 */
export async function buildSearchIndex(): Promise<SearchIndex> {
  const [sessions, notes, agendaItems, takeaways, goals] = await db.transaction(
    'r',
    [db.sessions, db.noteLists, db.agendas, db.takeawayLists, db.goals],
    () =>
      Promise.all([db.sessions.toArray(), noteStore.all(), agendaStore.all(), takeawayStore.all(), db.goals.toArray()]),
  );
  const index = new LiveSearchIndex(sessions);
  await index.addAll([
    ...notes.map((note): IndexUpdate => ['note', note]),
    ...agendaItems.map((item): IndexUpdate => ['agenda', item]),
    ...takeaways.map((takeaway): IndexUpdate => ['takeaway', takeaway]),
    ...goals.map((goal): IndexUpdate => ['goal', goal]),
  ]);
  return index;
}

interface SearchDocument {
  /** `kind:id`: ids are unique per table, not across them. */
  key: string;
  id: string;
  kind: SearchKind;
  text: string;
  relationshipId: string | null;
  sessionId?: string;
  /** The session's date; `null` for goals and for sessions the index does not know. */
  date: string | null;
}

interface SessionContext {
  relationshipId: string | null;
  date: string | null;
}

class LiveSearchIndex implements SearchIndex {
  readonly #engine = new MiniSearch<SearchDocument>({
    idField: 'key',
    fields: ['text'],
    tokenize,
    processTerm: normalizeWord,
    searchOptions: {
      combineWith: 'AND',
      // One-letter prefixes match most of the vocabulary: slow, and useless as a filter.
      prefix: (term) => term.length >= 2,
      // Short words are one typo away from many common ones ("prom" ~ "from"), so only from five
      // letters: one typo up to seven letters, two from eight.
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });
  readonly #documents = new Map<string, SearchDocument>();
  readonly #sessions = new Map<string, SessionContext>();
  readonly #bySession = new Map<string, Set<string>>();

  constructor(sessions: readonly Session[]) {
    for (const session of sessions) this.#sessions.set(session.id, contextOf(session));
  }

  get size(): number {
    return this.#documents.size;
  }

  /** Indexes in chunks, yielding between them, so a page stays responsive while a large index builds. */
  async addAll(changes: readonly IndexUpdate[]): Promise<void> {
    const documents: SearchDocument[] = [];
    for (const change of changes) {
      const document = this.#documentFor(change);
      if (document && !this.#documents.has(document.key)) {
        this.#remember(document);
        documents.push(document);
      }
    }
    await this.#engine.addAllAsync(documents, { chunkSize: 1000 });
  }

  update(...change: IndexUpdate): void {
    if (change[0] === 'session') {
      const session = change[1];
      this.#sessions.set(session.id, contextOf(session));
      for (const key of [...(this.#bySession.get(session.id) ?? [])]) {
        const document = this.#documents.get(key);
        if (document) this.#put({ ...document, ...contextOf(session) });
      }
      return;
    }
    const document = this.#documentFor(change);
    if (document) this.#put(document);
    else this.#forget(`${change[0]}:${change[1].id}`);
  }

  remove(kind: keyof IndexedRecords, id: string): void {
    if (kind === 'session') {
      for (const key of [...(this.#bySession.get(id) ?? [])]) this.#forget(key);
      this.#sessions.delete(id);
      return;
    }
    this.#forget(`${kind}:${id}`);
  }

  search(query: string, { limit = DEFAULT_LIMIT }: { limit?: number } = {}): SearchResults {
    if (!HAS_WORD.test(query)) return { total: 0, groups: [] };
    const results = this.#engine.search(query);
    const groups = new Map<string | null, RelationshipHits & { bySession: Map<string, SessionHits> }>();
    for (const result of results.slice(0, Math.max(0, Math.floor(limit)))) {
      const document = this.#documents.get(result.id);
      if (!document) continue;
      let group = groups.get(document.relationshipId);
      if (!group) {
        group = { relationshipId: document.relationshipId, hits: [], sessions: [], bySession: new Map() };
        groups.set(document.relationshipId, group);
      }
      const hit: SearchHit = {
        kind: document.kind,
        id: document.id,
        ...snippetOf(document.text, new Set(result.terms)),
        score: result.score,
      };
      if (document.sessionId === undefined) {
        group.hits.push(hit);
        continue;
      }
      let session = group.bySession.get(document.sessionId);
      if (!session) {
        session = { sessionId: document.sessionId, date: document.date, hits: [] };
        group.bySession.set(document.sessionId, session);
        group.sessions.push(session);
      }
      session.hits.push(hit);
    }
    // Results come best first, so first appearance orders the groups and sessions too.
    return {
      total: results.length,
      groups: [...groups.values()].map(({ relationshipId, hits, sessions }) => ({ relationshipId, hits, sessions })),
    };
  }

  #documentFor(change: IndexUpdate): SearchDocument | undefined {
    const [kind, record] = change;
    let document: SearchDocument;
    switch (kind) {
      case 'session':
        return undefined;
      case 'goal':
        document = {
          key: `goal:${record.id}`,
          id: record.id,
          kind,
          text: [record.title, record.why, record.successCriteria, ...record.milestones.map((m) => m.title)]
            .filter((part) => part.trim() !== '')
            .join('\n'),
          relationshipId: record.relationshipId,
          date: null,
        };
        break;
      default: {
        const context = this.#sessions.get(record.sessionId) ?? { relationshipId: null, date: null };
        document = {
          key: `${kind}:${record.id}`,
          id: record.id,
          kind,
          text: record.text,
          sessionId: record.sessionId,
          ...context,
        };
      }
    }
    return HAS_WORD.test(document.text) ? document : undefined;
  }

  #put(document: SearchDocument): void {
    this.#forget(document.key);
    this.#remember(document);
    this.#engine.add(document);
  }

  #remember(document: SearchDocument): void {
    this.#documents.set(document.key, document);
    if (document.sessionId === undefined) return;
    let keys = this.#bySession.get(document.sessionId);
    if (!keys) {
      keys = new Set();
      this.#bySession.set(document.sessionId, keys);
    }
    keys.add(document.key);
  }

  #forget(key: string): void {
    const document = this.#documents.get(key);
    if (!document) return;
    // `discard` needs only the id (`remove` would need the old text); the engine vacuums later.
    this.#engine.discard(key);
    this.#documents.delete(key);
    if (document.sessionId !== undefined) this.#bySession.get(document.sessionId)?.delete(key);
  }
}

function contextOf(session: Session): SessionContext {
  return { relationshipId: session.relationshipId ?? null, date: session.start ?? session.createdAt };
}

function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower case without diacritics, so that "resume" finds "Résumé" and "lukasz" finds "Łukasz". */
function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(UNFOLDED, (letter) => FOLDED[letter] ?? letter);
}

/** A window of `text` around the first word whose normalized form is one of `terms`. */
function snippetOf(text: string, terms: ReadonlySet<string>): Pick<SearchHit, 'snippet' | 'highlight'> {
  for (const match of text.matchAll(WORD)) {
    if (!terms.has(normalizeWord(match[0]))) continue;
    const start = match.index;
    const end = start + match[0].length;
    const from = codePointBoundary(text, Math.max(0, start - SNIPPET_BEFORE));
    const to = codePointBoundary(text, Math.min(text.length, end + SNIPPET_AFTER));
    // A word cut by the window's edge is dropped, where a space shows where it ends.
    let before = collapse(text.slice(from, start));
    if (from > 0) before = `…${before.replace(/^\S*\s/, '')}`;
    else before = before.trimStart();
    let after = collapse(text.slice(end, to));
    if (to < text.length) after = `${after.replace(/\s\S*$/, '')}…`;
    else after = after.trimEnd();
    return {
      snippet: before + match[0] + after,
      highlight: { start: before.length, end: before.length + match[0].length },
    };
  }
  // No word matched (never the case for engine results, which use the same words): the beginning.
  const to = codePointBoundary(text, Math.min(text.length, SNIPPET_BEFORE + SNIPPET_AFTER));
  return { snippet: collapse(text.slice(0, to)).trim() + (to < text.length ? '…' : ''), highlight: null };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Moves a cut position off the middle of a surrogate pair, so a snippet never holds half an emoji. */
function codePointBoundary(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
