import type { Table } from 'dexie';
import type { BackupData } from '../model/backup';
import { db, TABLE_NAMES, type TableName } from './database';
import type { SessionList } from './session-list-records';
import { agendaStore, noteStore, type SessionListStore, takeawayStore } from './session-lists';

export type RecordOf<T extends TableName> = BackupData[T][number];
export type AnyRecord = RecordOf<TableName>;

/**
 * One kind of record, read and written the same way whichever way it is stored: in a table of its
 * own, one record per row, or (agenda items, takeaways, notes) a session's in one stored record. For the
 * operations on the whole database that go through every kind (backups, deleting a relationship,
 * sample data). Each method works inside the caller's transaction, which must include `table`.
 */
export interface RecordTable<T extends TableName = TableName> {
  /** The Dexie table holding these records, for a transaction's scope. */
  readonly table: Table;
  /** Each record is a stored value of its own (so a bulk write's failure positions are record positions). */
  readonly perRecord: boolean;
  all(): Promise<RecordOf<T>[]>;
  get(id: string): Promise<RecordOf<T> | undefined>;
  ids(): Promise<string[]>;
  /** Adds new records; rejects (writing none) if one's id, or another unique key, is taken. */
  add(records: readonly RecordOf<T>[]): Promise<void>;
  /** Adds records or replaces stored ones with the same id. */
  put(records: readonly RecordOf<T>[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  /** The records as the table stores them, with each stored value's primary key (to replace a table wholesale). */
  stored(records: readonly RecordOf<T>[]): { values: unknown[]; keyOf: (value: unknown) => string };
}

type ListedName = 'agendaItems' | 'takeaways' | 'notes';

function plainTable<T extends Exclude<TableName, ListedName>>(name: T): RecordTable<T> {
  const table = db.table<RecordOf<T>, string>(name);
  return {
    table,
    perRecord: true,
    all: () => table.toArray(),
    get: (id) => table.get(id),
    ids: () => table.toCollection().primaryKeys(),
    add: async (records) => void (await table.bulkAdd([...records])),
    put: async (records) => void (await table.bulkPut([...records])),
    delete: (ids) => table.bulkDelete([...ids]),
    stored: (records) => ({ values: [...records], keyOf: (value) => (value as { id: string }).id }),
  };
}

function listTable<N extends ListedName>(store: SessionListStore<RecordOf<N>>): RecordTable<N> {
  return {
    get table() {
      return store.table;
    },
    perRecord: false,
    all: store.all,
    get: store.get,
    ids: store.ids,
    add: store.add,
    put: store.put,
    delete: store.delete,
    stored: (records) => ({
      values: store.records(records),
      keyOf: (value) => (value as SessionList<RecordOf<N>>).sessionId,
    }),
  };
}

const agendaTable = listTable<'agendaItems'>(agendaStore);
const takeawayTable = listTable<'takeaways'>(takeawayStore);
const noteTable = listTable<'notes'>(noteStore);

export function recordTable<T extends TableName>(name: T): RecordTable<T> {
  if (name === 'agendaItems') return agendaTable as RecordTable<T>;
  if (name === 'takeaways') return takeawayTable as RecordTable<T>;
  if (name === 'notes') return noteTable as RecordTable<T>;
  return plainTable(name as Exclude<TableName, ListedName>) as RecordTable<T>;
}

/** The Dexie tables of every kind of record, for a transaction over all of them. */
export function recordTables(): Table[] {
  return TABLE_NAMES.map((name) => recordTable(name).table);
}
