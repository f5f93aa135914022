import { z } from 'zod/mini';
import { BACKUP_FORMAT, BACKUP_VERSION, Backup, type BackupData, BackupOutline } from '../model/backup';
import { now } from '../model/common';
import { CACHE_TABLE_NAMES, db, TABLE_NAMES, type TableName } from './database';
import { type AnyRecord, type RecordTable, recordTable, recordTables } from './records';

/** A rejected import: the message names the first problem, as `path: reason` where there is a path. */
export class BackupError extends Error {
  override name = 'BackupError';

  constructor(
    readonly reason: string,
    /** Where in the file, e.g. `data.goals[3].targetDate`; empty when the problem is the file as a whole. */
    readonly path = '',
    options?: { cause?: unknown },
  ) {
    super(path ? `${path}: ${reason}` : reason, options);
  }
}

/** Larger files are refused before they are read or parsed. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

/** Number of records of each table in the file, all of which the database then holds. */
export type ImportSummary = Record<TableName, number>;

export interface ImportOptions {
  /**
   * `replace` (the default, a restore): the database ends up holding exactly the file's records.
   * `merge`: the file's records are added, and replace stored records with the same id; references
   * may then also point to records already stored.
   */
  mode?: 'replace' | 'merge';
}

/**
 * Reads every table in one read transaction, so the backup is a consistent snapshot even while
 * another context writes. Records are exported as stored, without validation: a backup must
 * never fail for the data it is meant to rescue.
 */
export function exportBackup(): Promise<Backup> {
  return db.transaction('r', recordTables(), async () => {
    const tables = await Promise.all(TABLE_NAMES.map((name) => recordTable(name).all()));
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now(),
      data: perTable((name) => tables[TABLE_NAMES.indexOf(name)]) as BackupData,
    };
  });
}

/**
 * The backup as JSON text that `importBackup` reads back exactly: one record per line, so the
 * file stays readable and greppable without the size of fully indented JSON.
 */
export function serializeBackup(backup: Backup): string {
  const tables = Object.entries(backup.data).map(([name, rows]) => {
    const lines = rows.map((row) => `      ${JSON.stringify(row)}`);
    return `    ${JSON.stringify(name)}: ${lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n    ]`}`;
  });
  return [
    '{',
    `  "format": ${JSON.stringify(backup.format)},`,
    `  "version": ${JSON.stringify(backup.version)},`,
    `  "exportedAt": ${JSON.stringify(backup.exportedAt)},`,
    '  "data": {',
    tables.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Checks a backup file without touching the database: size, JSON, format and version (upgrading
 * older versions), every record against its schema, duplicate ids and the database's other unique
 * keys. References between records are checked by `importBackup`, which knows whether stored
 * records may satisfy them. Throws a `BackupError` naming the first problem.
 */
export function parseBackup(text: string): Backup {
  checkSize(text.length);
  const { value } = upgradeBackup(parseJson(text));
  const outline = BackupOutline.safeParse(value, { error: explainIssue });
  if (!outline.success) throw issueError(outline.error.issues, []);
  // Record by record, so the first bad record is named and a file of 60,000 records is parsed once.
  const data: Record<TableName, unknown[]> = perTable(() => []);
  for (const table of TABLE_NAMES) {
    const schema = Backup.shape.data.shape[table].def.element;
    const rows = outline.data.data[table] ?? [];
    const parsed = data[table];
    for (const [i, row] of rows.entries()) {
      const record = schema.safeParse(row, { error: explainIssue });
      if (!record.success) throw issueError(record.error.issues, ['data', table, i]);
      parsed.push(record.data);
    }
  }
  // Every record was checked against its own schema above: this is the typed view of them.
  const backup = { ...outline.data, data } as unknown as Backup;
  checkUniqueKeys(backup.data);
  return backup;
}

/**
 * Restores a backup file all-or-nothing: checks the whole file first (`parseBackup`), then its
 * references, then writes every table in one read-write transaction. Any problem, including the
 * browser running out of storage half-way, rejects with a `BackupError` and leaves the database
 * exactly as it was. A `Blob` (a picked `File`) is refused by size before it is read.
 *
 * A replace writes only what differs from what is stored (`replaceTable`). Restoring a recent
 * backup mostly finds the same records again, and writing is what takes the time: Chromium's
 * IndexedDB spends 0.1–0.2 ms on every record it writes (and more clearing the old ones), about
 * 8 s for the 56,000 records of the sample data set, against under 1 s to read and compare them.
 */
export async function importBackup(file: string | Blob, options: ImportOptions = {}): Promise<ImportSummary> {
  const mode = options.mode ?? 'replace';
  if (typeof file !== 'string') checkSize(file.size);
  const { data } = parseBackup(typeof file === 'string' ? file : await file.text());
  try {
    await db.transaction('rw', recordTables(), async () => {
      const stored = mode === 'merge' ? await storedIds() : undefined;
      checkReferences(data, stored);
      // Read in the same transaction as the writes, so that nothing changes in between.
      const current = mode === 'replace' ? await Promise.all(recordTables().map((table) => table.toArray())) : [];
      // Every table's writes are asked for at once, not one table after another: the page copies
      // the next table's records while IndexedDB is still writing the previous ones (measured here:
      // 3.3 s instead of 3.5 s for the sample's 56,000 records). Tables share no keys, so the order
      // between them does not matter; within a table, deletes still come before adds.
      await Promise.all(
        TABLE_NAMES.map(async (table, i) => {
          const target = recordTable(table);
          if (mode === 'replace') return replaceTable(target, table, data[table], current[i] ?? []);
          try {
            await target.put(data[table]);
          } catch (error) {
            throw writeError(error, table, (failed) => (target.perRecord ? failed : undefined));
          }
        }),
      );
    });
  } catch (error) {
    throw writeError(error);
  }
  return perTable((table) => data[table].length);
}

/**
 * Makes `target` hold exactly `records`, comparing what the table stores (`stored`: for agenda
 * items, each session's record of them). A stored value equal to the file's value with the same
 * key is kept as it is; every other stored value is deleted and every other file value added. When
 * fewer than half of the stored values are kept, clearing the table is cheaper than deleting them
 * one by one. Deleting before adding means a unique key (a session's calendar event) can move from
 * one record to another without a clash.
 */
async function replaceTable(
  target: RecordTable,
  table: TableName,
  records: readonly AnyRecord[],
  stored: readonly unknown[],
): Promise<void> {
  const { values, keyOf } = target.stored(records);
  const storedByKey = new Map(stored.map((value) => [keyOf(value), value]));
  const kept = new Set<string>();
  const added: number[] = []; // positions in `values` of the values to add
  for (const [i, value] of values.entries()) {
    const key = keyOf(value);
    const old = storedByKey.get(key);
    if (old !== undefined && sameValue(old, value)) kept.add(key);
    else added.push(i);
  }
  const clear = kept.size < stored.length / 2;
  // A bulk write names a failure by its position in what it was given: here, in `records` or `added`.
  const position = (failed: number) => (!target.perRecord ? undefined : clear ? failed : added[failed]);
  try {
    if (clear) {
      await target.table.clear();
      await target.table.bulkAdd(values);
    } else {
      await target.table.bulkDelete(stored.map(keyOf).filter((key) => !kept.has(key)));
      await target.table.bulkAdd(added.map((i) => values[i]));
    }
  } catch (error) {
    throw writeError(error, table, position);
  }
}

/**
 * Whether two stored values are the same data: plain objects with the same own keys (a key set to
 * `undefined` differs from a missing one), arrays, and primitives. Anything else counts as
 * different, which only costs a write.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true; // unlike ===, tells 0 from -0, which IndexedDB keeps apart
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(y, key) && sameValue(x[key], y[key]));
}

/**
 * Deletes every record of every table, the sync and sharing caches and the writes still waiting
 * for Google included (nothing goes out afterwards), in one transaction: all of it or, on failure,
 * none.
 */
export async function wipeAll(): Promise<void> {
  const tables = [...recordTables(), ...CACHE_TABLE_NAMES.map((name) => db.table(name))];
  await db.transaction('rw', tables, () => Promise.all(tables.map((table) => table.clear())));
}

/** The value of a backup file at the current version, and the version the file was written at. */
export interface UpgradedBackup {
  value: unknown;
  fromVersion: number;
}

type BackupFile = Record<string, unknown>;

/**
 * `UPGRADES[n]` turns a version-`n` file into a version-`n + 1` file. Each step is frozen in time:
 * it produces exactly what version `n + 1` looked like, and a new version adds one step.
 */
const UPGRADES: Readonly<Record<number, (file: BackupFile) => BackupFile>> = {
  // Version 1, the walking skeleton, had only sessions and their notes; both are valid version-2
  // records (a session's relationship and end are optional).
  1: (file) => {
    const V1Data = z.strictObject(
      { sessions: z.array(z.unknown()), notes: z.array(z.unknown()) },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown table in a version 1 backup' : undefined) },
    );
    const data = V1Data.safeParse(file.data, { error: explainIssue });
    if (!data.success) throw issueError(data.error.issues, ['data']);
    const { sessions, notes } = data.data;
    return {
      ...file,
      version: 2,
      data: {
        relationships: [],
        goals: [],
        sessions,
        agendaItems: [],
        notes,
        takeaways: [],
        actionItems: [],
        feedback: [],
        checkIns: [],
        wins: [],
      },
    };
  },
};

/**
 * Checks that a parsed JSON value is a Tandem backup of a version this Tandem reads, and brings it
 * to the current version, one step per version. The result is not validated yet (`parseBackup`
 * does that). Throws a `BackupError` for anything that is not a backup or has an unknown version.
 */
export function upgradeBackup(raw: unknown): UpgradedBackup {
  if (!isObject(raw))
    throw new BackupError(`not a Tandem backup (expected a JSON object, found ${describeValue(raw)})`);
  if (!('format' in raw)) throw new BackupError(`not a Tandem backup (missing "format": "${BACKUP_FORMAT}")`);
  if (raw.format !== BACKUP_FORMAT) {
    throw new BackupError(
      `not a Tandem backup ("format" is ${describeValue(raw.format)}, expected "${BACKUP_FORMAT}")`,
    );
  }
  const fromVersion = raw.version;
  if (fromVersion === undefined) throw new BackupError('missing (expected a whole number)', 'version');
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion)) {
    throw new BackupError(`expected a whole number, found ${describeValue(fromVersion)}`, 'version');
  }
  if (fromVersion < 1 || fromVersion > BACKUP_VERSION) {
    throw new BackupError(`unsupported backup version ${fromVersion} (this Tandem reads versions 1–${BACKUP_VERSION})`);
  }
  let file: BackupFile = raw;
  for (let version = fromVersion; version < BACKUP_VERSION; version++) {
    const step = UPGRADES[version];
    if (!step) throw new Error(`no upgrade from backup version ${version}`);
    file = step(file);
  }
  return { value: file, fromVersion };
}

function checkSize(size: number): void {
  // For a string this is its length, never more than its UTF-8 size: a file under the limit in
  // bytes always passes.
  if (size > MAX_BACKUP_BYTES) {
    const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
    throw new BackupError(`the file is too large (${mb(size)} MB; the limit is ${mb(MAX_BACKUP_BYTES)} MB)`);
  }
}

function parseJson(text: string): unknown {
  // A byte-order mark is what Windows editors put before JSON they save; it is no reason to refuse.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (json.trim() === '') throw new BackupError('not JSON: the file is empty');
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new BackupError(`not JSON: ${shorten(error instanceof Error ? error.message : String(error), 200)}`);
  }
}

const english = z.locales.en().localeError;

/** zod's English messages, except that a missing value says so instead of "received undefined". */
const explainIssue: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? `missing (expected ${issue.expected})` : english(issue);

function issueError(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): BackupError {
  const [issue] = issues;
  if (!issue) return new BackupError('invalid', formatPath(prefix));
  // An unknown key is reported on its parent object; naming the key itself points at the problem.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
  return new BackupError(issue.message, formatPath([...prefix, ...path]));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

interface UniqueKey<T extends TableName> {
  table: T;
  /** The field the path names when two records share the key. */
  field: string;
  key: (row: BackupData[T][number]) => string | undefined;
  reason: string;
}

function uniqueKey<T extends TableName>(spec: UniqueKey<T>): (data: BackupData) => BackupError | undefined {
  return (data) => {
    const rows: readonly BackupData[T][number][] = data[spec.table];
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      const key = spec.key(row);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        return new BackupError(
          `${spec.reason} (also at data.${spec.table}[${first}])`,
          `data.${spec.table}[${i}].${spec.field}`,
        );
      }
      seen.set(key, i);
    }
    return undefined;
  };
}

// The same constraints the database enforces (database.ts): caught here they name the record,
// caught by IndexedDB they would only abort the write.
const UNIQUE_KEYS = [
  ...TABLE_NAMES.map((table) => uniqueKey({ table, field: 'id', key: (row) => row.id, reason: 'duplicate id' })),
  uniqueKey({
    table: 'sessions',
    field: 'eventId',
    key: (s) =>
      s.calendarId !== undefined && s.eventId !== undefined ? JSON.stringify([s.calendarId, s.eventId]) : undefined,
    reason: 'a second session for the same calendar event (calendarId and eventId)',
  }),
  uniqueKey({
    table: 'agendaItems',
    field: 'carriedFrom',
    key: (item) => item.carriedFrom,
    reason: 'the same item carried forward twice',
  }),
];

function checkUniqueKeys(data: BackupData): void {
  for (const check of UNIQUE_KEYS) {
    const problem = check(data);
    if (problem) throw problem;
  }
}

/** For each table, the fields that hold the id of a record in another table (import checks them; deletion keeps them whole). */
export const REFERENCES: { readonly [T in TableName]: { readonly [F in keyof BackupData[T][number]]?: TableName } } = {
  relationships: {},
  goals: { relationshipId: 'relationships' },
  sessions: { relationshipId: 'relationships' },
  agendaItems: { sessionId: 'sessions', goalId: 'goals' },
  notes: { sessionId: 'sessions' },
  takeaways: { sessionId: 'sessions', goalId: 'goals' },
  actionItems: {
    relationshipId: 'relationships',
    goalId: 'goals',
    createdInSessionId: 'sessions',
    reviewSessionId: 'sessions',
    closedInSessionId: 'sessions',
  },
  feedback: { sessionId: 'sessions' },
  checkIns: { relationshipId: 'relationships', sessionId: 'sessions' },
  wins: { relationshipId: 'relationships', goalId: 'goals', sessionId: 'sessions' },
};

type IdsByTable = Record<TableName, ReadonlySet<string>>;

async function storedIds(): Promise<IdsByTable> {
  const keys = await Promise.all(TABLE_NAMES.map((table) => recordTable(table).ids()));
  return perTable((table) => new Set(keys[TABLE_NAMES.indexOf(table)]));
}

/** Throws for the first reference, in table order, that names no record in the file (nor in `stored`). */
function checkReferences(data: BackupData, stored: IdsByTable | undefined): void {
  const inFile = perTable((table): ReadonlySet<string> => new Set(data[table].map((row) => row.id)));
  for (const table of TABLE_NAMES) {
    const fields = Object.entries(REFERENCES[table]);
    const rows: readonly Readonly<Record<string, unknown>>[] = data[table];
    for (const [i, row] of rows.entries()) {
      for (const [field, target] of fields) {
        const id = row[field];
        if (typeof id !== 'string' || inFile[target].has(id) || stored?.[target].has(id)) continue;
        const where = stored ? `in data.${target} nor on this device` : `in data.${target}`;
        throw new BackupError(`points to nothing: no record with id ${id} ${where}`, `data.${table}[${i}].${field}`);
      }
    }
  }
}

/**
 * Turns a failed write into the message the user sees; the transaction has rolled back by then.
 * `position` turns the position of a bulk write's failure into the record's position in the file.
 */
function writeError(error: unknown, table?: TableName, position?: (failed: number) => number | undefined): BackupError {
  if (error instanceof BackupError) return error;
  if (hasErrorNamed(error, 'QuotaExceededError')) {
    return new BackupError('your browser is out of storage space; nothing was imported', '', { cause: error });
  }
  const failed = firstFailedPosition(error);
  const at = failed === undefined || position === undefined ? undefined : position(failed);
  const path = table === undefined ? '' : at === undefined ? `data.${table}` : `data.${table}[${at}]`;
  const reason = hasErrorNamed(error, 'ConstraintError')
    ? 'clashes with a record already stored (same unique key); nothing was imported'
    : `could not be written (${describeError(error)}); nothing was imported`;
  return new BackupError(reason, path, { cause: error });
}

/** Dexie wraps IndexedDB's errors: an aborted transaction's in `inner`, a bulk write's in `failures`. */
function hasErrorNamed(error: unknown, name: string, depth = 0): boolean {
  if (!isObject(error) || depth > 3) return false;
  if (error.name === name) return true;
  const nested = [error.inner, error.cause, ...(Array.isArray(error.failures) ? error.failures : [])];
  return nested.some((inner) => hasErrorNamed(inner, name, depth + 1));
}

/** The position of the first failed record of a bulk write (`failuresByPos` is sparse, by position). */
function firstFailedPosition(error: unknown): number | undefined {
  if (!isObject(error) || typeof error.failuresByPos !== 'object' || error.failuresByPos === null) return undefined;
  const [position] = Object.keys(error.failuresByPos);
  return position === undefined ? undefined : Number(position);
}

function describeError(error: unknown): string {
  return error instanceof Error ? shorten(`${error.name}: ${error.message}`, 200) : shorten(String(error), 200);
}

/** A value for every table. */
function perTable<V>(value: (table: TableName) => V): Record<TableName, V> {
  return Object.fromEntries(TABLE_NAMES.map((table) => [table, value(table)])) as Record<TableName, V>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(shorten(value, 40))}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
